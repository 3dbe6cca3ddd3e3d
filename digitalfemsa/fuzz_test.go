package digitalfemsa

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

// sentinelPAN is a Luhn-valid test card number that must never come out of
// an error unmasked.
const sentinelPAN = "4111111111111111"

// errorSeeds are documented error bodies (and the undocumented shapes a
// proxy sends), for the error decoder and the list decoder.
var errorSeeds = []struct {
	status int
	body   string
}{
	{400, `{"object":"error","type":"malformed_request_error","log_id":"l400","details":[{"code":"femsa.errors.malformed_request.json","param":null,"message":"JSON inválido","debug_message":"Invalid JSON"}]}`},
	{401, `{"object":"error","type":"authentication_error","log_id":null,"details":[{"code":"femsa.errors.authentication.missing_key","message":"Acceso no autorizado.","debug_message":"Please include your access key in your request."}]}`},
	{402, `{"object":"error","type":"processing_error","log_id":"l402","details":[{"code":"femsa.errors.processing.charge.card_payment.declined","param":"payment_method.payment_source_id","message":"La tarjeta fue declinada.","debug_message":"The card was declined."}],"data":{"id":"ord_1","object":"order","amount":2000}}`},
	{422, `{"object":"error","type":"parameter_validation_error","log_id":"l422","details":[{"code":"femsa.errors.parameter_validation.whitelist","param":"nickname","message":"m","debug_message":"The parameter nickname is not allowed."}]}`},
	{422, `{"object":"error","type":"parameter_validation_error","details":[{"code":"c","param":"card.number","message":"tarjeta ` + sentinelPAN + ` inválida","debug_message":"card 4111 1111 1111 1111 invalid"}],"data":{"number":"` + sentinelPAN + `"}}`},
	{422, `{"type":"parameter_validation_error","details":[{"code":"c","message":"\u0034111111111111111"}]}`},
	{428, `{"object":"error","type":"precondition_required_error","log_id":"l428","details":[{"code":"femsa.errors.precondition_required.combo.order.cannot_be_updated_because_has_charge","message":"m","debug_message":"d"}]}`},
	{500, `{"object":"error","type":"api_error","log_id":"l500","details":[{"code":"femsa.errors.api","message":"Error interno","debug_message":"Internal error"}]}`},
	{502, `<html><body>502 Bad Gateway ` + sentinelPAN + `</body></html>`},
	{404, ``},
	{422, `{"object":"error","type":"parameter_valid`},
	{400, `{"foo":1}`},
	{422, `{"details":null,"data":null}`},
	{402, `{"type":"` + sentinelPAN + `","log_id":"` + sentinelPAN + `","details":[{"code":"` + sentinelPAN + `","param":"` + sentinelPAN + `"}],"data":{"n":` + sentinelPAN + `}}`},
	{422, `{"type":"111111111","details":[{"code":"x"}]}`},
	{402, `{"type":"processing_error","data":{"card":"\u0034111111111111111","n":[4111111111111111,1.5e3,"<b>"],"4111111111111111":true}}`},
	{402, `{"type":"processing_error","data":{"id":"ord_1"} }`},
	{200, `{"id":"ord_1"}`},
	{200, `{"object":"error","type":"api_error","log_id":"l200","details":[{"code":"femsa.errors.api","message":"tarjeta ` + sentinelPAN + `","debug_message":"d"}]}`},
	{201, `{"object":"error","type":"processing_error","details":"not a list","data":{"card":"` + sentinelPAN + `"}}`},
	{200, `null`},
}

