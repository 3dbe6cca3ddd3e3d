package culqi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcpu"
)

// BenchmarkChargesCreate compares Charges.Create with the same request made
// with plain net/http and encoding/json: same headers, same body, same
// decode into a Charge.
func BenchmarkChargesCreate(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Culqi-Tracking-Id", "1")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, chargeJSON)
	}))
	defer srv.Close()
	ctx := context.Background()
	capture := true
	params := &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "richard@piedpiper.com",
		SourceID: "tkn_test_cQLnnGuahVeZOr9P", Description: "Venta de prueba", Capture: &capture,
		Metadata: map[string]string{"order_id": "0001"}}

	b.Run("sdk", func(b *testing.B) {
		c, err := NewClient(testSK, WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithMaxRetries(0))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		defer benchcpu.PerOp(b)()
		for range b.N {
			if _, err := c.Charges.Create(ctx, params); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("raw", func(b *testing.B) {
		hc := srv.Client()
		b.ReportAllocs()
		b.ResetTimer()
		defer benchcpu.PerOp(b)()
		for range b.N {
			body, err := json.Marshal(chargeBody{Amount: params.Amount, CurrencyCode: params.CurrencyCode, Email: params.Email,
				SourceID: params.SourceID, Description: params.Description, Capture: params.Capture, Metadata: params.Metadata})
			if err != nil {
				b.Fatal(err)
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v2/charges", bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+testSK)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("User-Agent", "latampay-go/bench")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusCreated {
				b.Fatal(resp.StatusCode, err)
			}
			var ch Charge
			if err := json.Unmarshal(raw, &ch); err != nil {
				b.Fatal(err)
			}
		}
	})
}
