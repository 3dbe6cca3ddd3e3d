package srpago

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const savedCardJSON = `{"token":"crd_dev_602c6040f20","holder_name":"Nombre Apllido","type":"VISA",
 "number":"448553XXXXXX8329","cvv":"XXXX","expiration":"2303","country_code":"MX",
 "bank_name":"VISA TEST","funding":"CREDIT","status":"chargeable"}`

var wantSaved = SavedCard{Token: "crd_dev_602c6040f20", HolderName: "Nombre Apllido", Type: CardTypeVisa,
	Number: "448553XXXXXX8329", Expiration: "2303", CountryCode: "MX", BankName: "VISA TEST",
	Funding: "CREDIT", Status: "chargeable"}

func TestCardsAdd(t *testing.T) {
	t.Parallel()
	// The API sends the object; the documentation shows it in an array.
	for name, result := range map[string]string{"object": savedCardJSON, "array": "[" + savedCardJSON + "]"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			cap := reply(mt, http.MethodPost, testBase+"/v1/customer/cus_576c1d85baf38/cards", 200, ok(result))
			sc, err := c.Cards.Add(ctx, "cus_576c1d85baf38", "tok_9999")
			require.NoError(t, err)
			r, body := cap.Last(t)
			assertHeaders(t, r, true)
			assert.JSONEq(t, `{"token":"tok_9999"}`, body)
			assert.Equal(t, wantSaved, *sc)
		})
	}
}

func TestCardsAddWithoutTokenIsMalformed(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	reply(mt, http.MethodPost, testBase+"/v1/customer/cus_1/cards", 200, ok(`{"status":"chargeable"}`))
	_, err := c.Cards.Add(ctx, "cus_1", "tok_1")
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "the tok_ may have been spent")
}

func TestCardsList(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodGet, testBase+"/v1/customer/cus_1/cards", 200, ok("["+savedCardJSON+"]"))
	list, err := c.Cards.ListPage(ctx, "cus_1")
	require.NoError(t, err)
	r, _ := cap.Last(t)
	assertHeaders(t, r, false)
	require.Len(t, list.Data, 1)
	assert.Equal(t, wantSaved, *list.Data[0])
	assert.False(t, list.HasMore)

	c2, mt2 := setup(t)
	reply(mt2, http.MethodGet, testBase+"/v1/customer/cus_1/cards", 200, ok(`{"cards":[]}`))
	slice, err := c2.Cards.List(ctx, "cus_1")
	require.NoError(t, err)
	assert.NotNil(t, slice)
	assert.Empty(t, slice)
}

func TestCardsDelete(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodDelete, testBase+"/v1/customer/cus_1/cards/crd_abc", 200, ok(`{}`))
	require.NoError(t, c.Cards.Delete(ctx, "cus_1", "crd_abc"))
	r, _ := cap.Last(t)
	assertHeaders(t, r, false)
}

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

func TestCardsGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodGet, testBase+"/v1/customer/cus_1/cards/crd_dev_602c6040f20", 200, ok(savedCardJSON))
	sc, err := c.Cards.Get(ctx, "cus_1", "crd_dev_602c6040f20")
	require.NoError(t, err)
	r, _ := cap.Last(t)
	assertHeaders(t, r, false)
	assert.Equal(t, wantSaved, *sc)
	_, err = c.Cards.Get(ctx, "cus_1", "")
	assert.ErrorIs(t, err, ErrInvalidParams)
}

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
