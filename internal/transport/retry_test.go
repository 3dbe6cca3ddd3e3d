package transport

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type outcome int

const (
	ok           outcome = iota
	typed                // a provider (HTTP) error, outcome known
	typedUnknown         // a provider error wrapped in ErrOutcomeUnknown
	netErr               // a *RequestError, outcome known (nothing reached the provider, or repeatable)
	netUnknown           // a *RequestError wrapped in ErrOutcomeUnknown
)

func TestRetryMatrix(t *testing.T) {
	t.Parallel()
	dial := httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})
	reset := httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET})
	slow := httpmock.NewStringResponder(200, `{}`).Delay(time.Second)
	rateLimited := httpmock.NewStringResponder(429, `{}`).HeaderSet(http.Header{"Retry-After": {"1"}})
	status := func(code int) httpmock.Responder { return httpmock.NewStringResponder(code, `{"message":"x"}`) }

	type call struct {
		name       string
		method     string
		movesMoney bool
	}
	calls := []call{{"GET", "GET", false}, {"PUT", "PUT", false}, {"DELETE", "DELETE", false}, {"POST", "POST", false}, {"money GET", "GET", true}}
	faults := []struct {
		name      string
		responder httpmock.Responder
		// attempts and outcome for a repeatable request, then for one that is not
		repAttempts  int
		rep          outcome
		onceAttempts int
		once         outcome
	}{
		{"dial failure", dial, 3, netErr, 3, netErr},
		{"reset after sending", reset, 3, netErr, 1, netUnknown},
		{"per-attempt timeout", slow, 3, netErr, 1, netUnknown},
		{"429 with Retry-After", rateLimited, 3, typed, 3, typed},
		{"500", status(500), 3, typed, 1, typedUnknown},
		{"502", status(502), 3, typed, 1, typedUnknown},
		{"503", status(503), 3, typed, 1, typedUnknown},
		{"504", status(504), 3, typed, 1, typedUnknown},
		{"400", status(400), 1, typed, 1, typed},
	}
	for _, c := range calls {
		for _, f := range faults {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				client, mt := setup(t, Config{}, WithTimeout(20*time.Millisecond))
				mt.RegisterResponder(c.method, testBase+"/v1/things", f.responder)
				req := &Request{Method: c.method, Path: "/v1/things", MovesMoney: c.movesMoney}
				if c.method == "POST" || c.method == "PUT" {
					req.Body = map[string]int{"amount": 100}
				}
				_, err := client.Do(context.Background(), req, nil)

				attempts, want := f.repAttempts, f.rep
				if c.method == "POST" || c.movesMoney {
					attempts, want = f.onceAttempts, f.once
				}
				assert.Equal(t, attempts, mt.GetTotalCallCount(), "attempts")
				assertOutcome(t, want, err)
			})
		}
	}
}

func assertOutcome(t *testing.T, want outcome, err error) {
	t.Helper()
	var he *HTTPError
	var re *RequestError
	switch want {
	case ok:
		assert.NoError(t, err)
	case typed:
		require.ErrorAs(t, err, &he)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	case typedUnknown:
		require.ErrorAs(t, err, &he)
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
	case netErr:
		require.ErrorAs(t, err, &re)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	case netUnknown:
		require.ErrorAs(t, err, &re)
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
	}
}

func TestRetryThenSuccess(t *testing.T) {
	t.Parallel()
	dial := httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})
	created := httpmock.NewStringResponder(201, `{"id":"chr_1"}`)
	tests := []struct {
		name       string
		method     string
		movesMoney bool
		first      httpmock.Responder
		calls      int
	}{
		{"GET after 503", "GET", false, httpmock.NewStringResponder(503, ``), 2},
		{"GET after reset", "GET", false, httpmock.NewErrorResponder(syscall.ECONNRESET), 2},
		{"charge after dial failure", "POST", true, dial, 2},
		{"charge after 429", "POST", true, httpmock.NewStringResponder(429, ``), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mt := setup(t, Config{})
			// The body must be sent again, whole, on the retry.
			matcher := httpmock.BodyContainsString(`"amount":100`).WithName("body")
			mt.RegisterMatcherResponder(tt.method, testBase+"/v1/charges", matcher, tt.first.Then(created))
			var out struct{ ID string }
			_, err := client.Do(context.Background(), &Request{Method: tt.method, Path: "/v1/charges", Body: map[string]int{"amount": 100}, MovesMoney: tt.movesMoney}, &out)
			require.NoError(t, err)
			assert.Equal(t, "chr_1", out.ID)
			assert.Equal(t, tt.calls, mt.GetTotalCallCount())
		})
	}
}

