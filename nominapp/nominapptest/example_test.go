package nominapptest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

var exampleCard = nominapp.Card{Number: nominapptest.CardApproved, CVV: "537", ExpMonth: 6, ExpYear: 2030, HolderName: "Ana Gómez"}

// The client logs in by itself; when the session expires, the fake answers
// 401, the client logs in once more and sends the payment again.
func Example() {
	srv := nominapptest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	pay, _ := client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: exampleCard, PlanID: nominapptest.PlanBasic, PaidWorkers: 4, PaymentType: nominapp.Monthly})
	fmt.Println(pay.Status, pay.PaidWorkers, "logins:", srv.Logins())

	srv.ExpireSessions()
	pay, _ = client.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{PlanID: nominapptest.PlanBasic, PaidWorkers: 4, PaymentType: nominapp.Monthly})
	fmt.Println(pay.Status, "logins:", srv.Logins())
	// Output:
	// APPROVED 4 logins: 1
	// APPROVED logins: 2
}

// A payment whose answer is lost reports ErrOutcomeUnknown and is not sent
// again; Nominapp has no payment lookup, so the test reads the fake's
// records.
func ExampleServer_InjectFault() {
	srv := nominapptest.NewServer()
	defer srv.Close()
	client := srv.Client()

	srv.InjectFault(nominapptest.Fault{Match: "POST /v1/payments/credit_card", Status: 504, After: true})
	_, err := client.Payments.PaySubscription(context.Background(), &nominapp.SubscriptionPayment{Card: exampleCard, PlanID: nominapptest.PlanPro, PaidWorkers: 2, PaymentType: nominapp.Yearly})
	fmt.Println("unknown:", errors.Is(err, nominapp.ErrOutcomeUnknown))
	fmt.Println("payments the fake made:", len(srv.PaymentsForPlan(nominapptest.PlanPro)))
	// Output:
	// unknown: true
	// payments the fake made: 1
}

// The shared testing API: the request log (credentials redacted, card
// numbers masked), a named fault, and webhooks, which Nominapp does not
// send: DeliverWebhooks is accepted and nothing is delivered.
func ExampleServer_DeliverWebhooks() {
	srv := nominapptest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	srv.DeliverWebhooks("http://127.0.0.1:1/never-called")

	// The login is answered 503 before the fake sees it; the SDK retries
	// a login, which moves no money.
	srv.InjectFault(nominapptest.Fault{Kind: nominapptest.FaultStatus, Match: "POST /v1/sessions", RetryAfter: "0"})
	_, err := client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: nominapptest.ApprovedCard(), PlanID: nominapptest.PlanBasic, PaidWorkers: 4, PaymentType: nominapp.Monthly})
	if err != nil {
		fmt.Println(err)
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status, r.Header.Get("Authorization"))
	}
	last := srv.Requests()[2].Body.(map[string]any)["payment_info"].(map[string]any)
	fmt.Println("card sent as:", last["card_number"])
	fmt.Println("deliveries:", len(srv.Deliveries()))
	// Output:
	// POST /v1/sessions 503 [REDACTED]
	// POST /v1/sessions 201 [REDACTED]
	// POST /v1/payments/credit_card 201 [REDACTED]
	// card sent as: ************6495
	// deliveries: 0
}
