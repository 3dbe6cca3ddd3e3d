package nominapptest

import "github.com/latampay/latampay-go/nominapp"

// Payment returns the record as the nominapp package's own type: the
// fields the fake answered for it (PlanID and Value only for the extra
// workers and subscription change cases, whose answers carry them).
func (r PaymentRecord) Payment() *nominapp.Payment {
	p := &nominapp.Payment{
		OrderID:       r.OrderID,
		TransactionID: r.TransactionID,
		Status:        nominapp.PaymentStatus(r.Status),
		PaidWorkers:   r.PaidWorkers,
	}
	if r.Case == "extra_workers" || r.Case == "subscription_change" {
		p.PlanID, p.Value = r.PlanID, r.Value
	}
	return p
}

// Payment returns the payment whose TransactionID or OrderID is id, as
// the nominapp package's own type (what the SDK's payment methods
// returned). Payments lists every record; PaymentRecord.Payment converts
// one. Nominapp has no metadata, so there is no lookup by metadata:
// PaymentsForPlan filters by plan.
func (s *Server) Payment(id string) (*nominapp.Payment, bool) {
	if id == "" {
		return nil, false
	}
	for _, r := range s.Payments() {
		if r.TransactionID == id || r.OrderID == id {
			return r.Payment(), true
		}
	}
	return nil, false
}
