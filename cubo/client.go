package cubo

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
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

// Option configures a Client; build one with the With… functions of this
// package. Options apply in order, a later one overriding an earlier one.
// Each provider package has its own Option type: another package's
// options do not compile here. The zero Option is refused by NewClient.
type Option struct{ apply transport.Option }

// WithBaseURL points the client at another origin, scheme://host[:port]
// (the host Cubo gave you, SandboxURL, a test server). The API's
// /api/v1/... paths are appended to it, and a path given here is kept as a
// prefix. Plain http:// is accepted only for loopback hosts; any other
// plaintext or unparsable URL makes NewClient fail.
func WithBaseURL(baseURL string) Option { return Option{transport.WithBaseURL(baseURL)} }

// WithHTTPClient sets the *http.Client that does the I/O. It is copied when
// the option is applied and never mutated: set its Transport (a custom
// RoundTripper, a mock) first. The shorter of its Timeout and WithTimeout
// bounds one attempt; redirects are never followed, whatever its
// CheckRedirect says. A nil client makes NewClient fail.
func WithHTTPClient(c *http.Client) Option { return Option{transport.WithHTTPClient(c)} }

// WithMaxRetries sets how many times a request that may be repeated (a
// lookup) is retried after the first attempt: default 2, 0 for none. Card
// payments and link creations are never repeated once they may have
// reached Cubo. A negative count makes NewClient fail.
func WithMaxRetries(n int) Option { return Option{transport.WithMaxRetries(n)} }

// WithRetryWait sets the backoff bounds: the first retry waits about min,
// each next one twice as long, never more than max. Retry-After is honoured
// but never waits longer than max. A negative duration or min above max
// makes NewClient fail.
func WithRetryWait(min, max time.Duration) Option {
	return Option{transport.WithRetryWait(min, max)}
}

// WithTimeout sets the per-attempt timeout (default DefaultTimeout, longer
// than Cubo's own three-minute processing window). It must be positive:
// there is no "no timeout".
func WithTimeout(d time.Duration) Option { return Option{transport.WithTimeout(d)} }

// WithLogger logs one record per attempt (method, host, path, status,
// attempt, duration) through log/slog: debug level, warn for failures, 429
// and 5xx. Nothing is logged without it; bodies, header values, query
// strings, card data and the API key never are. A nil logger makes
// NewClient fail.
func WithLogger(l *slog.Logger) Option { return Option{transport.WithLogger(l)} }

// WithAppInfo appends name/version to the User-Agent, which starts
// "latampay-go/<version>". Both must be tokens without spaces, slashes or
// parentheses, and name must not be empty.
func WithAppInfo(name, version string) Option {
	return Option{transport.WithAppInfo(name, version)}
}

// Card is the payment card of the whole latampay-go family (the same type
// in every provider package):
//
//	type Card struct {
//		Number     string // the PAN; spaces and dashes are ignored
//		CVV        string // 3 or 4 digits
//		ExpMonth   int    // 1..12
//		ExpYear    int    // four digits; a two-digit year means 20YY
//		HolderName string // required by Cubo (its cardHolder)
//	}
//
// Cubo receives it as its flat cardHolder, cardNumber, cvv, month ("MM")
// and year ("YY") fields. Its String, Format (every fmt verb, %#v
// included), LogValue (log/slog) and MarshalJSON show the brand and the
// last four digits only, never the number or the CVV. Validate(now) runs
// the family's card rules (digits only, 12 to 19 of them, Luhn, a month
// 1..12, not expired, a CVV of 3 or 4 digits); Digits, MonthMM, YearYY and
// Last4 give its parts.
type Card = card.Card

// Client is a Cubo Pago API client. It is safe for concurrent use. Build
// one with NewClient: every method of a zero Client (or a nil *Client)
// returns an error.
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
	s, err := transport.Apply("cubo", opts, func(o Option) transport.Option { return o.apply })
	if err != nil {
		return nil, prefixed(err)
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
		return nil, prefixed(err)
	}
	c := &Client{tc: tc, now: time.Now}
	c.Transactions = &TransactionsService{c: c}
	c.Links = &LinksService{c: c}
	return c, nil
}

// String returns "cubo.Client{<origin>}", e.g.
// "cubo.Client{https://api-payment-a.cubopago.com}", or "cubo.Client{}" for
// a nil or zero Client. The API key never appears.
func (c *Client) String() string {
	if c == nil || c.tc == nil {
		return "cubo.Client{}"
	}
	u := c.tc.BaseURL()
	return "cubo.Client{" + u.Scheme + "://" + u.Host + "}"
}

// GoString is String, so that %#v shows no internals either.
func (c *Client) GoString() string { return c.String() }

// Close releases the client: later calls fail with an error. It leaves an
// http.Client given with WithHTTPClient open. It is safe on a nil or zero
// Client and may be called more than once.
func (c *Client) Close() error {
	if c == nil || c.tc == nil {
		return nil
	}
	return c.tc.Close()
}

// conn returns the client's transport, or an error naming the package for
// a nil or zero Client.
func (c *Client) conn() (*transport.Client, error) {
	if c == nil || c.tc == nil {
		return nil, errNoClient
	}
	return c.tc, nil
}

// errNoClient is the error of a call on a client not made by NewClient.
var errNoClient = fmt.Errorf("cubo: %w", transport.ErrNoClient)

// prefixed makes an error from the shared machinery start with "cubo: ".
func prefixed(err error) error {
	if err == nil || strings.HasPrefix(err.Error(), "cubo: ") {
		return err
	}
	return fmt.Errorf("cubo: %w", err)
}
