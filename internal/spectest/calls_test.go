package spectest

import (
	"context"
	"iter"
	"time"

	df "github.com/latampay/latampay-go/digitalfemsa"
)

// call is one public method of package digitalfemsa, invoked with every
// optional parameter set so the whole request is validated. The name is
// "Service.Method" as on *digitalfemsa.Client.
type call struct {
	name string
	do   func(ctx context.Context, c *df.Client) (any, error)
}

// Values the calls send.
var (
	future = time.Now().Add(72 * time.Hour)
	meta   = map[string]string{"spec_ref": "ref-1"}
	page   = &df.ListParams{Limit: 5, Search: "ana"}
	on     = true
)

var orderParams = &df.OrderParams{
	Currency:     "MXN",
	CustomerInfo: df.CustomerInfo{Name: "Ana Pérez", Email: "ana@example.mx", Phone: "5215555555555", Corporate: true},
	LineItems: []df.LineItem{{Name: "Recarga", UnitPrice: 20000, Quantity: 1, SKU: "sku-1", Brand: "Marca",
		Description: "Recarga de saldo", Tags: []string{"recarga"}, Metadata: meta}},
	Charges:  []df.ChargeParams{{Amount: 20000, Type: df.PaymentMethodCash, ExpiresAt: future, ReferenceID: "chg-ref-1"}},
	Metadata: meta,
}

// calls has one line per public method; add a line for each new one.
var calls = []call{
	{"Balance.Get", func(ctx context.Context, c *df.Client) (any, error) { return c.Balance.Get(ctx) }},

	{"Customers.Create", func(ctx context.Context, c *df.Client) (any, error) {
		return c.Customers.Create(ctx, &df.CustomerParams{Name: "Ana", Email: "ana@example.mx", Phone: "5215555555555", Corporate: true, CustomReference: "cus-ref-1", Metadata: meta})
	}},
	{"Customers.Get", func(ctx context.Context, c *df.Client) (any, error) {
		return c.Customers.Get(ctx, "cus_2tKcHxhTz7xU5SymF")
	}},
	{"Customers.Update", func(ctx context.Context, c *df.Client) (any, error) {
		return c.Customers.Update(ctx, "cus_2tKcHxhTz7xU5SymF", &df.CustomerUpdateParams{Name: "Ana", Email: "ana@example.mx", Phone: "5215555555555", Corporate: &on, CustomReference: "cus-ref-1", Metadata: meta})
	}},
	{"Customers.Delete", func(ctx context.Context, c *df.Client) (any, error) {
		return c.Customers.Delete(ctx, "cus_2tKcHxhTz7xU5SymF")
	}},
	{"Customers.List", func(ctx context.Context, c *df.Client) (any, error) { return c.Customers.List(ctx, page) }},
	{"Customers.All", func(ctx context.Context, c *df.Client) (any, error) { return collect(c.Customers.All(ctx, page)) }},

	{"Events.Get", func(ctx context.Context, c *df.Client) (any, error) {
		return c.Events.Get(ctx, "63fe3d2ca2ba6b0001f3f8c1")
	}},
	{"Events.List", func(ctx context.Context, c *df.Client) (any, error) { return c.Events.List(ctx, page) }},
	{"Events.All", func(ctx context.Context, c *df.Client) (any, error) { return collect(c.Events.All(ctx, page)) }},

	{"Orders.Create", func(ctx context.Context, c *df.Client) (any, error) { return c.Orders.Create(ctx, orderParams) }},
	{"Orders.Get", func(ctx context.Context, c *df.Client) (any, error) {
		return c.Orders.Get(ctx, "ord_2tUigJ8DgBhbp6w5D")
	}},
	{"Orders.Update", func(ctx context.Context, c *df.Client) (any, error) {
		return c.Orders.Update(ctx, "ord_2tUigJ8DgBhbp6w5D", &df.OrderUpdateParams{Currency: "MXN", CustomerInfo: &df.CustomerInfo{CustomerID: "cus_2tKcHxhTz7xU5SymF"}, LineItems: orderParams.LineItems, Metadata: meta})
	}},
	{"Orders.Refund", func(ctx context.Context, c *df.Client) (any, error) {
		return c.Orders.Refund(ctx, "ord_2tUigJ8DgBhbp6w5D", &df.RefundParams{Amount: 500, Reason: df.RefundRequestedByClient, ChargeID: "63fe3d2ca2ba6b0001f3f8c2", ExpiresAt: future})
	}},
	{"Orders.List", func(ctx context.Context, c *df.Client) (any, error) { return c.Orders.List(ctx, page) }},
	{"Orders.All", func(ctx context.Context, c *df.Client) (any, error) { return collect(c.Orders.All(ctx, page)) }},

	{"PayoutOrders.Create", func(ctx context.Context, c *df.Client) (any, error) {
		return c.PayoutOrders.Create(ctx, &df.PayoutOrderParams{Amount: 30000, Currency: "MXN", CustomerID: "cus_2tKcHxhTz7xU5SymF", Reason: "Retiro de saldo",
			PayoutMethod: df.PayoutMethodCashout, AllowedPayoutMethods: []string{df.PayoutMethodCashout}, ExpiresAt: future, Metadata: meta})
	}},
	{"PayoutOrders.Get", func(ctx context.Context, c *df.Client) (any, error) {
		return c.PayoutOrders.Get(ctx, "f2654d66-d740-457a-9a8c-f96b5196f44e")
	}},
	{"PayoutOrders.Cancel", func(ctx context.Context, c *df.Client) (any, error) {
		return c.PayoutOrders.Cancel(ctx, "f2654d66-d740-457a-9a8c-f96b5196f44e")
	}},
	{"PayoutOrders.List", func(ctx context.Context, c *df.Client) (any, error) { return c.PayoutOrders.List(ctx, page) }},
	{"PayoutOrders.All", func(ctx context.Context, c *df.Client) (any, error) { return collect(c.PayoutOrders.All(ctx, page)) }},

	{"WebhookKeys.Create", func(ctx context.Context, c *df.Client) (any, error) {
		return c.WebhookKeys.Create(ctx, &df.WebhookKeyParams{Active: &on})
	}},
	{"WebhookKeys.Get", func(ctx context.Context, c *df.Client) (any, error) {
		return c.WebhookKeys.Get(ctx, "62b4b8d1e4f2c5a1b2c3d4e5")
	}},
	{"WebhookKeys.Update", func(ctx context.Context, c *df.Client) (any, error) {
		return c.WebhookKeys.Update(ctx, "62b4b8d1e4f2c5a1b2c3d4e5", &df.WebhookKeyParams{Active: &on})
	}},
	{"WebhookKeys.Delete", func(ctx context.Context, c *df.Client) (any, error) {
		return c.WebhookKeys.Delete(ctx, "62b4b8d1e4f2c5a1b2c3d4e5")
	}},
	{"WebhookKeys.List", func(ctx context.Context, c *df.Client) (any, error) { return c.WebhookKeys.List(ctx, page) }},
	{"WebhookKeys.All", func(ctx context.Context, c *df.Client) (any, error) { return collect(c.WebhookKeys.All(ctx, page)) }},
}

// collect drains an All iterator (at most a few pages: the recording
// server ends a list on its second page).
func collect[T any](seq iter.Seq2[*T, error]) ([]*T, error) {
	var out []*T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
		if len(out) > 100 {
			break
		}
	}
	return out, nil
}
