package culqi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/wire"
)

// Hosts of the Culqi API. Paths under /v2 are appended by the SDK.
const (
	// APIURL is the origin of every call made with the secret key.
	APIURL = "https://api.culqi.com"
	// SecureURL is the origin of token creation, made with the public key.
	SecureURL = "https://secure.culqi.com"
)

// DefaultTimeout bounds one attempt when WithTimeout is not given. Culqi's
// API gateway cuts a request off after about 30 seconds (answering 504), so
// the default leaves room for that answer to arrive.
const DefaultTimeout = 45 * time.Second

// Option configures a Client; build one with the With… functions of this
// package. Options apply in order, a later one overriding an earlier one.
// Each provider package has its own Option type: another package's
// options do not compile here.
type Option struct{ apply transport.Option }

// WithBaseURL points both Culqi hosts (api.culqi.com and secure.culqi.com)
// at one origin, scheme://host[:port] (a test server such as culqitest).
// The API's /v2/… paths are appended to it, and a path given here is kept
// as a prefix. Plain http:// is accepted only for loopback hosts; any other
// plaintext URL makes NewClient fail.
func WithBaseURL(baseURL string) Option { return Option{transport.WithBaseURL(baseURL)} }

// WithHTTPClient sets the *http.Client that does the I/O. It is copied and
// never mutated, and Close leaves its transport open. The shorter of its
// Timeout and WithTimeout bounds one attempt. With a Transport other than
// *http.Transport the SDK cannot see whether an attempt obtained a
// connection, so a money-moving request that fails any other way than a
// refused dial counts as possibly sent (ErrOutcomeUnknown). A nil client
// makes NewClient fail.
func WithHTTPClient(c *http.Client) Option { return Option{transport.WithHTTPClient(c)} }

// WithMaxRetries sets how many times a request that may be repeated (a GET,
// a DELETE, a metadata-only PATCH) is retried after its first attempt:
// default 2, 0 disables retries. Money-moving requests are never repeated
// once they may have reached Culqi, whatever n is. A negative n makes
// NewClient fail.
func WithMaxRetries(n int) Option { return Option{transport.WithMaxRetries(n)} }

// WithRetryWait sets the backoff bounds: the first retry waits about min,
// each next one twice as long, never more than max (defaults 500 ms and
// 5 s). A zero min retries at once (for tests). Retry-After is honoured but
// never waits longer than max. Negative durations or min above max make
// NewClient fail.
func WithRetryWait(min, max time.Duration) Option { return Option{transport.WithRetryWait(min, max)} }

// WithTimeout sets the per-attempt timeout (default DefaultTimeout, 45 s,
// above Culqi's ~30 s gateway limit). It must be positive: there is no "no
// timeout".
func WithTimeout(d time.Duration) Option { return Option{transport.WithTimeout(d)} }

// WithLogger logs one record per attempt (method, host, path, status,
// attempt, duration, X-Culqi-Tracking-Id) at debug level, failed attempts
// and 429 or 5xx answers at warn. Nothing is logged without it. Header
// values, bodies, query strings and keys are never logged. A nil logger
// makes NewClient fail.
func WithLogger(l *slog.Logger) Option { return Option{transport.WithLogger(l)} }

// WithAppInfo appends name/version to the User-Agent, so Culqi support can
// tell your application's calls apart. Both must be tokens without spaces,
// slashes or parentheses, and name is required.
func WithAppInfo(name, version string) Option { return Option{transport.WithAppInfo(name, version)} }

