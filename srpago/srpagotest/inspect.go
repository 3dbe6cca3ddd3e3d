package srpagotest

import (
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/srpago"
)

// Customers returns the customers the fake holds (deleted ones gone), in
// the order created, as the srpago package's own type with their saved
// cards: what Customers.Get would answer for each. CustomersWithEmail is
// the older, counting view.
func (s *Server) Customers() []*srpago.Customer {
	return s.typedCustomers(s.customers.All())
}

// Customer returns the customer with id ("cus_…").
func (s *Server) Customer(id string) (*srpago.Customer, bool) {
	c, ok := s.customers.Get(id)
	if !ok {
		return nil, false
	}
	out := s.typedCustomers([]customer{c})
	return firstOf(out)
}

// CustomersWithMetadata returns the customers whose metadata holds key
// with value, in the order created.
func (s *Server) CustomersWithMetadata(key, value string) []*srpago.Customer {
	return s.typedCustomers(s.customers.WithMetadata(key, value))
}

func (s *Server) typedCustomers(all []customer) []*srpago.Customer {
	out := make([]*srpago.Customer, 0, len(all))
	for _, c := range all {
		out = append(out, fakeapi.As[srpago.Customer](c.wire(s, true)))
	}
	return out
}

// CustomersWithEmail counts the customers the fake holds (deleted ones
// excepted) with this e-mail address: the ledger for a Customers.Create
// whose outcome was unknown.
func (s *Server) CustomersWithEmail(email string) int {
	return len(s.customers.Select(func(c *customer) bool { return c.Email == email }))
}

// SavedCards returns every saved card ("crd_…") of every customer, in the
// order attached, as Cards.Get would answer them.
func (s *Server) SavedCards() []*srpago.SavedCard {
	return typedCards(s.cards.All())
}

// SavedCard returns the saved card with token ("crd_…").
func (s *Server) SavedCard(token string) (*srpago.SavedCard, bool) {
	cr, ok := s.cards.Get(token)
	if !ok {
		return nil, false
	}
	return firstOf(typedCards([]cardRec{cr}))
}

func typedCards(all []cardRec) []*srpago.SavedCard {
	out := make([]*srpago.SavedCard, 0, len(all))
	for _, cr := range all {
		out = append(out, fakeapi.As[srpago.SavedCard](cr.wire()))
	}
	return out
}

// Operations returns the operations the fake carried out, as the srpago
// package's own type (what Operations.Get answers): the approved card
// charges in charge order (reversed ones included, Reversed set), then the
// paid cash and SPEI references in the order they were created. Declined
// charges make no operation, as on Sr. Pago. Charges and
// ChargesWithOrderID are the older, counting views.
func (s *Server) Operations() []*srpago.Operation {
	var raws []map[string]any
	for _, op := range s.ops.All() {
		raws = append(raws, op.wire())
	}
	for _, ref := range s.refs.Select(func(ref *reference) bool { return ref.Paid }) {
		raws = append(raws, ref.operation())
	}
	return typedOperations(raws)
}

// Operation returns the operation with transactionID
// (srpago.Charge.TransactionID, or a paid reference's transaction).
func (s *Server) Operation(transactionID string) (*srpago.Operation, bool) {
	if op, ok := s.ops.Get(transactionID); ok {
		return firstOf(typedOperations([]map[string]any{op.wire()}))
	}
	if ref := s.paidReference(transactionID); ref != nil {
		return firstOf(typedOperations([]map[string]any{ref.operation()}))
	}
	return nil, false
}

// OperationsWithOrderID returns the card operations charged with this
// order id (srpago.ChargeParams.OrderID or ReconcileKey), in charge order:
// the typed form of ChargesWithOrderID.
func (s *Server) OperationsWithOrderID(orderID string) []*srpago.Operation {
	var raws []map[string]any
	for _, op := range s.ops.Select(func(op *operation) bool { return op.OrderID == orderID }) {
		raws = append(raws, op.wire())
	}
	return typedOperations(raws)
}

func typedOperations(raws []map[string]any) []*srpago.Operation {
	return fakeapi.AsAll[srpago.Operation](raws)
}

// Charges returns the approved card charges the fake carried out, in
// charge order (reversed ones included), as the SDK's own type: each is
// what ChargesService.Create returned for it. Declined charges make none,
// as on Sr. Pago. len(Charges()) is what reconciliation tests compare
// against.
func (s *Server) Charges() []*srpago.Charge {
	ops := s.ops.All()
	out := make([]*srpago.Charge, 0, len(ops))
	for i := range ops {
		out = append(out, ops[i].charge())
	}
	return out
}

// Charge returns the charge with transactionID
// (srpago.Charge.TransactionID).
func (s *Server) Charge(transactionID string) (*srpago.Charge, bool) {
	op, ok := s.ops.Get(transactionID)
	if !ok {
		return nil, false
	}
	return op.charge(), true
}

// ChargeCount counts the approved charges the fake carried out (reversed
// ones included): len(Charges()), without building them. Before v0.2.0
// this count was Charges() itself.
func (s *Server) ChargeCount() int { return s.ops.Len() }

// charge is the operation as the SDK's Charge: what Create decodes from
// the answer chargeAnswer gives.
func (o *operation) charge() *srpago.Charge {
	receipt, _ := firstOf(typedOperations([]map[string]any{o.wire()}))
	return &srpago.Charge{
		TransactionID: o.ID, AuthorizationCode: o.AuthCode, OrderID: o.OrderID,
		Amount: o.Amount, Currency: "MXN", Approved: true, Method: "CARD", Token: o.InternalID,
		Card: masked(o.Card.Number), CardType: srpago.CardType(cardType(o.Card.Number)), Receipt: receipt,
	}
}

// ChargesWithOrderID counts the approved charges the fake carried out with
// this order id (srpago.ChargeParams.OrderID), reversed ones included. It is
// the fake's ledger, the ground truth to check a reconciliation against
// after ErrOutcomeUnknown: 0 when the charge never happened, 1 when it did,
// more only if something charged twice.
func (s *Server) ChargesWithOrderID(orderID string) int {
	return len(s.ops.Select(func(op *operation) bool { return op.OrderID == orderID }))
}

// Reversals counts the reversals the fake carried out on the operation
// transactionID (srpago.Charge.TransactionID): 0 or 1, since the fake
// refuses to reverse an operation twice.
func (s *Server) Reversals(transactionID string) int {
	op, _ := s.ops.Get(transactionID)
	return op.Reversals
}

// firstOf returns the only element of a one-element lookup.
func firstOf[T any](out []*T) (*T, bool) {
	if len(out) == 0 {
		return nil, false
	}
	return out[0], true
}
