package srpago

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// webhookOp is the documented OXXO notification: numbers where listings
// have strings.
const webhookOp = `{"transaction":"MjY2NzIxMw==","timestamp":"2019-02-01T14:46:36-06:00",
  "payment_method":"OXX","authorization_code":"4460DDBC","status":"N","reference":{"description":"Pago"},
  "card":{"holder_name":"Banco pruebas","type":"OXXO","number":"0000","label":"","raw":"0000","noSignature":"0"},
  "total":{"amount":"100.00","currency":"MXN"},"tip":{"amount":"0.00","currency":"MXN"},
  "fee":{"amount":5.8,"currency":"MXN"},
  "origin":{"location":{"latitude":"0.000000","longitude":"0.000000"}},"affiliation":0,
  "url":"https://sandbox-connect.srpago.com/recipe/x","hasDevolution":true}`

func TestOperationsGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodGet, testBase+"/v1/operations/MjY2NzIxMw==", 200, ok(webhookOp))
	op, err := c.Operations.Get(ctx, "MjY2NzIxMw==")
	require.NoError(t, err)
	r, _ := cap.Last(t)
	assertHeaders(t, r, false)
	assert.Equal(t, &Operation{
		TransactionID: "MjY2NzIxMw==", Timestamp: op.Timestamp, PaymentMethod: "OXX", AuthorizationCode: "4460DDBC",
		Status: StatusApproved, Description: "Pago",
		Card:   OperationCard{HolderName: "Banco pruebas", Type: "OXXO", Number: "0000"},
		Amount: 10000, Currency: "MXN", Fee: 580, Affiliation: "0", ReceiptURL: "https://sandbox-connect.srpago.com/recipe/x",
		Reversed: true,
	}, op)
	assert.True(t, op.Timestamp.Equal(time.Date(2019, 2, 1, 20, 46, 36, 0, time.UTC)))
}

func TestOperationsListQuery(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodGet, testBase+"/v1/operations", 200,
		ok(`{"total":842,"sales":"707305.04","operations":[`+webhookOp+`,`+webhookOp+`]}`))
	mx := time.FixedZone("CST", -6*3600)
	p := &OperationListParams{
		StartDate: time.Date(2026, 3, 1, 23, 30, 0, 0, mx), EndDate: time.Date(2026, 3, 31, 0, 0, 0, 0, mx),
		CardType: CardTypeMastercard, Operator: "caja@example.mx", ChargeMethod: ChargeMethodCard, Limit: 2, Offset: 10,
	}
	page, err := c.Operations.List(ctx, p)
	require.NoError(t, err)
	r, _ := cap.Last(t)
	assertHeaders(t, r, false)
	assert.Equal(t, "card_type=MAST&charge_method=CARD&end_date=2026-03-31&limit=2&offset=10&operator=caja%40example.mx&start_date=2026-03-01", r.URL.RawQuery)
	assert.Len(t, page.Data, 2)
	assert.Equal(t, 842, page.Total)
	assert.True(t, page.HasMore)
	assert.Equal(t, int64(10000), page.Data[1].Amount)
}

func TestOperationsListUnreliableTotal(t *testing.T) {
	t.Parallel()
	// The ECOMMERCE listing says total 0 beside a non-empty list: a full
	// page still means there may be more.
	c, mt := setup(t)
	reply(mt, http.MethodGet, testBase+"/v1/operations", 200, ok(`{"total":0,"operations":[{"transaction":"MQ==","total":{"amount":121}},{"transaction":"Mg=="}]}`))
	page, err := c.Operations.List(ctx, &OperationListParams{Limit: 2})
	require.NoError(t, err)
	assert.True(t, page.HasMore)
	assert.Equal(t, int64(12100), page.Data[0].Amount)
}

