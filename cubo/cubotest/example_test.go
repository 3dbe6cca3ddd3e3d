package cubotest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

func exampleCard(number string) cubo.Card {
	return cubo.Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana Pérez"}
}

// The guide's card approves; the fake's insufficient-funds card declines
// with Cubo's own text.
func Example() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tx, _ := client.Transactions.Create(ctx, &cubo.PaymentParams{Amount: 1000, Description: "Pedido 1", Card: exampleCard(cubotest.CardApproved)})
	fmt.Println(tx.Status)
	_, err := client.Transactions.Create(ctx, &cubo.PaymentParams{Amount: 1000, Description: "Pedido 2", Card: exampleCard(cubotest.CardInsufficientFunds)})
	var e *cubo.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, e.Message)
	}
	// Output:
	// SUCCEEDED
	// 400 51 FONDOS INSUFICIENTES
}

// A payment whose answer is lost after Cubo charged reports
// ErrOutcomeUnknown; the fake's records say what happened.
func ExampleServer_InjectFault() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	srv.InjectFault(cubotest.Fault{Kind: cubotest.FaultDropAfter, Match: "POST /api/v1/transactions"})
	_, err := client.Transactions.Create(context.Background(), &cubo.PaymentParams{Amount: 1000, Description: "Pedido 7", Card: exampleCard(cubotest.CardApproved)})
	fmt.Println("unknown:", errors.Is(err, cubo.ErrOutcomeUnknown))
	for _, p := range srv.PaymentsByDescription("Pedido 7") {
		fmt.Println("the fake charged:", p.Status, p.Amount)
	}
	// Output:
	// unknown: true
	// the fake charged: SUCCEEDED 1000
}

// The shared testing API: the request log, a named fault, and the webhook
// a paid link sends to your handler, recorded by Deliveries.
func ExampleServer_DeliverWebhooks() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ev, err := cubo.ParseWebhook(readAll(r))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		// Cubo signs nothing: a real handler re-reads the transaction.
		tx, err := client.Transactions.VerifyWebhook(r.Context(), ev)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Println("handler saw:", tx.Status, tx.Metadata["orderId"])
	}))
	defer hook.Close()
	srv.DeliverWebhooks(hook.URL)

	link, err := client.Links.Create(ctx, &cubo.LinkParams{Description: "Pedido 8", Amount: 1200,
		Metadata: map[string]string{"orderId": "8"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The next read is answered 503; the SDK retries a read.
	srv.InjectFault(cubotest.Fault{Kind: cubotest.FaultStatus, Match: "GET /api/v1/transactions/", RetryAfter: "0"})
	if _, err := client.Transactions.Get(ctx, link.PaymentIntentToken); err != nil {
		fmt.Println(err)
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, strings.Replace(r.Path, link.PaymentIntentToken, "{token}", 1), r.Status, r.Header.Get("X-Api-Key"))
	}

	if _, err := srv.PayLink(link.PaymentIntentToken, cubotest.CardApproved); err != nil {
		fmt.Println(err)
	}
	for _, d := range srv.Deliveries() {
		fmt.Println(d.Event, d.Attempt, d.Status)
	}
	// Output:
	// POST /api/v1/links/one-use 201 [REDACTED]
	// GET /api/v1/transactions/{token} 503 [REDACTED]
	// GET /api/v1/transactions/{token} 200 [REDACTED]
	// handler saw: SUCCEEDED 8
	// payment.succeeded 1 200
}

func readAll(r *http.Request) []byte {
	b, _ := io.ReadAll(r.Body)
	return b
}
