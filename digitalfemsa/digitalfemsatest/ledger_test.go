package digitalfemsatest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

func TestLedger(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	tag := map[string]string{"my_id": "op-1"}

	assert.Equal(t, digitalfemsatest.Ledger{}, srv.Ledger("my_id", "op-1"))

	// An "outcome unknown" create: carried out although the client saw a 502.
	srv.InjectFault(digitalfemsatest.Fault{Match: "POST /payout_orders", Status: 502, After: true})
	_, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 5000, CustomerID: cus.ID, Reason: "Retiro", Metadata: tag})
	require.ErrorIs(t, err, digitalfemsa.ErrOutcomeUnknown)
	assert.Equal(t, digitalfemsatest.Ledger{PayoutOrders: 1}, srv.Ledger("my_id", "op-1"))

	pg, err := c.PayoutOrders.List(ctx, &digitalfemsa.ListParams{Search: "op-1"})
	require.NoError(t, err)
	require.Len(t, pg.Data, 1, "Search finds the payout order by its metadata")
	_, err = c.PayoutOrders.Cancel(ctx, pg.Data[0].ID)
	require.NoError(t, err)
	_, err = c.PayoutOrders.Cancel(ctx, pg.Data[0].ID)
	require.NoError(t, err, "cancelling twice is answered with 200")
	assert.Equal(t, digitalfemsatest.Ledger{PayoutOrders: 1, Cancellations: 2}, srv.Ledger("my_id", "op-1"))

	o, err := c.Orders.Create(ctx, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems: []digitalfemsa.LineItem{{Name: "A", UnitPrice: 2000, Quantity: 1}},
		Charges:   []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}},
		Metadata:  map[string]string{"my_id": "op-2"}})
	require.NoError(t, err)
	_, err = srv.MarkOrderPaid(o.ID)
	require.NoError(t, err)
	for range 2 {
		_, err = c.Orders.Refund(ctx, o.ID, &digitalfemsa.RefundParams{Amount: 500, Reason: digitalfemsa.RefundOther})
		require.NoError(t, err)
	}
	assert.Equal(t, digitalfemsatest.Ledger{Orders: 1, Refunds: 2}, srv.Ledger("my_id", "op-2"))
	assert.Equal(t, digitalfemsatest.Ledger{}, srv.Ledger("my_id", "op-3"))
	assert.Equal(t, digitalfemsatest.Ledger{}, srv.Ledger("other", "op-1"))
}
