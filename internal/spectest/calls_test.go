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
	do   func(ctx cx, c cl) (any, error)
}

// Short names keep each line of the table on one line.
type (
	cx = context.Context
	cl = *df.Client
)

// Ids and params the calls send.
const (
	cus = "cus_2tKcHxhTz7xU5SymF"
	ord = "ord_2tUigJ8DgBhbp6w5D"
	chg = "63fe3d2ca2ba6b0001f3f8c2"
	evt = "63fe3d2ca2ba6b0001f3f8c1"
	whk = "62b4b8d1e4f2c5a1b2c3d4e5"
	pyo = "f2654d66-d740-457a-9a8c-f96b5196f44e"
)

var (
	future = time.Now().Add(72 * time.Hour)
	meta   = map[string]string{"spec_ref": "ref-1"}
	page   = &df.ListParams{Limit: 5, Search: "ana"}
	on     = true

	customerParams = &df.CustomerParams{Name: "Ana", Email: "ana@example.mx", Phone: "5215555555555", Corporate: true,
		CustomReference: "cus-ref-1", Metadata: meta}
	customerUpdate = &df.CustomerUpdateParams{Name: "Ana", Email: "ana@example.mx", Phone: "5215555555555", Corporate: &on,
		CustomReference: "cus-ref-1", Metadata: meta}
	lineItems = []df.LineItem{{Name: "Recarga", UnitPrice: 20000, Quantity: 1, SKU: "sku-1", Brand: "Marca",
		Description: "Recarga de saldo", Tags: []string{"recarga"}, Metadata: meta}}
	orderParams = &df.OrderParams{Currency: "MXN", LineItems: lineItems, Metadata: meta,
		CustomerInfo: df.CustomerInfo{Name: "Ana Pérez", Email: "ana@example.mx", Phone: "5215555555555", Corporate: true},
		Charges:      []df.ChargeParams{{Amount: 20000, Type: df.PaymentMethodCash, ExpiresAt: future, ReferenceID: "chg-ref-1"}}}
	orderUpdate = &df.OrderUpdateParams{Currency: "MXN", CustomerInfo: &df.CustomerInfo{CustomerID: cus}, LineItems: lineItems,
		Metadata: meta}
	refundParams = &df.RefundParams{Amount: 500, Reason: df.RefundRequestedByClient, ChargeID: chg, ExpiresAt: future}
	payoutParams = &df.PayoutOrderParams{Amount: 30000, Currency: "MXN", CustomerID: cus, Reason: "Retiro de saldo",
		PayoutMethod: df.PayoutMethodCashout, AllowedPayoutMethods: []string{df.PayoutMethodCashout}, ExpiresAt: future, Metadata: meta}
	webhookKeyParams = &df.WebhookKeyParams{Active: &on}
)

