package srpago

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcpu"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
)

// BenchmarkChargesCreate compares Charges.Create with the same request
// made with net/http and encoding/json, against a canned answer. Both
// encrypt the body; the envelope's own cost is reported apart (with the
// 2048-bit test key used here, and with Sr. Pago's 4096-bit key).
func BenchmarkChargesCreate(b *testing.B) {
	canned := []byte(ok(chargeResult))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-App-Request", "bench")
		_, _ = w.Write(canned)
	}))
	defer srv.Close()
	_, pubPEM := testKeyPair()
	pub, _ := envelope.ParsePublicKey([]byte(pubPEM))
	params := &ChargeParams{Source: "crd_4030d0ef", Amount: 12345, Description: "Membresía oro", OrderID: "order-1", IP: "201.141.1.1"}

	b.Run("sdk", func(b *testing.B) {
		c, err := NewClient(testKey, testSecret, WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithPublicKey(pubPEM))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		defer benchcpu.PerOp(b)()
		for i := 0; i < b.N; i++ {
			if _, err := c.Charges.Create(ctx, params); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("raw", func(b *testing.B) {
		hc := srv.Client()
		auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"+testSecret))
		type amount struct {
			Amount   string `json:"amount"`
			Currency string `json:"currency"`
		}
		type result struct {
			Success bool `json:"success"`
			Result  struct {
				Status           bool   `json:"status"`
				AutorizationCode string `json:"autorization_code"`
				Transaction      string `json:"transaction"`
				Recipe           struct {
					Transaction string `json:"transaction"`
					Total       struct {
						Amount wire.Decimal `json:"amount"`
					} `json:"total"`
				} `json:"recipe"`
			} `json:"result"`
		}
		b.ReportAllocs()
		b.ResetTimer()
		defer benchcpu.PerOp(b)()
		for i := 0; i < b.N; i++ {
			plain, _ := json.Marshal(map[string]any{
				"recurrent": params.Source,
				"payment": map[string]any{
					"external":  map[string]string{"transaction": params.OrderID, "application_key": testKey},
					"reference": map[string]string{"number": params.OrderID, "description": params.Description},
					"total":     amount{wire.FormatCents(params.Amount), "MXN"},
					"tip":       amount{"0.00", "MXN"},
					"origin":    map[string]any{"ip": params.IP, "location": map[string]string{"latitude": "0.00000", "longitude": "0.00000"}},
				},
				"total": amount{wire.FormatCents(params.Amount), "MXN"},
			})
			k, d, err := envelope.Seal(pub, plain)
			if err != nil {
				b.Fatal(err)
			}
			body, _ := json.Marshal(map[string]any{"key": k, "data": d, "metadata": map[string]any{}})
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v1/payment/card", bytes.NewReader(body))
			req.Header.Set("Authorization", auth)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", "raw")
			req.Header.Set("X-User-Agent", `{"language":"Go"}`)
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var out result
			err = json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			if err != nil || !out.Success {
				b.Fatal(err)
			}
		}
	})

	plain, _ := json.Marshal(map[string]string{"recurrent": "crd_4030d0ef", "payload": "about 400 bytes of charge JSON in practice"})
	b.Run("envelope-2048", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, _, err := envelope.Seal(pub, plain); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("envelope-4096-srpago-key", func(b *testing.B) {
		real, err := envelope.ParsePublicKey(PublicKeyPEM())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, _, err := envelope.Seal(real, plain); err != nil {
				b.Fatal(err)
			}
		}
	})
}
