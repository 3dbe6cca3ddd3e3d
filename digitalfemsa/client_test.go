package digitalfemsa

import (
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

func TestNewClientErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		key  string
		opts []Option
	}{
		"empty key":           {"", nil},
		"blank key":           {"   ", nil},
		"key with a newline":  {testKey + "\n", nil},
		"bad language":        {testKey, []Option{WithLanguage("pt")}},
		"empty child company": {testKey, []Option{WithChildCompanyID("")}},
		"newline child":       {testKey, []Option{WithChildCompanyID("a\nb")}},
		"plain http":          {testKey, []Option{WithBaseURL("http://api.example.com")}},
		"negative retries":    {testKey, []Option{WithMaxRetries(-1)}},
		"nil http client":     {testKey, []Option{WithHTTPClient(nil)}},
		"min above max":       {testKey, []Option{WithRetryWait(time.Second, time.Millisecond)}},
		"zero timeout":        {testKey, []Option{WithTimeout(0)}},
		"zero option":         {testKey, []Option{{}}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tc.key, tc.opts...)
			assert.Error(t, err)
			assert.Nil(t, c)
		})
	}
}

func TestOptionalHeaders(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithLanguage("en"), WithChildCompanyID("6441b6376b60c3a638da80af"), WithAppInfo("shop", "1.2"))
	rec := respond(mt, "GET", "/balance", 200, `{"available":[]}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/balance", "", "")
	req, _ := rec.Last(t)
	assert.Equal(t, "en", req.Header.Get("Accept-Language"))
	assert.Contains(t, req.Header.Get("User-Agent"), "shop/1.2")
	assert.Contains(t, req.Header.Get("User-Agent"), "digitalfemsa")
}

func TestNoOptionalHeadersByDefault(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/balance", 200, `{"available":[]}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Empty(t, req.Header.Values("Accept-Language"))
	assert.Empty(t, req.Header.Values("X-Child-Company-Id"))
}

