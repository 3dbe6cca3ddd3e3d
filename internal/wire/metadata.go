package wire

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
)

// Metadata is a provider's free-form key/value map.
//
// It decodes from a JSON object. String values are kept as they are; a
// null value keeps its key with the value ""; any other value (number,
// bool, object, array) is kept as its compact JSON text, so
// {"n":12,"b":true,"o":{"a": 1}} gives "12", "true" and `{"a":1}`. Bytes
// that are not valid UTF-8 inside such text are replaced by U+FFFD, as
// encoding/json does for strings. A top-level null, empty array (Culqi
// sends []) or empty string decodes to a nil Metadata; any other
// top-level value is an error. Decoding replaces the map rather than
// merging into it. Metadata encodes as an ordinary JSON object of strings.
type Metadata map[string]string

// UnmarshalJSON decodes the forms described on Metadata.
func (m *Metadata) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return badValue("metadata", "", "empty input")
	}
	switch data[0] {
	case 'n':
		if string(data) != "null" {
			return badValue("metadata", string(data), "not an object")
		}
		*m = nil
		return nil
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil || len(items) != 0 {
			return badValue("metadata", string(data), "only an empty array is accepted")
		}
		*m = nil
		return nil
	case '"':
		if s, err := Unquote(data); err != nil || s != "" {
			return badValue("metadata", string(data), "only an empty string is accepted")
		}
		*m = nil
		return nil
	case '{':
	default:
		return badValue("metadata", string(data), "not an object")
	}

	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return badValue("metadata", string(data), "malformed object")
	}
	out := make(Metadata, len(raw))
	var buf bytes.Buffer
	for k, v := range raw {
		switch {
		case string(v) == "null":
			out[k] = ""
		case v[0] == '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return badValue("metadata", string(v), "malformed string")
			}
			out[k] = s
		default:
			buf.Reset()
			if err := json.Compact(&buf, v); err != nil {
				return badValue("metadata", string(v), "malformed value")
			}
			out[k] = strings.ToValidUTF8(buf.String(), "\uFFFD")
		}
	}
	*m = out
	return nil
}

// EncodeValues implements go-querystring's query.Encoder, so a Metadata
// field of a list filter goes out as metadata[key]=value pairs (the
// bracket form the providers use for nested filters) instead of Go's
// map[...] text; an empty map sends nothing.
func (m Metadata) EncodeValues(key string, v *url.Values) error {
	for k, val := range m {
		v.Add(key+"["+k+"]", val)
	}
	return nil
}
