package attack_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/srpago"
)

// A provider whose list cursor leads back to an earlier page must end the
// walk with an error: a reconciliation that stopped quietly would conclude
// "not found" for a charge that exists.
func TestListsThatLoopEndInAnError(t *testing.T) {
	t.Parallel()
	const pages = 3 // page 3 points back to page 1
	cases := []struct {
		name string
		page func(w http.ResponseWriter, r *http.Request, n int)
		walk func(ctx context.Context, base string) (int, error)
	}{
		{"culqi charges (cursor)", func(w http.ResponseWriter, _ *http.Request, n int) {
			after := fmt.Sprintf("chr_%d", n%pages+1)
			fmt.Fprintf(w, `{"data":[{"id":"chr_p%d","object":"charge","amount":100}],"paging":{"cursors":{"before":"x","after":%q},"remaining_items":5}}`, n, after)
		}, func(ctx context.Context, base string) (int, error) {
			c, err := culqi.NewClient(culqiKey, culqi.WithBaseURL(base), culqi.WithMaxRetries(0))
			if err != nil {
				return 0, err
			}
			n := 0
			for _, err := range c.Charges.All(ctx, &culqi.ChargeListParams{Limit: 1}) {
				if err != nil {
					return n, err
				}
				n++
			}
			return n, nil
		}},
		{"digitalfemsa orders (cursor)", func(w http.ResponseWriter, r *http.Request, n int) {
			next := fmt.Sprintf("ord_%d", n%pages+1)
			fmt.Fprintf(w, `{"object":"list","has_more":true,"next_page_url":"https://api.digitalfemsa.io/orders?next=%s","data":[{"id":"ord_p%d","object":"order","amount":100,"currency":"MXN"}]}`, next, n)
		}, func(ctx context.Context, base string) (int, error) {
			c, err := digitalfemsa.NewClient(dfKey, digitalfemsa.WithBaseURL(base), digitalfemsa.WithMaxRetries(0))
			if err != nil {
				return 0, err
			}
			n := 0
			for _, err := range c.Orders.All(ctx, &digitalfemsa.ListParams{Limit: 1}) {
				if err != nil {
					return n, err
				}
				n++
			}
			return n, nil
		}},
		{"srpago operations (offset wraps)", func(w http.ResponseWriter, r *http.Request, _ int) {
			offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
			// A list of 3 that answers every offset past its end from the
			// start again.
			id := offset % pages
			fmt.Fprintf(w, `{"success":true,"result":{"total":1000,"operations":[{"transaction":"op_%d","total":{"amount":"1.00","currency":"MXN"}}]}}`, id)
		}, func(ctx context.Context, base string) (int, error) {
			c, err := srpago.NewClient(srpagoAppKey, srpagoSecret, srpago.WithBaseURL(base), srpago.WithMaxRetries(0))
			if err != nil {
				return 0, err
			}
			n := 0
			for _, err := range c.Operations.All(ctx, &srpago.OperationListParams{Limit: 1}) {
				if err != nil {
					return n, err
				}
				n++
			}
			return n, nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var fetches atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := int(fetches.Add(1))
				if n > 100 {
					http.Error(w, "the walk should have ended", http.StatusTeapot)
					return
				}
				// The cursor the client sent names the page it wants.
				page := n
				for _, key := range []string{"after", "next"} {
					if v := r.URL.Query().Get(key); v != "" {
						fmt.Sscanf(v[4:], "%d", &page)
					}
				}
				w.Header().Set("Content-Type", "application/json")
				tc.page(w, r, page)
			}))
			t.Cleanup(srv.Close)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			n, err := tc.walk(ctx, srv.URL)
			t.Logf("%d items: %v", n, err)
			require.ErrorIs(t, err, transport.ErrMalformedResponse, "after %d items", n)
			assert.LessOrEqual(t, fetches.Load(), int32(2*pages+2), "found within a few pages")
		})
	}
}
