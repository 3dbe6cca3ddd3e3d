package digitalfemsa

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
)

// The benchmarks talk to a server in another process (benchcmp.Start), so
// allocations and CPU time counted are the client's alone. The raw side of
// each is plain net/http + encoding/json with the SDK's own wire structs
// (payoutOrderWire, orderWire, listWire), and benchcmp.SameRequest checks
// before timing that both sides send the same request.

func init() { benchcmp.ServeIfChild(benchAPI) }

const (
	benchOrderID = "ord_2tUigJ8DgBhbp6w5D"
	benchWalk    = "walk" // the search that selects the 100,000-item list
	benchBig     = "big"  // the search that selects the 5 MiB page
	benchWalkLen = 100_000
)

// benchAPI is the canned DigitalFemsa API of the benchmarks.
func benchAPI() http.Handler {
	list100 := benchPage(100, 0, true, func(buf *bytes.Buffer, i int) {
		buf.WriteString(strings.ReplaceAll(orderJSON, benchOrderID, benchID("ord_list_", i)))
	})
	big := benchPage(100, 0, false, func(buf *bytes.Buffer, i int) {
		// An order of 233 line items: about 52 KiB each, 5 MiB a page.
		head, _, _ := strings.Cut(orderJSON, `"line_items":`)
		_, tail, _ := strings.Cut(orderJSON, `"charges":`)
		buf.WriteString(strings.ReplaceAll(head, benchOrderID, benchID("ord_big_", i)))
		buf.WriteString(`"line_items":{"object":"list","has_more":false,"total":233,"data":[`)
		for j := range 233 {
			if j > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(buf, `{"id":"line_item_%016d","object":"line_item","name":"Recarga de tiempo aire","unit_price":15000,"quantity":2,"sku":"R-%d","tags":["tiempo aire","recarga"],"parent_id":"%s","metadata":{"n":"%d"}}`,
				j, j, benchID("ord_big_", i), j)
		}
		buf.WriteString(`]},"charges":`)
		buf.WriteString(tail)
	})
	mux := http.NewServeMux()
	answer := func(w http.ResponseWriter, body []byte) {
		w.Header().Set("Content-Type", "application/vnd.app-v2.1.0+json")
		_, _ = w.Write(body)
	}
	mux.HandleFunc("POST /payout_orders", func(w http.ResponseWriter, _ *http.Request) { answer(w, []byte(payoutOrderJSON)) })
	// The order of 50 line items, as created: its items echo the request,
	// with an accent escaped the way many JSON encoders write it.
	order50 := func() []byte {
		head, _, _ := strings.Cut(orderJSON, `"line_items":`)
		_, tail, _ := strings.Cut(orderJSON, `"charges":`)
		var buf bytes.Buffer
		buf.WriteString(head)
		buf.WriteString(`"line_items":{"object":"list","has_more":false,"total":50,"data":[`)
		for j := range 50 {
			if j > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"id":"line_item_%016d","object":"line_item","name":"Producto %d","description":"Recarga telef\u00f3nica","unit_price":15000,"quantity":2,"sku":"SKU-%d","tags":["tiempo aire","recarga"],"parent_id":"%s","metadata":{}}`,
				j, j, j, benchOrderID)
		}
		buf.WriteString(`]},"charges":`)
		buf.WriteString(tail)
		return buf.Bytes()
	}()
	mux.HandleFunc("POST /orders", func(w http.ResponseWriter, _ *http.Request) { answer(w, order50) })
	mux.HandleFunc("GET /orders/{id}", func(w http.ResponseWriter, _ *http.Request) { answer(w, []byte(orderJSON)) })
	mux.HandleFunc("GET /orders", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch q.Get("search") {
		case benchBig:
			answer(w, big)
		case benchWalk:
			from := 0
			if next := q.Get("next"); next != "" {
				if _, err := fmt.Sscanf(next, "ord_walk_%d", &from); err != nil {
					http.Error(w, "bad cursor", http.StatusBadRequest)
					return
				}
				from++
			}
			n := min(100, benchWalkLen-from)
			answer(w, benchPage(n, from, from+n < benchWalkLen, func(buf *bytes.Buffer, i int) {
				fmt.Fprintf(buf, `{"id":"%s","object":"order","livemode":false,"amount":30000,"currency":"MXN","payment_status":"paid","created_at":1700000000}`, benchID("ord_walk_", i))
			}))
		default:
			answer(w, list100)
		}
	})
	return mux
}

func benchID(prefix string, i int) string { return fmt.Sprintf("%s%07d", prefix, i) }

// benchPage renders a DigitalFemsa list page of n items from index from.
func benchPage(n, from int, more bool, item func(*bytes.Buffer, int)) []byte {
	var buf bytes.Buffer
	next := "null"
	if more {
		next = fmt.Sprintf(`"https://api.digitalfemsa.io/orders?limit=100&next=%s&search=walk"`, benchID("ord_walk_", from+n-1))
	}
	fmt.Fprintf(&buf, `{"object":"list","has_more":%t,"next_page_url":%s,"previous_page_url":null,"data":[`, more, next)
	for i := from; i < from+n; i++ {
		if i > from {
			buf.WriteByte(',')
		}
		item(&buf, i)
	}
	buf.WriteString(`]}`)
	return buf.Bytes()
}

// benchClients returns the server, an SDK client and the raw side's
// http.Client and headers, both over one transport of the benchmark's own.
func benchClients(b *testing.B) (*benchcmp.Server, *Client, *http.Client, http.Header) {
	srv := benchcmp.Start(b)
	hc := srv.Client(b)
	c, err := NewClient(testKey, WithBaseURL(srv.URL), WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	ua := srv.UserAgentOf(b, func() error { _, err := c.Orders.Get(context.Background(), benchOrderID); return err })
	header := http.Header{
		"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"))},
		"Accept":        {AcceptVersion}, "User-Agent": {ua},
	}
	return srv, c, hc, header
}

// BenchmarkPayoutOrdersCreate compares PayoutOrders.Create with the same
// request done by hand with net/http and encoding/json.
func BenchmarkPayoutOrdersCreate(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	header.Set("Content-Type", "application/json")
	params := &PayoutOrderParams{Amount: 3000, CustomerID: "cus_2oAokFrKM7CyVxGJm", Reason: "Retiro de saldo",
		// The reconciliation key given in the metadata, where the SDK reads
		// it and sends it unchanged: a key it generated would be random.
		Metadata: map[string]string{"custom_client_id": "12345", "latampay_key": "bench-payout-0001"}}
	sdk := func() error {
		_, err := c.PayoutOrders.Create(ctx, params)
		return err
	}
	raw := func() error {
		body := payoutOrderWire{Currency: "MXN", Amount: params.Amount, CustomerInfo: customerIDWire{CustomerID: params.CustomerID},
			AllowedPayoutMethods: []string{PayoutMethodCashout}, Reason: params.Reason,
			Payout: payoutWire{PayoutMethod: payoutMethodWire{Type: PayoutMethodCashout}}, Metadata: params.Metadata}
		var po PayoutOrder
		return benchcmp.RawPost(ctx, hc, srv.URL+"/payout_orders", header, body, http.StatusOK, &po)
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkOrdersCreate50Items compares Orders.Create of an order with 50
// line items with the same request done by hand; the answer holds the 50
// items (and a \u escape, as many encoders write accents).
func BenchmarkOrdersCreate50Items(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	header.Set("Content-Type", "application/json")
	params := &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "cus_2pwMQPxiLJ8WzzqZJ"},
		Charges: []ChargeParams{{Type: PaymentMethodCash}}, Metadata: map[string]string{"cart": "42", "latampay_key": "bench-order-0042"}}
	for i := range 50 {
		params.LineItems = append(params.LineItems, LineItem{Name: fmt.Sprintf("Producto %d", i), UnitPrice: 15000, Quantity: 2,
			SKU: fmt.Sprintf("SKU-%d", i), Tags: []string{"tiempo aire", "recarga"}})
	}
	sdk := func() error {
		_, err := c.Orders.Create(ctx, params)
		return err
	}
	raw := func() error {
		body := orderWire{Currency: "MXN", CustomerInfo: &customerInfoWire{CustomerID: params.CustomerInfo.CustomerID},
			LineItems: make([]lineItemWire, len(params.LineItems)), Metadata: params.Metadata}
		for i, li := range params.LineItems {
			body.LineItems[i] = lineItemWire{Name: li.Name, UnitPrice: li.UnitPrice, Quantity: li.Quantity, SKU: li.SKU, Tags: li.Tags}
		}
		body.Charges = []chargeWire{{PaymentMethod: paymentMethodWire{Type: params.Charges[0].Type}}}
		var o Order
		return benchcmp.RawPost(ctx, hc, srv.URL+"/orders", header, body, http.StatusOK, &o)
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkOrdersGet compares Orders.Get with a raw GET decoded into an
// Order.
func BenchmarkOrdersGet(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	sdk := func() error {
		_, err := c.Orders.Get(ctx, benchOrderID)
		return err
	}
	raw := func() error {
		var o Order
		return benchcmp.RawGet(ctx, hc, srv.URL+"/orders/"+benchOrderID, header, http.StatusOK, &o)
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkOrdersList compares Orders.List of one page of 100 orders
// (about 230 KB) with a raw GET of the same page.
func BenchmarkOrdersList(b *testing.B) {
	benchList(b, &ListParams{Limit: 100}, "?limit=100")
}

// BenchmarkOrdersListPage5MiB compares Orders.List of one 5 MiB page (100
// orders of 233 line items each) with a raw GET of the same page.
func BenchmarkOrdersListPage5MiB(b *testing.B) {
	benchList(b, &ListParams{Limit: 100, Search: benchBig}, "?limit=100&search="+benchBig)
}

func benchList(b *testing.B, p *ListParams, query string) {
	srv, c, hc, header := benchClients(b)
	sdk := func() error {
		page, err := c.Orders.List(ctx, p)
		if err == nil && len(page.Data) != 100 {
			err = fmt.Errorf("%d orders", len(page.Data))
		}
		return err
	}
	raw := func() error {
		var page listWire[Order]
		err := benchcmp.RawGet(ctx, hc, srv.URL+"/orders"+query, header, http.StatusOK, &page)
		if err == nil && len(page.Data) != 100 {
			err = fmt.Errorf("%d orders", len(page.Data))
		}
		return err
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkOrdersAll walks 100,000 orders (1,000 pages) with Orders.All and
// reports heap-growth-B, the live heap after 100,000 items minus the live
// heap after 10,000.
func BenchmarkOrdersAll(b *testing.B) {
	_, c, _, _ := benchClients(b)
	var worst float64
	for range b.N {
		probe := benchcmp.NewHeapProbe(10_000, benchWalkLen)
		n := 0
		for o, err := range c.Orders.All(ctx, &ListParams{Limit: 100, Search: benchWalk}) {
			if err != nil {
				b.Fatal(err)
			}
			if o.ID == "" {
				b.Fatal("an order without id")
			}
			n++
			probe.Seen(n)
		}
		if n != benchWalkLen {
			b.Fatalf("walked %d orders, want %d", n, benchWalkLen)
		}
		probe.Report(b, &worst)
	}
}
