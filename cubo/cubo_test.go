package cubo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/mocktest"
	"github.com/latampay/latampay-go/internal/transport"
)

var bg = context.Background()

const base = "https://cubo.test"

// mockOptions put a client on mt with millisecond retry waits.
func mockOptions(mt *httpmock.MockTransport) []Option {
	return []Option{WithHTTPClient(&http.Client{Transport: mt}), WithRetryWait(time.Millisecond, 2*time.Millisecond)}
}

// fixedNow is the clock card expiry is checked against.
var fixedNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func setup(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	all := append(mockOptions(mt), WithBaseURL(base))
	c, err := NewClient("test_api_key", append(all, opts...)...)
	require.NoError(t, err)
	c.now = func() time.Time { return fixedNow }
	return c, mt
}

// respond registers method+url answering status and a JSON body, and
// returns what it records.
func respond(mt *httpmock.MockTransport, method, url string, status int, body string) *mocktest.Recorder {
	r, rec := mocktest.Record(httpmock.NewStringResponder(status, body).HeaderSet(http.Header{"Content-Type": {"application/json; charset=utf-8"}}))
	mt.RegisterResponder(method, url, r)
	return rec
}

func assertHeaders(t *testing.T, h http.Header, withBody bool) {
	t.Helper()
	assert.Equal(t, "test_api_key", h.Get("X-API-KEY"))
	assert.Equal(t, "application/json", h.Get("Accept"))
	assert.True(t, strings.HasPrefix(h.Get("User-Agent"), "latampay-go/"), h.Get("User-Agent"))
	assert.Contains(t, h.Get("User-Agent"), "cubo")
	assert.Empty(t, h.Get("Authorization"))
	if withBody {
		assert.Equal(t, "application/json", h.Get("Content-Type"))
	} else {
		assert.Empty(t, h.Get("Content-Type"))
	}
}

func testCard() Card {
	return Card{Number: "4000 0000 0000 0416", CVV: "123", ExpMonth: 9, ExpYear: 2030, HolderName: "John Doe"}
}

func fullPayment() *PaymentParams {
	return &PaymentParams{
		ClientName: "John Doe", ClientEmail: "john@example.com", ClientPhone: "+50322577777",
		Description: "Test API", Amount: 100, Card: testCard(),
	}
}

const approved = `{"status":"SUCCEEDED","referenceId":"354247606061629","authorizationCode":"015163","processedAt":"2025-02-10T22:27:17.317Z"}`

func assertApproved(t *testing.T, tx *Transaction) {
	t.Helper()
	require.NotNil(t, tx)
	assert.Equal(t, StatusSucceeded, tx.Status)
	assert.True(t, tx.Succeeded())
	assert.Equal(t, "354247606061629", tx.ReferenceID)
	assert.Equal(t, "015163", tx.AuthorizationCode)
	assert.True(t, tx.ProcessedAt.Equal(time.Date(2025, 2, 10, 22, 27, 17, 317e6, time.UTC)), tx.ProcessedAt)
	assert.Equal(t, int64(1739226437), tx.ProcessedAt.Unix())
	assert.Empty(t, tx.PaymentIntentToken)
	assert.Empty(t, tx.Currency)
	assert.Zero(t, tx.Amount)
	assert.Nil(t, tx.Metadata)
	assert.JSONEq(t, approved, string(tx.Raw))
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

func TestTransactionsCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/transactions", 201, approved)
	tx, err := c.Transactions.Create(bg, fullPayment())
	require.NoError(t, err)
	assertApproved(t, tx)
	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, base+"/api/v1/transactions", r.URL.String())
	assertHeaders(t, r.Header, true)
	assert.JSONEq(t, `{"clientName":"John Doe","clientEmail":"john@example.com","clientPhone":"+50322577777",
		"description":"Test API","amount":100,"cardHolder":"John Doe","cardNumber":"4000000000000416",
		"cvv":"123","month":"09","year":"30"}`, body)
}

func TestTransactionsCreateOmitsEmptyOptionals(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/transactions", 200, approved)
	_, err := c.Transactions.Create(bg, &PaymentParams{Amount: 123456,
		Card: Card{Number: "4111-1111-1111-1111", CVV: "1234", ExpMonth: 1, ExpYear: 27, HolderName: "Ana"}})
	require.NoError(t, err)
	_, body := rec.Last(t)
	assert.JSONEq(t, `{"amount":123456,"cardHolder":"Ana","cardNumber":"4111111111111111","cvv":"1234","month":"01","year":"27"}`, body)
}

