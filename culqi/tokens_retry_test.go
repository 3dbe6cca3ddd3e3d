package culqi

import (
	"context"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A card token is retried like a read: it moves no money. A charge is not.
func TestTokenCreateIsRetriedChargeIsNot(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithMaxRetries(2))
	mt.RegisterResponder("POST", "https://secure.culqi.com/v2/tokens",
		httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`).Then(httpmock.NewStringResponder(201, tokenJSON)))
	mt.RegisterResponder("POST", "https://api.culqi.com/v2/charges",
		httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`).Then(httpmock.NewStringResponder(201, `{}`)))
	tok, err := c.Tokens.Create(context.Background(), &TokenParams{Card: Card{Number: "4111111111111111", CVV: "123", ExpMonth: 9, ExpYear: 2030}, Email: "ana@example.pe"})
	require.NoError(t, err)
	assert.Equal(t, "tkn_test_cQLnnGuahVeZOr9P", tok.ID)
	_, err = c.Charges.Create(context.Background(), &ChargeParams{Amount: 100, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	info := mt.GetCallCountInfo()
	assert.Equal(t, 2, info["POST https://secure.culqi.com/v2/tokens"])
	assert.Equal(t, 1, info["POST https://api.culqi.com/v2/charges"])
}
