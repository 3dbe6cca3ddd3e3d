package culqi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
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

// Option is culqi's own type: a zero Option is refused by name, and the
// shared options are functions of this package.
func TestOptionIsOwnType(t *testing.T) {
	t.Parallel()
	assert.Equal(t, reflect.Struct, reflect.TypeOf(Option{}).Kind())
	assert.NotEqual(t, reflect.TypeOf(transport.Option(nil)), reflect.TypeOf(WithBaseURL("https://x.example")))
	_, err := NewClient(testSK, WithMaxRetries(1), Option{})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "culqi: option 1 "), err.Error())

	// Each shared option reaches the settings: a bad value of each is refused.
	_, err = NewClient(testSK, WithBaseURL("http://user:SENTINELpw@127.0.0.1:8080"))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "culqi: "), err.Error())
	assert.NotContains(t, err.Error(), "SENTINEL")
	for name, o := range map[string]Option{
		"base url":    WithBaseURL("http://example.com"),
		"http client": WithHTTPClient(nil),
		"retries":     WithMaxRetries(-1),
		"retry wait":  WithRetryWait(2*time.Second, time.Second),
		"timeout":     WithTimeout(0),
		"logger":      WithLogger(nil),
		"app info":    WithAppInfo("my app", "1"),
		"public key":  WithPublicKey(""),
	} {
		_, err := NewClient(testSK, o)
		require.Error(t, err, name)
		assert.True(t, strings.HasPrefix(err.Error(), "culqi: "), "%s: %v", name, err)
	}
	c, err := NewClient(testSK, WithAppInfo("tienda", "2.1"), WithTimeout(time.Second), WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	require.NoError(t, err)
	assert.Contains(t, c.tc.UserAgent(), "tienda/2.1")
}

func TestClientStringAndClose(t *testing.T) {
	t.Parallel()
	c, err := NewClient("sk_test_SENTINELstring0", WithPublicKey("pk_test_SENTINELstring0"))
	require.NoError(t, err)
	for _, s := range []string{c.String(), fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), c.GoString()} {
		assert.Equal(t, "culqi.Client{https://api.culqi.com}", s)
	}
	local, err := NewClient(testSK, WithBaseURL("http://127.0.0.1:8080/prefix"))
	require.NoError(t, err)
	assert.Equal(t, "culqi.Client{http://127.0.0.1:8080}", local.String())
	var nilClient *Client
	assert.Equal(t, "culqi.Client{}", nilClient.String())
	assert.Equal(t, "culqi.Client{}", fmt.Sprintf("%#v", &Client{}))
	assert.NoError(t, nilClient.Close())
	assert.NoError(t, (&Client{}).Close())

	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges/chr_1", httpmock.NewStringResponder(200, chargeJSON))
	closed, err := NewClient(testSK, WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	_, err = closed.Charges.Get(ctx, "chr_1")
	require.NoError(t, err)
	require.NoError(t, closed.Close())
	_, err = closed.Charges.Get(ctx, "chr_1")
	assert.ErrorIs(t, err, transport.ErrClientClosed)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// Every exported method of every service, on a nil Client, a zero Client
// (nil services), and a service that holds no client, returns an error —
// never a panic, never a request.
func TestZeroValuesNeverPanic(t *testing.T) {
	t.Parallel()
	serviceTypes := reflect.TypeOf(Client{})
	var services []reflect.Value
	for i := 0; i < serviceTypes.NumField(); i++ {
		f := serviceTypes.Field(i)
		if !f.IsExported() {
			continue
		}
		require.Equal(t, reflect.Pointer, f.Type.Kind(), f.Name)
		require.True(t, strings.HasSuffix(f.Type.Elem().Name(), "Service"), f.Name)
		services = append(services,
			reflect.Zero(f.Type),       // a nil service (what Client{} holds)
			reflect.New(f.Type.Elem())) // a service without a client
	}
	require.Len(t, services, 26)
	calls := 0
	for _, svc := range services {
		typ := svc.Type()
		for m := 0; m < typ.NumMethod(); m++ {
			method := typ.Method(m)
			args := []reflect.Value{svc}
			for a := 1; a < method.Type.NumIn(); a++ {
				args = append(args, argFor(method.Type.In(a)))
			}
			name := typ.Elem().Name() + "." + method.Name
			var out []reflect.Value
			require.NotPanics(t, func() { out = method.Func.Call(args) }, name)
			err := lastError(t, name, out)
			require.Error(t, err, name)
			assert.True(t, strings.HasPrefix(err.Error(), "culqi: "), "%s: %v", name, err)
			assert.True(t, errors.Is(err, transport.ErrNoClient) || errors.Is(err, ErrInvalidParams), "%s: %v", name, err)
			calls++
		}
	}
	assert.GreaterOrEqual(t, calls, 140)
	// With valid params the error names the missing client.
	_, err := (&Client{}).Charges.Get(ctx, "chr_1")
	assert.ErrorIs(t, err, transport.ErrNoClient)
	var nilClient *Client
	assert.ErrorIs(t, nilClient.requirePublicKey(), transport.ErrNoClient)
	_, err = (&ChargesService{}).Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: CurrencyPEN, Email: "ana@example.pe", SourceID: "tkn_1"})
	assert.ErrorIs(t, err, transport.ErrNoClient)
	assert.EqualError(t, err, "culqi: latampay: the client was not made by NewClient")
}

