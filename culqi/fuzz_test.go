package culqi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

// sentinelPAN is a Luhn-valid test card number the fuzz seeds plant in
// provider bodies; no error string may carry it (or any other card number).
const sentinelPAN = "4111111111111111"

// standalonePAN finds the sentinel as a whole digit group (inside a longer
// digit run it is not a card number, and is rightly left alone).
var standalonePAN = regexp.MustCompile(`(^|[^0-9])` + sentinelPAN + `([^0-9]|$)`)

// The error decoder the transport calls for every answer: Culqi's error
// object, the API gateway's {"message"}, Spring Boot's
// {timestamp,status,error,message,path}, HTML, empty and truncated bodies,
// and 2xx answers, objects or errors.
func FuzzDecodeError(f *testing.F) {
	seeds := []struct {
		status int
		body   string
	}{
		{422, `{"object":"error","type":"parameter_error","code":"invalid_amount","param":"amount","merchant_message":"El valor debe ser mayor o igual que '100'.","user_message":"Monto inválido"}`},
		{401, `{"object":"error","type":"authentication_error","code":"invalid_key","merchant_message":"La llave no es válida."}`},
		{402, `{"object":"error","type":"card_error","code":"card_declined","decline_code":"insufficient_funds","charge_id":"chr_test_Mh3r1gXDYFb2Gx4R","merchant_message":"Fondos insuficientes.","user_message":"Su tarjeta no tiene fondos suficientes."}`},
		{400, `{"object":"error","type":"card_error","code":"card_declined","decline_code":"stolen_card","charge_id":"chr_test_1","merchant_message":"Robada","user_message":"Rechazada"}`},
		{429, `{"object":"error","type":"limit_api_error","merchant_message":"Demasiadas peticiones"}`},
		{500, `{"object":"error","type":"api_error","merchant_message":"Ups! Algo salió mal en Culqi."}`},
		{504, `{"message": "Endpoint request timed out"}`},
		{500, `{"message":"Internal server error"}`},
		{500, `{"message":{"detail":"nested"}}`},
		{500, `{"timestamp":"2020-05-20T06:01:08.432+0000","status":500,"error":"Internal Server Error","message":"query did not return a unique result: 2","path":"/v2/tokens"}`},
		{401, `{"object":"error","type":"authentication_error","merchant_message":"Ruta inválida, entérate de las rutas disponibles en la documentación."}`},
		{400, `{"object":"error","type":"crypto_error","code":"crypto_error","merchant_message":"Ocurrieron problemas al desencriptar"}`},
		{502, `<html><body>502 Bad Gateway</body></html>`},
		{200, `{"message":"Endpoint request timed out"}`},
		{200, `{"object":"error","type":"api_error","merchant_message":"Ups! Algo salió mal en Culqi."}`},
		{200, `{"action_code":"REVIEW","user_message":"Autenticación requerida","merchant_message":"3DS"}`},
		{200, chargeJSON},
		{201, `{"type":"card_error"}`},
		{204, ``},
		{503, ``},
		{500, `{"object":"error","type":"api_e`},
		{404, `<h1>nope</h1>`},
		// Card numbers echoed back in every field the decoder reads.
		{422, `{"object":"error","type":"parameter_error","param":"card_number","merchant_message":"El número 4111111111111111 no es válido.","user_message":"Tarjeta 4111 1111 1111 1111"}`},
		{402, `{"type":"4111111111111111","code":"4111-1111-1111-1111","decline_code":"` + sentinelPAN + `","param":"` + sentinelPAN + `","charge_id":"` + sentinelPAN + `"}`},
		{504, `{"message":"timeout for card ` + sentinelPAN + `"}`},
		{500, `{"message":{"card_number":"` + sentinelPAN + `"}}`},
		{500, `{"status":500,"error":"Internal Server Error","message":"PAN ` + sentinelPAN + `","path":"/v2/tokens"}`},
		{400, `{"type":"411111","code":"1111111111"}`},
		{502, `<html>card ` + sentinelPAN + `</html>`},
		{422, `{"merchant_message":"orden 41111111111111110 y tarjeta 4111 1111 1111 1111"}`},
		// A card number across the 64 KiB cut of Error.Body.
		{502, strings.Repeat("x", transport.ErrorBodyLimit-6) + sentinelPAN},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body), "10142130")
	}
	f.Add(500, []byte(`{}`), sentinelPAN)
	f.Fuzz(func(t *testing.T, status int, body []byte, requestID string) {
		resp := &transport.Response{StatusCode: status, Header: http.Header{}, Body: body, RequestID: requestID}
		err, definite := decodeError(resp)
		if err == nil {
			if status < 200 || status > 299 {
				t.Fatalf("no error for HTTP %d", status)
			}
			return
		}
		var ce *Error
		if !errors.As(err, &ce) {
			t.Fatalf("not an *Error: %T", err)
		}
		if ce.StatusCode != status {
			t.Fatalf("StatusCode %d, want %d", ce.StatusCode, status)
		}
		if definite && (ce.Type == "" || ce.Type == ErrorTypeAPI) {
			t.Fatalf("definite without a Culqi error type: %+v", ce)
		}
		msg := err.Error()
		if card.MaskPANs(msg) != msg {
			t.Fatalf("a card number in the error string: %q", msg)
		}
		if standalonePAN.MatchString(msg) {
			t.Fatalf("the sentinel PAN in the error string: %q", msg)
		}
		for _, f := range []string{ce.Type, ce.Code, ce.DeclineCode, ce.MerchantMessage, ce.UserMessage, ce.Param, ce.ChargeID} {
			if card.MaskPANs(f) != f {
				t.Fatalf("a card number in a decoded field: %q", f)
			}
		}
		if len(ce.Body) > transport.ErrorBodyLimit || standalonePAN.Match(ce.Body) {
			t.Fatalf("Body not masked or not capped: %q", ce.Body)
		}
		if len(body) < transport.ErrorBodyLimit && !bytes.Equal(card.MaskPANBytes(ce.Body), ce.Body) {
			t.Fatalf("a card number in Body: %q", ce.Body)
		}
	})
}

