// Command paymentlink creates a DigitalFemsa payment link (a checkout),
// emails it to the customer, lists the links, and cancels it. Each payment
// through a link creates an order from its template.
//
// Without DIGITALFEMSA_PRIVATE_KEY it runs offline against the in-memory
// fake (digitalfemsatest), which also plays a customer paying through the
// link. With DIGITALFEMSA_PRIVATE_KEY it calls the real API (the key picks
// sandbox or production).
//
//	go run ./examples/digitalfemsa/paymentlink
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	var (
		client *digitalfemsa.Client
		srv    *digitalfemsatest.Server
	)
	if key := os.Getenv("DIGITALFEMSA_PRIVATE_KEY"); key != "" {
		var err error
		if client, err = digitalfemsa.NewClient(key, digitalfemsa.WithLanguage("en")); err != nil {
			return err
		}
		fmt.Println("using the DigitalFemsa API at", digitalfemsa.ProductionURL)
	} else {
		srv = digitalfemsatest.NewServer()
		defer srv.Close()
		client = srv.Client(digitalfemsa.WithLanguage("en"))
		fmt.Println("DIGITALFEMSA_PRIVATE_KEY is not set: running against the in-memory fake at", srv.URL)
	}

	link, err := client.Checkouts.Create(ctx, &digitalfemsa.CheckoutParams{
		Name:               "Taller de cerámica",
		Recurrent:          true,
		PaymentsLimitCount: 10, // ten seats
		ExpiresAt:          time.Now().Add(7 * 24 * time.Hour),
		OrderTemplate: digitalfemsa.CheckoutOrderTemplate{
			LineItems: []digitalfemsa.LineItem{{Name: "Lugar en el taller", UnitPrice: 80000, Quantity: 1}},
			Metadata:  map[string]string{"course": "ceramica-2026"},
		},
	})
	if err != nil {
		return fmt.Errorf("creating the payment link: %w", err)
	}
	fmt.Printf("link      %s  %s  status %s\n", link.ID, link.URL, link.Status)

	link, err = client.Checkouts.Email(ctx, link.ID, "ana.lopez@example.mx")
	if err != nil {
		return fmt.Errorf("emailing the link: %w", err)
	}
	fmt.Printf("emailed   %d time(s)\n", link.EmailsSent)

	if srv != nil {
		// Offline only: a customer pays through the link.
		orderID, err := srv.PayCheckout(link.ID)
		if err != nil {
			return err
		}
		o, err := client.Orders.Get(ctx, orderID)
		if err != nil {
			return err
		}
		fmt.Printf("order     %s  from the link  $%d.%02d MXN  %s\n", o.ID, o.Amount/100, o.Amount%100, o.PaymentStatus)
		if link, err = client.Checkouts.Get(ctx, link.ID); err != nil {
			return err
		}
		fmt.Printf("link      %d of %d payments taken\n", link.PaidPaymentsCount, *link.PaymentsLimitCount)
	}

	n := 0
	for l, err := range client.Checkouts.All(ctx, &digitalfemsa.ListParams{Limit: 20}) {
		if err != nil {
			return fmt.Errorf("listing the links: %w", err)
		}
		if n++; n > 5 {
			break
		}
		fmt.Printf("listed    %s  %q  %s\n", l.ID, l.Name, l.Status)
	}

	cancelled, err := client.Checkouts.Cancel(ctx, link.ID)
	if err != nil {
		return fmt.Errorf("cancelling the link: %w", err)
	}
	fmt.Printf("link      %s  status %s\n", cancelled.ID, cancelled.Status)
	return nil
}
