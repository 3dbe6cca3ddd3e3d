package stripebench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/stripe/stripe-go/v82"
)

// keyPaths lists the object keys of a JSON document as dotted paths
// ("payment_method_options.card.network"), array elements under their
// array's path.
func keyPaths(t *testing.T, doc []byte) []string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(doc, &v))
	var out []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				out = append(out, prefix+k)
				walk(prefix+k+".", e)
			}
		case []any:
			for _, e := range v {
				walk(prefix, e)
			}
		}
	}
	walk("", v)
	slices.Sort(out)
	return slices.Compact(out)
}

// unknownKeys returns the keys of body that stripe-go's type does not
// keep: decoded into a fresh value from newV and encoded again, every key
// it declares comes back (its fields have no omitempty), so a key of body
// missing there is one the type has no field for, a misspelled one.
func unknownKeys(t *testing.T, body string, newV func() any) []string {
	t.Helper()
	v := newV()
	require.NoError(t, json.Unmarshal([]byte(body), v))
	again, err := json.Marshal(v)
	require.NoError(t, err)
	known := keyPaths(t, again)
	var unknown []string
	for _, k := range keyPaths(t, []byte(body)) {
		if _, found := slices.BinarySearch(known, k); !found {
			unknown = append(unknown, k)
		}
	}
	return unknown
}

func TestCannedBodiesDecodeIntoStripeTypes(t *testing.T) {
	t.Parallel()
	newIntent := func() any { return new(stripe.PaymentIntent) }
	newCustomer := func() any { return new(stripe.Customer) }
	for _, tc := range []struct {
		name  string
		body  string
		newV  func() any
		check func(t *testing.T, v any)
	}{
		{"intent created", intentCreated, newIntent, func(t *testing.T, v any) {
			pi := v.(*stripe.PaymentIntent)
			assert.Equal(t, benchIntentID, pi.ID)
			assert.Equal(t, "payment_intent", pi.Object)
			assert.Equal(t, int64(2000), pi.Amount)
			assert.Equal(t, stripe.CurrencyUSD, pi.Currency)
			assert.Equal(t, stripe.PaymentIntentStatusRequiresPaymentMethod, pi.Status)
			assert.Equal(t, stripe.PaymentIntentCaptureMethodAutomaticAsync, pi.CaptureMethod)
			require.NotNil(t, pi.Customer)
			assert.Equal(t, benchCustomer, pi.Customer.ID)
			require.NotNil(t, pi.AutomaticPaymentMethods)
			assert.True(t, pi.AutomaticPaymentMethods.Enabled)
			require.NotNil(t, pi.PaymentMethodOptions)
			require.NotNil(t, pi.PaymentMethodOptions.Card)
			assert.Equal(t, stripe.PaymentIntentPaymentMethodOptionsCardRequestThreeDSecureAutomatic, pi.PaymentMethodOptions.Card.RequestThreeDSecure)
			assert.Equal(t, []string{"card", "link"}, pi.PaymentMethodTypes)
			assert.Equal(t, map[string]string{"order_id": "6735"}, pi.Metadata)
			assert.Nil(t, pi.LatestCharge)
			assert.Nil(t, pi.PaymentMethod)
		}},
		{"intent succeeded", intentSucceeded, newIntent, func(t *testing.T, v any) {
			pi := v.(*stripe.PaymentIntent)
			assert.Equal(t, stripe.PaymentIntentStatusSucceeded, pi.Status)
			assert.Equal(t, int64(2000), pi.AmountReceived)
			require.NotNil(t, pi.LatestCharge)
			assert.Equal(t, "ch_3QbnchLatamPay0Charge01", pi.LatestCharge.ID)
			require.NotNil(t, pi.PaymentMethod)
			assert.Equal(t, "pm_1QbnchLatamPayCard0001", pi.PaymentMethod.ID)
		}},
		{"customer", customerJSON, newCustomer, func(t *testing.T, v any) {
			c := v.(*stripe.Customer)
			assert.Equal(t, benchCustomer, c.ID)
			assert.Equal(t, "customer", c.Object)
			assert.Equal(t, "Jenny Rosen", c.Name)
			require.NotNil(t, c.Address)
			assert.Equal(t, "Lima", c.Address.City)
			assert.Equal(t, "PE", c.Address.Country)
			require.NotNil(t, c.InvoiceSettings)
			require.NotNil(t, c.InvoiceSettings.DefaultPaymentMethod)
			assert.Equal(t, "pm_1QbnchLatamPayCard0001", c.InvoiceSettings.DefaultPaymentMethod.ID)
			assert.Equal(t, stripe.CustomerTaxExemptNone, c.TaxExempt)
			assert.Equal(t, []string{"es-419"}, c.PreferredLocales)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := tc.newV()
			require.NoError(t, json.Unmarshal([]byte(tc.body), v))
			tc.check(t, v)
			assert.Empty(t, unknownKeys(t, tc.body, tc.newV), "keys stripe-go's type has no field for")
		})
	}
}

// The check of unknown keys can fail: a misspelled key, at the top or
// nested, is found.
func TestUnknownKeysFindsMisspelledKeys(t *testing.T) {
	t.Parallel()
	newIntent := func() any { return new(stripe.PaymentIntent) }
	top := strings.Replace(intentCreated, `"amount_received"`, `"amount_recieved"`, 1)
	nested := strings.Replace(intentCreated, `"request_three_d_secure"`, `"request_3ds"`, 1)
	assert.Equal(t, []string{"amount_recieved"}, unknownKeys(t, top, newIntent))
	assert.Equal(t, []string{"payment_method_options.card.request_3ds"}, unknownKeys(t, nested, newIntent))
}

