package fakeapi

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// FaultKind names a way to fail. A Fault with a Kind needs no other field
// but Match and Times (and Status, RetryAfter, Delay, Location to change
// the kind's defaults); FaultCustom uses the fields as set.
type FaultKind int

const (
	// FaultCustom applies the Fault's fields as they are set.
	FaultCustom FaultKind = iota
	// FaultStatus answers Status (503 when zero) with RetryAfter, before
	// processing (or after, with After).
	FaultStatus
	// FaultDelay waits Delay (1 s when zero), then answers for real.
	FaultDelay
	// FaultDropBefore closes the connection before processing: nothing
	// happened.
	FaultDropBefore
	// FaultDropAfter processes the request, then closes the connection
	// without an answer: it happened, and the client cannot know.
	FaultDropAfter
	// FaultHTML answers a proxy's HTML page with a 200 before processing.
	FaultHTML
	// FaultTruncated processes the request and cuts its JSON answer in half.
	FaultTruncated
	// FaultRedirect processes the request and answers a 307 to Location
	// (another host when empty).
	FaultRedirect
	// FaultEmpty processes the request and answers 204 with no body.
	FaultEmpty
)

// Fault makes the next matching requests fail in a chosen way, to test
// retry and reconciliation code.
type Fault struct {
	// Kind names the failure; see FaultKind.
	Kind FaultKind
	// Match limits the fault to requests whose "METHOD /path" starts with
	// it ("POST /v2/charges"); empty matches every request.
	Match string
	// Times is how many requests the fault applies to; 0 means once.
	Times int

	// Status answers with this status instead of the API (Body and
	// ContentType as given; an empty Body sends "{}" as JSON).
	Status      int
	Body        string
	ContentType string
	// RetryAfter is sent as the Retry-After header with Status.
	RetryAfter string

	// Delay waits this long before answering (a slow provider).
	Delay time.Duration
	// Drop closes the connection without an answer.
	Drop bool
	// Truncate sends the first half of the real response body, so the
	// client sees truncated JSON.
	Truncate bool

	// After runs the real handler first, so the operation happens on the
	// fake and the client sees only the fault: the "outcome unknown" case.
	// Without it the fault answers before anything is done.
	After bool
	// Location is a redirect's target (FaultRedirect).
	Location string

	empty bool // answer with no body at all
}

// normalize turns a Kind into the fields that carry it out.
func (f *Fault) normalize() {
	switch f.Kind {
	case FaultStatus:
		if f.Status == 0 {
			f.Status = http.StatusServiceUnavailable
		}
	case FaultDelay:
		if f.Delay == 0 {
			f.Delay = time.Second
		}
	case FaultDropBefore:
		f.Drop, f.After = true, false
	case FaultDropAfter:
		f.Drop, f.After = true, true
	case FaultHTML:
		if f.Status == 0 {
			f.Status = http.StatusOK
		}
		f.ContentType = "text/html; charset=utf-8"
		if f.Body == "" {
			f.Body = "<html><body><h1>Service temporarily unavailable</h1></body></html>"
		}
	case FaultTruncated:
		f.Truncate = true
	case FaultRedirect:
		f.After = true
		if f.Status == 0 {
			f.Status = http.StatusTemporaryRedirect
		}
		if f.Location == "" {
			f.Location = "https://elsewhere.invalid/"
		}
	case FaultEmpty:
		f.After, f.empty = true, true
		if f.Status == 0 {
			f.Status = http.StatusNoContent
		}
	}
}

// InjectFault queues a fault; faults apply in the order queued.
func (s *Server) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	f.normalize()
	s.mu.Lock()
	s.faults = append(s.faults, &f)
	s.mu.Unlock()
}

// ClearFaults drops every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// PendingFaults counts the fault applications still queued.
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		n += f.Times
	}
	return n
}

// takeFault is called with s.mu held.
func (s *Server) takeFault(r *http.Request) *Fault {
	key := r.Method + " " + r.URL.Path
	for i, f := range s.faults {
		if f.Match != "" && !strings.HasPrefix(key, f.Match) {
			continue
		}
		f.Times--
		if f.Times == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		cp := *f
		return &cp
	}
	return nil
}

func (f *Fault) apply(s *Server, w http.ResponseWriter, r *http.Request) {
	var rec *recorder
	if f.After || f.Truncate {
		rec = &recorder{header: http.Header{}}
		s.mux.ServeHTTP(rec, r)
	}
	if f.Delay > 0 {
		// Read the body first: the server notices a client that hung up
		// only once the request body is consumed, and the handler may
		// still need it after the delay.
		if !f.After && !f.Truncate {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case f.Drop:
		hijackClose(w)
	case f.empty:
		w.WriteHeader(f.Status)
	case f.Status != 0:
		if f.Location != "" {
			w.Header().Set("Location", f.Location)
		}
		ct, body := f.ContentType, f.Body
		if body == "" {
			ct, body = "application/json", "{}"
		}
		if ct == "" {
			ct = "application/json"
		}
		w.Header().Set("Content-Type", ct)
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(body))
	case f.Truncate && rec != nil:
		copyHeader(w.Header(), rec.header)
		b := rec.body.Bytes()
		b = b[:len(b)/2]
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(rec.code())
		_, _ = w.Write(b)
	case rec != nil:
		copyHeader(w.Header(), rec.header)
		w.WriteHeader(rec.code())
		_, _ = w.Write(rec.body.Bytes())
	default:
		s.mux.ServeHTTP(w, r)
	}
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}
