package nominapp

import (
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

const (
	testBase  = "https://api.aleluya.com"
	payURL    = testBase + "/v1/payments/credit_card"
	loginURL  = testBase + "/v1/sessions"
	testToken = "tok_test_access"
	planID    = "585030db-a698-4ce9-9e78-17d4009fb9f3"
	planID2   = "2de57027-9a42-4b13-b27b-50d1a405dea5"
)

// setup returns a client with a fixed access token (no login) on a per-test
// mock transport, retries at millisecond waits.
func setup(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	all := append([]Option{
		WithHTTPClient(&http.Client{Transport: mt}),
		WithRetryWait(time.Millisecond, 2*time.Millisecond),
		WithAccessToken(testToken),
	}, opts...)
	c, err := NewClient("", "", all...)
	require.NoError(t, err)
	return c, mt
}

// setupLogin returns a client that logs in with email and api token.
func setupLogin(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	all := append([]Option{
		WithHTTPClient(&http.Client{Transport: mt}),
		WithRetryWait(time.Millisecond, 2*time.Millisecond),
	}, opts...)
	c, err := NewClient("ana@example.co", "api-token-123", all...)
	require.NoError(t, err)
	return c, mt
}

// seen is what a recording responder captured.
type seen struct {
	Method, URL string
	Header      http.Header
	Body        string
}

// recorder records every request and answers with status and body.
type recorder struct {
	mu   sync.Mutex
	reqs []seen
}

func (r *recorder) responder(status int, body string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		r.record(req)
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
}

func (r *recorder) record(req *http.Request) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, seen{Method: req.Method, URL: req.URL.String(), Header: req.Header.Clone(), Body: string(b)})
	r.mu.Unlock()
}

func (r *recorder) all() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

func (r *recorder) last(t *testing.T) seen {
	t.Helper()
	all := r.all()
	require.NotEmpty(t, all, "no request recorded")
	return all[len(all)-1]
}

func guideCard() Card {
	return Card{Number: "5368 2206 9292 6495", CVV: "537", ExpMonth: 6, ExpYear: 2031, HolderName: "Van Nelson"}
}
