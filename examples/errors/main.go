// Command errors shows how latampay-go reports failures, against the Culqi
// fake: a decline as a typed *culqi.Error, bad input refused before any I/O
// with ErrInvalidParams, and a charge whose answer was lost (the fake
// charges, then answers 504) reported as ErrOutcomeUnknown and reconciled
// through the read API instead of being charged again. describe shows the
// errors.As checks for all five providers.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/srpago"
)

// describe turns any latampay-go error into one line for a log or a
// support ticket. The sentinels are shared by the five packages.
func describe(err error) string {
	var (
		culqiErr *culqi.Error
		femsaErr *digitalfemsa.Error
		pagoErr  *srpago.Error
		cuboErr  *cubo.Error
		nomiErr  *nominapp.Error
	)
	switch {
	case errors.Is(err, culqi.ErrInvalidParams):
		return "refused before sending: " + err.Error() // nothing left the process
	case errors.Is(err, culqi.ErrOutcomeUnknown):
		return "outcome unknown, reconcile before retrying: " + err.Error()
	case errors.As(err, &culqiErr):
		return fmt.Sprintf("culqi %d %s/%s decline=%q tracking=%s", culqiErr.StatusCode, culqiErr.Type, culqiErr.Code, culqiErr.DeclineCode, culqiErr.RequestID)
	case errors.As(err, &femsaErr):
		return fmt.Sprintf("digitalfemsa %d %s log=%s", femsaErr.StatusCode, femsaErr.Type, femsaErr.LogID)
	case errors.As(err, &pagoErr):
		return fmt.Sprintf("srpago %d %s bank=%s %s", pagoErr.StatusCode, pagoErr.Code, pagoErr.BankCode, pagoErr.BankMessage)
	case errors.As(err, &cuboErr):
		return fmt.Sprintf("cubo %d code=%s %s", cuboErr.StatusCode, cuboErr.Code, cuboErr.Message)
	case errors.As(err, &nomiErr):
		return fmt.Sprintf("nominapp %d %d error item(s)", nomiErr.StatusCode, len(nomiErr.Items))
	}
	return "other: " + err.Error() // a context error, a connection failure…
}

func main() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	email := "ana@example.pe"

	// A decline: a typed error with Culqi's decline code.
	declined, _ := culqitest.DeclinedCard(culqi.DeclineInsufficientFunds)
	_, err := charge(ctx, client, declined, email, 25000)
	fmt.Println("decline:      ", describe(err))

	// Bad input: refused before any I/O, naming the field.
	_, err = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 0, CurrencyCode: "PEN", Email: email, SourceID: "tkn_x"})
	fmt.Println("invalid:      ", describe(err))

	// A lost answer: the fake charges the card, then answers 504.
	srv.InjectFault(culqitest.Fault{Match: "POST /v2/charges", Status: 504, After: true})
	_, err = charge(ctx, client, culqitest.CardVisa, email, 12345)
	fmt.Println("lost answer:  ", describe(err))
	var u *culqi.OutcomeUnknownError
	if !errors.As(err, &u) {
		log.Fatal("expected ErrOutcomeUnknown")
	}

	// Reconcile: one call, with the key and the time the error carries.
	ch, err := client.Charges.Reconcile(ctx, u.Key, u.SentAt)
	switch {
	case errors.Is(err, culqi.ErrNotFound):
		fmt.Println("reconciled:    not charged; charge again with a new key")
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Println("reconciled:    the charge went through as", ch.ID, "- do not charge again")
	}
}

func charge(ctx context.Context, c *culqi.Client, card culqi.Card, email string, amount int64) (*culqi.Charge, error) {
	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: email})
	if err != nil {
		return nil, err
	}
	return c.Charges.Create(ctx, &culqi.ChargeParams{Amount: amount, CurrencyCode: "PEN", Email: email, SourceID: tok.ID})
}