func TestTransactionsCreateSubscription(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/transactions/subscription", 201, approved)
	tx, err := c.Transactions.CreateSubscription(bg, &SubscriptionParams{PaymentParams: *fullPayment(), Installments: 12})
	require.NoError(t, err)
	assertApproved(t, tx)
	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, base+"/api/v1/transactions/subscription", r.URL.String())
	assertHeaders(t, r.Header, true)
	assert.JSONEq(t, `{"clientName":"John Doe","clientEmail":"john@example.com","clientPhone":"+50322577777",
		"description":"Test API","amount":100,"cardHolder":"John Doe","cardNumber":"4000000000000416",
		"cvv":"123","month":"09","year":"30","installments":12}`, body)
}

func TestTransactionsCreateRejectedIn2xx(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", base+"/api/v1/transactions",
		httpmock.NewStringResponder(201, `{"status":"REJECTED","referenceId":354247606061630,"processedAt":"2025-02-10T22:27:17Z"}`))
	tx, err := c.Transactions.Create(bg, fullPayment())
	require.NoError(t, err)
	assert.Equal(t, StatusRejected, tx.Status)
	assert.False(t, tx.Succeeded())
	assert.Equal(t, "354247606061630", tx.ReferenceID, "a numeric id keeps its digits")
}

func TestTransactionsCreateUnknownStatusKept(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", base+"/api/v1/transactions", httpmock.NewStringResponder(201, `{"status":"PENDING_REVIEW"}`))
	tx, err := c.Transactions.Create(bg, fullPayment())
	require.NoError(t, err)
	assert.Equal(t, Status("PENDING_REVIEW"), tx.Status)
	assert.False(t, tx.Succeeded())
}

func TestTransactionsCreateUnreadable2xxIsUnknown(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"empty object": `{}`,
		"empty body":   ``,
		"html":         `<html>ok</html>`,
		"truncated":    `{"status":"SUCC`,
	} {
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions", httpmock.NewStringResponder(201, body))
		tx, err := c.Transactions.Create(bg, fullPayment())
		assert.Nil(t, tx, name)
		assert.ErrorIs(t, err, ErrOutcomeUnknown, name)
		assert.ErrorIs(t, err, ErrMalformedResponse, name)
		assert.Equal(t, 1, mt.GetTotalCallCount(), name)
	}
}

func TestTransactionsGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", base+"/api/v1/transactions/tok%2F1", 200, `{"status":"SUCCEEDED",
		"paymentIntentToken":"tok/1","currency":"USD","amount":"1234.50","referenceId":"354247606061629",
		"authorizationCode":"015163","processedAt":"2025-02-10T22:27:17.317Z","metadata":{"orderId":"1001","n":7},"extra":true}`)
	tx, err := c.Transactions.Get(bg, "tok/1")
	require.NoError(t, err)
	r, body := rec.Last(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, base+"/api/v1/transactions/tok%2F1", r.URL.String())
	assertHeaders(t, r.Header, false)
	assert.Empty(t, body)
	assert.Equal(t, StatusSucceeded, tx.Status)
	assert.Equal(t, "tok/1", tx.PaymentIntentToken)
	assert.Equal(t, "USD", tx.Currency)
	assert.Equal(t, int64(123450), tx.Amount)
	assert.Equal(t, "354247606061629", tx.ReferenceID)
	assert.Equal(t, "015163", tx.AuthorizationCode)
	assert.Equal(t, int64(1739226437), tx.ProcessedAt.Unix())
	assert.Equal(t, Metadata{"orderId": "1001", "n": "7"}, tx.Metadata)
	assert.Contains(t, string(tx.Raw), `"extra":true`)
}

// A 2xx lookup answer without a status is an error, never an empty
// Transaction: Cubo's error body is read as *Error, anything else is
// malformed. A lookup moves no money, so no outcome is unknown.
func TestTransactionsGetWithoutStatus(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		wantStatus int // of the *Error; 0 for a malformed answer
		wantMsg    string
	}{
		{"empty object", `{}`, 0, ""},
		{"null", `null`, 0, ""},
		{"empty status", `{"status":"","paymentIntentToken":"t"}`, 0, ""},
		{"fields but no status", `{"paymentIntentToken":"t","amount":"10.00"}`, 0, ""},
		{"error body with a 200", `{"statusCode":404,"message":"Transaction not found"}`, 404, "Transaction not found"},
		{"error body with a list", `{"statusCode":400,"message":["token must be a UUID"],"error":"Bad Request"}`, 400, "token must be a UUID"},
		{"statusCode that is no error", `{"statusCode":200,"message":"ok"}`, 0, ""},
		{"error statusCode, no message", `{"statusCode":404}`, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(0))
			mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(200, tc.body))
			tx, err := c.Transactions.Get(bg, "t")
			assert.Nil(t, tx)
			require.Error(t, err)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			var e *Error
			if tc.wantStatus == 0 {
				assert.ErrorIs(t, err, ErrMalformedResponse)
				assert.False(t, errors.As(err, &e))
				assert.Contains(t, err.Error(), "no transaction status")
				return
			}
			require.ErrorAs(t, err, &e)
			assert.NotErrorIs(t, err, ErrMalformedResponse)
			assert.Equal(t, tc.wantStatus, e.StatusCode)
			assert.Equal(t, tc.wantMsg, e.Message)
			assert.Equal(t, tc.body, string(e.Body))
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}

func TestTransactionsGetAmounts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		amount string
		want   int64
		bad    bool
	}{
		{`"10.00"`, 1000, false},
		{`"10"`, 1000, false},
		{`"0.07"`, 7, false},
		{`"19.9"`, 1990, false},
		{`"123456789.99"`, 12345678999, false},
		{`""`, 0, false},
		{`null`, 0, false},
		{`1000`, 0, false}, // a number: unit unknown, left 0
		{`"10.005"`, 0, true},
		{`"1e3"`, 0, true},
		{`"abc"`, 0, true},
	}
	for _, tc := range cases {
		c, mt := setup(t)
		mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(200, `{"status":"SUCCEEDED","amount":`+tc.amount+`}`))
		tx, err := c.Transactions.Get(bg, "t")
		if tc.bad {
			assert.ErrorIs(t, err, ErrMalformedResponse, tc.amount)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown, tc.amount)
			continue
		}
		require.NoError(t, err, tc.amount)
		assert.Equal(t, tc.want, tx.Amount, tc.amount)
	}
}

func TestLinksCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/links/one-use", 201,
		`{"cuboRedirectUri":"https://link.cubopago.com/pay/abc","paymentIntentToken":"8f1c2e7a-1b2c-4d5e-8f90-123456789abc"}`)
	l, err := c.Links.Create(bg, &LinkParams{Description: "Order 1001", Amount: 2550, RedirectURI: "https://shop.example.com/done?o=1001",
		Metadata: map[string]string{"orderId": "1001"}, ClientName: "Ana", ClientEmail: "ana@example.com", ClientPhone: "+50370000000",
		MonthlyInstallmentID: 3})
	require.NoError(t, err)
	assert.Equal(t, "https://link.cubopago.com/pay/abc", l.RedirectURL)
	assert.Equal(t, "8f1c2e7a-1b2c-4d5e-8f90-123456789abc", l.PaymentIntentToken)
	assert.Contains(t, string(l.Raw), "cuboRedirectUri")
	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, base+"/api/v1/links/one-use", r.URL.String())
	assertHeaders(t, r.Header, true)
	assert.JSONEq(t, `{"description":"Order 1001","amount":2550,"redirectUri":"https://shop.example.com/done?o=1001",
		"metadata":{"orderId":"1001"},"clientName":"Ana","clientEmail":"ana@example.com","clientPhone":"+50370000000",
		"monthlyInstallmentId":3}`, body)

	_, err = c.Links.Create(bg, &LinkParams{Description: "Minimal", Amount: 1, Metadata: map[string]string{}})
	require.NoError(t, err)
	_, body = rec.Last(t)
	assert.JSONEq(t, `{"description":"Minimal","amount":1}`, body)
}

func TestLinksCreateSubscription(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/links/subscription", 201,
		`{"cuboRedirectUri":"https://link.cubopago.com/s/1","paymentIntentToken":"tok_s","description":"Gym","amount":2999,
		"currency":"USD","installments":6,"startingDate":"2026-11-21","endingDate":null}`)
	l, err := c.Links.CreateSubscription(bg, &SubscriptionLinkParams{
		LinkParams:   LinkParams{Description: "Gym", Amount: 2999, RedirectURI: "https://gym.example.com/ok", Metadata: map[string]string{"member": "42"}},
		Installments: 6})
	require.NoError(t, err)
	assert.Equal(t, "https://link.cubopago.com/s/1", l.RedirectURL)
	assert.Equal(t, "tok_s", l.PaymentIntentToken)
	assert.Contains(t, string(l.Raw), `"startingDate":"2026-11-21"`)
	r, body := rec.Last(t)
	assert.Equal(t, base+"/api/v1/links/subscription", r.URL.String())
	assertHeaders(t, r.Header, true)
	assert.JSONEq(t, `{"description":"Gym","amount":2999,"redirectUri":"https://gym.example.com/ok",
		"metadata":{"member":"42"},"installments":6}`, body)
}

// A 2xx link answer missing either field: the link may exist, so the POST
// is not repeated and the outcome is unknown.
func TestLinksUnreadable2xx(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body string }{
		{"no cuboRedirectUri", `{"paymentIntentToken":"t"}`},
		{"no paymentIntentToken", `{"cuboRedirectUri":"https://x"}`},
		{"empty object", `{}`},
		{"null", `null`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("POST", base+"/api/v1/links/one-use", httpmock.NewStringResponder(201, tc.body))
			mt.RegisterResponder("POST", base+"/api/v1/links/subscription", httpmock.NewStringResponder(201, tc.body))
			l, err := c.Links.Create(bg, &LinkParams{Description: "d", Amount: 1})
			assert.Nil(t, l)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			l, err = c.Links.CreateSubscription(bg, &SubscriptionLinkParams{
				LinkParams: LinkParams{Description: "d", Amount: 1, RedirectURI: "https://x.example"}, Installments: 2})
			assert.Nil(t, l)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, 2, mt.GetTotalCallCount(), "each sent once")
		})
	}
}

func TestErrorShapes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		status    int
		body      string
		code, msg string
		msgs      []string
		errName   string
		class     DeclineClass
		unknown   bool
		errString string
	}{
		{name: "guide decline", status: 400, body: `{"statusCode":400,"message":"15 - EMISOR NO DISPONIBLE"}`,
			code: "15", msg: "EMISOR NO DISPONIBLE", class: SoftDecline, errString: "cubo: HTTP 400: 15 - EMISOR NO DISPONIBLE"},
		{name: "insufficient funds", status: 400, body: `{"statusCode":400,"message":"51 - FONDOS INSUFICIENTES"}`,
			code: "51", msg: "FONDOS INSUFICIENTES", class: SoftDecline},
		{name: "letter code", status: 400, body: `{"statusCode":400,"message":"SM - SOSPECHA DE FRAUDE"}`,
			code: "SM", msg: "SOSPECHA DE FRAUDE", class: HardDecline},
		{name: "SH", status: 400, body: `{"statusCode":400,"message":"SH - TRANSACCION NO PERMITIDA"}`,
			code: "SH", msg: "TRANSACCION NO PERMITIDA", class: HardDecline},
		{name: "accented text kept", status: 400, body: `{"statusCode":400,"message":"63 - VIOLACIÓN DE SEGURIDAD"}`,
			code: "63", msg: "VIOLACIÓN DE SEGURIDAD", class: HardDecline},
		{name: "undocumented code is hard", status: 400, body: `{"statusCode":400,"message":"91 - ALGO NUEVO"}`,
			code: "91", msg: "ALGO NUEVO", class: HardDecline},
		{name: "fraud rule", status: 400, body: `{"statusCode":400,"message":"MF: custom_rule_block_bin"}`,
			msg: "MF: custom_rule_block_bin", class: HardDecline, errString: "cubo: HTTP 400: MF: custom_rule_block_bin"},
		{name: "validation list", status: 400, body: `{"statusCode":400,"message":["amount must be an integer number","cvv should not be empty"],"error":"Bad Request"}`,
			msg: "amount must be an integer number, cvv should not be empty", msgs: []string{"amount must be an integer number", "cvv should not be empty"},
			errName: "Bad Request", class: NotDeclined},
		{name: "unknown field", status: 422, body: `{"statusCode":422,"message":["property currency should not exist"],"error":"Unprocessable Entity"}`,
			msg: "property currency should not exist", msgs: []string{"property currency should not exist"}, errName: "Unprocessable Entity"},
		{name: "plain message", status: 400, body: `{"statusCode":400,"message":"cardNumber must be a credit card"}`,
			msg: "cardNumber must be a credit card"},
		{name: "lower-case prefix is not a code", status: 400, body: `{"statusCode":400,"message":"ab - cd"}`, msg: "ab - cd"},
		{name: "bad key", status: 401, body: `{"statusCode":401,"message":"Unauthorized"}`, msg: "Unauthorized"},
		{name: "forbidden", status: 403, body: `{"statusCode":403,"message":"Forbidden resource","error":"Forbidden"}`, msg: "Forbidden resource", errName: "Forbidden"},
		{name: "message of another type", status: 400, body: `{"statusCode":400,"message":{"a":1},"error":"Bad Request"}`, errName: "Bad Request",
			errString: "cubo: HTTP 400: Bad Request"},
		{name: "html 400", status: 400, body: `<html>bad</html>`, errString: "cubo: HTTP 400"},
		{name: "truncated 400", status: 400, body: `{"statusCode":400,"message":"51 - FON`},
		{name: "empty 500", status: 500, body: ``, unknown: true},
		{name: "internal error", status: 500, body: `{"statusCode":500,"message":"Internal server error"}`, msg: "Internal server error", unknown: true},
		{name: "decline with a 500 is definite", status: 500, body: `{"statusCode":500,"message":"51 - FONDOS INSUFICIENTES"}`,
			code: "51", msg: "FONDOS INSUFICIENTES", class: SoftDecline},
		{name: "gateway 502 html", status: 502, body: `<html>Bad Gateway</html>`, unknown: true},
		{name: "coded 503 is still unknown", status: 503, body: `{"statusCode":503,"message":"51 - FONDOS INSUFICIENTES"}`,
			code: "51", msg: "FONDOS INSUFICIENTES", class: SoftDecline, unknown: true},
		{name: "504", status: 504, body: `{"message":"Endpoint request timed out"}`, msg: "Endpoint request timed out", unknown: true},
		{name: "408", status: 408, body: `{"statusCode":408,"message":"Request Timeout"}`, msg: "Request Timeout", unknown: true},
		{name: "echoed card masked in a list", status: 400, body: `{"statusCode":400,"message":["cardNumber 4000000000000416 is invalid"]}`,
			msg: "cardNumber ************0416 is invalid", msgs: []string{"cardNumber ************0416 is invalid"}},
		{name: "empty list", status: 400, body: `{"statusCode":400,"message":[]}`, msgs: []string{}, errString: "cubo: HTTP 400"},
		{name: "echoed card masked", status: 400, body: `{"statusCode":400,"message":"tarjeta 4000000000000416 invalida"}`,
			msg: "tarjeta ************0416 invalida", errString: "cubo: HTTP 400: tarjeta ************0416 invalida"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("POST", base+"/api/v1/transactions", httpmock.NewStringResponder(tc.status, tc.body))
			tx, err := c.Transactions.Create(bg, fullPayment())
			assert.Nil(t, tx)
			require.Error(t, err)
			assert.Equal(t, 1, mt.GetTotalCallCount(), "a payment is sent once")
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.msg, e.Message)
			assert.Equal(t, tc.msgs, e.Messages)
			assert.Equal(t, tc.errName, e.ErrorName)
			assert.Equal(t, tc.class, e.Decline())
			assert.Equal(t, tc.class == SoftDecline, IsSoftDecline(err))
			assert.Equal(t, tc.class == HardDecline, IsHardDecline(err))
			assert.Equal(t, tc.class != NotDeclined, Declined(err))
			assert.Equal(t, tc.class != NotDeclined, e.Declined(), "Error.Declined")
			assert.Equal(t, tc.class == SoftDecline, e.SoftDecline(), "Error.SoftDecline")
			assert.False(t, errors.Is(err, ErrNotFound))
			assert.True(t, strings.HasPrefix(e.Error(), "cubo: "), e.Error())
			assert.Equal(t, tc.unknown, errors.Is(err, ErrOutcomeUnknown))
			assert.NotContains(t, string(e.Body), "4000000000000416")
			assert.NotContains(t, err.Error(), "4000000000000416")
			if tc.errString != "" {
				assert.Equal(t, tc.errString, e.Error())
			}
			if !strings.Contains(tc.body, "4000000000000416") {
				assert.Equal(t, tc.body, string(e.Body))
			}
		})
	}
}

