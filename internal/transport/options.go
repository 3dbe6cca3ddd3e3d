package transport

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Option configures a client. The five provider packages re-export this one
// type, so shared and provider-specific options mix in one NewClient call.
// Options apply in order: a later one overrides an earlier one.
type Option func(*Settings) error

// Settings is what the options produce. Provider packages read the shared
// fields through Config and their own options through Extra.
type Settings struct {
	BaseURL      string
	HTTPClient   *http.Client
	MaxRetries   int
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	Timeout      time.Duration
	Logger       *slog.Logger
	AppName      string
	AppVersion   string

	extra map[any]any
}

// Default retry settings shared by the five providers.
const (
	DefaultMaxRetries   = 2
	DefaultRetryWaitMin = 500 * time.Millisecond
	DefaultRetryWaitMax = 5 * time.Second
)

// NewSettings applies opts over the defaults and validates the result.
func NewSettings(opts ...Option) (*Settings, error) {
	s := &Settings{
		MaxRetries:   DefaultMaxRetries,
		RetryWaitMin: DefaultRetryWaitMin,
		RetryWaitMax: DefaultRetryWaitMax,
	}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("latampay: nil option")
		}
		if err := opt(s); err != nil {
			return nil, err
		}
	}
	if s.RetryWaitMin > s.RetryWaitMax {
		return nil, fmt.Errorf("latampay: WithRetryWait: min %v is above max %v", s.RetryWaitMin, s.RetryWaitMax)
	}
	return s, nil
}

// SetExtra stores a provider-specific option value under key (an unexported
// type of the provider package).
func (s *Settings) SetExtra(key, value any) {
	if s.extra == nil {
		s.extra = make(map[any]any)
	}
	s.extra[key] = value
}

// Extra returns what SetExtra stored under key, or nil.
func (s *Settings) Extra(key any) any { return s.extra[key] }

// WithBaseURL points the client at another origin, scheme://host[:port] (a
// sandbox, a test server). The API's own paths are appended to it, and a path
// given here is kept as a prefix. Plain http:// is accepted only for loopback
// hosts.
func WithBaseURL(baseURL string) Option {
	return func(s *Settings) error {
		if _, err := ParseBaseURL(baseURL); err != nil {
			return err
		}
		s.BaseURL = baseURL
		return nil
	}
}

// WithHTTPClient sets the client that does the I/O. It is copied when the
// option is applied and never mutated; the shorter of its Timeout and
// WithTimeout bounds one attempt. With a Transport other than
// *http.Transport (a wrapper, a mock) the SDK cannot see whether an attempt
// obtained a connection, so a money-moving request that fails any other
// way than a refused dial counts as possibly sent.
func WithHTTPClient(c *http.Client) Option {
	return func(s *Settings) error {
		if c == nil {
			return errors.New("latampay: WithHTTPClient: nil client")
		}
		cp := *c
		s.HTTPClient = &cp
		return nil
	}
}

// WithMaxRetries sets how many times a request that may be repeated is
// retried after the first attempt (default 2; 0 disables retries).
func WithMaxRetries(n int) Option {
	return func(s *Settings) error {
		if n < 0 {
			return fmt.Errorf("latampay: WithMaxRetries: negative count %d", n)
		}
		s.MaxRetries = n
		return nil
	}
}

// WithRetryWait sets the backoff bounds: the first retry waits about min,
// each next one twice as long, never more than max. A zero min retries at
// once (for tests). Retry-After is honoured but never waits longer than
// max.
func WithRetryWait(min, max time.Duration) Option {
	return func(s *Settings) error {
		if min < 0 || max < 0 {
			return fmt.Errorf("latampay: WithRetryWait: negative duration")
		}
		if min > max {
			return fmt.Errorf("latampay: WithRetryWait: min %v is above max %v", min, max)
		}
		s.RetryWaitMin, s.RetryWaitMax = min, max
		return nil
	}
}

// WithTimeout sets the per-attempt timeout. It must be positive: there is no
// "no timeout".
func WithTimeout(d time.Duration) Option {
	return func(s *Settings) error {
		if d <= 0 {
			return fmt.Errorf("latampay: WithTimeout: must be positive, got %v", d)
		}
		s.Timeout = d
		return nil
	}
}

// WithLogger logs one record per attempt (method, host, path, status,
// attempt, duration, request id) at debug level; failed attempts and 429 or
// 5xx answers at warn. Nothing is logged without it. Header values, bodies,
// query strings and credentials are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(s *Settings) error {
		if l == nil {
			return errors.New("latampay: WithLogger: nil logger")
		}
		s.Logger = l
		return nil
	}
}

// WithAppInfo appends name/version to the User-Agent.
func WithAppInfo(name, version string) Option {
	return func(s *Settings) error {
		if name == "" || strings.ContainsAny(name+version, " /\r\n()") {
			return fmt.Errorf("latampay: WithAppInfo: name and version must be non-empty tokens without spaces, slashes or parentheses")
		}
		s.AppName, s.AppVersion = name, version
		return nil
	}
}

// Apply builds Settings from a provider package's own options: unwrap
// gives the transport option each one carries (nil for a zero Option,
// which is an error naming the provider).
func Apply[O any](provider string, opts []O, unwrap func(O) Option) (*Settings, error) {
	inner := make([]Option, len(opts))
	for i, o := range opts {
		if inner[i] = unwrap(o); inner[i] == nil {
			return nil, fmt.Errorf("%s: option %d is the zero Option; use the With… functions", provider, i)
		}
	}
	return NewSettings(inner...)
}
