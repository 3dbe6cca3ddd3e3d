package srpago

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// SessionTTL is how long the client keeps a connection token whose login
// answer gives no expiry. Sr. Pago's tokens have been seen to last 30 days;
// a day is kept so that a token Sr. Pago revokes early is not held long.
const SessionTTL = 24 * time.Hour

// SessionRenewMargin is how long before its expiry a connection token is
// replaced by a fresh login, so that no request goes out with a token about
// to expire on the way.
const SessionRenewMargin = 10 * time.Minute

type bearerLoginOpt struct{}

// WithBearerLogin makes the client log in with its application key and
// secret (POST /v1/auth/login/application, HTTP Basic) and send the
// connection token it gets as "Authorization: Bearer <token>" on every
// other call, instead of Basic credentials on each. The login happens on
// the first call and is shared by concurrent callers; the token is renewed
// SessionRenewMargin before the "expires" time of the login answer
// (SessionTTL after the login when it gives none), and once after a 401:
// the request that got the 401 is then sent once more, a charge included,
// since Sr. Pago refused it before doing anything. A failed login is an
// error matching the login's own (an *Error for refused credentials); the
// request that needed it was not sent. Sr. Pago's developer center has no
// page for the login; its PHP SDK and integrations use it as described.
func WithBearerLogin() Option {
	return Option{func(s *transport.Settings) error {
		s.SetExtra(bearerLoginOpt{}, true)
		return nil
	}}
}

// loginBody is what every known client sends: an empty application bundle.
var loginBody = map[string]string{"application_bundle": ""}

// connection is the login answer, {"success": true, "connection": {…}}
// (not "result").
type connection struct {
	Connection *struct {
		Token   string `json:"token"`
		Expires Time   `json:"expires"`
	} `json:"connection"`
}

var errNoConnectionToken = errors.New(`no "connection.token" in the login response`)

// login obtains a connection token: POST /v1/auth/login/application with
// HTTP Basic application key and secret.
func (c *Client) login(ctx context.Context, basic transport.Authenticator) (string, time.Time, error) {
	var out connection
	resp, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodPost,
		Path:   "/v1/auth/login/application",
		Body:   loginBody,
		Auth:   basic,
		// A login moves nothing and may be repeated; as a plain POST a lost
		// connection would read as an unknown outcome, and the charge that
		// needed the login (never sent) would report one.
		Idempotent: true,
	}, &out)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("srpago: login: %w", withoutBody(err))
	}
	if out.Connection == nil || strings.TrimSpace(out.Connection.Token) == "" {
		status, ct := 0, ""
		if resp != nil {
			status, ct = resp.StatusCode, resp.Header.Get("Content-Type")
		}
		// The body is left out: a renamed field would put the token there.
		return "", time.Time{}, fmt.Errorf("srpago: login: %w", &transport.MalformedResponseError{
			StatusCode: status, ContentType: ct, Err: errNoConnectionToken})
	}
	return out.Connection.Token, out.Connection.Expires.Time, nil
}

// withoutBody empties the raw body of a login's error: an answer that could
// not be read may hold the token.
func withoutBody(err error) error {
	var malformed *transport.MalformedResponseError
	if errors.As(err, &malformed) {
		malformed.Body = nil
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		apiErr.Body = nil
	}
	return err
}
