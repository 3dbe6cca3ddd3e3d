package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// errAttemptTimeout is the per-attempt timeout; unlike the caller's own
// deadline it does not match context.DeadlineExceeded.
type attemptTimeoutError struct{ d time.Duration }

func (e *attemptTimeoutError) Error() string {
	return "attempt timed out after " + e.d.String()
}
func (e *attemptTimeoutError) Timeout() bool   { return true }
func (e *attemptTimeoutError) Temporary() bool { return true }

// oneShotEmpty is an empty request body that cannot be rewound.
type oneShotEmpty struct{}

func (oneShotEmpty) Read([]byte) (int, error) { return 0, io.EOF }
func (oneShotEmpty) Close() error             { return nil }

// readBody reads a whole answer, at most max bytes. A known length is read
// into one buffer of that size; an unknown one (a chunked page) into
// chunks of growing size joined once at the end, so a large page costs
// about twice its size in allocations, not the many copies that growing
// one buffer makes.
func readBody(resp *http.Response, max int64) ([]byte, error) {
	tooLarge := func() error {
		return &MalformedResponseError{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Err: ErrResponseTooLarge}
	}
	n := resp.ContentLength
	if n > max {
		return nil, tooLarge()
	}
	if n > 0 {
		buf := make([]byte, 0, n+1) // +1 so the EOF read does not grow it
		for {
			if len(buf) == cap(buf) {
				// Longer than announced: net/http reports that itself, but
				// read on with the cap in force.
				buf = append(buf, 0)[:len(buf)]
			}
			m, err := resp.Body.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+m]
			if int64(len(buf)) > max {
				return nil, tooLarge()
			}
			if err == io.EOF {
				return buf, nil
			}
			if err != nil {
				return nil, err
			}
		}
	}
	var chunks [][]byte
	total := 0
	buf := make([]byte, 0, 512)
	for {
		m, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if int64(total+len(buf)) > max {
			return nil, tooLarge()
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if err == io.EOF {
			if chunks == nil {
				return buf, nil
			}
			whole := make([]byte, 0, total+len(buf))
			for _, c := range chunks {
				whole = append(whole, c...)
			}
			return append(whole, buf...), nil
		}
		if len(buf) == cap(buf) {
			chunks = append(chunks, buf)
			total += len(buf)
			buf = make([]byte, 0, 2*cap(buf))
		}
	}
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

func (c *Client) logAttempt(req *http.Request, k *call, resp *http.Response, err error, d time.Duration) {
	if c.logger == nil {
		return
	}
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs,
		slog.String("provider", c.cfg.Provider),
		slog.String("method", req.Method),
		slog.String("host", req.URL.Host),
		slog.String("path", c.scrub.String(req.URL.Path)),
		slog.Int("attempt", k.attempts),
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
		if id := k.resp.RequestID; id != "" { // scrubbed once, when the answer was kept
			attrs = append(attrs, slog.String("request_id", id))
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
