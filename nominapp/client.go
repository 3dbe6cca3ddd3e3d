package nominapp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
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

// Option configures a Client. Shared and Nominapp-specific options have this
// one type; they apply in order, a later one overriding an earlier one.
type Option = transport.Option

// Shared options (see the latampay-go README for their meaning).
var (
	// WithBaseURL points the client at another origin (StageURL, a test
	// server); /v1/... paths are appended to it.
	WithBaseURL = transport.WithBaseURL
	// WithHTTPClient sets the *http.Client doing the I/O (copied, never
	// mutated).
	WithHTTPClient = transport.WithHTTPClient
	// WithMaxRetries sets the retries after the first attempt (default 2).
	WithMaxRetries = transport.WithMaxRetries
	// WithRetryWait sets the backoff bounds.
	WithRetryWait = transport.WithRetryWait
	// WithTimeout sets the per-attempt timeout (default DefaultTimeout).
	WithTimeout = transport.WithTimeout
	// WithLogger logs each attempt through log/slog (silent by default).
	WithLogger = transport.WithLogger
	// WithAppInfo appends name/version to the User-Agent.
	WithAppInfo = transport.WithAppInfo
)

// Sentinel errors shared by every latampay-go package.
var (
	// ErrOutcomeUnknown: a payment failed after it may have reached
	// Nominapp; it was not retried; reconcile before paying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: validation refused the params; nothing was sent.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: a response body that could not be understood.
	ErrMalformedResponse = transport.ErrMalformedResponse
)

// Card is the payment card type shared by every latampay-go package. It
// never prints its number or CVV. Nominapp receives it as card_number,
// expiration_date ("MM/YY"), security_code and payer_name (HolderName).
type Card = card.Card

type accessTokenKey struct{}

// WithAccessToken makes the client send this api_access_token as its bearer
// token instead of logging in; email and apiToken may then be empty. The
// client cannot renew such a token: a 401 is returned as *Error.
func WithAccessToken(token string) Option {
	return func(s *transport.Settings) error {
		if err := transport.CheckCredential("nominapp: WithAccessToken: token", token); err != nil {
			return err
		}
		s.SetExtra(accessTokenKey{}, token)
		return nil
	}
}

// Client talks to the Nominapp API. It is safe for concurrent use.
type Client struct {
	// Payments pays subscriptions by card and replaces the stored card.
	Payments *PaymentService

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
	s, err := transport.NewSettings(opts...)
	if err != nil {
		return nil, err
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
		c.session = transport.NewSessionAuth(func(ctx context.Context) (string, error) {
			return c.login(ctx, basic)
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
		// The login's own credentials, which an error may echo.
		Secrets: []string{apiToken, email + ":" + apiToken},
	}, s)
	if err != nil {
		return nil, err
	}
	c.Payments = &PaymentService{client: c}
	return c, nil
}

// String keeps the client's internals out of fmt output.
func (c Client) String() string { return "nominapp.Client{[REDACTED]}" }

// GoString keeps the client's internals out of %#v.
func (c Client) GoString() string { return c.String() }

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

// login obtains a fresh api_access_token with HTTP Basic email:api_token.
func (c *Client) login(ctx context.Context, basic transport.Authenticator) (string, error) {
	var out sessionEnvelope
	resp, err := c.tc.Do(ctx, &transport.Request{
		Method: "POST",
		Path:   "/v1/sessions",
		Query:  loginQuery,
		Auth:   basic,
		// A login may be repeated, and it must be: as a plain POST, a lost
		// connection would make the transport wrap the login error in
		// ErrOutcomeUnknown, and the payment that triggered the login (never
		// sent) would report an unknown outcome.
		Idempotent: true,
	}, &out)
	if err != nil {
		return "", fmt.Errorf("nominapp: login: %w", withoutBody(err))
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
