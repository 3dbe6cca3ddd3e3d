// Package attack_test attacks the five provider packages the way a hostile
// proxy or a misbehaving provider would: redirects, empty answers and
// echoed secrets on money-moving calls, over HTTP/1, HTTP/2 and a custom
// RoundTripper. The server counts hits: a money-moving call reaches it
// exactly once, whatever it answers.
package attack_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/srpago"
)

// Sentinel credentials: none of them may ever show.
const (
	culqiKey      = "sk_test_SENTINELculqiKey"
	dfKey         = "key_SENTINELdigitalfemsa"
	srpagoAppKey  = "SENTINELsrpagoAppKey"
	srpagoSecret  = "SENTINELsrpagoSecret"
	cuboKey       = "SENTINELcuboApiKey"
	nominappEmail = "sentinel@example.co"
	nominappToken = "SENTINELnominappApiToken"
	nominappBear  = "SENTINELnominappBearer"
	pan           = "4111111111111111"
)

// provider is one package's money-moving call, made through the given
// HTTP client against base.
type provider struct {
	name    string
	secrets []string
	money   func(ctx context.Context, base string, hc *http.Client, logger *slog.Logger) error
}

func common(base string, hc *http.Client, logger *slog.Logger) (string, *http.Client, int, time.Duration, *slog.Logger) {
	return base, hc, 2, time.Millisecond, logger
}

var validCard = card.Card{Number: "4111 1111 1111 1111", CVV: "123", ExpMonth: 12, ExpYear: time.Now().Year() + 3, HolderName: "Ana Sentinel"}

var providers = []provider{
	{"culqi", []string{culqiKey}, func(ctx context.Context, base string, hc *http.Client, l *slog.Logger) error {
		b, h, n, w, lg := common(base, hc, l)
		c, err := culqi.NewClient(culqiKey, culqi.WithBaseURL(b), culqi.WithHTTPClient(h), culqi.WithMaxRetries(n), culqi.WithRetryWait(w, w), culqi.WithLogger(lg))
		if err != nil {
			return err
		}
		_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 10000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_123"})
		return err
	}},
	{"digitalfemsa", []string{dfKey}, func(ctx context.Context, base string, hc *http.Client, l *slog.Logger) error {
		b, h, n, w, lg := common(base, hc, l)
		c, err := digitalfemsa.NewClient(dfKey, digitalfemsa.WithBaseURL(b), digitalfemsa.WithHTTPClient(h), digitalfemsa.WithMaxRetries(n), digitalfemsa.WithRetryWait(w, w), digitalfemsa.WithLogger(lg))
		if err != nil {
			return err
		}
		_, err = c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 50000, CustomerID: "cus_123", Reason: "Retiro"})
		return err
	}},
	{"srpago", []string{srpagoAppKey, srpagoSecret}, func(ctx context.Context, base string, hc *http.Client, l *slog.Logger) error {
		b, h, n, w, lg := common(base, hc, l)
		c, err := srpago.NewClient(srpagoAppKey, srpagoSecret, srpago.WithBaseURL(b), srpago.WithHTTPClient(h), srpago.WithMaxRetries(n), srpago.WithRetryWait(w, w), srpago.WithLogger(lg))
		if err != nil {
			return err
		}
		_, err = c.Charges.Create(ctx, &srpago.ChargeParams{Source: "crd_test_123", Amount: 29900, Description: "Membresia", OrderID: "ord-1"})
		return err
	}},
	{"cubo", []string{cuboKey}, func(ctx context.Context, base string, hc *http.Client, l *slog.Logger) error {
		b, h, n, w, lg := common(base, hc, l)
		c, err := cubo.NewClient(cuboKey, cubo.WithBaseURL(b), cubo.WithHTTPClient(h), cubo.WithMaxRetries(n), cubo.WithRetryWait(w, w), cubo.WithLogger(lg))
		if err != nil {
			return err
		}
		_, err = c.Transactions.Create(ctx, &cubo.PaymentParams{ClientName: "Ana", ClientEmail: "ana@example.com", ClientPhone: "+50322577777",
			Description: "Pedido", Amount: 1000, Card: validCard})
		return err
	}},
	{"nominapp", []string{nominappToken, nominappBear}, func(ctx context.Context, base string, hc *http.Client, l *slog.Logger) error {
		b, h, n, w, lg := common(base, hc, l)
		c, err := nominapp.NewClient(nominappEmail, nominappToken, nominapp.WithAccessToken(nominappBear), nominapp.WithBaseURL(b), nominapp.WithHTTPClient(h),
			nominapp.WithMaxRetries(n), nominapp.WithRetryWait(w, w), nominapp.WithLogger(lg))
		if err != nil {
			return err
		}
		_, err = c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: validCard, PlanID: "3f2b8c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b", PaidWorkers: 2, PaymentType: nominapp.Monthly})
		return err
	}},
}

