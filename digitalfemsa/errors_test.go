package digitalfemsa

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

func TestErrorShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		status  int
		body    string
		typ     string
		logID   string
		details []ErrorDetail
		msg     string
	}{
		{"400 malformed", 400, `{"object":"error","type":"malformed_request_error","log_id":"l400","details":[{"code":"femsa.errors.malformed_request.json","param":null,"message":"JSON inválido","debug_message":"Invalid JSON"}]}`,
			ErrorTypeMalformedRequest, "l400", []ErrorDetail{{Code: "femsa.errors.malformed_request.json", Message: "JSON inválido", DebugMessage: "Invalid JSON"}},
			"digitalfemsa: HTTP 400 malformed_request_error: Invalid JSON (code femsa.errors.malformed_request.json) [log_id l400]"},
		{"401 auth", 401, `{"object":"error","type":"authentication_error","log_id":null,"details":[{"code":"femsa.errors.authentication.missing_key","message":"Acceso no autorizado.","debug_message":"Please include your access key in your request."}]}`,
			ErrorTypeAuthentication, "", []ErrorDetail{{Code: "femsa.errors.authentication.missing_key", Message: "Acceso no autorizado.", DebugMessage: "Please include your access key in your request."}},
			"digitalfemsa: HTTP 401 authentication_error: Please include your access key in your request. (code femsa.errors.authentication.missing_key)"},
		{"402 processing", 402, `{"object":"error","type":"processing_error","log_id":"l402","details":[{"code":"femsa.errors.processing.order.used","message":"m","debug_message":"The order has already been used."}]}`,
			ErrorTypeProcessing, "l402", []ErrorDetail{{Code: "femsa.errors.processing.order.used", Message: "m", DebugMessage: "The order has already been used."}}, ""},
		{"403 processing (sic)", 403, `{"object":"error","type":"processing_error","log_id":"l403","details":[{"code":"femsa.errors.forbidden.authentication.invalid_whitelist_access","message":"m","debug_message":"d"}]}`,
			ErrorTypeProcessing, "l403", []ErrorDetail{{Code: "femsa.errors.forbidden.authentication.invalid_whitelist_access", Message: "m", DebugMessage: "d"}}, ""},
		{"404 not found", 404, `{"object":"error","type":"resource_not_found_error","log_id":"l404","details":[{"code":"femsa.errors.resource_not_found.entity","param":null,"message":"m","debug_message":"d"}]}`,
			ErrorTypeResourceNotFound, "l404", []ErrorDetail{{Code: "femsa.errors.resource_not_found.entity", Message: "m", DebugMessage: "d"}}, ""},
		{"409 conflict", 409, `{"object":"error","type":"conflict_error","details":[{"code":"femsa.errors.conflict","message":"m","debug_message":"d"}]}`,
			ErrorTypeConflict, "", []ErrorDetail{{Code: "femsa.errors.conflict", Message: "m", DebugMessage: "d"}}, ""},
		{"422 whitelist", 422, `{"object":"error","type":"parameter_validation_error","log_id":"l422","details":[{"code":"femsa.errors.parameter_validation.whitelist","param":"nickname","message":"m","debug_message":"The parameter nickname is not allowed."}]}`,
			ErrorTypeParameterValidation, "l422", []ErrorDetail{{Code: "femsa.errors.parameter_validation.whitelist", Param: "nickname", Message: "m", DebugMessage: "The parameter nickname is not allowed."}},
			"digitalfemsa: HTTP 422 parameter_validation_error: The parameter nickname is not allowed. (code femsa.errors.parameter_validation.whitelist, param nickname) [log_id l422]"},
		{"422 conekta prefix", 422, `{"object":"error","type":"parameter_validation_error","log_id":"c1","details":[{"code":"conekta.errors.parameter_validation.allowed_payout_methods.missing","param":"allowed_payout_methods","message":"m","debug_message":"d"}]}`,
			ErrorTypeParameterValidation, "c1", []ErrorDetail{{Code: "conekta.errors.parameter_validation.allowed_payout_methods.missing", Param: "allowed_payout_methods", Message: "m", DebugMessage: "d"}}, ""},
		{"428 precondition", 428, `{"object":"error","type":"precondition_required_error","log_id":"l428","details":[{"code":"femsa.errors.precondition_required.combo.order.cannot_be_updated_because_has_charge","message":"m","debug_message":"d"}]}`,
			ErrorTypePreconditionRequired, "l428", []ErrorDetail{{Code: "femsa.errors.precondition_required.combo.order.cannot_be_updated_because_has_charge", Message: "m", DebugMessage: "d"}}, ""},
		{"several details", 422, `{"object":"error","type":"parameter_validation_error","details":[{"code":"a","message":"one"},{"code":"b","message":"two"}]}`,
			ErrorTypeParameterValidation, "", []ErrorDetail{{Code: "a", Message: "one"}, {Code: "b", Message: "two"}},
			"digitalfemsa: HTTP 422 parameter_validation_error: one (code a); two (code b)"},
		{"html page", 404, `<html><body>Not Found</body></html>`, "", "", nil, "digitalfemsa: HTTP 404"},
		{"empty body", 403, ``, "", "", nil, "digitalfemsa: HTTP 403"},
		{"truncated json", 422, `{"object":"error","type":"parameter_valid`, "", "", nil, "digitalfemsa: HTTP 422"},
		{"unrelated json", 400, `{"foo":1}`, "", "", nil, "digitalfemsa: HTTP 400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			rec := respond(mt, "GET", "/customers/cus_1", tt.status, tt.body)
			_, err := c.Customers.Get(ctx, "cus_1")
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.body, string(e.Body))
			assert.Equal(t, tt.typ, e.Type)
			assert.Equal(t, tt.logID, e.LogID)
			assert.Equal(t, tt.details, e.Details)
			if tt.msg != "" {
				assert.Equal(t, tt.msg, e.Error())
			}
			assert.False(t, errors.Is(err, ErrOutcomeUnknown))
			assert.Equal(t, 1, rec.Count(), "4xx are not retried")
		})
	}
}

