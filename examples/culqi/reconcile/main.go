// Command reconcile shows the crash-safe way to charge with Culqi, which
// has no idempotency keys: record a reconciliation key and the time before
// the call; when the answer is lost (here the culqitest fake processes the
// charge, then drops the connection), one Reconcile call says whether the
// money moved. Nothing is charged twice: the SDK never repeats the call.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "reconcile:", err)
		os.Exit(1)
	}
}

// pending is what a shop writes to its own database before charging: after
// a crash it is all Reconcile needs.
type pending struct {
	Key     string
	Started time.Time
	Amount  int64
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()

	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana.quispe@example.pe"})
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	p := pending{Key: "pedido-A-1001", Started: time.Now(), Amount: 15000}
	fmt.Printf("recorded  key %s at %s\n", p.Key, p.Started.Format(time.RFC3339))

	// The fake carries the charge out, then drops the connection.
	srv.InjectFault(culqitest.Fault{Match: "POST /v2/charges", Drop: true, After: true})
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: p.Amount, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana.quispe@example.pe", SourceID: tok.ID, ReconcileKey: p.Key})
	var u *culqi.OutcomeUnknownError
	switch {
	case err == nil:
		fmt.Println("charged at once")
		return nil
	case !errors.As(err, &u):
		return fmt.Errorf("charge refused, nothing moved: %w", err)
	}
	fmt.Printf("unknown   %s key %s sent at %s\n", u.Operation, u.Key, u.SentAt.Format(time.RFC3339))

	// After an unknown outcome — or on restart, from the record — one call.
	ch, err := c.Charges.Reconcile(ctx, p.Key, p.Started)
	switch {
	case errors.Is(err, culqi.ErrNotFound):
		fmt.Println("not charged: reconcile again in a minute; to give up, charge anew with a NEW key")
	case err != nil:
		return fmt.Errorf("reconcile (try again): %w", err)
	case ch.Declined():
		fmt.Printf("declined  %s: %s\n", ch.ID, ch.Outcome.DeclineCode)
	case ch.Amount != p.Amount:
		return fmt.Errorf("charge %s is of %d, not %d", ch.ID, ch.Amount, p.Amount)
	default:
		fmt.Printf("charged   %s: S/ %d.%02d\n", ch.ID, ch.Amount/100, ch.Amount%100)
	}
	return nil
}
