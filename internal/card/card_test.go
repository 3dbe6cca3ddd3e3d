package card

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testNow = time.Date(2026, time.March, 15, 12, 0, 0, 0, time.UTC)

func validCard() Card {
	return Card{
		Number:     "4242 4242-4242 4242",
		CVV:        "123",
		ExpMonth:   9,
		ExpYear:    2027,
		HolderName: "Ana Pérez",
	}
}

func TestFieldErrorText(t *testing.T) {
	t.Parallel()
	err := &FieldError{Field: "card.number", Reason: "fails the Luhn check"}
	assert.Equal(t, "invalid card.number: fails the Luhn check", err.Error())
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(*Card)
		now    time.Time
		field  string
		reason string
	}{
		{name: "valid", edit: func(*Card) {}},
		{name: "valid plain digits", edit: func(c *Card) { c.Number = "4111111111111111" }},
		{name: "valid 12 digits", edit: func(c *Card) { c.Number = "123456789015" }},
		{name: "valid 19 digits", edit: func(c *Card) { c.Number = "1234567890123456785" }},
		{name: "valid amex 4-digit cvv", edit: func(c *Card) { c.Number = "378282246310005"; c.CVV = "1234" }},
		{name: "two-digit year", edit: func(c *Card) { c.ExpYear = 27 }},
		{name: "empty number", edit: func(c *Card) { c.Number = "" }, field: "card.number", reason: "is required"},
		{name: "only separators", edit: func(c *Card) { c.Number = " - " }, field: "card.number", reason: "is required"},
		{name: "letters", edit: func(c *Card) { c.Number = "4111x11111111111" }, field: "card.number", reason: "must contain only digits, spaces and dashes"},
		{name: "dot separator", edit: func(c *Card) { c.Number = "4111.1111.1111.1111" }, field: "card.number", reason: "must contain only digits, spaces and dashes"},
		{name: "11 digits", edit: func(c *Card) { c.Number = "12345678903" }, field: "card.number", reason: "must have 12 to 19 digits"},
		{name: "20 digits", edit: func(c *Card) { c.Number = "12345678901234567894" }, field: "card.number", reason: "must have 12 to 19 digits"},
		{name: "bad luhn", edit: func(c *Card) { c.Number = "4111111111111112" }, field: "card.number", reason: "fails the Luhn check"},
		{name: "month 0", edit: func(c *Card) { c.ExpMonth = 0 }, field: "card.exp_month", reason: "must be between 1 and 12"},
		{name: "month 13", edit: func(c *Card) { c.ExpMonth = 13 }, field: "card.exp_month", reason: "must be between 1 and 12"},
		{name: "three-digit year", edit: func(c *Card) { c.ExpYear = 203 }, field: "card.exp_year", reason: "must have two or four digits"},
		{name: "negative year", edit: func(c *Card) { c.ExpYear = -1 }, field: "card.exp_year", reason: "must have two or four digits"},
		{name: "five-digit year", edit: func(c *Card) { c.ExpYear = 20270 }, field: "card.exp_year", reason: "must have two or four digits"},
		{name: "expired last year", edit: func(c *Card) { c.ExpYear = 2025 }, field: "card.exp_year", reason: "card has expired"},
		{name: "expired last month", edit: func(c *Card) { c.ExpYear = 26; c.ExpMonth = 2 }, field: "card.exp_year", reason: "card has expired"},
		{name: "this month is fine", edit: func(c *Card) { c.ExpYear = 2026; c.ExpMonth = 3 }},
		{name: "last day of expiry month", edit: func(c *Card) { c.ExpYear = 2026; c.ExpMonth = 11 },
			now: time.Date(2026, time.November, 30, 23, 59, 59, 999999999, time.UTC)},
		{name: "first day after expiry month", edit: func(c *Card) { c.ExpYear = 2026; c.ExpMonth = 11 },
			now: time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC), field: "card.exp_year", reason: "card has expired"},
		{name: "december rolls into next year", edit: func(c *Card) { c.ExpYear = 2026; c.ExpMonth = 12 },
			now: time.Date(2026, time.December, 31, 23, 0, 0, 0, time.UTC)},
		{name: "compared in UTC", edit: func(c *Card) { c.ExpYear = 2026; c.ExpMonth = 11 },
			// 2026-11-30 20:00 in Lima is already December in UTC.
			now: time.Date(2026, time.November, 30, 20, 0, 0, 0, time.FixedZone("PET", -5*3600)), field: "card.exp_year", reason: "card has expired"},
		{name: "empty cvv", edit: func(c *Card) { c.CVV = "" }, field: "card.cvv", reason: "must be 3 or 4 digits"},
		{name: "short cvv", edit: func(c *Card) { c.CVV = "12" }, field: "card.cvv", reason: "must be 3 or 4 digits"},
		{name: "long cvv", edit: func(c *Card) { c.CVV = "12345" }, field: "card.cvv", reason: "must be 3 or 4 digits"},
		{name: "letter cvv", edit: func(c *Card) { c.CVV = "12a" }, field: "card.cvv", reason: "must be 3 or 4 digits"},
		{name: "first failing field wins", edit: func(c *Card) { c.Number = "1"; c.ExpMonth = 0; c.CVV = "" }, field: "card.number", reason: "must have 12 to 19 digits"},
		{name: "month before cvv", edit: func(c *Card) { c.ExpMonth = 0; c.CVV = "" }, field: "card.exp_month", reason: "must be between 1 and 12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := validCard()
			tt.edit(&c)
			now := tt.now
			if now.IsZero() {
				now = testNow
			}
			err := c.Validate(now)
			if tt.field == "" {
				require.NoError(t, err)
				// Pointer receivers behave the same.
				require.NoError(t, (&c).Validate(now))
				return
			}
			var fe *FieldError
			require.True(t, errors.As(err, &fe), "want *FieldError, got %T", err)
			assert.Equal(t, tt.field, fe.Field)
			assert.Equal(t, tt.reason, fe.Reason)
			assert.Equal(t, "invalid "+tt.field+": "+tt.reason, err.Error())
			assertNoSecrets(t, err.Error(), c)
		})
	}
}

