package culqi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
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

	c, err := NewClient(testSK, WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
	if err != nil {
		b.Fatal(err)
	}
	sdk := func() error {
		_, err := c.Charges.Create(ctx, params)
		return err
	}

	hc := srv.Client()
	raw := func() error {
		body, err := json.Marshal(chargeBody{Amount: params.Amount, CurrencyCode: params.CurrencyCode, Email: params.Email,
			SourceID: params.SourceID, Description: params.Description, Capture: params.Capture, Metadata: params.Metadata})
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v2/charges", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+testSK)
		req.Header.Set("Accept", "application/json")
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
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		var ch Charge
		return json.Unmarshal(data, &ch)
	}
	benchcmp.Compare(b, sdk, raw)
}
