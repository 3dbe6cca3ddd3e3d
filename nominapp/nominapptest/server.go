package nominapptest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/nominapp"
)

// Test credentials the fake accepts at login; Client uses them.
const (
	TestEmail    = "dev@example.co"
	TestAPIToken = "nominapp_test_api_token"
)

// Test cards (all pass the Luhn check).
const (
	// CardApproved is the card of Nominapp's guide (06/27, CVV 537): approved.
	CardApproved = "5368220692926495"
	// CardApprovedVisa is the guide's card-update example: approved.
	CardApprovedVisa = "4672226263441073"
	// CardDeclined answers 201, as an approved payment does, with
	// payment_status "DECLINED". Nominapp does not document whether a
	// decline is such a 2xx or an error list; CardRejected gives the other.
	CardDeclined = "4000000000000002"
	// CardPending answers 201 with payment_status "PENDING".
	CardPending = "4000000000000044"
	// CardRejected answers 422 with an error item (CodeRejected, object
	// "credit_card").
	CardRejected = "4000000000000028"
)

// Plans the fake knows (the guide's plan ids). Prices are per person per
// month in COP; a yearly period costs twelve months.
const (
	// PlanBasic costs 6,615 COP per person per month: five extra people in a
	// year cost 396,900, the guide's example value.
	PlanBasic = "585030db-a698-4ce9-9e78-17d4009fb9f3"
	// PlanPro costs 9,900 COP per person per month.
	PlanPro = "2de57027-9a42-4b13-b27b-50d1a405dea5"
	// PlanPlus costs 7,900 COP per person per month.
	PlanPlus = "9ef307fa-af64-4831-83a3-cf4d0ef3e7e5"
)

// Error codes in the fake's answers.
const (
	// CodeBlank is Nominapp's "no puede estar en blanco".
	CodeBlank = "0002"
	// CodeNotAllowed: a key the payment case does not take (the fake's own).
	CodeNotAllowed = "0009"
	// CodeInvalid: a value of the wrong form (the fake's own).
	CodeInvalid = "0010"
	// CodeNotFound: an unknown plan (the fake's own).
	CodeNotFound = "0011"
	// CodeUnauthorized: bad credentials or session (the fake's own).
	CodeUnauthorized = "0401"
	// CodeRejected: the card was rejected (the fake's own).
	CodeRejected = "0701"
)

// SessionTTL is how long a fake access token is valid.
const SessionTTL = 8 * time.Hour

// Plan is a plan of the fake's catalogue.
type Plan struct {
	// ID is the plan id payments send as plan_id.
	ID string
	// Name is the plan's display name.
	Name string
	// MonthlyPrice is COP per person per month.
	MonthlyPrice int64
}

// StoredCard is the card the fake keeps for "reuse" (never the full number).
type StoredCard struct {
	// Last4 is the last four digits of the card number.
	Last4 string
	// ExpirationDate is the expiry as sent, "MM/YY".
	ExpirationDate string
	// PayerName is the payer_name as sent.
	PayerName string
}

// Subscription is the fake company's subscription.
type Subscription struct {
	// PlanID is the plan of the last approved payment.
	PlanID string
	// PaymentType is the billing period, "month" or "year".
	PaymentType string
	// PaidWorkers is the number of people paid for.
	PaidWorkers int
}

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

// Server is the fake. Embedded *fakeapi.Server gives URL, Close,
// InjectFault, SetClock, Handled and Stats.
type Server struct {
	*fakeapi.Server

	mu       sync.Mutex
	tokens   map[string]time.Time
	logins   int
	plans    map[string]Plan
	card     *StoredCard
	sub      Subscription
	payments []PaymentRecord
	wrap     bool
}

// NewServer starts a fake; Close it when done.
func NewServer() *Server {
	s := &Server{
		tokens: map[string]time.Time{},
		plans: map[string]Plan{
			PlanBasic: {ID: PlanBasic, Name: "Básico", MonthlyPrice: 6615},
			PlanPro:   {ID: PlanPro, Name: "Pro", MonthlyPrice: 9900},
			PlanPlus:  {ID: PlanPlus, Name: "Plus", MonthlyPrice: 7900},
		},
	}
	s.Server = fakeapi.New(fakeapi.Config{
		Authenticate: s.authenticate,
		Unauthorized: func(w http.ResponseWriter, _ *http.Request) {
			writeErrors(w, http.StatusUnauthorized, item("La sesión no es válida o expiró", CodeUnauthorized, "session"))
		},
		NotFound: func(w http.ResponseWriter, _ *http.Request) {
			writeErrors(w, http.StatusNotFound, item("no existe", CodeNotFound, "route"))
		},
		Public: []string{"POST /v1/sessions"},
	})
	s.Handle("POST /v1/sessions", s.login)
	s.Handle("POST /v1/payments/credit_card", s.pay)
	s.Handle("PUT /v1/payments/credit_card", s.updateCard)
	return s
}

// Client returns a client logged in as the test user against the fake, with
// millisecond retry waits; opts apply after those.
func (s *Server) Client(opts ...nominapp.Option) *nominapp.Client {
	all := append([]nominapp.Option{
		nominapp.WithBaseURL(s.URL),
		nominapp.WithHTTPClient(s.HTTPClient()),
		nominapp.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := nominapp.NewClient(TestEmail, TestAPIToken, all...)
	if err != nil {
		panic("nominapptest: " + err.Error())
	}
	return c
}

// ExpireSessions makes every token issued so far invalid, as if 8 hours had
// passed: the next request with one gets a 401.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.tokens {
		delete(s.tokens, k)
	}
}

// Logins counts successful logins.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// AddPlan adds or replaces a plan of the catalogue.
func (s *Server) AddPlan(p Plan) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.plans[p.ID] = p
}

