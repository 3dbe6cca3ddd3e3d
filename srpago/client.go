package srpago

import (
	"context"
	"crypto/rsa"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
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

// Option configures a Client; build one with the With… functions of this
// package. Options apply in order, a later one overriding an earlier one.
// Each provider package has its own Option type: another package's
// options do not compile here.
type Option struct{ apply transport.Option }

// WithBaseURL points the client at another origin, scheme://host[:port]:
// SandboxURL, or a test server. The API's /v1 paths are appended to it, and
// a path given here is kept as a prefix. Plain http:// is accepted only for
// loopback hosts; any other plaintext URL makes NewClient fail.
func WithBaseURL(baseURL string) Option { return Option{transport.WithBaseURL(baseURL)} }

// WithHTTPClient sets the *http.Client that does the I/O. It is copied when
// the option is applied and never mutated: set its Transport before
// NewClient. The shorter of its Timeout and WithTimeout bounds an attempt.
// Redirects are never followed, whatever its CheckRedirect says. Close
// leaves this client's transport open.
func WithHTTPClient(c *http.Client) Option { return Option{transport.WithHTTPClient(c)} }

// WithMaxRetries sets how many times a request that may be repeated (a
// read, a PUT, a DELETE) is retried after the first attempt: default 2, 0
// disables retries, a negative count makes NewClient fail. Charges and
// reversals are never repeated once they may have reached Sr. Pago.
func WithMaxRetries(n int) Option { return Option{transport.WithMaxRetries(n)} }

// WithRetryWait sets the backoff bounds: the first retry waits about min,
// each next one twice as long, never more than max. A Retry-After header is
// honoured but capped at max. min above max makes NewClient fail.
func WithRetryWait(min, max time.Duration) Option {
	return Option{transport.WithRetryWait(min, max)}
}

// WithTimeout sets the per-attempt timeout (default DefaultTimeout, 60 s).
// It must be positive: there is no "no timeout".
func WithTimeout(d time.Duration) Option { return Option{transport.WithTimeout(d)} }

// WithLogger logs one record per attempt (method, host, path, status,
// attempt, duration, X-App-Request id) at debug level, failures and 429 or
// 5xx answers at warn. Bodies, query strings, header values and credentials
// are never logged. Nothing is logged without it.
func WithLogger(l *slog.Logger) Option { return Option{transport.WithLogger(l)} }

// WithAppInfo appends name/version to the User-Agent, which starts
// latampay-go/<version>. Both must be tokens without spaces, slashes or
// parentheses.
func WithAppInfo(name, version string) Option { return Option{transport.WithAppInfo(name, version)} }

// Errors shared by every latampay-go package: the same values as in the
// other provider packages, so one errors.Is test fits them all.
var (
	// ErrOutcomeUnknown: a charge, a reversal or a cash or SPEI reference
	// may or may not have been made; reconcile (Charges.Reconcile) before
	// trying again. Check it first: when it holds, the money may have
	// moved even if an *Error is inside.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: validation refused the params; nothing was sent.
	// The *ParamError inside names the field.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: the API answered something unreadable (not
	// JSON, an empty body, a 204, a result without what was asked for).
	ErrMalformedResponse = transport.ErrMalformedResponse
)

// Card is the payment card type of the whole latampay-go family, one type
// shared by the five provider packages. Fields: Number (the PAN; spaces and
// dashes are ignored), CVV, ExpMonth (1–12), ExpYear (four digits; a
// two-digit year means 20YY) and HolderName (required by Tokens.Create).
// Methods: Validate(now) (digits, Luhn, month, expiry, CVV), Digits (the
// number without separators), Last4, Brand, ExpiryYYMM (the "YYMM" Sr.
// Pago's wire uses) and the other expiry spellings. Nothing prints the
// number beyond its last four digits, or the CVV: String and GoString give
// "Card{visa ****4242 09/2027}", Format gives that for every fmt verb (%v,
// %+v, %#v, %s; %q quotes it), LogValue logs brand, last4, exp_month and
// exp_year for log/slog, and MarshalJSON writes {"brand", "last4",
// "exp_month", "exp_year"}. The number and CVV reach the wire only inside
// the encryption envelope.
type Card = card.Card

// Metadata is free-form customer metadata, a map[string]string. A
// non-string JSON value the API sends back (a number, an object) is kept as
// its JSON text instead of failing the decode.
type Metadata = wire.Metadata

// Time is a timestamp decoded from any shape the API sends: RFC 3339 and
// ISO 8601 with or without an offset (without one it means UTC), Unix
// seconds or milliseconds as numbers or numeric strings; null, "" and 0
// give the zero Time. It embeds time.Time (decoded in UTC), so its methods
// (IsZero, Format, In…) apply; it encodes as RFC 3339, the zero Time as
// null.
type Time = wire.Time

//go:embed srpago_public_key.pem
var srpagoPublicKeyPEM []byte

// PublicKeyPEM returns Sr. Pago's published 4096-bit RSA public key, the
// one the SDK encrypts tokenization and charge envelopes for unless
// WithEncryptionKey replaces it. It is the same for sandbox and production.
func PublicKeyPEM() []byte { return append([]byte(nil), srpagoPublicKeyPEM...) }

// PublicKeySHA256 is the SHA-256 of the DER encoding of the embedded key,
// for checking it against Sr. Pago's published key.
const PublicKeySHA256 = "14e993df3a992f8c45406c977a226bb223e580bcf50215bcb4915337d94a1f0a"

type publicKeyOpt struct{}

// WithEncryptionKey replaces the RSA public key that the {key, data}
// envelope of Tokens.Create and Charges.Create is sealed for, given as PEM
// ("PUBLIC KEY" or "RSA PUBLIC KEY", at least 2048 bits): for a key rotated
// by Sr. Pago, or a test server's key (srpagotest sets its own). Without it
// the client uses Sr. Pago's published key (PublicKeyPEM). A key that does
// not parse makes NewClient fail.
func WithEncryptionKey(publicKeyPEM []byte) Option {
	return Option{func(s *transport.Settings) error {
		k, err := envelope.ParsePublicKey(publicKeyPEM)
		if err != nil {
			return errors.New("srpago: WithEncryptionKey: " + err.Error())
		}
		if k.N.BitLen() < 2048 {
			return errors.New("srpago: WithEncryptionKey: RSA key shorter than 2048 bits")
		}
		s.SetExtra(publicKeyOpt{}, k)
		return nil
	}}
}

// WithPublicKey replaces the envelope's RSA public key.
//
// Deprecated: use WithEncryptionKey, which this calls; "public key" means
// the API key in other packages of the family.
func WithPublicKey(pemKey string) Option { return WithEncryptionKey([]byte(pemKey)) }

// Client is a Sr. Pago API client. It is safe for concurrent use. Build it
// with NewClient: every method of a zero Client (or of its nil services)
// returns an error matching ErrNoClient.
type Client struct {
	// Customers creates and manages customers.
	Customers *CustomersService
	// Cards saves tokenized cards on customers (tok_ → crd_).
	Cards *CardsService
	// Tokens tokenizes cards (encrypted).
	Tokens *TokensService
	// Charges charges tokens and saved cards (encrypted), reverses charges
	// and reconciles unknown outcomes.
	Charges *ChargesService
	// Operations reads completed operations.
	Operations *OperationsService
	// References creates cash (convenience store) and SPEI payment
	// references.
	References *ReferencesService
	// Payments lists web-checkout and store (cash, SPEI) payments.
	Payments *PaymentsService
	// Account reads the merchant account and its funds.
	Account *AccountService
	// Webhooks changes the notification URL.
	Webhooks *WebhooksService

	tc      *transport.Client
	pub     *rsa.PublicKey
	secrets *credentials
	session *transport.SessionAuth // nil without WithBearerLogin
	now     func() time.Time
}

// credentials hold what the client must never print; behind a pointer, fmt
// shows an address for them even in a dereferenced Client.
type credentials struct{ appKey string }

// ErrNoClient is the error of a call on a nil or zero Client, or on a nil
// service: one not made by NewClient. It is the value every package of the
// family shares, wrapped with this package's prefix.
var ErrNoClient = transport.ErrNoClient

var errNoClient = fmt.Errorf("srpago: %w", transport.ErrNoClient)

// service is what every service holds: the client it belongs to.
type service struct{ c *Client }

// client returns the service's client, or errNoClient for a nil service or
// a client not made by NewClient.
func (s *service) client() (*Client, error) {
	if s == nil || s.c == nil || s.c.tc == nil {
		return nil, errNoClient
	}
	return s.c, nil
}

// NewClient returns a client authenticating with HTTP Basic
// appKey:appSecret on every call, or, with WithBearerLogin, with the bearer
// token its login gives. It talks to ProductionURL unless WithBaseURL says
// otherwise; each attempt is bounded by DefaultTimeout (60 s) unless
// WithTimeout says otherwise. An empty credential or an invalid option is
// an error.
func NewClient(appKey, appSecret string, opts ...Option) (*Client, error) {
	if err := transport.CheckCredential("srpago: NewClient: application key", appKey); err != nil {
		return nil, err
	}
	if err := transport.CheckCredential("srpago: NewClient: application secret", appSecret); err != nil {
		return nil, err
	}
	s, err := transport.Apply("srpago", opts, func(o Option) transport.Option { return o.apply })
	if err != nil {
		return nil, err
	}
	pub, _ := s.Extra(publicKeyOpt{}).(*rsa.PublicKey)
	if pub == nil {
		if pub, err = envelope.ParsePublicKey(srpagoPublicKeyPEM); err != nil {
			return nil, errors.New("srpago: embedded public key: " + err.Error())
		}
	}
	c := &Client{pub: pub, secrets: &credentials{appKey: appKey}, now: time.Now}
	basic := transport.BasicAuth(appKey, appSecret)
	auth := basic
	if s.Extra(bearerLoginOpt{}) != nil {
		c.session = transport.NewExpiringSessionAuth(func(ctx context.Context) (string, time.Time, error) {
			return c.login(ctx, basic)
		}, SessionTTL, SessionRenewMargin)
		auth = c.session
	}
	tc, err := transport.New(transport.Config{
		Provider:        "srpago",
		BaseURL:         ProductionURL,
		Timeout:         DefaultTimeout,
		Auth:            auth,
		Header:          http.Header{"X-User-Agent": {`{"language":"Go","sdk_version":"` + transport.Version + `","api_version":"v1"}`}},
		RequestIDHeader: RequestIDHeader,
		DecodeError:     decodeError,
		CheckSuccess:    true,
		IsObject:        isObject,
	}, s)
	if err != nil {
		return nil, err
	}
	c.tc = tc
	c.Customers = &CustomersService{c}
	c.Cards = &CardsService{c}
	c.Tokens = &TokensService{c}
	c.Charges = &ChargesService{c}
	c.Operations = &OperationsService{c}
	c.References = &ReferencesService{c}
	c.Payments = &PaymentsService{c}
	c.Account = &AccountService{c}
	c.Webhooks = &WebhooksService{c}
	return c, nil
}

// String returns "srpago.Client{<origin>}", e.g.
// "srpago.Client{https://api.srpago.com}", and "srpago.Client{}" for a nil
// or zero Client: never a credential or a token.
func (c *Client) String() string {
	if c == nil || c.tc == nil {
		return "srpago.Client{}"
	}
	return "srpago.Client{" + c.tc.BaseURL().String() + "}"
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Close releases the client: later calls fail with an error matching
// ErrClientClosed. A client built with WithHTTPClient leaves that client's
// transport open. Close on a nil or zero Client does nothing.
func (c *Client) Close() error {
	if c == nil || c.tc == nil {
		return nil
	}
	return c.tc.Close()
}

// ErrClientClosed is the error of a call on a closed Client.
var ErrClientClosed = transport.ErrClientClosed

// result is the {"success": true, "result": …} wrapper, decoded in one
// pass with what tells an error envelope from an answer; a missing or null
// result is an error (do), so no method returns (nil, nil).
type result[T any] struct {
	V       *T              `json:"result"`
	Success *bool           `json:"success"`
	Error   json.RawMessage `json:"error"`
}

// isObject: the answer holds its result and no error, so it is the
// answer and not an error envelope sent with a 2xx.
func (r *result[T]) isObject() bool {
	return r.V != nil && (r.Success == nil || *r.Success) && (len(r.Error) == 0 || string(r.Error) == "null")
}

// envelope is implemented by every result type.
type wrapped interface{ isObject() bool }

// isObject spares a success its second reading (transport.Config.IsObject).
func isObject(out any) bool {
	e, ok := out.(wrapped)
	return ok && e.isObject()
}

var errNoResult = errors.New(`no "result" in the response`)

// do sends req and decodes its result into r. Whatever the transport does
// with an empty answer (a 204, a 205, a 200 without a body), a result that
// was not decoded is an error here: no method returns (nil, nil) or
// dereferences a missing result.
func do[T any](ctx context.Context, c *Client, req *transport.Request) (*T, *transport.Response, error) {
	var r result[T]
	resp, err := c.tc.Do(ctx, req, &r)
	if err != nil {
		return nil, resp, err
	}
	if r.V == nil {
		if resp == nil {
			resp = &transport.Response{}
		}
		return nil, resp, resp.MalformedFor(req, errNoResult)
	}
	return r.V, resp, nil
}

// call sends req and returns its unwrapped result.
func call[T any](ctx context.Context, c *Client, req *transport.Request) (*T, error) {
	v, _, err := do[T](ctx, c, req)
	return v, err
}

// acknowledgement is the answer of a delete: {"success": true} with or
// without a result.
type acknowledgement struct{ ok bool }

var errNoSuccess = errors.New(`no "success": true in the response`)

// UnmarshalJSON requires "success": true.
func (a *acknowledgement) UnmarshalJSON(b []byte) error {
	var env struct {
		Success *flexBool `json:"success"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	if env.Success == nil || !bool(*env.Success) {
		return errNoSuccess
	}
	a.ok = true
	return nil
}

// send sends req whose result is not needed (deletes); the answer must
// still be Sr. Pago's success envelope, not an empty body.
func (c *Client) send(ctx context.Context, req *transport.Request) error {
	var a acknowledgement
	resp, err := c.tc.Do(ctx, req, &a)
	if err != nil {
		return err
	}
	if !a.ok {
		if resp == nil {
			resp = &transport.Response{}
		}
		return resp.MalformedFor(req, errNoSuccess)
	}
	return nil
}

// pathID validates and escapes an id that goes into a path: "", "." and
// ".." are refused before any I/O.
func pathID(field, id string) (string, error) { return transport.PathID("srpago", field, id) }

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
