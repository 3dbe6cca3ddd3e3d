package cubo_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

func ExampleNewClient() {
	// The key comes from Cubo Admin; the base URL is the one Cubo gave you.
	client, err := cubo.NewClient("your-api-key", cubo.WithBaseURL(cubo.SandboxURL), cubo.WithAppInfo("shop", "1.0"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.Transactions != nil, client.Links != nil)
	// Output: true true
}

func ExampleTransactionsService_Create() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	tx, err := client.Transactions.Create(context.Background(), &cubo.PaymentParams{
		ClientName:  "John Doe",
		ClientEmail: "john@example.com",
		ClientPhone: "+50322577777",
		Description: "Order 1001",
		Amount:      1000, // $10.00
		Card:        cubo.Card{Number: cubotest.CardApproved, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "John Doe"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, len(tx.ReferenceID), tx.Succeeded())
	// Output: SUCCEEDED 15 true
}

func ExampleTransactionsService_Create_decline() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.Transactions.Create(context.Background(), &cubo.PaymentParams{
		Description: "Order 1002",
		Amount:      2500,
		Card:        cubo.Card{Number: cubotest.CardInsufficientFunds, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana"},
	})
	var e *cubo.Error
	if errors.As(err, &e) {
		fmt.Printf("HTTP %d, code %q, message %q\n", e.StatusCode, e.Code, e.Message)
		fmt.Println("declined:", e.Declined(), "soft:", e.SoftDecline(), "outcome unknown:", errors.Is(err, cubo.ErrOutcomeUnknown))
	}
	// Output:
	// HTTP 400, code "51", message "FONDOS INSUFICIENTES"
	// declined: true soft: true outcome unknown: false
}

func ExampleTransactionsService_CreateSubscription() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	tx, err := client.Transactions.CreateSubscription(context.Background(), &cubo.SubscriptionParams{
		PaymentParams: cubo.PaymentParams{
			ClientEmail: "ana@example.com",
			Description: "Gym membership",
			Amount:      2999,
			Card:        cubo.Card{Number: cubotest.CardApproved, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana"},
		},
		Installments: 12,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, srv.Payments()[0].Installments)
	// Output: SUCCEEDED 12
}

func ExampleTransactionsService_Create_outcomeUnknown() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	// The gateway fails after Cubo charged the card.
	srv.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", After: true, Status: 504})

	_, err := client.Transactions.Create(context.Background(), &cubo.PaymentParams{
		Description: "Order 1003",
		Amount:      500,
		Card:        cubo.Card{Number: cubotest.CardApproved, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana"},
	})
	if errors.Is(err, cubo.ErrOutcomeUnknown) {
		// Never charge again blindly: reconcile first (Cubo Admin, by description).
		fmt.Println("outcome unknown; requests sent:", srv.Stats().Requests, "; charged:", len(srv.Payments()))
	}
	// Output: outcome unknown; requests sent: 1 ; charged: 1
}

func ExampleLinksService_Create() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	link, err := client.Links.Create(ctx, &cubo.LinkParams{
		Description: "Order 1004",
		Amount:      4500,
		RedirectURI: "https://shop.example.com/thanks",
		Metadata:    map[string]string{"orderId": "1004"},
	})
	if err != nil {
		log.Fatal(err)
	}
	// Send the customer to link.RedirectURL; here the fake plays the customer.
	body, err := srv.PayLink(link.PaymentIntentToken, cubotest.CardApproved)
	if err != nil {
		log.Fatal(err)
	}

	// In your webhook handler: parse, then re-fetch. Webhooks are unsigned.
	ev, err := cubo.ParseWebhook(body)
	if err != nil {
		log.Fatal(err)
	}
	tx, err := client.Transactions.VerifyWebhook(ctx, ev)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, tx.Amount, tx.Currency, tx.Metadata["orderId"])
	// Output: SUCCEEDED 4500 USD 1004
}

func ExampleLinksService_CreateSubscription() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	link, err := client.Links.CreateSubscription(context.Background(), &cubo.SubscriptionLinkParams{
		LinkParams: cubo.LinkParams{
			Description: "Streaming plan",
			Amount:      999,
			RedirectURI: "https://shop.example.com/welcome",
		},
		Installments: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
	tx, err := client.Transactions.Get(context.Background(), link.PaymentIntentToken)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, tx.Amount)
	// Output: PENDING 999
}

func ExampleParseWebhook() {
	body := []byte(`{"identifier":"8f1c2e7a","status":"SUCCEEDED","referenceId":"354247606061629",
		"authorizationCode":"015163","processedAt":"2025-02-10T22:27:17.317Z","amount":2550,
		"paymentType":"LINK","metadata":{"orderId":"1001"}}`)
	ev, err := cubo.ParseWebhook(body)
	if err != nil {
		log.Fatal(err)
	}
	// Unsigned: this only says which transaction to re-fetch with
	// client.Transactions.VerifyWebhook(ctx, ev) or Get(ctx, ev.Identifier).
	fmt.Println(ev.Identifier, ev.Status, ev.Amount, ev.ProcessedAt.Format(time.RFC3339), ev.Metadata["orderId"])
	// Output: 8f1c2e7a SUCCEEDED 2550 2025-02-10T22:27:17Z 1001
}

func ExampleError_SoftDecline() {
	for _, e := range []*cubo.Error{
		{StatusCode: 400, Code: "51", Message: "FONDOS INSUFICIENTES"},
		{StatusCode: 400, Code: "SM", Message: "SOSPECHA DE FRAUDE"},
		{StatusCode: 400, Messages: []string{"amount must be an integer number"}},
	} {
		fmt.Println(e.Declined(), e.SoftDecline())
	}
	// Output:
	// true true
	// true false
	// false false
}