// network is how the client reaches the server.
type network struct {
	name  string
	start func(t *testing.T, h http.Handler) (base string, hc *http.Client)
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

var networks = []network{
	{"http1", func(t *testing.T, h http.Handler) (string, *http.Client) {
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return srv.URL, srv.Client()
	}},
	{"http2", func(t *testing.T, h http.Handler) (string, *http.Client) {
		srv := httptest.NewUnstartedServer(h)
		srv.EnableHTTP2 = true
		srv.StartTLS()
		t.Cleanup(srv.Close)
		return srv.URL, srv.Client()
	}},
	{"roundtripper", func(t *testing.T, h http.Handler) (string, *http.Client) {
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		inner := srv.Client().Transport
		return srv.URL, &http.Client{Transport: roundTripperFunc(func(r *http.Request) (*http.Response, error) { return inner.RoundTrip(r) })}
	}},
}

// attack is what the server answers once it has "processed" the call.
type attack struct {
	name string
	// unknown: the call must end in ErrOutcomeUnknown.
	unknown bool
	answer  func(w http.ResponseWriter, r *http.Request, elsewhere string)
}

// echo is a provider body that repeats everything it was sent: the
// Authorization header, the credentials, a card number in every spelling.
func echo(r *http.Request, secrets []string) string {
	var esc, pct strings.Builder
	for _, c := range pan {
		fmt.Fprintf(&esc, `\u%04x`, c)
		fmt.Fprintf(&pct, "%%%02X", c)
	}
	body, _ := io.ReadAll(r.Body)
	parts := []string{
		"auth " + r.Header.Get("Authorization"), "key " + r.Header.Get("X-Api-Key"),
		"pan " + pan, "grouped 4111 1111 1111 1111", "dashed 4111-1111-1111-1111", "escaped " + esc.String(),
		"url https://x.example/c/" + pct.String() + "?card=" + pan, "body " + string(body),
	}
	for _, s := range secrets {
		parts = append(parts, "secret "+s, "b64 "+base64.StdEncoding.EncodeToString([]byte(s)), "qs "+url.QueryEscape(s))
	}
	msg := strings.Join(parts, " | ")
	return fmt.Sprintf(`{"message":%q,"merchant_message":%q,"user_message":%q,"type":"api_error","error":{"code":"X","message":%q,"description":%q},"details":[{"message":%q,"debug_message":%q}],"errors":[{"code":"1","message":%q}]}`,
		msg, msg, msg, msg, msg, msg, msg, msg)
}

var attacks = []attack{
	{"307 after processing", true, func(w http.ResponseWriter, r *http.Request, elsewhere string) {
		http.Redirect(w, r, elsewhere+r.URL.Path+"?token=SENTINELlocation", http.StatusTemporaryRedirect)
	}},
	{"308 after processing", true, func(w http.ResponseWriter, r *http.Request, elsewhere string) {
		http.Redirect(w, r, elsewhere+r.URL.Path, http.StatusPermanentRedirect)
	}},
	{"302 with an unparseable Location", true, func(w http.ResponseWriter, _ *http.Request, _ string) {
		w.Header().Set("Location", "http://[::1%zz/SENTINELlocation")
		w.WriteHeader(http.StatusFound)
	}},
	{"301 to another host", true, func(w http.ResponseWriter, r *http.Request, _ string) {
		http.Redirect(w, r, "https://evil.example/steal", http.StatusMovedPermanently)
	}},
	{"204 No Content", true, func(w http.ResponseWriter, _ *http.Request, _ string) {
		w.WriteHeader(http.StatusNoContent)
	}},
	{"200 with an empty body", true, func(w http.ResponseWriter, _ *http.Request, _ string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
	}},
	{"500 echoing every secret", true, nil},
	{"400 echoing every secret", false, nil},
}

func TestMoneyMovingCallsUnderAttack(t *testing.T) {
	t.Parallel()
	for _, p := range providers {
		for _, n := range networks {
			for _, a := range attacks {
				t.Run(p.name+"/"+n.name+"/"+a.name, func(t *testing.T) {
					t.Parallel()
					var hits, elsewhereHits atomic.Int32
					other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhereHits.Add(1) }))
					t.Cleanup(other.Close)
					base, hc := n.start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						hits.Add(1)
						// A request id carrying a card number, on every answer.
						for _, h := range []string{"X-Culqi-Tracking-Id", srpago.RequestIDHeader, "X-Request-Id"} {
							w.Header().Set(h, "req-"+pan)
						}
						if a.answer != nil {
							a.answer(w, r, other.URL)
							return
						}
						w.Header().Set("Content-Type", "application/json")
						status := http.StatusInternalServerError
						if !a.unknown {
							status = http.StatusBadRequest
						}
						w.WriteHeader(status)
						_, _ = io.WriteString(w, echo(r, p.secrets))
					}))
					var logs bytes.Buffer
					logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
					err := p.money(context.Background(), base, hc, logger)
					require.Error(t, err)
					assert.Equal(t, int32(1), hits.Load(), "a money-moving call reaches the provider exactly once")
					assert.Zero(t, elsewhereHits.Load(), "a redirect is never followed")
					if a.unknown {
						assert.ErrorIs(t, err, transport.ErrOutcomeUnknown)
						var u *transport.OutcomeUnknownError
						if assert.ErrorAs(t, err, &u) {
							assert.False(t, u.SentAt.IsZero(), "SentAt is set")
						}
					} else {
						assert.NotErrorIs(t, err, transport.ErrOutcomeUnknown)
					}
					assertClean(t, p.secrets, err, logs.String())
				})
			}
		}
	}
}

