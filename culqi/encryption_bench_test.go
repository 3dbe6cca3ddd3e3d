package culqi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkChargesCreateEncryption measures what WithRSAEncryption adds to
// a charge: the same Charges.Create against the same local server, plain
// and encrypted for a 1024-bit key (the size Culqi issues) and a 2048-bit
// one. BenchmarkSealBody isolates the encoder.
func BenchmarkChargesCreateEncryption(b *testing.B) {
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
	for _, tc := range []struct {
		name string
		bits int
	}{{"plain", 0}, {"rsa1024", 1024}, {"rsa2048", 2048}} {
		b.Run(tc.name, func(b *testing.B) {
			opts := []Option{WithBaseURL(srv.URL), WithHTTPClient(srv.Client())}
			if tc.bits > 0 {
				opts = append(opts, WithRSAEncryption(testRSAID, pkixPEM(b, &testRSAKey(b, tc.bits).PublicKey)))
			}
			c, err := NewClient(testSK, opts...)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Charges.Create(ctx, params); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSealBody is the encoder alone, on a charge body.
func BenchmarkSealBody(b *testing.B) {
	plain := []byte(`{"amount":1000,"currency_code":"PEN","email":"richard@piedpiper.com","source_id":"tkn_test_cQLnnGuahVeZOr9P","description":"Venta de prueba","capture":true,"metadata":{"order_id":"0001"}}`)
	for _, bits := range []int{1024, 2048} {
		b.Run(map[int]string{1024: "rsa1024", 2048: "rsa2048"}[bits], func(b *testing.B) {
			enc, err := newRSAEncryption(testRSAID, pkixPEM(b, &testRSAKey(b, bits).PublicKey))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := enc.seal(plain); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