func TestErrorOnGetAndLinks(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithMaxRetries(0))
	mt.RegisterResponder("GET", base+"/api/v1/transactions/nope", httpmock.NewStringResponder(404, `{"statusCode":404,"message":"Transaction not found","error":"Not Found"}`))
	mt.RegisterResponder("POST", base+"/api/v1/links/one-use", httpmock.NewStringResponder(422, `{"statusCode":422,"message":["property expiresAt should not exist"],"error":"Unprocessable Entity"}`))
	_, err := c.Transactions.Get(bg, "nope")
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 404, e.StatusCode)
	assert.Equal(t, "Transaction not found", e.Message)
	_, err = c.Links.Create(bg, &LinkParams{Description: "d", Amount: 1})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, []string{"property expiresAt should not exist"}, e.Messages)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

func TestRetryRules(t *testing.T) {
	t.Parallel()
	// A gateway status says the answer is not Cubo's, whatever its body
	// looks like: a decline code under a 502/503/504 is no proof that the
	// payment was refused.
	for _, status := range []int{502, 503, 504} {
		t.Run(fmt.Sprintf("coded decline under a %d: unknown", status), func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("POST", base+"/api/v1/transactions",
				httpmock.NewStringResponder(status, fmt.Sprintf(`{"statusCode":%d,"message":"51 - FONDOS INSUFICIENTES"}`, status)))
			_, err := c.Transactions.Create(bg, fullPayment())
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "51", e.Code)
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
	t.Run("503 then 201 on a payment: one call, unknown", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions",
			httpmock.NewStringResponder(503, `{"statusCode":503,"message":"Service Unavailable"}`).Then(httpmock.NewStringResponder(201, approved)))
		_, err := c.Transactions.Create(bg, fullPayment())
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 503, e.StatusCode)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("503 then 201 on a subscription payment: one call, unknown", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions/subscription",
			httpmock.NewStringResponder(502, `bad gateway`).Then(httpmock.NewStringResponder(201, approved)))
		_, err := c.Transactions.CreateSubscription(bg, &SubscriptionParams{PaymentParams: *fullPayment(), Installments: 2})
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("503 then 200 on a GET: two calls, success", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("GET", base+"/api/v1/transactions/t",
			httpmock.NewStringResponder(503, ``).Then(httpmock.NewStringResponder(200, `{"status":"SUCCEEDED","amount":"1.00"}`)))
		tx, err := c.Transactions.Get(bg, "t")
		require.NoError(t, err)
		assert.Equal(t, int64(100), tx.Amount)
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("GET gives up with the last typed error", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t, WithMaxRetries(2))
		mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(500, `{"statusCode":500,"message":"Internal server error"}`))
		_, err := c.Transactions.Get(bg, "t")
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "Internal server error", e.Message)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 3, mt.GetTotalCallCount())
	})
	t.Run("429 then 201 on a payment: retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions",
			httpmock.NewStringResponder(429, `{"statusCode":429,"message":"ThrottlerException: Too Many Requests"}`).Then(httpmock.NewStringResponder(201, approved)))
		tx, err := c.Transactions.Create(bg, fullPayment())
		require.NoError(t, err)
		assertApproved(t, tx)
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("dial failure then 201 on a payment: retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions",
			httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}).Then(httpmock.NewStringResponder(201, approved)))
		_, err := c.Transactions.Create(bg, fullPayment())
		require.NoError(t, err)
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("connection reset on a payment: unknown, not retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions",
			httpmock.NewErrorResponder(errors.New("read: connection reset by peer")).Then(httpmock.NewStringResponder(201, approved)))
		_, err := c.Transactions.Create(bg, fullPayment())
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("503 then 201 on a link: one call", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/links/one-use",
			httpmock.NewStringResponder(503, ``).Then(httpmock.NewStringResponder(201, `{"cuboRedirectUri":"https://x","paymentIntentToken":"t"}`)))
		_, err := c.Links.Create(bg, &LinkParams{Description: "d", Amount: 1})
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("a payment that outlives the attempt timeout: unknown", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t, WithTimeout(20*time.Millisecond))
		mt.RegisterResponder("POST", base+"/api/v1/transactions", func(req *http.Request) (*http.Response, error) {
			select {
			case <-req.Context().Done():
				return nil, req.Context().Err()
			case <-time.After(2 * time.Second):
				return httpmock.NewStringResponse(201, approved), nil
			}
		})
		_, err := c.Transactions.Create(bg, fullPayment())
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.NotErrorIs(t, err, context.DeadlineExceeded, "the caller's context did not end")
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("the caller's deadline during a payment", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions", func(req *http.Request) (*http.Response, error) {
			<-req.Context().Done()
			return nil, req.Context().Err()
		})
		cctx, cancel := context.WithTimeout(bg, 20*time.Millisecond)
		defer cancel()
		_, err := c.Transactions.Create(cctx, fullPayment())
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
	t.Run("a cancelled context stops a GET's retries", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t, WithRetryWait(time.Second, time.Second))
		mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(503, ``))
		cctx, cancel := context.WithTimeout(bg, 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.Transactions.Get(cctx, "t")
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Less(t, time.Since(start), 900*time.Millisecond)
	})
}

