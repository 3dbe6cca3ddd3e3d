package digitalfemsa

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

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

// A 408 on a payout order, whoever sends it, leaves the outcome unknown; a
// DigitalFemsa 422 does not.
func TestPayoutOrderStatusOutcome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		status      int
		body        string
		wantUnknown bool
	}{
		{"408 proxy page", 408, `<html><body>408 Request Time-out</body></html>`, true},
		{"408 DigitalFemsa error", 408, `{"object":"error","type":"malformed_request_error","details":[{"code":"c","message":"m"}]}`, true},
		{"422 DigitalFemsa error", 422, `{"object":"error","type":"parameter_validation_error","details":[{"code":"c","param":"reason","message":"m"}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			rec := respond(mt, "POST", "/payout_orders", tt.status, tt.body)
			_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r"})
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.wantUnknown, errors.Is(err, ErrOutcomeUnknown), "%v", err)
			assert.Equal(t, 1, rec.Count(), "never repeated")
		})
	}
}

// A 2xx whose body is no object with an id is malformed, whatever the call;
// a call that is never repeated cannot tell whether it took effect.
func TestObjectWithoutIDIsMalformed(t *testing.T) {
	t.Parallel()
	items := []LineItem{{Name: "a", UnitPrice: 100, Quantity: 1}}
	on := true
	calls := []struct {
		route string
		// sentOnce: a POST or a money-moving call, never repeated.
		sentOnce bool
		call     func(c *Client) (any, error)
	}{
		{"POST /customers", true, func(c *Client) (any, error) {
			return c.Customers.Create(ctx, &CustomerParams{Name: "a", Email: "a@example.mx"})
		}},
		{"GET /customers/cus_1", false, func(c *Client) (any, error) { return c.Customers.Get(ctx, "cus_1") }},
		{"PUT /customers/cus_1", false, func(c *Client) (any, error) {
			return c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{Name: "b"})
		}},
		{"DELETE /customers/cus_1", false, func(c *Client) (any, error) { return c.Customers.Delete(ctx, "cus_1") }},
		{"POST /payout_orders", true, func(c *Client) (any, error) {
			return c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r"})
		}},
		{"GET /payout_orders/po_1", false, func(c *Client) (any, error) { return c.PayoutOrders.Get(ctx, "po_1") }},
		{"PUT /payout_orders/po_1/cancel", true, func(c *Client) (any, error) { return c.PayoutOrders.Cancel(ctx, "po_1") }},
		{"POST /orders", true, func(c *Client) (any, error) {
			return c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "cus_1"}, LineItems: items})
		}},
		{"GET /orders/ord_1", false, func(c *Client) (any, error) { return c.Orders.Get(ctx, "ord_1") }},
		{"PUT /orders/ord_1", false, func(c *Client) (any, error) {
			return c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{Metadata: map[string]string{"a": "b"}})
		}},
		{"POST /orders/ord_1/refunds", true, func(c *Client) (any, error) {
			return c.Orders.Refund(ctx, "ord_1", &RefundParams{Amount: 100, Reason: RefundOther})
		}},
		{"POST /webhook_keys", true, func(c *Client) (any, error) { return c.WebhookKeys.Create(ctx, &WebhookKeyParams{}) }},
		{"GET /webhook_keys/wk_1", false, func(c *Client) (any, error) { return c.WebhookKeys.Get(ctx, "wk_1") }},
		{"PUT /webhook_keys/wk_1", false, func(c *Client) (any, error) { return c.WebhookKeys.Update(ctx, "wk_1", &WebhookKeyParams{Active: &on}) }},
		{"DELETE /webhook_keys/wk_1", false, func(c *Client) (any, error) { return c.WebhookKeys.Delete(ctx, "wk_1") }},
		{"GET /events/ev_1", false, func(c *Client) (any, error) { return c.Events.Get(ctx, "ev_1") }},
	}
	bodies := map[string]string{
		"empty object": `{}`,
		"null":         `null`,
		"no id":        `{"object":"payout_order","status":"pending","amount":3000}`,
		"empty id":     `{"id":"","object":"order"}`,
	}
	for _, cl := range calls {
		for name, body := range bodies {
			t.Run(cl.route+"/"+name, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				method, path, _ := cut(cl.route)
				rec := respond(mt, method, path, 200, body)
				got, err := cl.call(c)
				assert.Nil(t, got)
				require.ErrorIs(t, err, ErrMalformedResponse)
				var me *transport.MalformedResponseError
				require.ErrorAs(t, err, &me)
				assert.Equal(t, 200, me.StatusCode)
				assert.Equal(t, cl.sentOnce, errors.Is(err, ErrOutcomeUnknown), "%v", err)
				assert.Equal(t, 1, rec.Count())
			})
		}
	}
}
