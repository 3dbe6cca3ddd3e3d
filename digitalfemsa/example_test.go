package digitalfemsa_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// A cash-out: create the customer, create the payout order, hand the
// reference over, and watch it until it is withdrawn.
func Example_cashout() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client() // digitalfemsa.NewClient("key_...") against the real API

	ctx := context.Background()
	cus, err := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	if err != nil {
		fmt.Println(err)
		return
	}
	po, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{
		Amount:     30000, // $300.00 MXN, whole pesos
		CustomerID: cus.ID,
		Reason:     "Retiro de saldo",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("status:", po.Status, "reference digits:", len(po.Reference))

	_, _ = srv.MarkWithdrawn(po.ID) // the customer goes to the store

	po, _ = client.PayoutOrders.Get(ctx, po.ID)
	fmt.Println("still active:", po.Status.Active())
	// Output:
	// status: pending reference digits: 16
	// still active: false
}

// Validation happens before any request is sent.
func ExamplePayoutOrdersService_Create_validation() {
	client, _ := digitalfemsa.NewClient("key_example")
	_, err := client.PayoutOrders.Create(context.Background(), &digitalfemsa.PayoutOrderParams{
		Amount: 3050, CustomerID: "cus_1", Reason: "Retiro",
	})
	fmt.Println(errors.Is(err, digitalfemsa.ErrInvalidParams))
	fmt.Println(err)
	// Output:
	// true
	// latampay: invalid params: Amount: must be whole pesos (a multiple of 100 cents), got 3050
}

// Errors from the API carry the type, log id and details.
func ExampleError() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.Customers.Get(context.Background(), "cus_missing")
	var e *digitalfemsa.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Type, e.Details[0].Code)
	}
	// Output:
	// 404 resource_not_found_error femsa.errors.resource_not_found.entity
}

// Walking every page: All follows the next cursor while has_more.
func ExampleCustomersService_All() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for _, name := range []string{"Ana", "Luis", "Eva"} {
		_, _ = client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: name, Email: name + "@example.mx"})
	}
	for cus, err := range client.Customers.All(ctx, &digitalfemsa.ListParams{Limit: 2}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(cus.Name)
	}
	// Output:
	// Ana
	// Luis
	// Eva
}

// Receiving signed notifications: WebhookHandler reads the raw body,
// verifies DIGEST and hands the event on.
func ExampleWebhookHandler() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	events := make(chan *digitalfemsa.Event, 10)
	hook := httptest.NewServer(digitalfemsa.WebhookHandler(func(_ context.Context, ev *digitalfemsa.Event) error {
		events <- ev
		return nil
	}, srv.WebhookPublicKeyPEM())) // in production: the public_key of each active webhook key
	defer hook.Close()
	srv.SetWebhookURL(hook.URL)

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana", Email: "ana@example.mx"})
	po, _ := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "Retiro"})
	_, _ = client.PayoutOrders.Cancel(ctx, po.ID)

	fmt.Println((<-events).Type)
	ev := <-events
	order, _ := ev.PayoutOrder()
	fmt.Println(ev.Type, order.Status)
	// Output:
	// customer.created
	// cashout.canceled cancelled
}

// VerifyWebhook checks one notification by hand.
func ExampleVerifyWebhook() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	body := []byte(`{"id":"evt_1","object":"event","type":"webhook_ping","livemode":false,"created_at":1700000000,"data":{"object":{}}}`)
	digest := srv.SignWebhook(body) // the DIGEST header DigitalFemsa sends

	ev, err := digitalfemsa.VerifyWebhook(body, digest, srv.WebhookPublicKeyPEM())
	fmt.Println(ev.Type, err)

	_, err = digitalfemsa.VerifyWebhook([]byte(`{"id":"evt_2"}`), digest, srv.WebhookPublicKeyPEM())
	fmt.Println(errors.Is(err, digitalfemsa.ErrWebhookSignature))
	// Output:
	// webhook_ping <nil>
	// true
}
