package srpagotest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

func exampleCard(number string) srpago.Card {
	return srpago.Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana López"}
}

// The fake decrypts the envelope like Sr. Pago, approves 4242… and declines
// 4111… with bank code 51.
func Example() {
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for _, number := range []string{srpagotest.CardApproved, srpagotest.CardInsufficientFunds} {
		tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: exampleCard(number)})
		ch, err := client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 29900, Description: "Membresía"})
		var e *srpago.Error
		switch {
		case errors.As(err, &e):
			fmt.Println("declined:", e.Code, e.BankCode)
		case err == nil:
			fmt.Println("approved:", ch.Amount)
		}
	}
	// Output:
	// approved: 29900
	// declined: PaymentException 51
}

// A charge whose answer is lost reports ErrOutcomeUnknown; sending it again
// with the same OrderID is refused instead of charged twice.
func ExampleServer_InjectFault() {
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	params := func() *srpago.ChargeParams {
		tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: exampleCard(srpagotest.CardApproved)})
		return &srpago.ChargeParams{Source: tok.ID, Amount: 29900, Description: "Membresía", OrderID: "order-42"}
	}
	srv.InjectFault(srpagotest.Fault{Match: "POST /v1/payment/card", Status: 502, After: true})
	_, err := client.Charges.Create(ctx, params())
	fmt.Println("lost answer is unknown:", errors.Is(err, srpago.ErrOutcomeUnknown))

	_, err = client.Charges.Create(ctx, params())
	var e *srpago.Error
	fmt.Println("same order again refused:", errors.As(err, &e) && e.Code == srpago.CodeSwitch)
	fmt.Println("charges with that order id:", srv.ChargesWithOrderID("order-42"))
	// Output:
	// lost answer is unknown: true
	// same order again refused: true
	// charges with that order id: 1
}
