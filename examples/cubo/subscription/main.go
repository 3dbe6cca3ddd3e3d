// Command subscription shows Cubo direct card payments: a subscription
// charged to a card (installments: 12), then a one-off payment
// declined with "51 - FONDOS INSUFICIENTES" and how its typed error reads.
//
// Without CUBO_API_KEY it runs offline against the in-memory fake
// (cubotest). With CUBO_API_KEY it calls Cubo at CUBO_BASE_URL (default:
// cubo.SandboxURL; Cubo gives each merchant its base URL) and skips the
// decline, for which Cubo documents no test card.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	client, offline, closeFn, err := newClient()
	if err != nil {
		return err
	}
	defer closeFn()
	fmt.Println("mode:", map[bool]string{true: "offline (cubotest fake)", false: "live Cubo API"}[offline])

	card := cubo.Card{Number: cubotest.CardApproved, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "John Doe"}
	sub := &cubo.SubscriptionParams{
		PaymentParams: cubo.PaymentParams{
			ClientName:  "John Doe",
			ClientEmail: "john@example.com",
			ClientPhone: "+50322577777",
			Description: "Gym membership, order SUB-1001",
			// Sent as Cubo's amount, in cents. Whether Cubo charges it per
			// installment or splits it among them is unconfirmed.
			Amount: 2999,
			Card:   card,
		},
		Installments: 12,
	}
	tx, err := client.Transactions.CreateSubscription(ctx, sub)
	switch {
	case errors.Is(err, cubo.ErrOutcomeUnknown):
		return fmt.Errorf("subscription outcome unknown (do not charge again before checking Cubo Admin): %w", err)
	case err != nil:
		return fmt.Errorf("subscription: %w", err)
	}
	fmt.Printf("subscription: %s, amount $%d.%02d, %d installments, reference %s, authorization %s, processed %s\n",
		tx.Status, sub.Amount/100, sub.Amount%100, sub.Installments, tx.ReferenceID, tx.AuthorizationCode,
		tx.ProcessedAt.Format(time.RFC3339))
	if !tx.Succeeded() {
		return fmt.Errorf("subscription was not approved: %s", tx.Status)
	}

	if !offline {
		return nil
	}
	_, err = client.Transactions.Create(ctx, &cubo.PaymentParams{
		ClientEmail: "ana@example.com",
		Description: "Order 1002",
		Amount:      15000,
		Card:        cubo.Card{Number: cubotest.CardInsufficientFunds, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana"},
	})
	var e *cubo.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("expected a decline, got %v", err)
	}
	fmt.Printf("decline: HTTP %d, Code %q, Message %q, declined %t, soft %t, outcome unknown: %t\n",
		e.StatusCode, e.Code, e.Message, e.Declined(), e.SoftDecline(), errors.Is(err, cubo.ErrOutcomeUnknown))
	if e.Code != "51" || !e.Declined() || !e.SoftDecline() || errors.Is(err, cubo.ErrOutcomeUnknown) {
		return errors.New("the decline did not read as a definite soft decline")
	}
	return nil
}

// newClient returns a live client when CUBO_API_KEY is set, else a client of
// a fresh fake.
func newClient() (client *cubo.Client, offline bool, closeFn func(), err error) {
	key := os.Getenv("CUBO_API_KEY")
	if key == "" {
		srv := cubotest.NewServer()
		return srv.Client(), true, srv.Close, nil
	}
	base := os.Getenv("CUBO_BASE_URL")
	if base == "" {
		base = cubo.SandboxURL
	}
	client, err = cubo.NewClient(key, cubo.WithBaseURL(base), cubo.WithAppInfo("cubo-subscription-example", "1.0"))
	return client, false, func() {}, err
}
