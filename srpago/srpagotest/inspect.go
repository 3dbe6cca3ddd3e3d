package srpagotest

import (
	"encoding/json"

	"github.com/latampay/latampay-go/srpago"
)

// Customers returns the customers the fake holds (deleted ones gone), in
// the order created, as the srpago package's own type with their saved
// cards: what Customers.Get would answer for each. CustomersWithEmail is
// the older, counting view.
func (s *Server) Customers() []*srpago.Customer {
	s.mu.Lock()
	var raws []map[string]any
	s.customers.List(func(c *customer) bool {
		raws = append(raws, c.wire(s, true))
		return false
	})
	s.mu.Unlock()
	out := make([]*srpago.Customer, 0, len(raws))
	for _, raw := range raws {
		var c srpago.Customer
		if decode(raw, &c) {
			out = append(out, &c)
		}
	}
	return out
}

// Customer returns the customer with id ("cus_…").
func (s *Server) Customer(id string) (*srpago.Customer, bool) {
	for _, c := range s.Customers() {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}

// CustomersWithMetadata returns the customers whose metadata holds key
// with value, in the order created.
func (s *Server) CustomersWithMetadata(key, value string) []*srpago.Customer {
	var out []*srpago.Customer
	for _, c := range s.Customers() {
		if v, ok := c.Metadata[key]; ok && v == value {
			out = append(out, c)
		}
	}
	return out
}

// SavedCards returns every saved card ("crd_…") of every customer, in the
// order attached, as Cards.Get would answer them.
func (s *Server) SavedCards() []*srpago.SavedCard {
	s.mu.Lock()
	var raws []map[string]any
	s.cards.List(func(c *cardRec) bool {
		raws = append(raws, c.wire())
		return false
	})
	s.mu.Unlock()
	out := make([]*srpago.SavedCard, 0, len(raws))
	for _, raw := range raws {
		var c srpago.SavedCard
		if decode(raw, &c) {
			out = append(out, &c)
		}
	}
	return out
}

// SavedCard returns the saved card with token ("crd_…").
func (s *Server) SavedCard(token string) (*srpago.SavedCard, bool) {
	for _, c := range s.SavedCards() {
		if c.Token == token {
			return c, true
		}
	}
	return nil, false
}

// Operations returns the operations the fake carried out, as the srpago
// package's own type (what Operations.Get answers): the approved card
// charges in charge order (reversed ones included, Reversed set), then the
// paid cash and SPEI references in the order they were created. Declined
// charges make no operation, as on Sr. Pago. Charges and
// ChargesWithOrderID are the older, counting views.
func (s *Server) Operations() []*srpago.Operation {
	var raws []map[string]any
	s.ops.List(func(op *operation) bool {
		raws = append(raws, op.wire())
		return false
	})
	s.refs.List(func(ref *reference) bool {
		if ref.Paid {
			raws = append(raws, ref.operation())
		}
		return false
	})
	out := make([]*srpago.Operation, 0, len(raws))
	for _, raw := range raws {
		var op srpago.Operation
		if decode(raw, &op) {
			out = append(out, &op)
		}
	}
	return out
}

// Operation returns the operation with transactionID
// (srpago.Charge.TransactionID, or a paid reference's transaction).
func (s *Server) Operation(transactionID string) (*srpago.Operation, bool) {
	for _, op := range s.Operations() {
		if op.TransactionID == transactionID {
			return op, true
		}
	}
	return nil, false
}

// OperationsWithOrderID returns the card operations charged with this
// order id (srpago.ChargeParams.OrderID or ReconcileKey), in charge order:
// the typed form of ChargesWithOrderID.
func (s *Server) OperationsWithOrderID(orderID string) []*srpago.Operation {
	var ids []string
	s.ops.List(func(op *operation) bool {
		if op.OrderID == orderID {
			ids = append(ids, op.ID)
		}
		return false
	})
	var out []*srpago.Operation
	for _, id := range ids {
		if op, ok := s.Operation(id); ok {
			out = append(out, op)
		}
	}
	return out
}

// decode turns a wire map into the SDK's type through its own decoder.
func decode(raw map[string]any, v any) bool {
	b, err := json.Marshal(raw)
	return err == nil && json.Unmarshal(b, v) == nil
}
