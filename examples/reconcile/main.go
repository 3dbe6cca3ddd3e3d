// Command reconcile shows the crash-safe way to move money with providers
// that have no idempotency keys (Culqi, DigitalFemsa, Sr. Pago):
//
//  1. record a reconciliation key and the time in your own database;
//  2. make the call with that key (ReconcileKey);
//  3. if the answer is lost (ErrOutcomeUnknown), or after a crash, one
//     Reconcile call with the recorded key and time says whether the money
//     moved: the object, or ErrNotFound.
//
// Here each provider's fake carries the call out, then drops the
// connection. The SDK never sends the call again; Reconcile finds it. On
// ErrNotFound, reconcile again a little later (a list may lag), or give up
// and call anew with a NEW key.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// record is what a shop writes before a call that moves money: after a
// crash it is all Reconcile needs.
type record struct {
	Key     string
	Started time.Time
	Amount  int64
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, flow := range []struct {
		name string
		run  func(context.Context) error
	}{{"Culqi", culqiFlow}, {"DigitalFemsa", digitalfemsaFlow}, {"Sr. Pago", srpagoFlow}} {
		fmt.Printf("== %s\n", flow.name)
		if err := flow.run(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "reconcile: %s: %v\n", flow.name, err)
			os.Exit(1)
		}
	}
}

func culqiFlow(ctx context.Context) error {
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana.quispe@example.pe"})
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	r := record{Key: "pedido-A-1001", Started: time.Now(), Amount: 15000}
	srv.InjectFault(culqitest.Fault{Kind: culqitest.FaultDropAfter, Match: "POST /v2/charges"})
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: r.Amount, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana.quispe@example.pe", SourceID: tok.ID, ReconcileKey: r.Key})
	var u *culqi.OutcomeUnknownError
	if !errors.As(err, &u) {
		return fmt.Errorf("expected an unknown outcome, got %v", err)
	}
	fmt.Printf("unknown   %s, key %s, sent at %s\n", u.Operation, u.Key, u.SentAt.Format(time.RFC3339))

	ch, err := c.Charges.Reconcile(ctx, r.Key, r.Started)
	switch {
	case errors.Is(err, culqi.ErrNotFound):
		fmt.Println("not charged: reconcile again later, or charge anew with a NEW key")
	case err != nil:
		return fmt.Errorf("reconcile (try again): %w", err)
	case ch.Amount != r.Amount:
		return fmt.Errorf("charge %s is of %d, not %d", ch.ID, ch.Amount, r.Amount)
	default:
		fmt.Printf("found     charge %s, S/ %d.%02d, declined: %t\n", ch.ID, ch.Amount/100, ch.Amount%100, ch.Declined())
	}
	return nil
}

func digitalfemsaFlow(ctx context.Context) error {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus, err := c.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx", Phone: "+525555555555"})
	if err != nil {
		return fmt.Errorf("customer: %w", err)
	}
	r := record{Key: "retiro-2024-0042", Started: time.Now(), Amount: 50000}
	srv.InjectFault(digitalfemsatest.Fault{Kind: digitalfemsatest.FaultDropAfter, Match: "POST /payout_orders"})
	_, err = c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: r.Amount, CustomerID: cus.ID,
		Reason: "Retiro de saldo", ReconcileKey: r.Key})
	var u *digitalfemsa.OutcomeUnknownError
	if !errors.As(err, &u) {
		return fmt.Errorf("expected an unknown outcome, got %v", err)
	}
	fmt.Printf("unknown   %s, key %s\n", u.Operation, u.Key)

	po, err := c.PayoutOrders.Reconcile(ctx, r.Key, r.Started)
	switch {
	case errors.Is(err, digitalfemsa.ErrNotFound):
		fmt.Println("not created: reconcile again later, or create anew with a NEW key")
	case err != nil:
		return fmt.Errorf("reconcile (try again): %w", err)
	case po.Amount != r.Amount:
		return fmt.Errorf("payout order %s is of %d, not %d", po.ID, po.Amount, r.Amount)
	default:
		fmt.Printf("found     payout order %s, reference %s, status %s\n", po.ID, po.Reference, po.Status)
	}
	return nil
}

func srpagoFlow(ctx context.Context) error {
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: srpago.Card{Number: srpagotest.CardApproved, CVV: "123",
		ExpMonth: 12, ExpYear: time.Now().Year() + 3, HolderName: "Ana López"}})
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	r := record{Key: "membresia-ana-2024-07", Started: time.Now(), Amount: 29900}
	srv.InjectFault(srpagotest.Fault{Kind: srpagotest.FaultDropAfter, Match: "POST /v1/payment/card"})
	_, err = c.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: r.Amount, Description: "Membresía oro", ReconcileKey: r.Key})
	var u *srpago.OutcomeUnknownError
	if !errors.As(err, &u) {
		return fmt.Errorf("expected an unknown outcome, got %v", err)
	}
	fmt.Printf("unknown   %s, key %s\n", u.Operation, u.Key)

	ch, err := c.Charges.Reconcile(ctx, r.Key, r.Started)
	switch {
	case errors.Is(err, srpago.ErrNotFound):
		fmt.Println("no approved charge: reconcile again later, or charge anew with a NEW key")
	case err != nil:
		return fmt.Errorf("reconcile (try again): %w", err)
	case ch.Amount != r.Amount:
		return fmt.Errorf("charge %s is of %d, not %d", ch.TransactionID, ch.Amount, r.Amount)
	default:
		fmt.Printf("found     transaction %s, authorization %s\n", ch.TransactionID, ch.AuthorizationCode)
	}
	return nil
}
