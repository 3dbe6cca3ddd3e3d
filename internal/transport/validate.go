package transport

import (
	"errors"
	"time"

	"github.com/latampay/latampay-go/internal/card"
)

// ValidateCard runs the family's card rules at time now and returns an error
// matching ErrInvalidParams that names the field (never its value).
func ValidateCard(c card.Card, now time.Time) error {
	err := c.Validate(now)
	var fe *card.FieldError
	if errors.As(err, &fe) {
		return &ParamError{Field: fe.Field, Reason: fe.Reason}
	}
	return err
}
