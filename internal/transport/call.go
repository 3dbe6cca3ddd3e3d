package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// call is one logical API call, from Do's start to its answer: the
// prepared request, what its attempts found, and the verdict on the last
// one. Nothing about it travels in a context: go-retryablehttp runs the
// attempt loop and the backoff on the call's own copies of the clients,
// whose hooks are the call's methods.
type call struct {
	c *Client
	// What the call keeps of its Request (not the Request itself, which
	// can then live on the caller's stack).
	method, path string
	encodeBody   func(plain []byte) ([]byte, error)
	out          any
	repeatable   bool
	auth         Authenticator
	authValue    string // the Authorization sent, to invalidate after a 401
	reauthed     bool
	info         callInfo

	payload []byte
	// first is the body reader of the first attempt: it saves an
	// allocation on the common single attempt.
	first bytes.Reader
	sent  []byte // this attempt's body as encoded: what a resend must repeat

	rc   retryablehttp.Client
	hc   http.Client
	rreq retryablehttp.Request
	url  url.URL // the request's
	hreq *retryablehttp.Request

	// The current attempt.
	attempts int
	trace    httptrace.ClientTrace
	// gotConn: the attempt holds a connection that carries the request;
	// from then on a byte may have reached the provider. http2: that
	// connection speaks HTTP/2, whose transport resends after a stream
	// reset the server may already have acted on. replayRefused: net/http
	// wanted to resend the request and was refused.
	gotConn, http2, replayRefused atomic.Bool
	getBody                       func() (io.ReadCloser, error)
	redirectHost                  string

	// The verdict on the last attempt and what it returns.
	verdict verdict
	resp    Response
	err     error // the error to return (before an unknown-outcome wrap)
}

// prepare validates and encodes the request: nothing is sent when it fails.
func (c *Client) prepare(ctx context.Context, req *Request, out any) (*call, error) {
	if req.Method == "" || len(req.Path) == 0 || req.Path[0] != '/' {
		return nil, c.errorf("internal: bad request %q %q", req.Method, req.Path)
	}
	k := &call{c: c, method: req.Method, path: req.Path, encodeBody: req.EncodeBody, out: out, repeatable: req.Repeatable(), auth: req.Auth}
	if k.auth == nil {
		k.auth = c.cfg.Auth
	}
	if req.Body != nil {
		var err error
		if k.payload, err = json.Marshal(req.Body); err != nil {
			return nil, c.errorf("encoding the %s %s body: %w", req.Method, req.Path, err)
		}
	}
	base := c.base
	if req.BaseURL != nil {
		base = req.BaseURL
	}
	var rawQuery string
	if req.Query != nil {
		switch q := req.Query.(type) {
		case url.Values:
			rawQuery = q.Encode()
		case string:
			rawQuery = q
		default:
			vals, err := queryValues(q)
			if err != nil {
				return nil, c.errorf("encoding the %s %s query: %w", req.Method, req.Path, err)
			}
			rawQuery = vals.Encode()
		}
	}
	if !k.repeatable && c.traced {
		k.trace.GotConn = k.onGotConn
		ctx = httptrace.WithClientTrace(ctx, &k.trace)
	}
	// The body is not handed to go-retryablehttp: RoundTrip gives every
	// attempt its own, and decides what net/http may resend.
	httpReq, err := k.newHTTPRequest(ctx, base, req.Path, rawQuery, len(c.header)+len(req.Header)+2)
	if err != nil {
		return nil, c.errorf("building %s %s: %w", req.Method, req.Path, err)
	}
	// retryablehttp.NewRequest would allocate the wrapper; the call holds
	// it (a request without a body needs nothing else).
	k.rreq.Request = httpReq
	hreq := &k.rreq
	if k.payload != nil {
		// net/http's rewind of the body, bound once per call: the plain
		// rewind for a request that may be repeated, the refusing one for
		// one that must not.
		if k.repeatable {
			k.getBody = k.rewindBody
		} else {
			k.getBody = k.replayBody
		}
	}
	h := hreq.Header
	for name, v := range c.header {
		h[name] = v
	}
	for name, v := range req.Header {
		h[http.CanonicalHeaderKey(name)] = v
	}
	if k.payload != nil {
		h["Content-Type"] = contentTypeJSON
	}
	k.hreq = hreq

	k.hc = c.hc // a copy whose Transport is the call itself
	k.hc.Transport = k
	k.rc = retryablehttp.Client{
		HTTPClient:   &k.hc,
		RetryWaitMin: c.retryWaitMin,
		RetryWaitMax: c.retryWaitMax,
		RetryMax:     c.maxRetries,
		CheckRetry:   checkRetry,
		Backoff:      backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	k.info = callInfo{operation: req.Operation, key: req.ReconcileKey}
	return k, nil
}

// newHTTPRequest builds the call's request as http.NewRequestWithContext
// would, with its URL held in the call: a path of letters, digits and
// "-._~/" (every path the providers' ids make) needs no parsing, and only
// the others go through url.Parse.
func (k *call) newHTTPRequest(ctx context.Context, base *url.URL, path, rawQuery string, headers int) (*http.Request, error) {
	if p := base.EscapedPath(); p != "" {
		path = p + path
	}
	host := strings.TrimSuffix(base.Host, ":") // as net/http does with an empty port
	if plainPath(path) {
		k.url = url.URL{Scheme: base.Scheme, Host: host, Path: path, RawQuery: rawQuery}
	} else {
		u, err := url.Parse(base.Scheme + "://" + base.Host + path)
		if err != nil {
			return nil, err
		}
		k.url, k.url.RawQuery, k.url.Host = *u, rawQuery, host
	}
	r := http.Request{Method: k.method, URL: &k.url, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: make(http.Header, headers), Host: host}
	return r.WithContext(ctx), nil
}

// plainPath says whether p reads the same escaped and unescaped.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		switch b := p[i]; {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		case b == '-', b == '.', b == '_', b == '~', b == '/':
		default:
			return false
		}
	}
	return true
}

