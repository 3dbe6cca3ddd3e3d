package card

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sentinel card: none of its PAN, first six digits, CVV or holder name
// may appear in any output.
func sentinelCard() Card {
	return Card{
		Number:     "4111111111111111",
		CVV:        "987",
		ExpMonth:   9,
		ExpYear:    27,
		HolderName: "Juana Secreta",
	}
}

// testingT is the part of *testing.T that assertNoSecrets needs.
type testingT interface {
	assert.TestingT
	Helper()
}

// recorder is a testingT that only records whether it failed.
type recorder struct{ failed bool }

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

const sentinelRedacted = "Card{visa ****1111 09/2027}"

// assertNoSecrets fails when out contains c's number (or its first six
// digits for a full-length number), CVV or holder name.
func assertNoSecrets(t testingT, out string, c Card) {
	t.Helper()
	if d := c.Digits(); len(d) >= 12 {
		assert.NotContains(t, out, d, "PAN leaked")
		assert.NotContains(t, out, d[:6], "first six digits leaked")
	}
	if len(c.CVV) >= 3 {
		assert.NotContains(t, out, c.CVV, "CVV leaked")
	}
	if c.HolderName != "" {
		assert.NotContains(t, out, c.HolderName, "holder name leaked")
	}
}

func TestAssertNoSecretsCatchesLeaks(t *testing.T) {
	t.Parallel()
	c := sentinelCard()
	r := &recorder{}
	assertNoSecrets(r, sentinelRedacted, c)
	assert.False(t, r.failed, "redacted form flagged as a leak")
	for _, leak := range []string{
		"pan=4111111111111111",
		"bin 411111 last 1111",
		"cvv=987",
		"name=Juana Secreta",
	} {
		r := &recorder{}
		assertNoSecrets(r, leak, c)
		assert.True(t, r.failed, "leak not caught in %q", leak)
	}
}

func TestFormatEveryVerb(t *testing.T) {
	t.Parallel()
	c := sentinelCard()
	verbs := []string{
		"%v", "%+v", "%#v", "%s", "%x", "%X", "%d", "%t", "%e", "%f", "%g",
		"%c", "%U", "%o", "%b", "%10v", "%-40s", "%.3s", "%08d", "%+#v",
	}
	// %p and %w are not in the list: fmt rejects them for a Card before
	// looking at Format and prints the raw fields (documented on Card).
	for _, verb := range verbs {
		got := fmt.Sprintf(verb, c)
		assert.Equal(t, sentinelRedacted, got, "verb %s", verb)
		gotPtr := fmt.Sprintf(verb, &c)
		assert.Equal(t, sentinelRedacted, gotPtr, "verb %s on *Card", verb)
	}
	assert.Equal(t, `"`+sentinelRedacted+`"`, fmt.Sprintf("%q", c))
	assert.Equal(t, `"`+sentinelRedacted+`"`, fmt.Sprintf("%q", &c))
	assert.Equal(t, sentinelRedacted, c.String())
	assert.Equal(t, sentinelRedacted, c.GoString())
	assert.Equal(t, sentinelRedacted, fmt.Sprint(c))
	assert.Equal(t, sentinelRedacted+"\n", fmt.Sprintln(c))
	assert.Equal(t, sentinelRedacted+" "+sentinelRedacted, fmt.Sprint(c, " ", &c))
	assertNoSecrets(t, fmt.Sprintf("%v %+v %#v %s %q %x %d", c, c, c, c, c, c, c), c)
	// Extra arguments are printed with %v and so redacted too.
	noVerbs := strings.Repeat("x", 1) // not constant, so vet lets the misuse through
	assert.Equal(t, "x%!(EXTRA card.Card="+sentinelRedacted+")", fmt.Sprintf(noVerbs, c))
}

