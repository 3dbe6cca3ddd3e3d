package transport

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/latampay/latampay-go/internal/card"
)

const (
	scrubKey   = "sk_test_SENTINELkeyABCDEF"
	scrubToken = "tok_SENTINELsessionXYZ"
	scrubUser  = "ana@example.co"
	scrubPass  = "SENTINELpassword!"
	scrubPAN   = "4111111111111111" // Luhn-valid
)

// panSpellings are the ways a card number reaches an error or a log: as
// digits, grouped, as JSON \u escapes, percent-escaped inside a URL.
func panSpellings(pan string) []string {
	var esc, pct strings.Builder
	for _, c := range pan {
		fmt.Fprintf(&esc, `\u%04x`, c)
		fmt.Fprintf(&pct, "%%%02X", c)
	}
	return []string{
		pan,
		pan[:4] + " " + pan[4:8] + " " + pan[8:12] + " " + pan[12:],
		pan[:4] + "-" + pan[4:8] + "-" + pan[8:12] + "-" + pan[12:],
		esc.String(),
		pct.String(),
		`\u0034` + pan[1:],
	}
}

func secretForms(v string) []string {
	return []string{v, base64.StdEncoding.EncodeToString([]byte(v)), base64.RawURLEncoding.EncodeToString([]byte(v)), url.QueryEscape(v)}
}

func testScrubber() *scrubber {
	session := NewSessionAuth(nil, 0, 0)
	session.token = scrubToken
	return newScrubber([]string{"pk_test_SENTINELpublic"}, BearerAuth(scrubKey), BasicAuth(scrubUser, scrubPass), session)
}

// assertClean fails when text shows any secret of the test scrubber or a
// card number in any spelling.
func assertClean(t *testing.T, text string, msgAndArgs ...any) {
	t.Helper()
	for _, secret := range []string{scrubKey, scrubToken, scrubPass, "pk_test_SENTINELpublic", scrubUser + ":" + scrubPass} {
		for _, form := range secretForms(secret) {
			assert.NotContains(t, text, form, msgAndArgs...)
		}
	}
	decoded := decodeAll(text)
	assert.Equal(t, card.MaskPANs(decoded), decoded, append([]any{"a card number survives in %q"}, text)...)
}

// decodeAll reads text the way a person or a JSON/URL decoder would.
func decodeAll(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		if c, n := decodeEscape(text, i); n > 0 {
			b.WriteByte(c)
			i += n
			continue
		}
		b.WriteByte(text[i])
		i++
	}
	return b.String()
}

func TestScrubberRemovesEverySecretForm(t *testing.T) {
	t.Parallel()
	s := testScrubber()
	var inputs []string
	for _, secret := range []string{scrubKey, scrubToken, scrubPass, "pk_test_SENTINELpublic"} {
		for _, form := range secretForms(secret) {
			inputs = append(inputs, `{"message":"invalid key `+form+`"}`)
		}
	}
	for _, pan := range panSpellings(scrubPAN) {
		inputs = append(inputs, `{"card":"`+pan+`","ok":1}`, "https://x.example/v1/cards/"+pan+"/x")
	}
	inputs = append(inputs,
		"Authorization: Bearer some_other_token_value",
		`{"headers":{"Authorization":"Basic `+base64.StdEncoding.EncodeToString([]byte(scrubUser+":"+scrubPass))+`"}}`,
		"see https://user:hunter2secret@api.example.com/v2/x?api_key=abcdef123456&x=1 now",
		"ftp://user:hunter2secret@files.example.com/",
	)
	for _, in := range inputs {
		out := s.String(in)
		assertClean(t, out, "input %q", in)
		assert.NotContains(t, out, "hunter2secret", in)
		assert.NotContains(t, out, "abcdef123456", in)
		assert.NotContains(t, out, "some_other_token_value", in)
	}
	// What is not secret stays readable.
	assert.Equal(t, `{"amount":1000,"order":"ord_123456789"}`, s.String(`{"amount":1000,"order":"ord_123456789"}`))
	assert.Equal(t, "**** **** **** 1111", s.String("4111 1111 1111 1111"))
	assert.Equal(t, `\u0031\u0032 ************1111`, s.String(`\u0031\u0032 4111111111111111`), "escaped digits that are not a card number stay")
}

// Typed error fields are scrubbed in place, nested ones included, and the
// error's text follows.
func TestScrubberErrorFields(t *testing.T) {
	t.Parallel()
	pe := &scrubTestError{
		Message: "bad key " + scrubKey, Body: []byte(`{"pan":"` + scrubPAN + `"}`), RequestID: scrubPAN,
		Details: []scrubTestDetail{{"token " + scrubToken}}, Meta: map[string]string{"k": scrubPass},
	}
	s := testScrubber()
	err := s.finalError(&OutcomeUnknownError{Err: &RequestError{Err: pe}})
	// (%s for the body: %v of a []byte prints decimal bytes, whose runs of
	// two-digit numbers can pass the Luhn check by chance.)
	assertClean(t, fmt.Sprintf("%s | %s | %s | %v | %v", pe.Message, pe.Body, pe.RequestID, pe.Details, pe.Meta))
	assertClean(t, err.Error())
	assertClean(t, fmt.Sprintf("%+v", err))
}

type scrubTestDetail struct{ Message string }

type scrubTestError struct {
	Message   string
	Body      []byte
	RequestID string
	Details   []scrubTestDetail
	Meta      map[string]string
}

func (e *scrubTestError) Error() string {
	return fmt.Sprintf("%s %s %s %v", e.Message, e.Body, e.RequestID, e.Details)
}

// An error whose text is computed from state the scrubber cannot reach is
// wrapped so that its text is clean, and errors.Is/As still see it.
func TestScrubberWrapsATextItCannotMend(t *testing.T) {
	t.Parallel()
	inner := fmt.Errorf("dial: %s", scrubKey)
	err := testScrubber().finalError(&RequestError{Method: "POST", Path: "/v2/charges", Err: inner})
	assertClean(t, err.Error())
	var re *RequestError
	assert.ErrorAs(t, err, &re)
}

func FuzzScrubber(f *testing.F) {
	for _, seed := range []string{"", "x", `{"a":"%s"}`, "Bearer %s", "https://h/p?%s", `\u%s`, "%s%s"} {
		f.Add(seed, uint8(0))
	}
	secrets := []string{scrubKey, scrubToken, scrubPass}
	var spellings []string
	for _, s := range secrets {
		spellings = append(spellings, secretForms(s)...)
	}
	spellings = append(spellings, panSpellings(scrubPAN)...)
	spellings = append(spellings, panSpellings("5555555555554444")...)
	s := testScrubber()
	f.Fuzz(func(t *testing.T, text string, pick uint8) {
		in := strings.ReplaceAll(text, "%s", spellings[int(pick)%len(spellings)])
		out := s.String(in)
		for _, secret := range secrets {
			for _, form := range secretForms(secret) {
				if strings.Contains(out, form) && !strings.Contains(text, form) {
					t.Fatalf("secret form %q survives in %q", form, out)
				}
			}
		}
		if decoded := decodeAll(out); card.MaskPANs(decoded) != decoded {
			t.Fatalf("a card number survives in %q (reads %q)", out, decoded)
		}
		if again := s.String(out); again != out {
			t.Fatalf("scrubbing is not stable: %q then %q", out, again)
		}
	})
}
