package digitalfemsatest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

func TestFakeTransactionsAndTransfers(t *testing.T) {
	t.Parallel()
	srv, c, cus := fakeWithCustomer(t)
	o := orderWithoutCharges(t, c, cus.ID)
	ch, err := c.Charges.Create(bg, o.ID, &digitalfemsa.OrderChargeParams{Type: digitalfemsa.PaymentMethodCash})
	require.NoError(t, err)

	// Nothing moved yet.
	pg, err := c.Transactions.List(bg, nil)
	require.NoError(t, err)
	assert.Empty(t, pg.Data)

	_, err = srv.MarkChargePaid(ch.ID)
	require.NoError(t, err)
	_, err = c.Orders.Refund(bg, o.ID, &digitalfemsa.RefundParams{Amount: 2500, Reason: digitalfemsa.RefundOther})
	require.NoError(t, err)
	_, err = c.PayoutOrders.Create(bg, &digitalfemsa.PayoutOrderParams{Amount: 3000, CustomerID: cus.ID, Reason: "Retiro"})
	require.NoError(t, err)
	trID, err := srv.Transfer("MXN", 5000)
	require.NoError(t, err)

	byType := map[digitalfemsa.TransactionType]*digitalfemsa.Transaction{}
	for tx, err := range c.Transactions.All(bg, &digitalfemsa.TransactionListParams{Limit: 1}) {
		require.NoError(t, err)
		assert.Equal(t, "transaction", tx.Object)
		assert.Equal(t, tx.Amount-tx.Fee, tx.Net)
		byType[tx.Type] = tx
	}
	require.Len(t, byType, 4)
	capture := byType[digitalfemsa.TransactionCapture]
	assert.Equal(t, int64(10000), capture.Amount)
	assert.Equal(t, int64(10000*36/1000+300), capture.Fee)
	require.NotNil(t, capture.Charge)
	assert.Equal(t, ch.ID, *capture.Charge)
	require.NotNil(t, capture.Formula)
	assert.Equal(t, int64(-2500), byType["refund"].Amount)
	assert.Equal(t, int64(-3000), byType[digitalfemsa.TransactionCashoutRetention].Amount)
	require.NotNil(t, byType[digitalfemsa.TransactionTransfer].Transfer)
	assert.Equal(t, trID, *byType[digitalfemsa.TransactionTransfer].Transfer)
	assert.False(t, byType[digitalfemsa.TransactionTransfer].TransferredAt.IsZero())

	pg, err = c.Transactions.List(bg, &digitalfemsa.TransactionListParams{ChargeID: ch.ID, Type: digitalfemsa.TransactionCapture, Currency: "MXN"})
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)
	got, err := c.Transactions.Get(bg, capture.ID)
	require.NoError(t, err)
	assert.Equal(t, *capture, *got)
	_, err = c.Transactions.Get(bg, "txn_missing")
	apiErr(t, err, http.StatusNotFound)

	tr, err := c.Transfers.Get(bg, trID)
	require.NoError(t, err)
	assert.Equal(t, int64(5000), tr.Amount)
	assert.Equal(t, digitalfemsatest.BankAccount, tr.Destination.AccountNumber)
	tp, err := c.Transfers.List(bg, &digitalfemsa.ListParams{Search: tr.StatementReference})
	require.NoError(t, err)
	require.Len(t, tp.Data, 1)
	assert.Equal(t, tr.Destination, tp.Data[0].Method, "a list names the account method")

	_, err = srv.Transfer("MXN", digitalfemsatest.InitialBalance*2)
	assert.Error(t, err, "more than the balance")
	_, err = srv.Transfer("MXN", 0)
	assert.Error(t, err)
}

func TestFakeLogs(t *testing.T) {
	t.Parallel()
	_, c, cus := fakeWithCustomer(t)
	src, err := c.PaymentSources.Create(bg, cus.ID, &digitalfemsa.PaymentSourceParams{})
	require.NoError(t, err)
	_, err = c.Checkouts.Get(bg, "missing")
	require.Error(t, err)

	// The newest first; the request that created src is found by its id.
	pg, err := c.Logs.List(bg, nil)
	require.NoError(t, err)
	require.Len(t, pg.Data, 2)
	assert.Equal(t, "404", pg.Data[0].Status)
	assert.Equal(t, "/checkouts/missing", pg.Data[0].URL)
	pg, err = c.Logs.List(bg, &digitalfemsa.ListParams{Search: src.ID})
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)
	lg := pg.Data[0]
	assert.Equal(t, "POST", lg.Method)
	assert.Equal(t, "200", lg.Status)
	require.NotNil(t, lg.LoggableID)
	assert.Equal(t, src.ID, *lg.LoggableID)
	assert.Equal(t, "payment_source", *lg.LoggableType)
	assert.JSONEq(t, `{"type":"cash"}`, string(lg.RequestBody))
	assert.Contains(t, string(lg.ResponseBody), src.Reference)
	assert.Equal(t, "[redacted]", lg.RequestHeaders["Authorization"])
	assert.NotContains(t, string(lg.RequestBody)+lg.RequestHeaders["Authorization"], digitalfemsatest.PrivateKey)
	assert.False(t, lg.UpdatedAt.IsZero())

	got, err := c.Logs.Get(bg, lg.ID)
	require.NoError(t, err)
	assert.Equal(t, lg.ID, got.ID)
	_, err = c.Logs.Get(bg, "missing")
	apiErr(t, err, http.StatusNotFound)
}
