package srpago

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClientString(t *testing.T) {
	t.Parallel()
	c, err := NewClient("app_key_SENTINEL", "app_secret_SENTINEL", WithBaseURL(SandboxURL))
	require.NoError(t, err)
	for _, s := range []string{c.String(), c.GoString(), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c),
		fmt.Sprintf("%#v", c), fmt.Sprintf("%v", *c), fmt.Sprintf("%+v", *c), fmt.Sprint([]*Client{c})} {
		assert.NotContains(t, s, "SENTINEL", s)
	}
	assert.Equal(t, "srpago.Client{https://sandbox-api.srpago.com}", c.String())
	assert.Equal(t, "srpago.Client{https://sandbox-api.srpago.com}", fmt.Sprintf("%#v", c))
	var nilClient *Client
	assert.Equal(t, "srpago.Client{}", nilClient.String())
	assert.Equal(t, "srpago.Client{}", (&Client{}).String())
	assert.Equal(t, "srpago.Client{}", fmt.Sprint(nilClient))
}

func TestClose(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	reply(mt, http.MethodGet, testBase+"/v1/customer/cus_1", 200, ok(`{"id":"cus_1"}`))
	_, err := c.Customers.Get(ctx, "cus_1")
	require.NoError(t, err)
	require.NoError(t, c.Close())
	_, err = c.Customers.Get(ctx, "cus_1")
	assert.ErrorIs(t, err, ErrClientClosed)
	assert.Equal(t, 1, calls(mt), "nothing sent after Close")
	var nilClient *Client
	assert.NoError(t, nilClient.Close())
	assert.NoError(t, (&Client{}).Close())
}

// TestZeroValues calls every exported method of every service of a zero
// Client, a nil *Client's services and nil services with zero arguments:
// each returns an error matching ErrNoClient, never a panic.
func TestZeroValues(t *testing.T) {
	t.Parallel()
	live, _ := setup(t)
	clients := map[string]*Client{"zero Client": {}, "nil services of a live client": {tc: live.tc}}
	ct := reflect.TypeOf(Client{})
	services := 0
	for name, c := range clients {
		cv := reflect.ValueOf(c).Elem()
		for i := 0; i < ct.NumField(); i++ {
			f := ct.Field(i)
			if !f.IsExported() || f.Type.Kind() != reflect.Pointer {
				continue
			}
			services++
			// A nil pointer of the service type, and a zero service
			// (&ChargesService{}) that belongs to no client.
			for _, svc := range []reflect.Value{cv.Field(i), reflect.New(f.Type.Elem())} {
				for m := 0; m < svc.NumMethod(); m++ {
					method := svc.Type().Method(m)
					mv := svc.Method(m)
					args := make([]reflect.Value, mv.Type().NumIn())
					for a := range args {
						in := mv.Type().In(a)
						args[a] = reflect.Zero(in)
						if in == reflect.TypeOf((*context.Context)(nil)).Elem() {
							args[a] = reflect.ValueOf(context.Background())
						}
					}
					label := name + " " + f.Name + "." + method.Name
					var out []reflect.Value
					require.NotPanics(t, func() { out = mv.Call(args) }, label)
					last := out[len(out)-1]
					if last.Type() == reflect.TypeOf((*error)(nil)).Elem() {
						err, _ := last.Interface().(error)
						require.Error(t, err, label)
						assert.ErrorIs(t, err, ErrNoClient, label)
						assert.True(t, strings.HasPrefix(err.Error(), "srpago: "), label)
						continue
					}
					// An iterator (All): its first yield is the error.
					require.Equal(t, reflect.Func, last.Kind(), label)
					var got error
					yield := reflect.MakeFunc(last.Type().In(0), func(a []reflect.Value) []reflect.Value {
						if e, ok := a[1].Interface().(error); ok {
							got = e
						}
						return []reflect.Value{reflect.ValueOf(false)}
					})
					require.NotPanics(t, func() { last.Call([]reflect.Value{yield}) }, label)
					assert.ErrorIs(t, got, ErrNoClient, label)
				}
			}
		}
	}
	assert.GreaterOrEqual(t, services, 10, "every service was visited")
}

func TestPathIDs(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for _, id := range []string{"", ".", ".."} {
		_, err := c.Charges.Reverse(ctx, id)
		assert.ErrorIs(t, err, ErrInvalidParams, "reverse %q", id)
		_, err = c.Operations.Get(ctx, id)
		assert.ErrorIs(t, err, ErrInvalidParams, "operation %q", id)
		_, err = c.Customers.Get(ctx, id)
		assert.ErrorIs(t, err, ErrInvalidParams, "customer %q", id)
		assert.ErrorIs(t, c.Cards.Delete(ctx, "cus_1", id), ErrInvalidParams, "card %q", id)
		_, err = c.Cards.Add(ctx, id, "tok_1")
		assert.ErrorIs(t, err, ErrInvalidParams, "card add %q", id)
	}
	assert.Zero(t, calls(mt), "nothing sent")

	// Other ids are escaped, base64 padding and slashes included.
	rec := reply(mt, http.MethodGet, testBase+"/v1/operations/apply-reversal/a%2Fb==", 200,
		ok(`{"status":true,"method":"Reversal","transaction":"o"}`))
	_, err := c.Charges.Reverse(ctx, "a/b==")
	require.NoError(t, err)
	r, _ := rec.Last(t)
	assert.Equal(t, "/v1/operations/apply-reversal/a%2Fb==", r.URL.EscapedPath())
}

