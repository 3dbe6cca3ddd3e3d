package srpago

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
)

// The benchmarks talk to a server in another process (benchcmp.Start), so
// allocations and CPU time counted are the client's alone. The raw side of
// each is plain net/http + encoding/json with the SDK's own wire structs
// (chargePlain, sealed, wireCharge, Operation) and typed structs where the
// SDK builds maps (the anti-fraud metadata), and benchcmp.SameRequest
// checks before timing that both sides send the same request (the
// envelope opened with the test key: its AES key is random).

func init() { benchcmp.ServeIfChild(benchAPI) }

const (
	benchOpID     = "MjY2NzIxMw=="
	benchWalkOp   = "walk@example.mx" // the operator that selects the 100,000-item list
	benchWalkLen  = 100_000
	benchListSize = 100
)

// benchAPI is the canned Sr. Pago API of the benchmarks.
func benchAPI() http.Handler {
	opItem := func(buf *bytes.Buffer, i int) {
		buf.WriteString(strings.Replace(webhookOp, benchOpID, fmt.Sprintf("op_%07d", i), 1))
	}
	list100 := benchList(benchListSize, 0, benchWalkLen, opItem)
	mux := http.NewServeMux()
	answer := func(w http.ResponseWriter, body []byte) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-App-Request", "bench")
		_, _ = w.Write(body)
	}
	mux.HandleFunc("POST /v1/payment/card", func(w http.ResponseWriter, _ *http.Request) { answer(w, []byte(ok(chargeResult))) })
	mux.HandleFunc("GET /v1/operations/{id}", func(w http.ResponseWriter, _ *http.Request) { answer(w, []byte(ok(webhookOp))) })
	mux.HandleFunc("GET /v1/operations", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("operator") != benchWalkOp {
			answer(w, list100)
			return
		}
		from, _ := strconv.Atoi(q.Get("offset"))
		n := max(0, min(benchListSize, benchWalkLen-from))
		answer(w, benchList(n, from, benchWalkLen, func(buf *bytes.Buffer, i int) {
			fmt.Fprintf(buf, `{"transaction":"op_%07d","timestamp":"2019-02-01T14:46:36-06:00","payment_method":"POS","status":"N","total":{"amount":"100.00","currency":"MXN"}}`, i)
		}))
	})
	return mux
}

// benchList renders a Sr. Pago operation list of n items from index from.
func benchList(n, from, total int, item func(*bytes.Buffer, int)) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `{"success":true,"result":{"total":%d,"operations":[`, total)
	for i := from; i < from+n; i++ {
		if i > from {
			buf.WriteByte(',')
		}
		item(&buf, i)
	}
	buf.WriteString(`]}}`)
	return buf.Bytes()
}

// benchClients returns the server, an SDK client and the raw side's
// http.Client and headers, both over one transport of the benchmark's own.
func benchClients(b *testing.B) (*benchcmp.Server, *Client, *http.Client, http.Header) {
	srv := benchcmp.Start(b)
	hc := srv.Client(b)
	_, pubPEM := testKeyPair()
	c, err := NewClient(testKey, testSecret, WithBaseURL(srv.URL), WithHTTPClient(hc), WithPublicKey(pubPEM))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.Operations.Get(ctx, benchOpID); err != nil {
		b.Fatal(err)
	}
	sent := srv.Last(b).Header
	header := http.Header{
		"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"+testSecret))},
		"Accept":        {"application/json"}, "User-Agent": {sent.Get("User-Agent")}, "X-User-Agent": {sent.Get("X-User-Agent")},
	}
	return srv, c, hc, header
}

