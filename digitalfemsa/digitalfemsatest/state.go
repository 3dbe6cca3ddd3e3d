package digitalfemsatest

import (
	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// The fake's state, typed: each method returns what a GET of the API
// would answer now, decoded into the digitalfemsa package's own types (a
// copy: changing it changes nothing in the fake). Lists are in creation
// order; a lookup by id reports false for an unknown id. Ledger stays the
// count of what was carried out for a metadata entry.

// Customers returns every customer the fake holds.
func (s *Server) Customers() []*digitalfemsa.Customer {
	return fakeapi.AsAll[digitalfemsa.Customer](s.customers.All())
}

// Customer returns the customer id, and whether there is one.
func (s *Server) Customer(id string) (*digitalfemsa.Customer, bool) {
	return fakeapi.AsOne[digitalfemsa.Customer](s.customers.Get(id))
}

// CustomersWithMetadata returns the customers whose metadata holds key
// with value.
func (s *Server) CustomersWithMetadata(key, value string) []*digitalfemsa.Customer {
	return fakeapi.AsAll[digitalfemsa.Customer](s.customers.WithMetadata(key, value))
}

// Orders returns every order the fake holds, with its charges and lines.
func (s *Server) Orders() []*digitalfemsa.Order {
	return fakeapi.AsAll[digitalfemsa.Order](s.orders.All())
}

// Order returns the order id, and whether there is one.
func (s *Server) Order(id string) (*digitalfemsa.Order, bool) {
	return fakeapi.AsOne[digitalfemsa.Order](s.orders.Get(id))
}

// OrdersWithMetadata returns the orders whose metadata holds key with
// value (ReconcileMetadataKey finds the order a reconciliation key made).
func (s *Server) OrdersWithMetadata(key, value string) []*digitalfemsa.Order {
	return fakeapi.AsAll[digitalfemsa.Order](s.orders.WithMetadata(key, value))
}

// Charges returns the charges of every order, order by order.
func (s *Server) Charges() []*digitalfemsa.Charge {
	var out []*digitalfemsa.Charge
	for _, o := range s.orders.All() {
		for _, c := range o.Charges.Data {
			out = append(out, fakeapi.As[digitalfemsa.Charge](listedCharge(c)))
		}
	}
	return out
}

// Charge returns the charge id (of any order), and whether there is one.
func (s *Server) Charge(id string) (*digitalfemsa.Charge, bool) {
	for _, c := range s.Charges() {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}

// PayoutOrders returns every payout order the fake holds.
func (s *Server) PayoutOrders() []*digitalfemsa.PayoutOrder {
	return fakeapi.AsAll[digitalfemsa.PayoutOrder](s.payouts.All())
}

// PayoutOrder returns the payout order id, and whether there is one.
func (s *Server) PayoutOrder(id string) (*digitalfemsa.PayoutOrder, bool) {
	return fakeapi.AsOne[digitalfemsa.PayoutOrder](s.payouts.Get(id))
}

// PayoutOrdersWithMetadata returns the payout orders whose metadata holds
// key with value.
func (s *Server) PayoutOrdersWithMetadata(key, value string) []*digitalfemsa.PayoutOrder {
	return fakeapi.AsAll[digitalfemsa.PayoutOrder](s.payouts.WithMetadata(key, value))
}

// Events returns every event the fake recorded, oldest first, each with
// its webhook logs as the deliveries so far left them.
func (s *Server) Events() []*digitalfemsa.Event {
	s.refreshWebhookLogs()
	return fakeapi.AsAll[digitalfemsa.Event](s.events.All())
}

// Event returns the event id, and whether there is one.
func (s *Server) Event(id string) (*digitalfemsa.Event, bool) {
	s.refreshWebhookLogs()
	return fakeapi.AsOne[digitalfemsa.Event](s.events.Get(id))
}

// Checkouts returns every payment link the fake holds.
func (s *Server) Checkouts() []*digitalfemsa.Checkout {
	x := s.x
	if x == nil {
		return nil
	}
	return fakeapi.AsAll[digitalfemsa.Checkout](x.checkouts.All())
}

// Checkout returns the payment link id, and whether there is one.
func (s *Server) Checkout(id string) (*digitalfemsa.Checkout, bool) {
	x := s.x
	if x == nil {
		return nil, false
	}
	return fakeapi.AsOne[digitalfemsa.Checkout](x.checkouts.Get(id))
}

// Webhooks returns every webhook registered with POST /webhooks (and not
// deleted).
func (s *Server) Webhooks() []*digitalfemsa.Webhook {
	x := s.x
	if x == nil {
		return nil
	}
	return fakeapi.AsAll[digitalfemsa.Webhook](x.webhooks.All())
}

// Webhook returns the registered webhook id, and whether there is one.
func (s *Server) Webhook(id string) (*digitalfemsa.Webhook, bool) {
	x := s.x
	if x == nil {
		return nil, false
	}
	return fakeapi.AsOne[digitalfemsa.Webhook](x.webhooks.Get(id))
}
