// Command cashout shows a DigitalFemsa cash-out: create a customer, create a
// payout order (a reference the customer presents at a store to collect
// cash), poll it, and cancel it, which releases the retained funds.
//
// Without DIGITALFEMSA_PRIVATE_KEY it runs offline against the in-memory
// fake (digitalfemsatest), which also plays the customer and the network:
// the answer to the payout order is lost after the fake created it (found
// again with Reconcile), and a second payout order is withdrawn at the
// "store" while we poll. With
// DIGITALFEMSA_PRIVATE_KEY it calls the real API (the key picks sandbox or
// production) and only creates, polls and cancels one reference.
//
//	go run ./examples/digitalfemsa/cashout
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
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

// mxn formats cents as "$1,234.50 MXN".
func mxn(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return fmt.Sprintf("%s$%s.%02d MXN", sign, whole, cents%100)
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

	cus, err := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{
		Name: "Ana López", Email: "ana.lopez@example.mx", Phone: "5566982096",
	})
	if err != nil {
		return fmt.Errorf("creating the customer: %w", err)
	}
	fmt.Printf("customer   %s  %s <%s>\n", cus.ID, cus.Name, cus.Email)

	// Your own id as the reconciliation key lets Reconcile find the order
	// if the create call ends with ErrOutcomeUnknown (it is never retried
	// automatically). Store it and the time before calling, to survive a
	// crash too.
	myID := "withdrawal-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if srv != nil {
		// Offline only: the connection drops after the fake created the
		// payout order, so the create ends in ErrOutcomeUnknown.
		srv.InjectFault(digitalfemsatest.Fault{Match: "POST /payout_orders", Drop: true, After: true})
	}
	started := time.Now()
	po, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{
		Amount:       30000, // whole pesos only
		CustomerID:   cus.ID,
		Reason:       "Retiro de saldo",
		ExpiresAt:    time.Now().Add(48 * time.Hour),
		ReconcileKey: myID,
	})
	switch {
	case errors.Is(err, digitalfemsa.ErrOutcomeUnknown):
		found, rerr := client.PayoutOrders.Reconcile(ctx, myID, started)
		if rerr != nil {
			// ErrNotFound: wait and reconcile again, or give up and
			// create anew with a NEW key.
			return fmt.Errorf("payout order outcome unknown (%v): %w", rerr, err)
		}
		fmt.Printf("answer lost; Reconcile found %s by its key %s\n", found.ID, myID)
		po = found
	case err != nil:
		return fmt.Errorf("creating the payout order: %w", err)
	}
	fmt.Printf("payout     %s  %s  reference %s  status %s  expires %s\n",
		po.ID, mxn(po.Amount), po.Reference, po.Status, po.ExpiresAt.UTC().Format(time.RFC3339))

	if srv != nil {
		// Offline only: another customer collects a second reference at the store.
		other, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "Premio"})
		if err != nil {
			return err
		}
		if _, err := srv.MarkWithdrawn(other.ID); err != nil {
			return err
		}
		got, err := client.PayoutOrders.Get(ctx, other.ID)
		if err != nil {
			return err
		}
		fmt.Printf("payout     %s  %s  reference %s  status %s (withdrawn at the store)\n", got.ID, mxn(got.Amount), got.Reference, got.Status)
		if got.Status.Active() {
			return fmt.Errorf("the withdrawn payout order is still %s", got.Status)
		}
	}

	for i := 1; i <= 3; i++ {
		cur, err := client.PayoutOrders.Get(ctx, po.ID)
		if err != nil {
			return fmt.Errorf("polling: %w", err)
		}
		fmt.Printf("poll %d     status %s\n", i, cur.Status)
		if !cur.Status.Active() {
			fmt.Println("the reference is no longer active; nothing to cancel")
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}

	cancelled, err := client.PayoutOrders.Cancel(ctx, po.ID)
	if err != nil {
		return fmt.Errorf("cancelling: %w", err)
	}
	fmt.Printf("cancelled  %s  status %s\n", cancelled.ID, cancelled.Status)
	if cancelled.Status != digitalfemsa.PayoutOrderStatusCancelled {
		return fmt.Errorf("cancel answered status %q", cancelled.Status)
	}

	bal, err := client.Balance.Get(ctx)
	if err != nil {
		return fmt.Errorf("balance: %w", err)
	}
	fmt.Printf("balance    available %s\n", mxn(bal.AvailableIn("MXN")))

	// A validation error never reaches the API.
	_, err = client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 12345, CustomerID: cus.ID, Reason: "x"})
	if !errors.Is(err, digitalfemsa.ErrInvalidParams) {
		return fmt.Errorf("expected a validation error, got %v", err)
	}
	fmt.Println("refused    ", err)
	return nil
}
