package culqi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cardJSON = `{"object":"card","id":"crd_test_SevqN2Spqz9j6xXE","active":true,"creation_date":1589341016618,
"customer_id":"cus_test_rMP2wkRXZeZ1rthC","source":` + tokenJSON + `,"metadata":{}}`

func TestCards(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/cards", 201, cardJSON)
	f := false
	card, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_test_rMP2wkRXZeZ1rthC", TokenID: "tkn_test_cQLnnGuahVeZOr9P",
		Validate: &f, Metadata: map[string]string{"alias": "personal"}})
	require.NoError(t, err)
	r, body := cr.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.JSONEq(t, `{"customer_id":"cus_test_rMP2wkRXZeZ1rthC","token_id":"tkn_test_cQLnnGuahVeZOr9P","validate":false,"metadata":{"alias":"personal"}}`, body)
	assert.Equal(t, "crd_test_SevqN2Spqz9j6xXE", card.ID)
	assert.Equal(t, "card", card.Object)
	assert.True(t, card.Active)
	assert.Equal(t, ms(1589341016618), card.CreationDate.Time)
	assert.Equal(t, "cus_test_rMP2wkRXZeZ1rthC", card.CustomerID)
	assert.Equal(t, "411111******1111", card.Source.CardNumber)

	up := on(mt, "PATCH", "https://api.culqi.com/v2/cards/crd_test_SevqN2Spqz9j6xXE", 200, cardJSON)
	_, err = c.Cards.Update(ctx, "crd_test_SevqN2Spqz9j6xXE", &CardUpdateParams{TokenID: "tkn_test_new", Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"token_id":"tkn_test_new","metadata":{"a":"b"}}`, body)
	on(mt, "GET", "https://api.culqi.com/v2/cards/crd_test_SevqN2Spqz9j6xXE", 200, cardJSON)
	_, err = c.Cards.Get(ctx, "crd_test_SevqN2Spqz9j6xXE")
	require.NoError(t, err)
	on(mt, "DELETE", "https://api.culqi.com/v2/cards/crd_test_SevqN2Spqz9j6xXE", 200, `{"id":"crd_test_SevqN2Spqz9j6xXE","deleted":true}`)
	require.NoError(t, c.Cards.Delete(ctx, "crd_test_SevqN2Spqz9j6xXE"))
	on(mt, "GET", "https://api.culqi.com/v2/cards", 200, `{"data":[`+cardJSON+`],"paging":{"cursors":{"after":"crd_test_SevqN2Spqz9j6xXE"},"remaining_items":0}}`)
	p, err := c.Cards.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, p.Data, 1)
	assert.False(t, p.HasMore)
}

func TestCardsDeclineAndReview(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "POST", "https://api.culqi.com/v2/cards", 400, `{"object":"error","type":"card_error","charge_id":"chr_test_v","code":"card_declined",
		"decline_code":"lost_card","merchant_message":"Tarjeta perdida","user_message":"Rechazada"}`)
	_, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_x", TokenID: "tkn_x"})
	var ce *Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 400, ce.StatusCode)
	assert.Equal(t, DeclineLostCard, ce.DeclineCode)
	assert.Equal(t, "chr_test_v", ce.ChargeID)

	c2, mt2 := setup(t)
	on(mt2, "POST", "https://api.culqi.com/v2/cards", 200, `{"action_code":"REVIEW"}`)
	card, err := c2.Cards.Create(ctx, &CardParams{CustomerID: "cus_x", TokenID: "tkn_x"})
	assert.ErrorIs(t, err, ErrAuthenticationRequired)
	assert.Equal(t, "REVIEW", card.ActionCode)
}
