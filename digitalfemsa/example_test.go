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
	// digitalfemsa: invalid params: Amount: must be whole pesos (a multiple of 100 cents), got 3050
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

// Creating a customer: Name and Email are required, the rest is optional.
func ExampleCustomersService_Create() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()

	cus, err := client.Customers.Create(context.Background(), &digitalfemsa.CustomerParams{
		Name:            "Ana López",
		Email:           "ana@example.mx",
		Phone:           "+525512345678",
		CustomReference: "user-42", // your own id for the customer
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cus.Name, cus.Email, cus.CustomReference)
	// Output:
	// Ana López ana@example.mx user-42
}

// Creating a cash-out reference for a customer, tagged with your own id in
// Metadata so that an ErrOutcomeUnknown can be reconciled with Search.
func ExamplePayoutOrdersService_Create() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	po, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{
		Amount:     50000, // $500.00 MXN, whole pesos
		CustomerID: cus.ID,
		Reason:     "Retiro de saldo",
		Metadata:   map[string]string{"withdrawal_id": "wd-1001"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(po.Status, po.Amount, po.Currency, po.AllowedPayoutMethods)
	fmt.Println("active:", po.Status.Active(), "metadata:", po.Metadata["withdrawal_id"])
	// Output:
	// pending 50000 MXN [cashout]
	// active: true metadata: wd-1001
}

// Cancelling a reference that was not withdrawn releases the retained funds.
func ExamplePayoutOrdersService_Cancel() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	po, _ := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 20000, CustomerID: cus.ID, Reason: "Retiro"})

	po, err := client.PayoutOrders.Cancel(ctx, po.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(po.Status, "active:", po.Status.Active())
	// Output:
	// cancelled active: false
}

// An order paid in cash: the charge carries the reference and barcode the
// customer pays at the store, and the order waits for payment.
func ExampleOrdersService_Create() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()

	order, err := client.Orders.Create(context.Background(), &digitalfemsa.OrderParams{
		CustomerInfo: digitalfemsa.CustomerInfo{Name: "Ana López", Email: "ana@example.mx"},
		LineItems:    []digitalfemsa.LineItem{{Name: "Recarga", UnitPrice: 15000, Quantity: 2}},
		Charges:      []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ch := order.Charges.Data[0]
	fmt.Println(order.Amount, order.Currency, order.PaymentStatus)
	fmt.Println(ch.PaymentMethod.Type, ch.PaymentMethod.StoreName, "reference digits:", len(ch.PaymentMethod.Reference))
	// Output:
	// 30000 MXN pending_payment
	// cash OXXO reference digits: 14
}

// A partial refund of a paid cash order: the order shows the refunded
// amount and the refund on its charge.
func ExampleOrdersService_Refund() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	order, _ := client.Orders.Create(ctx, &digitalfemsa.OrderParams{
		CustomerInfo: digitalfemsa.CustomerInfo{Name: "Ana López", Email: "ana@example.mx"},
		LineItems:    []digitalfemsa.LineItem{{Name: "Audífonos", UnitPrice: 80000, Quantity: 1}},
		Charges:      []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}},
	})
	_, _ = srv.MarkOrderPaid(order.ID) // the customer pays at the store
	order, err := client.Orders.Refund(ctx, order.ID, &digitalfemsa.RefundParams{
		Amount: 30000,
		Reason: digitalfemsa.RefundRequestedByClient,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(order.PaymentStatus, order.AmountRefunded, "of", order.Amount)
	fmt.Println("refunds on the charge:", len(order.Charges.Data[0].Refunds.Data))
	// Output:
	// partially_refunded 30000 of 80000
	// refunds on the charge: 1
}

// A webhook key's PublicKey is the PEM that VerifyWebhook checks
// notifications with.
func ExampleWebhookKeysService_Create() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()

	key, err := client.WebhookKeys.Create(context.Background(), &digitalfemsa.WebhookKeyParams{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("active:", key.Active)

	body := []byte(`{"id":"evt_1","object":"event","type":"webhook_ping","data":{"object":{}}}`)
	ev, err := digitalfemsa.VerifyWebhook(body, srv.SignWebhook(body), []byte(key.PublicKey))
	fmt.Println(ev.Type, err)
	// Output:
	// active: true
	// webhook_ping <nil>
}

// Reading back the events the account recorded, one page at a time.
func ExampleEventsService_List() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	po, _ := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "Retiro"})
	_, _ = srv.MarkWithdrawn(po.ID)

	page, err := client.Events.List(ctx, &digitalfemsa.ListParams{Limit: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range page.Data {
		fmt.Println(ev.Type, ev.ObjectType())
	}
	fmt.Println("more:", page.HasMore)
	// Output:
	// customer.created customer
	// cashout.confirmed payout_order
	// more: false
}

// A payout order retains its amount from the available balance until it is
// withdrawn or cancelled.
func ExampleBalanceService_Get() {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	srv.SetBalance("MXN", 100000) // $1,000.00 MXN

	cus, _ := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	_, _ = client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 30000, CustomerID: cus.ID, Reason: "Retiro"})

	bal, err := client.Balance.Get(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("available:", bal.AvailableIn("MXN"))
	for _, m := range bal.CashoutRetentionAmount {
		fmt.Println("retained for cash-outs:", m.Amount, m.Currency)
	}
	// Output:
	// available: 70000
	// retained for cash-outs: 30000 MXN
}
