package nominapp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		status  int
		body    string
		items   []ErrorItem
		unknown bool // on a payment: wraps ErrOutcomeUnknown
		text    string
	}{
		{
			name:   "documented list, several items, leading zeros",
			status: 422,
			body: `{"error":[
				{"message":"no puede estar en blanco","code":"0002","object":"plan_id","index":0},
				{"message":"ya está en uso","code":"0003","object":"email","index":1},
				{"message":"no es un correo válido","code":"0101","object":"email","index":2}]}`,
			items: []ErrorItem{
				{Code: "0002", Message: "no puede estar en blanco", Object: "plan_id", Index: 0},
				{Code: "0003", Message: "ya está en uso", Object: "email", Index: 1},
				{Code: "0101", Message: "no es un correo válido", Object: "email", Index: 2},
			},
			text: "nominapp: HTTP 422 Unprocessable Entity: 0002 plan_id: no puede estar en blanco; 0003 email: ya está en uso; 0101 email: no es un correo válido",
		},
		{
			name:   "numeric code and string index",
			status: 400,
			body:   `{"error":[{"message":"no es válido","code":101,"object":"card_number","index":"0"}]}`,
			items:  []ErrorItem{{Code: "101", Message: "no es válido", Object: "card_number"}},
			text:   "nominapp: HTTP 400 Bad Request: 101 card_number: no es válido",
		},
		{
			name:   "single object",
			status: 422,
			body:   `{"error":{"message":"rechazada","code":"0701","object":"credit_card","index":0}}`,
			items:  []ErrorItem{{Code: "0701", Message: "rechazada", Object: "credit_card"}},
		},
		{
			name:   "plain string (Rails 401)",
			status: 401,
			body:   `{"error":"You need to sign in or sign up before continuing."}`,
			items:  []ErrorItem{{Message: "You need to sign in or sign up before continuing."}},
			text:   "nominapp: HTTP 401 Unauthorized: You need to sign in or sign up before continuing.",
		},
		{
			name:   "errors key",
			status: 422,
			body:   `{"errors":[{"message":"no existe","code":"0004","object":"plan_id","index":0}]}`,
			items:  []ErrorItem{{Code: "0004", Message: "no existe", Object: "plan_id"}},
		},
		{
			name:   "Rails map of fields to messages",
			status: 422,
			body:   `{"errors":{"plan_id":["no existe","no puede estar en blanco"],"paid_workers":["debe ser mayor que 0"]}}`,
			items: []ErrorItem{
				{Message: "no existe", Object: "plan_id"},
				{Message: "no puede estar en blanco", Object: "plan_id"},
				{Message: "debe ser mayor que 0", Object: "paid_workers"},
			},
			text: "nominapp: HTTP 422 Unprocessable Entity: plan_id: no existe; plan_id: no puede estar en blanco; paid_workers: debe ser mayor que 0",
		},
		{
			name:   "Rails map under error, a string instead of a list",
			status: 422,
			body:   `{"error":{"credit_card":"rechazada"}}`,
			items:  []ErrorItem{{Message: "rechazada", Object: "credit_card"}},
			text:   "nominapp: HTTP 422 Unprocessable Entity: credit_card: rechazada",
		},
		{
			name:   "Rails map keyed by a card number",
			status: 422,
			body:   `{"errors":{"4111111111111111":["no es válido"]}}`,
			items:  []ErrorItem{{Message: "no es válido", Object: "************1111"}},
			text:   "nominapp: HTTP 422 Unprocessable Entity: ************1111: no es válido",
		},
		{
			name:   "Rails map with nothing readable",
			status: 422,
			body:   `{"errors":{"plan_id":[]}}`,
			text:   "nominapp: HTTP 422 Unprocessable Entity",
		},
		{
			name:   "bare message",
			status: 404,
			body:   `{"message":"Not Found"}`,
			items:  []ErrorItem{{Message: "Not Found"}},
		},
		{
			name:   "html from a proxy",
			status: 404,
			body:   `<html><body>404</body></html>`,
			text:   "nominapp: HTTP 404 Not Found",
		},
		{
			name:   "empty body",
			status: 403,
			body:   ``,
			text:   "nominapp: HTTP 403 Forbidden",
		},
		{
			name:   "truncated JSON",
			status: 422,
			body:   `{"error":[{"message":"no puede`,
		},
		{
			name:   "empty list",
			status: 422,
			body:   `{"error":[]}`,
		},
		{
			name:    "list with a 500 is not definite",
			status:  500,
			body:    `{"error":[{"message":"error interno","code":"0500","object":"server","index":0}]}`,
			items:   []ErrorItem{{Code: "0500", Message: "error interno", Object: "server"}},
			unknown: true,
		},
		{
			name:    "502 from the gateway",
			status:  502,
			body:    `<html>Bad Gateway</html>`,
			unknown: true,
		},
		{
			name:    "504 empty",
			status:  504,
			body:    ``,
			unknown: true,
		},
		{
			name:   "error list with a 200",
			status: 200,
			body:   `{"error":[{"message":"La transacción fue rechazada","code":"0701","object":"credit_card","index":0}]}`,
			items:  []ErrorItem{{Code: "0701", Message: "La transacción fue rechazada", Object: "credit_card"}},
			text:   "nominapp: HTTP 200 OK: 0701 credit_card: La transacción fue rechazada",
		},
		{
			name:   "card number echoed back is masked",
			status: 422,
			body:   `{"error":[{"message":"la tarjeta 5368220692926495 no es válida","code":"0010","object":"card_number","index":0}]}`,
			items:  []ErrorItem{{Code: "0010", Message: "la tarjeta ************6495 no es válida", Object: "card_number"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(0))
			mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(tc.status, tc.body))
			mt.RegisterResponder("PUT", payURL, httpmock.NewStringResponder(tc.status, tc.body))

			pay, err := c.Payments.PaySubscription(context.Background(), &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 4, PaymentType: Monthly})
			require.Error(t, err)
			assert.Nil(t, pay)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, tc.items, e.Items)
			assert.NotContains(t, string(e.Body), "5368220692926495")
			assert.NotContains(t, err.Error(), "5368220692926495")
			assert.NotContains(t, fmt.Sprintf("%+v", e), "5368220692926495")
			assert.NotContains(t, fmt.Sprintf("%#v", e), "5368220692926495")
			if tc.text != "" {
				assert.Equal(t, tc.text, e.Error())
			}
			if tc.unknown {
				assert.ErrorIs(t, err, ErrOutcomeUnknown)
			} else {
				assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			}
			if tc.body != "" && tc.body[0] != '{' {
				assert.Equal(t, tc.body, string(e.Body))
			}

			// The same body on the card update (a PUT): the typed error too, never "unknown".
			err = c.Payments.UpdateCard(context.Background(), &CardUpdate{Card: guideCard(), PaymentType: Monthly})
			var e2 *Error
			require.ErrorAs(t, err, &e2)
			assert.Equal(t, tc.status, e2.StatusCode)
			assert.Equal(t, tc.items, e2.Items)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		})
	}
}