func TestOperationsAll(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponderWithQuery(http.MethodGet, testBase+"/v1/operations", "limit=2&card_type=VISA",
		httpmockString(ok(`{"total":3,"operations":[{"transaction":"MQ=="},{"transaction":"Mg=="}]}`)))
	mt.RegisterResponderWithQuery(http.MethodGet, testBase+"/v1/operations", "limit=2&offset=2&card_type=VISA",
		httpmockString(ok(`{"total":3,"operations":[{"transaction":"Mw=="}]}`)))
	var ids []string
	for op, err := range c.Operations.All(ctx, &OperationListParams{Limit: 2, CardType: CardTypeVisa}) {
		require.NoError(t, err)
		ids = append(ids, op.TransactionID)
	}
	assert.Equal(t, []string{"MQ==", "Mg==", "Mw=="}, ids)
	assert.Equal(t, 2, calls(mt))

	// An error is yielded once and ends the walk.
	c2, mt2 := setup(t)
	reply(mt2, http.MethodGet, testBase+"/v1/operations", 401, `{"success":false,"error":{"code":"InvalidCredentialsException","message":"no"}}`)
	n := 0
	for op, err := range c2.Operations.All(ctx, nil) {
		n++
		assert.Nil(t, op)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 401, e.StatusCode)
	}
	assert.Equal(t, 1, n)
}

// Sr. Pago keeps dates in Mexico City: the filter dates are taken there,
// whatever the caller's time zone, so a decoded (UTC) timestamp passed back
// searches its operation's own day.
func TestOperationsListDatesInMexicoCity(t *testing.T) {
	t.Parallel()
	// 2016-06-17T20:11:33-05:00 decodes to 2016-06-18 01:11 UTC.
	var op Operation
	require.NoError(t, op.UnmarshalJSON([]byte(`{"transaction":"MQ==","timestamp":"2016-06-17T20:11:33-05:00"}`)))
	tokyo := time.FixedZone("JST", 9*3600)
	mx := time.FixedZone("CST", -6*3600)
	tests := []struct {
		name       string
		start, end time.Time
		wantQuery  string
	}{
		{"decoded timestamp", op.Timestamp.Time, op.Timestamp.Time, "end_date=2016-06-17&start_date=2016-06-17"},
		{"midnight UTC is the evening before", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Time{}, "start_date=2026-02-28"},
		{"Tokyo morning", time.Time{}, time.Date(2026, 3, 2, 9, 0, 0, 0, tokyo), "end_date=2026-03-01"},
		{"Mexico City dates kept", time.Date(2026, 3, 1, 0, 0, 0, 0, mx), time.Date(2026, 3, 31, 23, 59, 0, 0, mx), "end_date=2026-03-31&start_date=2026-03-01"},
		// One Mexico City day, the end an earlier instant: a valid range.
		{"same day, end earlier", time.Date(2026, 3, 1, 23, 0, 0, 0, mx), time.Date(2026, 3, 1, 8, 0, 0, 0, mx), "end_date=2026-03-01&start_date=2026-03-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			cap := reply(mt, http.MethodGet, testBase+"/v1/operations", 200, ok(`{"total":0,"operations":[]}`))
			_, err := c.Operations.List(ctx, &OperationListParams{StartDate: tt.start, EndDate: tt.end})
			require.NoError(t, err)
			r, _ := cap.Last(t)
			assert.Equal(t, tt.wantQuery, r.URL.RawQuery)
		})
	}

	// The order of the dates is checked on Mexico City days too: 01:00
	// UTC on 2 March is still 1 March there, before a 2 March start.
	c, mt := setup(t)
	_, err := c.Operations.List(ctx, &OperationListParams{StartDate: time.Date(2026, 3, 2, 0, 0, 0, 0, mx),
		EndDate: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)})
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.Zero(t, calls(mt))
}