// authenticate sets the credentials of the next round of attempts.
func (k *call) authenticate(ctx context.Context) error {
	if k.auth == nil {
		return nil
	}
	if err := k.auth.Authenticate(ctx, k.hreq.Header); err != nil {
		return err
	}
	k.authValue = k.hreq.Header.Get("Authorization")
	return nil
}

// send runs the attempts (go-retryablehttp's loop: an attempt, checkRetry,
// a backoff wait that ends with the context) and leaves the verdict on the
// last one in k.
func (k *call) send() {
	hresp, err := k.rc.Do(k.hreq)
	if hresp != nil && hresp.Body != nil {
		hresp.Body.Close()
	}
	switch {
	case k.attempts == 0:
		// No attempt was made: the body could not be encoded.
		if err == nil {
			err = errors.New("no attempt was made")
		}
		k.verdict, k.err = verdictFail, k.requestError(unwrapURLError(err))
	case k.verdict == verdictRetry:
		// The attempts ran out, or the context ended while waiting for the
		// next one: the last attempt's error stands, and a retry is only
		// ever decided when the outcome is known, so it is definite.
		k.verdict = verdictFail
		if ctxErr := k.hreq.Context().Err(); ctxErr != nil && !errors.Is(k.err, ctxErr) {
			k.err = k.requestError(&ctxError{ctx: ctxErr, cause: k.err})
		}
	}
}

// result turns the verdict into what Do returns.
func (k *call) result() (*Response, error) {
	resp := &k.resp
	resp.call, resp.client = k.info, k.c
	switch k.verdict {
	case verdictSuccess:
		return resp, nil
	case verdictUnknown:
		return k.respOrNil(), resp.OutcomeUnknown(k.err)
	}
	return k.respOrNil(), k.err
}

func (k *call) respOrNil() *Response {
	if k.resp.StatusCode == 0 {
		return nil
	}
	return &k.resp
}

