package nominapptest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/nominapp"
)

// PaymentRecord is one payment the fake processed.
type PaymentRecord struct {
	// Case is "subscription", "extra_workers", "subscription_change" or "reuse".
	Case string
	// OrderID is the numeric order_id the fake answered.
	OrderID string
	// TransactionID is the UUID transaction_id the fake answered.
	TransactionID string
	// PlanID is the plan paid for (the new plan on a subscription change).
	PlanID string
	// PaymentType is the billing period paid, "month" or "year" (the new
	// period on a subscription change).
	PaymentType string
	// Status is the payment_status answered: "APPROVED", "DECLINED" or
	// "PENDING".
	Status string
	// PaidWorkers is the number of people the subscription covers after
	// this payment.
	PaidWorkers int
	// Value is the amount charged, in whole COP (pesos, no decimals).
	Value int64
	// CardLast4 is the last four digits of the card charged.
	CardLast4 string
}

// declarePayments declares payments for their state only: they are made
// at POST /v1/payments/credit_card, a money route with test-card rules
// (pay), and Nominapp has no route that reads them back.
func (s *Server) declarePayments(d *fakeapi.Dialect) *fakeapi.Collection[PaymentRecord] {
	return fakeapi.Declare(s.Server, d, fakeapi.Resource[PaymentRecord]{
		Name: "payment", Path: "/v1/payments/credit_card",
		ID: func(p *PaymentRecord) string { return p.TransactionID },
	})
}

// Payments returns every payment processed, oldest first.
func (s *Server) Payments() []PaymentRecord { return s.payments.All() }

// PaymentsForPlan returns the payments processed for planID, oldest first,
// declined ones included. For a subscription change the plan is the one
// changed to (subscription_to_pay.plan_id).
//
// It is a test-inspection method, not a faked endpoint: Nominapp's API has
// no way to read a payment back (no payment lookup, no payment history, no
// GET of the subscription), so after an ErrOutcomeUnknown a real
// integration can only find out whether the payment was made through
// Nominapp's dashboard or its support. In tests, give each payment a plan
// of its own (AddPlan) and look it up here to stand in for that check.
func (s *Server) PaymentsForPlan(planID string) []PaymentRecord {
	return s.payments.Select(func(p *PaymentRecord) bool { return p.PlanID == planID })
}

// Keys of each case, as the guide shows them.
var (
	cardKeys       = []string{"card_number", "expiration_date", "security_code", "payer_name"}
	subscriptionKs = append([]string{"plan_id", "paid_workers", "payment_type"}, cardKeys...)
	extraKs        = append([]string{"plan_id", "payment_type", "extra_workers_number"}, cardKeys...)
	changeKs       = append([]string{"payment_type", "extra_workers_number", "subscription_to_pay"}, cardKeys...)
	reuseKs        = []string{"action", "plan_id", "paid_workers", "payment_type"}
	updateKs       = append([]string{"action", "payment_type"}, cardKeys...)
)

