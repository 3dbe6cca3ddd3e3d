package transport

import (
	"errors"
	"time"

	"github.com/latampay/latampay-go/internal/card"
)

// ValidateCard runs the family's card rules at time now and returns an error
// matching ErrInvalidParams that names the field as the caller wrote it
// (Card.Number, Card.ExpMonth, Card.ExpYear, Card.CVV), never its value.
func ValidateCard(c card.Card, now time.Time) error {
	err := c.Validate(now)
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
