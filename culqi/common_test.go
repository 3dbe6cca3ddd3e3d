package culqi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every id that goes into a path is checked before any I/O: "", "." and
// ".." would change the request's path (POST /v2/charges/../capture is
// POST /v2/capture once resolved), so they never leave the SDK.
func TestPathIDsRefusedBeforeIO(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	md := &MetadataParams{Metadata: map[string]string{"k": "v"}}
	calls := map[string]func(id string) error{
		"Charges.Capture": func(id string) error { _, err := c.Charges.Capture(ctx, id); return err },
		"Orders.Confirm":  func(id string) error { _, err := c.Orders.Confirm(ctx, id); return err },
		"Orders.ConfirmTypes": func(id string) error {
			_, err := c.Orders.ConfirmTypes(ctx, &OrderConfirmParams{OrderID: id, OrderTypes: []string{"cip"}})
			return err
		},
		"Charges.Get":    func(id string) error { _, err := c.Charges.Get(ctx, id); return err },
		"Charges.Update": func(id string) error { _, err := c.Charges.Update(ctx, id, md); return err },
		"Tokens.Get":     func(id string) error { _, err := c.Tokens.Get(ctx, id); return err },
		"Tokens.Update":  func(id string) error { _, err := c.Tokens.Update(ctx, id, md); return err },
		"Refunds.Get":    func(id string) error { _, err := c.Refunds.Get(ctx, id); return err },
		"Refunds.Update": func(id string) error { _, err := c.Refunds.Update(ctx, id, md); return err },
		"Customers.Get":  func(id string) error { _, err := c.Customers.Get(ctx, id); return err },
		"Customers.Update": func(id string) error {
			_, err := c.Customers.Update(ctx, id, &CustomerUpdateParams{FirstName: "Ana"})
			return err
		},
		"Customers.Delete": func(id string) error { return c.Customers.Delete(ctx, id) },
		"Cards.Get":        func(id string) error { _, err := c.Cards.Get(ctx, id); return err },
		"Cards.Update": func(id string) error {
			_, err := c.Cards.Update(ctx, id, &CardUpdateParams{TokenID: "tkn_1"})
			return err
		},
		"Cards.Delete": func(id string) error { return c.Cards.Delete(ctx, id) },
		"Plans.Get":    func(id string) error { _, err := c.Plans.Get(ctx, id); return err },
		"Plans.Update": func(id string) error {
			_, err := c.Plans.Update(ctx, id, &PlanUpdateParams{Name: "Plan nuevo"})
			return err
		},
		"Plans.Delete":      func(id string) error { return c.Plans.Delete(ctx, id) },
		"Subscriptions.Get": func(id string) error { _, err := c.Subscriptions.Get(ctx, id); return err },
		"Subscriptions.Update": func(id string) error {
			_, err := c.Subscriptions.Update(ctx, id, &SubscriptionUpdateParams{CardID: "crd_1"})
			return err
		},
		"Subscriptions.Cancel":       func(id string) error { _, err := c.Subscriptions.Cancel(ctx, id); return err },
		"LegacyPlans.Get":            func(id string) error { _, err := c.LegacyPlans.Get(ctx, id); return err },
		"LegacyPlans.Update":         func(id string) error { _, err := c.LegacyPlans.Update(ctx, id, md); return err },
		"LegacyPlans.Delete":         func(id string) error { return c.LegacyPlans.Delete(ctx, id) },
		"LegacySubscriptions.Get":    func(id string) error { _, err := c.LegacySubscriptions.Get(ctx, id); return err },
		"LegacySubscriptions.Update": func(id string) error { _, err := c.LegacySubscriptions.Update(ctx, id, md); return err },
		"LegacySubscriptions.Cancel": func(id string) error { _, err := c.LegacySubscriptions.Cancel(ctx, id); return err },
		"Orders.Get":                 func(id string) error { _, err := c.Orders.Get(ctx, id); return err },
		"Orders.Update": func(id string) error {
			_, err := c.Orders.Update(ctx, id, &OrderUpdateParams{Metadata: md.Metadata})
			return err
		},
		"Orders.Delete": func(id string) error { return c.Orders.Delete(ctx, id) },
		"Events.Get":    func(id string) error { _, err := c.Events.Get(ctx, id); return err },
		"Iins.Get":      func(id string) error { _, err := c.Iins.Get(ctx, id); return err },
		"Transfers.Get": func(id string) error { _, err := c.Transfers.Get(ctx, id); return err },
	}
	for name, call := range calls {
		for _, id := range []string{"", ".", ".."} {
			err := call(id)
			require.Error(t, err, "%s(%q)", name, id)
			assert.ErrorIs(t, err, ErrInvalidParams, "%s(%q)", name, id)
			var pe *ParamError
			require.ErrorAs(t, err, &pe, "%s(%q)", name, id)
		}
	}
	assert.Zero(t, mt.GetTotalCallCount(), "a request left with a refused id")
}