// TestAllEndsOnWrappingList: a list whose offsets wrap around (past the
// end it answers from the start again) ends All with an error matching
// ErrMalformedResponse instead of walking forever.
func TestAllEndsOnWrappingList(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	ids := []string{"MQ==", "Mg==", "Mw==", "NA==", "NQ=="}
	mt.RegisterResponder(http.MethodGet, testBase+"/v1/operations", func(r *http.Request) (*http.Response, error) {
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		var items []string
		for i := 0; i < 2; i++ {
			items = append(items, `{"transaction":"`+ids[(off+i)%len(ids)]+`","total":{"amount":"1.00","currency":"MXN"}}`)
		}
		return httpmock.NewStringResponse(200, ok(`{"total":0,"operations":[`+strings.Join(items, ",")+`]}`)), nil
	})
	n := 0
	var last error
	for _, err := range c.Operations.All(ctx, &OperationListParams{Limit: 2}) {
		if err != nil {
			last = err
			break
		}
		if n++; n > 100 {
			t.Fatal("All walks a wrapping list forever")
		}
	}
	require.Error(t, last)
	assert.ErrorIs(t, last, ErrMalformedResponse)
	assert.LessOrEqual(t, n, 2*len(ids)+2)
}

// A list that loops back to a later page than its first (pages 1, 2, 3,
// 2, 3, …) is ended too, by the walk's constant-memory cycle check.
func TestAllEndsOnListLoopingToALaterPage(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder(http.MethodGet, testBase+"/v1/operations", func(r *http.Request) (*http.Response, error) {
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		page := off / 2
		if page > 2 {
			page = 1 + (page-1)%2 // 0, 1, 2, 1, 2, …
		}
		items := opItem("P"+strconv.Itoa(page)+"a") + "," + opItem("P"+strconv.Itoa(page)+"b")
		return httpmock.NewStringResponse(200, ok(`{"total":0,"operations":[`+items+`]}`)), nil
	})
	n := 0
	var last error
	for _, err := range c.Operations.All(ctx, &OperationListParams{Limit: 2}) {
		if err != nil {
			last = err
			break
		}
		if n++; n > 100 {
			t.Fatal("All walks a looping list forever")
		}
	}
	assert.ErrorIs(t, last, ErrMalformedResponse)
	assert.LessOrEqual(t, n, 12, "found within about twice the loop")
}

// opItem is an operation of a listing page, all of one size.
func opItem(id string) string {
	return `{"transaction":"` + id + `","total":{"amount":"1.00","currency":"MXN"}}`
}

// TestOperationsAllQueriesEveryPage: a walk sends the caller's filters on
// every page, escaped and sorted as encoding each page's params would,
// with the page's offset (none at 0).
func TestOperationsAllQueriesEveryPage(t *testing.T) {
	t.Parallel()
	mx := time.FixedZone("CST", -6*3600)
	p := &OperationListParams{StartDate: time.Date(2026, 3, 1, 0, 0, 0, 0, mx), EndDate: time.Date(2026, 3, 31, 0, 0, 0, 0, mx),
		CardType: CardTypeVisa, Operator: "ana+ops@example.mx", ChargeMethod: "CARD", Limit: 2}
	for _, start := range []int{0, 5} {
		t.Run(strconv.Itoa(start), func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			pages := []string{opItem("T1") + "," + opItem("T2"), opItem("T3") + "," + opItem("T4"), opItem("T5") + "," + opItem("T6"), opItem("T7")}
			var queries []string
			mt.RegisterResponder(http.MethodGet, testBase+"/v1/operations", func(r *http.Request) (*http.Response, error) {
				queries = append(queries, r.URL.RawQuery)
				if len(queries) > len(pages) {
					return httpmock.NewStringResponse(500, ""), nil
				}
				return httpmock.NewStringResponse(200, ok(`{"total":0,"operations":[`+pages[len(queries)-1]+`]}`)), nil
			})
			pp := *p
			pp.Offset = start
			n := 0
			for _, err := range c.Operations.All(ctx, &pp) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, 7, n)
			want := make([]string, 4)
			for i := range want {
				offset := ""
				if at := start + 2*i; at > 0 {
					offset = "&offset=" + strconv.Itoa(at)
				}
				want[i] = "card_type=VISA&charge_method=CARD&end_date=2026-03-31&limit=2" + offset + "&operator=ana%2Bops%40example.mx&start_date=2026-03-01"
				// What List sends for the same page.
				at := pp
				at.Offset = start + 2*i
				q, err := at.query()
				require.NoError(t, err)
				assert.Equal(t, q.Encode(), want[i])
			}
			assert.Equal(t, want, queries)
			assert.Equal(t, start, pp.Offset) // params untouched
		})
	}
}

