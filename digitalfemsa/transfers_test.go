package digitalfemsa

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const transferJSON = `{"id":"trf_2tPAmKCEJqh8RE6nY","object":"transfer","amount":125000,"currency":"MXN","status":"pending","created_at":1553273553,
"livemode":true,"statement_description":"Conekta 5004","statement_reference":"5004",
"destination":{"id":"pytmtd_2ide3qwTdDvNBosEC","object":"bank_transfer_payout_method","type":"BankTransferPayoutMethod","account_holder":"John Doe",
"account_number":"012180023547896764","bank":"BBVA Bancomer","payee_id":"payee_2icdDewRxDENBos85","created_at":1553273000}}`

var wantTransfer = Transfer{ID: "trf_2tPAmKCEJqh8RE6nY", Object: "transfer", Amount: 125000, Currency: "MXN", Status: "pending",
	CreatedAt: unixTime(1553273553), Livemode: true, StatementDescription: "Conekta 5004", StatementReference: "5004",
	Destination: TransferDestination{ID: "pytmtd_2ide3qwTdDvNBosEC", Object: "bank_transfer_payout_method", Type: "BankTransferPayoutMethod",
		AccountHolder: "John Doe", AccountNumber: "012180023547896764", Bank: "BBVA Bancomer", PayeeID: "payee_2icdDewRxDENBos85", CreatedAt: unixTime(1553273000)}}

func TestTransfers(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/transfers/trf_2tPAmKCEJqh8RE6nY", 200, transferJSON)
	tr, err := c.Transfers.Get(ctx, "trf_2tPAmKCEJqh8RE6nY")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/transfers/trf_2tPAmKCEJqh8RE6nY", "", "")
	assert.Equal(t, wantTransfer, *tr)

	// A list names the bank account "method".
	listed := strings.Replace(transferJSON, `"destination":`, `"method":`, 1)
	rec = respond(mt, "GET", "/transfers", 200, listJSON(listed, false, ""))
	pg, err := c.Transfers.List(ctx, &ListParams{Limit: 10, Search: "5004"})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/transfers", "limit=10&search=5004", "")
	require.Len(t, pg.Data, 1)
	wantListed := wantTransfer
	wantListed.Method, wantListed.Destination = wantTransfer.Destination, TransferDestination{}
	assert.Equal(t, wantListed, *pg.Data[0])
	assert.False(t, pg.HasMore)

	for tr, err := range c.Transfers.All(ctx, &ListParams{Limit: 0}) {
		require.NoError(t, err)
		assert.Equal(t, wantListed, *tr)
	}
	_, err = c.Transfers.List(ctx, &ListParams{Limit: -1})
	assertParamField(t, err, "Limit")
}
