package fakeapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newTestServer(t *testing.T) (*Server, *atomic.Int32) {
	t.Helper()
	var created atomic.Int32
	s := New(Config{
		Authenticate: func(r *http.Request) bool { return r.Header.Get("Authorization") == "Bearer good" },
		Unauthorized: func(w http.ResponseWriter, r *http.Request) { WriteJSON(w, 401, map[string]string{"error": "auth"}) },
		NotFound:     func(w http.ResponseWriter, r *http.Request) { WriteJSON(w, 404, map[string]string{"error": "nope"}) },
		Public:       []string{"GET /health"},
	})
	t.Cleanup(s.Close)
	s.Handle("POST /v1/things", func(w http.ResponseWriter, r *http.Request) {
		created.Add(1)
		WriteJSON(w, 201, map[string]string{"id": "thg_1", "padding": strings.Repeat("x", 40)})
	})
	s.Handle("GET /health", func(w http.ResponseWriter, r *http.Request) { WriteJSON(w, 200, map[string]bool{"ok": true}) })
	s.Handle("DELETE /v1/things", func(w http.ResponseWriter, r *http.Request) { created.Add(-1) }) // writes nothing
	return s, &created
}

func send(t *testing.T, s *Server, method, path string) (*http.Response, string, error) {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL+path, strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer good")
	hc := s.HTTPClient()
	hc.Timeout = 200 * time.Millisecond
	resp, err := hc.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

func TestRoutingAuthAndNotFound(t *testing.T) {
	t.Parallel()
	s, created := newTestServer(t)
	resp, body, err := send(t, s, "POST", "/v1/things")
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.Contains(t, body, `"id":"thg_1"`)
	assert.Equal(t, int32(1), created.Load())

	resp, _, err = send(t, s, "GET", "/v1/missing")
	require.NoError(t, err)
	assert.Equal(t, 404, resp.StatusCode)

	req, _ := http.NewRequest("POST", s.URL+"/v1/things", nil)
	r2, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	r2.Body.Close()
	assert.Equal(t, 401, r2.StatusCode)
	r3, err := s.HTTPClient().Get(s.URL + "/health")
	require.NoError(t, err)
	r3.Body.Close()
	assert.Equal(t, 200, r3.StatusCode, "public routes skip authentication")
	assert.Equal(t, 1, s.Handled("POST /v1/things"))
	assert.Equal(t, 4, s.Stats().Requests)

	// A handler that writes nothing answers 200, with or without a fault
	// that lets it run first.
	resp, _, err = send(t, s, "DELETE", "/v1/things")
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	s.InjectFault(Fault{Match: "DELETE /v1/things", After: true, Times: 1})
	resp, _, err = send(t, s, "DELETE", "/v1/things")
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
}

func TestFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		fault       Fault
		wantErr     bool
		wantStatus  int
		wantBody    string
		wantCreated int32
	}{
		{"status with Retry-After", Fault{Status: 429, RetryAfter: "2"}, false, 429, "{}", 0},
		{"HTML body", Fault{Status: 502, Body: "<html>bad gateway</html>", ContentType: "text/html"}, false, 502, "<html>bad gateway</html>", 0},
		{"drop before", Fault{Drop: true}, true, 0, "", 0},
		{"drop after the work is done", Fault{Drop: true, After: true}, true, 0, "", 1},
		{"status after the work is done", Fault{Status: 504, After: true}, false, 504, "{}", 1},
		{"truncated", Fault{Truncate: true}, false, 201, `{"id":"thg_1","padd`, 1},
		{"slow past the client timeout", Fault{Delay: time.Second}, true, 0, "", 0},
		{"after, passthrough", Fault{After: true}, false, 201, `{"id":"thg_1"`, 1},
		{"other route not matched", Fault{Match: "GET /v1/", Status: 500}, false, 201, `{"id":"thg_1"`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, created := newTestServer(t)
			s.InjectFault(tt.fault)
			resp, body, err := send(t, s, "POST", "/v1/things")
			if tt.wantErr {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tt.wantStatus, resp.StatusCode)
				assert.True(t, strings.HasPrefix(body, tt.wantBody), body)
				if tt.fault.RetryAfter != "" {
					assert.Equal(t, tt.fault.RetryAfter, resp.Header.Get("Retry-After"))
				}
			}
			assert.Equal(t, tt.wantCreated, created.Load())
		})
	}
}

func TestFaultTimesAndOrder(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	s.InjectFault(Fault{Status: 503, Times: 2})
	s.InjectFault(Fault{Status: 500})
	assert.Equal(t, 3, s.PendingFaults())
	var got []int
	for i := 0; i < 4; i++ {
		resp, _, err := send(t, s, "POST", "/v1/things")
		require.NoError(t, err)
		got = append(got, resp.StatusCode)
	}
	assert.Equal(t, []int{503, 503, 500, 201}, got)
	assert.Equal(t, 3, s.Stats().Faults)
	s.InjectFault(Fault{Status: 500})
	s.ClearFaults()
	assert.Zero(t, s.PendingFaults())
}