func TestErrorHasCodeAndData(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "POST", "/orders", 402, `{"object":"error","type":"processing_error","log_id":"x","details":[{"code":"femsa.errors.processing.charge.declined","message":"m","debug_message":"Card 4111111111111111 declined"}],"data":{"id":"ord_1","card":"4111111111111111"}}`)
	_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "cus_1"}, LineItems: []LineItem{{Name: "a", UnitPrice: 1, Quantity: 1}}})
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.True(t, e.HasCode("femsa.errors.processing.charge.declined"))
	assert.False(t, e.HasCode("other"))
	assert.NotContains(t, e.Error(), "4111111111111111")
	assert.NotContains(t, string(e.Data), "4111111111111111")
	assert.NotContains(t, string(e.Body), "4111111111111111")
	assert.NotContains(t, fmt.Sprintf("%+v", err), "4111111111111111")
	assert.Contains(t, string(e.Data), `"ord_1"`)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "a 402 names a definite outcome")
}

func TestGatewayErrorOnGetIsTypedAfterRetries(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/events/e1", 502, `<html>502 Bad Gateway</html>`)
	_, err := c.Events.Get(ctx, "e1")
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 502, e.StatusCode)
	assert.Empty(t, e.Type)
	assert.Equal(t, 3, rec.Count())
}

func TestMalformedSuccessBody(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", "/customers/cus_1", 200, `<html>oops</html>`)
	_, err := c.Customers.Get(ctx, "cus_1")
	assert.ErrorIs(t, err, ErrMalformedResponse)

	respond(mt, "POST", "/payout_orders", 200, `{"id":`)
	_, err = c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r"})
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "an unreadable 200 on a payout may have succeeded")
}

func TestErrorMasksEveryField(t *testing.T) {
	t.Parallel()
	decode := func(status int, body string) *Error {
		err, _ := decodeError(&transport.Response{StatusCode: status, Body: []byte(body)})
		var e *Error
		require.ErrorAs(t, err, &e)
		return e
	}

	plain := `{"id":"ord_1","amount":2000,"meta":{"b":1,"a":[true,null]}}`
	e := decode(402, `{"type":"processing_error","data":`+plain+`}`)
	assert.Equal(t, plain, string(e.Data), "a Data without card numbers is kept byte for byte")

	e = decode(402, `{"type":"4111111111111111","log_id":"4111111111111111","details":[{"code":"4111111111111111","param":"4111111111111111"}],`+
		`"data":{"escaped":"\u0034111111111111111","number":4111111111111111,"4111111111111111":"<b>"}}`)
	assert.Equal(t, "************1111", e.Type)
	assert.Equal(t, "************1111", e.LogID)
	assert.Equal(t, "************1111", e.Details[0].Code)
	assert.Equal(t, "************1111", e.Details[0].Param)
	assert.JSONEq(t, `{"escaped":"************1111","number":"************1111","************1111":"<b>"}`, string(e.Data))
	assert.Contains(t, string(e.Data), `"<b>"`, "no HTML escaping")

	e = decode(402, `{"type":"processing_error","data":{"a":1}{"b":2}}`)
	assert.Nil(t, e.Data, "invalid JSON is no Data")

	// "HTTP 422 " and a numeric type join into a Luhn-valid run.
	e = decode(422, `{"type":"111111114","details":[{"code":"x"}]}`)
	assert.Equal(t, card.MaskPANs(e.Error()), e.Error())
	assert.NotContains(t, e.Error(), "422 111111114")
}

