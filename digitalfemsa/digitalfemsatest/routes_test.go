package digitalfemsatest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// TestRoutePatterns pins the fake's route patterns, the names
// Server.Handled counts requests under: each route answers, and a request
// to it counts once under its pattern. A resource moved onto a
// declaration keeps them, so a user's Handled checks keep counting.
func TestRoutePatterns(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close)
	patterns := []string{
		"DELETE /customers/{id}",
		"DELETE /orders/{id}/discount_lines/{discount_lines_id}",
		"DELETE /orders/{id}/line_items/{line_id}",
		"DELETE /orders/{id}/refunds/{refund_id}",
		"DELETE /orders/{id}/shipping_lines/{shipping_id}",
		"DELETE /orders/{id}/tax_lines/{tax_id}",
		"DELETE /webhook_keys/{id}",
		"DELETE /webhooks/{id}",
		"GET /balance",
		"GET /charges",
		"GET /checkouts",
		"GET /checkouts/{id}",
		"GET /customers",
		"GET /customers/{id}",
		"GET /events",
		"GET /events/{id}",
		"GET /logs",
		"GET /logs/{id}",
		"GET /orders",
		"GET /orders/{id}",
		"GET /payout_orders",
		"GET /payout_orders/{id}",
		"GET /transactions",
		"GET /transactions/{id}",
		"GET /transfers",
		"GET /transfers/{id}",
		"GET /webhook_keys",
		"GET /webhook_keys/{id}",
		"GET /webhooks",
		"GET /webhooks/{id}",
		"POST /checkouts",
		"POST /checkouts/{id}/email",
		"POST /customers",
		"POST /events/{event_id}/webhook_logs/{log_id}/resend",
		"POST /orders",
		"POST /orders/{id}/cancel",
		"POST /orders/{id}/capture",
		"POST /orders/{id}/charges",
		"POST /orders/{id}/discount_lines",
		"POST /orders/{id}/line_items",
		"POST /orders/{id}/refunds",
		"POST /orders/{id}/shipping_lines",
		"POST /orders/{id}/tax_lines",
		"POST /payout_orders",
		"POST /webhook_keys",
		"POST /webhooks",
		"POST /webhooks/{id}/test",
		"PUT /charges/{id}",
		"PUT /checkouts/{id}/cancel",
		"PUT /customers/{id}",
		"PUT /orders/{id}",
		"PUT /orders/{id}/discount_lines/{discount_lines_id}",
		"PUT /orders/{id}/line_items/{line_id}",
		"PUT /orders/{id}/shipping_lines/{shipping_id}",
		"PUT /orders/{id}/tax_lines/{tax_id}",
		"PUT /payout_orders/{id}/cancel",
		"PUT /webhook_keys/{id}",
		"PUT /webhooks/{id}",
		"DELETE /customers/{id}/payment_sources/{source_id}",
		"DELETE /customers/{id}/shipping_contacts/{contact_id}",
		"GET /customers/{id}/payment_sources",
		"GET /orders/{id}/discount_lines",
		"GET /orders/{id}/discount_lines/{discount_lines_id}",
		"POST /customers/{id}/fiscal_entities",
		"POST /customers/{id}/payment_sources",
		"POST /customers/{id}/shipping_contacts",
		"PUT /customers/{id}/fiscal_entities/{fiscal_id}",
		"PUT /customers/{id}/payment_sources/{source_id}",
		"PUT /customers/{id}/shipping_contacts/{contact_id}",
	}
	for _, p := range patterns {
		method, path, _ := strings.Cut(p, " ")
		segs := strings.Split(path, "/")
		for i, s := range segs {
			if strings.HasPrefix(s, "{") {
				segs[i] = "x"
			}
		}
		req, err := http.NewRequest(method, srv.URL+strings.Join(segs, "/"), strings.NewReader("{}"))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+digitalfemsatest.PrivateKey)
		resp, err := srv.HTTPClient().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, 1, srv.Handled(p), p)
	}
	assert.Zero(t, srv.Handled("GET /customers/{customer}"), "a pattern never registered counts nothing")
}
