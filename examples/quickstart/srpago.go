package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// srpagoMXN formats centavos as "$299.00 MXN".
func srpagoMXN(cents int64) string {
	return fmt.Sprintf("$%d.%02d MXN", cents/100, cents%100)
}

// runSrpago walks through Sr. Pago against its fake: a customer, an
// encrypted card token saved as a permanent crd_ card, a membership charge
// on it, the billing calendar, a same-day reversal and a deliberate
// decline read through its typed error.
func runSrpago(ctx context.Context, w io.Writer) (summary string, err error) {
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	card := srpago.Card{Number: srpagotest.CardApproved, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana López"}

	// 1. Customer, token (encrypted envelope), saved card.
	cus, err := client.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	if err != nil {
		return "", fmt.Errorf("customer: %w", err)
	}
	tok, err := client.Tokens.Create(ctx, &srpago.TokenParams{Card: card})
	if err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	saved, err := client.Cards.Add(ctx, cus.ID, tok.ID)
	if err != nil {
		return "", fmt.Errorf("saved card: %w", err)
	}
	fmt.Fprintf(w, "customer     %s (%s); token %s saved as %s (%s %s)\n", cus.ID, cus.Email, tok.ID, saved.Token, saved.Type, saved.Number)

	// 2. The billing calendar Sr. Pago leaves to the merchant.
	mx := time.FixedZone("CST", -6*3600)
	sched := srpago.Schedule{Start: time.Date(2028, 1, 31, 9, 0, 0, 0, mx), Interval: srpago.Monthly}
	fmt.Fprintf(w, "calendar     monthly from %s: %s, %s, %s\n", sched.Date(0).Format("2 Jan"),
		sched.Date(1).Format("2 Jan"), sched.Date(2).Format("2 Jan"), sched.Date(3).Format("2 Jan 2006"))

	// 3. A membership charge on the saved card.
	const amount = 29900
	ch, err := client.Charges.Create(ctx, &srpago.ChargeParams{Source: saved.Token, Amount: amount,
		Description: "Membresía oro", OrderID: srpago.Cycle{N: 1}.OrderID("mem-ana", 1)})
	if err != nil {
		return "", fmt.Errorf("charge: %w", err)
	}
	fmt.Fprintf(w, "charge       %s approved %v: transaction %s, authorization %s, order %s\n",
		srpagoMXN(ch.Amount), ch.Approved, ch.TransactionID, ch.AuthorizationCode, ch.OrderID)
	if !ch.Approved || ch.Amount != amount {
		return "", fmt.Errorf("charge not approved for %d: %+v", amount, ch)
	}

	// 4. The same order id again: refused, not charged twice.
	_, err = client.Charges.Create(ctx, &srpago.ChargeParams{Source: saved.Token, Amount: amount,
		Description: "Membresía oro", OrderID: ch.OrderID})
	var dup *srpago.Error
	if !errors.As(err, &dup) || dup.Code != srpago.CodeSwitch {
		return "", fmt.Errorf("expected SwitchException for a repeated order id, got %v", err)
	}
	fmt.Fprintf(w, "duplicate    order %s refused: %s\n", ch.OrderID, dup.Code)

	// 5. Same-day reversal.
	rev, err := client.Charges.Reverse(ctx, ch.TransactionID)
	if err != nil {
		return "", fmt.Errorf("reversal: %w", err)
	}
	fmt.Fprintf(w, "reversal     %s: %s approved %v\n", ch.TransactionID, rev.Method, rev.Approved)

	// 6. A deliberate decline (HTTP 500 + PaymentException + bank code).
	bad := card
	bad.Number = srpagotest.CardInsufficientFunds
	tok2, err := client.Tokens.Create(ctx, &srpago.TokenParams{Card: bad})
	if err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	_, err = client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok2.ID, Amount: 15000, Description: "Pedido 1002"})
	var e *srpago.Error
	if !errors.As(err, &e) {
		return "", fmt.Errorf("expected a decline, got %v", err)
	}
	fmt.Fprintf(w, "decline      %s with %s: HTTP %d, Code %q, BankCode %q, BankMessage %q (retry later: %t; outcome unknown: %t)\n",
		srpagoMXN(15000), bad, e.StatusCode, e.Code, e.BankCode, e.BankMessage, e.SoftDecline(), errors.Is(err, srpago.ErrOutcomeUnknown))
	if e.Code != srpago.CodePayment || e.BankCode != "51" || !e.SoftDecline() || errors.Is(err, srpago.ErrOutcomeUnknown) {
		return "", fmt.Errorf("the decline did not read as a definite, retry-later decline: %v", err)
	}
	return fmt.Sprintf("saved card %s charged %s and reversed, duplicate order refused, decline %s bank %s (retry later)",
		saved.Type, srpagoMXN(amount), e.Code, e.BankCode), nil
}