// assertParamError checks err is this package's *ParamError for field,
// with the package's prefix.
func assertParamError(t *testing.T, err error, field string) {
	t.Helper()
	var pe *ParamError
	if assert.ErrorAs(t, err, &pe, field) {
		assert.Equal(t, field, pe.Field)
		assert.True(t, strings.HasPrefix(err.Error(), "cubo: invalid params: "+field+": "), err.Error())
	}
}

func TestValidation(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	pay := func(mut func(p *PaymentParams)) *PaymentParams {
		p := fullPayment()
		mut(p)
		return p
	}
	payments := []struct {
		field string
		p     *PaymentParams
	}{
		{"PaymentParams", nil},
		{"Amount", pay(func(p *PaymentParams) { p.Amount = 0 })},
		{"Amount", pay(func(p *PaymentParams) { p.Amount = -100 })},
		{"Amount", pay(func(p *PaymentParams) { p.Amount = 1 << 53 })},
		{"Card.Number", pay(func(p *PaymentParams) { p.Card.Number = "" })},
		{"Card.Number", pay(func(p *PaymentParams) { p.Card.Number = "4000000000000417" })},
		{"Card.Number", pay(func(p *PaymentParams) { p.Card.Number = "4000x00000000416" })},
		{"Card.ExpMonth", pay(func(p *PaymentParams) { p.Card.ExpMonth = 13 })},
		{"Card.ExpYear", pay(func(p *PaymentParams) { p.Card.ExpMonth, p.Card.ExpYear = 10, 2026 })},
		{"Card.CVV", pay(func(p *PaymentParams) { p.Card.CVV = "12" })},
		{"Card.CVV", pay(func(p *PaymentParams) { p.Card.CVV = "12a" })},
		{"Card.HolderName", pay(func(p *PaymentParams) { p.Card.HolderName = "  " })},
		{"ClientEmail", pay(func(p *PaymentParams) { p.ClientEmail = "not-an-email" })},
	}
	for _, tc := range payments {
		_, err := c.Transactions.Create(bg, tc.p)
		assertParamError(t, err, tc.field)
		// Validate is the check Create runs: the same error.
		assert.Equal(t, err.Error(), tc.p.Validate().Error(), tc.field)
		if tc.p != nil {
			sp := &SubscriptionParams{PaymentParams: *tc.p, Installments: 3}
			_, err = c.Transactions.CreateSubscription(bg, sp)
			assertParamError(t, err, tc.field)
			assert.Equal(t, err.Error(), sp.Validate().Error(), tc.field)
		}
	}
	_, err := c.Transactions.CreateSubscription(bg, nil)
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "SubscriptionParams")
	_, err = c.Transactions.CreateSubscription(bg, &SubscriptionParams{PaymentParams: *fullPayment()})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "Installments")
	// "." and ".." would be sent unescaped and name another path.
	for _, token := range []string{"", ".", ".."} {
		_, err = c.Transactions.Get(bg, token)
		assertParamError(t, err, "paymentIntentToken")
	}

	link := func(mut func(p *LinkParams)) *LinkParams {
		p := &LinkParams{Description: "d", Amount: 100, RedirectURI: "https://shop.example.com/ok"}
		mut(p)
		return p
	}
	links := []struct {
		field string
		p     *LinkParams
	}{
		{"LinkParams", nil},
		{"Description", link(func(p *LinkParams) { p.Description = "" })},
		{"Description", link(func(p *LinkParams) { p.Description = strings.Repeat("ñ", 256) })},
		{"Amount", link(func(p *LinkParams) { p.Amount = 0 })},
		{"RedirectURI", link(func(p *LinkParams) { p.RedirectURI = "/relative" })},
		{"RedirectURI", link(func(p *LinkParams) { p.RedirectURI = "javascript:alert(1)" })},
		{"ClientEmail", link(func(p *LinkParams) { p.ClientEmail = "x" })},
		{"MonthlyInstallmentID", link(func(p *LinkParams) { p.MonthlyInstallmentID = -1 })},
	}
	for _, tc := range links {
		_, err := c.Links.Create(bg, tc.p)
		assertParamError(t, err, tc.field)
		assert.Equal(t, err.Error(), tc.p.Validate().Error(), tc.field)
		if tc.p != nil {
			sp := &SubscriptionLinkParams{LinkParams: *tc.p, Installments: 2}
			_, err = c.Links.CreateSubscription(bg, sp)
			assertParamError(t, err, tc.field)
			assert.Equal(t, err.Error(), sp.Validate().Error(), tc.field)
		}
	}
	for field, p := range map[string]*SubscriptionLinkParams{
		"SubscriptionLinkParams": nil,
		"RedirectURI":            {LinkParams: LinkParams{Description: "d", Amount: 1}, Installments: 2},
		"Installments":           {LinkParams: LinkParams{Description: "d", Amount: 1, RedirectURI: "https://x.example"}},
		"MonthlyInstallmentID":   {LinkParams: LinkParams{Description: "d", Amount: 1, RedirectURI: "https://x.example", MonthlyInstallmentID: 2}, Installments: 2},
	} {
		_, err := c.Links.CreateSubscription(bg, p)
		assert.ErrorIs(t, err, ErrInvalidParams, field)
		assert.Contains(t, err.Error(), field)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

// A nil params pointer is refused naming its type, as the other providers'
// packages do, so the message says which argument was missing.
func TestNilParamsNameTheirType(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for _, tc := range []struct {
		field string
		call  func() error
	}{
		{"PaymentParams", func() error { _, err := c.Transactions.Create(bg, nil); return err }},
		{"SubscriptionParams", func() error { _, err := c.Transactions.CreateSubscription(bg, nil); return err }},
		{"LinkParams", func() error { _, err := c.Links.Create(bg, nil); return err }},
		{"SubscriptionLinkParams", func() error { _, err := c.Links.CreateSubscription(bg, nil); return err }},
	} {
		err := tc.call()
		assert.ErrorIs(t, err, ErrInvalidParams, tc.field)
		var pe *transport.ParamError
		if assert.ErrorAs(t, err, &pe, tc.field) {
			assert.Equal(t, tc.field, pe.Field)
			assert.Equal(t, "is nil", pe.Reason)
		}
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

func TestParamsNotMutatedAndConcurrentUse(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", base+"/api/v1/transactions/subscription", httpmock.NewStringResponder(201, approved))
	mt.RegisterResponder("POST", base+"/api/v1/links/subscription", httpmock.NewStringResponder(201, `{"cuboRedirectUri":"https://x","paymentIntentToken":"t"}`))
	p := &SubscriptionParams{PaymentParams: *fullPayment(), Installments: 3}
	lp := &SubscriptionLinkParams{LinkParams: LinkParams{Description: "d", Amount: 5, RedirectURI: "https://x.example", Metadata: map[string]string{"a": "b"}}, Installments: 2}
	before, lbefore := *p, *lp
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := c.Transactions.CreateSubscription(bg, p)
			assert.NoError(t, err)
		}()
		go func() {
			defer wg.Done()
			_, err := c.Links.CreateSubscription(bg, lp)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Equal(t, before, *p)
	assert.Equal(t, lbefore.Description, lp.Description)
	assert.Equal(t, map[string]string{"a": "b"}, lp.Metadata)
	assert.Equal(t, 16, mt.GetTotalCallCount())
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

func TestDeclineClassString(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "soft decline", SoftDecline.String())
	assert.Equal(t, "hard decline", HardDecline.String())
	assert.Equal(t, "not declined", NotDeclined.String())
	assert.False(t, IsSoftDecline(nil))
	assert.False(t, Declined(errors.New("x")))
	var nilErr *Error
	assert.Equal(t, NotDeclined, nilErr.Decline())
	wrapped := fmt.Errorf("checkout: %w", &Error{StatusCode: 400, Code: "51", Message: "FONDOS INSUFICIENTES"})
	assert.True(t, IsSoftDecline(wrapped))
	assert.True(t, IsHardDecline(&Error{StatusCode: 400, Messages: []string{"MF: custom_rule 12"}}))
}

// A 2xx that names no outcome may hide a payment that went through: unknown,
// and sent once.
func TestPaymentWithoutStatusIsUnknown(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", base+"/api/v1/transactions",
		httpmock.NewStringResponder(201, `{"referenceId":"354247606061629"}`))
	_, err := c.Transactions.Create(bg, fullPayment())
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), "no transaction status")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// API.md gives Transaction.Status as a string: it must be usable as one.
func TestTransactionStatusIsAString(t *testing.T) {
	t.Parallel()
	var s string = (&Transaction{Status: StatusSucceeded}).Status
	assert.Equal(t, "SUCCEEDED", s)
}
