package digitalfemsatest

import "fmt"

// Ledger is what the fake carried out for the objects tagged with one
// metadata entry; see Server.Ledger.
type Ledger struct {
	// PayoutOrders counts the payout orders created with the entry.
	PayoutOrders int
	// Cancellations counts the cancel requests the fake answered with 200
	// for those payout orders. A repeated cancel of an already cancelled
	// order counts again, so a client that sent one cancellation twice
	// shows as 2.
	Cancellations int
	// Orders counts the orders created with the entry.
	Orders int
	// Refunds counts the refunds made on those orders.
	Refunds int
}

// Ledger reports, from the fake's own records, what was carried out for the
// payout orders and orders whose metadata[key] is value. Tag each
// money-moving request with your own id in Metadata (as you would for
// reconciliation with List and Search) and use Ledger in tests to prove that
// an ErrOutcomeUnknown was handled without a duplicate, or to learn whether
// the failed call took effect. A non-string metadata value matches its
// fmt.Sprint form.
func (s *Server) Ledger(key, value string) Ledger {
	var l Ledger
	tagged := func(m map[string]any) bool {
		v, ok := m[key]
		if !ok {
			return false
		}
		if str, ok := v.(string); ok {
			return str == value
		}
		return fmt.Sprint(v) == value
	}
	for _, p := range s.payouts.All() {
		if tagged(p.Metadata) {
			l.PayoutOrders++
			l.Cancellations += p.cancels
		}
	}
	for _, o := range s.orders.All() {
		if tagged(o.Metadata) {
			l.Orders++
			for _, ch := range o.Charges.Data {
				l.Refunds += len(ch.Refunds.Data)
			}
		}
	}
	return l
}
