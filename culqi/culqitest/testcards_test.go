package culqitest_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// testCards is the package doc's table of test cards, row for row.
var testCards = []struct {
	number, cvv, brand string
	threeDS            bool
	decline            string // "" approves
}{
	{"4111111111111111", "123", "Visa", false, ""},
	{"5111111111111118", "039", "MasterCard", false, ""},
	{"371212121212122", "2841", "Amex", false, ""},
	{"36001212121210", "964", "Diners", false, ""},
	{"4000020000000000", "354", "Visa", false, culqi.DeclineStolenCard},
	{"4000030000000009", "836", "Visa", false, culqi.DeclineLostCard},
	{"4000040000000008", "295", "Visa", false, culqi.DeclineInsufficientFunds},
	{"5400000000000005", "492", "MasterCard", false, culqi.DeclineContactIssuer},
	{"5400020000000003", "203", "MasterCard", false, culqi.DeclineIncorrectCVV},
	{"370001000000000", "2511", "Amex", false, culqi.DeclineIssuerNotAvailable},
	{"370002000000008", "1810", "Amex", false, culqi.DeclineIssuerDeclineOperation},
	{"36000000000008", "683", "Diners", false, culqi.DeclineInvalidCard},
	{"36000100000007", "820", "Diners", false, culqi.DeclineProcessingError},
	{"36000200000006", "230", "Diners", false, culqi.DeclineFraudulent},
	{"4456530000001096", "111", "Visa", true, ""},
	{"4456530000001005", "111", "Visa", true, ""},
	{"4456530000001070", "111", "Visa", true, culqitest.ThreeDSFailedDeclineCode},
	{"4456530000001013", "111", "Visa", true, culqitest.ThreeDSFailedDeclineCode},
}

// Every row of the table, through the SDK: tokenized, charged (after
// 3-D Secure where the card asks for it), and saved as a card; each gives
// the outcome the table says.
func TestTestCardTable(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	t.Cleanup(srv.Close) // after the parallel subtests
	c := srv.Client(culqi.WithMaxRetries(0))
	cus := newCustomer(t, c)
	for _, row := range testCards {
		t.Run(row.number, func(t *testing.T) {
			t.Parallel()
			card := culqi.Card{Number: row.number, CVV: row.cvv, ExpMonth: 12, ExpYear: culqitest.CardVisa.ExpYear}
			email := "ana@example.pe"
			if row.threeDS {
				email = culqitest.ReviewEmail
			}
			tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: email})
			require.NoError(t, err, "every test card tokenizes")
			assert.Equal(t, row.brand, tok.IIN.CardBrand)
			params := &culqi.ChargeParams{Amount: 3000, CurrencyCode: culqi.CurrencyPEN, Email: email, SourceID: tok.ID}
			ch, err := c.Charges.Create(ctx, params)
			if row.threeDS {
				require.ErrorIs(t, err, culqi.ErrAuthenticationRequired, "REVIEW first")
				params.Authentication3DS = &culqi.Authentication3DS{ECI: "05", CAVV: "AAACBllleHchZTBWIGV4MAAAAAA=", ProtocolVersion: "2.1.0"}
				ch, err = c.Charges.Create(ctx, params)
			}
			checkOutcome(t, row.decline, 402, ch, err)

			// The same card saved for a customer: a decline is a 400.
			tok2, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: email})
			require.NoError(t, err)
			cp := &culqi.CardParams{CustomerID: cus.ID, TokenID: tok2.ID}
			if row.threeDS {
				cp.Authentication3DS = params.Authentication3DS
			}
			saved, err := c.Cards.Create(ctx, cp)
			if row.decline == "" {
				require.NoError(t, err)
				assert.True(t, saved.Active)
				return
			}
			var e *culqi.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 400, e.StatusCode)
			assert.Equal(t, row.decline, e.DeclineCode)
		})
	}
}

func checkOutcome(t *testing.T, decline string, status int, ch *culqi.Charge, err error) {
	t.Helper()
	if decline == "" {
		require.NoError(t, err)
		assert.Equal(t, culqi.OutcomeSuccess, ch.Outcome.Type)
		return
	}
	var e *culqi.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, status, e.StatusCode)
	assert.Equal(t, decline, e.DeclineCode)
	assert.True(t, e.Declined())
	assert.NotEmpty(t, e.ChargeID, "a declined charge exists")
}

// The table covers every card the package exports, and the helpers give
// the table's cards.
func TestTestCardHelpers(t *testing.T) {
	t.Parallel()
	rows := map[string]string{}
	for _, row := range testCards {
		rows[row.number] = row.decline
	}
	for pan, code := range culqitest.DeclineCards {
		got, ok := rows[pan]
		assert.True(t, ok, "%s is missing from the table", pan)
		assert.Equal(t, code, got)
	}
	for _, c := range []culqi.Card{culqitest.CardVisa, culqitest.CardMastercard, culqitest.CardAmex, culqitest.CardDiners,
		culqitest.Card3DSChallenge, culqitest.Card3DSFrictionless, culqitest.Card3DSTimeout, culqitest.Card3DSAuthError} {
		_, ok := rows[c.Number]
		assert.True(t, ok, "%s is missing from the table", c.Last4())
	}

	assert.Equal(t, culqitest.CardVisa, culqitest.ApprovedCard())
	assert.Equal(t, "", rows[culqitest.ApprovedCard().Number])
	for _, row := range testCards {
		if row.decline == "" || row.threeDS {
			continue
		}
		card, ok := culqitest.DeclinedCard(row.decline)
		require.True(t, ok, row.decline)
		assert.Equal(t, row.number, card.Number)
		assert.Equal(t, row.cvv, card.CVV)
	}
	for _, code := range []string{culqi.DeclineExpiredCard, culqi.DeclineInvalidCVV, "too_many_attempts_cvv", "culqi_card",
		"soft_block", ""} {
		_, ok := culqitest.DeclinedCard(code)
		assert.False(t, ok, "Culqi publishes no card for %q", code)
	}
}

// A charge with ApprovedCard succeeds and one with DeclinedCard(code) fails
// with code, through errors.As like a caller would.
func TestApprovedAndDeclinedCard(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 3000, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: newToken(t, c, culqitest.ApprovedCard()).ID})
	require.NoError(t, err)
	assert.Equal(t, culqi.OutcomeSuccess, ch.Outcome.Type)
	card, _ := culqitest.DeclinedCard(culqi.DeclineInsufficientFunds)
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 3000, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: newToken(t, c, card).ID})
	var e *culqi.Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, culqi.DeclineInsufficientFunds, e.DeclineCode)
	assert.True(t, e.SoftDecline(), "insufficient funds may pass later")
}
