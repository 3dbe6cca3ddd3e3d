package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An HTML 200 to a charge is not retried like one to a read: it may be
// the answer to a charge that went through.
func TestHTMLAnswerToAChargeIsNotRepeated(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("POST", testBase+"/v1/charges", httpmock.NewStringResponder(200, `<html>maintenance</html>`))
	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: map[string]int{"a": 1}, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// A redirect answering a money-moving GET is returned, never followed.
func TestRedirectToAMoneyMovingGet(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	c := realClient(t, srv, WithMaxRetries(0))
	resp, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/reverse", MovesMoney: true}, nil)
	require.Error(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, 307, resp.StatusCode)
}

// An answer over the size cap is an unknown outcome on a charge and is not
// retried on a read: no retry makes it smaller.
func TestOversizedAnswers(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.WriteString(w, `{"x":"`+strings.Repeat("a", 100)+`"}`)
	}))
	defer srv.Close()
	s, _ := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryWait(0, 0))
	c, err := New(Config{Provider: "t", MaxBodyBytes: 16}, s)
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: 1, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, ErrResponseTooLarge)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	var re *RequestError
	assert.False(t, errors.As(err, &re), "the provider answered: not a transport failure")
	hits.Store(0)
	_, err = c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	assert.ErrorIs(t, err, ErrResponseTooLarge)
	assert.Equal(t, int32(1), hits.Load(), "not retried")
}

// A body exactly at the cap is accepted, with or without Content-Length.
func TestBodyExactlyAtTheCap(t *testing.T) {
	t.Parallel()
	for _, chunked := range []bool{false, true} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if chunked {
				w.(http.Flusher).Flush()
			}
			_, _ = io.WriteString(w, `{"a":1}`)
		}))
		s, _ := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
		c, _ := New(Config{Provider: "t", MaxBodyBytes: 7}, s)
		_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
		assert.NoError(t, err, "chunked=%v", chunked)
		srv.Close()
	}
}