func TestCompareRequests(t *testing.T) {
	t.Parallel()
	base := func() benchcmp.Captured {
		return benchcmp.Captured{Method: http.MethodPost, URI: "/v1/payment_intents",
			Header: http.Header{"Authorization": {"Bearer k"}, "Idempotency-Key": {"o-1"}},
			Body:   []byte("amount=2000&currency=usd")}
	}
	for _, tc := range []struct {
		name    string
		sdk     func(*benchcmp.Captured)
		raw     func(*benchcmp.Captured)
		wantErr string
	}{
		{name: "same"},
		{name: "telemetry only on the sdk side", sdk: func(c *benchcmp.Captured) { c.Header.Set(telemetryHeader, `{"x":1}`) }},
		{name: "telemetry on the raw side", raw: func(c *benchcmp.Captured) { c.Header.Set(telemetryHeader, `{"x":1}`) },
			wantErr: "headers differ: X-Stripe-Client-Telemetry: sdk none"},
		{name: "method", raw: func(c *benchcmp.Captured) { c.Method = http.MethodPut }, wantErr: "sdk sent POST /v1/payment_intents, raw PUT"},
		{name: "uri", raw: func(c *benchcmp.Captured) { c.URI += "?expand[]=customer" }, wantErr: "raw POST /v1/payment_intents?expand[]=customer"},
		{name: "body", raw: func(c *benchcmp.Captured) { c.Body = []byte("currency=usd&amount=2000") }, wantErr: "bodies differ"},
		{name: "header value", raw: func(c *benchcmp.Captured) { c.Header.Set("Idempotency-Key", "o-2") },
			wantErr: `Idempotency-Key: sdk ["o-1"], raw ["o-2"]`},
		{name: "header missing on raw", raw: func(c *benchcmp.Captured) { c.Header.Del("Idempotency-Key") },
			wantErr: `Idempotency-Key: sdk ["o-1"], raw []`},
		{name: "header only on raw", raw: func(c *benchcmp.Captured) { c.Header.Set("Accept", "application/json") },
			wantErr: `Accept: sdk none, raw ["application/json"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sdk, raw := base(), base()
			if tc.sdk != nil {
				tc.sdk(&sdk)
			}
			if tc.raw != nil {
				tc.raw(&raw)
			}
			err := compareRequests(sdk, raw)
			if tc.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

// These tests use the benchmark server, whose last request is one for the
// whole process: they are not parallel.

// TestSidesSendTheSameRequest runs the check every benchmark runs before
// timing, and shows it catches what a careless raw side would send
// differently.
func TestSidesSendTheSameRequest(t *testing.T) {
	srv, sc, hc, header := benchClients(t)
	for _, tc := range []struct {
		name  string
		calls func(*benchcmp.Server, *stripe.Client, *http.Client, http.Header) benchCalls
	}{
		{"create", createCalls},
		{"intent get", intentGetCalls},
		{"customer get", customerGetCalls},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.calls(srv, sc, hc, header)
			sameRequest(t, srv, c.sdk, c.raw)
			// The one header left out is there, and is the telemetry.
			require.NoError(t, c.sdk())
			assert.Contains(t, srv.Last(t).Header.Get(telemetryHeader), `"request_id":"req_bnchLatamPay01"`)
		})
	}

	ctx := context.Background()
	params := intentParams()
	endpoint := srv.URL + "/v1/payment_intents"
	sdk := createCalls(srv, sc, hc, header).sdk
	withKey := header.Clone()
	withKey.Set("Idempotency-Key", benchIdemKey)
	for _, tc := range []struct {
		name    string
		raw     func() error
		wantErr string
	}{
		{"a body with a length, not chunked", func() error {
			// What http.NewRequest does with a *bytes.Reader.
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(rawIntentForm(params)))
			if err != nil {
				return err
			}
			req.Header = withKey.Clone()
			return drain(hc.Do(req))
		}, "Content-Length: sdk none"},
		{"no idempotency key", func() error {
			var pi stripe.PaymentIntent
			return rawDo(ctx, hc, http.MethodPost, endpoint, header, rawIntentForm(params), &pi)
		}, "Idempotency-Key"},
		{"no client user agent", func() error {
			h := withKey.Clone()
			h.Del(clientUAHeader)
			var pi stripe.PaymentIntent
			return rawDo(ctx, hc, http.MethodPost, endpoint, h, rawIntentForm(params), &pi)
		}, clientUAHeader},
		{"form fields in url.Values order, brackets escaped", func() error {
			body := []byte("amount=2000&automatic_payment_methods%5Benabled%5D=true&currency=usd&customer=cus_RbnchLatamPay01" +
				"&description=Order+%236735&metadata%5Border_id%5D=6735&receipt_email=jenny.rosen%40example.com")
			var pi stripe.PaymentIntent
			return rawDo(ctx, hc, http.MethodPost, endpoint, withKey, body, &pi)
		}, "bodies differ"},
	} {
		t.Run("unfair: "+tc.name, func(t *testing.T) {
			require.NoError(t, sdk())
			a := srv.Last(t)
			require.NoError(t, tc.raw())
			err := compareRequests(a, srv.Last(t))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func drain(resp *http.Response, err error) error {
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err
}
