package transport

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type walkedCharge struct {
	ID          string `json:"id"`
	Amount      int64  `json:"amount"`
	Email       string `json:"email"`
	Description string `json:"description"`
}

// pagedServer serves total charges in Culqi-style cursor pages of size,
// built on the fly so the server holds nothing.
func pagedServer(total, size int) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Query().Get("after"), "chr_"))
		if r.URL.Query().Get("after") != "" {
			start++
		}
		var b strings.Builder
		b.WriteString(`{"data":[`)
		end := min(start+size, total)
		for i := start; i < end; i++ {
			if i > start {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"chr_%d","amount":%d,"email":"buyer%d@example.pe","description":"Pedido número %d de la tienda"}`, i, 1000+i, i, i)
		}
		fmt.Fprintf(&b, `],"paging":{"cursors":{"after":"chr_%d"},"remaining_items":%d}}`, end-1, total-end)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(b.String()))
	}))
}

// Not parallel: it samples the process's heap. The peak is reported in
// BENCHMARKS.md.
func TestAllOver100kItemsKeepsMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 100,000 items")
	}
	const total, size = 100_000, 100
	srv := pagedServer(total, size)
	defer srv.Close()
	c := realClient(t, srv)
	type page struct {
		Data   []*walkedCharge `json:"data"`
		Paging struct {
			Cursors struct {
				After string `json:"after"`
			} `json:"cursors"`
			Remaining int `json:"remaining_items"`
		} `json:"paging"`
	}
	fetch := func(ctx context.Context, cursor string) (Page[walkedCharge], error) {
		q := map[string][]string{"limit": {strconv.Itoa(size)}}
		if cursor != "" {
			q["after"] = []string{cursor}
		}
		var p page
		if _, err := c.Do(ctx, &Request{Method: "GET", Path: "/v2/charges", Query: urlValues(q)}, &p); err != nil {
			return Page[walkedCharge]{}, err
		}
		return Page[walkedCharge]{Items: p.Data, Next: p.Paging.Cursors.After, More: p.Paging.Remaining > 0}, nil
	}

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	n := 0
	var sum int64
	for ch, err := range CursorPages(context.Background(), size, fetch) {
		require.NoError(t, err)
		sum += ch.Amount
		n++
		if n%5000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	assert.Equal(t, total, n)
	grown := peak - base
	t.Logf("All over %d items in pages of %d: peak heap %.1f MiB above the start (the items alone would be ~%d MiB)",
		total, size, float64(grown)/(1<<20), total*150/(1<<20))
	assert.Less(t, grown, uint64(8<<20), "memory stays flat: one page at a time")
}