// errors.Is(err, ErrNotFound) holds for DigitalFemsa's not-found answers
// only; Declined and SoftDecline read the error's type, status and codes.
func TestErrorClassification(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name                      string
		status                    int
		body                      string
		notFound, declined, retry bool
	}{
		{"404 resource_not_found_error", 404, `{"object":"error","type":"resource_not_found_error","details":[]}`, true, false, false},
		{"404 html", 404, `<html>Not Found</html>`, true, false, false},
		{"422", 422, `{"object":"error","type":"parameter_validation_error","details":[]}`, false, false, false},
		{"402 hard decline", 402, `{"object":"error","type":"processing_error","details":[{"code":"femsa.errors.processing.charge.declined"}]}`, false, true, false},
		{"402 insufficient funds", 402, `{"object":"error","type":"processing_error","details":[{"code":"conekta.errors.processing.charge.card_payment.insufficient_funds"}]}`, false, true, true},
		{"402 try again", 402, `{"object":"error","type":"processing_error","details":[{"code":"femsa.errors.processing.try_again"}]}`, false, true, true},
		{"403 whitelist is no decline", 403, `{"object":"error","type":"processing_error","details":[{"code":"femsa.errors.forbidden.insufficient_funds"}]}`, false, false, false},
		{"401", 401, `{"object":"error","type":"authentication_error","details":[]}`, false, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			respond(mt, "GET", "/customers/cus_1", tt.status, tt.body)
			_, err := c.Customers.Get(ctx, "cus_1")
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.notFound, errors.Is(err, ErrNotFound))
			assert.Equal(t, tt.declined, e.Declined())
			assert.Equal(t, tt.retry, e.SoftDecline())
		})
	}
}

// A 504 on a money-moving call holds both an unknown outcome and a *Error:
// the *OutcomeUnknownError names the call.
func TestOutcomeUnknownErrorFields(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "PUT", "/payout_orders/po_1/cancel", 504, `{"object":"error","type":"api_error","details":[]}`)
	before := time.Now()
	_, err := c.PayoutOrders.Cancel(ctx, "po_1")
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var u *OutcomeUnknownError
	require.ErrorAs(t, err, &u)
	assert.Equal(t, "payout_orders.cancel", u.Operation)
	assert.False(t, u.SentAt.Before(before.Add(-time.Second)))
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 504, e.StatusCode)
	assert.False(t, errors.Is(err, ErrNotFound))
}

func TestOpsPathIDs(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for _, bad := range []string{"", ".", ".."} {
		_, err := c.Orders.Capture(ctx, bad, &OrderCaptureParams{Amount: 100})
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Charges.Create(ctx, bad, &OrderChargeParams{Type: PaymentMethodCash})
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Orders.CancelRefund(ctx, "ord_1", bad)
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Orders.CancelRefund(ctx, bad, "rf_1")
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Orders.Cancel(ctx, bad)
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.PaymentSources.Delete(ctx, "cus_1", bad)
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Events.Resend(ctx, bad, "webhl_1")
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
	}
	var pe *transport.ParamError
	_, err := c.Orders.CancelRefund(ctx, "ord_1", "..")
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "RefundID", pe.Field)
	assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")

	rec := respond(mt, "GET", "/checkouts/a%2Fb", 200, checkoutJSON)
	_, err = c.Checkouts.Get(ctx, "a/b")
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Equal(t, "/checkouts/a%2Fb", req.URL.EscapedPath())
}

