package srpago

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

func TestErrorShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		status   int
		body     string
		want     Error // StatusCode, Body and RequestID are checked apart
		definite bool
	}{
		{"decline with HTTP 500", 500,
			`{"success":false,"error":{"code":"PaymentException","message":"No se pudo procesar el cobro","description":"No se pudo procesar el cobro","detail":{"code":"51","message":"Tarjeta declinada por el banco, fondos insuficientes","http_status_code":500}}}`,
			Error{Code: CodePayment, Message: "No se pudo procesar el cobro", Description: "No se pudo procesar el cobro", BankCode: "51", BankMessage: "Tarjeta declinada por el banco, fondos insuficientes"}, true},
		{"error envelope with HTTP 200", 200,
			`{"success": false, "error": {"code": "SwitchException", "message": "duplicada"}}`,
			Error{Code: CodeSwitch, Message: "duplicada"}, true},
		{"numeric detail code", 500,
			`{"success":false,"error":{"code":"PaymentException","message":"m","detail":{"code":14,"message":"invalid card"}}}`,
			Error{Code: CodePayment, Message: "m", BankCode: "14", BankMessage: "invalid card"}, true},
		{"detail as a string", 500,
			`{"success":false,"error":{"code":"InvalidParamException","message":"m","detail":"total total must be greater than 1.00"}}`,
			Error{Code: CodeInvalidParam, Message: "m", BankMessage: "total total must be greater than 1.00"}, true},
		{"detail as an array", 500,
			`{"success":false,"error":{"code":"InvalidParamException","message":"m","detail":["x"]}}`,
			Error{Code: CodeInvalidParam, Message: "m"}, true},
		{"encryption", 500,
			`{"success":false,"error":{"code":"InvalidEncryptionException","message":"Incorrect data encryption"}}`,
			Error{Code: CodeInvalidEncryption, Message: "Incorrect data encryption"}, true},
		{"token reused", 500,
			`{"success":false,"error":{"code":"TokenAlreadyUsedException","message":"usado"}}`,
			Error{Code: CodeTokenAlreadyUsed, Message: "usado"}, true},
		{"internal error: not definite", 500,
			`{"success":false,"error":{"code":"InternalErrorException","message":"later"}}`,
			Error{Code: CodeInternalError, Message: "later"}, false},
		{"unknown code with 5xx: not definite", 500,
			`{"success":false,"error":{"code":"BrandNewException","message":"?"}}`,
			Error{Code: "BrandNewException", Message: "?"}, false},
		{"401 envelope", 401,
			`{"success":false,"error":{"code":"InvalidCredentialsException","message":"El formato de la clave de apliacion no tiene el formato requerido"}}`,
			Error{Code: "InvalidCredentialsException", Message: "El formato de la clave de apliacion no tiene el formato requerido"}, true},
		// Only a decoded Sr. Pago error names an outcome.
		{"404 HTML", 404, `<html><body>Not Found</body></html>`, Error{}, false},
		{"502 empty", 502, ``, Error{}, false},
		{"503 truncated JSON", 503, `{"success":false,"error":{"code":"Paym`, Error{}, false},
		{"success false without error", 500, `{"success":false}`, Error{}, false},
		{"success false without error, 200", 200, `{"success":false}`, Error{}, false},
		{"internal error with HTTP 200: not definite", 200,
			`{"success":false,"error":{"code":"InternalErrorException","message":"later"}}`,
			Error{Code: CodeInternalError, Message: "later"}, false},
		{"408 HTML: a proxy gave up", 408, `<html>Request Timeout</html>`, Error{}, false},
		{"408 with a decline body: still not definite", 408,
			`{"success":false,"error":{"code":"PaymentException","message":"m"}}`,
			Error{Code: CodePayment, Message: "m"}, false},
		{"card numbers masked in every field", 500,
			`{"success":false,"error":{"code":"InvalidCardException","message":"Tarjeta 4111111111111111 inválida","description":"número 4111 1111 1111 1111","detail":{"code":"14","message":"card 4111-1111-1111-1111"}}}`,
			Error{Code: CodeInvalidCard, Message: "Tarjeta ************1111 inválida", Description: "número **** **** **** 1111",
				BankCode: "14", BankMessage: "card ****-****-****-1111"}, true},
		{"message only", 400, `{"success":false,"error":{"message":"El servicio no existe"}}`, Error{Message: "El servicio no existe"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &transport.Response{StatusCode: tt.status, Header: http.Header{}, Body: []byte(tt.body), RequestID: "rid"}
			err, definite := decodeError(resp)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.definite, definite)
			want := tt.want
			want.StatusCode, want.Body, want.RequestID = tt.status, resp.SafeBody(), "rid"
			if len(want.Body) == 0 {
				want.Body = e.Body
			}
			assert.Equal(t, want, *e)
			assert.NotEmpty(t, e.Error())
			assert.True(t, strings.HasPrefix(e.Error(), "srpago: "))
		})
	}
}

