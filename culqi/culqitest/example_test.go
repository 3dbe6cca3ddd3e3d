package culqitest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// A test charges against the fake, then checks what the charge looks like.
func Example() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	ch, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ch.Amount, ch.CurrencyCode, ch.Outcome.Type)
	// Output: 5000 PEN venta_exitosa
}

// Fault injection: a read survives two 503s (it is retried), while a charge
// whose answer is lost after the fake charged reports ErrOutcomeUnknown and
// is not sent again.
func ExampleServer_InjectFault() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	srv.InjectFault(culqitest.Fault{Match: "GET /v2/tokens/", Status: 503, Times: 2})
	got, err := client.Tokens.Get(ctx, tok.ID)
	fmt.Println("read after two 503s:", got.ID == tok.ID, err)

	srv.InjectFault(culqitest.Fault{Match: "POST /v2/charges", Status: 504, After: true})
	_, err = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	fmt.Println("charge with a lost answer is unknown:", errors.Is(err, culqi.ErrOutcomeUnknown))
	fmt.Println("charges the fake made:", srv.Handled("POST /v2/charges"))
	// Output:
	// read after two 503s: true <nil>
	// charge with a lost answer is unknown: true
	// charges the fake made: 1
}

// The documented decline cards give their decline code.
func ExampleDeclinedCard() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	card, _ := culqitest.DeclinedCard(culqi.DeclineStolenCard)
	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: "ana@example.pe"})
	_, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	var e *culqi.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, e.DeclineCode)
	}
	// Output: 402 card_declined stolen_card
}

// Payload encryption end to end: a client built with the fake's RSA key
// sends every body encrypted, and the fake decrypts it as Culqi does. A
// key Culqi does not hold gets its 400 crypto_error.
func ExampleServer_RSAKey() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client(culqi.WithRSAEncryption(srv.RSAKey()))
	ctx := context.Background()

	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	ch, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ch.Amount, ch.Outcome.Type)

	_, pem := srv.RSAKey()
	other := srv.Client(culqi.WithRSAEncryption("6f1c2d3e-0000-4000-8000-000000000000", pem))
	_, err = other.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	var ce *culqi.Error
	if errors.As(err, &ce) {
		fmt.Println(ce.StatusCode, ce.Type)
	}
	// Output:
	// 5000 venta_exitosa
	// 400 crypto_error
}

// The testing API the five fakes share: a webhook endpoint receives the
// fake's events (DeliverWebhooks, Deliveries), a named Fault loses the
// answer to a charge the fake made (FaultDropAfter), and Requests shows
// what the fake received, card numbers masked.
func Example_testingAPI() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// The webhook endpoint under test: here it only parses the event.
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if _, err := culqi.ParseWebhook(body); err != nil {
			w.WriteHeader(http.StatusBadRequest)
		}
	}))
	defer hook.Close()
	srv.DeliverWebhooks(hook.URL)

	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.ApprovedCard(), Email: "ana@example.pe"})
	srv.InjectFault(culqitest.Fault{Kind: culqitest.FaultDropAfter, Match: "POST /v2/charges"})
	_, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: "PEN", Email: "ana@example.pe",
		SourceID: tok.ID, Metadata: map[string]string{"order": "A-1"}})
	fmt.Println("outcome unknown:", errors.Is(err, culqi.ErrOutcomeUnknown))
	fmt.Println("charges made:", len(srv.ChargesWithMetadata("order", "A-1")))

	for _, r := range srv.Requests() {
		body, _ := r.Body.(map[string]any)
		fmt.Println(r.Method, r.Path, r.Status, body["card_number"])
	}

	_ = srv.WaitWebhooks(ctx)
	for _, d := range srv.Deliveries() {
		fmt.Println(d.Event, "attempt", d.Attempt, "answered", d.Status)
	}
	// Output:
	// outcome unknown: true
	// charges made: 1
	// POST /v2/tokens 201 ************1111
	// POST /v2/charges 0 <nil>
	// charge.creation.succeeded attempt 1 answered 200
}
