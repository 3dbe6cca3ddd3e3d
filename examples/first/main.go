// Command first is the README's first program: tokenize a card and charge
// it with Culqi. It runs against the in-memory fake, so it needs no network
// and no keys; swap culqitest for culqi.NewClient(secretKey,
// culqi.WithPublicKey(publicKey)) to talk to Culqi.
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

func main() {
	srv := culqitest.NewServer() // a fake Culqi on localhost
	defer srv.Close()
	client := srv.Client() // or: culqi.NewClient("sk_test_…", culqi.WithPublicKey("pk_test_…"))
	ctx := context.Background()

	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{
		Card:  culqi.Card{Number: "4111 1111 1111 1111", CVV: "123", ExpMonth: 9, ExpYear: 2030},
		Email: "ana@example.pe",
	})
	if err != nil {
		log.Fatal(err)
	}
	ch, err := client.Charges.Create(ctx, &culqi.ChargeParams{
		Amount: 10000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("charged S/ %d.%02d: %s (%s)\n", ch.Amount/100, ch.Amount%100, ch.ID, ch.Outcome.Type)
}
