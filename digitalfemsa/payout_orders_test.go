package digitalfemsa

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func assertPayoutOrder(t *testing.T, po *PayoutOrder) {
	t.Helper()
	assert.Equal(t, "9a67e7ef-784b-468f-be54-06bc9c1834fb", po.ID)
	assert.Equal(t, "payout_order", po.Object)
	assert.Equal(t, "1025292250000330", po.Reference)
	assert.Equal(t, PayoutOrderStatusPending, po.Status)
	assert.Equal(t, int64(3000), po.Amount)
	assert.Equal(t, "MXN", po.Currency)
	assert.Equal(t, "Prueba", po.Reason)
	assert.True(t, po.Livemode)
	assert.Equal(t, []string{"cashout"}, po.AllowedPayoutMethods)
	assert.Equal(t, int64(1668117996), po.CreatedAt.Unix())
	assert.Equal(t, int64(1668117998), po.UpdatedAt.Unix())
	assert.Equal(t, int64(1668290795), po.ExpiresAt.Unix())
	assert.Equal(t, PayoutCustomer{Object: "customer_info", ID: "cus_2snrLE3jZ2hzi8quw", Name: "Cliente cashout", Email: "cashout@example.mx", Phone: "525566778899",
		CustomerCustomReference: ptr("c-1")}, po.CustomerInfo)
	assert.Equal(t, Metadata{"client": "client 1"}, po.Metadata)
	require.Len(t, po.Payouts, 1)
	p := po.Payouts[0]
	assert.Equal(t, "payout_2sppYGEBPkxrM8rM7", p.ID)
	assert.Equal(t, "payout", p.Object)
	assert.Equal(t, int64(3000), p.Amount)
	assert.Equal(t, "MXN", p.Currency)
	assert.True(t, p.Livemode)
	assert.Equal(t, "open", p.Status)
	assert.Equal(t, po.ID, p.PayoutOrderID)
	assert.Equal(t, int64(1668290795), p.ExpiresAt.Unix())
	assert.Equal(t, &PayoutMethod{Object: "payout_method", Type: "cashout"}, p.PayoutMethod)
}

func TestPayoutOrdersCreateDefaults(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/payout_orders", 200, payoutOrderJSON)
	po, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_2oAokFrKM7CyVxGJm", Reason: "Referencia de retiro en efectivo",
		Metadata: map[string]string{"custom_client_id": "12345"}, ReconcileKey: "po-12345"})
	require.NoError(t, err)
	// The guide's exact body.
	checkRequest(t, rec, "POST", "/payout_orders", "", `{"currency":"MXN","amount":3000,"customer_info":{"customer_id":"cus_2oAokFrKM7CyVxGJm"},
		"allowed_payout_methods":["cashout"],"reason":"Referencia de retiro en efectivo","payout":{"payout_method":{"type":"cashout"}},
		"metadata":{"custom_client_id":"12345","latampay_key":"po-12345"}}`)
	assertPayoutOrder(t, po)
}

