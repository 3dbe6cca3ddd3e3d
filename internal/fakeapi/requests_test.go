package fakeapi

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The request log keeps what a test needs to assert on and nothing it
// must not see: card numbers masked, credentials redacted.
func TestRequestLog(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	hc := s.HTTPClient()
	req, _ := http.NewRequest("POST", s.URL+"/v1/things?limit=2", strings.NewReader(`{"card":{"number":"4111111111111111"},"amount":100}`))
	req.Header.Set("Authorization", "Bearer good")
	req.Header.Set("X-Api-Key", "sk_live_secret")
	req.Header.Set("X-Trace", "t1")
	resp, err := hc.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	s.InjectFault(Fault{Kind: FaultDropBefore})
	_, _, err = send(t, s, "DELETE", "/v1/things")
	require.Error(t, err)

	log := s.Requests()
	require.Len(t, log, 2)
	first := log[0]
	assert.Equal(t, "POST", first.Method)
	assert.Equal(t, "/v1/things", first.Path)
	assert.Equal(t, "2", first.Query.Get("limit"))
	assert.Equal(t, 201, first.Status)
	assert.Equal(t, "[REDACTED]", first.Header.Get("Authorization"))
	assert.Equal(t, "[REDACTED]", first.Header.Get("X-Api-Key"))
	assert.Equal(t, "t1", first.Header.Get("X-Trace"))
	assert.Equal(t, map[string]any{"card": map[string]any{"number": "************1111"}, "amount": float64(100)}, first.Body)
	assert.NotContains(t, string(first.RawBody), "4111111111111111")
	assert.False(t, first.Time.IsZero())
	assert.Equal(t, 0, log[1].Status, "a dropped connection has no status")

	s.Reset()
	assert.Empty(t, s.Requests())
}

// Each named fault kind does what its name says, before or after the
// handler ran.
func TestFaultKinds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fault       Fault
		status      int
		body        string
		dropped     bool
		processed   bool
		header, val string
	}{
		{fault: Fault{Kind: FaultStatus, RetryAfter: "2"}, status: 503, header: "Retry-After", val: "2"},
		{fault: Fault{Kind: FaultStatus, Status: 429}, status: 429},
		{fault: Fault{Kind: FaultStatus, Status: 500, After: true}, status: 500, processed: true},
		{fault: Fault{Kind: FaultDelay, Delay: 20 * time.Millisecond}, status: 201, processed: true},
		{fault: Fault{Kind: FaultDropBefore}, dropped: true},
		{fault: Fault{Kind: FaultDropAfter}, dropped: true, processed: true},
		{fault: Fault{Kind: FaultHTML}, status: 200, body: "<html>", header: "Content-Type", val: "text/html; charset=utf-8"},
		{fault: Fault{Kind: FaultTruncated}, status: 201, body: `{"id":"thg_1"`, processed: true},
		{fault: Fault{Kind: FaultRedirect, Location: "https://other.invalid/x"}, status: 307, processed: true, header: "Location", val: "https://other.invalid/x"},
		{fault: Fault{Kind: FaultEmpty}, status: 204, processed: true},
	} {
		s, created := newTestServer(t)
		s.InjectFault(tc.fault)
		req, _ := http.NewRequest("POST", s.URL+"/v1/things", strings.NewReader(`{}`))
		req.Header.Set("Authorization", "Bearer good")
		hc := s.HTTPClient()
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := hc.Do(req)
		name := tc.fault.Kind
		if tc.dropped {
			require.Error(t, err, "kind %d", name)
		} else {
			require.NoError(t, err, "kind %d", name)
			body := readAll(t, resp)
			assert.Equal(t, tc.status, resp.StatusCode, "kind %d", name)
			assert.True(t, strings.HasPrefix(body, tc.body), "kind %d: %q", name, body)
			if tc.fault.Kind == FaultEmpty {
				assert.Empty(t, body)
			}
			if tc.header != "" {
				assert.Equal(t, tc.val, resp.Header.Get(tc.header), "kind %d", name)
			}
		}
		want := int32(0)
		if tc.processed {
			want = 1
		}
		assert.Equal(t, want, created.Load(), "kind %d processed", name)
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 512)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

// Events go to the receiver the test names, are retried as the policy says
// while it does not answer 2xx, and every try is recorded.
func TestWebhookDelivery(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	assert.False(t, s.EmitWebhook("x", []byte(`{}`), nil), "nowhere to deliver")

	answers := make(chan int, 3)
	answers <- 500
	answers <- 503
	answers <- 200
	var mu sync.Mutex
	var got []string
	recv := New(Config{})
	t.Cleanup(recv.Close)
	recv.Handle("POST /hooks", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("Digest"))
		mu.Unlock()
		w.WriteHeader(<-answers)
	})
	s.SetWebhookPolicy(WebhookPolicy{Attempts: 3, Backoff: time.Millisecond})
	s.DeliverWebhooks(recv.URL + "/hooks")
	assert.Equal(t, recv.URL+"/hooks", s.WebhookURL())
	require.True(t, s.EmitWebhook("charge.succeeded", []byte(`{"type":"charge.succeeded"}`), http.Header{"Digest": {"sig"}}))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, s.WaitWebhooks(ctx))

	d := s.Deliveries()
	require.Len(t, d, 3)
	for i, want := range []int{500, 503, 200} {
		assert.Equal(t, i+1, d[i].Attempt)
		assert.Equal(t, want, d[i].Status)
		assert.Equal(t, "charge.succeeded", d[i].Event)
		assert.JSONEq(t, `{"type":"charge.succeeded"}`, string(d[i].Body))
	}
	last, ok := s.LastDelivery([]byte(`{"type":"charge.succeeded"}`))
	require.True(t, ok)
	assert.Equal(t, d[2], last, "the last try of the event")
	_, ok = s.LastDelivery([]byte(`{"type":"other"}`))
	assert.False(t, ok)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"sig", "sig", "sig"}, got)
}
