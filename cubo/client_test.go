package cubo

import (
	"context"
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

	"github.com/latampay/latampay-go/internal/transport"
)

func TestClientString(t *testing.T) {
	t.Parallel()
	const key = "cubo_SENTINEL_KEY_4111"
	c, err := NewClient(key)
	require.NoError(t, err)
	want := "cubo.Client{https://api-payment-a.cubopago.com}"
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		assert.Equal(t, want, fmt.Sprintf(verb, c), verb)
	}
	sb, err := NewClient(key, WithBaseURL(SandboxURL+"/prefix"))
	require.NoError(t, err)
	assert.Equal(t, "cubo.Client{https://api-payment-sandbox.cubopago.com}", sb.String())
	var nilClient *Client
	assert.Equal(t, "cubo.Client{}", nilClient.String())
	assert.Equal(t, "cubo.Client{}", fmt.Sprintf("%#v", &Client{}))
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", *c, c, sb), key)
}

func TestOptionsAreThisPackages(t *testing.T) {
	t.Parallel()
	_, err := NewClient("k", WithTimeout(time.Second), Option{})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "cubo: "), err.Error())
	assert.Contains(t, err.Error(), "option 1")
	for name, opt := range map[string]Option{
		"WithBaseURL":    WithBaseURL("ftp://x"),
		"WithHTTPClient": WithHTTPClient(nil),
		"WithMaxRetries": WithMaxRetries(-1),
		"WithRetryWait":  WithRetryWait(2*time.Second, time.Second),
		"WithTimeout":    WithTimeout(0),
		"WithLogger":     WithLogger(nil),
		"WithAppInfo":    WithAppInfo("has space", "1"),
	} {
		_, err := NewClient("k", opt)
		require.Error(t, err, name)
		assert.True(t, strings.HasPrefix(err.Error(), "cubo: "), err.Error())
	}
	assert.Equal(t, reflect.Struct, reflect.TypeOf(Option{}).Kind(), "a defined type, not transport.Option")
}

func TestClose(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", base+"/api/v1/transactions/tok", 200, `{"status":"SUCCEEDED","paymentIntentToken":"tok"}`)
	_, err := c.Transactions.Get(bg, "tok")
	require.NoError(t, err)
	require.NoError(t, c.Close())
	require.NoError(t, c.Close(), "twice")
	_, err = c.Transactions.Get(bg, "tok")
	assert.ErrorIs(t, err, transport.ErrClientClosed)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	var nilClient *Client
	assert.NoError(t, nilClient.Close())
	assert.NoError(t, (&Client{}).Close())
}

// Every exported method of every service, on a nil service, a service of
// a zero Client and the services of a zero Client, returns an error and
// never panics.
func TestZeroValuesFail(t *testing.T) {
	t.Parallel()
	services := []any{
		(*TransactionsService)(nil), &TransactionsService{}, &TransactionsService{c: &Client{}},
		(*LinksService)(nil), &LinksService{}, &LinksService{c: &Client{}},
		(&Client{}).Transactions, (&Client{}).Links,
	}
	calls := 0
	for _, svc := range services {
		v := reflect.ValueOf(svc)
		for i := 0; i < v.NumMethod(); i++ {
			m := v.Type().Method(i)
			args := []reflect.Value{}
			for j := 0; j < m.Type.NumIn()-1; j++ {
				args = append(args, zeroArg(m.Type.In(j+1)))
			}
			out := v.Method(i).Call(args)
			err, _ := out[len(out)-1].Interface().(error)
			require.Error(t, err, "%T.%s", svc, m.Name)
			assert.ErrorIs(t, err, transport.ErrNoClient, "%T.%s", svc, m.Name)
			assert.True(t, strings.HasPrefix(err.Error(), "cubo: "), err.Error())
			calls++
		}
	}
	assert.Equal(t, 3*4+3*2+4+2, calls, "every method was called")
}

// zeroArg is a usable argument of type t: a background context, a token,
// or a pointer to valid params, so that only the missing client can fail.
func zeroArg(t reflect.Type) reflect.Value {
	switch {
	case t == reflect.TypeOf((*context.Context)(nil)).Elem():
		return reflect.ValueOf(context.Background())
	case t.Kind() == reflect.String:
		return reflect.ValueOf("tok").Convert(t)
	case t == reflect.TypeOf(&PaymentParams{}):
		return reflect.ValueOf(fullPayment())
	case t == reflect.TypeOf(&SubscriptionParams{}):
		return reflect.ValueOf(&SubscriptionParams{PaymentParams: *fullPayment(), Installments: 2})
	case t == reflect.TypeOf(&LinkParams{}):
		return reflect.ValueOf(&LinkParams{Description: "d", Amount: 100})
	case t == reflect.TypeOf(&SubscriptionLinkParams{}):
		return reflect.ValueOf(&SubscriptionLinkParams{LinkParams: LinkParams{Description: "d", Amount: 100, RedirectURI: "https://x.example"}, Installments: 2})
	case t.Kind() == reflect.Pointer:
		return reflect.New(t.Elem())
	}
	return reflect.Zero(t)
}