// The anti-fraud metadata as hand-written code would type it; the SDK
// builds the same JSON from maps (keys sorted, empty values left out).
type (
	rawMetadata struct {
		Billing  *rawBilling `json:"billing,omitempty"`
		Items    *rawItems   `json:"items,omitempty"`
		SalesTax string      `json:"salesTax,omitempty"`
	}
	rawBilling struct {
		Address    string `json:"billingAddress-D,omitempty"`
		City       string `json:"billingCity-D,omitempty"`
		Country    string `json:"billingCountry-D,omitempty"`
		Email      string `json:"billingEmailAddress,omitempty"`
		FirstName  string `json:"billingFirstName-D,omitempty"`
		LastName   string `json:"billingLastName-D,omitempty"`
		Phone      string `json:"billingPhoneNumber-D,omitempty"`
		PostalCode string `json:"billingPostalCode-D,omitempty"`
		State      string `json:"billingState-D,omitempty"`
	}
	rawItems struct {
		Item []rawItem `json:"item"`
	}
	rawItem struct {
		BrandName   string `json:"itemBrandName,omitempty"`
		Category    string `json:"itemCategory,omitempty"`
		Description string `json:"itemDescription,omitempty"`
		Number      string `json:"itemNumber,omitempty"`
		Price       string `json:"itemPrice"`
		Quantity    string `json:"itemQuantity"`
		Tax         string `json:"itemTax"`
	}
)

// benchOpenBody replaces the envelope of a captured charge body with its
// plaintext, for SameRequest.
func benchOpenBody(body []byte) ([]byte, error) {
	var s struct {
		Key, Data string
		Metadata  json.RawMessage
	}
	if err := json.Unmarshal(body, &s); err != nil {
		return nil, err
	}
	priv, _ := testKeyPair()
	plain, err := envelope.Open(priv, s.Key, s.Data)
	if err != nil {
		return nil, err
	}
	return append(append(plain, " metadata "...), s.Metadata...), nil
}

// BenchmarkChargesCreate compares Charges.Create (with anti-fraud metadata:
// billing and two items) with the same request made with net/http and
// encoding/json. Both encrypt the body with a 2048-bit test key;
// BenchmarkEnvelope reports the encryption's own cost.
func BenchmarkChargesCreate(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	header.Set("Content-Type", "application/json")
	_, pubPEM := testKeyPair()
	pub, err := envelope.ParsePublicKey([]byte(pubPEM))
	if err != nil {
		b.Fatal(err)
	}
	params := &ChargeParams{Source: "crd_4030d0ef", Amount: 12345, Description: "Membresía oro", OrderID: "order-1", IP: "201.141.1.1",
		Metadata: &ChargeMetadata{
			Billing: &Billing{Email: "ana@example.mx", FirstName: "Ana", LastName: "López", Address: "Av. Reforma 1",
				City: "CDMX", State: "CDMX", PostalCode: "06600", Country: "MX", Phone: "5512345678"},
			Items: []Item{{Number: "SKU-1", Description: "Membresía oro", Price: 10000, Quantity: 1, Category: "servicios", Tax: 1600},
				{Number: "SKU-2", Description: "Envío", Price: 745, Quantity: 1, Category: "envío"}},
			SalesTax: 1600,
		}}
	sdk := func() error {
		_, err := c.Charges.Create(ctx, params)
		return err
	}
	raw := func() error {
		total := chargeAmount{Amount: wire.Decimal(params.Amount), Currency: "MXN"}
		plain, err := json.Marshal(chargePlain{
			Recurrent: params.Source,
			Payment: chargePay{
				External:  chargeExternal{Transaction: params.OrderID, ApplicationKey: testKey},
				Reference: chargeReference{Number: params.OrderID, Description: params.Description},
				Total:     total,
				Tip:       chargeAmount{Currency: "MXN"},
				Origin:    chargeOrigin{IP: params.IP, Location: chargeLocation{Latitude: "0.00000", Longitude: "0.00000"}},
			},
			Total: total,
		})
		if err != nil {
			return err
		}
		k, d, err := envelope.Seal(pub, plain)
		if err != nil {
			return err
		}
		m := params.Metadata
		bl := m.Billing
		meta := &rawMetadata{
			Billing: &rawBilling{Address: bl.Address, City: bl.City, Country: bl.Country, Email: bl.Email, FirstName: bl.FirstName,
				LastName: bl.LastName, Phone: bl.Phone, PostalCode: bl.PostalCode, State: bl.State},
			Items:    &rawItems{Item: make([]rawItem, len(m.Items))},
			SalesTax: wire.FormatCents(m.SalesTax),
		}
		for i, it := range m.Items {
			meta.Items.Item[i] = rawItem{BrandName: it.BrandName, Category: it.Category, Description: it.Description, Number: it.Number,
				Price: wire.FormatCents(it.Price), Quantity: strconv.Itoa(it.Quantity), Tax: wire.FormatCents(it.Tax)}
		}
		var out struct {
			Success bool       `json:"success"`
			Result  wireCharge `json:"result"`
		}
		if err := benchcmp.RawPost(ctx, hc, srv.URL+"/v1/payment/card", header, sealed{Key: k, Data: d, Metadata: meta}, http.StatusOK, &out); err != nil {
			return err
		}
		if !out.Success || !bool(out.Result.Status) {
			return errors.New("not successful")
		}
		return nil
	}
	srv.SameRequest(b, sdk, raw, benchOpenBody)
	benchcmp.Compare(b, sdk, raw)
}

