package digitalfemsa

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcpu"
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

	b.Run("sdk", func(b *testing.B) {
		c, err := NewClient(testKey, WithBaseURL(srv.URL), WithHTTPClient(hc))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		defer benchcpu.PerOp(b)()
		for i := 0; i < b.N; i++ {
			po, err := c.PayoutOrders.Create(ctx, params)
			if err != nil || po.Reference == "" {
				b.Fatal(err)
			}
		}
	})

	b.Run("raw", func(b *testing.B) {
		auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"))
		type payoutReq struct {
			Currency             string            `json:"currency"`
			Amount               int64             `json:"amount"`
			CustomerInfo         map[string]string `json:"customer_info"`
			AllowedPayoutMethods []string          `json:"allowed_payout_methods"`
			Reason               string            `json:"reason"`
			Payout               map[string]any    `json:"payout"`
			Metadata             map[string]string `json:"metadata,omitempty"`
		}
		b.ReportAllocs()
		b.ResetTimer()
		defer benchcpu.PerOp(b)()
		for i := 0; i < b.N; i++ {
			reqBody, err := json.Marshal(payoutReq{Currency: "MXN", Amount: params.Amount, CustomerInfo: map[string]string{"customer_id": params.CustomerID},
				AllowedPayoutMethods: []string{"cashout"}, Reason: params.Reason,
				Payout: map[string]any{"payout_method": map[string]string{"type": "cashout"}}, Metadata: params.Metadata})
			if err != nil {
				b.Fatal(err)
			}
			req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/payout_orders", bytes.NewReader(reqBody))
			req.Header.Set("Authorization", auth)
			req.Header.Set("Accept", AcceptVersion)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("User-Agent", "raw/1.0")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Fatal(err, resp.StatusCode)
			}
			var po PayoutOrder
			if err := json.Unmarshal(data, &po); err != nil || po.Reference == "" {
				b.Fatal(err)
			}
		}
	})
}
