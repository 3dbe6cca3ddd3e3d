package transport

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// connCounter counts the connections a test server accepted and how many
// are open now.
type connCounter struct{ accepted, open atomic.Int64 }

func (c *connCounter) track(_ net.Conn, state http.ConnState) {
	switch state {
	case http.StateNew:
		c.accepted.Add(1)
		c.open.Add(1)
	case http.StateClosed, http.StateHijacked:
		c.open.Add(-1)
	}
}

// 1,000 clients built without WithHTTPClient, each used once and closed,
// share the SDK's one pool: the server sees a handful of connections, not
// 1,000.
func TestClientsShareOneConnectionPool(t *testing.T) {
	t.Parallel()
	var conns connCounter
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"id":"x"}`)
	}))
	srv.Config.ConnState = conns.track
	srv.Start()
	t.Cleanup(srv.Close)
	for i := 0; i < 1000; i++ {
		s, err := NewSettings(WithBaseURL(srv.URL))
		require.NoError(t, err)
		c, err := New(Config{Provider: "test"}, s)
		require.NoError(t, err)
		var out struct{ ID string }
		_, err = c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, &out)
		require.NoError(t, err)
		require.NoError(t, c.Close())
	}
	assert.LessOrEqual(t, conns.open.Load(), int64(10), "connections left open")
	assert.LessOrEqual(t, conns.accepted.Load(), int64(10), "connections made")
}

// The default pool keeps as many idle connections per host as the
// concurrency it promises: 256 goroutines calling over TLS handshake about
// once each, instead of redialling whatever does not fit a small pool.
func TestConcurrentCallersReuseTLSConnections(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("256 goroutines over TLS: not in -short mode")
	}
	const goroutines, calls = 256, 12
	var handshakes atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"id":"x"}`)
	}))
	srv.TLS = &tls.Config{GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
		handshakes.Add(1)
		return nil, nil
	}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	// The SDK's default transport, trusting the test server's certificate.
	tr := newDefaultTransport()
	tr.TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	t.Cleanup(tr.CloseIdleConnections)
	s, err := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	c, err := New(Config{Provider: "test"}, s)
	require.NoError(t, err)

	call := func() error {
		var out struct{ ID string }
		_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, &out)
		return err
	}
	// Each goroutine's first call may dial (a burst of 256 dials can make
	// a few more connections than callers); every later call must find an
	// idle connection, which a pool smaller than the concurrency loses.
	var wg, first sync.WaitGroup
	first.Add(goroutines)
	afterFirst := make(chan struct{})
	errs := make(chan error, 2*goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := call()
			first.Done()
			if err != nil {
				errs <- err
				return
			}
			<-afterFirst
			for i := 1; i < calls; i++ {
				if err := call(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	first.Wait()
	warm := handshakes.Load()
	close(afterFirst)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	later := int64(goroutines * (calls - 1))
	extra := handshakes.Load() - warm
	t.Logf("%d goroutines: %d handshakes for their first calls, %d for the %d calls after", goroutines, warm, extra, later)
	assert.LessOrEqual(t, extra, later/100, "handshakes beyond each goroutine's first call: at most 1%% of calls")
}

// Close ends the client, not the connections of a caller's transport.
func TestCloseLeavesTheCallersTransport(t *testing.T) {
	t.Parallel()
	var conns connCounter
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{}`)
	}))
	srv.Config.ConnState = conns.track
	srv.Start()
	t.Cleanup(srv.Close)
	hc := srv.Client()
	a, b := realClient(t, srv), realClient(t, srv)
	_ = hc
	_, err := a.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	require.NoError(t, err)
	require.NoError(t, a.Close())
	require.NoError(t, a.Close(), "closing twice is harmless")
	_, err = a.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	require.ErrorIs(t, err, ErrClientClosed)
	assert.Contains(t, err.Error(), "test: ", "the provider's prefix")

	_, err = b.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), conns.accepted.Load(), "the other client reuses the same connection")
}

// A nil or zero-value Client answers every call with an error, never a
// panic.
func TestZeroClient(t *testing.T) {
	t.Parallel()
	for _, c := range []*Client{nil, {}} {
		_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
		require.True(t, errors.Is(err, ErrNoClient))
		require.NoError(t, c.Close())
	}
}
