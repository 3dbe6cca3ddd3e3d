package srpagotest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/srpago"
)

// Test credentials accepted by the fake.
const (
	AppKey    = "srpago_test_app_key"
	AppSecret = "srpago_test_app_secret"
)

// Test card numbers.
const (
	CardApproved           = "4242424242424242"
	CardInsufficientFunds  = "4111111111111111"
	CardInvalid            = "5504174401458735"
	CardStolen             = "4000000000009979"
	BankCodeInsufficient   = "51"
	BankCodeStolen         = "43"
	firstOperationSequence = 471856
)

// mexico is Mexico City time (UTC-6 all year since 2022): the API's
// timestamps and its "same day" for reversals.
var mexico = time.FixedZone("CST", -6*60*60)

const tsLayout = "2006-01-02T15:04:05-07:00"

var (
	keyOnce sync.Once
	keyPriv *rsa.PrivateKey
	keyPEM  string
)

// testKey generates the fake's RSA key pair once per process: a test key
// that protects nothing, never Sr. Pago's.
func testKey() (*rsa.PrivateKey, string) {
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic("srpagotest: generating the test key: " + err.Error())
		}
		der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil {
			panic("srpagotest: encoding the test key: " + err.Error())
		}
		keyPriv = k
		keyPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	})
	return keyPriv, keyPEM
}

// Server is the fake Sr. Pago API. URL, Close, InjectFault, SetClock,
// Handled, Stats, Requests, Reset and the webhook methods (DeliverWebhooks,
// Deliveries, WaitWebhooks, SetWebhookPolicy, EmitWebhook) come from the
// embedded scaffold.
type Server struct {
	// Server is the shared fake scaffold: the HTTP server, faults, clock.
	*fakeapi.Server

	priv   *rsa.PrivateKey
	pubPEM string

	// The declared resources (customers.go, savedcards.go, operations.go,
	// payments.go): their routes and typed state.
	customers *fakeapi.Collection[customer]
	cards     *fakeapi.Collection[cardRec]
	ops       *fakeapi.Collection[operation] // by transaction id, in charge order
	refs      *fakeapi.Collection[reference] // cash and SPEI references, by reference number

	// Objects change only inside their store's Update, so a request that
	// reads a single store needs no other lock. mu serializes the charges,
	// which read and change several together (the order ids taken, a
	// token, the operation numbers), making each one atomic; it is always
	// released with defer, so a handler that fails cannot leave the fake
	// locked.
	mu     sync.Mutex
	orders map[string]bool // order ids taken; under mu
	seq    int             // last operation number; under mu
	reqSeq atomic.Int64

	tokens   *fakeapi.Store[tokenRec]
	sessions *fakeapi.Store[session] // connection tokens, by token
	hooks    *fakeapi.Store[webhook] // notification URLs, by webhook id
}

// NewServer starts a fake. Close it when done.
func NewServer() *Server {
	priv, pubPEM := testKey()
	s := &Server{
		priv: priv, pubPEM: pubPEM,
		orders: map[string]bool{}, seq: firstOperationSequence - 1,
		tokens: fakeapi.NewStore[tokenRec](), sessions: fakeapi.NewStore[session](),
		hooks: fakeapi.NewStore[webhook](),
	}
	s.Server = fakeapi.New(fakeapi.Config{
		// HTTP Basic application key and secret, or a live connection
		// token from the login.
		Authenticate: s.authenticate,
		// The code of a refused credential is not documented (GUESS).
		Unauthorized: func(w http.ResponseWriter, r *http.Request) {
			s.fail(w, http.StatusUnauthorized, "InvalidCredentialsException", "Credenciales inválidas", nil)
		},
		// Sr. Pago's message for an unknown route; its code is not documented.
		NotFound: func(w http.ResponseWriter, r *http.Request) {
			s.fail(w, http.StatusNotFound, "InvalidServiceException", "El servicio no existe", nil)
		},
	})
	s.customers = s.declareCustomers()
	s.cards = s.declareCards()
	s.ops = s.declareOperations()
	s.refs = s.declarePayments()
	// The routes that move money, seal cards, log in or hold one object
	// each stay hand-written.
	s.Handle("POST /v1/token", s.createToken)
	s.Handle("POST /v1/payment/card", s.charge)
	s.Handle("GET /v1/operations/apply-reversal/{tx}", s.reverse)
	s.Handle("GET /v1/operations/{tx}", s.getOperation)
	s.Handle("POST /v1/auth/login/application", s.login)
	s.Handle("POST /v1/payment/convenience-store", s.createCashReference)
	s.Handle("POST /v1/payment/spei", s.createSPEIReference)
	s.Handle("GET /v1/account/info", s.accountInfo)
	s.Handle("GET /v1/funds", s.funds)
	s.Handle("PUT /v1/webhook/{id}", s.updateWebhook)
	s.SetWebhookPolicy(DefaultWebhookPolicy)
	return s
}

// Client returns a client for the fake: its test credentials and public
// key, its URL and HTTP client, millisecond retry waits; opts apply after.
func (s *Server) Client(opts ...srpago.Option) *srpago.Client {
	all := append([]srpago.Option{
		srpago.WithBaseURL(s.URL),
		srpago.WithHTTPClient(s.HTTPClient()),
		srpago.WithRetryWait(time.Millisecond, 5*time.Millisecond),
		srpago.WithEncryptionKey([]byte(s.pubPEM)),
	}, opts...)
	c, err := srpago.NewClient(AppKey, AppSecret, all...)
	if err != nil {
		panic("srpagotest: " + err.Error())
	}
	return c
}

// PublicKeyPEM is the fake's public key, for srpago.WithEncryptionKey.
func (s *Server) PublicKeyPEM() string { return s.pubPEM }

func (s *Server) now() time.Time { return s.Now().In(mexico) }