// FuzzDecodeError feeds arbitrary statuses and bodies through the
// transport's DecodeError hook: it never panics, every non-2xx and every
// 2xx carrying the error object is an *Error with the status, any other 2xx
// is no error, and no Luhn-valid card number survives in the message or in
// any field of the error.
func FuzzDecodeError(f *testing.F) {
	for _, s := range errorSeeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = foldStatus(status)
		err, _ := decodeError(&transport.Response{StatusCode: status, Body: body, Header: http.Header{}})
		if status >= 200 && status < 300 {
			// Keys match as encoding/json matches them (case folded).
			var probe struct {
				Object any `json:"object"`
			}
			carriesError := json.Unmarshal(body, &probe) == nil && probe.Object == "error"
			if !carriesError {
				if err != nil {
					t.Fatalf("2xx without the error object gave %v", err)
				}
				return
			}
		}
		if err == nil {
			t.Fatalf("HTTP %d gave no error", status)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("HTTP %d gave %T, not *Error", status, err)
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode %d, want %d", e.StatusCode, status)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "digitalfemsa: HTTP ") {
			t.Fatalf("message %q", msg)
		}
		// Data is checked through its decoded values: its raw text may
		// hold \u escapes whose hex digits join the digits after them.
		fields := []string{msg, string(e.Body), e.Type, e.LogID}
		for _, d := range e.Details {
			fields = append(fields, d.Code, d.Param, d.Message, d.DebugMessage)
		}
		if e.Data != nil {
			dec := json.NewDecoder(bytes.NewReader(e.Data))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("Data is not JSON: %q", e.Data)
			}
			fields = append(fields, jsonTexts(v)...)
		}
		for _, s := range fields {
			if card.MaskPANs(s) != s {
				t.Fatalf("a card number is left unmasked in %q (error %q)", s, msg)
			}
			if hasPAN(s, sentinelPAN) {
				t.Fatalf("the sentinel PAN is in %q", s)
			}
		}
	})
}

// event bodies as the fake and the docs show them.
var eventSeeds = []string{
	`{"id":"6553a1b2c3d4e5f601234567","object":"event","type":"cashout.confirmed","livemode":false,"created_at":1700000000,"data":{"object":{"id":"f2654d66-d740-457a-9a8c-f96b5196f44e","object":"payout_order","amount":3000,"currency":"MXN","status":"withdrawn","reason":"Retiro","reference":"1234567890123456","customer_info":{"object":"customer_info","id":"cus_1"},"payouts":[{"id":"payout_1","object":"payout","amount":3000,"payout_method":{"object":"payout_method","type":"cashout"}}],"metadata":{"k":"v"}},"previous_attributes":{}},"webhook_status":"pending","webhook_logs":[]}`,
	`{"id":"e2","object":"event","type":"order.paid","created_at":"2024-01-02T03:04:05Z","data":{"object":{"id":"ord_1","object":"order","amount":2000,"payment_status":"paid","charges":{"object":"list","has_more":false,"total":1,"data":[{"id":"c1","amount":2000,"payment_method":{"type":"card","last4":"4242"},"refunds":{"data":[]}}]},"line_items":{"data":[{"name":"A","unit_price":2000,"quantity":1}]}}},"webhook_logs":[{"id":"webhl_1","url":"https://example.com","failed_attempts":1,"last_attempted_at":1700000000,"last_http_response_status":500}]}`,
	`{"id":"e3","type":"webhook_ping","data":{"object":null}}`,
	`{"id":"e4","type":"order.created","data":{"object":"not an object","previous_attributes":[]}}`,
	`{"type":"x","data":{"object":{"metadata":null,"created_at":null,"charges":{"data":[null]}}}}`,
	`{"type":"cashout.canceled","data":{"object":{"object":"payout_order","status":"cancelled","expires_at":"2006-01-02 15:04:05.999999+00:00","amount":"30"}}}`,
	`[]`,
	`null`,
}

