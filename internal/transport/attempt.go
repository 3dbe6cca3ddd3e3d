package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"
)

// callState follows one logical call across its attempts. It travels in
// the request context so that checkRetry, which only sees the context, can
// tell a charge from a lookup.
type callState struct {
	// The caller's context: the state is the request's context itself,
	// which saves a context.WithValue per call.
	context.Context

	method, path string
	repeatable   bool
	reauthed     bool
	authValue    string

	attempts int
	// wrote is set once an attempt holds a connection that carries the
	// request (httptrace's GotConn): from then on a byte may have reached
	// the provider. Only non-repeatable calls, the ones for which it
	// matters, install the trace; untraced says the RoundTripper is not
	// net/http's and cannot tell, so every attempt counts as sent.
	wrote    atomic.Bool
	untraced bool
	trace    httptrace.ClientTrace
	// http2: the attempt's connection speaks HTTP/2, whose transport
	// resends a request after a stream reset the server may already have
	// acted on. getBody is retryablehttp's rewind, kept for replayBody.
	http2   atomic.Bool
	getBody func() (io.ReadCloser, error)
	// ambiguous: an attempt ended in a way that may have reached the
	// provider's application without telling us the outcome.
	ambiguous bool
	body      []byte
	payload   []byte
	encode    func([]byte) ([]byte, error)
	// first is the body reader of the probe retryablehttp makes to learn
	// the length, then of the first attempt: it saves an allocation on the
	// common single attempt.
	first   bytes.Reader
	readers int
	resp    Response
}

// readerFunc gives retryablehttp a fresh body reader per attempt. It hands
// out *bytes.Reader on purpose: net/http writes a body it knows to be in
// memory together with the headers, where any other reader costs a flush
// of its own, that is one more write on the wire per request (~10 % of an
// in-process round trip).
func (st *callState) readerFunc() (io.Reader, error) {
	if st.encode != nil {
		b, err := st.encode(st.payload)
		if err != nil {
			return nil, err
		}
		return bytes.NewReader(b), nil
	}
	st.readers++
	if st.readers <= 2 { // the length probe, then the first attempt
		st.first.Reset(st.payload)
		return &st.first, nil
	}
	return bytes.NewReader(st.payload), nil
}

// gotConn is the trace hook that marks the request as possibly sent.
func (st *callState) gotConn(info httptrace.GotConnInfo) {
	st.wrote.Store(true)
	if tc, ok := info.Conn.(*tls.Conn); ok && tc.ConnectionState().NegotiatedProtocol == "h2" {
		st.http2.Store(true)
	}
}

// errNoReplay refuses net/http's own resend of a request that must not be
// repeated.
var errNoReplay = errors.New("latampay: not resending a request that may have reached the provider")

// replayBody stands in for Request.GetBody on calls that must not be
// repeated. net/http rewinds a body for two reasons: over HTTP/1, only when
// nothing was written on a reused connection (safe, and kept); over
// HTTP/2, also after the server reset a stream it had read in full, which
// could run a charge twice. It refuses the second kind; the attempt then
// fails as a possibly reached one.
func (st *callState) replayBody() (io.ReadCloser, error) {
	if st.http2.Load() || st.untraced {
		return nil, errNoReplay
	}
	return st.getBody()
}

type stateKey struct{}

// Value implements context.Context: the state answers for stateKey.
func (st *callState) Value(key any) any {
	if _, ok := key.(stateKey); ok {
		return st
	}
	return st.Context.Value(key)
}

func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(stateKey{}).(*callState)
	return st
}

// mayHaveReached says whether the call's last failure may have reached the
// provider.
func (st *callState) mayHaveReached(error) bool { return st.ambiguous }

// attemptTransport runs one attempt: it bounds it with the per-attempt
// timeout, reads the whole body (capped) inside that bound, notes whether
// any request byte went out, and logs the attempt.
type attemptTransport struct {
	next    http.RoundTripper
	timeout time.Duration
	client  *Client
}

// errAttemptTimeout is the per-attempt timeout; unlike the caller's own
// deadline it does not match context.DeadlineExceeded.
type attemptTimeoutError struct{ d time.Duration }

func (e *attemptTimeoutError) Error() string {
	return "attempt timed out after " + e.d.String()
}
func (e *attemptTimeoutError) Timeout() bool   { return true }
func (e *attemptTimeoutError) Temporary() bool { return true }

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	parent := req.Context()
	st := stateFrom(parent)
	if st == nil {
		st = &callState{repeatable: true}
	}
	st.attempts++
	st.body = nil
	st.wrote.Store(false) // GotConn of an earlier attempt has already run
	st.http2.Store(false)
	ctx, cancel := context.WithTimeout(parent, t.timeout)
	defer cancel()
	start := time.Now()
	out := req.WithContext(ctx) // a shallow copy: the caller's request stays as it was
	if !st.repeatable && (out.Body == nil || out.Body == http.NoBody) {
		// net/http silently resends a body-less GET when a reused
		// keep-alive connection breaks after the request went out: fine
		// for a lookup, but a money-moving GET (Sr. Pago's reversal) could
		// then be carried out by the first send and refused by the replay
		// as "already done". It never resends a body it cannot get again,
		// so such requests carry an empty one-shot body, which the
		// transport finds empty and does not send.
		out.Body, out.GetBody, out.ContentLength = oneShotEmpty{}, nil, 0
	}
	resp, err := t.next.RoundTrip(out)
	if err == nil {
		st.body, err = readBody(resp, t.client.maxBody)
		resp.Body.Close()
		if err == nil {
			resp.Body = http.NoBody
		}
	}
	if err != nil && parent.Err() == nil && ctx.Err() == context.DeadlineExceeded {
		err = &attemptTimeoutError{d: t.timeout}
	}
	if err != nil {
		if !errors.Is(err, ErrMalformedResponse) {
			st.ambiguous = !notReached(err, st.wrote.Load() || st.untraced)
		} else {
			st.ambiguous = true
		}
	} else {
		st.ambiguous = isUnknownStatus(resp.StatusCode)
	}
	t.client.logAttempt(req, st, resp, err, time.Since(start))
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// oneShotEmpty is an empty request body that cannot be rewound.
type oneShotEmpty struct{}

