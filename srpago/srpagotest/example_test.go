package srpagotest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

func exampleCard(number string) srpago.Card {
	return srpago.Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana López"}
}

// The fake decrypts the envelope like Sr. Pago, approves 4242… and declines
// 4111… with bank code 51.
func Example() {
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for _, number := range []string{srpagotest.CardApproved, srpagotest.CardInsufficientFunds} {
		tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: exampleCard(number)})
		ch, err := client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 29900, Description: "Membresía"})
		var e *srpago.Error
		switch {
		case errors.As(err, &e):
			fmt.Println("declined:", e.Code, e.BankCode)
		case err == nil:
			fmt.Println("approved:", ch.Amount)
		}
	}
	// Output:
	// approved: 29900
	// declined: PaymentException 51
}

// A charge whose answer is lost reports ErrOutcomeUnknown; sending it again
// with the same OrderID is refused instead of charged twice.
func ExampleServer_InjectFault() {
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	params := func() *srpago.ChargeParams {
		tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: exampleCard(srpagotest.CardApproved)})
		return &srpago.ChargeParams{Source: tok.ID, Amount: 29900, Description: "Membresía", OrderID: "order-42"}
	}
	srv.InjectFault(srpagotest.Fault{Kind: srpagotest.FaultStatus, Match: "POST /v1/payment/card", Status: 502, After: true})
	_, err := client.Charges.Create(ctx, params())
	fmt.Println("lost answer is unknown:", errors.Is(err, srpago.ErrOutcomeUnknown))

	_, err = client.Charges.Create(ctx, params())
	var e *srpago.Error
	fmt.Println("same order again refused:", errors.As(err, &e) && e.Code == srpago.CodeSwitch)
	fmt.Println("charges with that order id:", srv.ChargesWithOrderID("order-42"))
	// Output:
	// lost answer is unknown: true
	// same order again refused: true
	// charges with that order id: 1
}

// The shared testing API: the request log (card data encrypted, so the
// log shows only the envelope), a named fault, and the notification of a
// paid cash reference, delivered to your handler and recorded.
func ExampleServer_DeliverWebhooks() {
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		op, err := srpago.ParseWebhook(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		// Sr. Pago signs nothing: a real handler re-reads the operation.
		got, err := client.Operations.Get(r.Context(), op.TransactionID)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Println("handler saw:", got.PaymentMethod, got.Amount, got.Description)
	}))
	defer hook.Close()
	srv.DeliverWebhooks(hook.URL)

	// The first read is answered 503 before the fake sees it; the SDK
	// retries a read.
	srv.InjectFault(srpagotest.Fault{Kind: srpagotest.FaultStatus, Match: "GET /v1/funds", RetryAfter: "0"})
	if _, err := client.Account.Funds(ctx); err != nil {
		fmt.Println(err)
	}
	ref, err := client.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 25050, Description: "Pedido 77"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status, r.Header.Get("Authorization"))
	}

	if _, err := srv.PayReference(ctx, ref.Reference); err != nil {
		fmt.Println(err)
	}
	for _, d := range srv.Deliveries() {
		fmt.Println(d.Event, d.Attempt, d.Status)
	}
	// Output:
	// GET /v1/funds 503 [REDACTED]
	// GET /v1/funds 200 [REDACTED]
	// POST /v1/payment/convenience-store 200 [REDACTED]
	// handler saw: OXX 25050 Pedido 77
	// operation.paid 1 200
}
