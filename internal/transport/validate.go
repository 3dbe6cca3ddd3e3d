package transport

import (
	"errors"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/card"
)

// ValidateCard runs the family's card rules at time now and returns an error
// matching ErrInvalidParams that names the field as the caller wrote it
// (Card.Number, Card.ExpMonth, Card.ExpYear, Card.CVV), never its value.
func ValidateCard(c card.Card, now time.Time) error {
	err := c.Validate(now)
	if err == nil {
		return nil // before fe, which errors.As would move to the heap on every call
	}
	var fe *card.FieldError
	if errors.As(err, &fe) {
		field, ok := cardFields[fe.Field]
		if !ok {
			field = fe.Field
		}
		return &ParamError{Field: field, Reason: fe.Reason}
	}
	return err
}

// cardFields names the card package's fields the way the params do.
var cardFields = map[string]string{
	"card.number":    "Card.Number",
	"card.exp_month": "Card.ExpMonth",
	"card.exp_year":  "Card.ExpYear",
	"card.cvv":       "Card.CVV",
}

// CheckCredential refuses a credential that cannot work: empty, blank, or
// holding a control character (most often the newline at the end of a key
// read from a file, which would otherwise surface on the first call as an
// invalid header). what names it in the error, as "culqi: NewClient: secret
// key"; the value itself never appears.
func CheckCredential(what, value string) error {
	if strings.TrimSpace(value) == "" {
		return errors.New(what + " is empty")
	}
	for _, r := range value {
		if r < 0x20 || r == 0x7f {
			return errors.New(what + " holds a control character (a newline read with it from a file?)")
		}
	}
	return nil
}
