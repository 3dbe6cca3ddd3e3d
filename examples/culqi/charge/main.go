// Command charge shows Culqi's headline flow: tokenize a card, charge it,
// refund part of it, and list the charges of the payer.
//
// Without CULQI_SECRET_KEY it runs against the in-memory fake
// (culqitest); with it, against the real API (test keys: sk_test_…), using
// CULQI_PUBLIC_KEY to create the token.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "charge:", err)
		os.Exit(1)
	}
}

func soles(cents int64) string { return fmt.Sprintf("S/ %d.%02d", cents/100, cents%100) }

func client() (*culqi.Client, func(), error) {
	sk := os.Getenv("CULQI_SECRET_KEY")
	if sk == "" {
		srv := culqitest.NewServer()
		fmt.Println("(offline: using the culqitest fake; set CULQI_SECRET_KEY and CULQI_PUBLIC_KEY for the real API)")
		return srv.Client(), srv.Close, nil
	}
	opts := []culqi.Option{}
	if pk := os.Getenv("CULQI_PUBLIC_KEY"); pk != "" {
		opts = append(opts, culqi.WithPublicKey(pk))
	}
	c, err := culqi.NewClient(sk, opts...)
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
	email := "ana.quispe@example.pe"

	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: email})
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	fmt.Printf("token   %s for %s (%s %s)\n", tok.ID, tok.CardNumber, tok.IIN.CardBrand, tok.IIN.CardType)

	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 15000, CurrencyCode: culqi.CurrencyPEN, Email: email,
		SourceID: tok.ID, Description: "Zapatillas talla 40", Metadata: map[string]string{"order": "A-1001"}})
	if err != nil {
		return fmt.Errorf("charge: %w", err)
	}
	fmt.Printf("charge  %s: %s, %s (%s)\n", ch.ID, soles(ch.Amount), ch.Outcome.Type, ch.Outcome.MerchantMessage)
	if ch.Outcome.Type != culqi.OutcomeSuccess {
		return fmt.Errorf("charge not successful: %s", ch.Outcome.Type)
	}

	ref, err := c.Refunds.Create(ctx, &culqi.RefundParams{Amount: 5000, ChargeID: ch.ID, Reason: culqi.ReasonCustomerRequest})
	if err != nil {
		return fmt.Errorf("refund: %w", err)
	}
	fmt.Printf("refund  %s: %s (%s)\n", ref.ID, soles(ref.Amount), ref.Reason)

	ch, err = c.Charges.Get(ctx, ch.ID)
	if err != nil {
		return fmt.Errorf("get charge: %w", err)
	}
	fmt.Printf("charge  %s now holds %s of %s\n", ch.ID, soles(ch.CurrentAmount), soles(ch.Amount))
	if ch.CurrentAmount != 10000 {
		return fmt.Errorf("unexpected remaining amount %d", ch.CurrentAmount)
	}

	n := 0
	for listed, err := range c.Charges.All(ctx, &culqi.ChargeListParams{Email: email, Limit: 50,
		CreationDateFrom: time.Now().Add(-24 * time.Hour)}) {
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		n++
		fmt.Printf("listed  %s %s %s\n", listed.ID, soles(listed.Amount), listed.CreationDate.Format(time.RFC3339))
		if n == 10 {
			break
		}
	}
	if n == 0 {
		return fmt.Errorf("the charge is missing from the list")
	}
	return nil
}