// argFor builds an argument of type t: a context, an id, zero params.
func argFor(t reflect.Type) reflect.Value {
	switch {
	case t == reflect.TypeOf((*context.Context)(nil)).Elem():
		return reflect.ValueOf(context.Background())
	case t.Kind() == reflect.String:
		return reflect.ValueOf("id_1").Convert(t)
	case t.Kind() == reflect.Pointer:
		return reflect.New(t.Elem())
	case t == reflect.TypeOf(time.Time{}):
		return reflect.ValueOf(time.Now().Add(-time.Minute))
	}
	return reflect.Zero(t)
}

// lastError gives a method's error: its last result, or the first error an
// iterator yields.
func lastError(t *testing.T, name string, out []reflect.Value) error {
	t.Helper()
	last := out[len(out)-1]
	if err, ok := last.Interface().(error); ok || last.Type() == reflect.TypeOf((*error)(nil)).Elem() {
		return err
	}
	require.Equal(t, reflect.Func, last.Kind(), name)
	var got error
	yield := reflect.MakeFunc(last.Type().In(0), func(args []reflect.Value) []reflect.Value {
		if e, ok := args[1].Interface().(error); ok && e != nil {
			got = e
		}
		return []reflect.Value{reflect.ValueOf(false)}
	})
	last.Call([]reflect.Value{yield})
	return got
}

// The names before the family's renames still compile and are the same
// types.
func TestDeprecatedNamesStillCompile(t *testing.T) {
	t.Parallel()
	var (
		_ *TokenService              = (*TokensService)(nil)
		_ *ChargeService             = (*ChargesService)(nil)
		_ *RefundService             = (*RefundsService)(nil)
		_ *CustomerService           = (*CustomersService)(nil)
		_ *CardService               = (*CardsService)(nil)
		_ *PlanService               = (*PlansService)(nil)
		_ *SubscriptionService       = (*SubscriptionsService)(nil)
		_ *LegacyPlanService         = (*LegacyPlansService)(nil)
		_ *LegacySubscriptionService = (*LegacySubscriptionsService)(nil)
		_ *OrderService              = (*OrdersService)(nil)
		_ *EventService              = (*EventsService)(nil)
		_ *IinService                = (*IinsService)(nil)
		_ *TransferService           = (*TransfersService)(nil)
	)
	ev, err := ParseEvent([]byte(`{"object":"event","id":"evt_1","type":"charge.creation.succeeded","data":{}}`))
	require.NoError(t, err)
	assert.Equal(t, "evt_1", ev.ID)
}

