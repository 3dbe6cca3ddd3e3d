package cubotest

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// APIKey is the key the fake accepts; any other X-API-KEY gets a 401.
const APIKey = "cubo_test_api_key"

// Test card numbers.
const (
	CardApproved          = "4000000000000416"
	CardInsufficientFunds = "4000000000000051"
	CardIssuerUnavailable = "4000000000000150"
	CardSuspectedFraud    = "4000000000000507"
)

// Currency is the currency of the fake's merchant account (El Salvador).
const Currency = "USD"

// StatusPending is the status the fake gives an unpaid link's transaction.
const StatusPending cubo.Status = "PENDING"

// Server is the fake. Its embedded *fakeapi.Server gives URL, Close,
// InjectFault, ClearFaults, PendingFaults, Handled, Stats, SetClock,
// Requests, Reset and the webhook methods (DeliverWebhooks, Deliveries,
// WaitWebhooks, SetWebhookPolicy, EmitWebhook).
type Server struct {
	*fakeapi.Server

	links    *fakeapi.Collection[transaction]
	payments *fakeapi.Collection[Payment]
	seq      atomic.Uint64 // creation order among payments and links
}

// DefaultWebhookPolicy is how the fake retries a webhook its receiver did not
// answer 2xx: Cubo retries (integrators use a 5xx to get another try) on a
// schedule it does not publish. The fake makes 4 tries, 20 ms apart and
// doubling; change it with Server.SetWebhookPolicy.
var DefaultWebhookPolicy = fakeapi.WebhookPolicy{Attempts: 4, Backoff: 20 * time.Millisecond}

// NewServer starts a fake Cubo API on a loopback port. Close it when done.
func NewServer() *Server {
	s := &Server{}
	s.Server = fakeapi.New(fakeapi.Config{
		Authenticate: func(r *http.Request) bool { return r.Header.Get("X-API-KEY") == APIKey },
		Unauthorized: func(w http.ResponseWriter, r *http.Request) {
			fakeapi.WriteJSON(w, http.StatusUnauthorized, map[string]any{"statusCode": 401, "message": "Unauthorized"})
		},
		NotFound: func(w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusNotFound, "Cannot "+r.Method+" "+r.URL.Path, "Not Found")
		},
		Public: []string{"GET /checkout/{token}", "POST /checkout/{token}"},
	})
	d := dialect()
	s.links = s.declareLinks(d)
	s.payments = s.declarePayments(d)
	s.Handle("POST /api/v1/transactions", s.pay(false))
	s.Handle("POST /api/v1/transactions/subscription", s.pay(true))
	s.Handle("POST /api/v1/links/subscription", s.createSubscriptionLink)
	s.Handle("GET /checkout/{token}", s.checkoutPage)
	s.Handle("POST /checkout/{token}", s.checkoutPay)
	s.SetWebhookPolicy(DefaultWebhookPolicy)
	return s
}

// Close shuts the fake down. A webhook delivery still waiting for its
// receiver is given up, so a receiver that never answers cannot hold Close.
func (s *Server) Close() { s.Server.Close() }

// Client returns a client of the fake: the test key, the fake's URL and
// HTTP client, millisecond retry waits, then opts.
func (s *Server) Client(opts ...cubo.Option) *cubo.Client {
	all := append([]cubo.Option{
		cubo.WithBaseURL(s.URL),
		cubo.WithHTTPClient(s.HTTPClient()),
		cubo.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := cubo.NewClient(APIKey, all...)
	if err != nil {
		panic("cubotest: " + err.Error())
	}
	return c
}

// SetWebhookURL makes the fake post each webhook to url (as Cubo posts to
// the URL set in Cubo Admin); "" stops it. It is the older name of
// DeliverWebhooks: both set the same target, and Deliveries records every
// try.
func (s *Server) SetWebhookURL(url string) { s.DeliverWebhooks(url) }

const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// newToken returns a payment intent token (Cubo's format is not
// documented; the fake uses a UUID-like string).
func newToken() string {
	id := fakeapi.NewID("", 32)
	return id[:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:]
}