// RoundTrip runs one attempt: it bounds it with the per-attempt timeout,
// reads the whole body (capped) inside that bound, notes whether a
// connection carried the request, keeps a redirect from being followed,
// and logs the attempt.
func (k *call) RoundTrip(r *http.Request) (*http.Response, error) {
	k.attempts++
	k.gotConn.Store(false)
	k.http2.Store(false)
	k.replayRefused.Store(false)
	k.redirectHost = ""
	parent := r.Context()
	start := time.Now()
	ctx := parent
	if d, ok := parent.Deadline(); !ok || d.Sub(start) > k.c.timeout {
		// The attempt's own bound, unless the caller's deadline comes
		// first: then that one is the bound, and the timer and context
		// are saved.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(parent, k.c.timeout)
		defer cancel()
	}
	out := r.WithContext(ctx) // a shallow copy: the caller's request stays as it was
	if k.payload != nil {
		if err := k.setBody(out); err != nil {
			// Nothing was sent: the body could not be encoded.
			k.verdict, k.err, k.resp = verdictFail, k.requestError(err), Response{}
			return nil, &judgedError{err: err, verdict: verdictFail}
		}
	} else if !k.repeatable {
		// net/http silently resends a body-less GET when a reused
		// keep-alive connection breaks after the request went out: fine for
		// a lookup, not for a money-moving GET (Sr. Pago's reversal). It
		// never resends a body it cannot get again, so such requests carry
		// an empty one-shot body, which it finds empty and does not send.
		out.Body, out.GetBody, out.ContentLength = oneShotEmpty{}, nil, 0
	}
	resp, err := k.c.next.RoundTrip(out)
	var body []byte
	if err == nil {
		body, err = readBody(resp, k.c.maxBody)
		resp.Body.Close()
		resp.Body = http.NoBody
	}
	if err != nil && parent.Err() == nil && ctx.Err() == context.DeadlineExceeded {
		err = &attemptTimeoutError{d: k.c.timeout}
	}
	if err != nil {
		k.c.logAttempt(r, k, nil, err, time.Since(start))
		k.judgeFailure(parent, err)
		return nil, &judgedError{err: err, verdict: k.verdict}
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		// Keep the target's host for the error and take the Location away,
		// so that net/http's client neither follows it nor asks for the
		// body again to do so: that is how a charge could go out again.
		if loc, perr := url.Parse(resp.Header.Get("Location")); perr == nil {
			k.redirectHost = loc.Hostname()
		}
		h := resp.Header.Clone()
		h.Del("Location")
		resp.Header = h
	}
	k.resp = Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: body, client: k.c}
	if k.c.cfg.RequestIDHeader != "" {
		// A provider (or a proxy) can put anything in it, a card number
		// included: the id kept is scrubbed like an error.
		k.resp.RequestID = k.c.scrub.String(resp.Header.Get(k.c.cfg.RequestIDHeader))
	}
	k.c.logAttempt(r, k, resp, nil, time.Since(start))
	f := facts{Repeatable: k.repeatable, CtxDone: parent.Err() != nil}
	k.judgeAnswer(&f)
	k.verdict = classify(f)
	// The verdict rides back to checkRetry in the (already read) body.
	resp.Body = verdictBody(k.verdict)
	return resp, nil
}

// setBody gives an attempt its body: the payload, or its encoding made
// anew for this attempt. It is a *bytes.Reader (behind io.NopCloser, which
// net/http sees through) on purpose: net/http writes a body it knows to be
// in memory together with the headers, where any other reader costs a
// flush of its own (one more write per request).
func (k *call) setBody(out *http.Request) error {
	b := k.payload
	if k.encodeBody != nil {
		var err error
		if b, err = k.encodeBody(k.payload); err != nil {
			return err
		}
	}
	k.sent = b
	if k.attempts == 1 {
		k.first.Reset(b)
		out.Body = io.NopCloser(&k.first)
	} else {
		out.Body = io.NopCloser(bytes.NewReader(b))
	}
	out.ContentLength = int64(len(b))
	out.GetBody = k.getBody
	return nil
}

// rewindBody gives net/http the attempt's body again, for a resend it
// makes itself: the same bytes, encrypted ones included.
func (k *call) rewindBody() (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(k.sent)), nil
}

// verdictBody is the body of an answer that RoundTrip has read and judged:
// empty, and carrying the verdict to checkRetry without an allocation.
type verdictBody verdict

func (verdictBody) Read([]byte) (int, error) { return 0, io.EOF }
func (verdictBody) Close() error             { return nil }

// judgedError carries a failed attempt's verdict to checkRetry.
type judgedError struct {
	err     error
	verdict verdict
}

func (e *judgedError) Error() string { return e.err.Error() }
func (e *judgedError) Unwrap() error { return e.err }

// checkRetry is go-retryablehttp's hook after every attempt. The attempt
// has already been judged by classify, in RoundTrip: the hook only reads
// the verdict.
func checkRetry(_ context.Context, resp *http.Response, err error) (bool, error) {
	if err != nil {
		var je *judgedError
		if errors.As(err, &je) {
			return je.verdict == verdictRetry, nil
		}
	}
	if resp != nil {
		if v, ok := resp.Body.(verdictBody); ok {
			return verdict(v) == verdictRetry, nil
		}
	}
	// Not an attempt of ours (net/http refused the request before the
	// transport): nothing was sent, and nothing mends it.
	return false, nil
}

// judgeFailure classifies an attempt that got no complete answer.
func (k *call) judgeFailure(ctx context.Context, err error) {
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		err = &ctxError{ctx: ctx.Err(), cause: err}
	}
	f := facts{Repeatable: k.repeatable, CtxDone: ctx.Err() != nil, Failed: true}
	f.TooLarge = errors.Is(err, ErrMalformedResponse)
	f.Permanent = isPermanent(err)
	f.Reached = k.mayHaveReached(err)
	k.resp = Response{}
	if f.TooLarge {
		k.err = err
	} else {
		k.err = k.requestError(err)
	}
	k.verdict = classify(f)
}

