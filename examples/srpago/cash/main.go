// Command cash shows a cash payment at OXXO end to end: the merchant
// creates a cash reference, points Sr. Pago's notifications at its own
// handler, the buyer pays at the till, and the handler confirms the
// notification (unsigned, so only a hint) by fetching the operation before
// marking the order paid.
//
// It runs offline against the in-memory fake (srpagotest), whose
// PayReference stands in for the buyer and delivers the notification; the
// handler is a real HTTP server on a loopback port. Against the Sr. Pago
// sandbox the same handler would sit behind a public https:// URL.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
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

// orders is the merchant's ledger: reference number → paid.
type orders struct {
	mu   sync.Mutex
	paid map[string]bool
}

// handler answers Sr. Pago's notifications: it parses the operation,
// confirms it with Operations.Get (anyone may post to the URL), records the
// payment once, and answers 200 quickly.
func handler(c *srpago.Client, o *orders) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "unreadable", http.StatusBadRequest)
			return
		}
		hint, err := srpago.ParseWebhook(body)
		if err != nil {
			http.Error(w, "not a notification", http.StatusBadRequest)
			return
		}
		op, err := c.Operations.Get(r.Context(), hint.TransactionID)
		if err != nil {
			// Not confirmed: Sr. Pago (or whoever posted) may try again.
			http.Error(w, "unconfirmed", http.StatusServiceUnavailable)
			return
		}
		o.mu.Lock()
		defer o.mu.Unlock()
		if op.IsApproved() && !o.paid[op.Reference] {
			o.paid[op.Reference] = true
			fmt.Printf("handler   order %s paid: %s at %s, operation %s\n", op.Reference, mxn(op.Amount), op.PaymentMethod, op.TransactionID)
		}
		w.WriteHeader(http.StatusOK)
	}
}

func mxn(cents int64) string { return fmt.Sprintf("$%d.%02d MXN", cents/100, cents%100) }

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(srpago.WithBearerLogin())
	fmt.Println("mode: offline (srpagotest fake)")

	o := &orders{paid: map[string]bool{}}
	hook := httptest.NewServer(handler(c, o))
	defer hook.Close()
	if _, err := c.Webhooks.Update(ctx, "MQ==", &srpago.WebhookParams{URL: hook.URL + "/srpago"}); err != nil {
		return fmt.Errorf("setting the notification URL: %w", err)
	}

	ref, err := c.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 45000, Description: "Pedido 1042"})
	if err != nil {
		return fmt.Errorf("creating the cash reference: %w", err)
	}
	fmt.Printf("reference %s at %s for %s, payable until %s\n", ref.Reference, ref.Store, mxn(ref.Amount),
		ref.ExpiresAt.Format(time.DateOnly))

	// The buyer pays at the till; the fake notifies the handler.
	if _, err := srv.PayReference(ctx, ref.Reference); err != nil {
		return fmt.Errorf("paying: %w", err)
	}
	o.mu.Lock()
	paid := o.paid[ref.Reference]
	o.mu.Unlock()
	if !paid {
		return fmt.Errorf("the handler did not record reference %s as paid", ref.Reference)
	}

	funds, err := c.Account.Funds(ctx)
	if err != nil {
		return fmt.Errorf("reading the funds: %w", err)
	}
	fmt.Printf("funds     %s available\n", mxn(funds.Available))
	return nil
}