func TestChargeNeverRepeatedAfterGatewayError(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("POST", testBase+"/v1/charges",
		httpmock.NewStringResponder(503, `<html>Service Unavailable</html>`).Then(httpmock.NewStringResponder(201, `{"id":"chr_2"}`)))
	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: map[string]int{"amount": 1}, MovesMoney: true}, nil)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var he *HTTPError
	require.ErrorAs(t, err, &he, "the last response stays decodable")
	assert.Equal(t, 503, he.StatusCode)
	assert.Contains(t, string(he.Body), "Service Unavailable")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDefiniteDeclineWith500IsNotUnknown(t *testing.T) {
	t.Parallel()
	declined := errors.New("declined")
	client, mt := setup(t, Config{DecodeError: func(r *Response) (error, bool) { return declined, true }})
	mt.RegisterResponder("POST", testBase+"/v1/charges", httpmock.NewStringResponder(500, `{"success":false}`))
	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", MovesMoney: true}, nil)
	require.ErrorIs(t, err, declined)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestRetryAfterIsCapped(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{}, WithRetryWait(time.Millisecond, 50*time.Millisecond))
	mt.RegisterResponder("GET", testBase+"/v1/x",
		httpmock.NewStringResponder(429, `{}`).HeaderSet(http.Header{"Retry-After": {"3600"}}))
	start := time.Now()
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	elapsed := time.Since(start)
	var he *HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 429, he.StatusCode)
	assert.Equal(t, 3, mt.GetTotalCallCount())
	// Two uncapped waits would be two hours; the bound is loose because a
	// loaded machine stretches even 50 ms sleeps.
	assert.Less(t, elapsed, 2*time.Second)
	assert.GreaterOrEqual(t, elapsed, 100*time.Millisecond, "two waits of the 50ms cap")
}

