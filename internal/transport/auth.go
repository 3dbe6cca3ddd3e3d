package transport

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"sync"
	"time"
)

// Authenticator adds credentials to a request's headers.
type Authenticator interface {
	Authenticate(ctx context.Context, h http.Header) error
}

// headerAuth sets one header to a fixed value computed once (its slice is
// shared by every request: net/http never mutates header values).
type headerAuth struct {
	name   string
	values []string
}

func (a *headerAuth) Authenticate(_ context.Context, h http.Header) error {
	h[a.name] = a.values
	return nil
}

// Secret-bearing types print as a fixed string so a credential never reaches
// a log through %v; the constructors return pointers so that a struct
// holding one prints an address, not the key, even from an unexported field.
func (a *headerAuth) String() string   { return a.name + ": [REDACTED]" }
func (a *headerAuth) GoString() string { return a.String() }

// BearerAuth sends "Authorization: Bearer <token>".
func BearerAuth(token string) Authenticator {
	return &headerAuth{name: "Authorization", values: []string{"Bearer " + token}}
}

// BasicAuth sends HTTP Basic "user:password" (password may be empty, as in
// the "key:" form).
func BasicAuth(user, password string) Authenticator {
	return &headerAuth{name: "Authorization", values: []string{"Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))}}
}

// HeaderAuth sends a key in a header of its own (X-API-KEY).
func HeaderAuth(name, value string) Authenticator {
	return &headerAuth{name: http.CanonicalHeaderKey(name), values: []string{value}}
}

// LoginFunc obtains a fresh bearer token. Its request must carry its own
// Auth (the login credentials); a login may be repeated, so mark it
// Idempotent.
type LoginFunc func(ctx context.Context) (token string, err error)

// errLoginRecursion: a login request fell back on the session it is
// logging in for, which would wait for itself forever.
var errLoginRecursion = errors.New("latampay: internal: the login request has no Auth of its own")

type loginKey struct{}

// reauthenticator is an authenticator whose credential can expire: after a
// 401 the transport invalidates the token it sent and tries once more.
type reauthenticator interface {
	Authenticator
	invalidate(sentAuthorization string) bool
}

// SessionAuth is a bearer token obtained lazily by a login call, cached for
// TTL less Margin, shared by all goroutines (one login, not many), and
// dropped when the provider answers 401 to it.
type SessionAuth struct {
	login  ExpiringLoginFunc
	ttl    time.Duration
	margin time.Duration
	now    func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
	flight  *loginFlight
}

type loginFlight struct {
	done  chan struct{}
	token string
	err   error
}

// ExpiringLoginFunc obtains a fresh bearer token and the time the provider
// says it expires (zero when it does not say). The same rules as for
// LoginFunc apply to its request.
type ExpiringLoginFunc func(ctx context.Context) (token string, expires time.Time, err error)

// NewSessionAuth returns a SessionAuth that calls login when it has no valid
// token and keeps each token for ttl less margin.
func NewSessionAuth(login LoginFunc, ttl, margin time.Duration) *SessionAuth {
	return &SessionAuth{login: func(ctx context.Context) (string, time.Time, error) {
		tok, err := login(ctx)
		return tok, time.Time{}, err
	}, ttl: ttl, margin: margin, now: time.Now}
}

// NewExpiringSessionAuth returns a SessionAuth for a login that says when
// its token expires: the token is renewed margin before that time (or ttl
// after the login when the answer gives no expiry).
func NewExpiringSessionAuth(login ExpiringLoginFunc, ttl, margin time.Duration) *SessionAuth {
	return &SessionAuth{login: login, ttl: ttl, margin: margin, now: time.Now}
}

// String keeps the token out of fmt output.
func (s *SessionAuth) String() string { return "SessionAuth{[REDACTED]}" }

// GoString keeps the token out of %#v.
func (s *SessionAuth) GoString() string { return s.String() }

// SetClock replaces the clock (tests).
func (s *SessionAuth) SetClock(now func() time.Time) {
	s.mu.Lock()
	s.now = now
	s.mu.Unlock()
}

// Authenticate implements Authenticator.
func (s *SessionAuth) Authenticate(ctx context.Context, h http.Header) error {
	tok, err := s.Token(ctx)
	if err != nil {
		return err
	}
	h["Authorization"] = []string{"Bearer " + tok}
	return nil
}

// Token returns a valid token, logging in when needed. Concurrent callers
// share one login; each waits no longer than its own context.
func (s *SessionAuth) Token(ctx context.Context) (string, error) {
	if ctx.Value(loginKey{}) != nil {
		return "", errLoginRecursion
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	if s.token != "" && s.now().Before(s.expires) {
		tok := s.token
		s.mu.Unlock()
		return tok, nil
	}
	f := s.flight
	if f == nil {
		f = &loginFlight{done: make(chan struct{})}
		s.flight = f
		go s.run(context.WithValue(context.WithoutCancel(ctx), loginKey{}, true), f)
	}
	s.mu.Unlock()
	select {
	case <-f.done:
		return f.token, f.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// run performs one login for every waiter. It is detached from the first
// caller's cancellation (one impatient caller must not fail the others) but
// keeps its values; the transport's per-attempt timeout bounds it.
func (s *SessionAuth) run(ctx context.Context, f *loginFlight) {
	tok, expires, err := s.login(ctx)
	if err == nil && tok == "" {
		err = errors.New("latampay: login returned an empty token")
	}
	if err != nil {
		err = &LoginError{Err: knownOutcome(err)}
	}
	s.mu.Lock()
	if err == nil {
		s.token = tok
		if expires.IsZero() {
			expires = s.now().Add(s.ttl)
		}
		s.expires = expires.Add(-s.margin)
	}
	f.token, f.err = tok, err
	s.flight = nil
	s.mu.Unlock()
	close(f.done)
}

func (s *SessionAuth) invalidate(sent string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && "Bearer "+s.token == sent {
		s.token = ""
	}
	return true
}

// LoginError is a failed login: the request that needed it was not sent.
type LoginError struct{ Err error }

// Error implements error.
func (e *LoginError) Error() string { return "latampay: login failed: " + e.Err.Error() }

// Unwrap gives the login's own error (a provider *Error, a *RequestError…).
func (e *LoginError) Unwrap() error { return e.Err }

// knownOutcome drops ErrOutcomeUnknown from a login's error: whatever the
// login's fate, the request waiting for it was never sent.
func knownOutcome(err error) error {
	var ou *OutcomeUnknownError
	if errors.As(err, &ou) {
		return ou.Err
	}
	return err
}