func TestAccessors(t *testing.T) {
	t.Parallel()
	c := Card{Number: "4242-4242 4242-4242", ExpMonth: 9, ExpYear: 27}
	assert.Equal(t, "4242424242424242", c.Digits())
	assert.Equal(t, "4242", c.Last4())
	assert.Equal(t, 2027, c.Year())
	assert.Equal(t, "09", c.MonthMM())
	assert.Equal(t, "2027", c.YearYYYY())
	assert.Equal(t, "27", c.YearYY())
	assert.Equal(t, "09/27", c.ExpiryMMYY())
	assert.Equal(t, "2709", c.ExpiryYYMM())

	c = Card{Number: "5555555555554444", ExpMonth: 12, ExpYear: 2031}
	assert.Equal(t, 2031, c.Year())
	assert.Equal(t, "12", c.MonthMM())
	assert.Equal(t, "2031", c.YearYYYY())
	assert.Equal(t, "31", c.YearYY())
	assert.Equal(t, "12/31", c.ExpiryMMYY())
	assert.Equal(t, "3112", c.ExpiryYYMM())

	c = Card{ExpMonth: 1, ExpYear: 5}
	assert.Equal(t, "2005", c.YearYYYY())
	assert.Equal(t, "05", c.YearYY())
	assert.Equal(t, "01/05", c.ExpiryMMYY())

	assert.Equal(t, "", Card{Number: "123"}.Last4())
	assert.Equal(t, "", Card{Number: "4111111111111abc"}.Last4())
	assert.Equal(t, "0123", Card{Number: "0123"}.Last4())
}

func TestBrand(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"4111111111111111":    BrandVisa,
		"4242 4242 4242 4242": BrandVisa,
		"5555555555554444":    BrandMastercard,
		"5105105105105100":    BrandMastercard,
		"2223003122003222":    BrandMastercard,
		"2720990000000007":    BrandMastercard,
		"378282246310005":     BrandAmex,
		"371449635398431":     BrandAmex,
		"30569309025904":      BrandDiners,
		"36227206271667":      BrandDiners,
		"38520000023237":      BrandDiners,
		"6011111111111117":    BrandDiscover,
		"6445644564456445":    BrandDiscover,
		"6500000000000002":    BrandDiscover,
		"3566002020360505":    BrandJCB,
		"3530111333300000":    BrandJCB,
		"2220990000000000":    BrandUnknown,
		"5600000000000000":    BrandUnknown,
		"1234567890123456":    BrandUnknown,
		"":                    BrandUnknown,
		"4":                   BrandVisa,
		"x4111111111111111":   BrandUnknown,
	}
	for number, want := range tests {
		assert.Equal(t, want, Card{Number: number}.Brand(), "number %q", number)
	}
}

func TestLuhnValid(t *testing.T) {
	t.Parallel()
	assert.True(t, LuhnValid("4111111111111111"))
	assert.False(t, LuhnValid("4111111111111112"))
	assert.False(t, LuhnValid("4111 1111 1111 1111"), "digits only")
	assert.False(t, LuhnValid(""))
}

// Checking a card, spaced or not, allocates nothing: it runs before every
// payment.
func TestValidateAllocatesNothing(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, number := range []string{"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111"} {
		c := Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: 2030}
		require.NoError(t, c.Validate(now))
		if n := testing.AllocsPerRun(100, func() { _ = c.Validate(now) }); n != 0 {
			t.Errorf("Validate(%q) allocates %.0f times", number, n)
		}
	}
}