// A 2xx that carries DigitalFemsa's error object is an *Error; on a payout
// order it leaves the outcome unknown unless the error type names a definite
// one.
func TestSuccessStatusCarryingError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		status   int
		body     string
		wantType string
		// definite: the error type says what happened, so a payout order
		// that got it is known not to exist.
		definite bool
	}{
		{"200 api_error", 200, `{"object":"error","type":"api_error","log_id":"l1","details":[{"code":"femsa.errors.api.system.general_failure","message":"m","debug_message":"d"}]}`,
			ErrorTypeAPI, false},
		{"201 api_error", 201, `{"object":"error","type":"api_error","details":[]}`, ErrorTypeAPI, false},
		{"200 unknown type", 200, `{"object":"error","type":"gateway_hiccup_error"}`, "gateway_hiccup_error", false},
		{"200 no type", 200, `{"object":"error"}`, "", false},
		{"200 odd field shape", 200, `{"object":"error","type":"processing_error","details":"not a list"}`, "", false},
		{"200 parameter_validation_error", 200, `{"object":"error","type":"parameter_validation_error","details":[{"code":"c","param":"reason","message":"m","debug_message":"d"}]}`,
			ErrorTypeParameterValidation, true},
		{"200 processing_error", 200, `{"object":"error","type":"processing_error","details":[{"code":"femsa.errors.processing.order.used","message":"m","debug_message":"d"}]}`,
			ErrorTypeProcessing, true},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/payout create", func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			rec := respond(mt, "POST", "/payout_orders", tt.status, tt.body)
			po, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r"})
			assert.Nil(t, po)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.wantType, e.Type)
			assert.Equal(t, tt.body, string(e.Body))
			assert.Equal(t, !tt.definite, errors.Is(err, ErrOutcomeUnknown), "%v", err)
			assert.Equal(t, 1, rec.Count())
		})
		t.Run(tt.name+"/customer get", func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			respond(mt, "GET", "/customers/cus_1", tt.status, tt.body)
			cus, err := c.Customers.Get(ctx, "cus_1")
			assert.Nil(t, cus)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.wantType, e.Type)
			assert.False(t, errors.Is(err, ErrOutcomeUnknown), "a lookup moves nothing")
		})
	}
}

// decodeError's verdict: only DigitalFemsa's own error object, below 500
// and not a 408, names a definite outcome; a 2xx is success unless it
// carries the error object.
func TestDecodeErrorDefinite(t *testing.T) {
	t.Parallel()
	dfError := func(typ string) string {
		return `{"object":"error","type":"` + typ + `","details":[{"code":"c","message":"m","debug_message":"d"}]}`
	}
	tests := []struct {
		name         string
		status       int
		body         string
		wantErr      bool
		wantDefinite bool
	}{
		{"422 validation", 422, dfError(ErrorTypeParameterValidation), true, true},
		{"402 processing", 402, dfError(ErrorTypeProcessing), true, true},
		{"404 details only", 404, `{"details":[{"code":"femsa.errors.resource_not_found.entity"}]}`, true, true},
		{"408 DigitalFemsa error", 408, dfError(ErrorTypeMalformedRequest), true, false},
		{"408 proxy page", 408, `<html>Request Timeout</html>`, true, false},
		{"404 proxy page", 404, `<html>Not Found</html>`, true, false},
		{"400 unrelated JSON", 400, `{"foo":1}`, true, false},
		{"403 empty body", 403, ``, true, false},
		{"500 api_error", 500, dfError(ErrorTypeAPI), true, false},
		{"500 validation type", 500, dfError(ErrorTypeParameterValidation), true, false},
		{"503 proxy page", 503, `<html>down</html>`, true, false},
		{"200 api_error", 200, dfError(ErrorTypeAPI), true, false},
		{"200 conflict", 200, dfError(ErrorTypeConflict), true, true},
		{"200 conflict misspelled", 200, dfError("conlict_error"), true, true},
		{"200 unknown type", 200, dfError("new_error"), true, false},
		{"200 escaped error object", 200, `{"object":"\u0065rror","type":"api_error"}`, true, false},
		{"200 resource mentioning error", 200, `{"id":"ord_1","object":"order","failure_message":"error"}`, false, true},
		{"200 resource", 200, payoutOrderJSON, false, true},
		{"200 empty object", 200, `{}`, false, true},
		{"200 null", 200, `null`, false, true},
		{"200 type without object", 200, `{"id":"x","type":"card"}`, false, true},
		{"204 empty", 204, ``, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err, definite := decodeError(&transport.Response{StatusCode: tt.status, Body: []byte(tt.body), Header: http.Header{}})
			if !tt.wantErr {
				assert.NoError(t, err)
				return
			}
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.wantDefinite, definite)
		})
	}
}