// assertClean fails when the error (its text, %+v, every error of its
// chain with all fields) or the log shows a secret or a card number.
func assertClean(t *testing.T, secrets []string, err error, logs string) {
	t.Helper()
	texts := []string{err.Error(), fmt.Sprintf("%+v", err), logs}
	for e := range chain(err) {
		texts = append(texts, e.Error(), fields(reflect.ValueOf(e), 0))
	}
	for _, text := range texts {
		for _, s := range append(secrets, "SENTINELlocation") {
			for _, form := range []string{s, base64.StdEncoding.EncodeToString([]byte(s)), url.QueryEscape(s)} {
				require.NotContains(t, text, form)
			}
		}
		decoded := decode(text)
		require.Equal(t, card.MaskPANs(decoded), decoded, "a card number shows in %q", text)
	}
}

// chain yields err and every error it wraps.
func chain(err error) func(func(error) bool) {
	return func(yield func(error) bool) {
		var walk func(error) bool
		walk = func(e error) bool {
			if e == nil {
				return true
			}
			if !yield(e) {
				return false
			}
			switch u := e.(type) {
			case interface{ Unwrap() error }:
				return walk(u.Unwrap())
			case interface{ Unwrap() []error }:
				for _, x := range u.Unwrap() {
					if !walk(x) {
						return false
					}
				}
			}
			return true
		}
		walk(err)
	}
}

// fields prints every exported string and []byte field of v as text.
func fields(v reflect.Value, depth int) string {
	if depth > 6 || !v.IsValid() {
		return ""
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ""
		}
		return fields(v.Elem(), depth+1)
	case reflect.String:
		return v.String()
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return string(v.Bytes())
		}
		var b strings.Builder
		for i := 0; i < v.Len(); i++ {
			b.WriteString(fields(v.Index(i), depth+1) + " ")
		}
		return b.String()
	case reflect.Map:
		var b strings.Builder
		for _, k := range v.MapKeys() {
			b.WriteString(fields(k, depth+1) + "=" + fields(v.MapIndex(k), depth+1) + " ")
		}
		return b.String()
	case reflect.Struct:
		var b strings.Builder
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				b.WriteString(fields(v.Field(i), depth+1) + " | ")
			}
		}
		return b.String()
	}
	return ""
}

// decode reads \uXXXX and %XX escapes of ASCII characters.
func decode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+6 <= len(s) && s[i+1] == 'u' {
			var r rune
			if _, err := fmt.Sscanf(s[i+2:i+6], "%04x", &r); err == nil && r < 0x80 {
				b.WriteRune(r)
				i += 5
				continue
			}
		}
		if s[i] == '%' && i+3 <= len(s) {
			if c, err := url.PathUnescape(s[i : i+3]); err == nil && len(c) == 1 {
				b.WriteString(c)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
