package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const transactionJSON = `{"id":"5ee7ec5b8dea41085erb7f9e","object":"transaction","amount":1000,"fee":560,"net":440,"currency":"MXN",
"status":"pending","type":"capture","created_at":1553273553,"livemode":true,"charge":"5ee7ec58885a45585e6d9f8m",
"transfer":"trf_2tPAmKCEJqh8RE6nY","transferred_at":1553273600,"formula":"3.6% + 3.00 MXN"}`

var wantTransaction = Transaction{ID: "5ee7ec5b8dea41085erb7f9e", Object: "transaction", Amount: 1000, Fee: 560, Net: 440, Currency: "MXN",
	Status: TransactionPending, Type: TransactionCapture, CreatedAt: unixTime(1553273553), Livemode: true, Charge: strPtr("5ee7ec58885a45585e6d9f8m"),
	Transfer: strPtr("trf_2tPAmKCEJqh8RE6nY"), TransferredAt: unixTime(1553273600), Formula: strPtr("3.6% + 3.00 MXN")}

func TestTransactionsGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/transactions/5ee7ec5b8dea41085erb7f9e", 200, transactionJSON)
	tx, err := c.Transactions.Get(ctx, "5ee7ec5b8dea41085erb7f9e")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/transactions/5ee7ec5b8dea41085erb7f9e", "", "")
	assert.Equal(t, wantTransaction, *tx)

	// Nullable references decode as empty and zero.
	respond(mt, "GET", "/transactions/t2", 200, `{"id":"t2","object":"transaction","amount":1,"fee":0,"net":1,"currency":"MXN","status":"voided",
		"type":"some_new_type","created_at":1,"livemode":false,"charge":null,"transfer":null,"transferred_at":null,"formula":null}`)
	tx, err = c.Transactions.Get(ctx, "t2")
	require.NoError(t, err)
	assert.Nil(t, tx.Charge)
	assert.Nil(t, tx.Transfer)
	assert.Nil(t, tx.Formula)
	assert.True(t, tx.TransferredAt.IsZero())
	assert.Equal(t, TransactionType("some_new_type"), tx.Type)
}

func TestTransactionsListFilters(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/transactions", 200, listJSON(transactionJSON, false, ""))
	pg, err := c.Transactions.List(ctx, &TransactionListParams{Limit: 5, ChargeID: "ch_1", Type: TransactionCapture, Currency: "MXN", ID: "t1", Next: "t0"})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/transactions", "charge_id=ch_1&currency=MXN&id=t1&limit=5&next=t0&type=capture", "")
	require.Len(t, pg.Data, 1)
	assert.Equal(t, wantTransaction, *pg.Data[0])

	n := 0
	for tx, err := range c.Transactions.All(ctx, nil) {
		require.NoError(t, err)
		assert.Equal(t, wantTransaction, *tx)
		n++
	}
	assert.Equal(t, 1, n)
	req, _ := rec.Last(t)
	assert.Empty(t, req.URL.RawQuery)

	for field, p := range map[string]*TransactionListParams{
		"Limit":    {Limit: 251},
		"Next":     {Next: "a", Previous: "b"},
		"Currency": {Currency: "pesos"},
	} {
		assertParamField(t, p.Validate(), field)
		_, err := c.Transactions.List(ctx, p)
		assertParamField(t, err, field)
		for _, err := range c.Transactions.All(ctx, p) {
			assertParamField(t, err, field)
		}
	}
	assert.Equal(t, 2, rec.Count(), "refused params send nothing")
}
