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

// Fault makes the next matching requests fail; see Server.InjectFault.
type Fault = fakeapi.Fault

// Documented test cards (any future expiry works).
var (
	CardVisa       = culqi.Card{Number: "4111111111111111", CVV: "123", ExpMonth: 9, ExpYear: 2030}
	CardMastercard = culqi.Card{Number: "5111111111111118", CVV: "039", ExpMonth: 9, ExpYear: 2030}
	CardAmex       = culqi.Card{Number: "371212121212122", CVV: "2841", ExpMonth: 9, ExpYear: 2030}
	CardDiners     = culqi.Card{Number: "36001212121210", CVV: "964", ExpMonth: 9, ExpYear: 2030}
	// Card3DSChallenge needs 3-D Secure (with ReviewEmail) and then succeeds.
	Card3DSChallenge = culqi.Card{Number: "4456530000001096", CVV: "111", ExpMonth: 12, ExpYear: 2030}
	// Card3DSFrictionless needs 3-D Secure (with ReviewEmail) and then succeeds.
	Card3DSFrictionless = culqi.Card{Number: "4456530000001005", CVV: "111", ExpMonth: 12, ExpYear: 2030}
)

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

// DeclineCard returns a test card that Culqi declines with decline code
// code, and false when no documented card gives it.
func DeclineCard(code string) (culqi.Card, bool) {
	cvv := map[string]string{"4000020000000000": "354", "4000030000000009": "836", "4000040000000008": "295",
		"5400000000000005": "492", "5400020000000003": "203", "370001000000000": "2511", "370002000000008": "1810",
		"36000000000008": "683", "36000100000007": "820", "36000200000006": "230"}
	for n, c := range DeclineCards {
		if c == code {
			return culqi.Card{Number: n, CVV: cvv[n], ExpMonth: 9, ExpYear: 2030}, true
		}
	}
	return culqi.Card{}, false
}

var threeDSCards = map[string]bool{"4456530000001096": true, "4456530000001005": true, "4456530000001070": true, "4456530000001013": true}

// Server is the fake Culqi API. Its URL, Close, InjectFault, ClearFaults,
// SetClock, Handled and Stats come from the shared scaffold.
type Server struct {
	*fakeapi.Server

	mu       sync.Mutex
	tracking int64
	tokens   map[string]*tokenState
	charges  *fakeapi.Store[object]
	refunds  *fakeapi.Store[object]
	custs    *fakeapi.Store[object]
	cards    *fakeapi.Store[object]
	plans    *fakeapi.Store[object]
	subs     *fakeapi.Store[object]
	orders   *fakeapi.Store[object]
	events   *fakeapi.Store[object]
	tokObjs  *fakeapi.Store[object]
}

type object = map[string]any

type tokenState struct {
	pan  string
	used bool
}

// NewServer starts a fake. Close it when done.
func NewServer() *Server {
	s := &Server{
		tracking: 10000000,
		tokens:   map[string]*tokenState{},
		charges:  fakeapi.NewStore[object](),
		refunds:  fakeapi.NewStore[object](),
		custs:    fakeapi.NewStore[object](),
		cards:    fakeapi.NewStore[object](),
		plans:    fakeapi.NewStore[object](),
		subs:     fakeapi.NewStore[object](),
		orders:   fakeapi.NewStore[object](),
		events:   fakeapi.NewStore[object](),
		tokObjs:  fakeapi.NewStore[object](),
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
	s.routes()
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

// authenticate: the public key creates tokens and confirms orders; the
// secret key does everything (Culqi's official SDKs send the public key to
// confirm, so both are accepted there).
func (s *Server) authenticate(r *http.Request) bool {
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	isPK := key == PublicKey
	if r.Method == http.MethodPost && r.URL.Path == "/v2/tokens" {
		return isPK
	}
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/confirm") {
		return isPK || key == SecretKey
	}
	return key == SecretKey
}

func (s *Server) nowMS() int64 { return s.Now().UnixMilli() }
