package digitalfemsatest_test

import (
	"context"
	"errors"
	"fmt"

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
