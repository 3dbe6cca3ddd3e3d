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
	cko = "42a4c95e-0db2-4ae8-9bb3-ea681acc8281"
	dis = "dis_lin_2tQ974hSHcsdeSZHG"
	whl = "webhl_2svd2sh6GbqzyWBNZ"
	fis = "fis_ent_2tQ8HkkfbauaKP9Ho"
	lin = "line_item_2tQ8HkkfbauaKP9Hp"
	lgi = "6307a60c41de27127515a575"
	ref = "6407b5bee1329a000175ba11"
	src = "src_2tQ974hSHcsdeSZHH"
	shc = "ship_cont_2tQ974hSHcsdeSZHJ"
	shl = "ship_lin_2tQ974hSHcsdeSZHK"
	tax = "tax_lin_2tQ974hSHcsdeSZHL"
	trx = "65412a893cd69a0001c25892"
	trf = "65412a893cd69a0001c25893"
	wbh = "6307a60c41de27127515a576"
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

	orderCharge    = &df.OrderChargeParams{Amount: 20000, Type: df.PaymentMethodCash, ExpiresAt: future, ReferenceID: "chg-ref-2"}
	chargeUpdate   = &df.ChargeUpdateParams{ReferenceID: "chg-ref-3"}
	checkoutParams = &df.CheckoutParams{Name: "Pago de recarga", Type: df.CheckoutTypePaymentLink, Recurrent: true, PaymentsLimitCount: 3,
		AllowedPaymentMethods: []string{"cash"}, NeedsShippingContact: true, StartsAt: time.Now().Add(time.Hour), ExpiresAt: future,
		OrderTemplate: df.CheckoutOrderTemplate{Currency: "MXN", CustomerInfo: &df.CustomerInfo{Name: "Ana", Email: "ana@example.mx", Phone: "5215555555555"},
			LineItems: lineItems, Metadata: meta}}
	amount         = int64(700)
	quantity       = 2
	discountParams = &df.DiscountLineParams{Amount: 500, Code: "PROMO", Type: df.DiscountCoupon}
	discountUpdate = &df.DiscountLineUpdateParams{Amount: &amount, Code: "PROMO2", Type: df.DiscountCampaign}
	fiscalAddress  = df.FiscalAddress{Street1: "Av. Reforma 1", Street2: "Piso 2", PostalCode: "06600", City: "CDMX", State: "CDMX", Country: "MX", Residential: true}
	fiscalParams   = &df.FiscalEntityParams{Address: fiscalAddress, TaxID: "XAXX010101000", Name: "Ana SA", Email: "ana@example.mx", Phone: "5215555555555", Metadata: meta}
	fiscalUpdate   = &df.FiscalEntityUpdateParams{Address: &fiscalAddress, TaxID: "XAXX010101000", Email: "ana@example.mx", Phone: "5215555555555", CompanyName: "Ana SA", Metadata: meta}
	lineItemUpdate = &df.LineItemUpdateParams{Name: "Recarga 2", UnitPrice: &amount, Quantity: &quantity, SKU: "sku-2", Brand: "Marca", Description: "Otra", Tags: []string{"recarga"}, Metadata: meta}
	captureParams  = &df.OrderCaptureParams{Amount: 20000}
	sourceParams   = &df.PaymentSourceParams{Type: df.PaymentSourceCash, ExpiresAt: future}
	sourceUpdate   = &df.PaymentSourceUpdateParams{Name: "Mi efectivo"}
	shipAddress    = df.ShippingAddress{Street1: "Av. Reforma 1", Street2: "Piso 2", PostalCode: "06600", City: "CDMX", State: "CDMX", Country: "MX", Residential: &on}
	shipContact    = &df.ShippingContactParams{Address: shipAddress, Phone: "5215555555555", Receiver: "Ana", BetweenStreets: "Insurgentes y Sevilla", Default: &on, Metadata: meta}
	shipUpdate     = &df.ShippingContactUpdateParams{Address: &shipAddress, Phone: "5215555555555", Receiver: "Ana", BetweenStreets: "Insurgentes y Sevilla", Default: &on}
	shipLine       = &df.ShippingLineParams{Amount: 1500, Carrier: "DHL", TrackingNumber: "TRK1", Method: "pickup", Description: "Envío", Metadata: meta}
	taxParams      = &df.TaxLineParams{Amount: 300, Description: "IVA", Metadata: meta}
	taxUpdate      = &df.TaxLineUpdateParams{Amount: &amount, Description: "IVA 16", Metadata: meta}
	trxPage        = &df.TransactionListParams{Limit: 5, ID: trx, ChargeID: chg, Type: df.TransactionCapture, Currency: "MXN"}
	webhookParams  = &df.WebhookParams{URL: "https://example.mx/hooks", Synchronous: true}
	webhookUpdate  = &df.WebhookUpdateParams{URL: "https://example.mx/hooks2", Synchronous: &on, Events: []string{"order.paid"}}
	webhookPage    = &df.WebhookListParams{ListParams: df.ListParams{Limit: 5, Search: "hooks"}, URL: "https://example.mx/hooks"}
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

	{"Charges.Create", func(ctx cx, c cl) (any, error) { return c.Charges.Create(ctx, ord, orderCharge) }},
	{"Charges.Update", func(ctx cx, c cl) (any, error) { return c.Charges.Update(ctx, chg, chargeUpdate) }},
	{"Charges.List", func(ctx cx, c cl) (any, error) { return c.Charges.List(ctx, page) }},
	{"Charges.All", func(ctx cx, c cl) (any, error) { return collect(c.Charges.All(ctx, page)) }},

	{"Checkouts.Create", func(ctx cx, c cl) (any, error) { return c.Checkouts.Create(ctx, checkoutParams) }},
	{"Checkouts.Get", func(ctx cx, c cl) (any, error) { return c.Checkouts.Get(ctx, cko) }},
	{"Checkouts.Cancel", func(ctx cx, c cl) (any, error) { return c.Checkouts.Cancel(ctx, cko) }},
	{"Checkouts.Email", func(ctx cx, c cl) (any, error) { return c.Checkouts.Email(ctx, cko, "ana@example.mx") }},
	{"Checkouts.List", func(ctx cx, c cl) (any, error) { return c.Checkouts.List(ctx, page) }},
	{"Checkouts.All", func(ctx cx, c cl) (any, error) { return collect(c.Checkouts.All(ctx, page)) }},

	{"DiscountLines.Create", func(ctx cx, c cl) (any, error) { return c.DiscountLines.Create(ctx, ord, discountParams) }},
	{"DiscountLines.Get", func(ctx cx, c cl) (any, error) { return c.DiscountLines.Get(ctx, ord, dis) }},
	{"DiscountLines.Update", func(ctx cx, c cl) (any, error) { return c.DiscountLines.Update(ctx, ord, dis, discountUpdate) }},
	{"DiscountLines.Delete", func(ctx cx, c cl) (any, error) { return c.DiscountLines.Delete(ctx, ord, dis) }},
	{"DiscountLines.List", func(ctx cx, c cl) (any, error) { return c.DiscountLines.List(ctx, ord, page) }},
	{"DiscountLines.All", func(ctx cx, c cl) (any, error) { return collect(c.DiscountLines.All(ctx, ord, page)) }},

	{"Events.Resend", func(ctx cx, c cl) (any, error) { return c.Events.Resend(ctx, evt, whl) }},

	{"FiscalEntities.Create", func(ctx cx, c cl) (any, error) { return c.FiscalEntities.Create(ctx, cus, fiscalParams) }},
	{"FiscalEntities.Update", func(ctx cx, c cl) (any, error) { return c.FiscalEntities.Update(ctx, cus, fis, fiscalUpdate) }},

	{"LineItems.Create", func(ctx cx, c cl) (any, error) { return c.LineItems.Create(ctx, ord, &lineItems[0]) }},
	{"LineItems.Update", func(ctx cx, c cl) (any, error) { return c.LineItems.Update(ctx, ord, lin, lineItemUpdate) }},
	{"LineItems.Delete", func(ctx cx, c cl) (any, error) { return c.LineItems.Delete(ctx, ord, lin) }},

	{"Logs.Get", func(ctx cx, c cl) (any, error) { return c.Logs.Get(ctx, lgi) }},
	{"Logs.List", func(ctx cx, c cl) (any, error) { return c.Logs.List(ctx, page) }},
	{"Logs.All", func(ctx cx, c cl) (any, error) { return collect(c.Logs.All(ctx, page)) }},

	{"Orders.Cancel", func(ctx cx, c cl) (any, error) { return c.Orders.Cancel(ctx, ord) }},
	{"Orders.Capture", func(ctx cx, c cl) (any, error) { return c.Orders.Capture(ctx, ord, captureParams) }},
	{"Orders.CancelRefund", func(ctx cx, c cl) (any, error) { return c.Orders.CancelRefund(ctx, ord, ref) }},

	{"PaymentSources.Create", func(ctx cx, c cl) (any, error) { return c.PaymentSources.Create(ctx, cus, sourceParams) }},
	{"PaymentSources.Update", func(ctx cx, c cl) (any, error) { return c.PaymentSources.Update(ctx, cus, src, sourceUpdate) }},
	{"PaymentSources.Delete", func(ctx cx, c cl) (any, error) { return c.PaymentSources.Delete(ctx, cus, src) }},
	{"PaymentSources.List", func(ctx cx, c cl) (any, error) { return c.PaymentSources.List(ctx, cus, page) }},
	{"PaymentSources.All", func(ctx cx, c cl) (any, error) { return collect(c.PaymentSources.All(ctx, cus, page)) }},

	{"ShippingContacts.Create", func(ctx cx, c cl) (any, error) { return c.ShippingContacts.Create(ctx, cus, shipContact) }},
	{"ShippingContacts.Update", func(ctx cx, c cl) (any, error) { return c.ShippingContacts.Update(ctx, cus, shc, shipUpdate) }},
	{"ShippingContacts.Delete", func(ctx cx, c cl) (any, error) { return c.ShippingContacts.Delete(ctx, cus, shc) }},

	{"ShippingLines.Create", func(ctx cx, c cl) (any, error) { return c.ShippingLines.Create(ctx, ord, shipLine) }},
	{"ShippingLines.Update", func(ctx cx, c cl) (any, error) { return c.ShippingLines.Update(ctx, ord, shl, shipLine) }},
	{"ShippingLines.Delete", func(ctx cx, c cl) (any, error) { return c.ShippingLines.Delete(ctx, ord, shl) }},

	{"TaxLines.Create", func(ctx cx, c cl) (any, error) { return c.TaxLines.Create(ctx, ord, taxParams) }},
	{"TaxLines.Update", func(ctx cx, c cl) (any, error) { return c.TaxLines.Update(ctx, ord, tax, taxUpdate) }},
	{"TaxLines.Delete", func(ctx cx, c cl) (any, error) { return c.TaxLines.Delete(ctx, ord, tax) }},

	{"Transactions.Get", func(ctx cx, c cl) (any, error) { return c.Transactions.Get(ctx, trx) }},
	{"Transactions.List", func(ctx cx, c cl) (any, error) { return c.Transactions.List(ctx, trxPage) }},
	{"Transactions.All", func(ctx cx, c cl) (any, error) { return collect(c.Transactions.All(ctx, trxPage)) }},

	{"Transfers.Get", func(ctx cx, c cl) (any, error) { return c.Transfers.Get(ctx, trf) }},
	{"Transfers.List", func(ctx cx, c cl) (any, error) { return c.Transfers.List(ctx, page) }},
	{"Transfers.All", func(ctx cx, c cl) (any, error) { return collect(c.Transfers.All(ctx, page)) }},

	{"Webhooks.Create", func(ctx cx, c cl) (any, error) { return c.Webhooks.Create(ctx, webhookParams) }},
	{"Webhooks.Get", func(ctx cx, c cl) (any, error) { return c.Webhooks.Get(ctx, wbh) }},
	{"Webhooks.Update", func(ctx cx, c cl) (any, error) { return c.Webhooks.Update(ctx, wbh, webhookUpdate) }},
	{"Webhooks.Delete", func(ctx cx, c cl) (any, error) { return c.Webhooks.Delete(ctx, wbh) }},
	{"Webhooks.Test", func(ctx cx, c cl) (any, error) { return c.Webhooks.Test(ctx, wbh) }},
	{"Webhooks.List", func(ctx cx, c cl) (any, error) { return c.Webhooks.List(ctx, webhookPage) }},
	{"Webhooks.All", func(ctx cx, c cl) (any, error) { return collect(c.Webhooks.All(ctx, webhookPage)) }},
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
