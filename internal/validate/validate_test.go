package validate

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// A webhook URL is absolute, carries no credentials, and is https (http
// only for this machine, in tests).
func TestWebhookURL(t *testing.T) {
	t.Parallel()
	for raw, ok := range map[string]bool{
		"https://shop.example/hooks":           true,
		"https://shop.example:8443/hooks?x=1":  true,
		"http://127.0.0.1:8080/hook":           true,
		"http://[::1]:8080/hook":               true,
		"http://LOCALHOST:8080/hook":           true,
		"http://shop.example/hooks":            false,
		"https://user:pass@shop.example/hooks": false,
		"ftp://shop.example/hooks":             false,
		"/hooks":                               false,
		"https://":                             false,
		"http://[::1":                          false,
		"":                                     false,
	} {
		err := WebhookURL("p", "URL", raw)
		if ok {
			assert.NoError(t, err, raw)
			continue
		}
		var pe *transport.ParamError
		require.ErrorAs(t, err, &pe, raw)
		assert.Equal(t, "URL", pe.Field, raw)
		assert.NotContains(t, err.Error(), "pass", "the URL is never quoted")
	}
}
