package digitalfemsa

import (
	"errors"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

func TestOrdersCancelCaptureCancelRefund(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	check := func(o *Order) {
		t.Helper()
		assert.Equal(t, "ord_2tUigJ8DgBhbp6w5D", o.ID)
		assert.Equal(t, "order", o.Object)
		assert.Equal(t, int64(30000), o.Amount)
		assert.Equal(t, ptr(OrderPaymentStatusPendingPayment), o.PaymentStatus)
		require.NotNil(t, o.Charges)
		require.Len(t, o.Charges.Data, 1)
		assert.Equal(t, "6553fe1d1f1c6f0001a3c1a2", o.Charges.Data[0].ID)
	}
	rec := respond(mt, "POST", "/orders/ord_2tUigJ8DgBhbp6w5D/cancel", 200, orderJSON)
	o, err := c.Orders.Cancel(ctx, "ord_2tUigJ8DgBhbp6w5D")
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders/ord_2tUigJ8DgBhbp6w5D/cancel", "", "")
	check(o)

	rec = respond(mt, "POST", "/orders/ord_2tUigJ8DgBhbp6w5D/capture", 200, orderJSON)
	o, err = c.Orders.Capture(ctx, "ord_2tUigJ8DgBhbp6w5D", &OrderCaptureParams{Amount: 500})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders/ord_2tUigJ8DgBhbp6w5D/capture", "", `{"amount":500}`)
	check(o)

	rec = respond(mt, "DELETE", "/orders/ord_2tUigJ8DgBhbp6w5D/refunds/6553fe1d1f1c6f0001a3c1c9", 200, orderJSON)
	o, err = c.Orders.CancelRefund(ctx, "ord_2tUigJ8DgBhbp6w5D", "6553fe1d1f1c6f0001a3c1c9")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", "/orders/ord_2tUigJ8DgBhbp6w5D/refunds/6553fe1d1f1c6f0001a3c1c9", "", "")
	check(o)
}

func TestOrderCaptureParamsValidate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for _, p := range []*OrderCaptureParams{nil, {}, {Amount: -5}} {
		field := "Amount"
		if p == nil {
			field = "OrderCaptureParams"
		}
		assertParamField(t, p.Validate(), field)
		_, err := c.Orders.Capture(ctx, "ord_1", p)
		assertParamField(t, err, field)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestOpsMoneyMovingNotRetried(t *testing.T) {
	t.Parallel()
	calls := []struct {
		method, path, op string
		call             func(c *Client) error
	}{
		{"POST", "/orders/ord_1/capture", "orders.capture", func(c *Client) error {
			_, err := c.Orders.Capture(ctx, "ord_1", &OrderCaptureParams{Amount: 500})
			return err
		}},
		{"POST", "/orders/ord_1/charges", "charges.create", func(c *Client) error {
			_, err := c.Charges.Create(ctx, "ord_1", &OrderChargeParams{Type: PaymentMethodCash})
			return err
		}},
		{"DELETE", "/orders/ord_1/refunds/rf_1", "refunds.cancel", func(c *Client) error {
			_, err := c.Orders.CancelRefund(ctx, "ord_1", "rf_1")
			return err
		}},
	}
	for _, tc := range calls {
		for name, r := range map[string]httpmock.Responder{
			"503":   httpmock.NewStringResponder(503, "<html>unavailable</html>"),
			"reset": httpmock.NewErrorResponder(errors.New("connection reset by peer")),
		} {
			t.Run(tc.op+"/"+name, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				rec := respondWith(mt, tc.method, tc.path, r.Then(httpmock.NewStringResponder(200, orderJSON)))
				err := tc.call(c)
				require.ErrorIs(t, err, ErrOutcomeUnknown)
				var ou *transport.OutcomeUnknownError
				require.ErrorAs(t, err, &ou)
				assert.Equal(t, tc.op, ou.Operation)
				assert.False(t, ou.SentAt.IsZero())
				assert.Equal(t, 1, rec.Count())
			})
		}
	}
	// A GET of the same family is retried.
	c, mt := setup(t)
	rec := respondWith(mt, "GET", "/transactions/tx_1", httpmock.NewStringResponder(503, "").Then(httpmock.NewStringResponder(200, transactionJSON)))
	_, err := c.Transactions.Get(ctx, "tx_1")
	require.NoError(t, err)
	assert.Equal(t, 2, rec.Count())
}