func TestLaterOptionWins(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithLanguage("en"), WithLanguage("es"))
	rec := respond(mt, "GET", "/balance", 200, `{"available":[]}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Equal(t, "es", req.Header.Get("Accept-Language"))
}

func TestBaseURLPrefixIsKept(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("GET", "https://proxy.example.com/femsa/customers/cus_1", httpmock.NewStringResponder(200, customerJSON))
	c, err := NewClient(testKey, WithBaseURL("https://proxy.example.com/femsa/"), WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	cus, err := c.Customers.Get(ctx, "cus_1")
	require.NoError(t, err)
	assert.Equal(t, "cus_2pwMQPxiLJ8WzzqZJ", cus.ID)
}

func TestClientsDoNotInterfere(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	seen := make(chan string, 2)
	mt.RegisterResponder("GET", ProductionURL+"/balance", func(r *http.Request) (*http.Response, error) {
		u, _, _ := r.BasicAuth()
		seen <- u
		return httpmock.NewStringResponse(200, `{"available":[]}`), nil
	})
	a, err := NewClient("key_a", WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	b, err := NewClient("key_b", WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	_, err = a.Balance.Get(ctx)
	require.NoError(t, err)
	_, err = b.Balance.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, "key_a", <-seen)
	assert.Equal(t, "key_b", <-seen)
}

func TestClientStringHidesKey(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(f, c), testKey)
	}
}

// X-Child-Company-Id goes only on the operations whose specification
// declares it.
func TestChildCompanyOnlyWhereDeclared(t *testing.T) {
	t.Parallel()
	const child = "6441b6376b60c3a638da80af"
	items := []LineItem{{Name: "a", UnitPrice: 100, Quantity: 1}}
	on := true
	for _, tc := range []struct {
		method, path, body string
		call               func(c *Client) error
		want               bool
	}{
		{"GET", "/customers/cus_1", customerJSON, func(c *Client) error { _, err := c.Customers.Get(ctx, "cus_1"); return err }, true},
		{"POST", "/customers", customerJSON, func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "A", Email: "a@b.mx"})
			return err
		}, true},
		{"GET", "/customers", listJSON(customerJSON, false, ""), func(c *Client) error { _, err := c.Customers.List(ctx, nil); return err }, true},
		{"POST", "/orders", orderJSON, func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: items})
			return err
		}, true},
		{"POST", "/orders/ord_1/refunds", orderJSON, func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "ord_1", &RefundParams{Amount: 1, Reason: RefundOther})
			return err
		}, true},
		{"GET", "/events/ev_1", eventJSON, func(c *Client) error { _, err := c.Events.Get(ctx, "ev_1"); return err }, true},
		{"GET", "/webhook_keys/wk_1", webhookKeyJSON, func(c *Client) error { _, err := c.WebhookKeys.Get(ctx, "wk_1"); return err }, true},
		{"GET", "/webhook_keys", listJSON(webhookKeyJSON, false, ""), func(c *Client) error { _, err := c.WebhookKeys.List(ctx, nil); return err }, true},
		// Not declared by the specification:
		{"GET", "/balance", `{"available":[]}`, func(c *Client) error { _, err := c.Balance.Get(ctx); return err }, false},
		{"PUT", "/orders/ord_1", orderJSON, func(c *Client) error {
			_, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{Currency: "MXN"})
			return err
		}, false},
		{"POST", "/webhook_keys", webhookKeyJSON, func(c *Client) error { _, err := c.WebhookKeys.Create(ctx, &WebhookKeyParams{}); return err }, false},
		{"PUT", "/webhook_keys/wk_1", webhookKeyJSON, func(c *Client) error {
			_, err := c.WebhookKeys.Update(ctx, "wk_1", &WebhookKeyParams{Active: &on})
			return err
		}, false},
		{"DELETE", "/webhook_keys/wk_1", webhookKeyJSON, func(c *Client) error { _, err := c.WebhookKeys.Delete(ctx, "wk_1"); return err }, false},
		// Payout orders: Conekta's specification declares it on none.
		{"GET", "/payout_orders/po_1", payoutOrderJSON, func(c *Client) error { _, err := c.PayoutOrders.Get(ctx, "po_1"); return err }, false},
		{"POST", "/payout_orders", payoutOrderJSON, func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 100, CustomerID: "c", Reason: "r"})
			return err
		}, false},
	} {
		c, mt := setup(t, WithChildCompanyID(child))
		rec := respond(mt, tc.method, tc.path, 200, tc.body)
		require.NoError(t, tc.call(c), tc.path)
		req, _ := rec.Last(t)
		if tc.want {
			assert.Equal(t, child, req.Header.Get("X-Child-Company-Id"), "%s %s", tc.method, tc.path)
		} else {
			assert.Empty(t, req.Header.Values("X-Child-Company-Id"), "%s %s", tc.method, tc.path)
		}
	}
}

func TestClientString(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	assert.Equal(t, "digitalfemsa.Client{https://api.digitalfemsa.io}", c.String())
	assert.Equal(t, "digitalfemsa.Client{https://api.digitalfemsa.io}", fmt.Sprintf("%v", c))
	assert.Equal(t, "digitalfemsa.Client{https://api.digitalfemsa.io}", fmt.Sprintf("%#v", c))
	var zero Client
	assert.Equal(t, "digitalfemsa.Client{}", zero.String())
	assert.Equal(t, "digitalfemsa.Client{}", fmt.Sprintf("%v", &zero))
	var nilClient *Client
	assert.Equal(t, "digitalfemsa.Client{}", nilClient.String())
	assert.Equal(t, "digitalfemsa.Client{}", nilClient.GoString())
}

// Every exported method of every service, on a zero Client and on nil
// services, returns an error matching ErrNoClient: never a panic.
func TestZeroValueClient(t *testing.T) {
	t.Parallel()
	var zero Client
	cv := reflect.ValueOf(&zero).Elem()
	n := 0
	for i := 0; i < cv.NumField(); i++ {
		f := cv.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		for _, svc := range []reflect.Value{cv.Field(i), reflect.New(f.Type.Elem())} {
			// The field of a zero Client is a nil pointer; a service made
			// with new has no connection either.
			for m := 0; m < svc.NumMethod(); m++ {
				meth := svc.Type().Method(m)
				mv := svc.Method(m)
				args := make([]reflect.Value, mv.Type().NumIn())
				for a := range args {
					args[a] = reflect.Zero(mv.Type().In(a))
				}
				args[0] = reflect.ValueOf(ctx)
				var out []reflect.Value
				require.NotPanics(t, func() { out = mv.Call(args) }, "%s.%s", f.Name, meth.Name)
				last := out[len(out)-1]
				var err error
				if last.Type() == reflect.TypeOf((*error)(nil)).Elem() {
					err, _ = last.Interface().(error)
				} else {
					// An All: its first yield carries the error.
					last.Call([]reflect.Value{reflect.MakeFunc(last.Type().In(0), func(a []reflect.Value) []reflect.Value {
						err, _ = a[1].Interface().(error)
						return []reflect.Value{reflect.ValueOf(false)}
					})})
				}
				require.ErrorIs(t, err, ErrNoClient, "%s.%s", f.Name, meth.Name)
				assert.True(t, strings.HasPrefix(err.Error(), "digitalfemsa: "), err.Error())
				n++
			}
		}
	}
	assert.Greater(t, n, 40)
	assert.NoError(t, zero.Close())
	assert.NoError(t, (*Client)(nil).Close())
}

func TestClose(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	require.NoError(t, c.Close())
	_, err := c.Customers.Get(ctx, "cus_1")
	require.ErrorIs(t, err, ErrClientClosed)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// Basic is the default; WithBearerAuth sends the spec's Bearer scheme.
func TestAuthSchemes(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts []Option
		want string
	}{
		"basic by default": {nil, wantAuth},
		"bearer":           {[]Option{WithBearerAuth()}, "Bearer " + testKey},
	} {
		c, mt := setup(t, tc.opts...)
		rec := respond(mt, "GET", "/customers/cus_1", 200, customerJSON)
		_, err := c.Customers.Get(ctx, "cus_1")
		require.NoError(t, err, name)
		req, _ := rec.Last(t)
		assert.Equal(t, tc.want, req.Header.Get("Authorization"), name)
		assert.NotContains(t, fmt.Sprintf("%v %#v", c, c), testKey)
	}
}
