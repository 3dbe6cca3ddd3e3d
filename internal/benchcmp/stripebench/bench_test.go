package stripebench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
	"github.com/stripe/stripe-go/v82"
)

// The benchmarks measure stripe-go as latampay-go's own calls are
// measured: a loopback server in another process (benchcmp.Start), so the
// allocations and CPU time counted are the client's alone; a raw side of
// plain net/http + encoding/json decoding into stripe-go's own types
// (stripe.PaymentIntent, stripe.Customer); a check before timing that both
// sides send the same method, URI, headers and body (sameRequest); and
// benchcmp.Compare.
//
// stripe-go runs as shipped but for MaxNetworkRetries 0, so that a call is
// one request whatever happens (it makes one attempt on a success either
// way). Its User-Agent and X-Stripe-Client-User-Agent headers are the same
// on every request: they are copied from a first one into the raw side's
// headers. Its telemetry, on by default, adds X-Stripe-Client-Telemetry to
// every request after the first (the previous request's ID and duration in
// milliseconds): the raw side cannot send the same bytes, and that header
// alone is left out of the comparison (sameRequest). stripe-go's cost of
// building it is counted.

func init() { benchcmp.ServeIfChild(benchAPI) }

const (
	benchKey        = "sk_test_bench_51QxLatamPay"
	benchIntentID   = "pi_3QbnchLatamPay0Intent01"
	benchCustomer   = "cus_RbnchLatamPay01"
	benchIdemKey    = "order-6735-attempt-1"
	userAgentHeader = "User-Agent" // the headers copied from stripe-go's first request
	clientUAHeader  = "X-Stripe-Client-User-Agent"
)

// intentCreated is a PaymentIntent as Stripe answers its create with
// automatic payment methods: not confirmed yet, so waiting for a payment
// method.
const intentCreated = `{
  "id": "pi_3QbnchLatamPay0Intent01",
  "object": "payment_intent",
  "amount": 2000,
  "amount_capturable": 0,
  "amount_details": {"tip": {}},
  "amount_received": 0,
  "application": null,
  "application_fee_amount": null,
  "automatic_payment_methods": {"allow_redirects": "always", "enabled": true},
  "canceled_at": null,
  "cancellation_reason": null,
  "capture_method": "automatic_async",
  "client_secret": "pi_3QbnchLatamPay0Intent01_secret_Zm9yLWJlbmNobWFya3Mtb25seQ",
  "confirmation_method": "automatic",
  "created": 1764752400,
  "currency": "usd",
  "customer": "cus_RbnchLatamPay01",
  "description": "Order #6735",
  "excluded_payment_method_types": null,
  "last_payment_error": null,
  "latest_charge": null,
  "livemode": false,
  "metadata": {"order_id": "6735"},
  "next_action": null,
  "on_behalf_of": null,
  "payment_method": null,
  "payment_method_configuration_details": {"id": "pmc_1QbnchLatamPayConfig01", "parent": null},
  "payment_method_options": {
    "card": {"installments": null, "mandate_options": null, "network": null, "request_three_d_secure": "automatic"},
    "link": {"persistent_token": null}
  },
  "payment_method_types": ["card", "link"],
  "processing": null,
  "receipt_email": "jenny.rosen@example.com",
  "review": null,
  "setup_future_usage": null,
  "shipping": null,
  "source": null,
  "statement_descriptor": null,
  "statement_descriptor_suffix": null,
  "status": "requires_payment_method",
  "transfer_data": null,
  "transfer_group": null
}`