// StoredCard returns the card kept for "reuse", if any.
func (s *Server) StoredCard() (StoredCard, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.card == nil {
		return StoredCard{}, false
	}
	return *s.card, true
}

// Subscription returns the company's current subscription.
func (s *Server) Subscription() Subscription {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sub
}

// SetSubscription sets the company's current subscription.
func (s *Server) SetSubscription(sub Subscription) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sub = sub
}

// Payments returns every payment processed, oldest first.
func (s *Server) Payments() []PaymentRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]PaymentRecord(nil), s.payments...)
}

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
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []PaymentRecord
	for _, p := range s.payments {
		if p.PlanID == planID {
			out = append(out, p)
		}
	}
	return out
}

// SetWrapData makes payment answers come wrapped in {"data": …}.
func (s *Server) SetWrapData(wrap bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wrap = wrap
}

func (s *Server) authenticate(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return false
	}
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.tokens[tok]
	return ok && now.Before(exp)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	user, pass, ok := r.BasicAuth()
	if !ok || user != TestEmail || pass != TestAPIToken {
		writeErrors(w, http.StatusUnauthorized, item("El correo o el token de la API no son válidos", CodeUnauthorized, "session"))
		return
	}
	if r.URL.Query().Get("auth_type") != "bearer" {
		// The cookie flow is not faked.
		writeErrors(w, http.StatusUnprocessableEntity, item("solo se admite auth_type=bearer", CodeInvalid, "auth_type"))
		return
	}
	tok := fakeapi.NewID("", 40)
	now := s.Now()
	s.mu.Lock()
	s.tokens[tok] = now.Add(SessionTTL)
	s.logins++
	s.mu.Unlock()
	fakeapi.WriteJSON(w, http.StatusCreated, map[string]any{"data": map[string]any{
		"api_access_token": tok,
		"user":             map[string]any{"email": TestEmail, "name": "Usuario de prueba"},
	}})
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

type errItem struct {
	Message string `json:"message"`
	Code    string `json:"code"`
	Object  string `json:"object"`
	Index   int    `json:"index"`
}

func item(msg, code, object string) errItem {
	return errItem{Message: msg, Code: code, Object: object}
}

func writeErrors(w http.ResponseWriter, status int, items ...errItem) {
	fakeapi.WriteJSON(w, status, map[string]any{"error": items})
}

// readInfo reads {"payment_info": {...}} as raw keys.
func readInfo(w http.ResponseWriter, r *http.Request) (map[string]json.RawMessage, bool) {
	var body struct {
		PaymentInfo map[string]json.RawMessage `json:"payment_info"`
	}
	if err := fakeapi.ReadJSON(r, &body, true); err != nil {
		object := "payment_info"
		if f, ok := fakeapi.UnknownField(err); ok {
			writeErrors(w, http.StatusUnprocessableEntity, item("no es un parámetro permitido", CodeNotAllowed, f))
			return nil, false
		}
		writeErrors(w, http.StatusBadRequest, item("el cuerpo no es JSON válido", CodeInvalid, object))
		return nil, false
	}
	if body.PaymentInfo == nil {
		writeErrors(w, http.StatusUnprocessableEntity, item("no puede estar en blanco", CodeBlank, "payment_info"))
		return nil, false
	}
	return body.PaymentInfo, true
}

// checkKeys answers 422 with one item per missing or extra key.
func checkKeys(w http.ResponseWriter, info map[string]json.RawMessage, want []string) bool {
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
		writeErrors(w, http.StatusUnprocessableEntity, items...)
		return false
	}
	return true
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
	s.mu.Lock()
	p, ok := s.plans[id]
	s.mu.Unlock()
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

func (s *Server) pay(w http.ResponseWriter, r *http.Request) {
	info, ok := readInfo(w, r)
	if !ok {
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
		writeErrors(w, http.StatusUnprocessableEntity, item("no está incluido en la lista", CodeInvalid, "action"))
		return
	case change:
		kase, want = "subscription_change", changeKs
	case extra:
		kase, want = "extra_workers", extraKs
	}
	if !checkKeys(w, info, want) {
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
		writeErrors(w, http.StatusUnprocessableEntity, f.items...)
		return
	}

	switch c.number {
	case CardRejected:
		writeErrors(w, http.StatusUnprocessableEntity, item("La transacción fue rechazada por la entidad financiera", CodeRejected, "credit_card"))
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
			writeErrors(w, http.StatusUnprocessableEntity, item("no puede estar en blanco", CodeBlank, "credit_card"))
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
	s.payments = append(s.payments, rec)
	wrap := s.wrap
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
	if wrap {
		fakeapi.WriteJSON(w, http.StatusCreated, map[string]any{"data": out})
		return
	}
	fakeapi.WriteJSON(w, http.StatusCreated, out)
}

func (s *Server) updateCard(w http.ResponseWriter, r *http.Request) {
	info, ok := readInfo(w, r)
	if !ok {
		return
	}
	var action string
	_ = json.Unmarshal(info["action"], &action)
	if action != "update" {
		writeErrors(w, http.StatusUnprocessableEntity, item("debe ser update", CodeInvalid, "action"))
		return
	}
	if !checkKeys(w, info, updateKs) {
		return
	}
	f := &fields{info: info}
	f.period("payment_type", info["payment_type"])
	c := f.card(s.Now())
	if len(f.items) > 0 {
		writeErrors(w, http.StatusUnprocessableEntity, f.items...)
		return
	}
	if c.number == CardRejected {
		writeErrors(w, http.StatusUnprocessableEntity, item("La tarjeta fue rechazada por la entidad financiera", CodeRejected, "credit_card"))
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