// FuzzVerifyWebhook: arbitrary body, digest and PEM never panic, and
// nothing verifies without the key's signature. The fake's signed events
// are the seeds.
func FuzzVerifyWebhook(f *testing.F) {
	kp := fuzzKeyPair()
	for i, ev := range eventSeeds {
		body := []byte(ev)
		pemKey := kp.pkix
		if i%2 == 1 {
			pemKey = kp.pkcs1
		}
		f.Add(body, sign(f, kp.priv, body), pemKey)
	}
	f.Add([]byte(eventSeeds[0]), "not base64!", kp.pkix)
	f.Add([]byte(eventSeeds[0]), "", []byte("not a pem"))
	f.Add([]byte(eventSeeds[0]), "AAAA", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}}))
	f.Add([]byte(eventSeeds[0]), "AAAA", bytes.ReplaceAll(kp.pkix, []byte("\n"), []byte(`\n`)))
	tiny := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(tinyKey())})
	f.Add([]byte(eventSeeds[0]), "AQ==", tiny)
	f.Add([]byte(eventSeeds[0]), "AA", tiny)

	f.Fuzz(func(t *testing.T, body []byte, digest string, pemKey []byte) {
		ev, err := VerifyWebhook(body, digest, pemKey)
		if err == nil {
			if ev == nil || ev.Type == "" {
				t.Fatalf("verified without an event: %+v", ev)
			}
			return
		}
		if ev != nil {
			t.Fatalf("an event with an error: %v", err)
		}
		if !errors.Is(err, ErrWebhookKey) && !errors.Is(err, ErrWebhookDigest) && !errors.Is(err, ErrWebhookSignature) && !errors.Is(err, ErrWebhookPayload) {
			t.Fatalf("an error outside the documented set: %v", err)
		}
		// Several keys, one of them the arbitrary input: never panics.
		_, _ = VerifyWebhook(body, digest, kp.pkix, pemKey)
	})
}

// FuzzWebhookTamper signs a body with a real key and changes it: the valid
// signature over the original never verifies the altered body. The body is
// one of the documented events, signed once per worker (signing on every
// run with instrumented RSA would leave little time to fuzz), or, for one
// pick in len(eventSeeds)+1, the fuzzer's own body, signed on the spot.
func FuzzWebhookTamper(f *testing.F) {
	kp := fuzzKeyPair()
	signed := make([]string, len(eventSeeds))
	for i, ev := range eventSeeds {
		signed[i] = sign(f, kp.priv, []byte(ev))
	}
	for i := range eventSeeds {
		f.Add(uint8(i), []byte(nil), uint(i*7), byte(1), uint8(i%4))
	}
	f.Add(uint8(0), []byte(nil), uint(0), byte(0x20), uint8(2))
	f.Add(uint8(len(eventSeeds)), []byte(`{"type":"x"}`), uint(3), byte('y'), uint8(1))
	f.Add(uint8(len(eventSeeds)), []byte{}, uint(0), byte('{'), uint8(2))
	f.Fuzz(func(t *testing.T, pick uint8, own []byte, pos uint, b byte, how uint8) {
		var body []byte
		var digest string
		if i := int(pick) % (len(eventSeeds) + 1); i < len(eventSeeds) {
			body, digest = []byte(eventSeeds[i]), signed[i]
		} else {
			body, digest = own, sign(t, kp.priv, own)
		}
		if _, err := VerifyWebhook(body, digest, kp.pkix, kp.pkcs1); errors.Is(err, ErrWebhookSignature) || errors.Is(err, ErrWebhookDigest) {
			t.Fatalf("the genuine body does not verify: %v", err)
		}
		mutated := bytes.Clone(body)
		switch how % 4 {
		case 0: // flip bits of one byte
			if len(mutated) == 0 || b == 0 {
				return
			}
			mutated[pos%uint(len(mutated))] ^= b
		case 1: // insert a byte
			i := int(pos % uint(len(mutated)+1))
			mutated = append(mutated[:i], append([]byte{b}, mutated[i:]...)...)
		case 2: // append a byte (trailing whitespace included)
			mutated = append(mutated, b)
		case 3: // cut the body short
			if len(mutated) == 0 {
				return
			}
			mutated = mutated[:pos%uint(len(mutated))]
		}
		if bytes.Equal(mutated, body) {
			return
		}
		ev, err := VerifyWebhook(mutated, digest, kp.pkix, kp.pkcs1)
		if !errors.Is(err, ErrWebhookSignature) || ev != nil {
			t.Fatalf("an altered body gave %v, %v; want ErrWebhookSignature", ev, err)
		}
	})
}