func TestPayoutOrdersCreateAllFields(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/payout_orders", 200, payoutOrderJSON)
	exp := time.Now().Add(48 * time.Hour).Truncate(time.Second)
	allowed := []string{"cashout", "cash"}
	p := &PayoutOrderParams{Amount: 100000, Currency: "USD", CustomerID: "cus_1", Reason: "Retiro de saldo", PayoutMethod: "cash",
		AllowedPayoutMethods: allowed, ExpiresAt: exp, ReconcileKey: "a.b_c:d-E9"}
	_, err := c.PayoutOrders.Create(ctx, p)
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/payout_orders", "", `{"currency":"USD","amount":100000,"customer_info":{"customer_id":"cus_1"},
		"allowed_payout_methods":["cashout","cash"],"reason":"Retiro de saldo","payout":{"payout_method":{"type":"cash"}},
		"expires_at":`+strconv.FormatInt(exp.Unix(), 10)+`,"metadata":{"latampay_key":"a.b_c:d-E9"}}`)
	assert.Equal(t, []string{"cashout", "cash"}, p.AllowedPayoutMethods)
	assert.Equal(t, "cash", p.PayoutMethod)
}

func TestPayoutOrdersGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/payout_orders/9a67e7ef-784b-468f-be54-06bc9c1834fb", 200, payoutOrderJSON)
	po, err := c.PayoutOrders.Get(ctx, "9a67e7ef-784b-468f-be54-06bc9c1834fb")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/payout_orders/9a67e7ef-784b-468f-be54-06bc9c1834fb", "", "")
	assertPayoutOrder(t, po)
}

func TestPayoutOrdersCancel(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "PUT", "/payout_orders/po_1/cancel", 200, `{"id":"po_1","object":"payout_order","status":"cancelled","amount":3000,"currency":"MXN","payouts":[]}`)
	po, err := c.PayoutOrders.Cancel(ctx, "po_1")
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", "/payout_orders/po_1/cancel", "", "")
	assert.Equal(t, PayoutOrderStatusCancelled, po.Status)
	assert.False(t, po.Status.Active())
}

func TestPayoutOrdersUnknownStatusDecodes(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", "/payout_orders/po_1", 200, `{"id":"po_1","status":"paid_out_at_store","expires_at":"2023-03-20T14:11:08+00:00","created_at":"1668117996","metadata":null}`)
	po, err := c.PayoutOrders.Get(ctx, "po_1")
	require.NoError(t, err)
	assert.Equal(t, PayoutOrderStatus("paid_out_at_store"), po.Status)
	assert.False(t, po.Status.Active())
	assert.Equal(t, time.Date(2023, 3, 20, 14, 11, 8, 0, time.UTC), po.ExpiresAt.UTC())
	assert.Equal(t, int64(1668117996), po.CreatedAt.Unix())
	assert.Empty(t, po.Metadata)
}

func TestPayoutOrdersList(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/payout_orders", 200, listJSON(payoutOrderJSON, false, ""))
	page, err := c.PayoutOrders.List(ctx, &ListParams{Limit: 10, Next: "po_0"})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/payout_orders", "limit=10&next=po_0", "")
	require.Len(t, page.Data, 1)
	assertPayoutOrder(t, page.Data[0])
	assert.False(t, page.HasMore)
	assert.Empty(t, page.Next)
}

// Money-moving calls are never repeated once they may have arrived.
func TestMoneyMovingCallsAreNotRetried(t *testing.T) {
	t.Parallel()
	calls := map[string]func(c *Client) error{
		"POST /payout_orders": func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r"})
			return err
		},
		"PUT /payout_orders/po_1/cancel": func(c *Client) error { _, err := c.PayoutOrders.Cancel(ctx, "po_1"); return err },
		"POST /orders": func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "cus_1"}, LineItems: []LineItem{{Name: "a", UnitPrice: 1, Quantity: 1}}})
			return err
		},
		"POST /orders/ord_1/refunds": func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "ord_1", &RefundParams{Amount: 100, Reason: RefundOther})
			return err
		},
	}
	for route, call := range calls {
		for _, status := range []int{500, 502, 503, 504} {
			t.Run(route+"/"+strconv.Itoa(status), func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				method, path, _ := cut(route)
				body := `{"object":"error","type":"api_error","log_id":"l1","details":[{"code":"femsa.errors.api.system.general_failure","message":"x","debug_message":"x"}]}`
				if status != 500 {
					body = "<html>Bad Gateway</html>"
				}
				rec := respondWith(mt, method, path, httpmock.NewStringResponder(status, body).Then(httpmock.NewStringResponder(200, payoutOrderJSON)))
				err := call(c)
				require.Error(t, err)
				assert.True(t, errors.Is(err, ErrOutcomeUnknown), "%v", err)
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, status, e.StatusCode)
				assert.Equal(t, 1, rec.Count())
			})
		}
		t.Run(route+"/connection-reset", func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			method, path, _ := cut(route)
			rec := respondWith(mt, method, path, httpmock.NewErrorResponder(errors.New("connection reset by peer")).Then(httpmock.NewStringResponder(200, payoutOrderJSON)))
			err := call(c)
			assert.True(t, errors.Is(err, ErrOutcomeUnknown), "%v", err)
			assert.Equal(t, 1, rec.Count())
		})
		t.Run(route+"/429-is-retried", func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			method, path, _ := cut(route)
			ok := orderJSON
			if strings.Contains(path, "payout_orders") {
				ok = payoutOrderJSON
			}
			rec := respondWith(mt, method, path, httpmock.NewStringResponder(429, `{}`).Then(httpmock.NewStringResponder(200, ok)))
			require.NoError(t, call(c))
			assert.Equal(t, 2, rec.Count())
		})
	}
}

func cut(route string) (string, string, bool) {
	for i := range route {
		if route[i] == ' ' {
			return route[:i], route[i+1:], true
		}
	}
	return route, "", false
}

func TestGetIsRetried(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respondWith(mt, "GET", "/payout_orders/po_1", httpmock.NewStringResponder(503, "").Then(httpmock.NewStringResponder(200, payoutOrderJSON)))
	po, err := c.PayoutOrders.Get(ctx, "po_1")
	require.NoError(t, err)
	assert.Equal(t, 2, rec.Count())
	assertPayoutOrder(t, po)
}

func TestRetriesExhaustedGiveTypedError(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/balance", 500, `{"object":"error","type":"api_error","log_id":"abc","details":[{"code":"femsa.errors.api.system.general_failure","message":"Error","debug_message":"There was a runtime error."}]}`)
	_, err := c.Balance.Get(ctx)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, ErrorTypeAPI, e.Type)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown))
	assert.Equal(t, 3, rec.Count())
}

func TestContextCancelOnPayout(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respondWith(mt, "POST", "/payout_orders", func(req *http.Request) (*http.Response, error) {
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	_, err := c.PayoutOrders.Create(cctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r"})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, rec.Count())
}

// A 408 on a payout order, whoever sends it, leaves the outcome unknown; a
// DigitalFemsa 422 does not.
func TestPayoutOrderStatusOutcome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		status      int
		body        string
		wantUnknown bool
	}{
		{"408 proxy page", 408, `<html><body>408 Request Time-out</body></html>`, true},
		{"408 DigitalFemsa error", 408, `{"object":"error","type":"malformed_request_error","details":[{"code":"c","message":"m"}]}`, true},
		{"422 DigitalFemsa error", 422, `{"object":"error","type":"parameter_validation_error","details":[{"code":"c","param":"reason","message":"m"}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			rec := respond(mt, "POST", "/payout_orders", tt.status, tt.body)
			_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r"})
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.wantUnknown, errors.Is(err, ErrOutcomeUnknown), "%v", err)
			assert.Equal(t, 1, rec.Count(), "never repeated")
		})
	}
}
