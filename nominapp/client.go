package nominapp

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

// Hosts of the Nominapp (Aleluya) API. Paths under /v1 are appended to them.
const (
	// ProductionURL is the default host: Nominapp operates as Aleluya.
	ProductionURL = "https://api.aleluya.com"
	// StageURL is the stage host named by Nominapp's payment guide; pass it
	// to WithBaseURL. It may have been retired.
	StageURL = "https://nominapp-api-stage.herokuapp.com"
)

// DefaultTimeout bounds one attempt (one HTTP exchange) unless WithTimeout
// or a shorter http.Client.Timeout says otherwise. Card payments go through
// a gateway, so it is generous.
const DefaultTimeout = 60 * time.Second

// Session lifetime: Nominapp's api_access_token is valid for 8 hours and the
// login response gives no expiry, so the client keeps a token for
// SessionTTL less SessionRefreshMargin and then logs in again.
const (
	SessionTTL           = 8 * time.Hour
	SessionRefreshMargin = 5 * time.Minute
)

// Option configures a Client; build one with the With… functions of this
// package. Options apply in order, a later one overriding an earlier one.
// Each provider package has its own Option type: another package's
// options do not compile here. The zero Option is refused by NewClient.
type Option struct{ apply transport.Option }

// WithBaseURL points the client at another origin, scheme://host[:port]
// (StageURL, a test server). The API's /v1/... paths are appended to it,
// and a path given here is kept as a prefix. Plain http:// is accepted
// only for loopback hosts; any other plaintext or unparsable URL makes
// NewClient fail.
func WithBaseURL(baseURL string) Option { return Option{transport.WithBaseURL(baseURL)} }

// WithHTTPClient sets the *http.Client that does the I/O. It is copied when
// the option is applied and never mutated: set its Transport (a custom
// RoundTripper, a mock) first. The shorter of its Timeout and WithTimeout
// bounds one attempt; redirects are never followed. No cookie jar is
// needed: the client uses bearer tokens. A nil client makes NewClient fail.
func WithHTTPClient(c *http.Client) Option { return Option{transport.WithHTTPClient(c)} }

// WithMaxRetries sets how many times a request that may be repeated (the
// login, the card update) is retried after the first attempt: default 2,
// 0 for none. Payments are never repeated once they may have reached
// Nominapp (the one re-send after a re-login on a 401 aside). A negative
// count makes NewClient fail.
func WithMaxRetries(n int) Option { return Option{transport.WithMaxRetries(n)} }

// WithRetryWait sets the backoff bounds: the first retry waits about min,
// each next one twice as long, never more than max. Retry-After is honoured
// but never waits longer than max. A negative duration or min above max
// makes NewClient fail.
func WithRetryWait(min, max time.Duration) Option {
	return Option{transport.WithRetryWait(min, max)}
}

// WithTimeout sets the per-attempt timeout (default DefaultTimeout). It must
// be positive: there is no "no timeout".
func WithTimeout(d time.Duration) Option { return Option{transport.WithTimeout(d)} }

// WithLogger logs one record per attempt (method, host, path, status,
// attempt, duration) through log/slog: debug level, warn for failures, 429
// and 5xx. Nothing is logged without it; bodies, header values, query
// strings, card data, the API token and the access token never are. A nil
// logger makes NewClient fail.
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
//		HolderName string // required by Nominapp (its payer_name)
//	}
//
// Nominapp receives it as card_number, expiration_date ("MM/YY"),
// security_code and payer_name. Its String, Format (every fmt verb, %#v
// included), LogValue (log/slog) and MarshalJSON show the brand and the
// last four digits only, never the number or the CVV. Validate(now) runs
// the family's card rules (digits only, 12 to 19 of them, Luhn, a month
// 1..12, not expired, a CVV of 3 or 4 digits); Digits, ExpiryMMYY and Last4
// give its parts.
type Card = card.Card

type accessTokenKey struct{}

