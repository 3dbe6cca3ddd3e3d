package culqitest

import (
	"time"
	"unicode/utf8"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// The retired /v2/plans and /v2/subscriptions API, served as the recorded
// traffic shows it: 201 on creation,
// Spanish interval names and statuses, millisecond dates.

// legacyIntervals maps a plan's interval, as sent, to the name Culqi
// answers and the length of one period.
var legacyIntervals = map[string]struct {
	name                string
	days, months, years int
}{
	culqi.LegacyIntervalDays:   {"Días", 1, 0, 0},
	culqi.LegacyIntervalWeeks:  {"Semanas", 7, 0, 0},
	culqi.LegacyIntervalMonths: {"Meses", 0, 1, 0},
	culqi.LegacyIntervalYears:  {"Años", 0, 0, 1},
}

// lima is Peru's time (UTC-5 all year): legacy billing periods start at its
// midnight.
var lima = time.FixedZone("PET", -5*60*60)

// declareLegacy declares /v2/plans and /v2/subscriptions. A legacy
// subscription is deleted with Culqi's recorded message ("Se eliminó la
// suscripcion con ID … exitosamente.", without the accent).
func (s *Server) declareLegacy() {
	s.legacyPlans = s.declare(fakeapi.Resource[object]{
		Name: "legacy plan", Label: "el plan", Path: "/v2/plans", IDPrefix: "pln_test_",
		Serve:   fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create:  s.createLegacyPlan,
		Update:  patchFields(),
		Filters: filters(),
	})
	s.legacySubs = s.declare(fakeapi.Resource[object]{
		Name: "legacy subscription", Label: "la suscripcion", Path: "/v2/subscriptions", IDPrefix: "sub_test_",
		Serve:   fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create:  s.createLegacySubscription,
		Update:  patchFields(),
		Filters: filters(),
		Changed: func(op fakeapi.Ops, sub object) {
			if op == fakeapi.OpCreate {
				s.event(culqi.EventSubscriptionCreationSucceeded, sub)
			}
		},
	})
}

func (s *Server) createLegacyPlan(c *fakeapi.Call) (*object, error) {
	b, err := body(c)
	if err != nil {
		return nil, err
	}
	amount, okA := num(b, "amount")
	count, okC := num(b, "interval_count")
	interval, okI := legacyIntervals[str(b, "interval")]
	limit, hasLimit := num(b, "limit")
	trial, _ := num(b, "trial_days")
	switch name := str(b, "name"); {
	case utf8.RuneCountInString(name) < 2 || utf8.RuneCountInString(name) > 50:
		return nil, paramErr("name", "El nombre debe tener entre 2 y 50 caracteres.")
	case !okA || amount < 300 || amount > 999900:
		return nil, paramErr("amount", "El monto debe estar entre 300 y 999900.")
	case str(b, "currency_code") != culqi.CurrencyPEN && str(b, "currency_code") != culqi.CurrencyUSD:
		return nil, paramErr("currency_code", "La moneda debe ser PEN o USD.")
	case !okI:
		return nil, paramErr("interval", "El intervalo debe ser dias, semanas, meses o años.")
	case !okC || count < 1 || count > 999:
		return nil, paramErr("interval_count", "interval_count debe estar entre 1 y 999.")
	case (hasLimit && limit < 0) || trial < 0:
		return nil, paramErr("limit", "limit y trial_days no pueden ser negativos.")
	}
	md, err := metadata(b)
	if err != nil {
		return nil, err
	}
	p := object{"object": "plan", "id": c.NewID(), "creation_date": s.nowMS(), "name": str(b, "name"), "amount": amount,
		"currency_code": str(b, "currency_code"), "interval_count": count, "interval": interval.name,
		"limit": nil, "trial_days": trial, "total_subscriptions": int64(0), "metadata": md}
	if hasLimit {
		p["limit"] = limit // unlimited charges when not sent
	}
	return &p, nil
}

// createLegacySubscription subscribes a saved card to a legacy plan. Its
// dates follow the recorded ones: the trial ends trial_days after
// creation; the first period starts at Lima's midnight of that day, and
// is next billed then; the subscription ends after limit periods.
func (s *Server) createLegacySubscription(c *fakeapi.Call) (*object, error) {
	b, err := body(c)
	if err != nil {
		return nil, err
	}
	cardID, planID := str(b, "card_id"), str(b, "plan_id")
	saved, plan, md, err := s.subscribe(b, s.legacyPlans, cardID, planID)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	trial, _ := plan["trial_days"].(int64)
	count, _ := plan["interval_count"].(int64)
	var iv struct {
		name                string
		days, months, years int
	}
	for _, v := range legacyIntervals {
		if v.name == plan["interval"] {
			iv = v
		}
	}
	period := func(t time.Time, n int64) time.Time {
		k := int(n * count)
		return t.AddDate(iv.years*k, iv.months*k, iv.days*k)
	}
	trialEnd := now.Add(time.Duration(trial) * 24 * time.Hour)
	y, m, d := trialEnd.In(lima).Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, lima)
	sub := object{"object": "subscription", "id": c.NewID(), "creation_date": now.UnixMilli(), "status": "Activa",
		"current_period": int64(0), "total_period": plan["limit"],
		"current_period_start": start.UnixMilli(), "current_period_end": period(start, 1).UnixMilli(),
		"cancel_at_period_end": false, "cancel_at": nil, "ended_at": nil, "next_billing_date": start.UnixMilli(),
		"trial_start": now.UnixMilli(), "trial_end": trialEnd.UnixMilli(), "charges": []object{},
		"plan": plan, "card": saved, "metadata": md}
	if limit, ok := plan["limit"].(int64); ok {
		sub["ended_at"] = period(start, limit).UnixMilli()
	}
	return &sub, nil
}