func TestRedactedShortAndOddNumbers(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Card{unknown **** 00/2000}", Card{}.String())
	assert.Equal(t, "Card{unknown **** 01/2030}", fmt.Sprint(Card{Number: "12", ExpMonth: 1, ExpYear: 2030}))
	assert.Equal(t, "Card{mastercard ****4444 12/2031}",
		fmt.Sprintf("%+v", Card{Number: "5555 5555 5555 4444", ExpMonth: 12, ExpYear: 31}))
}

type payment struct {
	ID     string
	Amount int64
	Card   Card
	Backup *Card
	Cards  []Card
	ByName map[string]Card
}

func samplePayment() payment {
	c := sentinelCard()
	return payment{
		ID:     "pay_1",
		Amount: 1500,
		Card:   c,
		Backup: &c,
		Cards:  []Card{c},
		ByName: map[string]Card{"main": c},
	}
}

func TestFormatInsideStruct(t *testing.T) {
	t.Parallel()
	p := samplePayment()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, p)
		assert.Contains(t, out, sentinelRedacted, "verb %s", verb)
		assertNoSecrets(t, out, p.Card)
		out = fmt.Sprintf(verb, &p)
		assert.Contains(t, out, sentinelRedacted, "verb %s on pointer", verb)
		assertNoSecrets(t, out, p.Card)
	}
}

func newLoggers(buf *bytes.Buffer) map[string]*slog.Logger {
	opts := &slog.HandlerOptions{
		// Drop the time so that its digits cannot collide with the CVV.
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}
	return map[string]*slog.Logger{
		"json": slog.New(slog.NewJSONHandler(buf, opts)),
		"text": slog.New(slog.NewTextHandler(buf, opts)),
	}
}

func TestSlogRedacts(t *testing.T) {
	t.Parallel()
	c := sentinelCard()
	p := samplePayment()

	var buf bytes.Buffer
	loggers := newLoggers(&buf)

	buf.Reset()
	loggers["json"].Info("charge", "card", c, "ptr", &c, slog.Any("payment", p))
	out := buf.String()
	assertNoSecrets(t, out, c)
	assert.Contains(t, out, `"card":{"brand":"visa","last4":"1111","exp_month":9,"exp_year":2027}`)
	assert.Contains(t, out, `"ptr":{"brand":"visa","last4":"1111","exp_month":9,"exp_year":2027}`)
	var decoded map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &decoded))
	payment, ok := decoded["payment"].(map[string]any)
	require.True(t, ok, "payment logged as %T", decoded["payment"])
	assert.Equal(t, map[string]any{"brand": "visa", "last4": "1111", "exp_month": 9.0, "exp_year": 2027.0}, payment["Card"])

	buf.Reset()
	loggers["text"].Info("charge", "card", c, "ptr", &c, slog.Any("payment", p))
	out = buf.String()
	assertNoSecrets(t, out, c)
	assert.Contains(t, out, "card.brand=visa card.last4=1111 card.exp_month=9 card.exp_year=2027")
	assert.Contains(t, out, "ptr.brand=visa ptr.last4=1111")
	assert.Contains(t, out, sentinelRedacted, "struct attr should use the redacted fmt form")

	buf.Reset()
	loggers["text"].With("card", c).WithGroup("g").Info("nested", "card", c)
	out = buf.String()
	assertNoSecrets(t, out, c)
	assert.Contains(t, out, "g.card.last4=1111")
}

func TestJSONRedacts(t *testing.T) {
	t.Parallel()
	c := sentinelCard()
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, `{"brand":"visa","last4":"1111","exp_month":9,"exp_year":2027}`, string(b))

	b, err = json.Marshal(&c)
	require.NoError(t, err)
	assert.Equal(t, `{"brand":"visa","last4":"1111","exp_month":9,"exp_year":2027}`, string(b))

	b, err = json.Marshal(samplePayment())
	require.NoError(t, err)
	assertNoSecrets(t, string(b), c)
	assert.Equal(t, 4, strings.Count(string(b), `{"brand":"visa","last4":"1111","exp_month":9,"exp_year":2027}`), string(b))
}
