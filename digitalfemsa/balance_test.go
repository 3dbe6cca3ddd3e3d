package digitalfemsa

import (
	"encoding/json"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBalance(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/balance", 200, `{"available":[{"amount":413343,"currency":"MXN"},{"amount":100,"currency":"USD"}],
		"cashout_retention_amount":[{"amount":3000,"currency":"MXN"}],"conekta_retention":[{"amount":7,"currency":"MXN"}],
		"gateway":[{"amount":1,"currency":"MXN"}],"pending":[{"amount":2,"currency":"MXN"}],"retained":[{"amount":3,"currency":"MXN"}],
		"retention_amount":[{"amount":4,"currency":"MXN"}],"target_collateral_amount":{},"target_retention_amount":[{"amount":5,"currency":"MXN"}],
		"temporarily_retained":[{"amount":6,"currency":"MXN"}]}`)
	b, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/balance", "", "")
	assert.Equal(t, []Money{{413343, "MXN"}, {100, "USD"}}, b.Available)
	assert.Equal(t, int64(413343), b.AvailableIn("MXN"))
	assert.Equal(t, int64(0), b.AvailableIn("EUR"))
	assert.Equal(t, []Money{{3000, "MXN"}}, b.CashoutRetentionAmount)
	assert.Equal(t, []Money{{7, "MXN"}}, b.FemsaRetention, "conekta_retention is accepted")
	assert.Equal(t, []Money{{1, "MXN"}}, b.Gateway)
	assert.Equal(t, []Money{{2, "MXN"}}, b.Pending)
	assert.Equal(t, []Money{{3, "MXN"}}, b.Retained)
	assert.Equal(t, []Money{{4, "MXN"}}, b.RetentionAmount)
	assert.Equal(t, []Money{{5, "MXN"}}, b.TargetRetentionAmount)
	assert.Equal(t, []Money{{6, "MXN"}}, b.TemporarilyRetained)
	assert.JSONEq(t, `{}`, string(b.TargetCollateralAmount))

	var b2 Balance
	require.NoError(t, json.Unmarshal([]byte(`{"femsa_retention":[{"amount":9,"currency":"MXN"}]}`), &b2))
	assert.Equal(t, []Money{{9, "MXN"}}, b2.FemsaRetention)

	// Both names sent: the specification's conekta_retention wins.
	var b3 Balance
	require.NoError(t, json.Unmarshal([]byte(`{"femsa_retention":[{"amount":9,"currency":"MXN"}],"conekta_retention":[{"amount":8,"currency":"MXN"}]}`), &b3))
	assert.Equal(t, []Money{{8, "MXN"}}, b3.FemsaRetention)

	// Encoded, the retention carries the specification's key.
	out, err := json.Marshal(Balance{FemsaRetention: []Money{{1, "MXN"}}})
	require.NoError(t, err)
	var keys map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(out, &keys))
	assert.Contains(t, keys, "conekta_retention")
	assert.NotContains(t, keys, "femsa_retention")
}

// An answer that is no balance is an error, never a zero balance.
func TestBalanceEmptyAnswers(t *testing.T) {
	t.Parallel()
	for name, r := range map[string]httpmock.Responder{
		"204":          httpmock.NewStringResponder(204, ""),
		"200 empty":    httpmock.NewStringResponder(200, ""),
		"200 null":     httpmock.NewStringResponder(200, "null"),
		"200 {}":       httpmock.NewStringResponder(200, "{}"),
		"200 unknown":  httpmock.NewStringResponder(200, `{"foo":[]}`),
		"205":          httpmock.NewStringResponder(205, ""),
		"200 an array": httpmock.NewStringResponder(200, "[]"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			respondWith(mt, "GET", "/balance", r)
			b, err := c.Balance.Get(ctx)
			require.ErrorIs(t, err, ErrMalformedResponse)
			assert.Nil(t, b)
		})
	}
}