// calls has one line per public method; add a line for each new one.
var calls = []call{
	{"Balance.Get", func(ctx cx, c cl) (any, error) { return c.Balance.Get(ctx) }},

	{"Customers.Create", func(ctx cx, c cl) (any, error) { return c.Customers.Create(ctx, customerParams) }},
	{"Customers.Get", func(ctx cx, c cl) (any, error) { return c.Customers.Get(ctx, cus) }},
	{"Customers.Update", func(ctx cx, c cl) (any, error) { return c.Customers.Update(ctx, cus, customerUpdate) }},
	{"Customers.Delete", func(ctx cx, c cl) (any, error) { return c.Customers.Delete(ctx, cus) }},
	{"Customers.List", func(ctx cx, c cl) (any, error) { return c.Customers.List(ctx, page) }},
	{"Customers.All", func(ctx cx, c cl) (any, error) { return collect(c.Customers.All(ctx, page)) }},

	{"Events.Get", func(ctx cx, c cl) (any, error) { return c.Events.Get(ctx, evt) }},
	{"Events.List", func(ctx cx, c cl) (any, error) { return c.Events.List(ctx, page) }},
	{"Events.All", func(ctx cx, c cl) (any, error) { return collect(c.Events.All(ctx, page)) }},

	{"Orders.Create", func(ctx cx, c cl) (any, error) { return c.Orders.Create(ctx, orderParams) }},
	{"Orders.Get", func(ctx cx, c cl) (any, error) { return c.Orders.Get(ctx, ord) }},
	{"Orders.Update", func(ctx cx, c cl) (any, error) { return c.Orders.Update(ctx, ord, orderUpdate) }},
	{"Orders.Refund", func(ctx cx, c cl) (any, error) { return c.Orders.Refund(ctx, ord, refundParams) }},
	{"Orders.List", func(ctx cx, c cl) (any, error) { return c.Orders.List(ctx, page) }},
	{"Orders.All", func(ctx cx, c cl) (any, error) { return collect(c.Orders.All(ctx, page)) }},

	{"PayoutOrders.Create", func(ctx cx, c cl) (any, error) { return c.PayoutOrders.Create(ctx, payoutParams) }},
	{"PayoutOrders.Get", func(ctx cx, c cl) (any, error) { return c.PayoutOrders.Get(ctx, pyo) }},
	{"PayoutOrders.Cancel", func(ctx cx, c cl) (any, error) { return c.PayoutOrders.Cancel(ctx, pyo) }},
	{"PayoutOrders.List", func(ctx cx, c cl) (any, error) { return c.PayoutOrders.List(ctx, page) }},
	{"PayoutOrders.All", func(ctx cx, c cl) (any, error) { return collect(c.PayoutOrders.All(ctx, page)) }},

	{"WebhookKeys.Create", func(ctx cx, c cl) (any, error) { return c.WebhookKeys.Create(ctx, webhookKeyParams) }},
	{"WebhookKeys.Get", func(ctx cx, c cl) (any, error) { return c.WebhookKeys.Get(ctx, whk) }},
	{"WebhookKeys.Update", func(ctx cx, c cl) (any, error) { return c.WebhookKeys.Update(ctx, whk, webhookKeyParams) }},
	{"WebhookKeys.Delete", func(ctx cx, c cl) (any, error) { return c.WebhookKeys.Delete(ctx, whk) }},
	{"WebhookKeys.List", func(ctx cx, c cl) (any, error) { return c.WebhookKeys.List(ctx, page) }},
	{"WebhookKeys.All", func(ctx cx, c cl) (any, error) { return collect(c.WebhookKeys.All(ctx, page)) }},
}

// minimalCalls send only what each method requires: the spec must accept
// those requests too (a field it requires that the SDK leaves optional
// shows here).
var minimalCalls = []call{
	{"Customers.Create", func(ctx cx, c cl) (any, error) { return c.Customers.Create(ctx, minCustomer) }},
	{"Customers.List", func(ctx cx, c cl) (any, error) { return c.Customers.List(ctx, nil) }},
	{"Orders.Create", func(ctx cx, c cl) (any, error) { return c.Orders.Create(ctx, minOrder) }},
	{"Orders.Update", func(ctx cx, c cl) (any, error) { return c.Orders.Update(ctx, ord, minOrderUpdate) }},
	{"Orders.Refund", func(ctx cx, c cl) (any, error) { return c.Orders.Refund(ctx, ord, minRefund) }},
	{"PayoutOrders.Create", func(ctx cx, c cl) (any, error) { return c.PayoutOrders.Create(ctx, minPayout) }},
	{"WebhookKeys.Create", func(ctx cx, c cl) (any, error) { return c.WebhookKeys.Create(ctx, &df.WebhookKeyParams{}) }},
}

var (
	minCustomer    = &df.CustomerParams{Name: "Ana", Email: "ana@example.mx"}
	minOrder       = &df.OrderParams{CustomerInfo: df.CustomerInfo{CustomerID: cus}, LineItems: []df.LineItem{{Name: "Recarga", UnitPrice: 100, Quantity: 1}}}
	minOrderUpdate = &df.OrderUpdateParams{Metadata: meta}
	minRefund      = &df.RefundParams{Amount: 100, Reason: df.RefundOther}
	minPayout      = &df.PayoutOrderParams{Amount: 30000, CustomerID: cus, Reason: "Retiro"}
)

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
