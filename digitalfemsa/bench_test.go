package digitalfemsa

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
)

// BenchmarkPayoutOrdersCreate compares the SDK with the same request done by
// hand with net/http and encoding/json (same headers, body and decoding).
func BenchmarkPayoutOrdersCreate(b *testing.B) {
	body := []byte(payoutOrderJSON)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/vnd.app-v2.1.0+json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	hc := srv.Client()
	params := &PayoutOrderParams{Amount: 3000, CustomerID: "cus_2oAokFrKM7CyVxGJm", Reason: "Retiro de saldo",
		Metadata: map[string]string{"custom_client_id": "12345"}}

	c, err := NewClient(testKey, WithBaseURL(srv.URL), WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	sdk := func() error {
		_, err := c.PayoutOrders.Create(ctx, params)
		return err
	}

	header := http.Header{
		"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"))},
		"Accept":        {AcceptVersion}, "Content-Type": {"application/json"}, "User-Agent": {"latampay-go/bench"},
	}
	type payoutReq struct {
		Currency             string            `json:"currency"`
		Amount               int64             `json:"amount"`
		CustomerInfo         map[string]string `json:"customer_info"`
		AllowedPayoutMethods []string          `json:"allowed_payout_methods"`
		Reason               string            `json:"reason"`
		Payout               map[string]any    `json:"payout"`
		Metadata             map[string]string `json:"metadata,omitempty"`
	}
	raw := func() error {
		body := payoutReq{Currency: "MXN", Amount: params.Amount, CustomerInfo: map[string]string{"customer_id": params.CustomerID},
			AllowedPayoutMethods: []string{"cashout"}, Reason: params.Reason,
			Payout: map[string]any{"payout_method": map[string]string{"type": "cashout"}}, Metadata: params.Metadata}
		var po PayoutOrder
		return benchcmp.RawPost(ctx, hc, srv.URL+"/payout_orders", header, body, http.StatusOK, &po)
	}
	benchcmp.Compare(b, sdk, raw)
}