// judgeAnswer reads an answer once: the provider's decoder gives its
// verdict, and a 2xx is decoded into the caller's value (the only decode
// of a success).
func (k *call) judgeAnswer(f *facts) {
	resp := &k.resp
	s := resp.StatusCode
	f.Status = s
	f.CanReauth = s == http.StatusUnauthorized && !k.reauthed && isReauthenticator(k.auth)
	k.err = nil
	if s < 200 || (s >= 300 && s < 400) {
		k.err = &StatusError{provider: k.c.cfg.Provider, StatusCode: s, Host: k.redirectHost}
		return
	}
	success := s < 300
	wantObject := k.out != nil && s != http.StatusNoContent && s != http.StatusResetContent && len(bytes.TrimSpace(resp.Body)) > 0
	var decodeErr error
	decoded := false
	if success && k.c.cfg.CheckSuccess && k.c.cfg.IsObject != nil && wantObject {
		// One decode for a success: into the caller's value, then a look
		// at what only the real object has.
		decodeErr, decoded = k.decodeOut(), true
		if decodeErr == nil && k.c.cfg.IsObject(k.out) {
			return
		}
	}
	if !success || k.c.cfg.CheckSuccess {
		if perr, definite := k.c.decodeError(resp); perr != nil {
			f.ProviderError, f.Definite = true, definite
			k.err = perr
			return
		}
	}
	if !success {
		k.err = &HTTPError{StatusCode: s, Body: resp.SafeBody()}
		return
	}
	if k.out == nil {
		// Nothing to decode, but an HTML page is not the API's answer.
		if len(resp.Body) > 0 && !json.Valid(resp.Body) {
			f.BadBody, k.err = true, resp.Malformed(errors.New("not JSON"))
		}
		return
	}
	if !wantObject {
		f.BadBody, k.err = true, resp.Malformed(errors.New("empty answer where an object was due"))
		return
	}
	if !decoded {
		decodeErr = k.decodeOut()
	}
	if decodeErr != nil {
		f.BadBody, k.err = true, resp.Malformed(decodeErr)
	}
}

// decodeOut decodes the answer into the caller's value.
func (k *call) decodeOut() error {
	if k.attempts > 1 {
		// An earlier attempt may have half-filled the value.
		if v := reflect.ValueOf(k.out); v.Kind() == reflect.Pointer && !v.IsNil() {
			v.Elem().SetZero()
		}
	}
	return json.Unmarshal(k.resp.Body, k.out)
}

// mayHaveReached says whether a failed attempt may have reached the
// provider: a connection carried it (or a RoundTripper that cannot tell
// was given it), or net/http's own resend was refused, and the failure is
// not a refused dial.
func (k *call) mayHaveReached(err error) bool {
	if k.replayRefused.Load() {
		return true
	}
	if isDialFailure(err) {
		return false
	}
	return k.gotConn.Load() || !k.c.traced
}

// onGotConn is the trace hook that marks the attempt as possibly sent.
func (k *call) onGotConn(info httptrace.GotConnInfo) {
	k.gotConn.Store(true)
	if tc, ok := info.Conn.(*tls.Conn); ok && tc.ConnectionState().NegotiatedProtocol == "h2" {
		k.http2.Store(true)
	}
}

// errNoReplay refuses net/http's own resend of a request that must not be
// repeated.
var errNoReplay = errors.New("not resending a request that may have reached the provider")

// replayBody stands in for Request.GetBody on calls that must not be
// repeated. net/http rewinds a body for two reasons: over HTTP/1, only when
// nothing was written on a reused connection (safe, and kept); over
// HTTP/2, also after the server reset a stream it had read in full, which
// could run a charge twice. It refuses the second kind (and every resend
// through a RoundTripper that cannot tell them apart); the attempt then
// counts as one that may have reached the provider.
func (k *call) replayBody() (io.ReadCloser, error) {
	if k.http2.Load() || !k.c.traced {
		k.replayRefused.Store(true)
		return nil, errNoReplay
	}
	return k.rewindBody()
}

func (k *call) requestError(err error) error {
	return &RequestError{provider: k.c.cfg.Provider, Method: k.method, Path: k.path, Err: err}
}

// unwrapURLError drops net/http's *url.Error, whose message carries the
// whole URL, query included.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// ctxError is a failure seen after the caller's context ended: both stay
// visible to errors.Is.
type ctxError struct{ ctx, cause error }

func (e *ctxError) Error() string   { return e.ctx.Error() + " (" + e.cause.Error() + ")" }
func (e *ctxError) Unwrap() []error { return []error{e.ctx, e.cause} }

func isReauthenticator(a Authenticator) bool {
	_, ok := a.(reauthenticator)
	return ok
}
