// Package checkout shows how to test your own code that uses latampay-go:
// against the fake server of the provider (checkout_test.go), and with
// httpmock when a test needs an exact answer. It is an example package, not
// a program.
package checkout

import (
	"context"
	"fmt"

	"github.com/latampay/latampay-go/culqi"
)

// Charger is the one method the shop needs: declare your own small
// interface, and both *culqi.ChargeService and a stub satisfy it.
type Charger interface {
	Create(ctx context.Context, p *culqi.ChargeParams) (*culqi.Charge, error)
}

// Pay charges an order paid with the token of a card.
func Pay(ctx context.Context, charges Charger, orderID, email, token string, cents int64) (string, error) {
	ch, err := charges.Create(ctx, &culqi.ChargeParams{
		Amount: cents, CurrencyCode: culqi.CurrencyPEN, Email: email, SourceID: token,
		Description: "Pedido " + orderID, Metadata: map[string]string{"order_id": orderID},
	})
	if err != nil {
		return "", fmt.Errorf("paying order %s: %w", orderID, err)
	}
	return ch.ID, nil
}
