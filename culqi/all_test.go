package culqi

import (
	"iter"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestLegacyReadUpdateDelete(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "GET", "https://api.culqi.com/v2/plans/pln_1", 200, `{"object":"plan","id":"pln_1","interval":"Meses"}`)
	up := on(mt, "PATCH", "https://api.culqi.com/v2/plans/pln_1", 200, `{"object":"plan","id":"pln_1"}`)
	on(mt, "DELETE", "https://api.culqi.com/v2/plans/pln_1", 200, `{"id":"pln_1","deleted":true}`)
	on(mt, "GET", "https://api.culqi.com/v2/subscriptions/sub_1", 200, `{"object":"subscription","id":"sub_1","status":"Activa","plan":{"id":"pln_1"}}`)
	on(mt, "PATCH", "https://api.culqi.com/v2/subscriptions/sub_1", 200, `{"object":"subscription","id":"sub_1"}`)
	on(mt, "DELETE", "https://api.culqi.com/v2/subscriptions/sub_1", 200, `{"id":"sub_1","deleted":true,"merchant_message":"ok"}`)
	p, err := c.LegacyPlans.Get(ctx, "pln_1")
	require.NoError(t, err)
	assert.Equal(t, "Meses", p.Interval)
	_, err = c.LegacyPlans.Update(ctx, "pln_1", &MetadataParams{Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	_, body := up.Last(t)
	assert.JSONEq(t, `{"metadata":{"k":"v"}}`, body)
	require.NoError(t, c.LegacyPlans.Delete(ctx, "pln_1"))
	s, err := c.LegacySubscriptions.Get(ctx, "sub_1")
	require.NoError(t, err)
	assert.Equal(t, "pln_1", s.Plan.ID)
	_, err = c.LegacySubscriptions.Update(ctx, "sub_1", &MetadataParams{Metadata: map[string]string{}})
	require.NoError(t, err)
	res, err := c.LegacySubscriptions.Cancel(ctx, "sub_1")
	require.NoError(t, err)
	assert.True(t, res.Deleted)
}

func TestBillableCallsNeverRetried(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithMaxRetries(3))
	for _, u := range []string{"/v2/cards", "/v2/recurrent/subscriptions/create", "/v2/orders/ord_1/confirm", "/v2/orders/confirm", "/v2/subscriptions"} {
		mt.RegisterResponder("POST", "https://api.culqi.com"+u, httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`))
	}
	calls := []func() error{
		func() error {
			_, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_1", TokenID: "tkn_1"})
			return err
		},
		func() error {
			_, err := c.Subscriptions.Create(ctx, &SubscriptionParams{CardID: "crd_1", PlanID: "pln_1", TermsAccepted: true})
			return err
		},
		func() error { _, err := c.Orders.Confirm(ctx, "ord_1"); return err },
		func() error {
			_, err := c.Orders.ConfirmTypes(ctx, &OrderConfirmParams{OrderID: "ord_1", OrderTypes: []string{"cip"}})
			return err
		},
		func() error {
			_, err := c.LegacySubscriptions.Create(ctx, &LegacySubscriptionParams{CardID: "crd_1", PlanID: "pln_1"})
			return err
		},
	}
	for i, call := range calls {
		err := call()
		assert.ErrorIs(t, err, ErrOutcomeUnknown, i)
		assert.Equal(t, i+1, mt.GetTotalCallCount(), i)
	}
	// A 429 says the request was refused: it is retried even on a charge.
	c2, mt2 := setup(t, WithMaxRetries(2))
	mt2.RegisterResponder("POST", "https://api.culqi.com/v2/charges", httpmock.NewStringResponder(429,
		`{"object":"error","type":"limit_api_error","merchant_message":"Demasiadas peticiones"}`).Then(httpmock.NewStringResponder(201, chargeJSON)))
	_, err := c2.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_1"})
	require.NoError(t, err)
	assert.Equal(t, 2, mt2.GetTotalCallCount())
}

func TestAuthenticationRequiredErrorText(t *testing.T) {
	t.Parallel()
	e := &AuthenticationRequiredError{ActionCode: "CHALLENGE", RequestID: "77"}
	assert.Contains(t, e.Error(), "CHALLENGE")
	assert.Contains(t, e.Error(), "77")
	assert.ErrorIs(t, e, ErrAuthenticationRequired)
}
