package spectest

import (
	"bytes"
	"io"
	"net/http"
	"sort"
	"sync"
)

// Finding is a problem in one answer, by operation.
type Finding struct {
	// Op is "METHOD /template", or "METHOD /path" when no operation
	// matched.
	Op string
	// Status is the answer's status code.
	Status int
	// Message says what is wrong.
	Message string
}

// Recorder is an http.RoundTripper that validates every answer it passes
// on against the specs (CheckResponse), for a client of a fake server.
type Recorder struct {
	// Base does the I/O (http.DefaultTransport when nil).
	Base http.RoundTripper
	// Checker holds the specs.
	Checker *Checker

	mu       sync.Mutex
	findings []Finding
	ops      map[string]int
	ok       map[string]bool
	answers  int
}

// RoundTrip sends r and validates the answer.
func (rec *Recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	var reqBody []byte
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		_ = r.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
		r2 := r.Clone(r.Context())
		r2.Body = io.NopCloser(bytes.NewReader(b))
		r = r2
	}
	base := rec.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, nil
	}
	rec.Check(r, reqBody, resp.StatusCode, resp.Header, body)
	return resp, nil
}

// Check validates one answer and records what it finds.
func (rec *Recorder) Check(r *http.Request, reqBody []byte, status int, header http.Header, body []byte) {
	rt, p := rec.Checker.CheckResponse(r, reqBody, status, header, body)
	op := r.Method + " " + r.URL.Path
	if rt != nil {
		op = OperationOf(rt).Key()
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.ops == nil {
		rec.ops, rec.ok = map[string]int{}, map[string]bool{}
	}
	rec.ops[op]++
	if status >= 200 && status < 300 {
		rec.ok[op] = true
	}
	rec.answers++
	for _, v := range p.Violations {
		rec.findings = append(rec.findings, Finding{Op: op, Status: status, Message: v})
	}
}

// Findings returns every problem recorded, each (operation, status,
// message) once, sorted.
func (rec *Recorder) Findings() []Finding {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	seen := map[Finding]bool{}
	var out []Finding
	for _, f := range rec.findings {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Op != out[j].Op {
			return out[i].Op < out[j].Op
		}
		if out[i].Status != out[j].Status {
			return out[i].Status < out[j].Status
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// Answers returns how many answers were checked and of how many
// operations.
func (rec *Recorder) Answers() (answers, operations int) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.answers, len(rec.ops)
}

// Succeeded reports whether op ("METHOD /template") got a 2xx answer.
func (rec *Recorder) Succeeded(op string) bool {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.ok[op]
}
