package srpago

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

func TestValidationBeforeIO(t *testing.T) {
	t.Parallel()
	future := time.Now().Year() + 2
	good := Card{Number: "4242424242424242", CVV: "123", ExpMonth: 9, ExpYear: future, HolderName: "Ana"}
	withCard := func(mod func(*Card)) *TokenParams { c := good; mod(&c); return &TokenParams{Card: c} }
	charge := func(mod func(*ChargeParams)) *ChargeParams {
		p := &ChargeParams{Source: "crd_1", Amount: 100, Description: "x"}
		mod(p)
		return p
	}
	tests := []struct {
		name, field string
		call        func(c *Client) error
	}{
		{"customer nil", "CustomerParams", func(c *Client) error { _, err := c.Customers.Create(ctx, nil); return err }},
		{"customer name", "Name", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Email: "a@b.mx"})
			return err
		}},
		{"customer email missing", "Email", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "A"})
			return err
		}},
		{"customer email bad", "Email", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "A", Email: "not an email"})
			return err
		}},
		{"customer email with name", "Email", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "A", Email: "Ana <a@b.mx>"})
			return err
		}},
		{"update nothing", "CustomerParams", func(c *Client) error { _, err := c.Customers.Update(ctx, "cus_1", &CustomerParams{}); return err }},
		{"update bad email", "Email", func(c *Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &CustomerParams{Email: "x"})
			return err
		}},
		{"update nil", "CustomerParams", func(c *Client) error { _, err := c.Customers.Update(ctx, "cus_1", nil); return err }},
		{"update no id", "id", func(c *Client) error { _, err := c.Customers.Update(ctx, "", &CustomerParams{Name: "A"}); return err }},
		{"get no id", "id", func(c *Client) error { _, err := c.Customers.Get(ctx, ""); return err }},
		{"delete no id", "id", func(c *Client) error { return c.Customers.Delete(ctx, "") }},
		{"list negative limit", "Limit", func(c *Client) error {
			_, err := c.Customers.List(ctx, &CustomerListParams{Limit: -1})
			return err
		}},
		{"list negative offset", "Offset", func(c *Client) error {
			_, err := c.Operations.List(ctx, &OperationListParams{Offset: -1})
			return err
		}},
		{"operations dates reversed", "EndDate", func(c *Client) error {
			_, err := c.Operations.List(ctx, &OperationListParams{StartDate: time.Now(), EndDate: time.Now().AddDate(0, 0, -1)})
			return err
		}},
		{"operation no id", "transactionID", func(c *Client) error { _, err := c.Operations.Get(ctx, ""); return err }},
		{"card add no customer", "customerID", func(c *Client) error { _, err := c.Cards.Add(ctx, "", "tok_1"); return err }},
		{"card add crd", "tokenID", func(c *Client) error { _, err := c.Cards.Add(ctx, "cus_1", "crd_1"); return err }},
		{"card list no customer", "customerID", func(c *Client) error { _, err := c.Cards.List(ctx, ""); return err }},
		{"card delete no token", "cardToken", func(c *Client) error { return c.Cards.Delete(ctx, "cus_1", "") }},
		{"token nil", "TokenParams", func(c *Client) error { _, err := c.Tokens.Create(ctx, nil); return err }},
		{"token luhn", "Card.Number", func(c *Client) error {
			_, err := c.Tokens.Create(ctx, withCard(func(c *Card) { c.Number = "4242424242424241" }))
			return err
		}},
		{"token expired", "Card.ExpYear", func(c *Client) error {
			_, err := c.Tokens.Create(ctx, withCard(func(c *Card) { c.ExpYear = 2020 }))
			return err
		}},
		{"token month", "Card.ExpMonth", func(c *Client) error {
			_, err := c.Tokens.Create(ctx, withCard(func(c *Card) { c.ExpMonth = 13 }))
			return err
		}},
		{"token cvv", "Card.CVV", func(c *Client) error {
			_, err := c.Tokens.Create(ctx, withCard(func(c *Card) { c.CVV = "12" }))
			return err
		}},
		{"token holder", "Card.HolderName", func(c *Client) error {
			_, err := c.Tokens.Create(ctx, withCard(func(c *Card) { c.HolderName = " " }))
			return err
		}},
		{"charge nil", "ChargeParams", func(c *Client) error { _, err := c.Charges.Create(ctx, nil); return err }},
		{"charge no source", "Source", func(c *Client) error {
			_, err := c.Charges.Create(ctx, charge(func(p *ChargeParams) { p.Source = "" }))
			return err
		}},
		{"charge raw PAN as source", "Source", func(c *Client) error {
			_, err := c.Charges.Create(ctx, charge(func(p *ChargeParams) { p.Source = "4242424242424242" }))
			return err
		}},
		{"charge below $1.00", "Amount", func(c *Client) error {
			_, err := c.Charges.Create(ctx, charge(func(p *ChargeParams) { p.Amount = 99 }))
			return err
		}},
		{"charge negative", "Amount", func(c *Client) error {
			_, err := c.Charges.Create(ctx, charge(func(p *ChargeParams) { p.Amount = -500 }))
			return err
		}},
		{"charge currency", "Currency", func(c *Client) error {
			_, err := c.Charges.Create(ctx, charge(func(p *ChargeParams) { p.Currency = "USD" }))
			return err
		}},
		{"charge description", "Description", func(c *Client) error {
			_, err := c.Charges.Create(ctx, charge(func(p *ChargeParams) { p.Description = "" }))
			return err
		}},
		{"charge months", "Months", func(c *Client) error {
			_, err := c.Charges.Create(ctx, charge(func(p *ChargeParams) { p.Months = 4 }))
			return err
		}},
		{"charge ip", "IP", func(c *Client) error {
			_, err := c.Charges.Create(ctx, charge(func(p *ChargeParams) { p.IP = "300.1.1.1" }))
			return err
		}},
		{"reverse no id", "transactionID", func(c *Client) error { _, err := c.Charges.Reverse(ctx, ""); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			err := tt.call(c)
			require.ErrorIs(t, err, ErrInvalidParams)
			var pe *transport.ParamError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.field, pe.Field)
			assert.Equal(t, 0, mt.GetTotalCallCount(), "nothing sent")
		})
	}
}