// intentSucceeded is the same PaymentIntent retrieved once paid: its
// latest charge and payment method are IDs (not expanded), which stripe-go
// decodes through its expandable types.
const intentSucceeded = `{
  "id": "pi_3QbnchLatamPay0Intent01",
  "object": "payment_intent",
  "amount": 2000,
  "amount_capturable": 0,
  "amount_details": {"tip": {}},
  "amount_received": 2000,
  "application": null,
  "application_fee_amount": null,
  "automatic_payment_methods": {"allow_redirects": "always", "enabled": true},
  "canceled_at": null,
  "cancellation_reason": null,
  "capture_method": "automatic_async",
  "client_secret": "pi_3QbnchLatamPay0Intent01_secret_Zm9yLWJlbmNobWFya3Mtb25seQ",
  "confirmation_method": "automatic",
  "created": 1764752400,
  "currency": "usd",
  "customer": "cus_RbnchLatamPay01",
  "description": "Order #6735",
  "excluded_payment_method_types": null,
  "last_payment_error": null,
  "latest_charge": "ch_3QbnchLatamPay0Charge01",
  "livemode": false,
  "metadata": {"order_id": "6735"},
  "next_action": null,
  "on_behalf_of": null,
  "payment_method": "pm_1QbnchLatamPayCard0001",
  "payment_method_configuration_details": {"id": "pmc_1QbnchLatamPayConfig01", "parent": null},
  "payment_method_options": {
    "card": {"installments": null, "mandate_options": null, "network": null, "request_three_d_secure": "automatic"},
    "link": {"persistent_token": null}
  },
  "payment_method_types": ["card", "link"],
  "processing": null,
  "receipt_email": "jenny.rosen@example.com",
  "review": null,
  "setup_future_usage": null,
  "shipping": null,
  "source": null,
  "statement_descriptor": null,
  "statement_descriptor_suffix": null,
  "status": "succeeded",
  "transfer_data": null,
  "transfer_group": null
}`

// customerJSON is a Customer as Stripe answers its retrieve.
const customerJSON = `{
  "id": "cus_RbnchLatamPay01",
  "object": "customer",
  "address": {"city": "Lima", "country": "PE", "line1": "Av. Larco 1301", "line2": "Of. 402", "postal_code": "15074", "state": "Lima"},
  "balance": 0,
  "created": 1764666000,
  "currency": "usd",
  "default_source": null,
  "delinquent": false,
  "description": "Cliente mayorista",
  "discount": null,
  "email": "jenny.rosen@example.com",
  "invoice_prefix": "7A3F09C2",
  "invoice_settings": {"custom_fields": null, "default_payment_method": "pm_1QbnchLatamPayCard0001", "footer": null, "rendering_options": null},
  "livemode": false,
  "metadata": {"crm_id": "LP-88213"},
  "name": "Jenny Rosen",
  "next_invoice_sequence": 3,
  "phone": "+51987654321",
  "preferred_locales": ["es-419"],
  "shipping": null,
  "tax_exempt": "none",
  "test_clock": null
}`

// benchAPI is the canned Stripe API of the benchmarks.
func benchAPI() http.Handler {
	mux := http.NewServeMux()
	answer := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			// Stripe names every answer; stripe-go reports the name and
			// the duration back in its next request's telemetry header.
			w.Header().Set("Request-Id", "req_bnchLatamPay01")
			_, _ = io.WriteString(w, body)
		}
	}
	mux.HandleFunc("POST /v1/payment_intents", answer(intentCreated))
	mux.HandleFunc("GET /v1/payment_intents/{id}", answer(intentSucceeded))
	mux.HandleFunc("GET /v1/customers/{id}", answer(customerJSON))
	return mux
}

// benchClients returns the server, a stripe-go client and the raw side's
// http.Client and headers, both over one transport of the benchmark's own.
func benchClients(tb testing.TB) (*benchcmp.Server, *stripe.Client, *http.Client, http.Header) {
	tb.Helper()
	srv := benchcmp.Start(tb)
	hc := srv.Client(tb)
	// NewBackendsWithConfig is GetBackendWithConfig for each of stripe-go's
	// backends: only the API one is called here.
	sc := stripe.NewClient(benchKey, stripe.WithBackends(stripe.NewBackendsWithConfig(&stripe.BackendConfig{
		HTTPClient:        hc,
		URL:               stripe.String(srv.URL),
		MaxNetworkRetries: stripe.Int64(0),
	})))
	if _, err := sc.V1Customers.Retrieve(context.Background(), benchCustomer, nil); err != nil {
		tb.Fatal(err)
	}
	sent := srv.Last(tb).Header
	header := http.Header{
		"Authorization": {"Bearer " + benchKey},
		// stripe-go sends its form content type on a GET too.
		"Content-Type":   {"application/x-www-form-urlencoded"},
		"Stripe-Version": {stripe.APIVersion},
		userAgentHeader:  sent[userAgentHeader],
		clientUAHeader:   sent[clientUAHeader],
	}
	return srv, sc, hc, header
}

