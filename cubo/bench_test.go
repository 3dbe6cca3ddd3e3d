package cubo

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
)

// The benchmarks talk to a server in another process (benchcmp.Start), so
// allocations and CPU time counted are the client's alone. The raw side is
// plain net/http + encoding/json with the SDK's own wire structs
// (paymentBody, Transaction), and benchcmp.SameRequest checks before
// timing that both sides send the same request.

func init() { benchcmp.ServeIfChild(benchAPI) }

const benchIntent = "pi_354247606061629"

// benchAPI is the canned Cubo API of the benchmarks.
func benchAPI() http.Handler {
	mux := http.NewServeMux()
	answer := func(w http.ResponseWriter, status int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(approved))
	}
	mux.HandleFunc("POST /api/v1/transactions", func(w http.ResponseWriter, _ *http.Request) { answer(w, http.StatusCreated) })
	mux.HandleFunc("GET /api/v1/transactions/{id}", func(w http.ResponseWriter, _ *http.Request) { answer(w, http.StatusOK) })
	return mux
}

// benchClients returns the server, an SDK client and the raw side's
// http.Client and headers, both over one transport of the benchmark's own.
func benchClients(b *testing.B) (*benchcmp.Server, *Client, *http.Client, http.Header) {
	srv := benchcmp.Start(b)
	hc := srv.Client(b)
	c, err := NewClient("bench_key", WithBaseURL(srv.URL), WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	ua := srv.UserAgentOf(b, func() error { _, err := c.Transactions.Get(context.Background(), benchIntent); return err })
	header := http.Header{"X-Api-Key": {"bench_key"}, "Accept": {"application/json"}, "User-Agent": {ua}}
	return srv, c, hc, header
}

// BenchmarkTransactionsCreate compares Transactions.Create with the same
// request done with plain net/http and encoding/json.
func BenchmarkTransactionsCreate(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	header.Set("Content-Type", "application/json")
	ctx := context.Background()
	params := &PaymentParams{
		ClientName: "John Doe", ClientEmail: "john@example.com", ClientPhone: "+50322577777",
		Description: "Test API", Amount: 100,
		Card: Card{Number: "4000000000000416", CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "John Doe"},
	}
	sdk := func() error {
		tx, err := c.Transactions.Create(ctx, params)
		if err == nil && tx.Status != StatusSucceeded {
			err = fmt.Errorf("status %q", tx.Status)
		}
		return err
	}
	url := srv.URL + "/api/v1/transactions"
	raw := func() error {
		body := paymentBody{ClientName: params.ClientName, ClientEmail: params.ClientEmail, ClientPhone: params.ClientPhone,
			Description: params.Description, Amount: params.Amount, CardHolder: params.Card.HolderName, CardNumber: params.Card.Digits(),
			CVV: params.Card.CVV, Month: params.Card.MonthMM(), Year: params.Card.YearYY()}
		var tx Transaction
		if err := benchcmp.RawPost(ctx, hc, url, header, body, http.StatusCreated, &tx); err != nil {
			return err
		}
		if tx.Status != StatusSucceeded {
			return fmt.Errorf("status %q", tx.Status)
		}
		return nil
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkTransactionsGet compares Transactions.Get with a raw GET decoded
// into a Transaction.
func BenchmarkTransactionsGet(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	ctx := context.Background()
	sdk := func() error {
		_, err := c.Transactions.Get(ctx, benchIntent)
		return err
	}
	raw := func() error {
		var tx Transaction
		return benchcmp.RawGet(ctx, hc, srv.URL+"/api/v1/transactions/"+benchIntent, header, http.StatusOK, &tx)
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}
