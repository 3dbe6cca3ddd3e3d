package srpago

import (
	"bytes"
	"strings"

	"github.com/latampay/latampay-go/internal/wire"
)

// Sr. Pago's JSON changes type from one endpoint to the next (active is 1
// or true, affiliation "0" or 0, codes strings or numbers): these types
// read any of them.

// flexString decodes a JSON string, number or bool as its text; null and
// other types as "".
type flexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch c := b[0]; {
	case c == '"':
		s, err := wire.Unquote(b)
		if err != nil {
			return err
		}
		*f = flexString(s)
	case c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f':
		*f = flexString(b)
	}
	return nil
}

// flexBool decodes true/false, 1/0, "1"/"0", "true"/"false" (and "yes"/"y",
// any case); anything else is false.
type flexBool bool

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexBool) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		var str flexString
		if err := str.UnmarshalJSON(b); err != nil {
			*f = false
			return nil
		}
		s = strings.TrimSpace(string(str))
	}
	switch strings.ToLower(s) {
	case "true", "1", "yes", "y":
		*f = true
	default:
		*f = false
	}
	return nil
}

// flexInt decodes a JSON integer or numeric string; other values give 0
// (the family's one lenient integer).
type flexInt = wire.LenientInt