// intentParams is the create of the benchmarks, the idempotency key given
// as an integration derives it from its order (a key stripe-go generated
// would be random, and the raw side could not send the same one).
func intentParams() *stripe.PaymentIntentCreateParams {
	p := &stripe.PaymentIntentCreateParams{
		Amount:                  stripe.Int64(2000),
		Currency:                stripe.String(stripe.CurrencyUSD),
		Customer:                stripe.String(benchCustomer),
		Description:             stripe.String("Order #6735"),
		ReceiptEmail:            stripe.String("jenny.rosen@example.com"),
		AutomaticPaymentMethods: &stripe.PaymentIntentCreateAutomaticPaymentMethodsParams{Enabled: stripe.Bool(true)},
		Metadata:                map[string]string{"order_id": "6735"},
	}
	p.SetIdempotencyKey(benchIdemKey)
	return p
}

// rawIntentForm is the create's body as hand-written code writes it:
// Stripe's form fields in stripe-go's order (the order of its params
// struct), values escaped with url.QueryEscape, brackets left as they are.
func rawIntentForm(p *stripe.PaymentIntentCreateParams) []byte {
	var buf bytes.Buffer
	buf.WriteString("amount=")
	buf.WriteString(strconv.FormatInt(*p.Amount, 10))
	if p.AutomaticPaymentMethods != nil && p.AutomaticPaymentMethods.Enabled != nil {
		buf.WriteString("&automatic_payment_methods[enabled]=")
		buf.WriteString(strconv.FormatBool(*p.AutomaticPaymentMethods.Enabled))
	}
	field := func(name string, v *string) {
		if v != nil {
			buf.WriteString("&" + name + "=")
			buf.WriteString(url.QueryEscape(*v))
		}
	}
	field("currency", p.Currency)
	field("customer", p.Customer)
	field("description", p.Description)
	keys := make([]string, 0, len(p.Metadata))
	for k := range p.Metadata {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		buf.WriteString("&metadata[" + url.QueryEscape(k) + "]=")
		buf.WriteString(url.QueryEscape(p.Metadata[k]))
	}
	field("receipt_email", p.ReceiptEmail)
	return buf.Bytes()
}

