package culqi

import (
	"context"
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
	header := http.Header{
		"Authorization": {"Bearer " + testSK}, "Accept": {"application/json"},
		"Content-Type": {"application/json"}, "User-Agent": {"latampay-go/bench"},
	}
	raw := func() error {
		body := chargeBody{Amount: params.Amount, CurrencyCode: params.CurrencyCode, Email: params.Email,
			SourceID: params.SourceID, Description: params.Description, Capture: params.Capture, Metadata: params.Metadata}
		var ch Charge
		return benchcmp.RawPost(ctx, hc, srv.URL+"/v2/charges", header, body, http.StatusCreated, &ch)
	}
	benchcmp.Compare(b, sdk, raw)
}
