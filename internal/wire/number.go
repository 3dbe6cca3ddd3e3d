package wire

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// Int is a whole number a provider sends as a JSON number or as a numeric
// string: 396900, "396900" and 396900.0 are the same value. null and ""
// leave it as it was. A fraction other than zeros ("12.5"), a value
// outside int64 or any other text is an error: an amount that cannot be
// read exactly must not be read at all.
type Int int64

// errNotWhole is Int's decoding error; it never quotes the value.
var errNotWhole = errors.New("want a whole number")

// UnmarshalJSON implements json.Unmarshaler.
func (n *Int) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	s := string(b)
	if b[0] == '"' {
		var err error
		if s, err = Unquote(b); err != nil {
			return err
		}
		if s = strings.TrimSpace(s); s == "" {
			return nil
		}
	}
	if whole, frac, ok := strings.Cut(s, "."); ok && strings.Trim(frac, "0") == "" {
		s = whole
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return errNotWhole
	}
	*n = Int(v)
	return nil
}

// LenientInt is Int for fields a decode must never fail on (a count, a
// flag-like number): any value Int would refuse (a fraction, a word, an
// object) gives 0 and no error; null and "" leave it as it was.
type LenientInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *LenientInt) UnmarshalJSON(b []byte) error {
	v := Int(*n)
	if v.UnmarshalJSON(b) != nil {
		*n = 0
		return nil
	}
	*n = LenientInt(v)
	return nil
}
