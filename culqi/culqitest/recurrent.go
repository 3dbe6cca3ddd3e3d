package culqitest

import (
	"strings"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// The /v2/recurrent API: plans and the subscriptions of saved cards to
// them.

// declareRecurrent declares /v2/recurrent/plans and
// /v2/recurrent/subscriptions, each created at its own /create path.
func (s *Server) declareRecurrent() {
	s.plans = s.declare(fakeapi.Resource[object]{
		Name: "plan", Label: "el plan", Path: "/v2/recurrent/plans", CreatePath: "/v2/recurrent/plans/create",
		IDPrefix: "pln_test_",
		Serve:    fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create:   s.createPlan,
		Update:   patchFields("name", "short_name", "description", "status", "image"),
		Filters:  filters("status"),
	})
	s.subs = s.declare(fakeapi.Resource[object]{
		Name: "subscription", Label: "la suscripción", Path: "/v2/recurrent/subscriptions",
		CreatePath: "/v2/recurrent/subscriptions/create", IDPrefix: "sxn_test_",
		Serve:   fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create:  s.createSubscription,
		Update:  patchFields("card_id"),
		Filters: filters("plan_id", "status"),
		Changed: func(op fakeapi.Ops, sub object) {
			if op == fakeapi.OpCreate {
				s.event(culqi.EventSubscriptionCreationSucceeded, sub)
			}
		},
	})
}

func (s *Server) createPlan(c *fakeapi.Call) (*object, error) {
	b, err := body(c)
	if err != nil {
		return nil, err
	}
	amount, okA := num(b, "amount")
	unit, _ := num(b, "interval_unit_time")
	count, okC := num(b, "interval_count")
	cycles, _ := b["initial_cycles"].(object)
	switch {
	case str(b, "name") == "" || str(b, "short_name") == "" || str(b, "description") == "":
		return nil, paramErr("name", "name, short_name y description son obligatorios.")
	case !okA || amount <= 0:
		return nil, paramErr("amount", "El monto no es válido.")
	case str(b, "currency") != culqi.CurrencyPEN && str(b, "currency") != culqi.CurrencyUSD:
		return nil, paramErr("currency", "La moneda debe ser PEN o USD.")
	case unit < 1 || unit > 6:
		return nil, paramErr("interval_unit_time", "interval_unit_time debe estar entre 1 y 6.")
	case !okC || count < 0 || count > 9999:
		return nil, paramErr("interval_count", "interval_count es obligatorio y debe estar entre 0 y 9999.")
	case cycles == nil:
		return nil, paramErr("initial_cycles", "initial_cycles es obligatorio.")
	}
	if why := checkInitialCycles(cycles); why != "" {
		return nil, paramErr("initial_cycles", why)
	}
	md, err := metadata(b)
	if err != nil {
		return nil, err
	}
	return &object{"id": c.NewID(), "name": str(b, "name"), "short_name": str(b, "short_name"), "description": str(b, "description"),
		"amount": amount, "currency": str(b, "currency"), "interval_unit_time": unit, "interval_count": count,
		"initial_cycles": b["initial_cycles"], "metadata": md, "total_subscriptions": int64(0), "status": int64(1),
		"creation_date": s.nowMS(), "slug": strings.ToLower(str(b, "short_name")), "image": str(b, "image")}, nil
}

// checkInitialCycles says what is wrong with a plan's initial_cycles, ""
// when nothing is (Culqi's SDK validators): count 0–9999, at least 1 with an
// initial charge; has_initial_charge a boolean; amount not negative. Its
// interval_unit_time is 1–6, or 0 when not set: the SDK sends zero
// InitialCycles for a plan without initial cycles, and no source says
// Culqi refuses that.
func checkInitialCycles(c object) string {
	count, okC := num(c, "count")
	charged, okH := c["has_initial_charge"].(bool)
	amount, okA := num(c, "amount")
	unit, okU := num(c, "interval_unit_time")
	switch {
	case !okH:
		return "initial_cycles.has_initial_charge es obligatorio."
	case !okC || count < 0 || count > 9999:
		return "initial_cycles.count debe estar entre 0 y 9999."
	case charged && count < 1:
		return "initial_cycles.count debe estar entre 1 y 9999 cuando has_initial_charge es true."
	case !okA || amount < 0:
		return "initial_cycles.amount no es válido."
	case !okU || unit < 0 || unit > 6:
		return "initial_cycles.interval_unit_time debe estar entre 1 y 6."
	}
	return ""
}

// subscribe runs the checks both subscription APIs make before creating
// one, and returns the saved card, the plan and the metadata: a saved,
// active card, valid metadata, an existing plan (in plans), whose
// subscriber count it then raises. Nothing is counted for a refused
// subscription.
func (s *Server) subscribe(b object, plans *fakeapi.Collection[object], cardID, planID string) (card, plan, md object, err error) {
	card, found := s.cards.Get(cardID)
	switch {
	case !found:
		return nil, nil, nil, missing("card_id", "La tarjeta "+cardID+" no existe.")
	case card["active"] == false:
		return nil, nil, nil, missing("card_id", inactiveCard(cardID))
	}
	if md, err = metadata(b); err != nil {
		return nil, nil, nil, err
	}
	plan, found, _ = plans.Update(planID, func(o *object) error {
		n, _ := (*o)["total_subscriptions"].(int64)
		(*o)["total_subscriptions"] = n + 1
		return nil
	})
	if !found {
		return nil, nil, nil, missing("plan_id", "El plan "+planID+" no existe.")
	}
	return card, plan, md, nil
}

func (s *Server) createSubscription(c *fakeapi.Call) (*object, error) {
	b, err := body(c)
	if err != nil {
		return nil, err
	}
	if b["tyc"] != true {
		return nil, paramErr("tyc", "Debe aceptar los términos y condiciones (tyc).")
	}
	cardID, planID := str(b, "card_id"), str(b, "plan_id")
	_, plan, md, err := s.subscribe(b, s.plans, cardID, planID)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	return &object{"id": c.NewID(), "status": int64(1), "creation_date": now.UnixMilli(),
		"next_billing_date": now.AddDate(0, 1, 0).UnixMilli(), "current_period": int64(1),
		"trial_start": nil, "trial_end": nil, "active_card": cardID, "plan": plan, "plan_id": planID,
		"card_id": cardID, "periods": []object{}, "metadata": md}, nil
}