// readInfo reads {"payment_info": {...}} as raw keys.
func readInfo(r *http.Request) (map[string]json.RawMessage, error) {
	var body struct {
		PaymentInfo map[string]json.RawMessage `json:"payment_info"`
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil {
		err = decodeStrict(raw, &body)
	}
	var pe *fakeapi.ParamError
	switch {
	case errors.As(err, &pe):
		return nil, err
	case err != nil:
		// The payment routes name their body's root key.
		return nil, &errorList{http.StatusBadRequest, []errItem{item("el cuerpo no es JSON válido", CodeInvalid, "payment_info")}}
	case body.PaymentInfo == nil:
		return nil, &fakeapi.ParamError{Field: "payment_info", Code: CodeBlank, Message: "no puede estar en blanco"}
	}
	return body.PaymentInfo, nil
}

// checkKeys refuses the missing and extra keys of a case, one item each.
func checkKeys(info map[string]json.RawMessage, want []string) error {
	var items []errItem
	allowed := map[string]bool{}
	for _, k := range want {
		allowed[k] = true
		if v, ok := info[k]; !ok || string(v) == "null" || string(v) == `""` {
			items = append(items, item("no puede estar en blanco", CodeBlank, k))
		}
	}
	for k := range info {
		if !allowed[k] {
			items = append(items, item("no es un parámetro permitido", CodeNotAllowed, k))
		}
	}
	if len(items) > 0 {
		return refuse(items...)
	}
	return nil
}

// fields are the decoded values; check adds an item for each bad one.
type fields struct {
	info  map[string]json.RawMessage
	items []errItem
}

func (f *fields) str(k string) string {
	var s string
	if err := json.Unmarshal(f.info[k], &s); err != nil {
		f.items = append(f.items, item("debe ser un texto", CodeInvalid, k))
	}
	return s
}

func (f *fields) num(k string, min int) int {
	var n int
	if err := json.Unmarshal(f.info[k], &n); err != nil || n < min {
		f.items = append(f.items, item(fmt.Sprintf("debe ser un número entero mayor o igual a %d", min), CodeInvalid, k))
	}
	return n
}

func (f *fields) period(k string, raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	if s != "month" && s != "year" {
		f.items = append(f.items, item("no está incluido en la lista", CodeInvalid, k))
	}
	return s
}

type cardIn struct {
	number, expiry, cvv, payer string
}

func (f *fields) card(now time.Time) cardIn {
	c := cardIn{number: f.str("card_number"), expiry: f.str("expiration_date"), cvv: f.str("security_code"), payer: f.str("payer_name")}
	mm, yy, ok := strings.Cut(c.expiry, "/")
	m, err1 := strconv.Atoi(mm)
	y, err2 := strconv.Atoi(yy)
	if !ok || len(mm) != 2 || len(yy) != 2 || err1 != nil || err2 != nil {
		f.items = append(f.items, item("debe tener el formato MM/AA", CodeInvalid, "expiration_date"))
		return c
	}
	err := card.Card{Number: c.number, CVV: c.cvv, ExpMonth: m, ExpYear: 2000 + y}.Validate(now)
	if fe, ok := err.(*card.FieldError); ok {
		object := map[string]string{"card.number": "card_number", "card.cvv": "security_code"}[fe.Field]
		if object == "" {
			object = "expiration_date"
		}
		f.items = append(f.items, item("no es válido", CodeInvalid, object))
	}
	if strings.TrimSpace(c.payer) == "" {
		f.items = append(f.items, item("no puede estar en blanco", CodeBlank, "payer_name"))
	}
	return c
}

func (s *Server) plan(f *fields, k, id string) Plan {
	p, ok := s.plans.Snapshot(id)
	if !ok {
		f.items = append(f.items, item("no existe", CodeNotFound, k))
	}
	return p
}

func months(period string) int64 {
	if period == "year" {
		return 12
	}
	return 1
}

// pay serves POST /v1/payments/credit_card: the four payment cases,
// approved, declined, pending or rejected by the test-card rules.
func (s *Server) pay(w http.ResponseWriter, r *http.Request) {
	info, err := readInfo(r)
	if err != nil {
		s.payments.Fail(w, r, err)
		return
	}
	var action string
	_ = json.Unmarshal(info["action"], &action)
	_, change := info["subscription_to_pay"]
	_, extra := info["extra_workers_number"]
	kase := "subscription"
	want := subscriptionKs
	switch {
	case action == "reuse":
		kase, want = "reuse", reuseKs
	case action != "" || info["action"] != nil:
		s.payments.Fail(w, r, refuse(item("no está incluido en la lista", CodeInvalid, "action")))
		return
	case change:
		kase, want = "subscription_change", changeKs
	case extra:
		kase, want = "extra_workers", extraKs
	}
	if err := checkKeys(info, want); err != nil {
		s.payments.Fail(w, r, err)
		return
	}
	now := s.Now()
	f := &fields{info: info}
	rec := PaymentRecord{Case: kase, PaymentType: f.period("payment_type", info["payment_type"])}
	var c cardIn
	if kase != "reuse" {
		c = f.card(now)
		rec.CardLast4 = last4(c.number)
	}
	var p Plan
	// added is the people an extra-workers payment or a change puts on top
	// of the current subscription; the sum is taken when the payment is
	// committed.
	var added int
	switch kase {
	case "subscription", "reuse":
		rec.PlanID = f.str("plan_id")
		p = s.plan(f, "plan_id", rec.PlanID)
		rec.PaidWorkers = f.num("paid_workers", 1)
		rec.Value = int64(rec.PaidWorkers) * p.MonthlyPrice * months(rec.PaymentType)
	case "extra_workers":
		rec.PlanID = f.str("plan_id")
		p = s.plan(f, "plan_id", rec.PlanID)
		n := f.num("extra_workers_number", 1)
		if rec.PaymentType != "year" {
			f.items = append(f.items, item("las personas extras solo se pagan en una anualidad", CodeInvalid, "payment_type"))
		}
		added = n
		rec.Value = int64(n) * p.MonthlyPrice * 12
	case "subscription_change":
		added = f.num("extra_workers_number", 0)
		var to struct {
			PlanID           string          `json:"plan_id"`
			SubscriptionType json.RawMessage `json:"subscription_type"`
		}
		if err := json.Unmarshal(info["subscription_to_pay"], &to); err != nil {
			f.items = append(f.items, item("no es válido", CodeInvalid, "subscription_to_pay"))
		}
		rec.PlanID = to.PlanID
		p = s.plan(f, "subscription_to_pay.plan_id", to.PlanID)
		rec.PaymentType = f.period("subscription_to_pay.subscription_type", to.SubscriptionType)
	}
	if len(f.items) > 0 {
		s.payments.Fail(w, r, refuse(f.items...))
		return
	}

	switch c.number {
	case CardRejected:
		s.payments.Fail(w, r, refuse(item("La transacción fue rechazada por la entidad financiera", CodeRejected, "credit_card")))
		return
	case CardDeclined:
		rec.Status = string(nominapp.StatusDeclined)
	case CardPending:
		rec.Status = string(nominapp.StatusPending)
	default:
		rec.Status = string(nominapp.StatusApproved)
	}
	rec.OrderID = fakeapi.NewDigits(orderIDLength())
	rec.TransactionID = fakeapi.NewUUID()

	// One locked section reads the current subscription and commits the
	// payment: concurrent payments that add people must not build on the
	// same head count.
	s.mu.Lock()
	if kase == "reuse" {
		if s.card == nil {
			s.mu.Unlock()
			s.payments.Fail(w, r, refuse(item("no puede estar en blanco", CodeBlank, "credit_card")))
			return
		}
		rec.CardLast4 = s.card.Last4
	}
	switch kase {
	case "extra_workers":
		rec.PaidWorkers = s.sub.PaidWorkers + added
	case "subscription_change":
		rec.PaidWorkers = s.sub.PaidWorkers + added
		rec.Value = int64(rec.PaidWorkers) * p.MonthlyPrice * months(rec.PaymentType)
	}
	if rec.Status != string(nominapp.StatusDeclined) && kase != "reuse" {
		s.card = &StoredCard{Last4: rec.CardLast4, ExpirationDate: c.expiry, PayerName: c.payer}
	}
	if rec.Status == string(nominapp.StatusApproved) {
		s.sub = Subscription{PlanID: rec.PlanID, PaymentType: rec.PaymentType, PaidWorkers: rec.PaidWorkers}
	}
	s.payments.Put(&rec)
	s.mu.Unlock()

	out := map[string]any{
		"order_id":       rec.OrderID,
		"transaction_id": rec.TransactionID,
		"payment_status": rec.Status,
		"paid_workers":   rec.PaidWorkers,
	}
	if kase == "extra_workers" || kase == "subscription_change" {
		out["plan_id"] = rec.PlanID
		out["value"] = rec.Value
	}
	s.reply(w, r, http.StatusCreated, out)
}

// updateCard serves PUT /v1/payments/credit_card: the card kept for
// "reuse" replaced, unless the test-card rules reject it.
func (s *Server) updateCard(w http.ResponseWriter, r *http.Request) {
	info, err := readInfo(r)
	if err != nil {
		s.payments.Fail(w, r, err)
		return
	}
	var action string
	_ = json.Unmarshal(info["action"], &action)
	if action != "update" {
		s.payments.Fail(w, r, refuse(item("debe ser update", CodeInvalid, "action")))
		return
	}
	if err := checkKeys(info, updateKs); err != nil {
		s.payments.Fail(w, r, err)
		return
	}
	f := &fields{info: info}
	f.period("payment_type", info["payment_type"])
	c := f.card(s.Now())
	if len(f.items) > 0 {
		s.payments.Fail(w, r, refuse(f.items...))
		return
	}
	if c.number == CardRejected {
		s.payments.Fail(w, r, refuse(item("La tarjeta fue rechazada por la entidad financiera", CodeRejected, "credit_card")))
		return
	}
	s.mu.Lock()
	s.card = &StoredCard{Last4: last4(c.number), ExpirationDate: c.expiry, PayerName: c.payer}
	s.mu.Unlock()
	fakeapi.WriteJSON(w, http.StatusOK, map[string]string{"message": "La tarjeta de crédito ha sido actualizada."})
}

func last4(n string) string {
	if len(n) < 4 {
		return n
	}
	return n[len(n)-4:]
}

// orderIDLength is 9 or 10 at random: the gateway's numeric order ids have
// either length (the guide shows "846696993" and "1403532938").
func orderIDLength() int {
	return 9 + int(fakeapi.NewDigits(1)[0]-'0')%2
}
