package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

// cuboUSD formats cents as "$10.00 USD".
func cuboUSD(cents int64) string {
	return fmt.Sprintf("$%d.%02d USD", cents/100, cents%100)
}

// runCubo walks through Cubo Pago against its fake: a direct card payment,
// a subscription, a decline read through its typed error, and a hosted
// payment link whose (unsigned) webhook is verified by re-fetching.
func runCubo(ctx context.Context, w io.Writer) (summary string, err error) {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	card := cubo.Card{Number: cubotest.CardApproved, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "John Doe"}

	// 1. A direct card payment.
	pay := &cubo.PaymentParams{ClientName: "John Doe", ClientEmail: "john@example.com", ClientPhone: "+50322577777",
		Description: "Order 1001", Amount: 1000, Card: card}
	tx, err := client.Transactions.Create(ctx, pay)
	if err != nil {
		return "", fmt.Errorf("payment: %w", err)
	}
	fmt.Fprintf(w, "payment      %s of %s with %s: reference %s, authorization %s\n",
		tx.Status, cuboUSD(pay.Amount), card, tx.ReferenceID, tx.AuthorizationCode)
	if !tx.Succeeded() {
		return "", fmt.Errorf("payment not approved: %s", tx.Status)
	}

	// 2. A subscription: 12 monthly installments.
	sub := &cubo.SubscriptionParams{PaymentParams: *pay, Installments: 12}
	sub.Description, sub.Amount = "Gym membership", 2999
	stx, err := client.Transactions.CreateSubscription(ctx, sub)
	if err != nil {
		return "", fmt.Errorf("subscription: %w", err)
	}
	fmt.Fprintf(w, "subscription %s: amount %s, %d installments, reference %s\n", stx.Status, cuboUSD(sub.Amount), sub.Installments, stx.ReferenceID)
	if !stx.Succeeded() {
		return "", fmt.Errorf("subscription not approved: %s", stx.Status)
	}

	// 3. A deliberate decline.
	declined := *pay
	declined.Description, declined.Amount = "Order 1002", 15000
	declined.Card.Number = cubotest.CardInsufficientFunds
	_, err = client.Transactions.Create(ctx, &declined)
	var e *cubo.Error
	if !errors.As(err, &e) {
		return "", fmt.Errorf("expected a decline, got %v", err)
	}
	fmt.Fprintf(w, "decline      %s with %s: HTTP %d, Code %q, Message %q (declined %t, soft %t; outcome unknown: %t)\n",
		cuboUSD(declined.Amount), declined.Card, e.StatusCode, e.Code, e.Message, e.Declined(), e.SoftDecline(), errors.Is(err, cubo.ErrOutcomeUnknown))
	if e.Code != "51" || !e.SoftDecline() || errors.Is(err, cubo.ErrOutcomeUnknown) {
		return "", fmt.Errorf("the decline did not read as a definite soft decline: %v", err)
	}

	// 4. A hosted payment link, paid by the customer, confirmed by webhook.
	link, err := client.Links.Create(ctx, &cubo.LinkParams{Description: "Order 1003", Amount: 4500,
		RedirectURI: "https://shop.example.com/thanks", Metadata: map[string]string{"orderId": "1003"}})
	if err != nil {
		return "", fmt.Errorf("link: %w", err)
	}
	fmt.Fprintf(w, "link         %s for %s: token %s\n", link.RedirectURL, cuboUSD(4500), link.PaymentIntentToken)
	body, err := srv.PayLink(link.PaymentIntentToken, cubotest.CardApproved)
	if err != nil {
		return "", err
	}
	ev, err := cubo.ParseWebhook(body)
	if err != nil {
		return "", fmt.Errorf("webhook: %w", err)
	}
	ltx, err := client.Transactions.VerifyWebhook(ctx, ev)
	if err != nil {
		return "", fmt.Errorf("verifying the webhook: %w", err)
	}
	fmt.Fprintf(w, "webhook      says %s (unsigned); re-fetched: %s, %s, order %s\n",
		ev.Status, ltx.Status, cuboUSD(ltx.Amount), ltx.Metadata["orderId"])
	if !ltx.Succeeded() || ltx.Amount != 4500 {
		return "", fmt.Errorf("link transaction: %s %d", ltx.Status, ltx.Amount)
	}
	return fmt.Sprintf("payment %s, subscription %s in 12 installments, decline %s - %s (soft), link paid %s and verified",
		cuboUSD(pay.Amount), cuboUSD(sub.Amount), e.Code, e.Message, cuboUSD(ltx.Amount)), nil
}
