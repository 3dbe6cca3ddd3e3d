// Package validate holds the input checks the provider packages share, so
// that one rule has one implementation across the family.
package validate

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

// Email reports whether s can be an email address as the providers take
// one: exactly one "@" with text on both sides, and no white space or
// control character anywhere. It checks the shape only: deliverability is
// the provider's business, and a stricter parser (net/mail) would refuse
// addresses the providers accept.
func Email(s string) bool {
	at := -1
	for i, r := range s {
		switch {
		case r == '@':
			if at >= 0 {
				return false
			}
			at = i
		case unicode.IsSpace(r), unicode.IsControl(r):
			return false
		}
	}
	return at > 0 && at < len(s)-1
}

// WebhookURL checks the URL a provider is told to post its events to:
// absolute, without credentials, and https (http only for a loopback host,
// in tests), as the SDK's own base URL must be: the events carry payment
// data. The error is a *transport.ParamError naming field.
func WebhookURL(provider, field, raw string) error {
	if raw == "" {
		return transport.NewParamError(provider, field, "is required")
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || u.User != nil:
		return transport.NewParamError(provider, field, "must be an absolute https:// URL without credentials")
	case u.Scheme == "https", u.Scheme == "http" && transport.IsLoopback(u.Hostname()):
		return nil
	}
	return transport.NewParamError(provider, field, "must be https:// (http:// only for a loopback host)")
}

// Card runs the family's card rules on c at now (digits only, 12 to 19 of
// them, Luhn, a month 1..12, not expired, a CVV of 3 or 4 digits) and, when
// holderWire is not empty, requires a HolderName, which the provider
// receives as holderWire ("cardHolder", "payer_name"). The error is a
// *transport.ParamError whose message starts with provider ("cubo: invalid
// params: Card.CVV: …"), naming the field as the params spell it
// (Card.Number, Card.ExpMonth, Card.ExpYear, Card.CVV, Card.HolderName),
// never its value.
func Card(provider string, c card.Card, now time.Time, holderWire string) error {
	if err := transport.ValidateCard(c, now); err != nil {
		var pe *transport.ParamError
		if errors.As(err, &pe) {
			return transport.NewParamError(provider, pe.Field, pe.Reason)
		}
		return fmt.Errorf("%s: %w", provider, err)
	}
	if holderWire != "" && strings.TrimSpace(c.HolderName) == "" {
		return transport.NewParamError(provider, "Card.HolderName", "is required (sent as "+holderWire+")")
	}
	return nil
}
