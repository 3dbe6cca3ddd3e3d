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
	"time"

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
// once each, instead of redialling whatever does not fit a small pool. It
// does not run in parallel with the package's other tests (it measures),
// and it compares with a raw client on the same transport settings, run
// the same way, so that a loaded machine's own churn is not counted
// against the SDK.
func TestConcurrentCallersReuseTLSConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("256 goroutines over TLS: not in -short mode")
	}
	const goroutines, calls = 256, 12
	later := int64(goroutines * calls)
	sdkWarm, sdkExtra := burstHandshakes(t, goroutines, calls, newDefaultTransport(), func(base string, tr *http.Transport) func() error {
		s, err := NewSettings(WithBaseURL(base), WithHTTPClient(&http.Client{Transport: tr}))
		require.NoError(t, err)
		c, err := New(Config{Provider: "test"}, s)
		require.NoError(t, err)
		return func() error {
			var out struct{ ID string }
			_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, &out)
			return err
		}
	})
	// The raw side: net/http with a transport tuned by hand for this load.
	tuned := &http.Transport{ForceAttemptHTTP2: true, MaxIdleConns: 1024, MaxIdleConnsPerHost: 256, IdleConnTimeout: 90 * time.Second}
	rawWarm, rawExtra := burstHandshakes(t, goroutines, calls, tuned, func(base string, tr *http.Transport) func() error {
		hc := &http.Client{Transport: tr}
		return func() error {
			resp, err := hc.Get(base + "/v1/x")
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			_, err = io.ReadAll(resp.Body)
			return err
		}
	})
	t.Logf("%d goroutines × %d calls, twice: sdk %d handshakes in the first round, %d in the second; raw %d, %d", goroutines, calls, sdkWarm, sdkExtra, rawWarm, rawExtra)
	assert.LessOrEqual(t, sdkExtra, rawExtra+later/100, "handshakes once the pool is warm: at most 1%% of calls more than raw")
}

// burstHandshakes runs goroutines callers of a fresh TLS test server
// through the SDK's default transport settings, calls each, twice: the
// first round fills the pool up to the concurrency reached, the second
// should find its connections there. It returns the handshakes of each
// round.
func burstHandshakes(t *testing.T, goroutines, calls int, tr *http.Transport, client func(base string, tr *http.Transport) func() error) (warm, extra int64) {
	t.Helper()
	var handshakes atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"id":"x"}`)
	}))
	srv.TLS = &tls.Config{GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
		handshakes.Add(1)
		return nil, nil
	}}
	srv.StartTLS()
	defer srv.Close()
	tr.TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	defer tr.CloseIdleConnections()
	call := client(srv.URL, tr)

	round := func() {
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make(chan error, goroutines)
		for g := 0; g < goroutines; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := 0; i < calls; i++ {
					if err := call(); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
	}
	round()
	warm = handshakes.Load()
	round()
	return warm, handshakes.Load() - warm
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
