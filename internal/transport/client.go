// Package transport is the HTTP machinery the five provider packages share:
// options, authentication, JSON and query encoding, the retry rules that
// keep money from moving twice, per-attempt logging, the response size cap,
// the secret scrubber and the page walkers. Provider packages hold only
// what is truly theirs.
//
// Reading order: Client.Do (client.go) is the whole pipeline, top-down:
// prepare the call, send it, at most one re-login round, return the
// result. A call (call.go) owns its copies of the clients; go-retryablehttp
// runs its attempts and backoff, and each attempt is one call.RoundTrip,
// which reads the answer once and asks classify (classify.go) what to do.
// classify is where every decision is made — return the value, return a
// definite error, wait and retry, report ErrOutcomeUnknown, or log in
// again — as a pure function of what is known about the attempt;
// classify_test.go lists every case. The scrubber (scrub.go) is applied to
// every error, kept body, request id and logged path on the way out.
package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-querystring/query"

	"github.com/latampay/latampay-go/internal/card"
)

// Version is the SDK version sent in the User-Agent.
const Version = "0.1.0"

// DefaultMaxBodyBytes caps a response body: a larger one is an error, not an
// out-of-memory.
const DefaultMaxBodyBytes = 8 << 20

// Config is what a provider package knows about its API.
type Config struct {
	// Provider names the API in the User-Agent and in log records ("culqi").
	Provider string
	// BaseURL is the default origin, used when WithBaseURL is not given.
	BaseURL string
	// Timeout is the provider's default per-attempt timeout.
	Timeout time.Duration
	// Auth authenticates every request that does not carry its own.
	Auth Authenticator
	// Header is sent on every request (Accept, version headers, …).
	Header http.Header
	// RequestIDHeader names the response header that carries the provider's
	// request id, for logs and errors.
	RequestIDHeader string
	// DecodeError turns a response into the provider's typed error and says
	// whether that error names a definite outcome (a decline, a validation
	// failure) rather than an unknown one (a gateway error, an internal
	// error). It is called for every non-2xx response, and for 2xx responses
	// too when CheckSuccess is set, where a nil error means success.
	DecodeError func(resp *Response) (err error, definite bool)
	// CheckSuccess makes DecodeError see 2xx responses too, for APIs that
	// send error envelopes with a 200.
	CheckSuccess bool
	// IsObject, with CheckSuccess, spares a success its second reading: a
	// 2xx answer is decoded into the caller's value first, and when
	// IsObject says the value is the object asked for (it has its id, a
	// list its data), that is the answer and DecodeError does not run. It
	// must not be fooled by a field's value: judge by what only a real
	// object has.
	IsObject func(out any) bool
	// MaxBodyBytes caps a response body; zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Secrets are values besides Auth's that must never be shown (a public
	// key, a login password): the scrubber removes them from errors and logs.
	Secrets []string
}

// Client sends requests for one provider. It is safe for concurrent use.
type Client struct {
	cfg       Config
	base      *url.URL
	hc        http.Client // the caller's settings; each call runs on a copy
	next      http.RoundTripper
	timeout   time.Duration
	userAgent string
	header    http.Header
	logger    *slog.Logger
	maxBody   int64
	scrub     *scrubber

	retryWaitMin, retryWaitMax time.Duration
	maxRetries                 int

	// traced: requests go through net/http's own Transport, which reports
	// through httptrace when an attempt obtains a connection. Any other
	// RoundTripper (a mock, a wrapper) is assumed to have sent whatever
	// it was given.
	traced bool
	closed atomic.Bool
}

