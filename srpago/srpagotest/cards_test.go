package srpagotest_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// Every row of the package doc's test-card table, through the SDK: the
// card is tokenized and charged once as a token and once saved.
func TestTestCardTable(t *testing.T) {
	t.Parallel()
	for _, row := range []struct {
		name     string
		card     func() (srpago.Card, bool)
		code     string // Sr. Pago's error code; "" for an approval
		bankCode string
		soft     bool
	}{
		{"approved", func() (srpago.Card, bool) { return srpagotest.ApprovedCard(), true }, "", "", false},
		{"51", func() (srpago.Card, bool) { return srpagotest.DeclinedCard("51") }, srpago.CodePayment, "51", true},
		{"43", func() (srpago.Card, bool) { return srpagotest.DeclinedCard("43") }, srpago.CodePayment, "43", false},
		{"invalid card", func() (srpago.Card, bool) { return srpagotest.DeclinedCard(srpago.CodeInvalidCard) }, srpago.CodeInvalidCard, "", false},
	} {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			srv := srpagotest.NewServer()
			defer srv.Close()
			c := srv.Client()
			card, ok := row.card()
			require.True(t, ok)
			tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card})
			require.NoError(t, err, "every table card tokenizes")
			ch, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 1000, Description: "tabla"})
			if row.code == "" {
				require.NoError(t, err)
				assert.True(t, ch.Approved)
				assert.Len(t, srv.Operations(), 1)
				return
			}
			var e *srpago.Error
			require.True(t, errors.As(err, &e), "%v", err)
			assert.Equal(t, row.code, e.Code)
			assert.Equal(t, row.bankCode, e.BankCode)
			assert.True(t, e.Declined())
			assert.Equal(t, row.soft, e.SoftDecline())
			assert.False(t, errors.Is(err, srpago.ErrOutcomeUnknown))
			assert.Empty(t, srv.Operations())
		})
	}
	t.Run("bad Luhn", func(t *testing.T) {
		t.Parallel()
		srv := srpagotest.NewServer()
		defer srv.Close()
		card := srpagotest.ApprovedCard()
		card.Number = "4242424242424241"
		_, err := srv.Client().Tokens.Create(ctx, &srpago.TokenParams{Card: card})
		assert.ErrorIs(t, err, srpago.ErrInvalidParams)
		assert.Empty(t, srv.Requests(), "refused before I/O")
	})
	for _, code := range []string{"", "14", "05", "InvalidParamException"} {
		_, ok := srpagotest.DeclinedCard(code)
		assert.False(t, ok, "no card for %q", code)
	}
}
