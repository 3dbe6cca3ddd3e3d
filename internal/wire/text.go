package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// Unquote returns the text of a JSON string token. A string without
// escapes (nearly every string a provider sends) is converted directly:
// going through json.Unmarshal costs a decoder allocation per field, and
// custom decoders run once per field of every response.
func Unquote(data []byte) (string, error) {
	if inner, ok := plainString(data); ok {
		return string(inner), nil
	}
	var s string
	err := json.Unmarshal(data, &s)
	return s, err
}

// plainString returns the content of a JSON string token without escapes,
// control characters or invalid UTF-8 (which json.Unmarshal would replace),
// and false for anything else.
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

// StringOrNumber is text a provider sends as a JSON string or, from a
// careless encoder, as a number: an order id of 846696993 and "846696993"
// are the same id. A number keeps its literal text, never passing through
// a float; null leaves the value as it was; other JSON types are an error.
type StringOrNumber string

// UnmarshalJSON implements json.Unmarshaler.
func (s *StringOrNumber) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0 || string(data) == "null":
		return nil
	case data[0] == '"':
		text, err := Unquote(data)
		if err != nil {
			return err
		}
		*s = StringOrNumber(text)
		return nil
	case data[0] == '-' || isDigit(data[0]):
		*s = StringOrNumber(data)
		return nil
	}
	return errors.New("wire: want a string or a number")
}
