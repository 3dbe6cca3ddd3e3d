package srpago

import (
	"context"
	"crypto/rsa"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
)

// Hosts of the Sr. Pago API. The SDK appends the /v1 paths.
const (
	// ProductionURL is the live API, the default.
	ProductionURL = "https://api.srpago.com"
	// SandboxURL is the test API; select it with WithBaseURL(SandboxURL).
	SandboxURL = "https://sandbox-api.srpago.com"
)

// DefaultTimeout is the per-attempt timeout unless WithTimeout says
// otherwise. Sr. Pago documents no gateway limit; a bank authorization
// through its switch can take tens of seconds, so an attempt may take 60 s.
const DefaultTimeout = 60 * time.Second

// RequestIDHeader is the response header carrying Sr. Pago's trace id.
const RequestIDHeader = "X-App-Request"

// Option configures a Client; the shared options and WithPublicKey mix
// in one NewClient call.
type Option = transport.Option

// The options shared by every latampay-go package.
var (
	// WithBaseURL selects another origin (SandboxURL, a test server).
	WithBaseURL = transport.WithBaseURL
	// WithHTTPClient sets the *http.Client that does the I/O.
	WithHTTPClient = transport.WithHTTPClient
	// WithMaxRetries sets the retries of repeatable requests (default 2).
	WithMaxRetries = transport.WithMaxRetries
	// WithRetryWait sets the backoff bounds.
	WithRetryWait = transport.WithRetryWait
	// WithTimeout sets the per-attempt timeout (default DefaultTimeout).
	WithTimeout = transport.WithTimeout
	// WithLogger logs each attempt, never bodies or credentials.
	WithLogger = transport.WithLogger
	// WithAppInfo appends name/version to the User-Agent.
	WithAppInfo = transport.WithAppInfo
)

// Errors shared by every latampay-go package.
var (
	// ErrOutcomeUnknown: a charge or reversal may or may not have happened;
	// reconcile through Operations before trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: validation refused the params; nothing was sent.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: the API answered something unreadable.
	ErrMalformedResponse = transport.ErrMalformedResponse
)

// Card is the payment card type of the whole latampay-go family. Its
// number and CVV never show through fmt, slog or encoding/json.
type Card = card.Card

// Metadata is free-form customer metadata.
type Metadata = wire.Metadata

// Time is a timestamp decoded from any shape the API sends.
type Time = wire.Time

//go:embed srpago_public_key.pem
var srpagoPublicKeyPEM []byte

// PublicKeyPEM returns Sr. Pago's published 4096-bit RSA public key, the
// one the SDK encrypts tokenization and charge envelopes for unless
// WithPublicKey replaces it. It is the same for sandbox and production.
func PublicKeyPEM() []byte { return append([]byte(nil), srpagoPublicKeyPEM...) }

// PublicKeySHA256 is the SHA-256 of the DER encoding of the embedded key,
// for checking it against Sr. Pago's published key.
const PublicKeySHA256 = "14e993df3a992f8c45406c977a226bb223e580bcf50215bcb4915337d94a1f0a"

type publicKeyOpt struct{}

// WithPublicKey replaces the RSA public key the encryption envelope is
// sealed for, given as PEM ("PUBLIC KEY" or "RSA PUBLIC KEY"): for a key
// rotated by Sr. Pago, or a test server's key (srpagotest does this).
func WithPublicKey(pemKey string) Option {
	return func(s *transport.Settings) error {
		k, err := envelope.ParsePublicKey([]byte(pemKey))
		if err != nil {
			return errors.New("srpago: WithPublicKey: " + err.Error())
		}
		if k.N.BitLen() < 2048 {
			return errors.New("srpago: WithPublicKey: RSA key shorter than 2048 bits")
		}
		s.SetExtra(publicKeyOpt{}, k)
		return nil
	}
}

