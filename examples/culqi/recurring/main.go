// Command recurring shows Culqi's recurring payments: a customer, a saved
// card (validated by Culqi), a monthly plan and a subscription, plus a
// one-click charge of the saved card.
//
// Without CULQI_SECRET_KEY it runs against the in-memory fake
// (culqitest); with it, against the real API, using CULQI_PUBLIC_KEY to
// create the token.
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
		fmt.Fprintln(os.Stderr, "recurring:", err)
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
	email := fmt.Sprintf("ana.%d@example.pe", time.Now().Unix()%100000)

	cus, err := c.Customers.Create(ctx, &culqi.CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: email,
		Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
	if err != nil {
		return fmt.Errorf("customer: %w", err)
	}
	fmt.Printf("customer     %s (%s)\n", cus.ID, cus.Email)

	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardMastercard, Email: email})
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID})
	if err != nil {
		return fmt.Errorf("saved card: %w", err)
	}
	fmt.Printf("saved card   %s (%s)\n", card.ID, card.Source.CardNumber)

	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 4990, CurrencyCode: culqi.CurrencyPEN, Email: email,
		SourceID: card.ID, Description: "Compra en un clic", Recurrent: true})
	if err != nil {
		return fmt.Errorf("one-click charge: %w", err)
	}
	fmt.Printf("one-click    %s: %s, %s\n", ch.ID, soles(ch.Amount), ch.Outcome.Type)

	plan, err := c.Plans.Create(ctx, &culqi.PlanParams{Name: "Plan Premium", ShortName: "plan-premium",
		Description: "Suscripción mensual premium", Amount: 2990, Currency: culqi.CurrencyPEN,
		IntervalUnitTime: culqi.IntervalMonthly, IntervalCount: 1})
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	fmt.Printf("plan         %s: %s every month\n", plan.ID, soles(plan.Amount))

	sub, err := c.Subscriptions.Create(ctx, &culqi.SubscriptionParams{CardID: card.ID, PlanID: plan.ID, TermsAccepted: true})
	if err != nil {
		return fmt.Errorf("subscription: %w", err)
	}
	fmt.Printf("subscription %s (status %d), next billing %s\n", sub.ID, sub.Status, sub.NextBillingDate.Format(time.DateOnly))

	if _, err := c.Subscriptions.Cancel(ctx, sub.ID); err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	fmt.Printf("cancelled    %s\n", sub.ID)
	return nil
}