// New builds a client from a provider's Config and the user's settings.
func New(cfg Config, s *Settings) (*Client, error) {
	if s == nil {
		var err error
		if s, err = NewSettings(); err != nil {
			return nil, err
		}
	}
	raw := cfg.BaseURL
	if s.BaseURL != "" {
		raw = s.BaseURL
	}
	base, err := ParseBaseURL(raw)
	if err != nil {
		return nil, err
	}
	timeout := cfg.Timeout
	if s.Timeout > 0 {
		timeout = s.Timeout
	}
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	var hc http.Client
	if s.HTTPClient != nil {
		hc = *s.HTTPClient // already a copy; copied again so the Settings stay reusable
	}
	if hc.Timeout > 0 && hc.Timeout < timeout {
		timeout = hc.Timeout
	}
	// The per-attempt timeout is enforced by each call's RoundTrip, which
	// also covers reading the body; the client's own Timeout would span
	// retries.
	hc.Timeout = 0
	next := hc.Transport
	if next == nil {
		next = defaultTransport()
	}
	// A payment API never redirects; following one could replay a POST
	// (card data included) to another host. The caller's own policy is
	// replaced in the copy: no setting may allow it.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	maxBody := cfg.MaxBodyBytes
	if maxBody <= 0 {
		maxBody = DefaultMaxBodyBytes
	}
	c := &Client{
		cfg:          cfg,
		base:         base,
		logger:       s.Logger,
		maxBody:      maxBody,
		next:         next,
		timeout:      timeout,
		retryWaitMin: s.RetryWaitMin,
		retryWaitMax: s.RetryWaitMax,
		maxRetries:   s.MaxRetries,
		scrub:        newScrubber(cfg.Secrets, cfg.Auth),
	}
	_, c.traced = next.(*http.Transport)
	c.hc = hc

	c.userAgent = "latampay-go/" + Version + " (" + cfg.Provider + "; " + runtime.Version() + ")"
	if s.AppName != "" {
		c.userAgent += " " + s.AppName
		if s.AppVersion != "" {
			c.userAgent += "/" + s.AppVersion
		}
	}
	c.header = make(http.Header, len(cfg.Header)+2)
	for k, v := range cfg.Header {
		c.header[http.CanonicalHeaderKey(k)] = v
	}
	c.header.Set("User-Agent", c.userAgent)
	if c.header.Get("Accept") == "" {
		c.header.Set("Accept", "application/json")
	}
	return c, nil
}

// DefaultMaxConnsPerHost is how many idle connections the shared default
// transport keeps per provider host: up to this many concurrent calls to one
// provider reuse their connections instead of dialling (and handshaking
// TLS) again.
const DefaultMaxConnsPerHost = 256

var (
	sharedTransportOnce sync.Once
	sharedTransport     *http.Transport
)

// defaultTransport is the process-wide transport of every client built
// without WithHTTPClient: one connection pool, sized for concurrent use,
// instead of one per client.
func defaultTransport() http.RoundTripper {
	sharedTransportOnce.Do(func() { sharedTransport = newDefaultTransport() })
	return sharedTransport
}

func newDefaultTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          4 * DefaultMaxConnsPerHost,
		MaxIdleConnsPerHost:   DefaultMaxConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// BaseURL returns the origin requests go to.
func (c *Client) BaseURL() *url.URL { u := *c.base; return &u }

// UserAgent returns the User-Agent the client sends.
func (c *Client) UserAgent() string { return c.userAgent }

// contentTypeJSON is shared by every request; net/http never mutates a
// header's value slice.
var contentTypeJSON = []string{"application/json"}

// Request describes one API call.
type Request struct {
	Method string
	// Path is appended to the base URL's path; escape ids with url.PathEscape.
	Path string
	// Query is a struct with `url` tags (go-querystring) or url.Values.
	Query any
	// Body is encoded as JSON; nil sends no body.
	Body any
	// BaseURL sends this request to another origin (Culqi's token host).
	BaseURL *url.URL
	// Auth overrides the client's authenticator for this request.
	Auth Authenticator
	// Header adds headers for this request.
	Header http.Header
	// MovesMoney marks a request that must never be repeated once it may
	// have reached the provider, whatever its method.
	MovesMoney bool
	// Idempotent marks a POST or PATCH that may be repeated like a GET (one
	// that only sets metadata). MovesMoney wins over it.
	Idempotent bool
	// Operation names the call for errors ("charges.create").
	Operation string
	// ReconcileKey is the call's reconciliation key, reported in an
	// *OutcomeUnknownError.
	ReconcileKey string
	// EncodeBody, when set, turns the JSON body into the bytes sent, once
	// for every attempt (Culqi's payload encryption: a fresh key and nonce
	// each time). Its error ends the call before anything is sent.
	EncodeBody func(plain []byte) ([]byte, error)
}

