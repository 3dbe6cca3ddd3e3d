// Package card holds payment card data and keeps it from leaking.
//
// A Card validates itself (Luhn, expiry, CVV) and formats its expiry the
// ways providers ask for it. Every textual form of a Card produced by fmt,
// log/slog or encoding/json is redacted to brand, last four digits and
// expiry; the full number, the CVV and the holder name never appear.
// MaskPANs scrubs card numbers out of arbitrary text such as logged request
// bodies.
package card

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// FieldError reports that one field of a Card is invalid. Its text never
// contains the card number or the CVV.
type FieldError struct {
	// Field is the dotted name of the bad field, e.g. "card.number".
	Field string
	// Reason says what is wrong with it, e.g. "fails the Luhn check".
	Reason string
}

// Error returns "invalid <field>: <reason>".
func (e *FieldError) Error() string {
	return "invalid " + e.Field + ": " + e.Reason
}

// Field names used in FieldError.
const (
	fieldNumber   = "card.number"
	fieldExpMonth = "card.exp_month"
	fieldExpYear  = "card.exp_year"
	fieldCVV      = "card.cvv"
)

// Card is a payment card as entered by the customer.
//
// Card implements fmt.Formatter, fmt.Stringer, fmt.GoStringer,
// slog.LogValuer and json.Marshaler so that it prints only in redacted
// form. Those guarantees hold when the Card is printed directly or sits in
// an exported field of a printed value; fmt cannot call methods on values
// in unexported struct fields, so do not keep a Card there if the holder
// may be printed. The verbs %p and %w are also unsafe: fmt rejects them for
// a Card before consulting Format and then prints the raw fields.
type Card struct {
	Number     string // PAN; spaces and dashes are ignored
	CVV        string
	ExpMonth   int // 1..12
	ExpYear    int // four digits; a two-digit year (0..99) means 20YY
	HolderName string
}

// Validate checks the card at time now and returns a *FieldError for the
// first invalid field, checked in the order number, expiry month, expiry
// year, CVV. The number must be 12 to 19 digits once spaces and dashes are
// removed and must pass the Luhn check. The card is valid through the last
// day of its expiry month, compared in UTC.
func (c Card) Validate(now time.Time) error {
	// The digits go to a buffer on the stack: checking a card allocates
	// nothing.
	var buf [24]byte
	d := appendDigits(buf[:0], c.Number)
	switch {
	case len(d) == 0:
		return &FieldError{Field: fieldNumber, Reason: "is required"}
	case !allDigits(d):
		return &FieldError{Field: fieldNumber, Reason: "must contain only digits, spaces and dashes"}
	case len(d) < 12 || len(d) > 19:
		return &FieldError{Field: fieldNumber, Reason: "must have 12 to 19 digits"}
	case !luhnValid(d):
		return &FieldError{Field: fieldNumber, Reason: "fails the Luhn check"}
	}
	if c.ExpMonth < 1 || c.ExpMonth > 12 {
		return &FieldError{Field: fieldExpMonth, Reason: "must be between 1 and 12"}
	}
	y := c.Year()
	if y < 1000 || y > 9999 {
		return &FieldError{Field: fieldExpYear, Reason: "must have two or four digits"}
	}
	// The first instant after the expiry month.
	end := time.Date(y, time.Month(c.ExpMonth)+1, 1, 0, 0, 0, 0, time.UTC)
	if !now.UTC().Before(end) {
		return &FieldError{Field: fieldExpYear, Reason: "card has expired"}
	}
	if len(c.CVV) < 3 || len(c.CVV) > 4 || !allDigits(c.CVV) {
		return &FieldError{Field: fieldCVV, Reason: "must be 3 or 4 digits"}
	}
	return nil
}

// Digits returns the card number with spaces and dashes removed. Other
// characters are kept, so the result is not necessarily all digits unless
// Validate succeeded.
func (c Card) Digits() string {
	if !strings.ContainsAny(c.Number, " -") {
		return c.Number
	}
	return string(appendDigits(make([]byte, 0, len(c.Number)), c.Number))
}

// appendDigits appends number to b without its spaces and dashes.
func appendDigits(b []byte, number string) []byte {
	for i := 0; i < len(number); i++ {
		if ch := number[i]; ch != ' ' && ch != '-' {
			b = append(b, ch)
		}
	}
	return b
}

// Last4 returns the last four digits of the number, or "" when the number
// has fewer than four characters or does not end in four digits.
func (c Card) Last4() string {
	d := c.Digits()
	if len(d) < 4 {
		return ""
	}
	last := d[len(d)-4:]
	if !allDigits(last) {
		return ""
	}
	return last
}

