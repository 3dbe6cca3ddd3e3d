package digitalfemsa

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
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
	raw := func() error {
		reqBody, err := json.Marshal(payoutReq{Currency: "MXN", Amount: params.Amount, CustomerInfo: map[string]string{"customer_id": params.CustomerID},
			AllowedPayoutMethods: []string{"cashout"}, Reason: params.Reason,
			Payout: map[string]any{"payout_method": map[string]string{"type": "cashout"}}, Metadata: params.Metadata})
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, "POST", srv.URL+"/payout_orders", bytes.NewReader(reqBody))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", auth)
		req.Header.Set("Accept", AcceptVersion)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "latampay-go/bench")
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		var po PayoutOrder
		return json.Unmarshal(data, &po)
	}
	benchcmp.Compare(b, sdk, raw)
}
