package wire

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"time"
)

// Time is a timestamp that decodes from the shapes providers use.
//
// Accepted JSON values:
//   - a number of Unix seconds, or of Unix milliseconds when its absolute
//     value is at least 1e11 (1e11 seconds is the year 5138); a fractional
//     part gives the sub-second (or sub-millisecond) part exactly. Exponents
//     are rejected.
//   - a string holding such a number, e.g. "1609459200" or "1609459200000".
//   - an RFC 3339 string with or without fractional seconds, or the
//     zone-less forms "2006-01-02T15:04:05", "2006-01-02 15:04:05" and
//     "2006-01-02", which mean UTC. A space may also replace the "T" in a
//     zoned timestamp, and the offset may omit its colon ("-0500").
//   - null, "" and 0, which give the zero Time.
//
// Decoded times are in UTC and must fall in the years 0 to 9999. Time
// encodes as an RFC 3339 string with nanoseconds, and the zero Time as null.
type Time struct {
	time.Time
}

// timeLayouts are tried in order for non-numeric strings. Parsing accepts
// fractional seconds after the seconds field even when the layout has none.
var timeLayouts = []string{
	time.RFC3339,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// msThreshold is the magnitude from which a number counts as milliseconds.
const msThreshold = 100_000_000_000

// errNotNumber tells parseUnix's caller to try the textual layouts.
var errNotNumber = errors.New("not a number")

// MarshalJSON encodes t as an RFC 3339 string in UTC with nanoseconds, or
// null for the zero Time.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	b, err := t.UTC().MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("wire: time: %w", err)
	}
	return b, nil
}

// UnmarshalJSON decodes any of the forms listed on Time.
func (t *Time) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		t.Time = time.Time{}
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		s, err := Unquote(data)
		if err != nil {
			return badValue("time", string(data), "not a JSON string")
		}
		parsed, err := parseTimeString(s)
		if err != nil {
			return err
		}
		t.Time = parsed
		return nil
	}
	parsed, err := parseUnix(string(data))
	if errors.Is(err, errNotNumber) {
		return badValue("time", string(data), "not a number, string or null")
	}
	if err != nil {
		return err
	}
	t.Time = parsed
	return nil
}

// parseTimeString parses the content of a JSON string.
func parseTimeString(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := parseUnix(s)
	if !errors.Is(err, errNotNumber) {
		return t, err
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return inRange(t.UTC(), s)
		}
	}
	return time.Time{}, badValue("time", s, "unknown format")
}

// parseUnix parses [+-]digits[.digits] as Unix seconds or milliseconds. It
// returns errNotNumber when s does not have that shape.
func parseUnix(s string) (time.Time, error) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var whole int64
	start := i
	for ; i < len(s) && isDigit(s[i]); i++ {
		d := int64(s[i] - '0')
		if whole > (math.MaxInt64-d)/10 {
			return time.Time{}, badValue("time", s, "out of range")
		}
		whole = whole*10 + d
	}
	digits := i - start
	frac := ""
	if i < len(s) && s[i] == '.' {
		i++
		fracStart := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		frac = s[fracStart:i]
		digits += len(frac)
	}
	if i != len(s) || digits == 0 {
		return time.Time{}, errNotNumber
	}

	var sec, nsec int64
	if whole >= msThreshold {
		// Milliseconds: the fraction is a fraction of a millisecond.
		sec = whole / 1000
		nsec = whole%1000*1_000_000 + fracNanos(frac, 6)
	} else {
		sec = whole
		nsec = fracNanos(frac, 9)
	}
	if sec == 0 && nsec == 0 {
		return time.Time{}, nil
	}
	if neg {
		sec, nsec = -sec, -nsec
	}
	return inRange(time.Unix(sec, nsec).UTC(), s)
}

// inRange returns t, or an error naming s when t's year is outside 0..9999
// and so cannot be encoded again.
func inRange(t time.Time, s string) (time.Time, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return time.Time{}, badValue("time", s, "out of range")
	}
	return t, nil
}

// fracNanos turns the fractional digits of a number into nanoseconds of
// its unit, where the unit is 10^places nanoseconds. Digits beyond places
// are dropped.
func fracNanos(frac string, places int) int64 {
	var n int64
	for i := 0; i < places; i++ {
		n *= 10
		if i < len(frac) {
			n += int64(frac[i] - '0')
		}
	}
	return n
}