// FuzzEventDecode: any JSON as an event never panics its accessors.
func FuzzEventDecode(f *testing.F) {
	for _, ev := range eventSeeds {
		f.Add([]byte(ev))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var ev Event
		if json.Unmarshal(body, &ev) != nil {
			return
		}
		_ = ev.ObjectType()
		po, err := ev.PayoutOrder()
		if (po == nil) == (err == nil) {
			t.Fatalf("PayoutOrder gave %v and %v", po, err)
		}
		o, err := ev.Order()
		if (o == nil) == (err == nil) {
			t.Fatalf("Order gave %v and %v", o, err)
		}
		var anyObj map[string]any
		_ = ev.DecodeObject(&anyObj)
	})
}

type bodyTransport struct {
	status int
	body   []byte
	calls  int
}

func (b *bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	b.calls++
	return &http.Response{StatusCode: b.status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(b.body)), Request: r}, nil
}

// FuzzListPage: any response to a list never panics List or All, a page
// never holds a nil item, and All ends on a list that repeats itself.
func FuzzListPage(f *testing.F) {
	f.Add(200, []byte(`{"object":"list","has_more":true,"next_page_url":"https://api-core.stg.femsa.io/payout_orders?limit=2&next=p2","previous_page_url":null,"data":[{"id":"p1"},{"id":"p2"}]}`), 2)
	f.Add(200, []byte(`{"object":"list","has_more":true,"next_page_url":null,"data":[{"id":"p1"}]}`), 0)
	f.Add(200, []byte(`{"has_more":true,"data":[null]}`), 0)
	f.Add(200, []byte(`{"has_more":true,"data":[{"id":"a"},null]}`), 1)
	f.Add(200, []byte(`{"has_more":true,"next_page_url":"%zz","data":[{"id":""}]}`), 0)
	f.Add(200, []byte(`{"data":null}`), 5)
	f.Add(200, []byte(`<html>maintenance</html>`), 0)
	for _, s := range errorSeeds {
		f.Add(s.status, []byte(s.body), 0)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, limit int) {
		status = foldStatus(status)
		if limit < 0 {
			limit = -limit
		}
		limit %= MaxListLimit + 1
		tr := &bodyTransport{status: status, body: body}
		c, err := NewClient("key_fuzz", WithHTTPClient(&http.Client{Transport: tr}), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		pg, err := c.PayoutOrders.List(ctx, &ListParams{Limit: limit})
		if err == nil {
			if pg.Data == nil {
				t.Fatal("nil Data")
			}
			for i, it := range pg.Data {
				if it == nil {
					t.Fatalf("item %d is nil", i)
				}
			}
		}
		n := 0
		for it, err := range c.PayoutOrders.All(ctx, &ListParams{Limit: limit}) {
			if err == nil && it == nil {
				t.Fatal("All yielded a nil item")
			}
			if n++; n > 10*(MaxListLimit+1) {
				t.Fatal("All does not end on a list that repeats itself")
			}
		}
	})
}

// tinyKey is a public key far too small to be real (n = 187), to probe the
// verifier with a degenerate modulus.
func tinyKey() *rsa.PublicKey {
	return &rsa.PublicKey{N: big.NewInt(187), E: 7}
}

// hasPAN reports whether pan stands in s as a number of its own (not inside
// a longer digit run, which the masking rules leave alone by design).
func hasPAN(s, pan string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], pan)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(pan)
		if (start == 0 || !isDigitByte(s[start-1])) && (end == len(s) || !isDigitByte(s[end])) {
			return true
		}
		i = start + 1
	}
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// jsonTexts lists every string, key and number of a decoded JSON value.
func jsonTexts(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case json.Number:
		return []string{string(x)}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, jsonTexts(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for k, e := range x {
			out = append(out, k)
			out = append(out, jsonTexts(e)...)
		}
		return out
	}
	return nil
}

// foldStatus maps any int onto 100..999, keeping those as they are.
func foldStatus(s int) int { return ((s-100)%900+900)%900 + 100 }