// cannedPages answers the n-th request of a walk with pages[n]: its own
// allocations are the same for every page.
type cannedPages struct {
	pages [][]byte
	n     int
}

func (c *cannedPages) RoundTrip(r *http.Request) (*http.Response, error) {
	b := c.pages[min(c.n, len(c.pages)-1)]
	c.n++
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(b)), ContentLength: int64(len(b)), Request: r}, nil
}

// walkAllocs is the allocations of a walk of full pages of two operations
// and a last page of one.
func walkAllocs(t *testing.T, p *OperationListParams, full int) float64 {
	t.Helper()
	rt := &cannedPages{}
	for i := range full {
		rt.pages = append(rt.pages, []byte(ok(`{"total":0,"operations":[`+opItem(fmt.Sprintf("T%d", 2*i+1))+","+opItem(fmt.Sprintf("T%d", 2*i+2))+`]}`)))
	}
	rt.pages = append(rt.pages, []byte(ok(`{"total":0,"operations":[`+opItem("T9")+`]}`)))
	c, err := NewClient(testKey, testSecret, WithHTTPClient(&http.Client{Transport: rt}), WithBaseURL(testBase), WithMaxRetries(0))
	require.NoError(t, err)
	return testing.AllocsPerRun(20, func() {
		rt.n = 0
		n := 0
		for _, err := range c.Operations.All(ctx, p) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != 2*full+1 || rt.n != full+1 {
			t.Fatalf("walked %d operations in %d pages", n, rt.n)
		}
	})
}

// TestOperationsAllEncodesFiltersOncePerWalk: what a page of a walk costs
// does not depend on the filters, which are encoded once per walk. A page
// that encoded them again would cost what encoding them costs (enc).
// Not parallel: AllocsPerRun counts every goroutine's allocations.
func TestOperationsAllEncodesFiltersOncePerWalk(t *testing.T) {
	mx := time.FixedZone("CST", -6*3600)
	light := &OperationListParams{Limit: 2, Offset: 3}
	heavy := &OperationListParams{StartDate: time.Date(2026, 3, 1, 0, 0, 0, 0, mx), EndDate: time.Date(2026, 3, 31, 0, 0, 0, 0, mx),
		CardType: CardTypeVisa, Operator: "ana+ops@example.mx", ChargeMethod: "CARD", Limit: 2, Offset: 3}
	encode := func(p *OperationListParams) float64 {
		return testing.AllocsPerRun(20, func() {
			q, err := p.query()
			if err != nil {
				t.Fatal(err)
			}
			_ = q.Encode()
		})
	}
	enc := encode(heavy) - encode(light)
	require.GreaterOrEqual(t, enc, 8.0, "the filters cost too little to tell")
	perPage := func(p *OperationListParams) float64 { return (walkAllocs(t, p, 4) - walkAllocs(t, p, 2)) / 2 }
	heavyPage, lightPage := perPage(heavy), perPage(light)
	t.Logf("a page: %.1f allocations with 7 filters, %.1f with two; encoding the 5 more: %.1f", heavyPage, lightPage, enc)
	assert.Less(t, heavyPage-lightPage, enc/2, "a page of the walk pays for encoding the filters")
}