func (oneShotEmpty) Read([]byte) (int, error) { return 0, io.EOF }
func (oneShotEmpty) Close() error             { return nil }

func readBody(resp *http.Response, max int64) ([]byte, error) {
	n := resp.ContentLength
	if n > max {
		return nil, &MalformedResponseError{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Err: ErrResponseTooLarge}
	}
	var buf []byte
	if n > 0 {
		buf = make([]byte, 0, n+1) // +1 so the EOF read does not grow it
	} else {
		buf = make([]byte, 0, 512)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if int64(len(buf)) > max {
			break
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) > max {
		return nil, &MalformedResponseError{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Err: ErrResponseTooLarge}
	}
	return buf, nil
}

// notReached says whether a failed attempt provably never reached the
// provider: no connection was obtained for it (wrote is false: a DNS, dial
// or TLS handshake failure, a certificate refused, a context that ended
// before a connection was ready). Once a connection carried the request,
// nothing about the error can prove that no byte went out.
func notReached(err error, wrote bool) bool {
	return !wrote || isDialFailure(err)
}

func isDialFailure(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// isPermanent: failures no retry can mend.
func isPermanent(err error) bool {
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) ||
		errors.As(err, &invalid) || errors.Is(err, ErrMalformedResponse)
}

// checkRetry is API.md §3: requests that may be repeated are retried on
// connection errors, 429 and 500/502/503/504 — unless the provider's own
// error in the body names a definite outcome, which no retry changes (Sr.
// Pago answers business errors with a 500); the others only when the
// attempt provably did not reach the provider, or on 429.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		if err == nil && resp != nil {
			// The answer arrived before the caller gave up: it is the
			// outcome (a charge that went through must say so), and no
			// retry is wanted any more.
			return false, nil
		}
		return false, ctx.Err()
	}
	st := stateFrom(ctx)
	repeatable := st == nil || st.repeatable
	if err != nil {
		if isPermanent(err) {
			return false, err
		}
		if repeatable {
			return true, err
		}
		return !st.ambiguous, err
	}
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		// A cut-off or HTML answer to a read is worth another try; the
		// body was read whole inside the attempt.
		return repeatable && st != nil && len(st.body) > 0 && !json.Valid(st.body), nil
	case code == http.StatusTooManyRequests:
		return true, nil
	case code == http.StatusInternalServerError || code == http.StatusBadGateway ||
		code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout:
		if !repeatable {
			return false, nil
		}
		if st != nil && c.cfg.DecodeError != nil {
			r := Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: st.body}
			if perr, definite := c.cfg.DecodeError(&r); perr != nil && definite {
				return false, nil
			}
		}
		return true, nil
	}
	return false, nil
}

func (c *Client) logAttempt(req *http.Request, st *callState, resp *http.Response, err error, d time.Duration) {
	if c.logger == nil {
		return
	}
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs,
		slog.String("provider", c.cfg.Provider),
		slog.String("method", req.Method),
		slog.String("host", req.URL.Host),
		slog.String("path", req.URL.Path),
		slog.Int("attempt", st.attempts),
		slog.Duration("duration", d),
	)
	level := slog.LevelDebug
	msg := "latampay: attempt"
	if err != nil {
		level = slog.LevelWarn
		msg = "latampay: attempt failed"
		attrs = append(attrs, slog.String("error", errorClass(err)))
	} else {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if c.cfg.RequestIDHeader != "" {
			if id := resp.Header.Get(c.cfg.RequestIDHeader); id != "" {
				attrs = append(attrs, slog.String("request_id", id))
			}
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			level = slog.LevelWarn
		}
	}
	c.logger.LogAttrs(req.Context(), level, msg, attrs...)
}

// errorClass names a transport failure without its text, which may carry a
// URL.
func errorClass(err error) string {
	var te *attemptTimeoutError
	switch {
	case errors.As(err, &te):
		return "attempt timeout"
	case errors.Is(err, context.Canceled):
		return "context canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "context deadline exceeded"
	case errors.Is(err, ErrResponseTooLarge):
		return "response too large"
	case isDialFailure(err):
		return "connection failed"
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "connection closed"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	return "connection error"
}