func TestDecodeErrorSuccess(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`{"success":true,"result":{}}`,
		`{"success" : true, "result": {"hasDevolution": false, "status": false}}`,
		`{"result":{"a":false}}`,
		`{"connection":{"token":"x"},"success":true}`,
	} {
		err, _ := decodeError(&transport.Response{StatusCode: 200, Body: []byte(body)})
		assert.NoError(t, err, body)
	}
}

func TestSuccessFalseQuickCheck(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]bool{
		`{"success":false}`: true, "{\"success\" :\n false}": true, `{"success":true}`: false,
		`{}`: false, ``: false, `{"success"`: false, `{"success":"false"}`: false,
		// A nested "success" (customer metadata) before the envelope's.
		`{"result":{"metadata":{"success":true}},"success":false}`: true,
	} {
		assert.Equal(t, want, successFalse([]byte(body)), body)
	}
}

func TestErrorThroughClient(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	// A 200 with success:false on a read is an error, not a result.
	reply(mt, http.MethodGet, testBase+"/v1/customer/cus_1", 200, `{"success":false,"error":{"code":"InvalidParamException","message":"no existe"}}`)
	_, err := c.Customers.Get(ctx, "cus_1")
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 200, e.StatusCode)
	assert.Equal(t, CodeInvalidParam, e.Code)
	assert.Equal(t, "5f7b769b/43b3e", e.RequestID)
	assert.Equal(t, "srpago: InvalidParamException: no existe [HTTP 200, request 5f7b769b/43b3e]", e.Error())

	// A 200 without result where one is due.
	reply(mt, http.MethodGet, testBase+"/v1/customer/cus_2", 200, `{"success":true}`)
	_, err = c.Customers.Get(ctx, "cus_2")
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown))
	reply(mt, http.MethodGet, testBase+"/v1/customer/cus_3", 200, `<html>`)
	_, err = c.Customers.Get(ctx, "cus_3")
	assert.ErrorIs(t, err, ErrMalformedResponse)
}

func TestErrorMessages(t *testing.T) {
	t.Parallel()
	e := &Error{StatusCode: 500, Code: CodePayment, Message: "No se pudo procesar el cobro", BankCode: "51", BankMessage: "fondos insuficientes", RequestID: "r1"}
	assert.Equal(t, "srpago: PaymentException: No se pudo procesar el cobro (bank code 51: fondos insuficientes) [HTTP 500, request r1]", e.Error())
	assert.Equal(t, "srpago: HTTP 502 Bad Gateway", (&Error{StatusCode: 502}).Error())
	// A provider message echoing a card number is masked.
	e = &Error{StatusCode: 500, Code: CodeInvalidCard, Message: "tarjeta 4111111111111111 inválida"}
	assert.NotContains(t, e.Error(), "4111111111111111")
}