// ParseWebhook: a webhook body whose data is an object or a JSON-encoded
// string (Culqi's documented webhook), in the REST or the legacy camelCase
// shape.
func FuzzParseWebhook(f *testing.F) {
	for _, s := range []string{
		`{"object":"event","id":"evt_test_bV7SE39fcGodMPn4","type":"charge.creation.succeeded","creation_date":1507073604156,"data":"{\"object\":\"charge\",\"id\":\"chr_test_WYfqyKDstbtAQc95\",\"creationDate\":1507073602000,\"originalAmount\":500}"}`,
		`{"object":"event","id":"evt_test_1","type":"charge.creation.succeeded","creation_date":1507073604156,"data":{"object":"charge","id":"chr_test_1","amount":500,"metadata":{"order":"42"}}}`,
		`{"object":"event","id":"evt_1","type":"order.status.changed","creation_date":1507073604156,"data":{"object":"order","id":"ord_1","state":"paid"}}`,
		`{"object":"event","id":"evt_1","type":"order.status.changed","creation_date":"1507073604","data":"{\"object\":\"order\",\"id\":\"ord_1\"}"}`,
		`{"object":"event","id":"evt_2","type":"subscription.charge.succeeded","data":{"object":"charge","id":"chr_1","subscription_id":"sxn_1"}}`,
		`{"type":"refund.creation.succeeded","data":null}`,
		`{"type":"refund.creation.succeeded","data":""}`,
		`{"type":"refund.creation.succeeded","data":"null"}`,
		`{"type":"x","data":"\"a string\""}`,
		`{"type":"x","data":"[1,2]"}`,
		`{"type":"x","data":"not json"}`,
		`{"object":"charge","id":"chr_1","type":"x"}`,
		`{"object":"event","id":"evt_3"}`,
		`[]`,
		``,
		`{"type":"x","data":{"a":1}} trailing`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := ParseWebhook(body)
		if err != nil {
			if ev != nil {
				t.Fatal("an event together with an error")
			}
			if !errors.Is(err, ErrMalformedResponse) {
				t.Fatalf("error not matching ErrMalformedResponse: %v", err)
			}
			return
		}
		if ev.Type == "" || (ev.Object != "" && ev.Object != "event") {
			t.Fatalf("accepted a non-event: %+v", ev)
		}
		if len(ev.Data) > 0 && !json.Valid(ev.Data) {
			t.Fatalf("Data is not JSON: %q", ev.Data)
		}
		_, _ = ev.DataObject(), ev.DataID()
		var anything any
		if err := ev.DecodeData(&anything); err != nil && len(ev.Data) > 0 {
			t.Fatalf("DecodeData of valid JSON: %v", err)
		}
		// Written and read again, the event is the same.
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		again, err := ParseWebhook(out)
		if err != nil {
			t.Fatalf("re-parsing %s: %v", out, err)
		}
		if again.ID != ev.ID || again.Type != ev.Type || again.Object != ev.Object || !again.CreationDate.Equal(ev.CreationDate.Time) {
			t.Fatalf("round trip changed the event: %+v → %+v", ev, again)
		}
		if !sameJSON(t, again.Data, ev.Data) {
			t.Fatalf("round trip changed data: %s → %s", ev.Data, again.Data)
		}
	})
}

