package srpago

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokensCreateEnvelope(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodPost, testBase+"/v1/token", 200, ok(`{"token":"tok_5966f0cdd3697","bank_name":"BANAMEX"}`))
	tok, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4242 4242-4242 4242", CVV: "123", ExpMonth: 9,
		ExpYear: time.Now().Year() + 1, HolderName: "Ana López"}})
	require.NoError(t, err)
	assert.Equal(t, "tok_5966f0cdd3697", tok.ID)
	assert.Equal(t, "BANAMEX", tok.BankName)

	r, body := cap.Last(t)
	assertHeaders(t, r, true)
	plain, metadata, keys := openBody(t, body)
	assert.ElementsMatch(t, []string{"key", "data"}, keys, "no metadata on tokens")
	assert.Nil(t, metadata)
	yy := time.Now().Year() + 1 - 2000
	assert.JSONEq(t, `{"cardholder_name":"Ana López","number":"4242424242424242","cvv":"123","expiration":"`+
		itoa2(yy)+`09"}`, plain)
	assert.NotContains(t, body, "4242424242424242")
}

func itoa2(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }

// POST /v1/token has no idempotency key: like any POST it is sent again
// only when Sr. Pago provably refused it (429), never after a 5xx.
func TestTokensCreateRetriedOnlyWhenNotReached(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		status    int
		wantCalls int
		wantErr   bool
	}{
		{"503 reached Sr. Pago: not repeated", 503, 1, true},
		{"500 reached Sr. Pago: not repeated", 500, 1, true},
		{"429 refused: retried", 429, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			mt.RegisterResponder(http.MethodPost, testBase+"/v1/token",
				httpmockStatus(tt.status, `{}`).Then(httpmockString(ok(`{"token":"tok_2"}`))))
			tok, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4242424242424242", CVV: "123", ExpMonth: 1,
				ExpYear: time.Now().Year() + 1, HolderName: "Ana"}})
			assert.Equal(t, tt.wantCalls, calls(mt))
			if tt.wantErr {
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tt.status, e.StatusCode)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "tok_2", tok.ID)
		})
	}
}
