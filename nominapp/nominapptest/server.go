package nominapptest

import (
	"net/http"
	"sync"
	"time"

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

// Server is the fake. Embedded *fakeapi.Server gives URL, Close,
// InjectFault, SetClock, Handled and Stats.
type Server struct {
	*fakeapi.Server

	payments *fakeapi.Collection[PaymentRecord]
	// plans is the catalogue payments are priced from; Nominapp serves no
	// route for it, so it is a plain store, not a declaration.
	plans *fakeapi.Store[Plan]

	mu     sync.Mutex
	tokens map[string]time.Time
	logins int
	card   *StoredCard
	sub    Subscription
	wrap   bool
}

// NewServer starts a fake; Close it when done.
func NewServer() *Server {
	s := &Server{tokens: map[string]time.Time{}, plans: fakeapi.NewStore[Plan]()}
	for _, p := range []Plan{
		{ID: PlanBasic, Name: "Básico", MonthlyPrice: 6615},
		{ID: PlanPro, Name: "Pro", MonthlyPrice: 9900},
		{ID: PlanPlus, Name: "Plus", MonthlyPrice: 7900},
	} {
		s.AddPlan(p)
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
	s.payments = s.declarePayments(s.dialect())
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

// AddPlan adds or replaces a plan of the catalogue.
func (s *Server) AddPlan(p Plan) { s.plans.Put(p.ID, &p) }

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

// SetWrapData makes payment answers (and a declared resource's objects)
// come wrapped in {"data": …}.
func (s *Server) SetWrapData(wrap bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wrap = wrap
}
