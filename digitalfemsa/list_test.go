package digitalfemsa

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/google/go-querystring/query"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func po(id string) string {
	return `{"id":"` + id + `","object":"payout_order","status":"pending","amount":100}`
}

func TestAllFollowsCursorsNotHosts(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	var queries []string
	mt.RegisterResponder("GET", ProductionURL+"/payout_orders", func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		switch r.URL.Query().Get("next") {
		case "":
			return httpmock.NewStringResponse(200, listJSON(po("a")+","+po("b"), true, "b")), nil
		case "b":
			// next_page_url on a foreign host: only its cursor is used.
			return httpmock.NewStringResponse(200, `{"object":"list","has_more":true,"next_page_url":"https://evil.example/payout_orders?limit=2&next=d","data":[`+po("c")+","+po("d")+`]}`), nil
		case "d":
			return httpmock.NewStringResponse(200, listJSON(po("e"), false, "")), nil
		}
		return httpmock.NewStringResponse(500, ""), nil
	})
	p := &ListParams{Limit: 2, Search: "x"}
	var ids []string
	for item, err := range c.PayoutOrders.All(ctx, p) {
		require.NoError(t, err)
		ids = append(ids, item.ID)
	}
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, ids)
	assert.Equal(t, []string{"limit=2&search=x", "limit=2&next=b&search=x", "limit=2&next=d&search=x"}, queries)
	assert.Equal(t, &ListParams{Limit: 2, Search: "x"}, p)
	assert.Equal(t, 0, mt.GetCallCountInfo()["GET https://evil.example/payout_orders"])
}

func TestAllFallsBackToLastID(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("GET", ProductionURL+"/customers", func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("next") == "" {
			return httpmock.NewStringResponse(200, `{"object":"list","has_more":true,"next_page_url":null,"data":[{"id":"cus_a"}]}`), nil
		}
		assert.Equal(t, "cus_a", r.URL.Query().Get("next"))
		return httpmock.NewStringResponse(200, `{"object":"list","has_more":false,"data":[{"id":"cus_b"}]}`), nil
	})
	var ids []string
	for cus, err := range c.Customers.All(ctx, nil) {
		require.NoError(t, err)
		ids = append(ids, cus.ID)
	}
	assert.Equal(t, []string{"cus_a", "cus_b"}, ids)
}

func TestAllStopsOnBreakAndShortPage(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/orders", 200, listJSON(`{"id":"o1"},{"id":"o2"}`, true, "o2"))
	for range c.Orders.All(ctx, &ListParams{Limit: 2}) {
		break
	}
	assert.Equal(t, 1, rec.Count())

	// has_more true but a page shorter than the limit ends the walk.
	c2, mt2 := setup(t)
	rec2 := respond(mt2, "GET", "/orders", 200, listJSON(`{"id":"o1"}`, true, "o1"))
	n := 0
	for _, err := range c2.Orders.All(ctx, &ListParams{Limit: 2}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, 1, rec2.Count())
	page, err := c2.Orders.List(ctx, &ListParams{Limit: 2})
	require.NoError(t, err)
	assert.False(t, page.HasMore)
}

func TestAllYieldsErrorOnce(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("GET", ProductionURL+"/events", func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("next") == "" {
			return httpmock.NewStringResponse(200, listJSON(`{"id":"e1"}`, true, "e1")), nil
		}
		return httpmock.NewStringResponse(401, `{"object":"error","type":"authentication_error","details":[]}`), nil
	})
	var errs []error
	n := 0
	for ev, err := range c.Events.All(ctx, nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
		assert.Equal(t, "e1", ev.ID)
	}
	assert.Equal(t, 1, n)
	require.Len(t, errs, 1)
	var e *Error
	assert.True(t, errors.As(errs[0], &e))
	assert.Equal(t, ErrorTypeAuthentication, e.Type)
}

