package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// culqiSoles formats céntimos as "S/ 100.00" (or "$ 100.00" for USD).
func culqiSoles(cents int64, currency string) string {
	sym := "S/"
	if currency == culqi.CurrencyUSD {
		sym = "$"
	}
	return fmt.Sprintf("%s %d.%02d", sym, cents/100, cents%100)
}

// runCulqi walks through Culqi against its fake: a card token, a charge,
// a partial refund, a saved card charged in one click, and a deliberate
// decline read through its typed error.
func runCulqi(ctx context.Context, w io.Writer) (summary string, err error) {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	email := "ana.quispe@example.pe"

	// 1. Tokenize a card (public key, secure.culqi.com) and charge it.
	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: email})
	if err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	fmt.Fprintf(w, "token        %s for %s (%s)\n", tok.ID, tok.CardNumber, tok.IIN.CardBrand)
	ch, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 10000, CurrencyCode: culqi.CurrencyPEN, Email: email,
		SourceID: tok.ID, Description: "Zapatillas talla 40"})
	if err != nil {
		return "", fmt.Errorf("charge: %w", err)
	}
	fmt.Fprintf(w, "charge       %s: %s, %s (%s)\n", ch.ID, culqiSoles(ch.Amount, ch.CurrencyCode), ch.Outcome.Type, ch.Outcome.Code)
	if ch.Outcome.Type != culqi.OutcomeSuccess {
		return "", fmt.Errorf("charge not successful: %s", ch.Outcome.Type)
	}

	// 2. Refund part of it.
	ref, err := client.Refunds.Create(ctx, &culqi.RefundParams{Amount: 2500, ChargeID: ch.ID, Reason: culqi.ReasonCustomerRequest})
	if err != nil {
		return "", fmt.Errorf("refund: %w", err)
	}
	if ch, err = client.Charges.Get(ctx, ch.ID); err != nil {
		return "", fmt.Errorf("get charge: %w", err)
	}
	fmt.Fprintf(w, "refund       %s: %s, charge now holds %s\n", ref.ID, culqiSoles(ref.Amount, ch.CurrencyCode),
		culqiSoles(ch.CurrentAmount, ch.CurrencyCode))
	if ch.CurrentAmount != 7500 {
		return "", fmt.Errorf("remaining amount %d, want 7500", ch.CurrentAmount)
	}

	// 3. Save a card on a customer and charge it in one click.
	cus, err := client.Customers.Create(ctx, &culqi.CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: email,
		Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
	if err != nil {
		return "", fmt.Errorf("customer: %w", err)
	}
	tok, err = client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardMastercard, Email: email})
	if err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	card, err := client.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID})
	if err != nil {
		return "", fmt.Errorf("saved card: %w", err)
	}
	one, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 4990, CurrencyCode: culqi.CurrencyPEN, Email: email,
		SourceID: card.ID, Recurrent: true})
	if err != nil {
		return "", fmt.Errorf("one-click charge: %w", err)
	}
	fmt.Fprintf(w, "saved card   %s of %s, charged %s in one click (%s)\n", card.ID, cus.ID, culqiSoles(one.Amount, one.CurrencyCode), one.ID)

	// 4. A deliberate decline: HTTP 402 with a decline code and the declined charge's id.
	bad, _ := culqitest.DeclinedCard(culqi.DeclineInsufficientFunds)
	tok, err = client.Tokens.Create(ctx, &culqi.TokenParams{Card: bad, Email: email})
	if err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	_, err = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 25000, CurrencyCode: culqi.CurrencyPEN, Email: email, SourceID: tok.ID})
	var ce *culqi.Error
	if !errors.As(err, &ce) || ce.DeclineCode != culqi.DeclineInsufficientFunds {
		return "", fmt.Errorf("expected an insufficient_funds decline, got %v", err)
	}
	fmt.Fprintf(w, "declined     %s: HTTP %d %s/%s (%s), charge %s, tracking id %s\n", culqiSoles(25000, culqi.CurrencyPEN),
		ce.StatusCode, ce.Type, ce.DeclineCode, ce.UserMessage, ce.ChargeID, ce.RequestID)

	return fmt.Sprintf("charged %s, refunded %s, one-click %s, declined %s as %s",
		culqiSoles(10000, "PEN"), culqiSoles(ref.Amount, "PEN"), culqiSoles(one.Amount, "PEN"), culqiSoles(25000, "PEN"), ce.DeclineCode), nil
}
