// Package wire holds exact value types for decoding provider JSON: money
// amounts in cents (never float64), timestamps in the many shapes providers
// send, and free-form metadata maps.
package wire

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/latampay/latampay-go/internal/card"
)

// FormatCents formats an amount in cents as a decimal with exactly two
// fractional digits: 12345 → "123.45", 5 → "0.05", -150 → "-1.50".
func FormatCents(cents int64) string {
	// Work on the magnitude as uint64 so that math.MinInt64 is fine.
	mag := uint64(cents)
	neg := cents < 0
	if neg {
		mag = -mag
	}
	var buf [24]byte
	i := len(buf)
	frac := mag % 100
	buf[i-1] = byte('0' + frac%10)
	buf[i-2] = byte('0' + frac/10)
	buf[i-3] = '.'
	i -= 3
	whole := mag / 100
	for {
		i--
		buf[i] = byte('0' + whole%10)
		whole /= 10
		if whole == 0 {
			break
		}
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// ParseDecimal parses a decimal amount into cents exactly.
//
// Accepted: an optional sign, digits, and an optional '.' with fractional
// digits: "123.45" → 12345, "9.5" → 950, "-1.5" → -150, "+2" → 200. Either
// side of the point may be empty but not both, so ".5" → 50 and "1." → 100.
// More than two fractional digits are accepted only when the extra ones
// are zeros ("1.230" → 123, "1.234" is an error). Empty input, exponents,
// whitespace, other characters and values outside int64 cents are errors;
// the result never wraps.
func ParseDecimal(s string) (int64, error) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	limit := uint64(math.MaxInt64)
	if neg {
		limit++ // math.MinInt64 has one more unit of magnitude
	}
	var mag uint64
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		if mag > (limit-uint64(s[i]-'0'))/10 {
			return 0, badValue("decimal", s, "out of range")
		}
		mag = mag*10 + uint64(s[i]-'0')
		digits++
	}
	// mag counts whole units so far; scale to cents.
	if mag > limit/100 {
		return 0, badValue("decimal", s, "out of range")
	}
	mag *= 100
	if i < len(s) && s[i] == '.' {
		i++
		scale := uint64(10)
		for ; i < len(s) && isDigit(s[i]); i++ {
			d := uint64(s[i] - '0')
			digits++
			if scale == 0 {
				if d != 0 {
					return 0, badValue("decimal", s, "more than two fractional digits")
				}
				continue
			}
			if mag > limit-d*scale {
				return 0, badValue("decimal", s, "out of range")
			}
			mag += d * scale
			scale /= 10
		}
	}
	if i != len(s) || digits == 0 {
		return 0, badValue("decimal", s, "not a plain decimal number")
	}
	if neg {
		// For mag == 1<<63, int64(mag) is already math.MinInt64 and
		// negating it leaves it so, which is the value wanted.
		return -int64(mag), nil
	}
	return int64(mag), nil
}

// Decimal is an exact money amount in cents (hundredths of the currency
// unit).
//
// It decodes from a JSON number or a JSON string holding a decimal in the
// syntax of ParseDecimal, reading the literal text so no precision is ever
// lost to float64. It encodes as a JSON string such as "123.45".
type Decimal int64

// Cents returns the amount in cents.
func (d Decimal) Cents() int64 { return int64(d) }

// String formats the amount with FormatCents.
func (d Decimal) String() string { return FormatCents(int64(d)) }

// MarshalJSON encodes the amount as a JSON string, e.g. "123.45".
func (d Decimal) MarshalJSON() ([]byte, error) {
	return []byte(`"` + FormatCents(int64(d)) + `"`), nil
}

// UnmarshalJSON decodes a JSON number (e.g. 123.45) or a JSON string
// holding one (e.g. "123.45"). JSON null leaves d unchanged, as for the
// built-in types. Exponents, the empty string and other JSON types are
// errors.
func (d *Decimal) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	var text string
	switch {
	case string(data) == "null":
		return nil
	case len(data) > 0 && data[0] == '"':
		var err error
		if text, err = Unquote(data); err != nil {
			return fmt.Errorf("wire: decimal: %w", err)
		}
	case len(data) > 0 && (data[0] == '-' || isDigit(data[0])):
		text = string(data)
	default:
		return badValue("decimal", string(data), "not a number or numeric string")
	}
	cents, err := ParseDecimal(text)
	if err != nil {
		return err
	}
	*d = Decimal(cents)
	return nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// maxShown is how much of a bad value an error message quotes.
const maxShown = 40

// badValue returns an error naming the kind of value, the offending text
// (at most maxShown bytes of it, quoted) and why it was rejected.
// A card number inside the value is masked first: a provider that puts
// one in the wrong field must not get it into an error string.
func badValue(kind, value, why string) error {
	value = card.MaskPANs(value)
	if len(value) > maxShown {
		value = value[:maxShown] + "…"
	}
	return fmt.Errorf("wire: invalid %s %s: %s", kind, strconv.Quote(value), why)
}
