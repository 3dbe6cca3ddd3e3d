package cubotest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

func exampleCard(number string) cubo.Card {
	return cubo.Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana Pérez"}
}

// The guide's card approves; the fake's insufficient-funds card declines
// with Cubo's own text.
func Example() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tx, _ := client.Transactions.Create(ctx, &cubo.PaymentParams{Amount: 1000, Description: "Pedido 1", Card: exampleCard(cubotest.CardApproved)})
	fmt.Println(tx.Status)
	_, err := client.Transactions.Create(ctx, &cubo.PaymentParams{Amount: 1000, Description: "Pedido 2", Card: exampleCard(cubotest.CardInsufficientFunds)})
	var e *cubo.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, e.Message)
	}
	// Output:
	// SUCCEEDED
	// 400 51 FONDOS INSUFICIENTES
}

// A payment whose answer is lost after Cubo charged reports
// ErrOutcomeUnknown; the fake's records say what happened.
func ExampleServer_InjectFault() {
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	srv.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", Drop: true, After: true})
	_, err := client.Transactions.Create(context.Background(), &cubo.PaymentParams{Amount: 1000, Description: "Pedido 7", Card: exampleCard(cubotest.CardApproved)})
	fmt.Println("unknown:", errors.Is(err, cubo.ErrOutcomeUnknown))
	for _, p := range srv.PaymentsByDescription("Pedido 7") {
		fmt.Println("the fake charged:", p.Status, p.Amount)
	}
	// Output:
	// unknown: true
	// the fake charged: SUCCEEDED 1000
}