// A call whose context is already done sends nothing.
func TestDoneContextSendsNothing(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("POST", testBase+"/v1/charges", httpmock.NewStringResponder(200, `{}`))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := client.Do(ctx, &Request{Method: "POST", Path: "/v1/charges", Body: 1, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// A transport error never carries the URL's query string.
func TestTransportErrorHidesTheQuery(t *testing.T) {
	t.Parallel()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	s, _ := NewSettings(WithBaseURL("http://"+addr), WithMaxRetries(0))
	c, _ := New(Config{Provider: "t"}, s)
	_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x", Query: urlValues(map[string][]string{"email": {"secret@x"}})}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "secret")
	var re *RequestError
	require.ErrorAs(t, err, &re)
	assert.False(t, re.Timeout())
}

// Malformed-response errors mask card numbers in the body they keep and
// in their cause.
func TestMalformedResponseMasksCardNumbers(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewStringResponder(200, `{"pan":"4111111111111111"`+strings.Repeat(" ", 600)))
	var out map[string]any
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, &out)
	var me *MalformedResponseError
	require.ErrorAs(t, err, &me)
	assert.NotContains(t, string(me.Body), "4111111111111111")
	assert.LessOrEqual(t, len(me.Body), 512)
	e := (&Response{Header: http.Header{}}).Malformed(errors.New("bad 4111111111111111"))
	assert.NotContains(t, e.Error(), "4111111111111111")
}

// SessionAuth: one caller giving up does not fail the login others wait
// for; a done context logs nothing in; an empty token is an error.
func TestSessionAuthEdges(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	sa := NewSessionAuth(func(ctx context.Context) (string, error) { logins.Add(1); return "tok", nil }, time.Hour, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := sa.Token(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	time.Sleep(20 * time.Millisecond)
	assert.Zero(t, logins.Load(), "U09")

	empty := NewSessionAuth(func(ctx context.Context) (string, error) { return "", nil }, time.Hour, 0)
	_, err = empty.Token(context.Background())
	assert.Error(t, err, "U10")

	release := make(chan struct{})
	shared := NewSessionAuth(func(ctx context.Context) (string, error) {
		select {
		case <-release:
			return "tok", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}, time.Hour, 0)
	actx, acancel := context.WithCancel(context.Background())
	adone := make(chan struct{})
	go func() { _, _ = shared.Token(actx); close(adone) }()
	time.Sleep(20 * time.Millisecond)
	bres := make(chan error, 1)
	go func() { _, err := shared.Token(context.Background()); bres <- err }()
	time.Sleep(20 * time.Millisecond)
	acancel()
	<-adone
	time.Sleep(20 * time.Millisecond)
	close(release)
	assert.NoError(t, <-bres, "U08")
}

// A 408 the provider does not call definite is an unknown outcome.
func TestRequestTimeoutOnAChargeIsUnknown(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{DecodeError: func(r *Response) (error, bool) {
		if r.StatusCode < 300 {
			return nil, true
		}
		return errors.New("provider error"), false
	}})
	mt.RegisterResponder("POST", testBase+"/v1/charges", httpmock.NewStringResponder(408, `{}`))
	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: 1, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
}

// Through a RoundTripper that is not net/http's, a money-moving body is
// never handed out again.
func TestUntracedTransportGetsNoReplayBody(t *testing.T) {
	t.Parallel()
	var getBodyErr error
	rt := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if r.GetBody != nil {
			_, getBodyErr = r.GetBody()
		}
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{}`)), Header: http.Header{}}, nil
	})
	s, _ := NewSettings(WithHTTPClient(&http.Client{Transport: rt}))
	c, _ := New(Config{Provider: "t", BaseURL: testBase}, s)
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: 1, MovesMoney: true}, nil)
	require.NoError(t, err)
	assert.Error(t, getBodyErr, "a wrapper RoundTripper may not rewind a charge")
}

// "A connection carried the request" is per attempt: a 429 over a real
// connection, then a second attempt that never connects, is not an
// unknown outcome.
func TestSentIsDecidedPerAttempt(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		w.WriteHeader(429)
	}))
	defer srv.Close()
	var dials atomic.Int32
	tr := &http.Transport{DialContext: func(ctx context.Context, n, a string) (net.Conn, error) {
		if dials.Add(1) > 1 {
			return nil, errors.New("proxy refused")
		}
		return (&net.Dialer{}).DialContext(ctx, n, a)
	}}
	s, _ := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(&http.Client{Transport: tr}), WithRetryWait(0, 0), WithMaxRetries(1))
	c, _ := New(Config{Provider: "t"}, s)
	_, err := c.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: 1, MovesMoney: true}, nil)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

// A card number that straddles the cut of a kept body is masked too.
func TestSafeBodyMasksAcrossTheCut(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("x", ErrorBodyLimit-16) + sentinelPAN + "0000"
	got := (&Response{Body: []byte(body)}).SafeBody()
	assert.False(t, bytes.Contains(got, []byte(sentinelPAN)))
}

// A 503 to a GET that arrives as the caller gives up is the outcome.
func TestAnswerBeforeCancelOnARead(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(503)
		_, _ = io.WriteString(w, `{}`)
	}))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, _ := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(&http.Client{Transport: cancelAfter{srv.Client().Transport, cancel}}), WithRetryWait(time.Millisecond, time.Millisecond))
	c, _ := New(Config{Provider: "test"}, s)
	resp, err := c.Do(ctx, &Request{Method: "GET", Path: "/v1/x"}, nil)
	var he *HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 503, resp.StatusCode)
}

// Small validations: DEL in a credential, "/" in the app name, a fragment
// in a base URL.
func TestSmallValidations(t *testing.T) {
	t.Parallel()
	assert.Error(t, CheckCredential("k", "abc\x7f"), "V01")
	_, err := NewSettings(WithAppInfo("my/app", "1"))
	assert.Error(t, err, "O02")
	_, err = ParseBaseURL("https://api.example.com#frag")
	assert.Error(t, err, "R03")
}

type capHandler struct{ errs *[]string }

func (h capHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h capHandler) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "error" {
			*h.errs = append(*h.errs, a.Value.String())
		}
		return true
	})
	return nil
}
func (h capHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h capHandler) WithGroup(string) slog.Handler      { return h }

// The caller's own deadline is logged as such, not as an attempt timeout.
func TestCallerDeadlineIsNotAnAttemptTimeout(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	defer srv.Close()
	var errs []string
	c := realClient(t, srv, WithMaxRetries(0), WithTimeout(10*time.Second), WithLogger(slog.New(capHandler{&errs})))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, &Request{Method: "GET", Path: "/v1/x"}, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, []string{"context deadline exceeded"}, errs)
}

// A caller's deadline later than the attempt timeout leaves the attempt
// bounded by its own timeout (only an earlier deadline replaces it).
func TestLaterCallerDeadlineKeepsTheAttemptTimeout(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	var errs []string
	c := realClient(t, srv, WithMaxRetries(0), WithTimeout(100*time.Millisecond), WithLogger(slog.New(capHandler{&errs})))
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Do(ctx, &Request{Method: "GET", Path: "/v1/x"}, nil)
	require.Error(t, err)
	assert.NotErrorIs(t, err, context.DeadlineExceeded, "the caller's deadline has not passed")
	assert.Less(t, time.Since(start), 2*time.Second, "cut at the 100 ms attempt timeout")
	assert.Equal(t, []string{"attempt timeout"}, errs)
}

// Without a provider decoder, a 408 on a charge is an unknown outcome and
// other 4xx answers are refusals.
func TestDefaultDecoderStatuses(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("POST", testBase+"/v1/charges", httpmock.NewStringResponder(408, `timeout`))
	mt.RegisterResponder("POST", testBase+"/v1/refunds", httpmock.NewStringResponder(400, `{"error":"bad"}`))
	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: 1, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	_, err = client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/refunds", Body: 1, MovesMoney: true}, nil)
	var he *HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 400, he.StatusCode)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}