// Any other id is escaped into one path segment: a slash in it cannot
// reach another endpoint.
func TestPathIDsEscaped(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	var paths []string
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		paths = append(paths, r.Method+" "+r.URL.EscapedPath())
		return httpmock.NewStringResponse(200, chargeJSON), nil
	})
	_, err := c.Charges.Capture(ctx, "../refunds")
	require.NoError(t, err)
	_, err = c.Charges.Get(ctx, "chr_1/capture")
	require.NoError(t, err)
	_, err = c.Charges.Get(ctx, "...")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"POST /v2/charges/..%2Frefunds/capture",
		"GET /v2/charges/chr_1%2Fcapture",
		"GET /v2/charges/...",
	}, paths)
}

// API.md §3: a PATCH that only sets metadata is retried like a GET; one
// that sets anything else is not repeated once it may have reached Culqi.
func TestUpdatesRetriedOnlyWhenMetadataOnly(t *testing.T) {
	t.Parallel()
	md := map[string]string{"k": "v"}
	later := time.Now().Add(48 * time.Hour)
	cases := []struct {
		name, url, answer string
		metadataOnly      bool
		call              func(c *Client) error
	}{
		{"customer metadata", "/v2/customers/cus_1", customerJSON, true, func(c *Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{Metadata: md})
			return err
		}},
		{"customer fields", "/v2/customers/cus_1", customerJSON, false, func(c *Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{AddressCity: "Cusco", Metadata: md})
			return err
		}},
		{"plan metadata", "/v2/recurrent/plans/pln_1", `{"id":"pln_1"}`, true, func(c *Client) error {
			_, err := c.Plans.Update(ctx, "pln_1", &PlanUpdateParams{Metadata: md})
			return err
		}},
		{"plan status", "/v2/recurrent/plans/pln_1", `{"id":"pln_1"}`, false, func(c *Client) error {
			_, err := c.Plans.Update(ctx, "pln_1", &PlanUpdateParams{Status: PlanStatusInactive})
			return err
		}},
		{"plan name", "/v2/recurrent/plans/pln_1", `{"id":"pln_1"}`, false, func(c *Client) error {
			_, err := c.Plans.Update(ctx, "pln_1", &PlanUpdateParams{Name: "Plan nuevo", Metadata: md})
			return err
		}},
		{"subscription metadata", "/v2/recurrent/subscriptions/sxn_1", `{"id":"sxn_1"}`, true, func(c *Client) error {
			_, err := c.Subscriptions.Update(ctx, "sxn_1", &SubscriptionUpdateParams{Metadata: md})
			return err
		}},
		{"subscription card", "/v2/recurrent/subscriptions/sxn_1", `{"id":"sxn_1"}`, false, func(c *Client) error {
			_, err := c.Subscriptions.Update(ctx, "sxn_1", &SubscriptionUpdateParams{CardID: "crd_2"})
			return err
		}},
		{"order metadata", "/v2/orders/ord_1", `{"object":"order","id":"ord_1"}`, true, func(c *Client) error {
			_, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{Metadata: md})
			return err
		}},
		{"order expiration", "/v2/orders/ord_1", `{"object":"order","id":"ord_1"}`, false, func(c *Client) error {
			_, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{ExpirationDate: later})
			return err
		}},
		{"card metadata", "/v2/cards/crd_1", cardJSON, true, func(c *Client) error {
			_, err := c.Cards.Update(ctx, "crd_1", &CardUpdateParams{Metadata: md})
			return err
		}},
		{"card token", "/v2/cards/crd_1", cardJSON, false, func(c *Client) error {
			_, err := c.Cards.Update(ctx, "crd_1", &CardUpdateParams{TokenID: "tkn_2"})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			mt.RegisterResponder("PATCH", "https://api.culqi.com"+tc.url,
				httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`).Then(httpmock.NewStringResponder(200, tc.answer)))
			err := tc.call(c)
			if tc.metadataOnly {
				require.NoError(t, err)
				assert.Equal(t, 2, mt.GetTotalCallCount())
				return
			}
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			var ce *Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, 503, ce.StatusCode)
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}

func count[T any](seq iter.Seq2[*T, error]) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Every All walks pages on paging.cursors.after and stops on a short page;
// with Before set, on paging.cursors.before.
func TestEveryAll(t *testing.T) {
	t.Parallel()
	p1 := `{"data":[{"id":"a1"},{"id":"a2"}],"paging":{"next":"n","cursors":{"before":"a1","after":"a2"},"remaining_items":1}}`
	p2 := `{"data":[{"id":"a3"}],"paging":{"next":"n","cursors":{"before":"a3","after":"a3"},"remaining_items":0}}`
	cases := []struct {
		path string
		walk func(c *Client, before string) (int, error)
	}{
		{"/v2/tokens", func(c *Client, before string) (int, error) {
			return count(c.Tokens.All(ctx, &TokenListParams{Limit: 2, Before: before}))
		}},
		{"/v2/charges", func(c *Client, before string) (int, error) {
			return count(c.Charges.All(ctx, &ChargeListParams{Limit: 2, Before: before}))
		}},
		{"/v2/refunds", func(c *Client, before string) (int, error) {
			return count(c.Refunds.All(ctx, &RefundListParams{Limit: 2, Before: before}))
		}},
		{"/v2/customers", func(c *Client, before string) (int, error) {
			return count(c.Customers.All(ctx, &CustomerListParams{Limit: 2, Before: before}))
		}},
		{"/v2/cards", func(c *Client, before string) (int, error) {
			return count(c.Cards.All(ctx, &CardListParams{Limit: 2, Before: before}))
		}},
		{"/v2/recurrent/plans", func(c *Client, before string) (int, error) {
			return count(c.Plans.All(ctx, &PlanListParams{Limit: 2, Before: before}))
		}},
		{"/v2/recurrent/subscriptions", func(c *Client, before string) (int, error) {
			return count(c.Subscriptions.All(ctx, &SubscriptionListParams{Limit: 2, Before: before}))
		}},
		{"/v2/orders", func(c *Client, before string) (int, error) {
			return count(c.Orders.All(ctx, &OrderListParams{Limit: 2, Before: before}))
		}},
		{"/v2/events", func(c *Client, before string) (int, error) {
			return count(c.Events.All(ctx, &EventListParams{Limit: 2, Before: before}))
		}},
		{"/v2/iins", func(c *Client, before string) (int, error) {
			return count(c.Iins.All(ctx, &ListParams{Limit: 2, Before: before}))
		}},
		{"/v2/transfers", func(c *Client, before string) (int, error) {
			return count(c.Transfers.All(ctx, &ListParams{Limit: 2, Before: before}))
		}},
		{"/v2/plans", func(c *Client, before string) (int, error) {
			return count(c.LegacyPlans.All(ctx, &ListParams{Limit: 2, Before: before}))
		}},
		{"/v2/subscriptions", func(c *Client, before string) (int, error) {
			return count(c.LegacySubscriptions.All(ctx, &ListParams{Limit: 2, Before: before}))
		}},
	}
	for _, tc := range cases {
		for _, before := range []string{"", "x"} {
			t.Run(tc.path+" before="+before, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				var queries []string
				mt.RegisterResponder("GET", "https://api.culqi.com"+tc.path, func(r *http.Request) (*http.Response, error) {
					queries = append(queries, r.URL.RawQuery)
					if len(queries) == 1 {
						return httpmock.NewStringResponse(200, p1), nil
					}
					return httpmock.NewStringResponse(200, p2), nil
				})
				n, err := tc.walk(c, before)
				require.NoError(t, err)
				assert.Equal(t, 3, n)
				want := []string{"limit=2", "after=a2&limit=2"}
				if before != "" {
					want = []string{"before=x&limit=2", "before=a1&limit=2"}
				}
				assert.Equal(t, want, queries)
			})
		}
	}
}

func TestAuthenticationRequiredErrorText(t *testing.T) {
	t.Parallel()
	e := &AuthenticationRequiredError{ActionCode: "CHALLENGE", RequestID: "77"}
	assert.Contains(t, e.Error(), "CHALLENGE")
	assert.Contains(t, e.Error(), "77")
	assert.ErrorIs(t, e, ErrAuthenticationRequired)
}

func TestListHasMore(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges", httpmock.NewStringResponder(200, page([]string{"c1", "c2"}, "c2", "3")))
	p, err := c.Charges.List(ctx, &ChargeListParams{Limit: 2})
	require.NoError(t, err)
	assert.True(t, p.HasMore)
	assert.Equal(t, "c2", p.Paging.Cursors.After)
	assert.Equal(t, 3, *p.Paging.RemainingItems)
	assert.Equal(t, "https://api.culqi.com/v2/charges?limit=2&after=c2", p.Paging.Next)

	// With Before, HasMore looks toward newer charges: a before cursor and
	// a full page, whatever remaining_items says.
	cases := []struct {
		body string
		want bool
	}{
		{page([]string{"c1", "c2"}, "c2", "0"), true},
		{page([]string{"c1"}, "c1", "3"), false},
		{`{"data":[{"id":"c1"},{"id":"c2"}],"paging":{"cursors":{"before":null,"after":"c2"},"remaining_items":3}}`, false},
	}
	for _, tc := range cases {
		mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges", httpmock.NewStringResponder(200, tc.body))
		p, err := c.Charges.List(ctx, &ChargeListParams{Limit: 2, Before: "chr_x"})
		require.NoError(t, err)
		assert.Equal(t, tc.want, p.HasMore, tc.body)
	}
}

// A list answer without its data array is not an empty list: reading it as
// one would tell a reconciliation that no charge exists.
func TestListNeedsData(t *testing.T) {
	t.Parallel()
	cases := []struct {
		body string
		ok   bool
	}{
		{`{"data":[],"paging":{"cursors":{"before":null,"after":null},"remaining_items":0}}`, true},
		{`{"paging":{"cursors":{"before":null,"after":null},"remaining_items":0}}`, false},
		{`{"data":null,"paging":{}}`, false},
		{`{"data":[null],"paging":{}}`, false},
	}
	for _, tc := range cases {
		c, mt := setup(t)
		on(mt, "GET", "https://api.culqi.com/v2/charges", 200, tc.body)
		p, err := c.Charges.List(ctx, &ChargeListParams{Email: "ana@example.pe"})
		if tc.ok {
			require.NoError(t, err, tc.body)
			assert.Empty(t, p.Data)
			continue
		}
		assert.ErrorIs(t, err, ErrMalformedResponse, tc.body)
		assert.Nil(t, p)
		_, err = count(c.Charges.All(ctx, nil))
		assert.ErrorIs(t, err, ErrMalformedResponse, tc.body)
	}
}

// A delete succeeds on {"deleted": true} or a 204; an answer that does not
// say the object was deleted is an error.
func TestDeleteAnswers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		status  int
		body    string
		ok      bool
		message string // an *Error's MerchantMessage; "" with !ok: malformed
	}{
		{"deleted", 200, `{"id":"cus_test_1","deleted":true,"merchant_message":"Se eliminó el cliente"}`, true, ""},
		{"no content", 204, ``, true, ""},
		{"not deleted", 200, `{"id":"cus_test_1","deleted":false,"merchant_message":"No se pudo eliminar"}`, false, "No se pudo eliminar"},
		{"not deleted, no message", 200, `{"deleted":false}`, false, "Culqi answered deleted: false"},
		{"error envelope", 200, `{"object":"error","type":"resource_error","merchant_message":"No existe"}`, false, "No existe"},
		{"no deleted field", 200, `{"id":"cus_test_1"}`, false, ""},
		{"null", 200, `null`, false, ""},
		{"array", 200, `[]`, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			on(mt, "DELETE", "https://api.culqi.com/v2/customers/cus_test_1", tc.status, tc.body)
			on(mt, "DELETE", "https://api.culqi.com/v2/recurrent/subscriptions/sxn_test_1", tc.status, tc.body)
			errDelete := c.Customers.Delete(ctx, "cus_test_1")
			res, errCancel := c.Subscriptions.Cancel(ctx, "sxn_test_1")
			for _, err := range []error{errDelete, errCancel} {
				if tc.ok {
					require.NoError(t, err)
					continue
				}
				require.Error(t, err)
				var ce *Error
				if tc.message == "" {
					assert.ErrorIs(t, err, ErrMalformedResponse)
					assert.False(t, errors.As(err, &ce))
					continue
				}
				require.ErrorAs(t, err, &ce)
				assert.Equal(t, tc.status, ce.StatusCode)
				assert.Equal(t, tc.message, ce.MerchantMessage)
				assert.Equal(t, "10142130", ce.RequestID)
			}
			if tc.ok {
				require.NotNil(t, res)
				assert.True(t, res.Deleted)
				assert.NotEmpty(t, res.ID)
			} else {
				assert.Nil(t, res)
			}
		})
	}
}

// TestAllQueriesEveryPage: a walk of four pages sends the caller's filters
// on every page, escaped and sorted as encoding each page's params would,
// with the caller's After on the first page and each page's cursor after.
func TestAllQueriesEveryPage(t *testing.T) {
	t.Parallel()
	from, to := time.Unix(1700000000, 0), time.Unix(1700086400, 0)
	p := &ChargeListParams{Limit: 2, After: "chr_x", Email: "ana+pagos@example.pe", CurrencyCode: CurrencyPEN,
		CreationDateFrom: from, CreationDateTo: to, MinAmount: 100, CardBrand: "Master Card"}
	pages := []string{page([]string{"c1", "c2 /+"}, "c2 /+", "5"), page([]string{"c3", "c4"}, "c4", "3"),
		page([]string{"c5", "c6"}, "c6", "1"), page([]string{"c7"}, "c7", "0")}
	c, mt := setup(t)
	var queries []string
	mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges", func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		if len(queries) > len(pages) {
			return httpmock.NewStringResponse(500, `{"message":"walked too far"}`), nil
		}
		return httpmock.NewStringResponse(200, pages[len(queries)-1]), nil
	})
	n, err := count(c.Charges.All(ctx, p))
	require.NoError(t, err)
	assert.Equal(t, 7, n)
	filters := "card_brand=Master+Card&creation_date_from=1700000000&creation_date_to=1700086400&currency_code=PEN" +
		"&email=ana%2Bpagos%40example.pe&limit=2&min_amount=100"
	want := []string{"after=chr_x&" + filters, "after=c2+%2F%2B&" + filters, "after=c4&" + filters, "after=c6&" + filters}
	assert.Equal(t, want, queries)
	// What List sends for the same page, cursor by cursor.
	for i, after := range []string{"chr_x", "c2 /+", "c4", "c6"} {
		pp := *p
		pp.After = after
		v, err := query.Values(&pp)
		require.NoError(t, err)
		assert.Equal(t, v.Encode(), queries[i])
	}
	assert.Equal(t, "chr_x", p.After) // params untouched

	// Toward newer objects: Before, then each page's before cursor.
	queries = nil
	pb := *p
	pb.After, pb.Before = "", "chr_y"
	n, err = count(c.Charges.All(ctx, &pb))
	require.NoError(t, err)
	assert.Equal(t, 7, n)
	assert.Equal(t, []string{"before=chr_y&" + filters, "before=c1&" + filters, "before=c3&" + filters, "before=c5&" + filters}, queries)
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

// walkAllocs is the allocations of a walk of full pages of two charges
// and a last page of one.
func walkAllocs(t *testing.T, p *ChargeListParams, full int) float64 {
	t.Helper()
	rt := &cannedPages{}
	for i := range full {
		a, b := fmt.Sprintf("c%d", 2*i+1), fmt.Sprintf("c%d", 2*i+2)
		rt.pages = append(rt.pages, []byte(page([]string{a, b}, b, "5")))
	}
	rt.pages = append(rt.pages, []byte(page([]string{"c9"}, "c9", "0")))
	c, err := NewClient(testSK, WithHTTPClient(&http.Client{Transport: rt}), WithMaxRetries(0))
	require.NoError(t, err)
	return testing.AllocsPerRun(20, func() {
		rt.n = 0
		n, err := count(c.Charges.All(ctx, p))
		if err != nil || n != 2*full+1 || rt.n != full+1 {
			t.Fatalf("walked %d charges in %d pages: %v", n, rt.n, err)
		}
	})
}

// TestAllEncodesFiltersOncePerWalk: what a page of a walk costs does not
// depend on the filters, which go-querystring encodes once per walk. A
// page that encoded them again would cost what encoding them costs (enc).
// Not parallel: AllocsPerRun counts every goroutine's allocations.
func TestAllEncodesFiltersOncePerWalk(t *testing.T) {
	light := &ChargeListParams{Limit: 2}
	heavy := &ChargeListParams{Limit: 2, Email: "ana+pagos@example.pe", CurrencyCode: CurrencyPEN,
		CreationDateFrom: time.Unix(1700000000, 0), CreationDateTo: time.Unix(1700086400, 0), Amount: 5,
		MinAmount: 1, MaxAmount: 900, Installments: 3, CardBrand: "Visa", CardType: "credito", CountryCode: "PE",
		Code: "AUT0000", DeclineCode: "x", CustomerID: "cus_1", Reference: "ref"}
	encode := func(p *ChargeListParams) float64 {
		return testing.AllocsPerRun(20, func() {
			v, err := query.Values(p)
			if err != nil {
				t.Fatal(err)
			}
			_ = v.Encode()
		})
	}
	enc := encode(heavy) - encode(light)
	require.GreaterOrEqual(t, enc, 10.0, "the filters cost too little to tell")
	perPage := func(p *ChargeListParams) float64 { return (walkAllocs(t, p, 4) - walkAllocs(t, p, 2)) / 2 }
	heavyPage, lightPage := perPage(heavy), perPage(light)
	t.Logf("a page: %.1f allocations with 15 filters, %.1f with one; encoding the 15: %.1f more", heavyPage, lightPage, enc)
	assert.Less(t, heavyPage-lightPage, enc/2, "a page of the walk pays for encoding the filters")
}

// TestAllRefusesWhatListRefuses: every All checks its params once, before
// any request, and yields the error List returns for them.
func TestAllRefusesWhatListRefuses(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	want := func(_ any, err error) error { return err }
	cases := []struct {
		name      string
		list, all error
	}{
		{"Charges", want(c.Charges.List(ctx, &ChargeListParams{Limit: 101})), first(c.Charges.All(ctx, &ChargeListParams{Limit: 101}))},
		{"Tokens", want(c.Tokens.List(ctx, &TokenListParams{Limit: -1})), first(c.Tokens.All(ctx, &TokenListParams{Limit: -1}))},
		{"Refunds", want(c.Refunds.List(ctx, &RefundListParams{Limit: 101})), first(c.Refunds.All(ctx, &RefundListParams{Limit: 101}))},
		{"Customers", want(c.Customers.List(ctx, &CustomerListParams{Limit: 101})), first(c.Customers.All(ctx, &CustomerListParams{Limit: 101}))},
		{"Cards", want(c.Cards.List(ctx, &CardListParams{Limit: 101})), first(c.Cards.All(ctx, &CardListParams{Limit: 101}))},
		{"Plans", want(c.Plans.List(ctx, &PlanListParams{Limit: 101})), first(c.Plans.All(ctx, &PlanListParams{Limit: 101}))},
		{"Subscriptions", want(c.Subscriptions.List(ctx, &SubscriptionListParams{Limit: 101})),
			first(c.Subscriptions.All(ctx, &SubscriptionListParams{Limit: 101}))},
		{"Orders", want(c.Orders.List(ctx, &OrderListParams{Limit: 101})), first(c.Orders.All(ctx, &OrderListParams{Limit: 101}))},
		{"Events", want(c.Events.List(ctx, &EventListParams{Limit: 101})), first(c.Events.All(ctx, &EventListParams{Limit: 101}))},
		{"Iins", want(c.Iins.List(ctx, &ListParams{Limit: 101})), first(c.Iins.All(ctx, &ListParams{Limit: 101}))},
		{"Transfers", want(c.Transfers.List(ctx, &ListParams{Limit: 101})), first(c.Transfers.All(ctx, &ListParams{Limit: 101}))},
		{"LegacyPlans", want(c.LegacyPlans.List(ctx, &ListParams{Limit: 101})), first(c.LegacyPlans.All(ctx, &ListParams{Limit: 101}))},
		{"LegacySubscriptions", want(c.LegacySubscriptions.List(ctx, &ListParams{Limit: 101})),
			first(c.LegacySubscriptions.All(ctx, &ListParams{Limit: 101}))},
	}
	for _, tc := range cases {
		require.ErrorIs(t, tc.list, ErrInvalidParams, tc.name)
		require.ErrorIs(t, tc.all, ErrInvalidParams, tc.name)
		assert.Equal(t, tc.list.Error(), tc.all.Error(), tc.name)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "refused params send nothing")
}

// first is the first error a walk yields.
func first[T any](seq iter.Seq2[*T, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}