// Brand names returned by Card.Brand.
const (
	BrandVisa       = "visa"
	BrandMastercard = "mastercard"
	BrandAmex       = "amex"
	BrandDiners     = "diners"
	BrandDiscover   = "discover"
	BrandJCB        = "jcb"
	BrandUnknown    = "unknown"
)

// Brand guesses the card network from the issuer identification number
// prefix and returns one of the Brand constants.
func (c Card) Brand() string {
	d := c.Digits()
	p := func(n int) int { return prefixInt(d, n) }
	switch {
	case p(1) == 4:
		return BrandVisa
	case p(2) == 34 || p(2) == 37:
		return BrandAmex
	case p(2) >= 51 && p(2) <= 55, p(4) >= 2221 && p(4) <= 2720:
		return BrandMastercard
	case p(3) >= 300 && p(3) <= 305, p(3) == 309, p(2) == 36, p(2) == 38, p(2) == 39:
		return BrandDiners
	case p(4) == 6011, p(3) >= 644 && p(3) <= 649, p(2) == 65:
		return BrandDiscover
	case p(4) >= 3528 && p(4) <= 3589:
		return BrandJCB
	}
	return BrandUnknown
}

// Year returns the expiry year with a two-digit year (0..99) turned into
// 20YY; other values are returned unchanged.
func (c Card) Year() int {
	if c.ExpYear >= 0 && c.ExpYear <= 99 {
		return 2000 + c.ExpYear
	}
	return c.ExpYear
}

// MonthMM returns the expiry month as two digits, e.g. "09".
func (c Card) MonthMM() string { return pad(c.ExpMonth, 2) }

// YearYYYY returns the normalised expiry year as four digits, e.g. "2027".
func (c Card) YearYYYY() string { return pad(c.Year(), 4) }

// YearYY returns the last two digits of the expiry year, e.g. "27".
func (c Card) YearYY() string { return pad(c.Year()%100, 2) }

// ExpiryMMYY returns the expiry as "MM/YY", e.g. "09/27".
func (c Card) ExpiryMMYY() string { return c.MonthMM() + "/" + c.YearYY() }

// ExpiryYYMM returns the expiry as "YYMM", e.g. "2709".
func (c Card) ExpiryYYMM() string { return c.YearYY() + c.MonthMM() }

// String returns the redacted form, e.g. "Card{visa ****4242 09/2027}".
func (c Card) String() string {
	return "Card{" + c.Brand() + " ****" + c.Last4() + " " + c.MonthMM() + "/" + c.YearYYYY() + "}"
}

// GoString returns the same redacted form as String, so %#v never shows
// the fields.
func (c Card) GoString() string { return c.String() }

// Format implements fmt.Formatter: every verb prints the redacted form.
// %q quotes it; all other verbs, flags, widths and precisions are ignored.
func (c Card) Format(f fmt.State, verb rune) {
	s := c.String()
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = f.Write([]byte(s))
}

// LogValue implements slog.LogValuer: the card logs as a group of brand,
// last4, exp_month and exp_year.
func (c Card) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("brand", c.Brand()),
		slog.String("last4", c.Last4()),
		slog.Int("exp_month", c.ExpMonth),
		slog.Int("exp_year", c.Year()),
	)
}

// redactedJSON is the JSON form of a Card.
type redactedJSON struct {
	Brand    string `json:"brand"`
	Last4    string `json:"last4"`
	ExpMonth int    `json:"exp_month"`
	ExpYear  int    `json:"exp_year"`
}

// MarshalJSON implements json.Marshaler with the redacted form, e.g.
// {"brand":"visa","last4":"4242","exp_month":9,"exp_year":2027}.
func (c Card) MarshalJSON() ([]byte, error) {
	return json.Marshal(redactedJSON{
		Brand:    c.Brand(),
		Last4:    c.Last4(),
		ExpMonth: c.ExpMonth,
		ExpYear:  c.Year(),
	})
}

// pad formats n in decimal with leading zeros up to width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) >= width || n < 0 {
		return s
	}
	return strings.Repeat("0", width-len(s)) + s
}

// prefixInt returns the first n characters of d as a number, or -1 when d
// is shorter or they are not all digits.
func prefixInt(d string, n int) int {
	if len(d) < n {
		return -1
	}
	v := 0
	for i := 0; i < n; i++ {
		ch := d[i]
		if ch < '0' || ch > '9' {
			return -1
		}
		v = v*10 + int(ch-'0')
	}
	return v
}

// allDigits reports whether s is non-empty and all ASCII digits.
func allDigits[S ~string | ~[]byte](s S) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// LuhnValid reports whether number is all digits and passes the Luhn
// check (length rules are the caller's: they differ by provider).
func LuhnValid(number string) bool { return allDigits(number) && luhnValid(number) }

// luhnValid reports whether the all-digit string d passes the Luhn check.
func luhnValid[S ~string | ~[]byte](d S) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}
