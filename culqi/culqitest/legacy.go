package culqitest

import (
	"net/http"
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

func (s *Server) legacyRoutes() {
	s.route("POST /v2/plans", s.createLegacyPlan)
	s.route("GET /v2/plans/{id}", s.getter(s.legacyPlans, "plan"))
	s.route("PATCH /v2/plans/{id}", s.metadataPatcher(s.legacyPlans))
	s.route("DELETE /v2/plans/{id}", s.deleter(s.legacyPlans, "plan"))
	s.route("GET /v2/plans", s.lister(s.legacyPlans))

	s.route("POST /v2/subscriptions", s.createLegacySubscription)
	s.route("GET /v2/subscriptions/{id}", s.getter(s.legacySubs, "suscripción"))
	s.route("PATCH /v2/subscriptions/{id}", s.metadataPatcher(s.legacySubs))
	s.route("DELETE /v2/subscriptions/{id}", s.deleteLegacySubscription)
	s.route("GET /v2/subscriptions", s.lister(s.legacySubs))
}

func (s *Server) createLegacyPlan(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	amount, okA := num(b, "amount")
	count, okC := num(b, "interval_count")
	interval, okI := legacyIntervals[str(b, "interval")]
	limit, hasLimit := num(b, "limit")
	trial, _ := num(b, "trial_days")
	switch name := str(b, "name"); {
	case utf8.RuneCountInString(name) < 2 || utf8.RuneCountInString(name) > 50:
		s.badParam(w, "name", "El nombre debe tener entre 2 y 50 caracteres.")
		return
	case !okA || amount < 300 || amount > 999900:
		s.fail(w, 422, culqi.ErrorTypeParameter, "invalid_amount", "amount", "El monto debe estar entre 300 y 999900.", "")
		return
	case str(b, "currency_code") != culqi.CurrencyPEN && str(b, "currency_code") != culqi.CurrencyUSD:
		s.badParam(w, "currency_code", "La moneda debe ser PEN o USD.")
		return
	case !okI:
		s.badParam(w, "interval", "El intervalo debe ser dias, semanas, meses o años.")
		return
	case !okC || count < 1 || count > 999:
		s.badParam(w, "interval_count", "interval_count debe estar entre 1 y 999.")
		return
	case (hasLimit && limit < 0) || trial < 0:
		s.badParam(w, "limit", "limit y trial_days no pueden ser negativos.")
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	id := fakeapi.NewID("pln_test_", 16)
	p := object{"object": "plan", "id": id, "creation_date": s.nowMS(), "name": str(b, "name"), "amount": amount,
		"currency_code": str(b, "currency_code"), "interval_count": count, "interval": interval.name,
		"limit": nil, "trial_days": trial, "total_subscriptions": int64(0), "metadata": md}
	if hasLimit {
		p["limit"] = limit // unlimited charges when not sent
	}
	s.reply(w, 201, put(s.legacyPlans, id, p))
}

// createLegacySubscription subscribes a saved card to a legacy plan. Its
// dates follow the recorded ones: the trial ends trial_days after
// creation; the first period starts at Lima's midnight of that day, and
// is next billed then; the subscription ends after limit periods.
func (s *Server) createLegacySubscription(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	cardID, planID := str(b, "card_id"), str(b, "plan_id")
	saved, plan, md, ok := s.subscribe(w, b, s.legacyPlans, cardID, planID)
	if !ok {
		return
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
	id := fakeapi.NewID("sub_test_", 16)
	sub := object{"object": "subscription", "id": id, "creation_date": now.UnixMilli(), "status": "Activa",
		"current_period": int64(0), "total_period": plan["limit"],
		"current_period_start": start.UnixMilli(), "current_period_end": period(start, 1).UnixMilli(),
		"cancel_at_period_end": false, "cancel_at": nil, "ended_at": nil, "next_billing_date": start.UnixMilli(),
		"trial_start": now.UnixMilli(), "trial_end": trialEnd.UnixMilli(), "charges": []object{},
		"plan": plan, "card": saved, "metadata": md}
	if limit, ok := plan["limit"].(int64); ok {
		sub["ended_at"] = period(start, limit).UnixMilli()
	}
	out := put(s.legacySubs, id, sub)
	s.event("subscription.creation.succeeded", out)
	s.reply(w, 201, out)
}

// deleteLegacySubscription cancels a legacy subscription with Culqi's
// recorded message.
func (s *Server) deleteLegacySubscription(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !s.legacySubs.Delete(id) {
		s.notFound(w, "suscripción")
		return
	}
	s.reply(w, 200, object{"id": id, "deleted": true, "merchant_message": "Se eliminó la suscripcion con ID " + id + " exitosamente."})
}