func TestErrorCodeHelper(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "", (&Error{}).Code())
	assert.Equal(t, "0002", (&Error{Items: []ErrorItem{{Code: "0002"}, {Code: "0003"}}}).Code())
}

func TestSuccessBodyMentioningErrorIsNotAnError(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201,
		`{"order_id":"1","payment_status":"APPROVED","error":null,"errors":[],"error_message":"none"}`))
	pay, err := c.Payments.PaySubscription(context.Background(), &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 4, PaymentType: Monthly})
	require.NoError(t, err)
	assert.Equal(t, StatusApproved, pay.Status)
}

func TestNotFoundAndDeclines(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name               string
		status             int
		body               string
		notFound, declined bool
	}{
		{"404 list", 404, `{"error":[{"message":"no existe","code":"0404","object":"route","index":0}]}`, true, false},
		{"404 html", 404, `<html>not found</html>`, true, false},
		{"card refused", 422, `{"error":[{"message":"La transacción fue rechazada por la entidad financiera","code":"0701","object":"credit_card","index":0}]}`, false, true},
		{"card refused, capitalised object", 402, `{"error":[{"message":"rechazada","code":"0701","object":"Credit_Card"}]}`, false, true},
		{"blank card is validation", 422, `{"error":[{"message":"no puede estar en blanco","code":"0002","object":"credit_card","index":0}]}`, false, false},
		{"field validation", 422, `{"error":[{"message":"no es válido","code":"0010","object":"security_code","index":0}]}`, false, false},
		{"refused credential", 401, `{"error":[{"message":"sesión inválida","code":"0401","object":"credit_card"}]}`, false, false},
		{"server error", 500, `{"error":[{"message":"rechazada","code":"0701","object":"credit_card"}]}`, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(tc.status, tc.body))
			_, err := c.Payments.PaySubscription(context.Background(), subParams())
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.notFound, errors.Is(err, ErrNotFound))
			assert.Equal(t, tc.declined, e.Declined())
			assert.False(t, e.SoftDecline(), "Nominapp gives no reason with a decline")
		})
	}
	var nilErr *Error
	assert.False(t, nilErr.Declined())
	assert.Empty(t, nilErr.Code())
}

