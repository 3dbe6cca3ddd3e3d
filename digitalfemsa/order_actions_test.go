package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrdersCancelCaptureCancelRefund(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	check := func(o *Order) {
		t.Helper()
		assert.Equal(t, "ord_2tUigJ8DgBhbp6w5D", o.ID)
		assert.Equal(t, "order", o.Object)
		assert.Equal(t, int64(30000), o.Amount)
		assert.Equal(t, OrderPaymentStatusPendingPayment, o.PaymentStatus)
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
