package srpago

import (
	"net/http"
	"testing"

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