// Repeatable says whether the request may be sent again after it may have
// reached the provider (API.md §3): GET, HEAD, OPTIONS, PUT and DELETE, and
// a request marked Idempotent, unless it moves money.
func (r *Request) Repeatable() bool {
	if r.MovesMoney {
		return false
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	return r.Idempotent
}

// Response is a complete response, its body read (and capped).
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
	// RequestID is the provider's request id, when its header is present.
	RequestID string

	call   callInfo
	client *Client // for the scrubber and the provider's name
}

// callInfo is what an unknown outcome reports about its call.
type callInfo struct {
	operation, key string
	sentAt         time.Time
}

// OutcomeUnknown wraps err, a failure of the call that got this response,
// in an *OutcomeUnknownError that names the call and its key.
func (r *Response) OutcomeUnknown(err error) error {
	if err == nil || errors.Is(err, ErrOutcomeUnknown) {
		return err
	}
	u := &OutcomeUnknownError{Err: err}
	if r != nil {
		u.Operation, u.Key, u.SentAt = r.call.operation, r.call.key, r.call.sentAt
		u.provider = r.provider()
	}
	return u
}

// ErrorBodyLimit caps the raw body kept in an error.
const ErrorBodyLimit = 64 << 10

// SafeBody returns the body for keeping in an error: at most 64 KiB, with
// anything that looks like a card number masked.
func (r *Response) SafeBody() []byte {
	return maskThenCut(r.scrubbed(), ErrorBodyLimit)
}

// scrubbed is the body without the client's secrets.
func (r *Response) scrubbed() []byte {
	if r.client == nil {
		return r.Body
	}
	return r.client.scrub.Bytes(r.Body)
}

func (r *Response) provider() string {
	if r.client == nil {
		return ""
	}
	return r.client.cfg.Provider
}

// maskThenCut masks before cutting, so a card number across the cut
// cannot keep its first digits, and again after, since the cut can leave a
// Luhn-valid prefix of a longer digit run.
func maskThenCut(b []byte, limit int) []byte {
	b = card.MaskPANBytes(bytes.Clone(b))
	if len(b) > limit {
		b = card.MaskPANBytes(b[:limit])
	}
	return b
}

// Mask masks anything that looks like a card number in a provider message.
func Mask(s string) string { return card.MaskPANs(s) }

// Do sends req and decodes a successful JSON answer into out (when out is
// not nil). It reads top-down:
//
//  1. prepare: validate, encode the body and query, build the request
//     (nothing is sent when this fails);
//  2. send: go-retryablehttp runs the attempts and the backoff; after each
//     attempt, classify (classify.go) decides from what is known whether
//     to return, wait and retry, or report an unknown outcome;
//  3. a 401 to an expired session: one new login and one more round;
//  4. result: the verdict on the last attempt becomes the value or the
//     error, scrubbed of every secret.
//
// Errors: the provider's typed error, *RequestError, *StatusError,
// *MalformedResponseError, *ParamError, context errors; any of them inside
// an *OutcomeUnknownError when the request must not be repeated and may
// have reached the provider.
func (c *Client) Do(ctx context.Context, req *Request, out any) (*Response, error) {
	if c == nil || c.next == nil {
		return nil, ErrNoClient
	}
	if c.closed.Load() {
		return nil, c.scrub.finalError(c.errorf("%s %s: %w", req.Method, req.Path, ErrClientClosed))
	}
	if err := ctx.Err(); err != nil {
		// Nothing is sent for a caller that has already given up.
		return nil, &RequestError{provider: c.cfg.Provider, Method: req.Method, Path: req.Path, Err: err}
	}
	k, err := c.prepare(ctx, req, out)
	if err != nil {
		return nil, c.scrub.finalError(err)
	}
	k.info.sentAt = time.Now()
	for {
		if err := k.authenticate(ctx); err != nil {
			return nil, c.scrub.finalError(err)
		}
		k.send()
		if k.verdict != verdictReauth {
			break
		}
		// An expired session: the provider refused the request before
		// doing anything, so one new login and one more send are safe.
		k.reauthed = true
		k.auth.(reauthenticator).invalidate(k.authValue)
	}
	resp, err := k.result()
	return resp, c.scrub.finalError(err)
}

