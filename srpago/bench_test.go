package srpago

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
)

// BenchmarkChargesCreate compares Charges.Create with the same request
// made with net/http and encoding/json, against a canned answer. Both
// encrypt the body with a 2048-bit test key; BenchmarkEnvelope reports the
// encryption's own cost.
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

	c, err := NewClient(testKey, testSecret, WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithPublicKey(pubPEM))
	if err != nil {
		b.Fatal(err)
	}
	sdk := func() error {
		_, err := c.Charges.Create(ctx, params)
		return err
	}

	hc := srv.Client()
	header := http.Header{
		"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"+testSecret))},
		"Content-Type":  {"application/json"}, "Accept": {"application/json"},
		"User-Agent": {"latampay-go/bench"}, "X-User-Agent": {`{"language":"Go"}`},
	}
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
	raw := func() error {
		plain, err := json.Marshal(map[string]any{
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
		if err != nil {
			return err
		}
		k, d, err := envelope.Seal(pub, plain)
		if err != nil {
			return err
		}
		var out result
		sealed := map[string]any{"key": k, "data": d, "metadata": map[string]any{}}
		if err := benchcmp.RawPost(ctx, hc, srv.URL+"/v1/payment/card", header, sealed, http.StatusOK, &out); err != nil {
			return err
		}
		if !out.Success {
			return errors.New("not successful")
		}
		return nil
	}
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkEnvelope is the cost of Sr. Pago's body encryption alone, with
// the 2048-bit key of the benchmarks and fakes and with Sr. Pago's own
// 4096-bit key.
func BenchmarkEnvelope(b *testing.B) {
	_, pubPEM := testKeyPair()
	pub, _ := envelope.ParsePublicKey([]byte(pubPEM))
	plain, _ := json.Marshal(map[string]string{"recurrent": "crd_4030d0ef", "payload": "about 400 bytes of charge JSON in practice"})
	b.Run("2048-test-key", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, _, err := envelope.Seal(pub, plain); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("4096-srpago-key", func(b *testing.B) {
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
