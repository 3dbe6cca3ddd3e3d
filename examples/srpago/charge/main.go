// Command charge shows a Sr. Pago card charge end to end: create a
// customer, tokenize a card through the encryption envelope, save it as a
// permanent crd_ card, charge it with anti-fraud metadata, look the
// operation up, reverse it (same day), and read a decline's bank code.
//
// Without SRPAGO_APP_KEY it runs offline against the in-memory fake
// (srpagotest). With SRPAGO_APP_KEY and SRPAGO_APP_SECRET it calls Sr. Pago
// at SRPAGO_BASE_URL (default: srpago.SandboxURL) with the sandbox test
// cards.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func mxn(cents int64) string { return fmt.Sprintf("$%d.%02d MXN", cents/100, cents%100) }

func client() (*srpago.Client, func(), error) {
	key := os.Getenv("SRPAGO_APP_KEY")
	if key == "" {
		srv := srpagotest.NewServer()
		fmt.Println("mode: offline (srpagotest fake)")
		return srv.Client(), srv.Close, nil
	}
	base := os.Getenv("SRPAGO_BASE_URL")
	if base == "" {
		base = srpago.SandboxURL
	}
	c, err := srpago.NewClient(key, os.Getenv("SRPAGO_APP_SECRET"), srpago.WithBaseURL(base), srpago.WithAppInfo("srpago-charge-example", "1.0"))
	fmt.Println("mode: live Sr. Pago API at", base)
	return c, func() {}, err
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, done, err := client()
	if err != nil {
		return err
	}
	defer done()

	card := srpago.Card{Number: "4242 4242 4242 4242", CVV: "123", ExpMonth: 12, ExpYear: time.Now().Year() + 2, HolderName: "Ana López"}

	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: "ana@example.mx",
		Metadata: map[string]string{"plan": "oro"}})
	if err != nil {
		return fmt.Errorf("creating the customer: %w", err)
	}
	fmt.Printf("customer  %s (%s), active %v\n", cus.ID, cus.Email, cus.Active)

	tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card})
	if err != nil {
		return fmt.Errorf("tokenizing: %w", err)
	}
	fmt.Printf("token     %s (single use)\n", tok.ID)

	saved, err := c.Cards.Add(ctx, cus.ID, tok.ID)
	if err != nil {
		return fmt.Errorf("saving the card: %w", err)
	}
	fmt.Printf("saved     %s %s %s exp %s\n", saved.Token, saved.Type, saved.Number, saved.Expiration)

	ch, err := c.Charges.Create(ctx, &srpago.ChargeParams{
		Source: saved.Token, Amount: 29900, Description: "Membresía oro, marzo", IP: "201.141.10.20",
		// Our own key for this attempt (stored before calling): what
		// Charges.Reconcile looks for if the outcome is ever unknown.
		ReconcileKey: "socio-42-2026-03-a1",
		Metadata: &srpago.ChargeMetadata{
			Billing: &srpago.Billing{Email: cus.Email, FirstName: "Ana", LastName: "López", Country: "MX"},
			Member:  &srpago.Member{LoggedIn: true, ID: "socio-42", Email: cus.Email},
			Items:   []srpago.Item{{Number: "ORO-1M", Description: "Membresía oro", Price: 29900, Quantity: 1}},
		},
	})
	var unknown *srpago.OutcomeUnknownError
	if errors.As(err, &unknown) {
		// Checked first: the money may have moved. Reconcile says.
		found, rerr := c.Charges.Reconcile(ctx, unknown.Key, unknown.SentAt)
		if rerr != nil {
			return fmt.Errorf("charge outcome unknown (%v); reconciling: %w", err, rerr)
		}
		ch = found
	} else if err != nil {
		return fmt.Errorf("charging: %w", err)
	}
	fmt.Printf("charged   %s: transaction %s, authorization %s, order %s\n", mxn(ch.Amount), ch.TransactionID, ch.AuthorizationCode, ch.OrderID)

	op, err := c.Operations.Get(ctx, ch.TransactionID)
	if err != nil {
		return fmt.Errorf("looking the operation up: %w", err)
	}
	fmt.Printf("operation %s status %s %s, receipt %s\n", op.TransactionID, op.Status, mxn(op.Amount), op.ReceiptURL)

	rev, err := c.Charges.Reverse(ctx, ch.TransactionID)
	if err != nil {
		return fmt.Errorf("reversing: %w", err)
	}
	fmt.Printf("reversed  %s (%s, approved %v)\n", ch.TransactionID, rev.Method, rev.Approved)

	// A decline: Sr. Pago answers HTTP 500 with PaymentException and the
	// bank's response code.
	bad := card
	bad.Number = "4111111111111111"
	tok2, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: bad})
	if err != nil {
		return fmt.Errorf("tokenizing the decline card: %w", err)
	}
	_, err = c.Charges.Create(ctx, &srpago.ChargeParams{Source: tok2.ID, Amount: 29900, Description: "Membresía oro"})
	var e *srpago.Error
	if !errors.As(err, &e) || e.Code != srpago.CodePayment {
		return fmt.Errorf("expected a PaymentException decline, got %v", err)
	}
	fmt.Printf("declined  %s, bank code %s (%s); retry later: %v (HTTP %d, request %s)\n",
		e.Code, e.BankCode, e.BankMessage, e.SoftDecline(), e.StatusCode, e.RequestID)
	return nil
}
