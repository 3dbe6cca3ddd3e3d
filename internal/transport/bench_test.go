package transport

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
	"github.com/stretchr/testify/require"
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

var benchParams = &benchCharge{Amount: 10000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_123"}

// sdkPost returns one JSON POST round trip through the transport.
func sdkPost(tb testing.TB, srv *httptest.Server) func() error {
	s, _ := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
	c, err := New(Config{Provider: "bench", Auth: BearerAuth("sk_test_x")}, s)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	return func() error {
		var out benchResult
		_, err := c.Do(ctx, &Request{Method: "POST", Path: "/v2/charges", Body: benchParams, MovesMoney: true}, &out)
		return err
	}
}

// rawPost returns the same round trip with plain net/http +
// encoding/json, and no timeout at all.
func rawPost(srv *httptest.Server) func() error {
	hc := srv.Client()
	header := http.Header{
		"Authorization": {"Bearer sk_test_x"}, "Content-Type": {"application/json"},
		"Accept": {"application/json"}, "User-Agent": {"latampay-go/bench"},
	}
	return func() error {
		var out benchResult
		return benchcmp.RawPost(context.Background(), hc, srv.URL+"/v2/charges", header, benchParams, http.StatusCreated, &out)
	}
}

func init() {
	benchcmp.ServeIfChild(func() http.Handler { return benchHandler })
}

// BenchmarkJSONPost compares one JSON POST round trip through the
// transport with plain net/http + encoding/json doing the same request
// with no timeout at all, against a server in another process
// (benchcmp.Start): the allocations are the client's alone.
func BenchmarkJSONPost(b *testing.B) {
	srv := benchcmp.Start(b)
	hc := srv.Client(b)
	s, _ := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(hc))
	c, err := New(Config{Provider: "bench", Auth: BearerAuth("sk_test_x")}, s)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	sdk := func() error {
		var out benchResult
		_, err := c.Do(ctx, &Request{Method: "POST", Path: "/v2/charges", Body: benchParams, MovesMoney: true}, &out)
		return err
	}
	header := http.Header{
		"Authorization": {"Bearer sk_test_x"}, "Content-Type": {"application/json"},
		"Accept": {"application/json"}, "User-Agent": {c.UserAgent()},
	}
	raw := func() error {
		var out benchResult
		return benchcmp.RawPost(ctx, hc, srv.URL+"/v2/charges", header, benchParams, http.StatusCreated, &out)
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// TestAllocationOverhead holds the transport to at most 10% more
// allocations than raw net/http for the same POST. It does not call
// t.Parallel: allocation counts are process-wide, and top-level sequential
// tests never overlap the parallel ones.
func TestAllocationOverhead(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("allocation measurement skipped in -short mode and under the race detector")
	}
	measure := func(call func() error) float64 {
		require.NoError(t, call()) // warm the connection pool
		return testing.AllocsPerRun(300, func() { require.NoError(t, call()) })
	}
	srv := httptest.NewServer(benchHandler)
	defer srv.Close()
	raw := measure(rawPost(srv))
	sdk := measure(sdkPost(t, srv))
	t.Logf("allocs/op: sdk %.0f, raw %.0f (%.1f%% over raw)", sdk, raw, 100*(sdk/raw-1))
	if sdk > raw*1.10 {
		t.Errorf("transport allocates %.0f per POST, more than 10%% over raw net/http's %.0f", sdk, raw)
	}
}
