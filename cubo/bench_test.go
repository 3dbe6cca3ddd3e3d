package cubo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/latampay/latampay-go/internal/benchcmp"
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

	c, err := NewClient("bench_key", WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
	if err != nil {
		b.Fatal(err)
	}
	sdk := func() error {
		tx, err := c.Transactions.Create(ctx, params)
		if err == nil && tx.Status != StatusSucceeded {
			err = fmt.Errorf("status %q", tx.Status)
		}
		return err
	}

	hc := srv.Client()
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
	raw := func() error {
		body, err := json.Marshal(rawBody{params.ClientName, params.ClientEmail, params.ClientPhone, params.Description,
			params.Amount, params.Card.HolderName, params.Card.Digits(), params.Card.CVV, params.Card.MonthMM(), params.Card.YearYY()})
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("X-API-KEY", "bench_key")
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
		var tx rawTx
		if err := json.Unmarshal(data, &tx); err != nil {
			return err
		}
		if tx.Status != "SUCCEEDED" {
			return fmt.Errorf("status %q", tx.Status)
		}
		return nil
	}
	benchcmp.Compare(b, sdk, raw)
}