// Sentinel errors shared by the latampay-go family, plus Culqi's own.
var (
	// ErrOutcomeUnknown: a request that must not be repeated (a charge, a
	// refund, a capture, a card validation, an order) failed after it may
	// have reached Culqi. The error is an *OutcomeUnknownError: pass its Key
	// and SentAt to the service's Reconcile before trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: client-side validation refused the params; nothing
	// was sent. The error is a *ParamError naming the field.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: Culqi's answer could not be decoded.
	ErrMalformedResponse = transport.ErrMalformedResponse
	// ErrNotFound: Culqi answered 404 (an *Error whose Is matches it), or
	// Reconcile found no object carrying the key.
	ErrNotFound = transport.ErrNotFound
	// ErrAuthenticationRequired: Culqi answered a charge or card creation
	// with HTTP 200 and action_code "REVIEW": the payer must complete 3-D
	// Secure authentication, and nothing was charged or saved yet. The method
	// returns the decoded object together with an *AuthenticationRequiredError
	// matching this sentinel; repeat the same request with Authentication3DS
	// set once the Culqi 3DS library has produced its parameters.
	ErrAuthenticationRequired = errors.New("culqi: 3-D Secure authentication required (HTTP 200, action_code REVIEW)")
)

// Card is the card type of the whole latampay-go family (the same type in
// every provider package). Fields:
//
//	Number     string // the PAN; spaces and dashes are ignored
//	CVV        string
//	ExpMonth   int    // 1..12
//	ExpYear    int    // four digits; 0..99 means 20YY
//	HolderName string
//
// It never prints or marshals its number or CVV: String, GoString and
// Format (every fmt verb) give "Card{visa ****1111 12/2030}"; LogValue logs
// brand, last4, exp_month and exp_year; MarshalJSON writes
// {"brand","last4","exp_month","exp_year"}. Those hold for a Card printed
// directly or in an exported field (not in an unexported one, and not with
// %p or %w). Methods: Validate(now) (Luhn, 12–19 digits, expiry through the
// end of its month in UTC), Digits, Last4, Brand, Year, MonthMM, YearYYYY,
// YearYY, ExpiryMMYY, ExpiryYYMM.
type Card = card.Card

// Time is a timestamp decoded from Unix seconds or milliseconds (Culqi uses
// milliseconds on most objects and seconds on orders); it embeds time.Time,
// in UTC. It also decodes numeric strings and RFC 3339 text; null, "" and 0
// give the zero Time. It encodes as RFC 3339 with nanoseconds, the zero
// Time as null.
type Time = wire.Time

// Metadata is Culqi's flat key → value map (a map[string]string). Non-string
// values sent by Culqi are kept as their JSON text ("12", "true"), a null
// value as "", and a top-level null or [] decodes to a nil Metadata.
type Metadata = wire.Metadata

// Client is a Culqi API v2 client. It is safe for concurrent use; two
// clients never share state.
type Client struct {
	// Tokens creates card tokens (public key) and reads them.
	Tokens *TokensService
	// Charges creates, captures and reads charges.
	Charges *ChargesService
	// Refunds refunds charges, fully or in part.
	Refunds *RefundsService
	// Customers manages customers.
	Customers *CustomersService
	// Cards manages the saved cards of customers.
	Cards *CardsService
	// Plans manages recurring plans (/v2/recurrent/plans).
	Plans *PlansService
	// Subscriptions manages subscriptions (/v2/recurrent/subscriptions).
	Subscriptions *SubscriptionsService
	// LegacyPlans is the retired /v2/plans API, kept for accounts that still
	// hold plans created through it.
	LegacyPlans *LegacyPlansService
	// LegacySubscriptions is the retired /v2/subscriptions API.
	LegacySubscriptions *LegacySubscriptionsService
	// Orders manages orders (PagoEfectivo CIP, wallets, Cuotéalo).
	Orders *OrdersService
	// Events reads the events Culqi records (and sends to webhooks).
	Events *EventsService
	// Iins looks up card BINs.
	Iins *IinsService
	// Transfers reads the settlements Culqi makes to the merchant.
	Transfers *TransfersService

	tc         *transport.Client
	secure     *url.URL       // origin for token creation; nil = the client's own
	publicAuth *publicAuth    // behind a pointer so fmt never prints the key
	enc        *rsaEncryption // WithRSAEncryption's key; nil sends plain bodies
	now        func() time.Time
}

type publicKeyOption struct{}

// publicAuth holds the public key's authenticator.
type publicAuth struct{ transport.Authenticator }

