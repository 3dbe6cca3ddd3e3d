// Package transport is the HTTP machinery the five provider packages share:
// options, authentication, JSON and query encoding, the retry rules that keep
// money from moving twice, per-attempt logging, the response size cap and a
// page walker. Provider packages hold only what is truly theirs.
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
	"net/http/httptrace"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"

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
	// MaxBodyBytes caps a response body; zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
}

// Client sends requests for one provider. It is safe for concurrent use.
type Client struct {
	cfg       Config
	base      *url.URL
	baseStr   string
	retry     *retryablehttp.Client
	userAgent string
	header    http.Header
	logger    *slog.Logger
	maxBody   int64
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
	// The per-attempt timeout is enforced by attemptTransport, which also
	// covers reading the body; the client's own Timeout would span retries.
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
		cfg:     cfg,
		base:    base,
		baseStr: origin(base),
		logger:  s.Logger,
		maxBody: maxBody,
	}
	_, c.traced = next.(*http.Transport)
	hc.Transport = &attemptTransport{next: next, timeout: timeout, client: c}

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

	c.retry = &retryablehttp.Client{
		HTTPClient:   &hc,
		Logger:       nil, // its logger prints URLs with query strings
		RetryWaitMin: s.RetryWaitMin,
		RetryWaitMax: s.RetryWaitMax,
		RetryMax:     s.MaxRetries,
		CheckRetry:   c.checkRetry,
		Backoff:      backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
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

	call callInfo
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
	}
	return u
}

// ErrorBodyLimit caps the raw body kept in an error.
const ErrorBodyLimit = 64 << 10

// SafeBody returns the body for keeping in an error: at most 64 KiB, with
// anything that looks like a card number masked.
func (r *Response) SafeBody() []byte {
	return maskThenCut(r.Body, ErrorBodyLimit)
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

// Do sends req, retrying as the rules allow, and decodes a successful JSON
// body into out (when out is not nil). Errors: the provider's typed error,
// *RequestError, *MalformedResponseError, *ParamError, context errors; any of
// them wrapped to match ErrOutcomeUnknown when the request must not be
// repeated and may have reached the provider.
func (c *Client) Do(ctx context.Context, req *Request, out any) (*Response, error) {
	if c == nil {
		return nil, ErrNoClient
	}
	if c.closed.Load() {
		return nil, ErrClientClosed
	}
	info := callInfo{operation: req.Operation, key: req.ReconcileKey, sentAt: time.Now()}
	resp, err := c.do(ctx, req, out, req.Auth)
	if resp != nil {
		resp.call = info
	}
	var u *OutcomeUnknownError
	if errors.As(err, &u) && u.Operation == "" && u.Key == "" {
		u.Operation, u.Key, u.SentAt = info.operation, info.key, info.sentAt
	}
	return resp, err
}

// ErrNoClient is the error of a call on a nil or zero-value Client: one not
// made by NewClient.
var ErrNoClient = errors.New("latampay: the client was not made by NewClient")

// ErrClientClosed is the error of a call on a closed Client.
var ErrClientClosed = errors.New("latampay: the client is closed")

// Close releases the client: later calls fail with ErrClientClosed. A
// client on the SDK's shared transport leaves that pool to the other
// clients (its connections are theirs too); a client built with
// WithHTTPClient leaves the caller's transport as it is.
func (c *Client) Close() error {
	if c == nil {
		return nil
	}
	c.closed.Store(true)
	return nil
}

func (c *Client) do(ctx context.Context, req *Request, out any, auth Authenticator) (*Response, error) {
	if auth == nil {
		auth = c.cfg.Auth
	}
	if err := ctx.Err(); err != nil {
		// Nothing is sent for a caller that has already given up.
		return nil, &RequestError{Method: req.Method, Path: req.Path, Err: err}
	}
	hreq, st, err := c.newRequest(ctx, req, auth)
	if err != nil {
		return nil, err
	}
	hresp, err := c.retry.Do(hreq)
	if err != nil {
		if hresp != nil && hresp.Body != nil {
			hresp.Body.Close()
		}
		return nil, c.transportFailure(ctx, req, st, err)
	}
	hresp.Body.Close()
	resp := &st.resp
	*resp = Response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: st.body}
	if c.cfg.RequestIDHeader != "" {
		resp.RequestID = hresp.Header.Get(c.cfg.RequestIDHeader)
	}

	if hresp.StatusCode == http.StatusUnauthorized && !st.reauthed {
		if r, ok := auth.(reauthenticator); ok && r.invalidate(st.authValue) {
			// An expired session: the provider refused it before doing
			// anything, so one re-login and one more send are safe (API.md §3).
			st2Resp, err2 := c.doAfterReauth(ctx, req, out, auth)
			return st2Resp, err2
		}
	}

	success := hresp.StatusCode >= 200 && hresp.StatusCode < 300
	if !success || c.cfg.CheckSuccess {
		if perr, definite := c.decodeError(resp); perr != nil {
			// An error the provider does not call definite leaves a
			// money-moving call's outcome open, under a 5xx or a 408 and
			// under a 2xx status alike.
			if !req.Repeatable() && !definite && (success || isUnknownStatus(resp.StatusCode)) {
				return resp, OutcomeUnknown(perr)
			}
			return resp, perr
		}
	}
	if out == nil && len(resp.Body) > 0 && !json.Valid(resp.Body) {
		// Nothing to decode, but an HTML page is not the API's answer: a
		// maintenance page must not read as "done".
		err := resp.Malformed(errors.New("not JSON"))
		if !req.Repeatable() {
			return resp, OutcomeUnknown(err)
		}
		return resp, err
	}
	if out != nil && resp.StatusCode != http.StatusNoContent {
		if err := c.decode(resp, out); err != nil {
			if !req.Repeatable() {
				// A 2xx we cannot read on a money-moving call: it may have
				// succeeded.
				return resp, OutcomeUnknown(err)
			}
			return resp, err
		}
	}
	return resp, nil
}

