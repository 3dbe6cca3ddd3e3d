package culqi

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
)

// The benchmarks talk to a server in another process (benchcmp.Start), so
// allocations and CPU time counted are the client's alone. The raw side of
// each is plain net/http + encoding/json with the SDK's own wire structs
// (chargeBody, Charge, Paging), and benchcmp.SameRequest checks before
// timing that both sides send the same method, URI and body.

func init() { benchcmp.ServeIfChild(benchAPI) }

const (
	benchChargeID = "chr_test_J1QRDJ2xZUXF0Ggv"
	benchWalkMail = "walk@example.pe" // the email filter that selects the 100,000-item list
	benchBigMail  = "big@example.pe"  // the email filter that selects the 5 MiB page
	benchWalkLen  = 100_000
)

// benchAPI is the canned Culqi API of the benchmarks.
func benchAPI() http.Handler {
	// A page as Culqi serves it: one charge in it was declined, so its
	// outcome names an error type (the SDK must not take it for an error).
	declined := `"outcome":{"type":"card_error","code":"card_declined","decline_code":"stolen_card","merchant_message":"Robada","user_message":"Rechazada"}`
	list100 := benchPage(100, 0, 1000, func(buf *bytes.Buffer, i int) {
		ch := strings.Replace(chargeJSON, benchChargeID, benchID("chr_list_", i), 1)
		if i == 50 {
			start := strings.Index(ch, `"outcome":`)
			end := start + strings.Index(ch[start:], "},") + 1
			ch = ch[:start] + declined + ch[end:]
		}
		buf.WriteString(ch)
	})
	big := benchPage(100, 0, 0, func(buf *bytes.Buffer, i int) {
		// A charge with 252 operations: about 52 KiB each, 5 MiB a page.
		head, _, _ := strings.Cut(chargeJSON, `"operations":[`)
		buf.WriteString(strings.Replace(head, benchChargeID, benchID("chr_big_", i), 1))
		buf.WriteString(`"operations":[`)
		for j := range 252 {
			if j > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(buf, `{"type":"devolución","id":"ref_test_%016d","creation_date":1615131780000,"amount":100,"operation_id":%d,"fixed_fee":null,"variable_fee":null,"total_fee_taxes":null,"transfer_amount":null}`, j, j)
		}
		buf.WriteString(`]}`)
	})
	mux := http.NewServeMux()
	answer := func(w http.ResponseWriter, status int, body []byte) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Culqi-Tracking-Id", "1")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
	mux.HandleFunc("POST /v2/charges", func(w http.ResponseWriter, _ *http.Request) {
		answer(w, http.StatusCreated, []byte(chargeJSON))
	})
	mux.HandleFunc("GET /v2/charges/{id}", func(w http.ResponseWriter, _ *http.Request) {
		answer(w, http.StatusOK, []byte(chargeJSON))
	})
	mux.HandleFunc("GET /v2/charges", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch q.Get("email") {
		case benchBigMail:
			answer(w, http.StatusOK, big)
		case benchWalkMail:
			from := 0
			if after := q.Get("after"); after != "" {
				n, err := strconv.Atoi(strings.TrimPrefix(after, "chr_walk_"))
				if err != nil {
					http.Error(w, "bad cursor", http.StatusBadRequest)
					return
				}
				from = n + 1
			}
			n := min(100, benchWalkLen-from)
			answer(w, http.StatusOK, benchPage(n, from, benchWalkLen-from-n, func(buf *bytes.Buffer, i int) {
				fmt.Fprintf(buf, `{"object":"charge","id":"%s","amount":1000,"currency_code":"PEN","email":"%s"}`, benchID("chr_walk_", i), benchWalkMail)
			}))
		default:
			answer(w, http.StatusOK, list100)
		}
	})
	return mux
}

func benchID(prefix string, i int) string { return fmt.Sprintf("%s%07d", prefix, i) }