func TestAllWebhookKeys(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", "/webhook_keys", 200, listJSON(webhookKeyJSON, false, ""))
	n := 0
	for k, err := range c.WebhookKeys.All(ctx, &ListParams{}) {
		require.NoError(t, err)
		assertWebhookKey(t, k)
		n++
	}
	assert.Equal(t, 1, n)
}

func TestCursorFrom(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "cus_2sthLBEZRLp2s6GWc", cursorFrom("https://api.digitalfemsa.io/customers?limit=21&next=cus_2sthLBEZRLp2s6GWc", "next"))
	assert.Equal(t, "", cursorFrom("", "next"))
	assert.Equal(t, "", cursorFrom("://bad", "next"))
	assert.Equal(t, "p1", cursorFrom("/customers?previous=p1", "previous"))
}

// A list answer without its "data" array, or with a null item, is refused:
// an empty page would tell a reconciliation that nothing exists.
func TestListRefusesMissingDataAndNullItems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
	}{
		{"empty object", `{}`},
		{"null data", `{"object":"list","has_more":false,"data":null}`},
		{"data under another key", `{"object":"list","has_more":false,"items":[` + po("a") + `]}`},
		{"null item", `{"object":"list","has_more":false,"data":[` + po("a") + `,null]}`},
		{"only a null item", `{"object":"list","has_more":false,"data":[null]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			respond(mt, "GET", "/payout_orders", 200, tt.body)
			page, err := c.PayoutOrders.List(ctx, &ListParams{Search: "ref-1"})
			require.ErrorIs(t, err, ErrMalformedResponse)
			assert.Nil(t, page)
			var got []string
			for item, err := range c.PayoutOrders.All(ctx, nil) {
				if err != nil {
					assert.ErrorIs(t, err, ErrMalformedResponse)
					continue
				}
				got = append(got, item.ID)
			}
			assert.Empty(t, got, "no item of a refused page is yielded")
		})
	}
}

func TestListAcceptsEmptyDataArray(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", "/payout_orders", 200, listJSON("", false, ""))
	page, err := c.PayoutOrders.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, page.Data)
	assert.NotNil(t, page.Data)
	assert.False(t, page.HasMore)
}

func TestOpsListsRefuseMalformedPages(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`{"object":"list","has_more":false}`, `{"object":"list","has_more":false,"data":null}`, `{"object":"list","has_more":false,"data":[null]}`} {
		c, mt := setup(t)
		respond(mt, "GET", "/checkouts", 200, body)
		_, err := c.Checkouts.List(ctx, nil)
		assert.ErrorIs(t, err, ErrMalformedResponse, body)
	}
	// Logs document "data": null as an empty list.
	c, mt := setup(t)
	respond(mt, "GET", "/logs", 200, `{"object":"list","has_more":false,"data":null}`)
	pg, err := c.Logs.List(ctx, nil)
	require.NoError(t, err)
	assert.Nil(t, pg.Data, "null stays nil")
	assert.False(t, pg.HasMore)
}

func tx(id string) string { return `{"id":"` + id + `","object":"transaction","amount":100}` }

// TestAllQueriesEveryPage: a walk sends the caller's filters on every
// page, escaped and sorted as encoding each page's params would, with the
// caller's cursors on the first page and the page's next cursor after.
func TestAllQueriesEveryPage(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	pages := []string{listJSON(tx("t1")+","+tx("t2"), true, "t%2F2+%2B"), listJSON(tx("t3")+","+tx("t4"), true, "t4"),
		listJSON(tx("t5")+","+tx("t6"), true, "t6"), listJSON(tx("t7"), false, "")}
	var queries []string
	mt.RegisterResponder("GET", ProductionURL+"/transactions", func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		if len(queries) > len(pages) {
			return httpmock.NewStringResponse(500, ""), nil
		}
		return httpmock.NewStringResponse(200, pages[len(queries)-1]), nil
	})
	p := &TransactionListParams{Limit: 2, Next: "t 0&x", ChargeID: "ch_1+2", Type: TransactionCapture, Currency: "MXN", ID: "t@1"}
	n := 0
	for _, err := range c.Transactions.All(ctx, p) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 7, n)
	assert.Equal(t, []string{
		"charge_id=ch_1%2B2&currency=MXN&id=t%401&limit=2&next=t+0%26x&type=capture",
		"charge_id=ch_1%2B2&currency=MXN&id=t%401&limit=2&next=t%2F2+%2B&type=capture",
		"charge_id=ch_1%2B2&currency=MXN&id=t%401&limit=2&next=t4&type=capture",
		"charge_id=ch_1%2B2&currency=MXN&id=t%401&limit=2&next=t6&type=capture",
	}, queries)
	// What List sends for the same page, cursor by cursor.
	for i, next := range []string{"t 0&x", "t/2 +", "t4", "t6"} {
		pp := *p
		pp.Next = next
		v, err := query.Values(&pp)
		require.NoError(t, err)
		assert.Equal(t, v.Encode(), queries[i])
	}
	assert.Equal(t, "t 0&x", p.Next) // params untouched

	// A walk that starts from Previous: the next pages leave it out.
	queries = nil
	n = 0
	for _, err := range c.Transactions.All(ctx, &TransactionListParams{Previous: "t9", Currency: "MXN"}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 7, n)
	assert.Equal(t, []string{"currency=MXN&previous=t9", "currency=MXN&next=t%2F2+%2B", "currency=MXN&next=t4", "currency=MXN&next=t6"}, queries)
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

// walkAllocs is the allocations of a walk of full pages of two
// transactions and a last page of one.
func walkAllocs(t *testing.T, p *TransactionListParams, full int) float64 {
	t.Helper()
	rt := &cannedPages{}
	for i := range full {
		a, b := fmt.Sprintf("t%d", 2*i+1), fmt.Sprintf("t%d", 2*i+2)
		rt.pages = append(rt.pages, []byte(listJSON(tx(a)+","+tx(b), true, b)))
	}
	rt.pages = append(rt.pages, []byte(listJSON(tx("t9"), false, "")))
	c, err := NewClient(testKey, WithHTTPClient(&http.Client{Transport: rt}), WithMaxRetries(0))
	require.NoError(t, err)
	return testing.AllocsPerRun(20, func() {
		rt.n = 0
		n := 0
		for _, err := range c.Transactions.All(ctx, p) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != 2*full+1 || rt.n != full+1 {
			t.Fatalf("walked %d transactions in %d pages", n, rt.n)
		}
	})
}

// TestAllEncodesFiltersOncePerWalk: what a page of a walk costs does not
// depend on the filters, which go-querystring encodes once per walk. A
// page that encoded them again would cost what encoding them costs (enc).
// Not parallel: AllocsPerRun counts every goroutine's allocations.
func TestAllEncodesFiltersOncePerWalk(t *testing.T) {
	light := &TransactionListParams{Limit: 2}
	heavy := &TransactionListParams{Limit: 2, ID: "t@1", ChargeID: "ch_1", Type: TransactionCapture, Currency: "MXN"}
	encode := func(p *TransactionListParams) float64 {
		return testing.AllocsPerRun(20, func() {
			v, err := query.Values(p)
			if err != nil {
				t.Fatal(err)
			}
			_ = v.Encode()
		})
	}
	enc := encode(heavy) - encode(light)
	require.GreaterOrEqual(t, enc, 8.0, "the filters cost too little to tell")
	perPage := func(p *TransactionListParams) float64 { return (walkAllocs(t, p, 4) - walkAllocs(t, p, 2)) / 2 }
	heavyPage, lightPage := perPage(heavy), perPage(light)
	t.Logf("a page: %.1f allocations with 5 filters, %.1f with one; encoding the 4 more: %.1f", heavyPage, lightPage, enc)
	assert.Less(t, heavyPage-lightPage, enc/2, "a page of the walk pays for encoding the filters")
}