// Client is a Sr. Pago API client. It is safe for concurrent use.
type Client struct {
	// Customers creates and manages customers.
	Customers *CustomerService
	// Cards saves tokenized cards on customers (tok_ → crd_).
	Cards *CardService
	// Tokens tokenizes cards (encrypted).
	Tokens *TokenService
	// Charges charges tokens and saved cards (encrypted) and reverses charges.
	Charges *ChargeService
	// Operations reads completed operations, for reconciliation.
	Operations *OperationService

	tc     *transport.Client
	pub    *rsa.PublicKey
	appKey string
	now    func() time.Time
}

// NewClient returns a client authenticating with HTTP Basic
// appKey:appSecret on every call. It talks to ProductionURL unless
// WithBaseURL says otherwise; each attempt is bounded by DefaultTimeout
// (60 s) unless WithTimeout says otherwise.
func NewClient(appKey, appSecret string, opts ...Option) (*Client, error) {
	if err := transport.CheckCredential("srpago: NewClient: application key", appKey); err != nil {
		return nil, err
	}
	if err := transport.CheckCredential("srpago: NewClient: application secret", appSecret); err != nil {
		return nil, err
	}
	s, err := transport.NewSettings(opts...)
	if err != nil {
		return nil, err
	}
	pub, _ := s.Extra(publicKeyOpt{}).(*rsa.PublicKey)
	if pub == nil {
		if pub, err = envelope.ParsePublicKey(srpagoPublicKeyPEM); err != nil {
			return nil, errors.New("srpago: embedded public key: " + err.Error())
		}
	}
	tc, err := transport.New(transport.Config{
		Provider:        "srpago",
		BaseURL:         ProductionURL,
		Timeout:         DefaultTimeout,
		Auth:            transport.BasicAuth(appKey, appSecret),
		Header:          http.Header{"X-User-Agent": {`{"language":"Go","sdk_version":"` + transport.Version + `","api_version":"v1"}`}},
		RequestIDHeader: RequestIDHeader,
		DecodeError:     decodeError,
		CheckSuccess:    true,
	}, s)
	if err != nil {
		return nil, err
	}
	c := &Client{tc: tc, pub: pub, appKey: appKey, now: time.Now}
	c.Customers = &CustomerService{c}
	c.Cards = &CardService{c}
	c.Tokens = &TokenService{c}
	c.Charges = &ChargeService{c}
	c.Operations = &OperationService{c}
	return c, nil
}

// String keeps the application key out of fmt and slog output: only the
// origin the client talks to shows. Value receivers, so that a dereferenced
// Client prints redacted too.
func (c Client) String() string {
	if c.tc == nil {
		return "srpago.Client{}"
	}
	return "srpago.Client{" + c.tc.BaseURL().String() + "}"
}

// GoString keeps the application key out of %#v.
func (c Client) GoString() string { return c.String() }

// result is the {"success": true, "result": …} wrapper; a missing or null
// result is a decoding error, so the transport reports it as a malformed
// response (and as an unknown outcome on a call that must not repeat).
type result[T any] struct{ v *T }

// UnmarshalJSON decodes the envelope's result into a fresh T.
func (r *result[T]) UnmarshalJSON(b []byte) error {
	var env struct {
		Result *T `json:"result"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	if env.Result == nil {
		return errNoResult
	}
	r.v = env.Result
	return nil
}

var errNoResult = errors.New(`no "result" in the response`)

// call sends req and returns its unwrapped result.
func call[T any](ctx context.Context, c *Client, req *transport.Request) (*T, error) {
	var r result[T]
	if _, err := c.tc.Do(ctx, req, &r); err != nil {
		return nil, err
	}
	return r.v, nil
}

// send sends req whose result is not needed (deletes).
func (c *Client) send(ctx context.Context, req *transport.Request) error {
	_, err := c.tc.Do(ctx, req, nil)
	return err
}

// sealed is the body of the encrypted endpoints.
type sealed struct {
	Key      string `json:"key"`
	Data     string `json:"data"`
	Metadata any    `json:"metadata,omitempty"`
}

// seal JSON-encodes v and encrypts it for the client's key.
func (c *Client) seal(v any) (*sealed, error) {
	plain, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	k, d, err := envelope.Seal(c.pub, plain)
	clear(plain)
	if err != nil {
		return nil, err
	}
	return &sealed{Key: k, Data: d}, nil
}
