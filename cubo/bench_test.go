package cubo

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/latampay/latampay-go/internal/benchcpu"
)

// BenchmarkTransactionsCreate compares Transactions.Create with the same
// request done with plain net/http and encoding/json.
func BenchmarkTransactionsCreate(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, approved)
	}))
	defer srv.Close()
	ctx := context.Background()
	params := &PaymentParams{
		ClientName: "John Doe", ClientEmail: "john@example.com", ClientPhone: "+50322577777",
		Description: "Test API", Amount: 100,
		Card: Card{Number: "4000000000000416", CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "John Doe"},
	}

	b.Run("sdk", func(b *testing.B) {
		c, err := NewClient("bench_key", WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		defer benchcpu.PerOp(b)()
		for i := 0; i < b.N; i++ {
			tx, err := c.Transactions.Create(ctx, params)
			if err != nil || tx.Status != StatusSucceeded {
				b.Fatal(err)
			}
		}
	})

	b.Run("raw", func(b *testing.B) {
		hc := srv.Client()
		hc.Timeout = DefaultTimeout
		url := srv.URL + "/api/v1/transactions"
		type rawBody struct {
			ClientName  string `json:"clientName,omitempty"`
			ClientEmail string `json:"clientEmail,omitempty"`
			ClientPhone string `json:"clientPhone,omitempty"`
			Description string `json:"description,omitempty"`
			Amount      int64  `json:"amount"`
			CardHolder  string `json:"cardHolder"`
			CardNumber  string `json:"cardNumber"`
			CVV         string `json:"cvv"`
			Month       string `json:"month"`
			Year        string `json:"year"`
		}
		type rawTx struct {
			Status            string    `json:"status"`
			ReferenceID       string    `json:"referenceId"`
			AuthorizationCode string    `json:"authorizationCode"`
			ProcessedAt       time.Time `json:"processedAt"`
		}
		b.ReportAllocs()
		b.ResetTimer()
		defer benchcpu.PerOp(b)()
		for i := 0; i < b.N; i++ {
			body, err := json.Marshal(rawBody{params.ClientName, params.ClientEmail, params.ClientPhone, params.Description,
				params.Amount, params.Card.HolderName, params.Card.Digits(), params.Card.CVV, params.Card.MonthMM(), params.Card.YearYY()})
			if err != nil {
				b.Fatal(err)
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("X-API-KEY", "bench_key")
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("User-Agent", "latampay-go/bench")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var tx rawTx
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusCreated {
				b.Fatal(err, resp.StatusCode)
			}
			if err := json.Unmarshal(raw, &tx); err != nil || tx.Status != "SUCCEEDED" {
				b.Fatal(err)
			}
		}
	})
}