func TestBillableCallsNeverRetried(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithMaxRetries(3))
	for _, u := range []string{"/v2/cards", "/v2/recurrent/subscriptions/create", "/v2/orders/ord_1/confirm", "/v2/orders/confirm", "/v2/subscriptions"} {
		mt.RegisterResponder("POST", "https://api.culqi.com"+u, httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`))
	}
	calls := []func() error{
		func() error {
			_, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_1", TokenID: "tkn_1"})
			return err
		},
		func() error {
			_, err := c.Subscriptions.Create(ctx, &SubscriptionParams{CardID: "crd_1", PlanID: "pln_1", TermsAccepted: true})
			return err
		},
		func() error { _, err := c.Orders.Confirm(ctx, "ord_1"); return err },
		func() error {
			_, err := c.Orders.ConfirmTypes(ctx, &OrderConfirmParams{OrderID: "ord_1", OrderTypes: []string{"cip"}})
			return err
		},
		func() error {
			_, err := c.LegacySubscriptions.Create(ctx, &LegacySubscriptionParams{CardID: "crd_1", PlanID: "pln_1"})
			return err
		},
	}
	operations := []string{"cards.create", "subscriptions.create", "orders.confirm", "orders.confirmtypes", "legacysubscriptions.create"}
	for i, call := range calls {
		err := call()
		assert.ErrorIs(t, err, ErrOutcomeUnknown, i)
		var u *OutcomeUnknownError
		if assert.ErrorAs(t, err, &u, i) {
			assert.Equal(t, operations[i], u.Operation)
			assert.Empty(t, u.Key, "no reconciliation key on %s", u.Operation)
			assert.False(t, u.SentAt.IsZero(), i)
		}
		assert.Equal(t, i+1, mt.GetTotalCallCount(), i)
	}
	// A 429 says the request was refused: it is retried even on a charge.
	c2, mt2 := setup(t, WithMaxRetries(2))
	mt2.RegisterResponder("POST", "https://api.culqi.com/v2/charges", httpmock.NewStringResponder(429,
		`{"object":"error","type":"limit_api_error","merchant_message":"Demasiadas peticiones"}`).Then(httpmock.NewStringResponder(201, chargeJSON)))
	_, err := c2.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_1"})
	require.NoError(t, err)
	assert.Equal(t, 2, mt2.GetTotalCallCount())
}

func TestNewClientErrors(t *testing.T) {
	t.Parallel()
	_, err := NewClient("")
	assert.Error(t, err)
	_, err = NewClient(testSK + "\n")
	assert.EqualError(t, err, "culqi: NewClient: secret key holds a control character (a newline read with it from a file?)")
	_, err = NewClient(testSK, WithPublicKey(""))
	assert.Error(t, err)
	_, err = NewClient(testSK, WithPublicKey(testPK+"\r\n"))
	assert.Error(t, err)
	_, err = NewClient(testSK, WithBaseURL("http://example.com"))
	assert.Error(t, err)
	_, err = NewClient(testSK, WithMaxRetries(-1))
	assert.Error(t, err)
	_, err = NewClient(testSK, WithRetryWait(time.Second, time.Millisecond))
	assert.Error(t, err)
	_, err = NewClient(testSK, WithHTTPClient(nil))
	assert.Error(t, err)
	c, err := NewClient(testSK)
	require.NoError(t, err)
	assert.NotNil(t, c.Charges)
}

func TestBaseURLPointsBothHosts(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c, err := NewClient(testSK, WithPublicKey(testPK), WithBaseURL("http://127.0.0.1:9/prefix"), WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	tok := on(mt, "POST", "http://127.0.0.1:9/prefix/v2/tokens", 201, tokenJSON)
	ch := on(mt, "GET", "http://127.0.0.1:9/prefix/v2/charges/chr_1", 200, chargeJSON)
	_, err = c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111111111111111", CVV: "123", ExpMonth: 9, ExpYear: 2099}, Email: "ana@example.pe"})
	require.NoError(t, err)
	_, err = c.Charges.Get(ctx, "chr_1")
	require.NoError(t, err)
	r, _ := tok.Last(t)
	assert.Equal(t, "Bearer "+testPK, r.Header.Get("Authorization"))
	r, _ = ch.Last(t)
	assert.Equal(t, "Bearer "+testSK, r.Header.Get("Authorization"))
}

func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	const pan, cvv = "4000020000000000", "9876"
	const sk, pk = "sk_test_SENTINELsecret99", "pk_test_SENTINELpublic99"
	var logs bytes.Buffer
	mt := httpmock.NewMockTransport()
	c, err := NewClient(sk, WithPublicKey(pk), WithHTTPClient(&http.Client{Transport: mt}), WithMaxRetries(1),
		WithRetryWait(time.Millisecond, time.Millisecond),
		WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)
	// Culqi echoing the card number back in its message.
	on(mt, "POST", "https://secure.culqi.com/v2/tokens", 422, `{"object":"error","type":"parameter_error","param":"card_number",
		"merchant_message":"La tarjeta `+pan+` no es válida"}`)
	params := &TokenParams{Card: Card{Number: pan, CVV: cvv, ExpMonth: 9, ExpYear: 2099}, Email: "ana@example.pe"}
	_, err = c.Tokens.Create(ctx, params)
	var ce *Error
	require.ErrorAs(t, err, &ce)
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%+v", params), fmt.Sprintf("%#v", params),
		fmt.Sprintf("%v", c), fmt.Sprintf("%+v", *c), logs.String(), string(ce.Body)} {
		assert.NotContains(t, s, pan)
		assert.NotContains(t, s, cvv)
		assert.NotContains(t, s, "SENTINEL")
	}
	assert.NotEmpty(t, logs.String())
}