// rawDo is the raw side's call, benchcmp.RawDo's twin for a form body:
// headers set one by one with Header.Set, the whole answer read, its
// status checked and the JSON decoded into out. stripe-go hands net/http
// its body without a length (so it goes chunked); the raw side does the
// same, so both put the same bytes on the wire.
func rawDo(ctx context.Context, hc *http.Client, method, url string, header http.Header, body []byte, out any) error {
	var rd io.Reader
	if body != nil {
		rd = io.NopCloser(bytes.NewReader(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Set(k, v)
		}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d, want %d", resp.StatusCode, http.StatusOK)
	}
	return json.Unmarshal(answer, out)
}

// benchCalls are the two sides of one benchmark.
type benchCalls struct{ sdk, raw func() error }

// createCalls: PaymentIntents.Create against a raw form POST decoded into
// a stripe.PaymentIntent.
func createCalls(srv *benchcmp.Server, sc *stripe.Client, hc *http.Client, header http.Header) benchCalls {
	ctx := context.Background()
	params := intentParams()
	h := header.Clone()
	h.Set("Idempotency-Key", *params.IdempotencyKey)
	endpoint := srv.URL + "/v1/payment_intents"
	return benchCalls{
		sdk: func() error {
			pi, err := sc.V1PaymentIntents.Create(ctx, params)
			if err == nil && pi.Status != stripe.PaymentIntentStatusRequiresPaymentMethod {
				err = fmt.Errorf("status %q", pi.Status)
			}
			return err
		},
		raw: func() error {
			var pi stripe.PaymentIntent
			if err := rawDo(ctx, hc, http.MethodPost, endpoint, h, rawIntentForm(params), &pi); err != nil {
				return err
			}
			if pi.Status != stripe.PaymentIntentStatusRequiresPaymentMethod {
				return fmt.Errorf("status %q", pi.Status)
			}
			return nil
		},
	}
}

// intentGetCalls: PaymentIntents.Retrieve against a raw GET decoded into a
// stripe.PaymentIntent.
func intentGetCalls(srv *benchcmp.Server, sc *stripe.Client, hc *http.Client, header http.Header) benchCalls {
	ctx := context.Background()
	endpoint := srv.URL + "/v1/payment_intents/" + benchIntentID
	return benchCalls{
		sdk: func() error {
			_, err := sc.V1PaymentIntents.Retrieve(ctx, benchIntentID, nil)
			return err
		},
		raw: func() error {
			var pi stripe.PaymentIntent
			return rawDo(ctx, hc, http.MethodGet, endpoint, header, nil, &pi)
		},
	}
}

// customerGetCalls: Customers.Retrieve against a raw GET decoded into a
// stripe.Customer.
func customerGetCalls(srv *benchcmp.Server, sc *stripe.Client, hc *http.Client, header http.Header) benchCalls {
	ctx := context.Background()
	endpoint := srv.URL + "/v1/customers/" + benchCustomer
	return benchCalls{
		sdk: func() error {
			_, err := sc.V1Customers.Retrieve(ctx, benchCustomer, nil)
			return err
		},
		raw: func() error {
			var c stripe.Customer
			return rawDo(ctx, hc, http.MethodGet, endpoint, header, nil, &c)
		},
	}
}

func benchCompare(b *testing.B, calls func(*benchcmp.Server, *stripe.Client, *http.Client, http.Header) benchCalls) {
	srv, sc, hc, header := benchClients(b)
	c := calls(srv, sc, hc, header)
	sameRequest(b, srv, c.sdk, c.raw)
	benchcmp.Compare(b, c.sdk, c.raw)
}

// BenchmarkPaymentIntentsCreate compares stripe-go's PaymentIntents.Create
// (POST /v1/payment_intents, a form body) with the same request made with
// plain net/http and decoded into a stripe.PaymentIntent.
func BenchmarkPaymentIntentsCreate(b *testing.B) { benchCompare(b, createCalls) }

// BenchmarkPaymentIntentsGet compares stripe-go's PaymentIntents.Retrieve
// (GET /v1/payment_intents/{id}) with a raw GET decoded into a
// stripe.PaymentIntent.
func BenchmarkPaymentIntentsGet(b *testing.B) { benchCompare(b, intentGetCalls) }

// BenchmarkCustomersGet compares stripe-go's Customers.Retrieve (GET
// /v1/customers/{id}) with a raw GET decoded into a stripe.Customer.
func BenchmarkCustomersGet(b *testing.B) { benchCompare(b, customerGetCalls) }

// telemetryHeader is the one header of stripe-go's that the raw side does
// not send.
const telemetryHeader = "X-Stripe-Client-Telemetry"

// sameRequest is benchcmp's Server.SameRequest with stripe-go's telemetry
// header left out: it calls sdk and then raw once each and fails tb unless
// the server received the same method, URI, body and headers from both.
func sameRequest(tb testing.TB, srv *benchcmp.Server, sdk, raw func() error) {
	tb.Helper()
	if err := sdk(); err != nil {
		tb.Fatal("sdk: ", err)
	}
	a := srv.Last(tb)
	if err := raw(); err != nil {
		tb.Fatal("raw: ", err)
	}
	if err := compareRequests(a, srv.Last(tb)); err != nil {
		tb.Fatal("unfair comparison: ", err)
	}
}

// compareRequests reports how two requests differ, the SDK's telemetry
// header aside.
func compareRequests(sdk, raw benchcmp.Captured) error {
	if sdk.Method != raw.Method || sdk.URI != raw.URI {
		return fmt.Errorf("sdk sent %s %s, raw %s %s", sdk.Method, sdk.URI, raw.Method, raw.URI)
	}
	if !bytes.Equal(sdk.Body, raw.Body) {
		return fmt.Errorf("bodies differ:\nsdk %s\nraw %s", sdk.Body, raw.Body)
	}
	var diff []string
	for k, vs := range sdk.Header {
		if k != telemetryHeader && !slices.Equal(vs, raw.Header[k]) {
			diff = append(diff, fmt.Sprintf("%s: sdk %q, raw %q", k, vs, raw.Header[k]))
		}
	}
	for k, vs := range raw.Header {
		if _, ok := sdk.Header[k]; !ok {
			diff = append(diff, fmt.Sprintf("%s: sdk none, raw %q", k, vs))
		}
	}
	if len(diff) > 0 {
		slices.Sort(diff)
		return fmt.Errorf("headers differ: %s", strings.Join(diff, "; "))
	}
	return nil
}