// WithPublicKey sets the public key (pk_test_… / pk_live_…), sent as the
// Bearer credential to create tokens and to confirm orders. Without it those
// calls fail with ErrInvalidParams before any I/O. An empty key or one with
// spaces or control characters makes NewClient fail.
func WithPublicKey(publicKey string) Option {
	return Option{func(s *transport.Settings) error {
		if err := transport.CheckCredential("culqi: WithPublicKey: public key", publicKey); err != nil {
			return err
		}
		s.SetExtra(publicKeyOption{}, publicKey)
		return nil
	}}
}

// NewClient returns a client that authenticates with secretKey
// (sk_test_… / sk_live_…) as a Bearer token on https://api.culqi.com/v2.
// The default per-attempt timeout is DefaultTimeout (45 s, above Culqi's
// ~30 s gateway limit); GETs, PUTs, DELETEs and metadata-only updates are
// retried up to twice on connection errors, 429 and 5xx; every POST
// (charges, refunds, captures, tokens, card and subscription creation,
// order confirmation…) and every PATCH that sets more than metadata is
// retried only when it provably did not reach Culqi, or on 429.
func NewClient(secretKey string, opts ...Option) (*Client, error) {
	if err := transport.CheckCredential("culqi: NewClient: secret key", secretKey); err != nil {
		return nil, err
	}
	s, err := transport.Apply("culqi", opts, func(o Option) transport.Option { return o.apply })
	if err != nil {
		return nil, prefixed(err)
	}
	tc, err := transport.New(transport.Config{
		Provider:        "culqi",
		BaseURL:         APIURL,
		Timeout:         DefaultTimeout,
		Auth:            transport.BearerAuth(secretKey),
		Header:          http.Header{"Accept": {"application/json"}},
		RequestIDHeader: "X-Culqi-Tracking-Id",
		DecodeError:     decodeError,
		// Culqi's gateway and backend can put an error in a 2xx answer; an
		// answer that decoded into the object asked for is not one.
		CheckSuccess: true,
		IsObject:     isObject,
		// The public key, sent on token and order calls, may be echoed too.
		Secrets: publicKeySecret(s),
	}, s)
	if err != nil {
		return nil, prefixed(err)
	}
	c := &Client{tc: tc, now: time.Now}
	if s.BaseURL == "" {
		c.secure, _ = url.Parse(SecureURL)
	}
	c.enc, _ = s.Extra(rsaEncryptionOption{}).(*rsaEncryption)
	if pk, ok := s.Extra(publicKeyOption{}).(string); ok && pk != "" {
		c.publicAuth = &publicAuth{transport.BearerAuth(pk)}
	}
	c.Tokens = &TokensService{c}
	c.Charges = &ChargesService{c}
	c.Refunds = &RefundsService{c}
	c.Customers = &CustomersService{c}
	c.Cards = &CardsService{c}
	c.Plans = &PlansService{c}
	c.Subscriptions = &SubscriptionsService{c}
	c.LegacyPlans = &LegacyPlansService{c}
	c.LegacySubscriptions = &LegacySubscriptionsService{c}
	c.Orders = &OrdersService{c}
	c.Events = &EventsService{c}
	c.Iins = &IinsService{c}
	c.Transfers = &TransfersService{c}
	return c, nil
}

// publicKeySecret gives the scrubber the public key: an error answered to
// a token or order call may echo it.
func publicKeySecret(s *transport.Settings) []string {
	if pk, ok := s.Extra(publicKeyOption{}).(string); ok {
		return []string{pk}
	}
	return nil
}

// prefixed gives an option's error, worded by the shared code, the
// package's prefix.
func prefixed(err error) error {
	if strings.HasPrefix(err.Error(), "culqi: ") {
		return err
	}
	return fmt.Errorf("culqi: %w", err)
}

// errNoClient is the error of every call on a nil or zero-value Client (or
// a nil service): one not made by NewClient.
var errNoClient = fmt.Errorf("culqi: %w", transport.ErrNoClient)

