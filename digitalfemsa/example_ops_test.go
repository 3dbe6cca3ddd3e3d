package digitalfemsa_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// An order paid through a payment source saved on the customer: the
// customer pays the same OXXO reference every time.
func ExamplePaymentSourcesService_Create() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client() // digitalfemsa.NewClient("key_...") against the real API
	ctx := context.Background()

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	src, err := client.PaymentSources.Create(ctx, cus.ID, &digitalfemsa.PaymentSourceParams{})
	if err != nil {
		fmt.Println(err)
		return
	}
	order, _ := client.Orders.Create(ctx, &digitalfemsa.OrderParams{
		CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems:    []digitalfemsa.LineItem{{Name: "Renta", UnitPrice: 450000, Quantity: 1}},
	})
	ch, err := client.Charges.Create(ctx, order.ID, &digitalfemsa.OrderChargeParams{
		Type: digitalfemsa.PaymentMethodCash, PaymentSourceID: src.ID,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("same reference:", ch.PaymentMethod.Reference == src.Reference, "amount:", ch.Amount)

	_, _ = srv.MarkChargePaid(ch.ID) // the customer pays at the store
	order, _ = client.Orders.Get(ctx, order.ID)
	fmt.Println("order:", order.PaymentStatus)
	// Output:
	// same reference: true amount: 450000
	// order: paid
}

// A payment link: each payment through it creates an order from the
// template.
func ExampleCheckoutsService_Create() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	link, err := client.Checkouts.Create(ctx, &digitalfemsa.CheckoutParams{
		Name:      "Taller de cerámica",
		ExpiresAt: time.Now().Add(7 * 24 * time.Hour),
		OrderTemplate: digitalfemsa.CheckoutOrderTemplate{
			LineItems: []digitalfemsa.LineItem{{Name: "Lugar", UnitPrice: 80000, Quantity: 1}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(link.Type, link.Status, link.AllowedPaymentMethods)
	link, _ = client.Checkouts.Email(ctx, link.ID, "ana@example.mx")
	fmt.Println("emails sent:", link.EmailsSent)
	link, _ = client.Checkouts.Cancel(ctx, link.ID)
	fmt.Println(link.Status)
	// Output:
	// PaymentLink Issued [cash]
	// emails sent: 1
	// Cancelled
}

// Webhook management: register an endpoint, test it, narrow its events,
// remove it.
func ExampleWebhooksService() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if ev, err := digitalfemsa.VerifyWebhook(body, r.Header.Get("Digest"), srv.WebhookPublicKeyPEM()); err == nil {
			fmt.Println("received:", ev.Type)
		}
	}))
	defer endpoint.Close()

	wh, err := client.Webhooks.Create(ctx, &digitalfemsa.WebhookParams{URL: endpoint.URL})
	if err != nil {
		fmt.Println(err)
		return
	}
	wh, _ = client.Webhooks.Test(ctx, wh.ID)
	fmt.Println("status:", wh.Status)
	wh, _ = client.Webhooks.Update(ctx, wh.ID, &digitalfemsa.WebhookUpdateParams{URL: wh.URL, Events: []string{"order.paid"}})
	fmt.Println("events:", wh.SubscribedEvents)
	wh, _ = client.Webhooks.Delete(ctx, wh.ID)
	fmt.Println("deleted:", wh.Deleted != nil && *wh.Deleted)
	// Output:
	// received: webhook_ping
	// status: listening
	// events: [order.paid]
	// deleted: true
}
