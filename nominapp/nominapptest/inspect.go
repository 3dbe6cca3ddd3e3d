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
	if r, ok := s.payments.Get(id); ok {
		return r.Payment(), true
	}
	if rs := s.payments.Select(func(r *PaymentRecord) bool { return r.OrderID == id }); len(rs) > 0 {
		return rs[0].Payment(), true
	}
	return nil, false
}