func (c *Client) doAfterReauth(ctx context.Context, req *Request, out any, auth Authenticator) (*Response, error) {
	ctx = context.WithValue(ctx, reauthKey{}, true)
	return c.do(ctx, req, out, auth)
}

type reauthKey struct{}

// isUnknownStatus: after these, a request that was sent may or may not have
// been carried out. 429 is excluded: it says the request was refused.
func isUnknownStatus(code int) bool {
	return code >= 500 || code == http.StatusRequestTimeout || code == 0
}

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

func (c *Client) decode(resp *Response, out any) error {
	if len(bytes.TrimSpace(resp.Body)) == 0 {
		return resp.Malformed(errors.New("empty body"))
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return resp.Malformed(err)
	}
	return nil
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
		Body:        maskThenCut(resp.Body, 512),
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

func (c *Client) newRequest(ctx context.Context, req *Request, auth Authenticator) (*retryablehttp.Request, *callState, error) {
	if req.Method == "" || !strings.HasPrefix(req.Path, "/") {
		return nil, nil, fmt.Errorf("latampay: internal: bad request %q %q", req.Method, req.Path)
	}
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = json.Marshal(req.Body); err != nil {
			return nil, nil, fmt.Errorf("latampay: encoding the %s %s body: %w", req.Method, req.Path, err)
		}
	}
	u := c.baseStr
	if req.BaseURL != nil {
		u = origin(req.BaseURL)
	}
	u += req.Path
	if req.Query != nil {
		var vals url.Values
		switch q := req.Query.(type) {
		case url.Values:
			vals = q
		default:
			var err error
			if vals, err = query.Values(q); err != nil {
				return nil, nil, fmt.Errorf("latampay: encoding the %s %s query: %w", req.Method, req.Path, err)
			}
		}
		if len(vals) > 0 {
			u += "?" + vals.Encode()
		}
	}
	st := &callState{Context: ctx, method: req.Method, path: req.Path, repeatable: req.Repeatable(), payload: body, encode: req.EncodeBody}
	st.reauthed, _ = ctx.Value(reauthKey{}).(bool)
	ctx = st
	if !st.repeatable {
		if c.traced {
			st.trace.GotConn = st.gotConn
			ctx = httptrace.WithClientTrace(ctx, &st.trace)
		} else {
			st.untraced = true
		}
	}
	var rawBody any // a func value converts to an interface without allocating
	if body != nil {
		rawBody = retryablehttp.ReaderFunc(st.readerFunc)
	}
	hreq, err := retryablehttp.NewRequestWithContext(ctx, req.Method, u, rawBody)
	if err != nil {
		return nil, nil, fmt.Errorf("latampay: building %s %s: %w", req.Method, req.Path, err)
	}
	if !st.repeatable && hreq.GetBody != nil {
		st.getBody, hreq.GetBody = hreq.GetBody, st.replayBody
	}
	h := hreq.Header
	for k, v := range c.header {
		h[k] = v
	}
	for k, v := range req.Header {
		h[http.CanonicalHeaderKey(k)] = v
	}
	if body != nil {
		h["Content-Type"] = contentTypeJSON
	}
	if auth != nil {
		if err := auth.Authenticate(ctx, h); err != nil {
			return nil, nil, err
		}
		st.authValue = h.Get("Authorization")
	}
	return hreq, st, nil
}

// transportFailure turns a failure without a response into the error the
// caller sees.
func (c *Client) transportFailure(ctx context.Context, req *Request, st *callState, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // its message carries the whole URL, query included
	}
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		err = fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	if errors.Is(err, ErrMalformedResponse) {
		// The size cap: the provider answered, with too much.
		if !st.repeatable {
			return OutcomeUnknown(err)
		}
		return err
	}
	rerr := &RequestError{Method: req.Method, Path: req.Path, Err: err}
	if !st.repeatable && st.mayHaveReached(err) {
		return OutcomeUnknown(rerr)
	}
	return rerr
}
