// Command subscription pays a Nominapp (Aleluya) payroll-plan subscription
// by card, then pays the next period with the stored card, and shows the
// client logging in again by itself when the session has expired.
//
// Without NOMINAPP_API_TOKEN it runs offline against nominapptest, the
// in-memory fake. With it, it talks to the real API as NOMINAPP_EMAIL
// (NOMINAPP_BASE_URL selects another host, e.g. the stage host;
// NOMINAPP_PLAN_ID the plan) and REALLY PAYS with the guide's example card.
//
//	go run ./examples/nominapp/subscription
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	var (
		client *nominapp.Client
		srv    *nominapptest.Server
		planID = nominapptest.PlanBasic
		// The card of Nominapp's guide (its example expiry is 06/27).
		card = nominapp.Card{Number: nominapptest.CardApproved, CVV: "537", ExpMonth: 6, ExpYear: 2027, HolderName: "Van Nelson"}
	)
	if token := os.Getenv("NOMINAPP_API_TOKEN"); token != "" {
		var opts []nominapp.Option
		if base := os.Getenv("NOMINAPP_BASE_URL"); base != "" {
			opts = append(opts, nominapp.WithBaseURL(base))
		}
		if p := os.Getenv("NOMINAPP_PLAN_ID"); p != "" {
			planID = p
		}
		var err error
		if client, err = nominapp.NewClient(os.Getenv("NOMINAPP_EMAIL"), token, opts...); err != nil {
			return err
		}
		fmt.Println("using the real Nominapp API")
	} else {
		srv = nominapptest.NewServer()
		defer srv.Close()
		client = srv.Client()
		card.ExpYear = time.Now().Year() + 5 // keep the offline run valid after 06/27
		fmt.Println("NOMINAPP_API_TOKEN is unset: using the in-memory fake at", srv.URL)
	}

	// 1. Monthly subscription for 4 people with a new card.
	pay, err := client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: card, PlanID: planID, PaidWorkers: 4, PaymentType: nominapp.Monthly,
	})
	if err != nil {
		return report("subscription payment", err)
	}
	fmt.Printf("subscription paid with %s: order %s, transaction %s, status %s, %d people\n",
		card, pay.OrderID, pay.TransactionID, pay.Status, pay.PaidWorkers)
	if pay.Status != nominapp.StatusApproved {
		return fmt.Errorf("subscription payment not approved: %s", pay.Status)
	}

	// 2. Next month, with the card Nominapp stored.
	if srv != nil {
		srv.ExpireSessions() // the session has expired meanwhile: the client logs in again by itself
	}
	pay, err = client.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{
		PlanID: planID, PaidWorkers: 4, PaymentType: nominapp.Monthly,
	})
	if err != nil {
		return report("payment with the stored card", err)
	}
	fmt.Printf("next month paid with the stored card: order %s, status %s\n", pay.OrderID, pay.Status)
	if pay.Status != nominapp.StatusApproved {
		return fmt.Errorf("stored-card payment not approved: %s", pay.Status)
	}
	if srv != nil {
		fmt.Printf("the fake saw %d logins and %d payments\n", srv.Logins(), len(srv.Payments()))
		if srv.Logins() != 2 || len(srv.Payments()) != 2 {
			return errors.New("expected 2 logins (one after the expiry) and 2 payments")
		}
	}
	return nil
}

// report explains a failed payment.
func report(step string, err error) error {
	var e *nominapp.Error
	switch {
	case errors.Is(err, nominapp.ErrOutcomeUnknown):
		return fmt.Errorf("%s: outcome unknown, check the subscription before paying again: %w", step, err)
	case errors.As(err, &e):
		for _, it := range e.Items {
			fmt.Printf("  error item: code %s, object %s: %s\n", it.Code, it.Object, it.Message)
		}
		return fmt.Errorf("%s refused (HTTP %d): %w", step, e.StatusCode, err)
	}
	return fmt.Errorf("%s: %w", step, err)
}
