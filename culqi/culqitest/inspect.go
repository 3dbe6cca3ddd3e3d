package culqitest

import (
	"strings"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Kinds of stored objects that Find and Count inspect.
const (
	KindTokens        = "tokens"
	KindCharges       = "charges"
	KindRefunds       = "refunds"
	KindCustomers     = "customers"
	KindCards         = "cards"
	KindPlans         = "plans"
	KindSubscriptions = "subscriptions"
	KindOrders        = "orders"
	KindEvents        = "events"
	// KindLegacyPlans and KindLegacySubscriptions are the objects of the
	// retired /v2/plans and /v2/subscriptions API.
	KindLegacyPlans         = "legacy_plans"
	KindLegacySubscriptions = "legacy_subscriptions"
)

// Find returns copies of the stored objects of one kind (KindCharges, …)
// that key identifies: their id is key, or their description or
// order_number contains key, or one of their metadata values does; an
// empty key finds them all. An event matches through its data (the object
// it reports), so Find(KindEvents, id) lists every event about that
// object. Objects come oldest first, as the fake's own ledger: a test asks
// it what was really carried out, for instance how many charges a call
// made after its client saw an error. An unknown kind finds nothing.
//
// Find is the older, untyped inspection; Charges, ChargesWithMetadata,
// Customers and the other typed methods return the culqi package's types.
func (s *Server) Find(kind, key string) []map[string]any {
	st := s.store(kind)
	if st == nil {
		return nil
	}
	return st.Select(func(o *object) bool {
		if kind == KindEvents {
			data, _ := (*o)["data"].(object)
			return matches(data, key)
		}
		return matches(*o, key)
	})
}

// Count is len(Find(kind, key)).
func (s *Server) Count(kind, key string) int { return len(s.Find(kind, key)) }

func matches(o object, key string) bool {
	if o == nil {
		return false
	}
	if key == "" {
		return true
	}
	if str(o, "id") == key || strings.Contains(str(o, "description"), key) || strings.Contains(str(o, "order_number"), key) {
		return true
	}
	md, _ := o["metadata"].(object)
	for _, v := range md {
		if sv, ok := v.(string); ok && strings.Contains(sv, key) {
			return true
		}
	}
	return false
}

func (s *Server) store(kind string) *fakeapi.Collection[object] {
	switch kind {
	case KindTokens:
		return s.tokObjs
	case KindCharges:
		return s.charges
	case KindRefunds:
		return s.refunds
	case KindCustomers:
		return s.custs
	case KindCards:
		return s.cards
	case KindPlans:
		return s.plans
	case KindSubscriptions:
		return s.subs
	case KindOrders:
		return s.orders
	case KindEvents:
		return s.events
	case KindLegacyPlans:
		return s.legacyPlans
	case KindLegacySubscriptions:
		return s.legacySubs
	}
	return nil
}
