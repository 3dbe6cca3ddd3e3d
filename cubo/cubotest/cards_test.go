package cubotest_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

// Every row of the package doc's test-card table, through the SDK.
func TestTestCardTable(t *testing.T) {
	t.Parallel()
	for _, row := range []struct {
		number string
		code   string // "" for an approval
		text   string
		soft   bool
	}{
		{cubotest.CardApproved, "", "", false},
		{cubotest.CardInsufficientFunds, "51", "FONDOS INSUFICIENTES", true},
		{cubotest.CardIssuerUnavailable, "15", "EMISOR NO DISPONIBLE", true},
		{cubotest.CardSuspectedFraud, "05", "SOSPECHA DE FRAUDE", false},
	} {
		t.Run(row.number, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			c := s.Client()
			card := cubotest.ApprovedCard()
			if row.code != "" {
				var ok bool
				card, ok = cubotest.DeclinedCard(row.code)
				require.True(t, ok)
			}
			assert.Equal(t, row.number, card.Number)
			tx, err := c.Transactions.Create(ctx, &cubo.PaymentParams{Amount: 1500, Description: "card table", Card: card})
			if row.code == "" {
				require.NoError(t, err)
				assert.True(t, tx.Succeeded())
			} else {
				var e *cubo.Error
				require.True(t, errors.As(err, &e), "%v", err)
				assert.Equal(t, 400, e.StatusCode)
				assert.Equal(t, row.code, e.Code)
				assert.Equal(t, row.text, e.Message)
				assert.True(t, e.Declined())
				assert.Equal(t, row.soft, e.SoftDecline())
				assert.False(t, errors.Is(err, cubo.ErrOutcomeUnknown))
			}
			// The same card on a payment link.
			link, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "card table", Amount: 1500})
			require.NoError(t, err)
			_, err = s.PayLink(link.PaymentIntentToken, card.Number)
			require.NoError(t, err)
			got, err := c.Transactions.Get(ctx, link.PaymentIntentToken)
			require.NoError(t, err)
			assert.Equal(t, row.code == "", got.Succeeded())
			assert.Equal(t, row.code != "", got.Declined())
		})
	}
	_, ok := cubotest.DeclinedCard("99")
	assert.False(t, ok, "no card for a code the fake does not give")
	_, ok = cubotest.DeclinedCard("")
	assert.False(t, ok)
}