// rawResult is what hand-written code decodes Sr. Pago's envelope into.
type rawResult[T any] struct {
	Success bool `json:"success"`
	Result  T    `json:"result"`
}

// BenchmarkOperationsGet compares Operations.Get with a raw GET decoded
// into an Operation.
func BenchmarkOperationsGet(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	sdk := func() error {
		_, err := c.Operations.Get(ctx, benchOpID)
		return err
	}
	raw := func() error {
		var out rawResult[Operation]
		return benchcmp.RawGet(ctx, hc, srv.URL+"/v1/operations/"+benchOpID, header, http.StatusOK, &out)
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkOperationsList compares Operations.List of one page of 100
// operations with a raw GET of the same page.
func BenchmarkOperationsList(b *testing.B) {
	srv, c, hc, header := benchClients(b)
	sdk := func() error {
		page, err := c.Operations.List(ctx, &OperationListParams{Limit: benchListSize})
		if err == nil && len(page.Data) != benchListSize {
			err = fmt.Errorf("%d operations", len(page.Data))
		}
		return err
	}
	raw := func() error {
		var out rawResult[struct {
			Total      int          `json:"total"`
			Operations []*Operation `json:"operations"`
		}]
		err := benchcmp.RawGet(ctx, hc, srv.URL+"/v1/operations?limit=100", header, http.StatusOK, &out)
		if err == nil && len(out.Result.Operations) != benchListSize {
			err = fmt.Errorf("%d operations", len(out.Result.Operations))
		}
		return err
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}

// BenchmarkOperationsAll walks 100,000 operations (1,000 pages by offset)
// with Operations.All and reports heap-growth-B, the live heap after
// 100,000 items minus the live heap after 10,000.
func BenchmarkOperationsAll(b *testing.B) {
	_, c, _, _ := benchClients(b)
	var worst float64
	for range b.N {
		probe := benchcmp.NewHeapProbe(10_000, benchWalkLen)
		n := 0
		for op, err := range c.Operations.All(ctx, &OperationListParams{Limit: benchListSize, Operator: benchWalkOp}) {
			if err != nil {
				b.Fatal(err)
			}
			if op.TransactionID == "" {
				b.Fatal("an operation without id")
			}
			n++
			probe.Seen(n)
		}
		if n != benchWalkLen {
			b.Fatalf("walked %d operations, want %d", n, benchWalkLen)
		}
		probe.Report(b, &worst)
	}
}

// BenchmarkEnvelope is the cost of Sr. Pago's body encryption alone, with
// the 2048-bit key of the benchmarks and fakes and with Sr. Pago's own
// 4096-bit key.
func BenchmarkEnvelope(b *testing.B) {
	_, pubPEM := testKeyPair()
	pub, _ := envelope.ParsePublicKey([]byte(pubPEM))
	plain, _ := json.Marshal(map[string]string{"recurrent": "crd_4030d0ef", "payload": "about 400 bytes of charge JSON in practice"})
	b.Run("2048-test-key", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, _, err := envelope.Seal(pub, plain); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("4096-srpago-key", func(b *testing.B) {
		real, err := envelope.ParsePublicKey(PublicKeyPEM())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, _, err := envelope.Seal(real, plain); err != nil {
				b.Fatal(err)
			}
		}
	})
}
