package validate

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

func TestEmail(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"ana@example.com":     true,
		"a@b":                 true,
		"ana.pérez@correo.co": true,
		"":                    false,
		"ana":                 false,
		"@example.com":        false,
		"ana@":                false,
		"ana@@example.com":    false,
		"ana@ex@ample.com":    false,
		"ana @example.com":    false,
		"ana@example.com\n":   false,
		"ana@exa\u00a0mple":   false, // a no-break space
		"ana@exa\x00mple":     false,
		"\tana@example.com":   false,
	} {
		if got := Email(s); got != want {
			t.Errorf("Email(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCard(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	good := card.Card{Number: "4111 1111 1111 1111", CVV: "123", ExpMonth: 9, ExpYear: 2030, HolderName: "Ana"}
	if err := Card("cubo", good, now, "cardHolder"); err != nil {
		t.Fatalf("a good card: %v", err)
	}
	noHolder := good
	noHolder.HolderName = " "
	if err := Card("cubo", noHolder, now, ""); err != nil {
		t.Errorf("no holder wanted, yet: %v", err)
	}
	cases := []struct {
		mut   func(c *card.Card)
		field string
	}{
		{func(c *card.Card) { c.Number = "4111111111111112" }, "Card.Number"},
		{func(c *card.Card) { c.ExpMonth = 13 }, "Card.ExpMonth"},
		{func(c *card.Card) { c.ExpMonth, c.ExpYear = 10, 2026 }, "Card.ExpYear"},
		{func(c *card.Card) { c.CVV = "12" }, "Card.CVV"},
		{func(c *card.Card) { c.HolderName = "  " }, "Card.HolderName"},
	}
	for _, tc := range cases {
		c := good
		tc.mut(&c)
		err := Card("nominapp", c, now, "payer_name")
		var pe *transport.ParamError
		if !errors.As(err, &pe) || pe.Field != tc.field || !errors.Is(err, transport.ErrInvalidParams) {
			t.Errorf("%s: got %v", tc.field, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "nominapp: invalid params: "+tc.field+": ") || strings.Contains(err.Error(), "4111") {
			t.Errorf("%s: message %q", tc.field, err)
		}
	}
}
