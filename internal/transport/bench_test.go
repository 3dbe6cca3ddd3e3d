package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/latampay/latampay-go/internal/benchcpu"
)

type benchCharge struct {
	Amount       int64  `json:"amount"`
	CurrencyCode string `json:"currency_code"`
	Email        string `json:"email"`
	SourceID     string `json:"source_id"`
}

type benchResult struct {
	ID           string `json:"id"`
	Amount       int64  `json:"amount"`
	CurrencyCode string `json:"currency_code"`
	Email        string `json:"email"`
}

const benchResponse = `{"object":"charge","id":"chr_test_abcdefghijklmnop","amount":10000,"currency_code":"PEN","email":"ana@example.pe"}`

var benchHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_, _ = io.WriteString(w, benchResponse)
})

func benchServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(benchHandler)
	b.Cleanup(srv.Close)
	return srv
}

var benchParams = &benchCharge{Amount: 10000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_123"}

// sdkPost returns one JSON POST round trip through the transport.
func sdkPost(tb testing.TB, srv *httptest.Server) func() {
	s, _ := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
	c, err := New(Config{Provider: "bench", Auth: BearerAuth("sk_test_x")}, s)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	return func() {
		var out benchResult
		if _, err := c.Do(ctx, &Request{Method: "POST", Path: "/v2/charges", Body: benchParams, MovesMoney: true}, &out); err != nil {
			tb.Fatal(err)
		}
	}
}

// rawPost returns the same round trip with plain net/http + encoding/json,
// and no timeout at all.
func rawPost(tb testing.TB, srv *httptest.Server) func() {
	return rawPostWith(tb, srv, srv.Client())
}

// rawTimeoutPost is rawPost with the timeout a careful caller sets
// (http.Client.Timeout), the guarantee the SDK always gives per attempt.
func rawTimeoutPost(tb testing.TB, srv *httptest.Server) func() {
	hc := *srv.Client() // a copy: srv.Client() is shared
	hc.Timeout = 30 * time.Second
	return rawPostWith(tb, srv, &hc)
}

func rawPostWith(tb testing.TB, srv *httptest.Server, hc *http.Client) func() {
	ctx := context.Background()
	return func() {
		body, err := json.Marshal(benchParams)
		if err != nil {
			tb.Fatal(err)
		}
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/v2/charges", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer sk_test_x")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", "latampay-go/bench")
		resp, err := hc.Do(req)
		if err != nil {
			tb.Fatal(err)
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusCreated {
			tb.Fatal(err, resp.StatusCode)
		}
		var out benchResult
		if err := json.Unmarshal(data, &out); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkJSONPost compares one JSON POST round trip through the transport
// with plain net/http + encoding/json doing the same request. Both count the
// in-process test server's allocations too.
func BenchmarkJSONPost(b *testing.B) {
	for _, bc := range []struct {
		name string
		make func(testing.TB, *httptest.Server) func()
	}{{"sdk", sdkPost}, {"raw", rawPost}, {"raw+timeout", rawTimeoutPost}} {
		b.Run(bc.name, func(b *testing.B) {
			srv := benchServer(b)
			call := bc.make(b, srv)
			b.ReportAllocs()
			b.ResetTimer()
			defer benchcpu.PerOp(b)()
			for i := 0; i < b.N; i++ {
				call()
			}
		})
	}
}

// TestAllocationOverhead holds the transport to at most 10% more
// allocations than raw net/http for the same POST. It does not call
// t.Parallel: allocation counts are process-wide, and top-level sequential
// tests never overlap the parallel ones.
func TestAllocationOverhead(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation measurement skipped in -short mode")
	}
	measure := func(make func(testing.TB, *httptest.Server) func()) float64 {
		srv := httptest.NewServer(benchHandler)
		defer srv.Close()
		call := make(t, srv)
		call() // warm the connection pool
		return testing.AllocsPerRun(300, call)
	}
	raw := measure(rawPost)
	sdk := measure(sdkPost)
	t.Logf("allocs/op: sdk %.0f, raw %.0f (%.1f%% over raw)", sdk, raw, 100*(sdk/raw-1))
	if sdk > raw*1.10 {
		t.Errorf("transport allocates %.0f per POST, more than 10%% over raw net/http's %.0f", sdk, raw)
	}
}
