package cubo

import (
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

// Hosts. Cubo does not publish fixed base URLs: it hands each merchant the
// base URL of each environment through its contact centre. These two are the
// hosts integrators report; when Cubo gives you another one, pass it to
// WithBaseURL. The documentation's "https://api.cubo.com" is a placeholder
// and is never used.
const (
	// ProductionURL is the production REST host, the default. One
	// integration reports https://api-payment.cubopago.com instead; confirm
	// yours with Cubo.
	ProductionURL = "https://api-payment-a.cubopago.com"
	// SandboxURL is the sandbox REST host. Sandbox keys differ from
	// production keys.
	SandboxURL = "https://api-payment-sandbox.cubopago.com"
)

// DefaultTimeout is the default per-attempt timeout. Cubo may process a card
// payment for up to three minutes before it answers, so an attempt is given
// three and a half minutes; WithTimeout changes it.
const DefaultTimeout = 210 * time.Second

// Option configures a Client. Shared and Cubo-specific options mix in one
// NewClient call and apply in order.
type Option = transport.Option

// Options shared by every latampay-go provider package.
var (
	// WithBaseURL points the client at another origin (Cubo's per-merchant
	// host, SandboxURL, a test server); the API's /api/v1/... paths are
	// appended to it.
	WithBaseURL = transport.WithBaseURL
	// WithHTTPClient sets the *http.Client that does the I/O (copied).
	WithHTTPClient = transport.WithHTTPClient
	// WithMaxRetries sets how many times a repeatable request is retried
	// (default 2). Card payments are never repeated once sent.
	WithMaxRetries = transport.WithMaxRetries
	// WithRetryWait sets the backoff bounds.
	WithRetryWait = transport.WithRetryWait
	// WithTimeout sets the per-attempt timeout (default DefaultTimeout).
	WithTimeout = transport.WithTimeout
	// WithLogger logs each attempt (never bodies, headers or credentials).
	WithLogger = transport.WithLogger
	// WithAppInfo appends name/version to the User-Agent.
	WithAppInfo = transport.WithAppInfo
)

// Sentinel errors shared by the whole latampay-go family.
var (
	// ErrOutcomeUnknown: a payment failed after it may have reached Cubo
	// (a timeout, a dropped connection, a 502/503/504). It was not retried;
	// the money may or may not have moved. Reconcile before charging again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: client-side validation refused the params; nothing
	// was sent. The error names the field.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: Cubo's answer could not be understood.
	ErrMalformedResponse = transport.ErrMalformedResponse
)

// Card is the card type shared by the latampay-go family. Cubo receives it
// as its flat cardHolder, cardNumber, cvv, month ("MM") and year ("YY")
// fields; it never prints its number or CVV.
type Card = card.Card

// Client is a Cubo Pago API client. It is safe for concurrent use.
type Client struct {
	// Transactions charges cards directly and reads transactions.
	Transactions *TransactionsService
	// Links creates hosted payment links.
	Links *LinksService

	tc *transport.Client
	// now is the clock used for card expiry checks.
	now func() time.Time
}

// NewClient returns a client that authenticates with apiKey (the key
// generated in Cubo Admin, sent as the X-API-KEY header).
//
// Defaults: ProductionURL (use WithBaseURL(SandboxURL) or the URL Cubo gave
// you), a per-attempt timeout of DefaultTimeout (longer than Cubo's own
// three-minute processing window), 2 retries for requests that may be
// repeated. An empty apiKey or an invalid option is an error.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if err := transport.CheckCredential("cubo: NewClient: API key", apiKey); err != nil {
		return nil, err
	}
	s, err := transport.NewSettings(opts...)
	if err != nil {
		return nil, err
	}
	tc, err := transport.New(transport.Config{
		Provider:    "cubo",
		BaseURL:     ProductionURL,
		Timeout:     DefaultTimeout,
		Auth:        transport.HeaderAuth("X-API-KEY", apiKey),
		Header:      http.Header{"Accept": {"application/json"}},
		DecodeError: decodeError,
	}, s)
	if err != nil {
		return nil, err
	}
	c := &Client{tc: tc, now: time.Now}
	c.Transactions = &TransactionsService{c: c}
	c.Links = &LinksService{c: c}
	return c, nil
}