func TestOptionsAreOwnType(t *testing.T) {
	t.Parallel()
	// Every With… function returns this package's Option; a zero Option
	// is refused with the package's name.
	_, err := NewClient("k", "s", WithRetryWait(time.Millisecond, time.Second), Option{})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "srpago: "), err.Error())
	_, err = NewClient("k", "s", WithEncryptionKey([]byte("not a pem")))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithEncryptionKey")
	_, pub := testKeyPair()
	a, err := NewClient("k", "s", WithEncryptionKey([]byte(pub)))
	require.NoError(t, err)
	b, err := NewClient("k", "s", WithPublicKey(pub))
	require.NoError(t, err)
	assert.True(t, a.pub.Equal(b.pub), "the deprecated WithPublicKey sets the same key")
	assert.False(t, errors.Is(err, ErrInvalidParams))
}

// everyCall makes each API call of the package once with valid arguments;
// once says whether it is never repeated once it may have reached Sr. Pago
// (a POST, a reversal): its outcome is then unknown on a malformed answer.
var everyCall = []struct {
	name string
	once bool
	call func(c *Client) error
}{
	{"Customers.Create", true, func(c *Client) error {
		_, err := c.Customers.Create(ctx, &CustomerParams{Name: "A", Email: "a@b.mx"})
		return err
	}},
	{"Customers.Get", false, func(c *Client) error { _, err := c.Customers.Get(ctx, "cus_1"); return err }},
	{"Customers.Update", false, func(c *Client) error {
		_, err := c.Customers.Update(ctx, "cus_1", &CustomerParams{Name: "B"})
		return err
	}},
	{"Customers.Delete", false, func(c *Client) error { return c.Customers.Delete(ctx, "cus_1") }},
	{"Customers.List", false, func(c *Client) error { _, err := c.Customers.List(ctx, nil); return err }},
	{"Customers.All", false, func(c *Client) error {
		for _, err := range c.Customers.All(ctx, nil) {
			return err
		}
		return nil
	}},
	{"Cards.Add", true, func(c *Client) error { _, err := c.Cards.Add(ctx, "cus_1", "tok_1"); return err }},
	{"Cards.List", false, func(c *Client) error { _, err := c.Cards.List(ctx, "cus_1"); return err }},
	{"Cards.Get", false, func(c *Client) error { _, err := c.Cards.Get(ctx, "cus_1", "crd_1"); return err }},
	{"Cards.Delete", false, func(c *Client) error { return c.Cards.Delete(ctx, "cus_1", "crd_1") }},
	{"Tokens.Create", true, func(c *Client) error {
		_, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4242424242424242", CVV: "123", ExpMonth: 1,
			ExpYear: time.Now().Year() + 2, HolderName: "Ana"}})
		return err
	}},
	{"Charges.Create", true, func(c *Client) error {
		_, err := c.Charges.Create(ctx, &ChargeParams{Source: "crd_1", Amount: 100, Description: "x"})
		return err
	}},
	{"Charges.Reverse", true, func(c *Client) error { _, err := c.Charges.Reverse(ctx, "MQ=="); return err }},
	{"Operations.Get", false, func(c *Client) error { _, err := c.Operations.Get(ctx, "MQ=="); return err }},
	{"Operations.List", false, func(c *Client) error { _, err := c.Operations.List(ctx, nil); return err }},
	{"Operations.All", false, func(c *Client) error {
		for _, err := range c.Operations.All(ctx, nil) {
			return err
		}
		return nil
	}},
	{"References.CreateCash", true, func(c *Client) error {
		_, err := c.References.CreateCash(ctx, &CashReferenceParams{Amount: 100, Description: "x"})
		return err
	}},
	{"References.CreateSPEI", true, func(c *Client) error {
		_, err := c.References.CreateSPEI(ctx, &SPEIReferenceParams{Amount: 100, Description: "x"})
		return err
	}},
	{"Payments.List", false, func(c *Client) error {
		_, err := c.Payments.List(ctx, &PaymentListParams{Type: TypeStore})
		return err
	}},
	{"Payments.All", false, func(c *Client) error {
		for _, err := range c.Payments.All(ctx, &PaymentListParams{Type: TypeEcommerce}) {
			return err
		}
		return nil
	}},
	{"Account.Get", false, func(c *Client) error { _, err := c.Account.Get(ctx); return err }},
	{"Account.Funds", false, func(c *Client) error { _, err := c.Account.Funds(ctx); return err }},
	{"Webhooks.Update", false, func(c *Client) error {
		_, err := c.Webhooks.Update(ctx, "MQ==", &WebhookParams{URL: "https://shop.example.mx/h"})
		return err
	}},
}

