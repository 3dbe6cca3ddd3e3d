package digitalfemsatest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"sort"
	"sync"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// A payout order is withdrawn at the store from the test; the fake signs
// the cash-out event with its own key, so VerifyWebhook can be tested end to
// end.
func Example() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	po, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 30000, CustomerID: cus.ID, Reason: "Reembolso"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(po.Status, po.Amount, po.Currency)

	note, _ := srv.MarkWithdrawn(po.ID)
	ev, err := digitalfemsa.VerifyWebhook(note.Body, note.Digest, srv.WebhookPublicKeyPEM())
	fmt.Println(ev.Type, err)
	po, _ = client.PayoutOrders.Get(ctx, po.ID)
	fmt.Println(po.Status)
	// Output:
	// pending 30000 MXN
	// cashout.confirmed <nil>
	// withdrawn
}

// A cancellation whose answer is lost reports ErrOutcomeUnknown; reading the
// order back tells what happened.
func ExampleServer_InjectFault() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	po, _ := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 30000, CustomerID: cus.ID, Reason: "Reembolso"})

	srv.InjectFault(digitalfemsatest.Fault{Match: "PUT /payout_orders/", Status: 503, After: true})
	_, err := client.PayoutOrders.Cancel(ctx, po.ID)
	fmt.Println("unknown:", errors.Is(err, digitalfemsa.ErrOutcomeUnknown))
	po, _ = client.PayoutOrders.Get(ctx, po.ID)
	fmt.Println("status read back:", po.Status)
	// Output:
	// unknown: true
	// status read back: cancelled
}

// The testing API the five latampay-go fakes share: the log of what the
// fake received (Requests), a named fault (an answer dropped after the
// order was made), and the webhook deliveries of its events (the events
// DigitalFemsa would send, signed with the fake's key).
func Example_testingAPI() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// A receiver that verifies each event as a real handler would.
	var mu sync.Mutex
	var verified []string
	hook := httptest.NewServer(digitalfemsa.WebhookHandler(func(_ context.Context, ev *digitalfemsa.Event) error {
		mu.Lock()
		verified = append(verified, string(ev.Type))
		mu.Unlock()
		return nil
	}, srv.WebhookPublicKeyPEM()))
	defer hook.Close()
	srv.DeliverWebhooks(hook.URL)

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	srv.InjectFault(digitalfemsatest.Fault{Kind: digitalfemsatest.FaultDropAfter, Match: "POST /orders"})
	_, err := client.Orders.Create(ctx, &digitalfemsa.OrderParams{
		CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems:    []digitalfemsa.LineItem{{Name: "Recarga", UnitPrice: 15000, Quantity: 2}},
		Charges:      []digitalfemsa.ChargeParams{digitalfemsatest.ApprovedCard()},
	})
	fmt.Println("unknown outcome:", errors.Is(err, digitalfemsa.ErrOutcomeUnknown))

	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	orders := srv.Orders()
	fmt.Println("orders made:", len(orders))
	_, _ = srv.MarkOrderPaid(orders[0].ID)

	_ = srv.WaitWebhooks(ctx)
	for _, d := range srv.Deliveries() {
		fmt.Println("delivered", d.Event, d.Status, d.Header.Get("Digest") != "")
	}
	mu.Lock()
	sort.Strings(verified)
	fmt.Println("verified:", verified)
	mu.Unlock()
	// Unordered output:
	// unknown outcome: true
	// POST /customers 200
	// POST /orders 0
	// orders made: 1
	// delivered customer.created 200 true
	// delivered order.created 200 true
	// delivered order.paid 200 true
	// verified: [customer.created order.created order.paid]
}
