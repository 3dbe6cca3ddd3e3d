package fakeapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/card"
)

// Request is one request a fake received, as a test reads it back.
type Request struct {
	// Method and Path of the request ("POST", "/v2/charges").
	Method string
	Path   string
	// Query is the decoded query string.
	Query url.Values
	// Header is the request's headers; the values of credential headers
	// (Authorization, API keys, tokens, cookies) read "[REDACTED]".
	Header http.Header
	// Body is the JSON body decoded into maps, slices, strings, float64s
	// and bools (nil without a JSON body), card numbers masked to their
	// last four digits.
	Body any
	// RawBody is the body as received, card numbers masked.
	RawBody []byte
	// Time is when the request arrived, by the fake's clock.
	Time time.Time
	// Status is the status the fake answered; 0 when it dropped the
	// connection without an answer.
	Status int
}

// maxLogged bounds the request log: the oldest entries go first.
const maxLogged = 10000

// Requests returns the requests received since the fake started or was
// last Reset, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.log))
	for i, r := range s.log {
		out[i] = *r
	}
	return out
}

// Reset forgets the requests received and drops every queued fault. The
// objects the fake keeps stay.
func (s *Server) Reset() {
	s.mu.Lock()
	s.log = nil
	s.faults = nil
	s.mu.Unlock()
}

// record reads r's body (leaving it readable for the handler) and returns
// the log entry to complete once the answer is known.
func (s *Server) record(r *http.Request) *Request {
	var raw []byte
	if r.Body != nil {
		raw, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(raw))
	}
	masked := card.MaskPANBytes(bytes.Clone(raw))
	entry := &Request{
		Method:  r.Method,
		Path:    r.URL.Path,
		Query:   r.URL.Query(),
		Header:  redactHeader(r.Header),
		RawBody: masked,
		Time:    s.Now(),
	}
	if len(bytes.TrimSpace(masked)) > 0 {
		var v any
		if json.Unmarshal(masked, &v) == nil {
			entry.Body = v
		}
	}
	return entry
}

// logRequest logs entry as soon as the request arrives, so a test that
// saw its connection dropped finds it there.
func (s *Server) logRequest(entry *Request) {
	s.mu.Lock()
	if len(s.log) >= maxLogged {
		s.log = append(s.log[:0], s.log[1:]...)
	}
	s.log = append(s.log, entry)
	s.mu.Unlock()
}

// answered sets the status of a logged request.
func (s *Server) answered(entry *Request, status int) {
	s.mu.Lock()
	entry.Status = status
	s.mu.Unlock()
}

// redactHeader copies h with the values of credential headers replaced.
func redactHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for name, values := range h {
		lower := strings.ToLower(name)
		secret := false
		for _, word := range []string{"auth", "key", "token", "secret", "cookie", "password"} {
			if strings.Contains(lower, word) {
				secret = true
				break
			}
		}
		if secret {
			out[name] = []string{"[REDACTED]"}
			continue
		}
		out[name] = append([]string(nil), values...)
	}
	return out
}

// statusWriter remembers the status a handler answered; it keeps the
// Hijacker a dropped connection needs.
type statusWriter struct {
	http.ResponseWriter
	status   int
	hijacked bool
}

// answer is the status the client got: 0 for a dropped connection, 200
// for a handler that wrote nothing (net/http's default).
func (w *statusWriter) answer() int {
	if w.status == 0 && !w.hijacked {
		return http.StatusOK
	}
	return w.status
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, http.ErrNotSupported
	}
	w.hijacked = true
	return hj.Hijack()
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
