package nominapp

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/latampay/latampay-go/internal/wire"
)

// flexInt decodes a whole number sent as a JSON number or numeric string
// ("396900", 396900, 396900.0). A fractional value is an error: Nominapp's
// values are whole pesos.
type flexInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	s := string(b)
	if b[0] == '"' {
		var err error
		if s, err = wire.Unquote(b); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
	}
	if whole, frac, ok := strings.Cut(s, "."); ok && strings.Trim(frac, "0") == "" {
		s = whole
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return errors.New("want a whole number")
	}
	*f = flexInt(n)
	return nil
}