func TestPaymentDecline(t *testing.T) {
	t.Parallel()
	for status, declined := range map[PaymentStatus]bool{StatusApproved: false, StatusPending: false, StatusDeclined: true, "ERROR": false, "": false} {
		p := &Payment{Status: status}
		assert.Equal(t, declined, p.Declined(), status)
		assert.False(t, p.SoftDecline())
	}
	var nilPayment *Payment
	assert.False(t, nilPayment.Declined())
}

// A 2xx naming a payment and carrying an error list is still the error
// it says it is: the one-pass check (isObject) passes only payments
// without error members.
func TestPaymentWithAnErrorMemberIsAnError(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithMaxRetries(0))
	mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(200,
		`{"order_id":"1","payment_status":"DECLINED","error":[{"message":"La transacción fue rechazada","code":"0701","object":"credit_card","index":0}]}`))
	_, err := c.Payments.PaySubscription(context.Background(), &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 4, PaymentType: Monthly})
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "0701", e.Items[0].Code)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

// A payment is read once: isObject accepts the decoded payment, whatever
// its values say, and the transport then runs no error decoder on it
// (transport's TestIsObjectSparesTheSecondReading); anything that is not
// a payment, or carries an error member, goes to decodeError.
func TestIsObject(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]bool{
		`{"order_id":"1","transaction_id":"t","payment_status":"APPROVED"}`:                        true,
		`{"data":{"order_id":"1","payment_status":"APPROVED"}}`:                                    true,
		`{"transaction_id":"t","payment_status":"ERROR","plan_id":"error_free_plan"}`:              true,
		`{"order_id":"1","payment_status":"APPROVED","error":null,"errors":[],"note":"\"error\""}`: true,
		`{"order_id":"1","error":[{"code":"0701"}]}`:                                               false,
		`{"data":{"order_id":"1"},"errors":{"card":"bad"}}`:                                        false,
		`{"error":[{"message":"La transacción fue rechazada","code":"0701"}]}`:                     false,
		`{"payment_status":"APPROVED"}`:                                                            false,
		`{"message":"La tarjeta de crédito ha sido actualizada."}`:                                 false,
	} {
		var e paymentEnvelope
		require.NoError(t, json.Unmarshal([]byte(body), &e))
		assert.Equal(t, want, isObject(&e), body)
	}
	assert.False(t, isObject(&struct{ OrderID string }{"1"}), "another call's answer")
}