// ready reports whether c was made by NewClient.
func (c *Client) ready() error {
	if c == nil || c.tc == nil {
		return errNoClient
	}
	return nil
}

// clock is the client's time, for the checks of an expiry in the future.
func (c *Client) clock() time.Time {
	if c == nil || c.now == nil {
		return time.Now()
	}
	return c.now()
}

// Close releases the client: later calls fail with an error matching
// transport's closed-client error. A client built with WithHTTPClient
// leaves the caller's transport open. Close on a nil or zero Client
// returns nil.
func (c *Client) Close() error {
	if c == nil || c.tc == nil {
		return nil
	}
	return c.tc.Close()
}

// String returns "culqi.Client{<origin>}", the API origin the client calls
// (https://api.culqi.com, or the WithBaseURL origin), and "culqi.Client{}"
// for a nil or zero Client. It never shows a key.
func (c *Client) String() string {
	if c == nil || c.tc == nil {
		return "culqi.Client{}"
	}
	u := c.tc.BaseURL()
	return "culqi.Client{" + u.Scheme + "://" + u.Host + "}"
}

// GoString is String, so %#v never shows a key either.
func (c *Client) GoString() string { return c.String() }

// requirePublicKey refuses a public-key call when no key was configured.
func (c *Client) requirePublicKey() error {
	if err := c.ready(); err != nil {
		return err
	}
	if c.publicAuth == nil {
		return invalidParams("PublicKey", "this call needs the public key: pass culqi.WithPublicKey to NewClient")
	}
	return nil
}

// identified is implemented by every object a call decodes into: each
// Culqi object carries its id (an IIN its BIN).
type identified interface{ objectID() string }

func (x *Token) objectID() string              { return x.ID }
func (x *Charge) objectID() string             { return x.ID }
func (x *Refund) objectID() string             { return x.ID }
func (x *Customer) objectID() string           { return x.ID }
func (x *SavedCard) objectID() string          { return x.ID }
func (x *Plan) objectID() string               { return x.ID }
func (x *Subscription) objectID() string       { return x.ID }
func (x *Order) objectID() string              { return x.ID }
func (x *Event) objectID() string              { return x.ID }
func (x *IIN) objectID() string                { return x.BIN }
func (x *Transfer) objectID() string           { return x.ID }
func (x *LegacyPlan) objectID() string         { return x.ID }
func (x *LegacySubscription) objectID() string { return x.ID }

// isObject says whether a 2xx answer decoded into the object asked for:
// an object with its id, or a list with its data array. No error body has
// either (Culqi's error object names a charge in charge_id, not id).
func isObject(out any) bool {
	switch o := out.(type) {
	case identified:
		return o.objectID() != ""
	case listed:
		return o.hasData()
	}
	return false
}

// listed is implemented by every page type.
type listed interface{ hasData() bool }

// reviewed is implemented by the objects that a 3-D Secure challenge
// answers without an id (charges and saved cards).
type reviewed interface{ actionCode() string }

func (x *Charge) actionCode() string    { return x.ActionCode }
func (x *SavedCard) actionCode() string { return x.ActionCode }

// do sends one request through the shared transport and checks that a
// success decoded into an object with an id: a 2xx body such as null or {}
// is not the answer asked for, and on a request that must not be repeated
// its outcome is unknown.
func (c *Client) do(ctx context.Context, req *transport.Request, out any) (*transport.Response, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	c.enc.prepare(req) // a POST or PATCH body is encrypted with WithRSAEncryption
	resp, err := c.tc.Do(ctx, req, out)
	if err != nil {
		return resp, err
	}
	o, ok := out.(identified)
	if !ok || o.objectID() != "" {
		return resp, nil
	}
	if r, ok := out.(reviewed); ok && resp.StatusCode == http.StatusOK && r.actionCode() == ActionCodeReview {
		return resp, nil
	}
	return resp, resp.MalformedFor(req, errors.New("the object in the answer has no id"))
}