func TestContextCancelledDuringBackoff(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{}, WithRetryWait(10*time.Second, 10*time.Second))
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewStringResponder(503, `{}`))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	start := time.Now()
	_, err := client.Do(ctx, &Request{Method: "GET", Path: "/v1/x"}, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestContextEndsDuringMoneyRequest(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("POST", testBase+"/v1/charges", httpmock.NewStringResponder(201, `{}`).Delay(5*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := client.Do(ctx, &Request{Method: "POST", Path: "/v1/charges", MovesMoney: true}, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestPerAttemptTimeoutIsShorterOfClientAndOption(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewStringResponder(200, `{}`).Delay(time.Second))
	s, err := NewSettings(WithHTTPClient(&http.Client{Transport: mt, Timeout: 20 * time.Millisecond}),
		WithTimeout(time.Minute), WithMaxRetries(0))
	require.NoError(t, err)
	c, err := New(Config{Provider: "t", BaseURL: testBase}, s)
	require.NoError(t, err)
	start := time.Now()
	_, err = c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	var re *RequestError
	require.ErrorAs(t, err, &re)
	assert.True(t, re.Timeout())
	assert.NotErrorIs(t, err, context.DeadlineExceeded, "the caller's context did not end")
	assert.Less(t, time.Since(start), 500*time.Millisecond)
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	d, ok := retryAfter(now.Add(90*time.Second).Format(http.TimeFormat), now)
	assert.True(t, ok)
	assert.Equal(t, 90*time.Second, d)
	d, ok = retryAfter("7", now)
	assert.True(t, ok)
	assert.Equal(t, 7*time.Second, d)
	_, ok = retryAfter("soon", now)
	assert.False(t, ok)
	_, ok = retryAfter("-3", now)
	assert.False(t, ok)

	for attempt := 0; attempt < 10; attempt++ {
		w := backoff(100*time.Millisecond, time.Second, attempt, nil)
		exp := 100 * time.Millisecond << attempt
		if exp > time.Second {
			exp = time.Second
		}
		assert.GreaterOrEqual(t, w, exp/2, "attempt %d", attempt)
		assert.LessOrEqual(t, w, exp, "attempt %d", attempt)
	}
	resp := &http.Response{Header: http.Header{"Retry-After": {"3600"}}}
	assert.Equal(t, time.Second, backoff(10*time.Millisecond, time.Second, 0, resp))
	resp.Header.Set("Retry-After", "0")
	assert.Equal(t, 10*time.Millisecond, backoff(10*time.Millisecond, time.Second, 0, resp))
}

func TestPermanentTLSErrorNotRetried(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewErrorResponder(&tlsCertError))
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	require.Error(t, err)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDefinite500IsNotRetriedOnReads(t *testing.T) {
	t.Parallel()
	definite := errors.New("no such operation")
	client, mt := setup(t, Config{DecodeError: func(r *Response) (error, bool) {
		if strings.Contains(string(r.Body), "NotFound") {
			return definite, true
		}
		return &HTTPError{StatusCode: r.StatusCode}, false
	}})
	mt.RegisterResponder("GET", testBase+"/v1/operations/1", httpmock.NewStringResponder(500, `{"success":false,"error":{"code":"NotFound"}}`))
	mt.RegisterResponder("GET", testBase+"/v1/operations/2", httpmock.NewStringResponder(500, `{"success":false,"error":{"code":"InternalError"}}`))
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/operations/1"}, nil)
	assert.ErrorIs(t, err, definite)
	_, err = client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/operations/2"}, nil)
	var he *HTTPError
	assert.ErrorAs(t, err, &he)
	info := mt.GetCallCountInfo()
	assert.Equal(t, 1, info["GET "+testBase+"/v1/operations/1"], "a definite error is final")
	assert.Equal(t, 3, info["GET "+testBase+"/v1/operations/2"], "an unknown 500 is retried")
}

// A 2xx carrying an error envelope the provider does not call definite
// leaves a charge's outcome open; a definite one is a plain error.
func TestErrorEnvelopeWithSuccessStatus(t *testing.T) {
	t.Parallel()
	internal, declined := errors.New("api_error"), errors.New("card declined")
	client, mt := setup(t, Config{CheckSuccess: true, DecodeError: func(r *Response) (error, bool) {
		switch {
		case strings.Contains(string(r.Body), "api_error"):
			return internal, false
		case strings.Contains(string(r.Body), "card_error"):
			return declined, true
		}
		return nil, true
	}})
	mt.RegisterResponder("POST", testBase+"/v1/charges", httpmock.NewStringResponder(200, `{"object":"error","type":"api_error"}`))
	mt.RegisterResponder("POST", testBase+"/v1/refunds", httpmock.NewStringResponder(200, `{"object":"error","type":"card_error"}`))
	mt.RegisterResponder("GET", testBase+"/v1/charges/1", httpmock.NewStringResponder(200, `{"object":"error","type":"api_error"}`))

	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: 1, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, internal)
	_, err = client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/refunds", Body: 1, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, declined)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	_, err = client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/charges/1"}, nil)
	assert.ErrorIs(t, err, internal)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a lookup moves no money")
}

func TestMalformedFor(t *testing.T) {
	t.Parallel()
	resp := &Response{StatusCode: 201, Body: []byte(`{}`)}
	cause := errors.New("no id")
	for _, tt := range []struct {
		req         *Request
		wantUnknown bool
	}{
		{&Request{Method: "GET"}, false},
		{&Request{Method: "DELETE"}, false},
		{&Request{Method: "PATCH", Idempotent: true}, false},
		{&Request{Method: "POST"}, true},
		{&Request{Method: "PATCH"}, true},
		{&Request{Method: "GET", MovesMoney: true}, true},
		{&Request{Method: "POST", Idempotent: true, MovesMoney: true}, true},
	} {
		err := resp.MalformedFor(tt.req, cause)
		assert.ErrorIs(t, err, ErrMalformedResponse)
		assert.ErrorIs(t, err, cause)
		assert.Equal(t, tt.wantUnknown, errors.Is(err, ErrOutcomeUnknown), "%+v", tt.req)
	}
}
