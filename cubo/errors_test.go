package cubo

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNotFound(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		status int
		body   string
		found  bool // true: not ErrNotFound
	}{
		{"404", 404, `{"statusCode":404,"message":"Transaction not found","error":"Not Found"}`, false},
		{"404 html", 404, `<html>nope</html>`, false},
		{"404 envelope with a 200", 200, `{"statusCode":404,"message":"Transaction not found"}`, false},
		{"400 is not not-found", 400, `{"statusCode":400,"message":"bad token"}`, true},
		{"401 is not not-found", 401, `{"statusCode":401,"message":"Unauthorized"}`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("GET", base+"/api/v1/transactions/tok_1", httpmock.NewStringResponder(tc.status, tc.body))
			_, err := c.Transactions.Get(bg, "tok_1")
			require.Error(t, err)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, !tc.found, errors.Is(err, ErrNotFound))
			assert.Equal(t, !tc.found, errors.Is(fmt.Errorf("wrapped: %w", err), ErrNotFound))
			assert.False(t, e.Declined())
		})
	}
}

func TestTransactionDecline(t *testing.T) {
	t.Parallel()
	for status, declined := range map[Status]bool{
		StatusSucceeded: false, StatusRejected: true, "DECLINED": true, "FAILED": false, "PENDING": false, "": false,
	} {
		tx := &Transaction{Status: status}
		assert.Equal(t, declined, tx.Declined(), status)
		assert.False(t, tx.SoftDecline(), "Cubo gives no code with a transaction")
	}
	var nilTx *Transaction
	assert.False(t, nilTx.Declined())
	assert.False(t, nilTx.SoftDecline())
	var nilErr *Error
	assert.False(t, nilErr.Declined())
	assert.False(t, nilErr.SoftDecline())
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
