package culqi

import (
	"context"
	"errors"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A card token is a POST like a charge: API.md §3 repeats it only when it
// provably did not reach Culqi, or after a 429 (the request was refused).
func TestTokenCreateRetriedOnlyWhenRefused(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		first   httpmock.Responder
		calls   int
		unknown bool
	}{
		{"503", httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`), 1, true},
		{"500 spring error", httpmock.NewStringResponder(500, `{"status":500,"error":"Internal Server Error","message":"x","path":"/v2/tokens"}`), 1, true},
		{"connection reset after sending", httpmock.NewErrorResponder(errors.New("connection reset by peer")), 1, true},
		{"429", httpmock.NewStringResponder(429, `{"object":"error","type":"limit_api_error","merchant_message":"Demasiadas peticiones"}`), 2, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			mt.RegisterResponder("POST", "https://secure.culqi.com/v2/tokens", tc.first.Then(httpmock.NewStringResponder(201, tokenJSON)))
			tok, err := c.Tokens.Create(context.Background(), &TokenParams{Card: Card{Number: "4111111111111111", CVV: "123", ExpMonth: 12, ExpYear: 2099}, Email: "ana@example.pe"})
			assert.Equal(t, tc.calls, mt.GetTotalCallCount())
			if tc.unknown {
				assert.ErrorIs(t, err, ErrOutcomeUnknown)
				assert.Nil(t, tok)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "tkn_test_cQLnnGuahVeZOr9P", tok.ID)
		})
	}
}