func TestStoreAndPaging(t *testing.T) {
	t.Parallel()
	type obj struct{ ID string }
	st := NewStore[obj]()
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		st.Put(id, &obj{ID: id})
	}
	st.Put("c", &obj{ID: "c"}) // replacing keeps the position
	assert.Equal(t, 5, st.Len())
	assert.True(t, st.Delete("b"))
	assert.False(t, st.Delete("b"))
	ok, err := st.Update("d", func(o *obj) error { o.ID = "d2"; return nil })
	assert.True(t, ok)
	assert.NoError(t, err)
	ok, _ = st.Update("zz", func(*obj) error { return nil })
	assert.False(t, ok)

	all := st.List(nil)
	ids := func(os []*obj) (out []string) {
		for _, o := range os {
			out = append(out, o.ID)
		}
		return out
	}
	assert.Equal(t, []string{"a", "c", "d2", "e"}, ids(all))
	assert.Equal(t, []string{"a"}, ids(st.List(func(o *obj) bool { return o.ID == "a" })))
}

func TestNewID(t *testing.T) {
	t.Parallel()
	id := NewID("chr_test_", 16)
	assert.Regexp(t, `^chr_test_[A-Za-z0-9]{16}$`, id)
	assert.NotEqual(t, id, NewID("chr_test_", 16))
}

func TestReadJSONStrict(t *testing.T) {
	t.Parallel()
	var v struct{ A int }
	req, _ := http.NewRequestWithContext(context.Background(), "POST", "/", strings.NewReader(`{"A":1,"b":2}`))
	err := ReadJSON(req, &v, true)
	field, ok := UnknownField(err)
	assert.True(t, ok)
	assert.Equal(t, "b", field)
	req, _ = http.NewRequest("POST", "/", strings.NewReader(`{"A":1,"b":2}`))
	assert.NoError(t, ReadJSON(req, &v, false))
	assert.Equal(t, 1, v.A)
	req, _ = http.NewRequest("POST", "/", strings.NewReader(`{"A":1}{}`))
	assert.Error(t, ReadJSON(req, &v, false))
}

func TestClock(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	fixed := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return fixed })
	assert.Equal(t, fixed, s.Now())
}

func TestStoreSnapshotAndRemove(t *testing.T) {
	t.Parallel()
	type obj struct{ N int }
	st := NewStore[obj]()
	st.Put("a", &obj{N: 1})
	snap, ok := st.Snapshot("a")
	require.True(t, ok)
	_, _ = st.Update("a", func(o *obj) error { o.N = 2; return nil })
	assert.Equal(t, 1, snap.N, "a snapshot is a copy")
	got, ok := st.Remove("a")
	assert.True(t, ok)
	assert.Equal(t, 2, got.N)
	_, ok = st.Remove("a")
	assert.False(t, ok)
	_, ok = st.Snapshot("a")
	assert.False(t, ok)
	assert.Zero(t, st.Len())
}

func TestCloseCutsOffDelayedRequests(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	s.InjectFault(Fault{Delay: 10 * time.Second})
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest("POST", s.URL+"/v1/things", strings.NewReader(`{}`))
		req.Header.Set("Authorization", "Bearer good")
		resp, err := s.HTTPClient().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	for s.PendingFaults() > 0 { // the request is in, waiting out the delay
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	s.Close()
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Error(t, <-errc, "a closed fake answers nothing")
}

func TestIDs(t *testing.T) {
	t.Parallel()
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, NewUUID())
	assert.Regexp(t, `^[0-9a-f]{24}$`, NewHex(12))
	for range 100 {
		assert.Regexp(t, `^[1-9][0-9]{15}$`, NewDigits(16))
	}
	assert.NotEqual(t, NewUUID(), NewUUID())
}

func TestPostWebhook(t *testing.T) {
	t.Parallel()
	var got http.Header
	var body string
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, body = r.Header.Clone(), string(b)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer recv.Close()
	status, err := PostWebhook(context.Background(), recv.URL, []byte(`{"id":"evt_1"}`), http.Header{"Digest": {"sha256=x"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, status)
	assert.Equal(t, `{"id":"evt_1"}`, body)
	assert.Equal(t, "sha256=x", got.Get("Digest"))
	assert.Equal(t, "application/json", got.Get("Content-Type"))

	// A receiver that never answers is given up on.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	// (The server only notices a client that hung up once the body is
	// read, so the handler is also released when the test ends.)
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer hang.Close()
	defer close(release)
	_, err = PostWebhook(ctx, hang.URL, []byte(`{}`), nil)
	assert.Error(t, err)
}