// An unknown outcome names the call and when it was sent; Cubo keeps
// nothing a key could go in, so Key stays empty.
func TestOutcomeUnknownNamesTheCall(t *testing.T) {
	t.Parallel()
	cases := []struct {
		op   string
		path string
		call func(c *Client) error
	}{
		{"transactions.create", "/api/v1/transactions", func(c *Client) error {
			_, err := c.Transactions.Create(bg, fullPayment())
			return err
		}},
		{"transactions.create_subscription", "/api/v1/transactions/subscription", func(c *Client) error {
			_, err := c.Transactions.CreateSubscription(bg, &SubscriptionParams{PaymentParams: *fullPayment(), Installments: 3})
			return err
		}},
		{"links.create", "/api/v1/links/one-use", func(c *Client) error {
			_, err := c.Links.Create(bg, &LinkParams{Description: "d", Amount: 100})
			return err
		}},
		{"links.create_subscription", "/api/v1/links/subscription", func(c *Client) error {
			_, err := c.Links.CreateSubscription(bg, &SubscriptionLinkParams{LinkParams: LinkParams{Description: "d", Amount: 100, RedirectURI: "https://x.example"}, Installments: 2})
			return err
		}},
	}
	for _, tc := range cases {
		for name, responder := range map[string]httpmock.Responder{
			"502":           httpmock.NewStringResponder(http.StatusBadGateway, `<html>bad gateway</html>`),
			"2xx no status": httpmock.NewStringResponder(http.StatusCreated, `{}`),
			"dropped":       httpmock.NewErrorResponder(errors.New("connection reset by peer")),
		} {
			t.Run(tc.op+"/"+name, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				mt.RegisterResponder("POST", base+tc.path, responder)
				before := time.Now()
				err := tc.call(c)
				var u *OutcomeUnknownError
				require.ErrorAs(t, err, &u)
				assert.ErrorIs(t, err, ErrOutcomeUnknown)
				assert.Equal(t, tc.op, u.Operation)
				assert.Empty(t, u.Key, "Cubo keeps no key")
				assert.False(t, u.SentAt.Before(before.Add(-time.Second)) || u.SentAt.After(time.Now()), "SentAt %v", u.SentAt)
				assert.Equal(t, 1, mt.GetTotalCallCount(), "sent once")
			})
		}
	}
}

func TestNewClient(t *testing.T) {
	t.Parallel()
	_, err := NewClient("")
	assert.Error(t, err)
	_, err = NewClient("k\n")
	assert.EqualError(t, err, "cubo: NewClient: API key holds a control character (a newline read with it from a file?)")
	for name, opt := range map[string]Option{
		"negative retries": WithMaxRetries(-1),
		"nil client":       WithHTTPClient(nil),
		"plain http":       WithBaseURL("http://api.cubopago.com"),
		"bad wait":         WithRetryWait(time.Second, time.Millisecond),
		"zero timeout":     WithTimeout(0),
		"nil logger":       WithLogger(nil),
		"bad app":          WithAppInfo("my shop", "1"),
	} {
		_, err := NewClient("k", opt)
		assert.Error(t, err, name)
	}
	c, err := NewClient("k")
	require.NoError(t, err)
	assert.Equal(t, ProductionURL, c.tc.BaseURL().String())
	c, err = NewClient("k", WithBaseURL(SandboxURL), WithAppInfo("shop", "1.2"))
	require.NoError(t, err)
	assert.Equal(t, SandboxURL, c.tc.BaseURL().String())
	assert.True(t, strings.HasSuffix(c.tc.UserAgent(), " shop/1.2"))
	assert.Greater(t, DefaultTimeout, 3*time.Minute, "longer than Cubo's processing window")
}

func TestBaseURLPrefixAndLaterOptionWins(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithBaseURL("https://merchant.cubo.test/gw"))
	respond(mt, "POST", "https://merchant.cubo.test/gw/api/v1/transactions", 201, approved)
	_, err := c.Transactions.Create(bg, fullPayment())
	require.NoError(t, err)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestTwoClientsDoNotInterfere(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	recA := respond(mt, "GET", "https://a.cubo.test/api/v1/transactions/t", 200, `{"status":"SUCCEEDED"}`)
	recB := respond(mt, "GET", "https://b.cubo.test/api/v1/transactions/t", 200, `{"status":"REJECTED"}`)
	a, err := NewClient("key_a", WithBaseURL("https://a.cubo.test"), WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	b, err := NewClient("key_b", WithBaseURL("https://b.cubo.test"), WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	ta, err := a.Transactions.Get(bg, "t")
	require.NoError(t, err)
	ra, _ := recA.Last(t)
	assert.Equal(t, "key_a", ra.Header.Get("X-API-KEY"))
	tb, err := b.Transactions.Get(bg, "t")
	require.NoError(t, err)
	rb, _ := recB.Last(t)
	assert.Equal(t, "key_b", rb.Header.Get("X-API-KEY"))
	assert.Equal(t, StatusSucceeded, ta.Status)
	assert.Equal(t, StatusRejected, tb.Status)
}