// TestEmptyAnswers: a 204, a 205, an empty 200 or a success envelope
// without its result, on every call, is an error matching
// ErrMalformedResponse (and ErrOutcomeUnknown on a call that is never
// repeated):
// never a panic, never (nil, nil).
func TestEmptyAnswers(t *testing.T) {
	t.Parallel()
	answers := []struct {
		name   string
		status int
		body   string
	}{
		{"204", http.StatusNoContent, ""},
		{"205", http.StatusResetContent, ""},
		{"200 empty", http.StatusOK, ""},
		{"200 no result", http.StatusOK, `{"success":true}`},
		{"200 null result", http.StatusOK, `{"success":true,"result":null}`},
	}
	for _, a := range answers {
		for _, tt := range everyCall {
			t.Run(a.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				mt.RegisterNoResponder(httpmock.NewStringResponder(a.status, a.body))
				var err error
				require.NotPanics(t, func() { err = tt.call(c) })
				if strings.HasPrefix(a.body, `{"success":true`) && (tt.name == "Customers.Delete" || tt.name == "Cards.Delete") {
					// A delete needs no result: success is its answer.
					assert.NoError(t, err)
					return
				}
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrMalformedResponse)
				assert.Equal(t, tt.once, errors.Is(err, ErrOutcomeUnknown), err.Error())
				assert.Equal(t, 1, calls(mt), "sent once (setup disables retries)")
			})
		}
	}
}

func TestNewClient(t *testing.T) {
	t.Parallel()
	_, err := NewClient("", "s")
	assert.Error(t, err)
	_, err = NewClient("k", "")
	assert.Error(t, err)
	_, err = NewClient("k", "s\n")
	assert.EqualError(t, err, "srpago: NewClient: application secret holds a control character (a newline read with it from a file?)")
	_, err = NewClient("k", "s", WithBaseURL("http://example.com"))
	assert.Error(t, err, "plain http off loopback")
	_, err = NewClient("k", "s", WithMaxRetries(-1))
	assert.Error(t, err)
	_, err = NewClient("k", "s", WithPublicKey("not a pem"))
	assert.Error(t, err)
	_, err = NewClient("k", "s", Option{})
	assert.Error(t, err)

	c, err := NewClient("k", "s")
	require.NoError(t, err)
	assert.Equal(t, ProductionURL, c.tc.BaseURL().String())
	assert.Equal(t, 4096, c.pub.N.BitLen())
	c, err = NewClient("k", "s", WithBaseURL(SandboxURL), WithTimeout(time.Second), WithAppInfo("shop", "1.0"))
	require.NoError(t, err)
	assert.Equal(t, SandboxURL, c.tc.BaseURL().String())
	assert.Contains(t, c.tc.UserAgent(), "shop/1.0")
}

func TestBaseURLPathPrefixKept(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithBaseURL(testBase+"/proxy"))
	cap := reply(mt, http.MethodGet, testBase+"/proxy/v1/customer/cus_1", 200, ok(`{"id":"cus_1"}`))
	_, err := c.Customers.Get(ctx, "cus_1")
	require.NoError(t, err)
	cap.Last(t)
}

// TestEmbeddedPublicKeyFingerprint pins the embedded key to Sr. Pago's
// published one: RSA 4096, e=65537, SHA-256 of the DER as computed from
// the PHP SDK's copy.
func TestEmbeddedPublicKeyFingerprint(t *testing.T) {
	t.Parallel()
	b, _ := pem.Decode(PublicKeyPEM())
	require.NotNil(t, b)
	assert.Equal(t, "PUBLIC KEY", b.Type)
	sum := sha256.Sum256(b.Bytes)
	assert.Equal(t, PublicKeySHA256, hex.EncodeToString(sum[:]))
	assert.Equal(t, "14e993df3a992f8c45406c977a226bb223e580bcf50215bcb4915337d94a1f0a", hex.EncodeToString(sum[:]))
	_, err := x509.ParsePKIXPublicKey(b.Bytes)
	require.NoError(t, err)
	c, err := NewClient("k", "s")
	require.NoError(t, err)
	assert.Equal(t, 65537, c.pub.E)
	assert.Equal(t, 4096, c.pub.N.BitLen())

	// PublicKeyPEM hands out a copy.
	p := PublicKeyPEM()
	p[0] = 'X'
	assert.Equal(t, byte('-'), PublicKeyPEM()[0])
}

func TestWithPublicKeyRejectsShortKeys(t *testing.T) {
	t.Parallel()
	// A 1024-bit key (generated with openssl for this test).
	const short = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDtr1k0GWWDjnc9cKLp0UaQdX3K
lfbqeh1Q4h2qnGF1tAFWCxq+Jb/G+QLIhv0E/3Z0uSEHPoWe8K04nLgqGO64G89Z
1+Mt6o/uhb9e8ujM9B2dXbtNxqq1+Vz1wF/zUs0zvps5g0luyhc33ZPj/97iDhNj
5U9shFvcmzqeYnixJQIDAQAB
-----END PUBLIC KEY-----`
	_, err := NewClient("k", "s", WithPublicKey(short))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "shorter than 2048 bits")
}
