package transport

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A money-moving GET goes out without a body on the wire, yet net/http is
// handed a one-shot body so it never replays the request on a broken
// keep-alive connection; a lookup is left alone.
func TestMoneyMovingGetIsSentNonReplayable(t *testing.T) {
	t.Parallel()
	type seen struct {
		length  int64
		chunked bool
		body    string
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.ContentLength, len(r.TransferEncoding) > 0, string(b)}
		_, _ = io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	c := realClient(t, srv, WithMaxRetries(0))
	_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/operations/apply-reversal/x", MovesMoney: true}, nil)
	require.NoError(t, err)
	assert.Equal(t, seen{0, false, ""}, <-got, "nothing extra reaches the wire")

	var inner []*http.Request
	mc := &Client{maxBody: DefaultMaxBodyBytes, timeout: 1e9, next: roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		inner = append(inner, r)
		return &http.Response{StatusCode: 200, Body: http.NoBody, Header: http.Header{}}, nil
	})}
	for _, repeatable := range []bool{false, true} {
		k := &call{c: mc, method: "GET", path: "/v1/x", repeatable: repeatable}
		req, _ := http.NewRequestWithContext(context.Background(), "GET", srv.URL+"/v1/x", nil)
		req.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
		_, err := k.RoundTrip(req)
		require.NoError(t, err)
		assert.Nil(t, req.Body, "the caller's request is not modified")
	}
	require.Len(t, inner, 2)
	assert.IsType(t, oneShotEmpty{}, inner[0].Body, "money-moving: a body net/http cannot rewind")
	assert.Nil(t, inner[0].GetBody)
	assert.Nil(t, inner[1].Body, "a lookup is left alone")
	assert.NotNil(t, inner[1].GetBody)
}

// The replay itself: a server that reads a request and drops the reused
// connection without answering. net/http would resend a plain GET; the
// money-moving one reaches the server once and reports an unknown outcome.
func TestMoneyMovingGetIsNotReplayedOnBrokenConnection(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/warm" {
			_, _ = io.WriteString(w, `{}`)
			return
		}
		hits.Add(1)
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	}))
	defer srv.Close()
	c := realClient(t, srv, WithMaxRetries(0))
	// Warm a keep-alive connection so the next request reuses it.
	_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/warm"}, nil)
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/reverse", MovesMoney: true}, nil)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, int32(1), hits.Load(), "sent once, never replayed by net/http")
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