func TestDeclineHelpers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code, bank         string
		decline, later, no bool
	}{
		{CodePayment, "51", true, true, false},  // insufficient funds
		{CodePayment, "61", true, true, false},  // over limit
		{CodePayment, "5", true, true, false},   // do not honour, unpadded
		{CodePayment, "43", true, false, true},  // stolen
		{CodePayment, "41", true, false, true},  // lost
		{CodePayment, "14", true, false, true},  // invalid number
		{CodePayment, "54", true, false, true},  // expired
		{CodePayment, "", true, false, false},   // no bank code: unknown
		{CodePayment, "99", true, false, false}, // unknown code
		{CodeSuspectedFraud, "", true, false, true},
		{CodeInvalidCard, "", true, false, true},
		{CodeSwitch, "", false, false, false},
		{CodeInternalError, "", false, false, false},
	}
	for _, tt := range tests {
		e := &Error{Code: tt.code, BankCode: tt.bank}
		name := fmt.Sprintf("%s/%s", tt.code, tt.bank)
		assert.Equal(t, tt.decline, e.Declined(), name)
		assert.Equal(t, tt.later, e.SoftDecline(), name)
		assert.Equal(t, tt.decline, e.IsDecline(), name+" (deprecated)")
		assert.Equal(t, tt.later, e.RetryLater(), name+" (deprecated)")
		assert.Equal(t, tt.no, e.DoNotRetry(), name)
		if tt.later {
			assert.True(t, e.Declined(), "a soft decline is a decline")
		}
	}
	var nilErr *Error
	assert.False(t, nilErr.Declined())
	assert.False(t, nilErr.SoftDecline())
	assert.False(t, nilErr.DoNotRetry())
}

func TestErrNotFound(t *testing.T) {
	t.Parallel()
	const missingOp = `{"success":false,"error":{"code":"InvalidTransactionException","message":"La transacción no existe","description":"x"}}`
	tests := []struct {
		name   string
		status int
		body   string
		call   func(c *Client) error
		want   bool
	}{
		{"404 on a customer", 404, `{"success":false,"error":{"code":"NotFoundException","message":"Cliente no encontrado"}}`,
			func(c *Client) error { _, err := c.Customers.Get(ctx, "cus_1"); return err }, true},
		{"bare 404", 404, `not found`,
			func(c *Client) error { _, err := c.Customers.Get(ctx, "cus_1"); return err }, true},
		{"500 InvalidTransactionException on Operations.Get", 500, missingOp,
			func(c *Client) error { _, err := c.Operations.Get(ctx, "MQ=="); return err }, true},
		// On a reversal the same code also means "already reversed": not a
		// lookup, so not ErrNotFound.
		{"500 InvalidTransactionException on Reverse", 500, missingOp,
			func(c *Client) error { _, err := c.Charges.Reverse(ctx, "MQ=="); return err }, false},
		{"500 other code on Operations.Get", 500, `{"success":false,"error":{"code":"InternalErrorException","message":"x"}}`,
			func(c *Client) error { _, err := c.Operations.Get(ctx, "MQ=="); return err }, false},
		{"400 on a customer", 400, `{"success":false,"error":{"code":"InvalidParamException","message":"x"}}`,
			func(c *Client) error { _, err := c.Customers.Get(ctx, "cus_1"); return err }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterNoResponder(httpmockStatus(tt.status, tt.body))
			err := tt.call(c)
			require.Error(t, err)
			assert.Equal(t, tt.want, errors.Is(err, ErrNotFound), err.Error())
			var e *Error
			assert.True(t, errors.As(err, &e), "still the provider's *Error")
		})
	}
}

func TestErrorPrefixAndTypes(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	_, err := c.Charges.Create(ctx, &ChargeParams{Source: "crd_1", Amount: 5, Description: "x"})
	var pe *ParamError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Amount", pe.Field)
	assert.NotEmpty(t, pe.Reason)
	assert.True(t, strings.HasPrefix(err.Error(), "srpago: "), err.Error())
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Zero(t, calls(mt))

	// A charge cut off after sending: an *OutcomeUnknownError naming the
	// call.
	mt.RegisterResponder(http.MethodPost, testBase+"/v1/payment/card", httpmockStatus(504, `<html>gateway</html>`))
	before := time.Now()
	_, err = c.Charges.Create(ctx, &ChargeParams{Source: "crd_1", Amount: 500, Description: "x", OrderID: "order-7"})
	var u *OutcomeUnknownError
	require.ErrorAs(t, err, &u)
	assert.Equal(t, "charges.create", u.Operation)
	assert.False(t, u.SentAt.Before(before))
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
}