// WithAccessToken makes the client send this api_access_token as its bearer
// token instead of logging in; email and apiToken may then be empty. The
// client cannot renew such a token: a 401 is returned as *Error. An empty
// token, or one holding a control character, makes NewClient fail.
func WithAccessToken(token string) Option {
	return Option{func(s *transport.Settings) error {
		if err := transport.CheckCredential("nominapp: WithAccessToken: token", token); err != nil {
			return err
		}
		s.SetExtra(accessTokenKey{}, token)
		return nil
	}}
}

// Client talks to the Nominapp API. It is safe for concurrent use. Build
// one with NewClient: every method of a zero Client (or a nil *Client)
// returns an error.
type Client struct {
	// Payments pays subscriptions by card and replaces the stored card.
	Payments *PaymentsService

	tc      *transport.Client
	session *transport.SessionAuth // nil with WithAccessToken
}

// NewClient returns a client for the user with this email and api_token (the
// pair shown in Nominapp under Integraciones → "Integración por API").
//
// The client logs in lazily on its first request (POST
// /v1/sessions?auth_type=bearer with HTTP Basic email:apiToken), shares one
// login among concurrent callers, keeps the api_access_token for SessionTTL
// less SessionRefreshMargin, and after a 401 logs in once more and re-sends
// the request once (a payment included: a 401 means Nominapp refused it
// before doing anything). WithAccessToken skips the login.
//
// The default host is ProductionURL and the default per-attempt timeout is
// DefaultTimeout (60 s). An empty credential or an invalid option is an
// error.
func NewClient(email, apiToken string, opts ...Option) (*Client, error) {
	s, err := transport.Apply("nominapp", opts, func(o Option) transport.Option { return o.apply })
	if err != nil {
		return nil, prefixed(err)
	}
	c := &Client{}
	var auth transport.Authenticator
	if tok, _ := s.Extra(accessTokenKey{}).(string); tok != "" {
		auth = transport.BearerAuth(tok)
	} else {
		if err := transport.CheckCredential("nominapp: NewClient: email", email); err != nil {
			return nil, err
		}
		if err := transport.CheckCredential("nominapp: NewClient: API token", apiToken); err != nil {
			return nil, err
		}
		// The credentials live only in this closure, never in a field that
		// fmt could print.
		basic := transport.BasicAuth(email, apiToken)
		secrets := loginSecrets(email, apiToken)
		c.session = transport.NewSessionAuth(func(ctx context.Context) (string, error) {
			return c.login(ctx, basic, secrets)
		}, SessionTTL, SessionRefreshMargin)
		auth = c.session
	}
	c.tc, err = transport.New(transport.Config{
		Provider:     "nominapp",
		BaseURL:      ProductionURL,
		Timeout:      DefaultTimeout,
		Auth:         auth,
		DecodeError:  decodeError,
		CheckSuccess: true,
		IsObject:     isObject,
		// The login's own credentials, which an error may echo.
		Secrets: []string{apiToken, email + ":" + apiToken},
	}, s)
	if err != nil {
		return nil, prefixed(err)
	}
	c.Payments = &PaymentsService{client: c}
	return c, nil
}

