// Package mocktest holds what the provider packages' httpmock tests share:
// the options that put a client on a per-test mock transport, and a
// recorder of the requests a responder saw (method, URL, headers and the
// exact body).
package mocktest

import (
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/latampay/latampay-go/internal/transport"
)

// Options point a client at mt with millisecond retry waits. Retries stay
// at the default unless a later option changes them.
func Options(mt *httpmock.MockTransport) []transport.Option {
	return []transport.Option{
		transport.WithHTTPClient(&http.Client{Transport: mt}),
		transport.WithRetryWait(time.Millisecond, 2*time.Millisecond),
	}
}

// Recorder keeps every request a responder answered, with its body.
type Recorder struct {
	mu     sync.Mutex
	reqs   []*http.Request
	bodies []string
}

// Record wraps next so that each request it answers is kept.
func Record(next httpmock.Responder) (httpmock.Responder, *Recorder) {
	rec := &Recorder{}
	return func(r *http.Request) (*http.Response, error) {
		body := ""
		if r.Body != nil {
			b, _ := io.ReadAll(r.Body)
			body = string(b)
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, r)
		rec.bodies = append(rec.bodies, body)
		rec.mu.Unlock()
		return next(r)
	}, rec
}

// Last returns the last request and its body; it fails t when none came.
func (r *Recorder) Last(t testing.TB) (*http.Request, string) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqs) == 0 {
		t.Fatal("mocktest: no request reached the responder")
	}
	return r.reqs[len(r.reqs)-1], r.bodies[len(r.bodies)-1]
}

// Count is how many requests came.
func (r *Recorder) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// Bodies returns every body received, in order.
func (r *Recorder) Bodies() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.bodies...)
}
