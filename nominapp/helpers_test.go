package nominapp

import (
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/mocktest"
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
	return newMockClient(t, "", "", append([]Option{WithAccessToken(testToken)}, opts...)...)
}

// setupLogin returns a client that logs in with email and api token.
func setupLogin(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	return newMockClient(t, "ana@example.co", "api-token-123", opts...)
}

func newMockClient(t *testing.T, email, apiToken string, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	c, err := NewClient(email, apiToken, append(mockOptions(mt), opts...)...)
	require.NoError(t, err)
	return c, mt
}

// mockOptions put a client on mt with millisecond retry waits.
func mockOptions(mt *httpmock.MockTransport) []Option {
	return []Option{WithHTTPClient(&http.Client{Transport: mt}), WithRetryWait(time.Millisecond, 2*time.Millisecond)}
}

// respond registers method+url answering status and a JSON body, and
// returns what it records.
func respond(mt *httpmock.MockTransport, method, url string, status int, body string) *mocktest.Recorder {
	r, rec := mocktest.Record(httpmock.NewStringResponder(status, body).HeaderSet(http.Header{"Content-Type": {"application/json"}}))
	mt.RegisterResponder(method, url, r)
	return rec
}

func guideCard() Card {
	return Card{Number: "5368 2206 9292 6495", CVV: "537", ExpMonth: 6, ExpYear: 2031, HolderName: "Van Nelson"}
}
