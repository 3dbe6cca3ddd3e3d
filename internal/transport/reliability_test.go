package transport

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func realClient(t *testing.T, srv *httptest.Server, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryWait(time.Millisecond, 2*time.Millisecond)}
	s, err := NewSettings(append(base, opts...)...)
	require.NoError(t, err)
	c, err := New(Config{Provider: "test"}, s)
	require.NoError(t, err)
	return c
}

func TestConnectionReuse(t *testing.T) {
	t.Parallel()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/missing":
			w.WriteHeader(404)
			_, _ = io.WriteString(w, strings.Repeat(`{"error":"not found"}`, 500)) // a body larger than retryablehttp drains
		case "/v1/flaky":
			w.WriteHeader(503)
			_, _ = io.WriteString(w, strings.Repeat("x", 10_000))
		default:
			_, _ = io.WriteString(w, `{"ok":true}`)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := realClient(t, srv, WithMaxRetries(1))
	for i := 0; i < 1000; i++ {
		path := "/v1/ok"
		switch i % 10 {
		case 3:
			path = "/v1/missing"
		case 7:
			path = "/v1/flaky"
		}
		_, _ = c.Do(context.Background(), &Request{Method: "GET", Path: path}, nil)
	}
	assert.LessOrEqual(t, conns.Load(), int32(2), "bodies are always read and closed, so connections are reused")
}

func TestTricklingResponseIsCutByAttemptTimeout(t *testing.T) {
	t.Parallel()
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		for i := 0; i < 30; i++ {
			_, _ = io.WriteString(w, " ")
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-stop:
				return
			case <-r.Context().Done():
				return
			}
		}
	}))
	defer srv.Close()
	defer close(stop)
	c := realClient(t, srv, WithTimeout(150*time.Millisecond), WithMaxRetries(0))
	start := time.Now()
	_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/slow"}, &struct{}{})
	var re *RequestError
	require.ErrorAs(t, err, &re)
	assert.True(t, re.Timeout())
	assert.Less(t, time.Since(start), 5*time.Second, "cut at 150 ms, not after the 30 s trickle")
}

// Not parallel: it measures the process's allocations.
func TestHugeBodyIsRefusedWithBoundedMemory(t *testing.T) {
	const size = 50 << 20
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !chunked {
					w.Header().Set("Content-Length", fmt.Sprint(size))
				}
				chunk := []byte(strings.Repeat("a", 64<<10))
				for n := 0; n < size; n += len(chunk) {
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			}))
			defer srv.Close()
			c := realClient(t, srv, WithMaxRetries(0))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/big"}, &struct{}{})
			runtime.ReadMemStats(&after)
			assert.ErrorIs(t, err, ErrResponseTooLarge)
			grown := after.TotalAlloc - before.TotalAlloc
			// The 8 MiB cap, grown by doubling, costs at most about 32 MiB in all
			// (the server's writes included); the whole body would be 50.
			assert.Less(t, grown, uint64(40<<20), "allocated %d MiB for a 50 MiB body", grown>>20)
		})
	}
}
