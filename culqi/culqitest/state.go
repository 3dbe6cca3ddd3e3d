package culqitest

import (
	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// The typed state below reads what the fake stored as the culqi package's
// own types, decoded from the JSON the fake would answer, oldest first.
// Each value is a copy: changing it changes nothing on the fake. The same
// names (Charges, Charge, ChargesWithMetadata, Customers…) exist on the
// five latampay-go fakes.

// Charges returns every charge the fake made, declined ones included.
func (s *Server) Charges() []*culqi.Charge { return fakeapi.AsAll[culqi.Charge](s.charges.All()) }

// Charge returns the charge id, and false when the fake has none.
func (s *Server) Charge(id string) (*culqi.Charge, bool) {
	return fakeapi.AsOne[culqi.Charge](s.charges.Get(id))
}

// ChargesWithMetadata returns the charges whose metadata maps key to
// value (the way to find a charge by the caller's order number, or by
// the reconciliation key under culqi.ReconcileMetadataKey).
func (s *Server) ChargesWithMetadata(key, value string) []*culqi.Charge {
	return fakeapi.AsAll[culqi.Charge](s.charges.WithMetadata(key, value))
}

// Refunds returns every refund the fake made.
func (s *Server) Refunds() []*culqi.Refund { return fakeapi.AsAll[culqi.Refund](s.refunds.All()) }

// Refund returns the refund id, and false when the fake has none.
func (s *Server) Refund(id string) (*culqi.Refund, bool) {
	return fakeapi.AsOne[culqi.Refund](s.refunds.Get(id))
}

// RefundsWithMetadata returns the refunds whose metadata maps key to value.
func (s *Server) RefundsWithMetadata(key, value string) []*culqi.Refund {
	return fakeapi.AsAll[culqi.Refund](s.refunds.WithMetadata(key, value))
}

// Customers returns every customer the fake holds (a deleted one is gone).
// Their Cards field is empty: Customer and GET /v2/customers/{id} fill it.
func (s *Server) Customers() []*culqi.Customer { return fakeapi.AsAll[culqi.Customer](s.custs.All()) }

// Customer returns the customer id with its saved cards, as
// GET /v2/customers/{id} shows it, and false when the fake has none.
func (s *Server) Customer(id string) (*culqi.Customer, bool) {
	c, ok := s.custs.Get(id)
	if !ok {
		return nil, false
	}
	return fakeapi.As[culqi.Customer](s.withCards(c)), true
}

// CustomersWithMetadata returns the customers whose metadata maps key to
// value.
func (s *Server) CustomersWithMetadata(key, value string) []*culqi.Customer {
	return fakeapi.AsAll[culqi.Customer](s.custs.WithMetadata(key, value))
}

// Cards returns every card saved on the fake (those of a deleted customer
// stay, inactive).
func (s *Server) Cards() []*culqi.SavedCard { return fakeapi.AsAll[culqi.SavedCard](s.cards.All()) }

// Card returns the saved card id, and false when the fake has none.
func (s *Server) Card(id string) (*culqi.SavedCard, bool) {
	return fakeapi.AsOne[culqi.SavedCard](s.cards.Get(id))
}

// CardsWithMetadata returns the saved cards whose metadata maps key to
// value.
func (s *Server) CardsWithMetadata(key, value string) []*culqi.SavedCard {
	return fakeapi.AsAll[culqi.SavedCard](s.cards.WithMetadata(key, value))
}

// Tokens returns every card and Yape token the fake issued.
func (s *Server) Tokens() []*culqi.Token { return fakeapi.AsAll[culqi.Token](s.tokObjs.All()) }

// Token returns the token id, and false when the fake has none.
func (s *Server) Token(id string) (*culqi.Token, bool) {
	return fakeapi.AsOne[culqi.Token](s.tokObjs.Get(id))
}

// Orders returns every order the fake holds (a deleted one is gone).
func (s *Server) Orders() []*culqi.Order { return fakeapi.AsAll[culqi.Order](s.orders.All()) }

// Order returns the order id, and false when the fake has none.
func (s *Server) Order(id string) (*culqi.Order, bool) {
	return fakeapi.AsOne[culqi.Order](s.orders.Get(id))
}

// OrdersWithMetadata returns the orders whose metadata maps key to value.
func (s *Server) OrdersWithMetadata(key, value string) []*culqi.Order {
	return fakeapi.AsAll[culqi.Order](s.orders.WithMetadata(key, value))
}

// Plans returns every plan of the /v2/recurrent API the fake holds.
func (s *Server) Plans() []*culqi.Plan { return fakeapi.AsAll[culqi.Plan](s.plans.All()) }

// Plan returns the plan id, and false when the fake has none.
func (s *Server) Plan(id string) (*culqi.Plan, bool) {
	return fakeapi.AsOne[culqi.Plan](s.plans.Get(id))
}

// Subscriptions returns every subscription of the /v2/recurrent API the
// fake holds (a cancelled one is gone).
func (s *Server) Subscriptions() []*culqi.Subscription {
	return fakeapi.AsAll[culqi.Subscription](s.subs.All())
}

// Subscription returns the subscription id, and false when the fake has
// none.
func (s *Server) Subscription(id string) (*culqi.Subscription, bool) {
	return fakeapi.AsOne[culqi.Subscription](s.subs.Get(id))
}

// LegacyPlans returns every plan of the retired /v2/plans API the fake
// holds.
func (s *Server) LegacyPlans() []*culqi.LegacyPlan {
	return fakeapi.AsAll[culqi.LegacyPlan](s.legacyPlans.All())
}

// LegacyPlan returns the retired-API plan id, and false when the fake has
// none.
func (s *Server) LegacyPlan(id string) (*culqi.LegacyPlan, bool) {
	return fakeapi.AsOne[culqi.LegacyPlan](s.legacyPlans.Get(id))
}

// LegacySubscriptions returns every subscription of the retired
// /v2/subscriptions API the fake holds (a cancelled one is gone).
func (s *Server) LegacySubscriptions() []*culqi.LegacySubscription {
	return fakeapi.AsAll[culqi.LegacySubscription](s.legacySubs.All())
}

// LegacySubscription returns the retired-API subscription id, and false
// when the fake has none.
func (s *Server) LegacySubscription(id string) (*culqi.LegacySubscription, bool) {
	return fakeapi.AsOne[culqi.LegacySubscription](s.legacySubs.Get(id))
}

// Events returns every event the fake recorded: one per change of state
// (the same events DeliverWebhooks sends).
func (s *Server) Events() []*culqi.Event { return fakeapi.AsAll[culqi.Event](s.events.All()) }

// Event returns the event id, and false when the fake has none.
func (s *Server) Event(id string) (*culqi.Event, bool) {
	return fakeapi.AsOne[culqi.Event](s.events.Get(id))
}
