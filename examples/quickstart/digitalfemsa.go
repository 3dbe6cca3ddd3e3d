package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// femsaMXN formats cents as "$1,234.50 MXN".
func femsaMXN(cents int64) string {
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

// runDigitalfemsa walks a DigitalFemsa cash-out against the fake: customer,
// payout order withdrawn at the store with a signed cashout.confirmed event,
// a second reference cancelled, a cash order, and an order refused for
// an unknown customer.
func runDigitalfemsa(ctx context.Context, w io.Writer) (summary string, err error) {
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client(digitalfemsa.WithLanguage("en"))

	cus, err := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana.lopez@example.mx", Phone: "5566982096"})
	if err != nil {
		return "", fmt.Errorf("creating the customer: %w", err)
	}
	fmt.Fprintf(w, "customer      %s  %s <%s>\n", cus.ID, cus.Name, cus.Email)

	po, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 30000, CustomerID: cus.ID, Reason: "Retiro de saldo"})
	if err != nil {
		return "", fmt.Errorf("creating the payout order: %w", err)
	}
	fmt.Fprintf(w, "payout order  %s  %s  reference %s  status %s\n", po.ID, femsaMXN(po.Amount), po.Reference, po.Status)

	n, err := srv.MarkWithdrawn(po.ID)
	if err != nil {
		return "", err
	}
	ev, err := digitalfemsa.VerifyWebhook(n.Body, n.Digest, srv.WebhookPublicKeyPEM())
	if err != nil {
		return "", fmt.Errorf("verifying the webhook: %w", err)
	}
	fmt.Fprintf(w, "webhook       %s  signature verified (DIGEST, RSA SHA-256)\n", ev.Type)
	po, err = client.PayoutOrders.Get(ctx, po.ID)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(w, "polled        %s  status %s\n", po.ID, po.Status)
	if po.Status.Active() || ev.Type != digitalfemsa.EventCashoutConfirmed {
		return "", fmt.Errorf("the withdrawn payout order reads %s / %s", po.Status, ev.Type)
	}

	second, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 15000, CustomerID: cus.ID, Reason: "Reembolso"})
	if err != nil {
		return "", err
	}
	second, err = client.PayoutOrders.Cancel(ctx, second.ID)
	if err != nil {
		return "", fmt.Errorf("cancelling: %w", err)
	}
	fmt.Fprintf(w, "cancelled     %s  %s  status %s\n", second.ID, femsaMXN(second.Amount), second.Status)
	if second.Status != digitalfemsa.PayoutOrderStatusCancelled {
		return "", fmt.Errorf("cancel answered %s", second.Status)
	}

	items := []digitalfemsa.LineItem{{Name: "Recarga celular", UnitPrice: 10000, Quantity: 1}}
	cash, err := client.Orders.Create(ctx, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems: items, Charges: []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}}})
	if err != nil {
		return "", fmt.Errorf("cash order: %w", err)
	}
	pm := cash.Charges.Data[0].PaymentMethod
	fmt.Fprintf(w, "cash order    %s  %s  pay at %s with reference %s  (%s)\n", cash.ID, femsaMXN(cash.Amount), pm.StoreName, pm.Reference, cash.PaymentStatus)

	// A definite refusal, read through the typed error: an order for a
	// customer DigitalFemsa does not know (nothing was created).
	_, err = client.Orders.Create(ctx, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: "cus_unknown"},
		LineItems: items, Charges: []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}}})
	var e *digitalfemsa.Error
	if !errors.As(err, &e) || !errors.Is(err, digitalfemsa.ErrNotFound) || errors.Is(err, digitalfemsa.ErrOutcomeUnknown) {
		return "", fmt.Errorf("expected a definite not-found error, got %v", err)
	}
	fmt.Fprintf(w, "refused       HTTP %d  type %s  param %s  log %s\n", e.StatusCode, e.Type, e.Details[0].Param, e.LogID)

	bal, err := client.Balance.Get(ctx)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(w, "balance       available %s\n", femsaMXN(bal.AvailableIn("MXN")))

	return fmt.Sprintf("%s withdrawn with reference %s, %s cancelled, unknown customer refused (%s)", femsaMXN(po.Amount), po.Reference,
		femsaMXN(second.Amount), e.Type), nil
}
