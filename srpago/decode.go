package srpago

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
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
		// The decoder has already checked the token: a string without
		// escapes is its bytes (the common case, and a quick one).
		if inner, ok := plainString(b); ok {
			*f = flexString(inner)
			return nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f':
		if string(b) != "null" {
			*f = flexString(b)
		}
	}
	return nil
}

// plainString returns the text of a JSON string token without escapes,
// control characters or invalid UTF-8, and false for any other token.
func plainString(b []byte) ([]byte, bool) {
	n := len(b)
	if n < 2 || b[0] != '"' || b[n-1] != '"' {
		return nil, false
	}
	inner := b[1 : n-1]
	for _, c := range inner {
		if c < 0x20 || c == '"' || c == '\\' {
			return nil, false
		}
	}
	return inner, utf8.Valid(inner)
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

// flexInt decodes a JSON integer or numeric string; other values give 0.
type flexInt int

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if n, err := strconv.Atoi(s); err == nil {
		*f = flexInt(n)
	}
	return nil
}
