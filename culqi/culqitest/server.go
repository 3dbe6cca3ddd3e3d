package culqitest

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Test credentials the fake accepts; Client uses them.
const (
	SecretKey = "sk_test_culqitest0000000"
	PublicKey = "pk_test_culqitest0000000"
)

// ReviewEmail triggers the 3-D Secure answer with the Card3DS… cards.
const ReviewEmail = "review@culqi.com"

// testCardExpYear is the expiry year of every test card here (month 12).
// Culqi's docs give 12/30 for its test cards and its sandbox takes any
// future date, but whether it takes one as far as 2099 is not documented;
// a year five years from now is valid everywhere and, unlike a fixed one,
// never makes the cards expire under the tests.
var testCardExpYear = time.Now().Year() + 5

// Documented test cards. Each expires in December five years from now:
// Culqi's sandbox takes any future expiry.
var (
	// CardVisa is Culqi's successful Visa test card.
	CardVisa = testCard("4111111111111111", "123")
	// CardMastercard is Culqi's successful Mastercard test card.
	CardMastercard = testCard("5111111111111118", "039")
	// CardAmex is Culqi's successful American Express test card.
	CardAmex = testCard("371212121212122", "2841")
	// CardDiners is Culqi's successful Diners Club test card.
	CardDiners = testCard("36001212121210", "964")
	// Card3DSChallenge needs 3-D Secure (with ReviewEmail) and then succeeds.
	Card3DSChallenge = testCard("4456530000001096", "111")
	// Card3DSFrictionless needs 3-D Secure (with ReviewEmail) and then succeeds.
	Card3DSFrictionless = testCard("4456530000001005", "111")
	// Card3DSTimeout needs 3-D Secure (with ReviewEmail), and its
	// authentication times out: the request sent again with
	// Authentication3DS is declined with ThreeDSFailedDeclineCode.
	Card3DSTimeout = testCard("4456530000001070", "111")
	// Card3DSAuthError needs 3-D Secure (with ReviewEmail), and its
	// authentication fails: the request sent again with Authentication3DS
	// is declined with ThreeDSFailedDeclineCode.
	Card3DSAuthError = testCard("4456530000001013", "111")
)

// ThreeDSFailedDeclineCode is the decline_code the fake gives a charge or
// card whose 3-D Secure authentication failed (Card3DSTimeout,
// Card3DSAuthError). Culqi documents that these cards fail but not with
// which code; the fake uses the issuer's generic refusal.
const ThreeDSFailedDeclineCode = culqi.DeclineIssuerDeclineOperation

func testCard(number, cvv string) culqi.Card {
	return culqi.Card{Number: number, CVV: cvv, ExpMonth: 12, ExpYear: testCardExpYear}
}

// DeclineCards maps each documented decline card's number to its decline_code.
var DeclineCards = map[string]string{
	"4000020000000000": culqi.DeclineStolenCard,
	"4000030000000009": culqi.DeclineLostCard,
	"4000040000000008": culqi.DeclineInsufficientFunds,
	"5400000000000005": culqi.DeclineContactIssuer,
	"5400020000000003": culqi.DeclineIncorrectCVV,
	"370001000000000":  culqi.DeclineIssuerNotAvailable,
	"370002000000008":  culqi.DeclineIssuerDeclineOperation,
	"36000000000008":   culqi.DeclineInvalidCard,
	"36000100000007":   culqi.DeclineProcessingError,
	"36000200000006":   culqi.DeclineFraudulent,
}

// ApprovedCard returns a test card whose charges succeed: Culqi's
// successful Visa, CardVisa.
func ApprovedCard() culqi.Card { return CardVisa }

// DeclinedCard returns the test card that Culqi declines with decline
// code code (culqi.DeclineStolenCard, …): a charge of it fails with 402
// and that decline_code, saving it as a card with 400. It reports false
// when Culqi publishes no card for the code (expired_card, invalid_cvv,
// too_many_attempts_cvv, culqi_card and soft_block have none).
func DeclinedCard(code string) (culqi.Card, bool) {
	cvv := map[string]string{"4000020000000000": "354", "4000030000000009": "836", "4000040000000008": "295",
		"5400000000000005": "492", "5400020000000003": "203", "370001000000000": "2511", "370002000000008": "1810",
		"36000000000008": "683", "36000100000007": "820", "36000200000006": "230"}
	for n, c := range DeclineCards {
		if c == code {
			return testCard(n, cvv[n]), true
		}
	}
	return culqi.Card{}, false
}

