// Command savedsource pays an order through a payment source saved on the
// customer: a lasting OXXO cash reference the customer pays at the store
// again and again (rent, a subscription). It creates the customer, saves
// the source, creates an order, adds a charge that uses the source, and
// waits for the payment.
//
// Without DIGITALFEMSA_PRIVATE_KEY it runs offline against the in-memory
// fake (digitalfemsatest), which also plays the customer paying at the
// store. With DIGITALFEMSA_PRIVATE_KEY it calls the real API (the key
// picks sandbox or production) and stops once the charge is issued.
//
//	go run ./examples/digitalfemsa/savedsource
package main

import (
	"context"
	"errors"
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

	cus, err := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana.lopez@example.mx"})
	if err != nil {
		return fmt.Errorf("creating the customer: %w", err)
	}
	src, err := client.PaymentSources.Create(ctx, cus.ID, &digitalfemsa.PaymentSourceParams{Type: digitalfemsa.PaymentSourceCash})
	if err != nil {
		return fmt.Errorf("saving the payment source: %w", err)
	}
	fmt.Printf("customer  %s  saved source %s  reference %s (%s)\n", cus.ID, src.ID, src.Reference, src.Provider)

	order, err := client.Orders.Create(ctx, &digitalfemsa.OrderParams{
		CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems:    []digitalfemsa.LineItem{{Name: "Renta de marzo", UnitPrice: 450000, Quantity: 1}},
	})
	if err != nil {
		return fmt.Errorf("creating the order: %w", err)
	}
	// Adding a charge may take money: it is never retried by the SDK. On
	// ErrOutcomeUnknown read the order's charges before charging again.
	ch, err := client.Charges.Create(ctx, order.ID, &digitalfemsa.OrderChargeParams{
		Type: digitalfemsa.PaymentMethodCash, PaymentSourceID: src.ID, ReferenceID: "renta-2026-03",
	})
	if errors.Is(err, digitalfemsa.ErrOutcomeUnknown) {
		got, gerr := client.Orders.Get(ctx, order.ID)
		if gerr != nil || got.Charges == nil || len(got.Charges.Data) == 0 {
			return fmt.Errorf("the charge's outcome is unknown; look at order %s later: %w", order.ID, err)
		}
		ch, err = got.Charges.Data[0], nil
	}
	if err != nil {
		return fmt.Errorf("adding the charge: %w", err)
	}
	fmt.Printf("order     %s  charge %s  $%d.%02d MXN  pay at OXXO with reference %s\n",
		order.ID, ch.ID, ch.Amount/100, ch.Amount%100, ch.PaymentMethod.Reference)
	if srv == nil {
		return nil // a real customer pays at the store; an order.paid webhook follows
	}

	// Offline only: the customer pays at the store.
	if _, err := srv.MarkChargePaid(ch.ID); err != nil {
		return err
	}
	paid, err := client.Orders.Get(ctx, order.ID)
	if err != nil {
		return err
	}
	fmt.Printf("order     %s  payment status %s\n", paid.ID, paid.PaymentStatus)
	// PaymentStatus is nil while the order has no payment information.
	if paid.PaymentStatus == nil || *paid.PaymentStatus != digitalfemsa.OrderPaymentStatusPaid {
		return fmt.Errorf("the order is %s, not paid", paid.PaymentStatus)
	}
	return nil
}