// benchPage renders a Culqi list page of n items from index from, with
// remaining items after it.
func benchPage(n, from, remaining int, item func(*bytes.Buffer, int)) []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"data":[`)
	for i := from; i < from+n; i++ {
		if i > from {
			buf.WriteByte(',')
		}
		item(&buf, i)
	}
	last := ""
	if n > 0 {
		last = benchID("chr_walk_", from+n-1)
	}
	fmt.Fprintf(&buf, `],"paging":{"previous":"https://api.culqi.com/v2/charges?before=x","next":"https://api.culqi.com/v2/charges?after=%s",`+
		`"cursors":{"before":"%s","after":"%s"},"remaining_items":%d}}`, last, benchID("chr_walk_", from), last, remaining)
	return buf.Bytes()
}

// benchClients returns an SDK client and the raw side's http.Client and
// headers, both over one transport of the benchmark's own.
func benchClients(b *testing.B) (*benchcmp.Server, *Client, *http.Client, http.Header) {
	srv := benchcmp.Start(b)
	hc := srv.Client(b)
	c, err := NewClient(testSK, WithBaseURL(srv.URL), WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	ua := srv.UserAgentOf(b, func() error { _, err := c.Charges.Get(context.Background(), benchChargeID); return err })
	header := http.Header{"Authorization": {"Bearer " + testSK}, "Accept": {"application/json"}, "User-Agent": {ua}}
	return srv, c, hc, header
}

// BenchmarkChargesCreate compares Charges.Create with the same request made
// with plain net/http and encoding/json: same headers, same body (the
// SDK's chargeBody), same decode into a Charge.
func BenchmarkChargesCreate(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	header.Set("Content-Type", "application/json")
	ctx := context.Background()
	capture := true
	params := &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "richard@piedpiper.com",
		SourceID: "tkn_test_cQLnnGuahVeZOr9P", Description: "Venta de prueba", Capture: &capture,
		// The reconciliation key given in the metadata, where the SDK reads
		// it and sends it unchanged: a key it generated would be random.
		Metadata: map[string]string{"order_id": "0001", "latampay_key": "bench-order-0001"}}
	sdk := func() error {
		_, err := c.Charges.Create(ctx, params)
		return err
	}
	raw := func() error {
		body := chargeBody{Amount: params.Amount, CurrencyCode: params.CurrencyCode, Email: params.Email,
			SourceID: params.SourceID, Description: params.Description, Capture: params.Capture, Metadata: params.Metadata}
		var ch Charge
		return benchcmp.RawPost(ctx, hc, srv.URL+"/v2/charges", header, body, http.StatusCreated, &ch)
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkChargesGet compares Charges.Get of one charge with a raw GET
// decoded into a Charge.
func BenchmarkChargesGet(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	ctx := context.Background()
	sdk := func() error {
		_, err := c.Charges.Get(ctx, benchChargeID)
		return err
	}
	raw := func() error {
		var ch Charge
		return benchcmp.RawGet(ctx, hc, srv.URL+"/v2/charges/"+benchChargeID, header, http.StatusOK, &ch)
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// rawPage is what hand-written code decodes a Culqi list into.
type rawPage struct {
	Data   []*Charge `json:"data"`
	Paging Paging    `json:"paging"`
}

// BenchmarkChargesList compares Charges.List of one page of 100 charges
// (about 190 KB, one of them declined) with a raw GET of the same page.
func BenchmarkChargesList(b *testing.B) {
	benchList(b, &ChargeListParams{Limit: 100}, "?limit=100", 100)
}

// BenchmarkChargesListPage5MiB compares Charges.List of one 5 MiB page (100
// charges of 252 operations each) with a raw GET of the same page.
func BenchmarkChargesListPage5MiB(b *testing.B) {
	benchList(b, &ChargeListParams{Limit: 100, Email: benchBigMail}, "?email=big%40example.pe&limit=100", 100)
}

func benchList(b *testing.B, p *ChargeListParams, query string, want int) {
	srv, c, hc, header := benchClients(b)
	ctx := context.Background()
	sdk := func() error {
		page, err := c.Charges.List(ctx, p)
		if err == nil && len(page.Data) != want {
			err = fmt.Errorf("%d charges", len(page.Data))
		}
		return err
	}
	raw := func() error {
		var page rawPage
		err := benchcmp.RawGet(ctx, hc, srv.URL+"/v2/charges"+query, header, http.StatusOK, &page)
		if err == nil && len(page.Data) != want {
			err = fmt.Errorf("%d charges", len(page.Data))
		}
		return err
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkChargesAll walks 100,000 charges (1,000 pages) with
// Charges.All and reports heap-growth-B, the live heap after 100,000 items
// minus the live heap after 10,000: what the walk keeps per page.
func BenchmarkChargesAll(b *testing.B) {
	_, c, _, _ := benchClients(b)
	ctx := context.Background()
	var worst float64
	for range b.N {
		probe := benchcmp.NewHeapProbe(10_000, benchWalkLen)
		n := 0
		for ch, err := range c.Charges.All(ctx, &ChargeListParams{Limit: 100, Email: benchWalkMail}) {
			if err != nil {
				b.Fatal(err)
			}
			if ch.ID == "" {
				b.Fatal("a charge without id")
			}
			n++
			probe.Seen(n)
		}
		if n != benchWalkLen {
			b.Fatalf("walked %d charges, want %d", n, benchWalkLen)
		}
		probe.Report(b, &worst)
	}
}

// BenchmarkTLSConcurrency compares a client built with no http.Client of
// its own (the SDK's default transport) with a raw client whose transport
// keeps as many idle connections as there are callers, both over TLS
// (HTTP/1.1), 64 and 256 goroutines making Charges.Get calls at once.
func BenchmarkTLSConcurrency(b *testing.B) {
	srv := benchcmp.Start(b)
	if !srv.TrustForProcess() {
		b.Skip("the system certificate pool was loaded before this benchmark: run it on its own")
	}
	ctx := context.Background()
	for _, tc := range []struct{ goroutines, calls int }{{64, 80}, {256, 60}} {
		b.Run(fmt.Sprintf("g=%d", tc.goroutines), func(b *testing.B) {
			sdk := func(tb testing.TB) (func() error, func()) {
				c, err := NewClient(testSK, WithBaseURL(srv.TLSURL))
				if err != nil {
					tb.Fatal(err)
				}
				return func() error {
						_, err := c.Charges.Get(ctx, benchChargeID)
						return err
					}, func() {
						_ = c.Close()
					}
			}
			raw := func(tb testing.TB) (func() error, func()) {
				t := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, ForceAttemptHTTP2: true}
				t.TLSClientConfig = benchcmp.TLSConfig(srv)
				hc := &http.Client{Transport: t}
				header := http.Header{"Authorization": {"Bearer " + testSK}, "Accept": {"application/json"}, "User-Agent": {"latampay-go/bench"}}
				url := srv.TLSURL + "/v2/charges/" + benchChargeID
				return func() error {
					var ch Charge
					return benchcmp.RawGet(ctx, hc, url, header, http.StatusOK, &ch)
				}, t.CloseIdleConnections
			}
			benchcmp.CompareConcurrent(b, srv, tc.goroutines, tc.calls, 5, sdk, raw)
		})
	}
}

// BenchmarkClientsClosed creates 1,000 clients with no http.Client of
// their own, makes one call with each and closes it, then reports the
// connections the server still sees open (open-conns).
func BenchmarkClientsClosed(b *testing.B) {
	srv := benchcmp.Start(b)
	ctx := context.Background()
	for range b.N {
		srv.CloseConns(b)
		for range 1000 {
			c, err := NewClient(testSK, WithBaseURL(srv.URL))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c.Charges.Get(ctx, benchChargeID); err != nil {
				b.Fatal(err)
			}
			if err := c.Close(); err != nil {
				b.Fatal(err)
			}
		}
		open := srv.OpenAfter(b, 10)
		b.ReportMetric(float64(open), "open-conns")
		srv.CloseConns(b)
	}
}