// fuzzKeyPEM is a throwaway RSA key for the webhook fuzz targets only:
// generating keys in every fuzz worker, with coverage-instrumented crypto,
// would leave no time to fuzz.
const fuzzKeyPEM = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCZPL3SBt1lZNz4
fB3YXUv9A83GUXSClldUGh6PbI12qN5XOQynl7AdXGRXEtdKBqcMnaami9zSI4jl
mwcRIxlf5nrcteRFGaEZykEQotx0iZXvm5ZcB3IUNy/OubnD3BcMIC/ReIr7HEkP
nSqpUsU7ZK8Ui7LoxXK5IOn7uBzqdHKRd4fDHtqedTFqg/hPvcabuq7XpN9H2Zy3
IZRyOb7DnOOA0svCrO2FR/EqBWWVHkfMuwqXT7pKne4YZY3lJL14MVBXleiHWZLL
Z/2ShJ+CtRNwy/eiTaTVGxOP3me7bUnn4NctS1YbOc3wM1jmdLc+FvLXYTEF1ADY
MaHhrIKvAgMBAAECggEAGuACUqGNlsjX0GTEPzwtpZRTNKL4kiaX7lIeZf0d2l/H
jvicdZAu/RdFKdhOFdeQ2K+VmMQS2HAPBGXqGWFUg/NCPQ9Rl6TlEkbcnnRRwcaX
m0xoVH+hzFXZdqIwKF+jUycZ+9zuUxgk4C4qW0P+/2mrIylVGWn3suxI3TLvL1cz
S+9LvXfEc05ptY3HF0nHODwAZWlBlLO4vbiOtbp15o280IpEF8WJDmRephXpQELp
PixRAqXA4aev+bg7Pvzbem1P7Z2zCXpdSY0lHa8Duto7YLYXr3eGFIE02DB0llDG
4JnUi1N4mOe1J6/XmOAaFRXBVl8a5hYmFtmYtSJz0QKBgQDVtIHE1505dUXV9D71
qg2Hajw/FU/mUkrSsgMPnF5p4gx5nCU8pYbYdw97euJLZXrLnqUKQTi5H7RK52JE
e1WhmGXtuD1ApEOGikw//DhG0TunVvIVVEezvm7bj8t1oADumSHswgPd9+2InGIZ
OAR9cYGTjK/GzRyrgvDK6la7awKBgQC3kJjCPBllZvMcHqk44ReUc7/nVLbnodQo
d7/DGldDkzexsY+Q8Hp5/v+7Ezebld2gl/qrO+FiBYbYTWIlZNFTZKeQK9l3IO2K
GISsdp+0A3AbdBxs5N7AlBUuZFw/3ZCAKQAaorFautVKMkC3W5dnbmtEj9yM/BEt
OGUnWoLKzQKBgEEEiRK9Ur1fe57Lj7goQ7N2U9wRfNyjHtaZiCrgtSzbtFXvdrjL
14nWN2SnD2BHAKQgoS/Mhhh0l+LOIOya5YOjnSdFDYW0NEMjom05LFoHYHHaFw78
NFBwWMP+LLWdt4rgFh01Lf4DZ0ZP5dysWVldBkJA5F3Em7tmvCHQSBD/AoGAemoy
hS3BHe+G5tTHs0fhCr4aVzIWe+he7NHXD0xsr4Lo3FZ2UIkelGbqsh5Bsj9COou/
vhvD1TOsVmlcr2VJd1yjpjCn6JsL7lElgUHmhQzZ4WUQY8pJhpH6giKppmmiqOUu
zZR7w+7euIlEwUKSeIaZgHKT+W1MIyT9yD3DBW0CgYEAipnDARnTtMNj51A8JFRF
cY0QIORRi1bT329XLV6fPfNQbSpkIEhPFEdOJvitJSBRRgf4Oe2PSAjquI5vak7W
rtaTBR3yfH4TJCpzmFWoC0s9jS8AcZzP5wScU76o+pGiQ32oknPreivUE75ORbwP
EYrOwkrzeBgqc/J9udObBjw=
-----END PRIVATE KEY-----`

var fuzzKeyPair = sync.OnceValue(func() testKeyPair {
	block, _ := pem.Decode([]byte(fuzzKeyPEM))
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		panic(err)
	}
	priv := k.(*rsa.PrivateKey)
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		panic(err)
	}
	return testKeyPair{priv: priv,
		pkix:  pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}),
		pkcs1: pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&priv.PublicKey)})}
})
