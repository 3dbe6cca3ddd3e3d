package culqitest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// Find and Count read the fake's own ledger: what was really carried out,
// even when the client saw only an error.
func TestFindAndCount(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client(culqi.WithMaxRetries(0))

	tok := newToken(t, c, culqitest.CardVisa)
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: tok.ID, Description: "Pedido ord-77", Metadata: map[string]string{"order": "ord-78"}})
	require.NoError(t, err)

	// The client sees a 504, yet the charge was made.
	srv.InjectFault(culqitest.Fault{Match: "POST /v2/charges", Status: http.StatusGatewayTimeout, After: true})
	tok2 := newToken(t, c, culqitest.CardVisa)
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: tok2.ID, Description: "Pedido ord-79"})
	require.ErrorIs(t, err, culqi.ErrOutcomeUnknown)

	assert.Equal(t, 1, srv.Count(culqitest.KindCharges, "ord-77"), "by description")
	assert.Equal(t, 1, srv.Count(culqitest.KindCharges, "ord-78"), "by metadata value")
	assert.Equal(t, 1, srv.Count(culqitest.KindCharges, "ord-79"), "carried out behind the fault")
	assert.Equal(t, 2, srv.Count(culqitest.KindCharges, "ord-7"), "a substring, each object once")
	found := srv.Find(culqitest.KindCharges, ch.ID)
	require.Len(t, found, 1, "by id")
	assert.Equal(t, ch.ID, found[0]["id"])
	found[0]["amount"] = 1 // a copy: the fake's record is untouched
	got, err := c.Charges.Get(ctx, ch.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1000), got.Amount)

	events := srv.Find(culqitest.KindEvents, ch.ID)
	require.Len(t, events, 1, "events match through their data")
	assert.Equal(t, culqi.EventChargeCreationSucceeded, events[0]["type"])
	assert.Zero(t, srv.Count(culqitest.KindRefunds, "ord-77"))
	assert.Zero(t, srv.Count("nothing", "ord-77"))
	assert.Equal(t, 2, srv.Count(culqitest.KindCharges, ""), "an empty key lists them all")
	assert.Equal(t, 2, srv.Count(culqitest.KindTokens, ""))
	assert.Zero(t, srv.Count(culqitest.KindRefunds, ""))
}