// DeclineCard is the older name of DeclinedCard.
//
// Deprecated: use DeclinedCard (the name the five fakes share).
func DeclineCard(code string) (culqi.Card, bool) { return DeclinedCard(code) }

// threeDSCards maps each 3-D Secure test card to whether its
// authentication fails.
var threeDSCards = map[string]bool{"4456530000001096": false, "4456530000001005": false, "4456530000001070": true, "4456530000001013": true}

// Server is the fake Culqi API. Its URL, Close, InjectFault, ClearFaults,
// SetClock, Handled, Stats, Requests, Reset, DeliverWebhooks, Deliveries,
// WaitWebhooks, SetWebhookPolicy and EmitWebhook come from the scaffold
// the five latampay-go fakes share (see Fault, Request and
// Delivery).
type Server struct {
	*fakeapi.Server

	mu    sync.Mutex
	rsaID string // the id of the RSA key (RSAKey)
	// hookUser and hookPassword are the webhooks' Basic Auth
	// (SetWebhookAuth).
	hookUser, hookPassword string
	tracking               int64
	tokens                 map[string]*tokenState

	// The resources, each declared once in its own file.
	tokObjs *fakeapi.Collection[object]
	charges *fakeapi.Collection[object]
	refunds *fakeapi.Collection[object]
	custs   *fakeapi.Collection[object]
	cards   *fakeapi.Collection[object]
	plans   *fakeapi.Collection[object]
	subs    *fakeapi.Collection[object]
	orders  *fakeapi.Collection[object]
	// legacyPlans and legacySubs back the retired /v2/plans and
	// /v2/subscriptions API.
	legacyPlans *fakeapi.Collection[object]
	legacySubs  *fakeapi.Collection[object]
	events      *fakeapi.Collection[object]
	iins        *fakeapi.Collection[object] // keyed by BIN
	transfers   *fakeapi.Collection[object]
}

type tokenState struct {
	pan  string
	used bool
}

// NewServer starts a fake. Close it when done.
func NewServer() *Server {
	s := &Server{
		tracking: 10000000,
		rsaID:    newRSAID(),
		tokens:   map[string]*tokenState{},
	}
	s.Server = fakeapi.New(fakeapi.Config{
		Authenticate: s.authenticate,
		Unauthorized: func(w http.ResponseWriter, r *http.Request) {
			s.fail(w, http.StatusUnauthorized, culqi.ErrorTypeAuthentication, "invalid_key", "",
				"La llave de autenticación no es válida.", "")
		},
		NotFound: func(w http.ResponseWriter, r *http.Request) {
			// Culqi answers an unknown route with 401.
			s.fail(w, http.StatusUnauthorized, culqi.ErrorTypeAuthentication, "", "",
				"Ruta inválida, entérate de las rutas disponibles en la documentación.", "")
		},
	})
	s.SetWebhookPolicy(CulqiWebhookPolicy)
	s.declareTokens()
	s.declareCharges()
	s.declareRefunds()
	s.declareCustomers()
	s.declareCards()
	s.declareRecurrent()
	s.declareOrders()
	s.declareEvents()
	s.declareIINs()
	s.declareTransfers()
	s.declareLegacy()
	for _, c := range []culqi.Card{CardVisa, CardMastercard, CardAmex, CardDiners, Card3DSChallenge} {
		s.addIIN(c.Number)
	}
	for pan := range DeclineCards {
		s.addIIN(pan)
	}
	return s
}

// Client returns a client for the fake: test keys, WithBaseURL(s.URL), the
// fake's HTTP client and millisecond retry waits, then opts.
func (s *Server) Client(opts ...culqi.Option) *culqi.Client {
	all := append([]culqi.Option{
		culqi.WithPublicKey(PublicKey),
		culqi.WithBaseURL(s.URL),
		culqi.WithHTTPClient(s.HTTPClient()),
		culqi.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := culqi.NewClient(SecretKey, all...)
	if err != nil {
		panic("culqitest: " + err.Error())
	}
	return c
}

// authenticate: the public key creates card and Yape tokens and confirms
// orders; the secret key does everything else (Culqi's official SDKs send
// the public key to confirm, so both are accepted there).
func (s *Server) authenticate(r *http.Request) bool {
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	isPK := key == PublicKey
	if r.Method == http.MethodPost && (r.URL.Path == "/v2/tokens" || r.URL.Path == "/v2/tokens/yape") {
		return isPK
	}
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/confirm") {
		return isPK || key == SecretKey
	}
	return key == SecretKey
}

func (s *Server) nowMS() int64 { return s.Now().UnixMilli() }