// ErrNoClient is the error of a call on a nil or zero-value Client: one not
// made by NewClient.
var ErrNoClient = errors.New("latampay: the client was not made by NewClient")

// ErrClientClosed is the error of a call on a closed Client.
var ErrClientClosed = errors.New("the client is closed")

// Close releases the client: later calls fail with ErrClientClosed. A
// client on the SDK's shared transport leaves that pool to the other
// clients (its idle connections are theirs too, and are closed by the pool
// after 90 s unused); a client built with WithHTTPClient leaves the
// caller's transport as it is.
func (c *Client) Close() error {
	if c == nil {
		return nil
	}
	c.closed.Store(true)
	return nil
}

// errorf makes an error whose message starts with the provider's name.
func (c *Client) errorf(format string, args ...any) error {
	return fmt.Errorf(c.prefix()+": "+format, args...)
}

func (c *Client) prefix() string {
	if c.cfg.Provider == "" {
		return "latampay"
	}
	return c.cfg.Provider
}

func queryValues(q any) (url.Values, error) { return query.Values(q) }

func (c *Client) decodeError(resp *Response) (error, bool) {
	if c.cfg.DecodeError != nil {
		return c.cfg.DecodeError(resp)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil, true
	}
	// A 4xx names a refusal, except a 408: a request cut off in flight.
	definite := resp.StatusCode < 500 && resp.StatusCode != http.StatusRequestTimeout
	return &HTTPError{StatusCode: resp.StatusCode, Body: resp.SafeBody()}, definite
}

// MalformedFor is Malformed for a 2xx answer to req that decoded but is
// not what was asked for (an object without its id, a payment without a
// status). When req must not be repeated it also matches
// ErrOutcomeUnknown: the provider may have acted on it.
func (resp *Response) MalformedFor(req *Request, cause error) error {
	err := resp.Malformed(cause)
	if !req.Repeatable() {
		return resp.OutcomeUnknown(err)
	}
	return err
}

// Malformed returns the *MalformedResponseError for this response: cause
// says what is wrong (a JSON error, or a provider package's own check such
// as "no transaction status"); the body kept is its masked start.
func (resp *Response) Malformed(cause error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(cause, &se):
		cause = fmt.Errorf("invalid JSON at offset %d", se.Offset)
	case errors.As(cause, &te):
		cause = fmt.Errorf("JSON %s where %s was expected (field %q)", te.Value, te.Type, te.Field)
	}
	return &MalformedResponseError{
		StatusCode:  resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Body:        maskThenCut(resp.scrubbed(), 512),
		provider:    resp.provider(),
		Err:         cause,
	}
}

// HTTPError is the fallback error of a provider package without a decoder.
type HTTPError struct {
	StatusCode int
	Body       []byte
}

// Error implements error.
func (e *HTTPError) Error() string {
	return fmt.Sprintf("latampay: HTTP %d", e.StatusCode)
}

// Is makes errors.Is(err, ErrNotFound) hold for a 404.
func (e *HTTPError) Is(target error) bool {
	return target == ErrNotFound && e.StatusCode == http.StatusNotFound
}

// StatusError is an answer no payment API gives: a redirect (never
// followed: following one could send a charge, or a card, twice or
// elsewhere) or an informational status as the final answer. It names the
// status and, for a redirect, only the target's host.
type StatusError struct {
	StatusCode int
	// Host is the host a redirect pointed to ("" when it named none).
	Host string

	provider string
}

// Error implements error.
func (e *StatusError) Error() string {
	p := e.provider
	if p == "" {
		p = "latampay"
	}
	if e.StatusCode >= 300 && e.StatusCode < 400 {
		msg := fmt.Sprintf("%s: HTTP %d redirect not followed", p, e.StatusCode)
		if e.Host != "" {
			msg += " (to host " + e.Host + ")"
		}
		return msg
	}
	return fmt.Sprintf("%s: unexpected HTTP %d as a final answer", p, e.StatusCode)
}