// sameJSON compares two JSON texts as values (numbers kept exact), so that
// escaping and spacing differences do not count.
func sameJSON(t *testing.T, a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	return reflect.DeepEqual(jsonValue(t, a), jsonValue(t, b))
}

func jsonValue(t *testing.T, b []byte) any {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decoding %q: %v", b, err)
	}
	return v
}

// roundTripFunc answers every request of a client.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The list decoder and the page walker: any 200 body on a list either
// decodes into a consistent Page or is ErrMalformedResponse, and walking
// a list that answers the same page again always ends.
func FuzzListPage(f *testing.F) {
	for _, s := range []string{
		`{"data":[{"object":"charge","id":"chr_test_1","amount":500,"creation_date":1615131780000,"metadata":{}}],"paging":{"previous":"https://api.culqi.com/v2/charges?limit=50&before=chr_test_1","next":"https://api.culqi.com/v2/charges?limit=50&after=chr_test_1","cursors":{"before":"chr_test_1","after":"chr_test_1"},"remaining_items":316}}`,
		`{"data":[{"id":"chr_test_1"},{"id":"chr_test_2"}],"paging":{"previous":null,"next":"https://api.culqi.com/v2/charges?limit=50&after=chr_test_2","cursors":{"before":"chr_test_1","after":"chr_test_2"},"remaining_items":0}}`,
		`{"data":[{"id":"chr_test_1"}],"paging":{"cursors":{"before":"chr_test_1","after":"chr_test_1"},"remaining_items":null}}`,
		`{"data":[],"paging":{"previous":null,"next":null,"cursors":{"before":null,"after":null},"remaining_items":0}}`,
		`{"data":null,"paging":null}`,
		`{"data":[null,{"id":"chr_2","amount":"500"}]}`,
		`{"data":[{"id":"chr_1","metadata":{"n":1,"b":true,"o":{"x":1}},"fraud_score":null,"installments_amount":null}]}`,
		`{"data":{"id":"chr_1"}}`,
		`{"data":[{"id":"chr_1"}],"paging":{"cursors":{"after":"chr_1"},"remaining_items":-5}}`,
		`<html>maintenance</html>`,
		``,
		`{"data":[{"id":"chr_1"`,
	} {
		f.Add([]byte(s), 0)
		f.Add([]byte(s), 1)
	}
	f.Fuzz(func(t *testing.T, body []byte, limit int) {
		if limit < 0 || limit > 100 {
			limit = 0
		}
		var calls int
		c, err := NewClient("sk_test_fuzz", WithMaxRetries(0), WithHTTPClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			calls++
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
		})}))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		page, err := c.Charges.List(ctx, &ChargeListParams{Limit: limit})
		if err != nil {
			if !errors.Is(err, ErrMalformedResponse) {
				t.Fatalf("List: not ErrMalformedResponse: %v", err)
			}
		} else {
			if page.HasMore && (len(page.Data) == 0 || page.Paging.Cursors.After == "" ||
				(limit > 0 && len(page.Data) < limit) ||
				(page.Paging.RemainingItems != nil && *page.Paging.RemainingItems <= 0)) {
				t.Fatalf("HasMore on a last page: %d items, paging %+v", len(page.Data), page.Paging)
			}
		}
		calls = 0
		items := 0
		for _, err := range c.Charges.All(ctx, &ChargeListParams{Limit: limit}) {
			if err != nil {
				break
			}
			items++
			if items > 1000 {
				t.Fatal("the walker does not end")
			}
		}
		if calls > 2 {
			t.Fatalf("the walker asked %d times for a list that answers the same page", calls)
		}
	})
}
