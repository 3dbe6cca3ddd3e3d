// Package fakeapi is the scaffold the five fake provider servers share:
// routing on an httptest server, ids, an in-memory store, JSON helpers,
// fault injection, a request log and webhook delivery. A fake declares
// each plain resource once (Declare, Resource), with its provider's wire
// conventions written once (Dialect); each <provider>test package adds
// only its provider's rules.
package fakeapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Config is what a provider's fake tells the scaffold.
type Config struct {
	// Authenticate says whether a request carries valid test credentials.
	// Nil accepts every request.
	Authenticate func(r *http.Request) bool
	// Unauthorized answers a request that Authenticate refused.
	Unauthorized http.HandlerFunc
	// NotFound answers a request no route matches.
	NotFound http.HandlerFunc
	// Public lists route patterns ("POST /v1/sessions") that skip Authenticate.
	Public []string
}

// Server is an in-memory fake API on an httptest server.
type Server struct {
	// URL is the base URL of the fake, http://127.0.0.1:port.
	URL string

	srv    *httptest.Server
	mux    *http.ServeMux
	cfg    Config
	public map[string]bool

	mu      sync.Mutex
	faults  []*Fault
	clock   func() time.Time
	handled map[string]int
	stats   Stats
	log     []*Request
	hooks   webhooks
}

// Stats counts what the fake saw.
type Stats struct {
	// Requests is every request received.
	Requests int
	// Executed is every request a route handler ran for.
	Executed int
	// Faults is every fault applied.
	Faults int
}

// New starts a fake. Register routes with Handle before using it.
func New(cfg Config) *Server {
	s := &Server{
		mux:     http.NewServeMux(),
		cfg:     cfg,
		public:  map[string]bool{},
		clock:   time.Now,
		handled: map[string]int{},
	}
	for _, p := range cfg.Public {
		s.public[p] = true
	}
	s.hooks.ctx, s.hooks.cancel = context.WithCancel(context.Background())
	s.hooks.policy = WebhookPolicy{Attempts: 3, Backoff: 10 * time.Millisecond}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close shuts the fake down.
func (s *Server) Close() {
	// Requests still running (a Fault's Delay, a slow handler) are cut
	// off, not waited for: a closed fake answers nothing more.
	s.srv.CloseClientConnections()
	s.srv.Close()
	// Deliveries still retrying stop; Close waits for none of them longer
	// than one try's timeout.
	s.hooks.cancel()
	s.hooks.pending.Wait()
}

// webhookTimeout bounds a delivery: a receiver that never answers must not
// hold the handler that notifies it, nor Close.
const webhookTimeout = 5 * time.Second

// PostWebhook delivers a notification: body POSTed as JSON to target with
// the extra headers (a signature), bounded by a timeout. It returns the
// receiver's status.
func PostWebhook(ctx context.Context, target string, body []byte, header http.Header) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return resp.StatusCode, nil
}

// HTTPClient returns a client that trusts the fake (plain http on loopback).
func (s *Server) HTTPClient() *http.Client { return s.srv.Client() }

// Handle registers a route, a net/http pattern such as "POST /v2/charges/{id}".
func (s *Server) Handle(pattern string, h http.HandlerFunc) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if !s.public[pattern] && s.cfg.Authenticate != nil && !s.cfg.Authenticate(r) {
			if s.cfg.Unauthorized != nil {
				s.cfg.Unauthorized(w, r)
			} else {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
			}
			return
		}
		s.mu.Lock()
		s.handled[pattern]++
		s.stats.Executed++
		s.mu.Unlock()
		h(w, r)
	})
}

// Now is the fake's clock.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clock()
}

// SetClock replaces the fake's clock (expiry, same-day rules).
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	s.clock = now
	s.mu.Unlock()
}

// Handled reports how many requests a route's handler ran for.
func (s *Server) Handled(pattern string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.handled[pattern]
}

// Stats returns the counters so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

func (s *Server) serve(rw http.ResponseWriter, r *http.Request) {
	entry := s.record(r)
	s.logRequest(entry)
	w := &statusWriter{ResponseWriter: rw}
	defer func() { s.answered(entry, w.answer()) }()
	s.mu.Lock()
	s.stats.Requests++
	f := s.takeFault(r)
	if f != nil {
		s.stats.Faults++
	}
	s.mu.Unlock()

	if _, pattern := s.mux.Handler(r); pattern == "" {
		if s.cfg.NotFound != nil && f == nil {
			s.cfg.NotFound(w, r)
			return
		}
	}
	if f == nil {
		s.mux.ServeHTTP(w, r)
		return
	}
	f.apply(s, w, r)
}

// ReadJSON decodes a request body into v. With strict, an unknown field is
// an error, as Cubo and DigitalFemsa answer it.
func ReadJSON(r *http.Request, v any, strict bool) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return err
	}
	return DecodeJSON(body, v, strict)
}

// DecodeJSON decodes body, one JSON value and nothing after it, into v.
// With strict, an unknown field is an error (UnknownField names it).
func DecodeJSON(body []byte, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON body")
	}
	return nil
}

// UnknownField extracts the field name from a DisallowUnknownFields error.
func UnknownField(err error) (string, bool) {
	const p = "json: unknown field "
	if err == nil || !strings.HasPrefix(err.Error(), p) {
		return "", false
	}
	return strings.Trim(strings.TrimPrefix(err.Error(), p), `"`), true
}

// WriteJSON answers with status and v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	WriteJSONAs(w, "application/json", status, v)
}

// WriteJSONAs is WriteJSON with a provider's own content type (a versioned
// vendor type, a charset).
func WriteJSONAs(w http.ResponseWriter, contentType string, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, fmt.Sprintf("fake: encoding response: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// hijackClose drops the connection without an answer.
func hijackClose(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

// recorder captures a handler's response so a fault can corrupt it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

// code is the status the handler set; one that wrote nothing answered 200,
// as net/http would.
func (r *recorder) code() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(p)
}
