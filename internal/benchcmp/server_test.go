package benchcmp

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func init() {
	ServeIfChild(func() http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":"chr_1"}`)
		})
	})
}

// These tests start the package's test binary again as the server (the
// same path every benchmark takes), so they are not parallel: they share
// its counters.

func TestServerCapturesAndComparesRequests(t *testing.T) {
	srv := Start(t)
	hc := srv.Client(t)
	ctx := context.Background()
	post := func(body any, header http.Header) func() error {
		return func() error {
			var out struct{ ID string }
			return RawPost(ctx, hc, srv.URL+"/v2/charges?x=1", header, body, http.StatusOK, &out)
		}
	}
	h := http.Header{"Authorization": {"Bearer k"}}
	require.NoError(t, post(map[string]int{"amount": 100}, h)())
	last := srv.Last(t)
	assert.Equal(t, "POST", last.Method)
	assert.Equal(t, "/v2/charges?x=1", last.URI)
	assert.Equal(t, `{"amount":100}`, string(last.Body))
	assert.Equal(t, "Bearer k", last.Header.Get("Authorization"))

	srv.SameRequest(t, post(map[string]int{"amount": 100}, h), post(map[string]int{"amount": 100}, h), nil)

	// A body that differs, by a byte or by field order, fails the check.
	got := captureFatal(func(tb testing.TB) {
		srv.SameRequest(tb, post(map[string]int{"amount": 100}, h), post(map[string]int{"amount": 101}, h), nil)
	})
	assert.Contains(t, got, "bodies differ")
	type ab struct{ A, B int }
	type ba struct{ B, A int }
	got = captureFatal(func(tb testing.TB) { srv.SameRequest(tb, post(ab{1, 2}, h), post(ba{2, 1}, h), nil) })
	assert.Contains(t, got, "bodies differ")
	// So does a header.
	got = captureFatal(func(tb testing.TB) {
		srv.SameRequest(tb, post(1, h), post(1, http.Header{"Authorization": {"Bearer x"}}), nil)
	})
	assert.Contains(t, got, `headers differ: Authorization: sdk ["Bearer k"], raw ["Bearer x"]`)
	// A normalizer sees both bodies.
	srv.SameRequest(t, post(1, h), post(2, h), func(b []byte) ([]byte, error) { return []byte("same"), nil })
}

func TestServerCountsConnectionsAndHandshakes(t *testing.T) {
	srv := Start(t)
	srv.CloseConns(t)
	hc := srv.Client(t)
	ctx := context.Background()
	get := func(hc *http.Client) func() error {
		return func() error {
			var out struct{ ID string }
			return RawGet(ctx, hc, srv.TLSURL+"/x", nil, http.StatusOK, &out)
		}
	}
	hc.Transport.(*http.Transport).MaxIdleConnsPerHost = 8
	b := RunBurst(t, srv, 4, 5, get(hc))
	assert.Equal(t, 20, b.Calls)
	// A pool as large as the callers keeps connections; net/http may still
	// dial when a caller asks for its next connection before its last one
	// is back in the pool, more often on a loaded machine, so this only
	// asks that the counts are counts and that some reuse happened (the
	// client without keep-alive below is the one that must handshake on
	// every call).
	assert.Less(t, b.LaterHandshakes, int64(16), "of 16 calls after the first ones")
	assert.Less(t, b.ExtraHandshakes(), 1.0)
	assert.GreaterOrEqual(t, b.Handshakes, int64(1))
	assert.Less(t, b.Handshakes, int64(20))
	assert.Equal(t, b.Handshakes, b.Conns, "every TLS connection began with a handshake")
	assert.Positive(t, b.Throughput())
	assert.LessOrEqual(t, b.P50, b.P99)

	// A client with no keep-alive handshakes on every call.
	noKeep := srv.Client(t)
	noKeep.Transport.(*http.Transport).DisableKeepAlives = true
	b = RunBurst(t, srv, 2, 5, get(noKeep))
	assert.Equal(t, int64(10), b.Handshakes)
	assert.Equal(t, int64(8), b.LaterHandshakes)
	assert.InDelta(t, 1.0, b.ExtraHandshakes(), 1e-9, "8 of the 8 calls beyond the first two")

	hc.Transport.(*http.Transport).CloseIdleConnections()
	srv.CloseConns(t)
	assert.LessOrEqual(t, srv.OpenAfter(t, 0), int64(0))
}

// captureFatal runs f with a testing.TB whose Fatal is recorded instead of
// ending the test, and returns the message.
func captureFatal(f func(testing.TB)) string {
	rec := &fatalRecorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(rec)
	}()
	<-done
	return rec.msg
}

type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}
func (r *fatalRecorder) Fatal(args ...any) {
	for _, a := range args {
		if s, ok := a.(string); ok {
			r.msg += s
		} else if e, ok := a.(error); ok {
			r.msg += e.Error()
		}
	}
	runtimeGoexit()
}

var runtimeGoexit = runtime.Goexit
