package culqi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
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

// Option configures a Client. The shared options below and WithPublicKey
// have this one type; options apply in order, a later one overriding an
// earlier one.
type Option = transport.Option

// The options shared by every latampay-go provider package.
var (
	// WithBaseURL points both Culqi hosts at one origin (a test server).
	WithBaseURL = transport.WithBaseURL
	// WithHTTPClient sets the *http.Client that does the I/O.
	WithHTTPClient = transport.WithHTTPClient
	// WithMaxRetries sets how many times a repeatable request is retried.
	WithMaxRetries = transport.WithMaxRetries
	// WithRetryWait sets the backoff bounds.
	WithRetryWait = transport.WithRetryWait
	// WithTimeout sets the per-attempt timeout (default DefaultTimeout).
	WithTimeout = transport.WithTimeout
	// WithLogger logs one structured record per attempt.
	WithLogger = transport.WithLogger
	// WithAppInfo appends name/version to the User-Agent.
	WithAppInfo = transport.WithAppInfo
)

// Sentinel errors shared by the latampay-go family, plus Culqi's own.
var (
	// ErrOutcomeUnknown: a request that must not be repeated (a charge, a
	// refund, a capture, a card validation) failed after it may have reached
	// Culqi. Reconcile (Charges.List by email, amount and date) before
	// trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: client-side validation refused the params; nothing
	// was sent. The error names the field.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: Culqi's answer could not be decoded.
	ErrMalformedResponse = transport.ErrMalformedResponse
	// ErrAuthenticationRequired: Culqi answered a charge or card creation
	// with HTTP 200 and action_code "REVIEW": the payer must complete 3-D
	// Secure authentication, and nothing was charged or saved yet. The method
	// returns the decoded object together with an *AuthenticationRequiredError
	// matching this sentinel; repeat the same request with Authentication3DS
	// set once the Culqi 3DS library has produced its parameters.
	ErrAuthenticationRequired = errors.New("culqi: 3-D Secure authentication required (HTTP 200, action_code REVIEW)")
)

// Card is the card type of the whole latampay-go family. It never prints
// or marshals its number or CVV.
type Card = card.Card

// Time is a timestamp decoded from Unix seconds or milliseconds (Culqi uses
// milliseconds on most objects and seconds on orders); it embeds time.Time.
type Time = wire.Time

// Metadata is Culqi's flat key → value map. Non-string values sent by Culqi
// are kept as their JSON text.
type Metadata = wire.Metadata

// Client is a Culqi API v2 client. It is safe for concurrent use; two
// clients never share state.
type Client struct {
	// Tokens creates card tokens (public key) and reads them.
	Tokens *TokenService
	// Charges creates, captures and reads charges.
	Charges *ChargeService
	// Refunds refunds charges, fully or in part.
	Refunds *RefundService
	// Customers manages customers.
	Customers *CustomerService
	// Cards manages the saved cards of customers.
	Cards *CardService
	// Plans manages recurring plans (/v2/recurrent/plans).
	Plans *PlanService
	// Subscriptions manages subscriptions (/v2/recurrent/subscriptions).
	Subscriptions *SubscriptionService
	// LegacyPlans is the retired /v2/plans API, kept for accounts that still
	// hold plans created through it.
	LegacyPlans *LegacyPlanService
	// LegacySubscriptions is the retired /v2/subscriptions API.
	LegacySubscriptions *LegacySubscriptionService
	// Orders manages orders (PagoEfectivo CIP, wallets, Cuotéalo).
	Orders *OrderService
	// Events reads the events Culqi records (and sends to webhooks).
	Events *EventService
	// Iins looks up card BINs.
	Iins *IinService
	// Transfers reads the settlements Culqi makes to the merchant.
	Transfers *TransferService

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
// calls fail with ErrInvalidParams before any I/O.
func WithPublicKey(publicKey string) Option {
	return func(s *transport.Settings) error {
		if err := transport.CheckCredential("culqi: WithPublicKey: public key", publicKey); err != nil {
			return err
		}
		s.SetExtra(publicKeyOption{}, publicKey)
		return nil
	}
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
	s, err := transport.NewSettings(opts...)
	if err != nil {
		return nil, err
	}
	tc, err := transport.New(transport.Config{
		Provider:        "culqi",
		BaseURL:         APIURL,
		Timeout:         DefaultTimeout,
		Auth:            transport.BearerAuth(secretKey),
		Header:          http.Header{"Accept": {"application/json"}},
		RequestIDHeader: "X-Culqi-Tracking-Id",
		DecodeError:     decodeError,
		// Culqi's gateway and backend can put an error in a 2xx answer.
		CheckSuccess: true,
		// The public key, sent on token and order calls, may be echoed too.
		Secrets: publicKeySecret(s),
	}, s)
	if err != nil {
		return nil, err
	}
	c := &Client{tc: tc, now: time.Now}
	if s.BaseURL == "" {
		c.secure, _ = url.Parse(SecureURL)
	}
	c.enc, _ = s.Extra(rsaEncryptionOption{}).(*rsaEncryption)
	if pk, ok := s.Extra(publicKeyOption{}).(string); ok && pk != "" {
		c.publicAuth = &publicAuth{transport.BearerAuth(pk)}
	}
	c.Tokens = &TokenService{c}
	c.Charges = &ChargeService{c}
	c.Refunds = &RefundService{c}
	c.Customers = &CustomerService{c}
	c.Cards = &CardService{c}
	c.Plans = &PlanService{c}
	c.Subscriptions = &SubscriptionService{c}
	c.LegacyPlans = &LegacyPlanService{c}
	c.LegacySubscriptions = &LegacySubscriptionService{c}
	c.Orders = &OrderService{c}
	c.Events = &EventService{c}
	c.Iins = &IinService{c}
	c.Transfers = &TransferService{c}
	return c, nil
}

func publicKeySecret(s *transport.Settings) []string {
	if pk, ok := s.Extra(publicKeyOption{}).(string); ok {
		return []string{pk}
	}
	return nil
}

// requirePublicKey refuses a public-key call when no key was configured.
func (c *Client) requirePublicKey() error {
	if c.publicAuth == nil {
		return transport.InvalidParams("PublicKey", "this call needs the public key: pass culqi.WithPublicKey to NewClient")
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
