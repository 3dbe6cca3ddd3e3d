package cubo

import (
	"context"
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
	header := http.Header{
		"X-Api-Key": {"bench_key"}, "Accept": {"application/json"},
		"Content-Type": {"application/json"}, "User-Agent": {"latampay-go/bench"},
	}
	raw := func() error {
		body := rawBody{params.ClientName, params.ClientEmail, params.ClientPhone, params.Description,
			params.Amount, params.Card.HolderName, params.Card.Digits(), params.Card.CVV, params.Card.MonthMM(), params.Card.YearYY()}
		var tx rawTx
		if err := benchcmp.RawPost(ctx, hc, url, header, body, http.StatusCreated, &tx); err != nil {
			return err
		}
		if tx.Status != "SUCCEEDED" {
			return fmt.Errorf("status %q", tx.Status)
		}
		return nil
	}
	benchcmp.Compare(b, sdk, raw)
}