// String returns "nominapp.Client{<origin>}", e.g.
// "nominapp.Client{https://api.aleluya.com}", or "nominapp.Client{}" for a
// nil or zero Client. No credential or token ever appears.
func (c *Client) String() string {
	if c == nil || c.tc == nil {
		return "nominapp.Client{}"
	}
	u := c.tc.BaseURL()
	return "nominapp.Client{" + u.Scheme + "://" + u.Host + "}"
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
var errNoClient = fmt.Errorf("nominapp: %w", transport.ErrNoClient)

// prefixed makes an error from the shared machinery start with
// "nominapp: ".
func prefixed(err error) error {
	if err == nil || strings.HasPrefix(err.Error(), "nominapp: ") {
		return err
	}
	return fmt.Errorf("nominapp: %w", err)
}

// loginQuery selects the bearer flow: without it Nominapp answers with a
// session cookie.
var loginQuery = url.Values{"auth_type": {"bearer"}}

// session is the part of the login response the client needs. The response
// carries user data too; it may come bare or inside {"data": …}, and the
// token may sit next to the user or inside it. User and Data are kept raw
// and read leniently: an odd shape there must not fail a login whose token
// is present.
type session struct {
	AccessToken string          `json:"api_access_token"`
	User        json.RawMessage `json:"user"`
}

func (s *session) token() string {
	if s.AccessToken != "" {
		return s.AccessToken
	}
	var user struct {
		AccessToken string `json:"api_access_token"`
	}
	if json.Unmarshal(s.User, &user) != nil {
		return ""
	}
	return user.AccessToken
}

// sessionEnvelope accepts the login response bare or inside {"data": …}.
type sessionEnvelope struct {
	session
	Data json.RawMessage `json:"data"`
}

func (e *sessionEnvelope) token() string {
	var data session
	if json.Unmarshal(e.Data, &data) == nil {
		if tok := data.token(); tok != "" {
			return tok
		}
	}
	return e.session.token()
}

// login obtains a fresh api_access_token with HTTP Basic email:api_token:
// POST /v1/sessions?auth_type=bearer
// (https://docs.aleluya.com/reference/post_v1sessions).
func (c *Client) login(ctx context.Context, basic transport.Authenticator, secrets []string) (string, error) {
	var out sessionEnvelope
	resp, err := c.tc.Do(ctx, &transport.Request{
		Method:    "POST",
		Path:      "/v1/sessions",
		Query:     loginQuery,
		Auth:      basic,
		Operation: "sessions.create",
		// A login may be repeated, and it must be: as a plain POST, a lost
		// connection would make the transport wrap the login error in
		// ErrOutcomeUnknown, and the payment that triggered the login (never
		// sent) would report an unknown outcome.
		Idempotent: true,
	}, &out)
	if err != nil {
		return "", fmt.Errorf("nominapp: login: %w", scrubLogin(withoutBody(err), secrets))
	}
	tok := out.token()
	if tok == "" {
		// A *MalformedResponseError like any other unreadable answer (its
		// Body left empty: a renamed token field would put the token there).
		return "", fmt.Errorf("nominapp: login: %w", &transport.MalformedResponseError{
			StatusCode:  resp.StatusCode,
			ContentType: resp.Header.Get("Content-Type"),
			Err:         errors.New("the response has no api_access_token"),
		})
	}
	return tok, nil
}

// withoutBody empties the raw body every error type of a login carries: a
// 2xx login that could not be read (cut off, a field of an unexpected type,
// an error list beside the token) holds the api_access_token in its body.
// Status, content type, cause and error items stay for diagnosis.
func withoutBody(err error) error {
	var malformed *transport.MalformedResponseError
	if errors.As(err, &malformed) {
		malformed.Body = nil
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		apiErr.Body = nil
	}
	var httpErr *transport.HTTPError
	if errors.As(err, &httpErr) {
		httpErr.Body = nil
	}
	return err
}

// loginSecrets are the spellings of the login credential that a refused
// login may echo back: the Basic header's value (standard and URL-safe
// base64), the "email:token" pair and the token alone.
func loginSecrets(email, apiToken string) []string {
	pair := email + ":" + apiToken
	return []string{
		base64.StdEncoding.EncodeToString([]byte(pair)),
		base64.URLEncoding.EncodeToString([]byte(pair)),
		base64.RawStdEncoding.EncodeToString([]byte(pair)),
		base64.RawURLEncoding.EncodeToString([]byte(pair)),
		pair,
		url.QueryEscape(pair),
		apiToken,
		url.QueryEscape(apiToken),
	}
}

// scrubLogin removes the login credential from the error items of a refused
// login: a Rails front end may echo the Authorization header or the
// credentials in its message.
func scrubLogin(err error, secrets []string) error {
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		return err
	}
	scrub := func(s string) string {
		for _, secret := range secrets {
			if secret != "" {
				s = strings.ReplaceAll(s, secret, "[REDACTED]")
			}
		}
		return s
	}
	for i := range apiErr.Items {
		it := &apiErr.Items[i]
		it.Message, it.Object, it.Code = scrub(it.Message), scrub(it.Object), scrub(it.Code)
	}
	return err
}
