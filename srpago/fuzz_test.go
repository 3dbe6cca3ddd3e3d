package srpago

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
)

// sentinelPAN is a Luhn-valid test number that must never come out of an
// error string unmasked.
const sentinelPAN = "4111111111111111"

// Bodies Sr. Pago sends (provider reference and the fixtures of the unit
// tests), for seeding the fuzz targets.
var fuzzBodies = []string{
	`{"success":true,"result":{"reference":{"number":"93"},"barcode":12,"total":{"amount":"1.00"},"expires":"2026-12-10"}}`,
	`{"success":true,"result":{"total_funds":"239037.25","available_funds":1,"commission":{"amount":"1","iva":[]}}}`,
	`{"success":true,"connection":{"token":"abc","expires":"2016-07-17T10:11:28-05:00"}}`,
	`{"success":true,"result":{"total":0,"sales":"x","operations":[{"status":1,"balance":{"amount":1.5}}]}}`,
	`{"success":false,"error":{"code":"PaymentException","message":"No se pudo procesar el cobro","description":"No se pudo procesar el cobro","detail":{"code":"51","message":"Tarjeta declinada por el banco, fondos insuficientes","http_status_code":500}}}`,
	`{"success": false, "error": {"code": "SwitchException", "message": "duplicada"}}`,
	`{"success":false,"error":{"code":"PaymentException","message":"m","detail":{"code":14,"message":"invalid card"}}}`,
	`{"success":false,"error":{"code":"InvalidParamException","message":"m","detail":"total total must be greater than 1.00"}}`,
	`{"success":false,"error":{"code":"InvalidParamException","message":"m","detail":["x"]}}`,
	`{"success":false,"error":{"code":"InternalErrorException","message":"later"}}`,
	`{"success":false,"error":{"code":"InvalidCardException","message":"Tarjeta ` + sentinelPAN + ` inválida","detail":{"code":"14","message":"card 4111 1111 1111 1111"}}}`,
	`{"success":false,"error":{"message":"El servicio no existe"}}`,
	`{"success":false}`,
	`{"result":{"metadata":{"success":true}},"success":false,"error":{"code":"PaymentException"}}`,
	`{"success":true,"result":{"token":"tok_1"}}`,
	`{"success":true,"result":{"id":"cus_1","name":"Ana","email":"ana@example.mx","active":1,"date_create":"2026-03-02T10:00:00-06:00"}}`,
	`{"success":true,"result":{"total":"2","operations":[{"transaction":"NDcxODU2","total":{"amount":"123.45","currency":"MXN"},"hasDevolution":"0"}]}}`,
	`{"success":true,"result":[{"token":"crd_1","number":"424242XXXXXX4242"}]}`,
	`<html><body>502 Bad Gateway</body></html>`,
	`<html>maintenance</html>`,
	`{"success":false,"error":{"code":"Paym`,
	``,
	`{}`,
	`null`,
}

// FuzzDecodeError feeds any status and body through decodeError, the
// transport's DecodeError hook. It never panics; every non-2xx and every
// envelope with a top-level "success": false is an *Error; the error string,
// its fields and the kept body never show a card number.
func FuzzDecodeError(f *testing.F) {
	for _, b := range fuzzBodies {
		for _, st := range []int{200, 201, 400, 401, 404, 500, 502, 503, 504} {
			f.Add(st, []byte(b))
		}
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 100 + abs(status)%900 // a status line holds three digits
		resp := &transport.Response{StatusCode: status, Header: http.Header{}, Body: body, RequestID: "req-" + sentinelPAN}
		err, _ := decodeError(resp)
		ok2xx := status >= 200 && status < 300
		envelopeFalse := topLevelSuccessFalse(body)
		if err == nil {
			if !ok2xx {
				t.Fatalf("status %d: no error", status)
			}
			if envelopeFalse {
				t.Fatalf(`"success": false answered as a success: %q`, body)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("not an *Error: %T", err)
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode %d, want %d", e.StatusCode, status)
		}
		msg := e.Error()
		if !strings.HasPrefix(msg, "srpago: ") {
			t.Fatalf("error string %q", msg)
		}
		if card.MaskPANs(msg) != msg || strings.Contains(msg, sentinelPAN) {
			t.Fatalf("a card number in the error string: %q", msg)
		}
		if !bytes.Equal(card.MaskPANBytes(e.Body), e.Body) || len(e.Body) > transport.ErrorBodyLimit {
			t.Fatalf("an unmasked or oversized Body: %q", e.Body)
		}
		// %#v of the error prints every field: none may hold a card number.
		for _, field := range []string{e.Code, e.Message, e.Description, e.BankCode, e.BankMessage, e.RequestID} {
			if card.MaskPANs(field) != field {
				t.Fatalf("a card number in a field of the error: %q", field)
			}
		}
		_ = e.IsDecline() || e.RetryLater() || e.DoNotRetry()
	})
}

// FuzzDecodeResults decodes any body as each result the SDK reads: the
// {"success", "result"} envelope, lists as arrays or objects, operations
// with amounts as strings or numbers, customers with active as 1 or true,
// charges, tokens, saved cards, payment lists, account, funds, cash and
// SPEI references, login answers and delete acknowledgements. Nothing
// panics.
func FuzzDecodeResults(f *testing.F) {
	for _, b := range fuzzBodies {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		_ = json.Unmarshal(body, new(result[Operation]))
		_ = json.Unmarshal(body, new(result[Customer]))
		_ = json.Unmarshal(body, new(result[list[Operation]]))
		_ = json.Unmarshal(body, new(result[list[Customer]]))
		_ = json.Unmarshal(body, new(result[list[SavedCard]]))
		_ = json.Unmarshal(body, new(result[addedCard]))
		_ = json.Unmarshal(body, new(result[tokenResult]))
		_ = json.Unmarshal(body, new(result[savedCardResult]))
		_ = json.Unmarshal(body, new(result[paymentList]))
		_ = json.Unmarshal(body, new(result[Account]))
		_ = json.Unmarshal(body, new(result[Funds]))
		_ = json.Unmarshal(body, new(acknowledgement))
		_ = json.Unmarshal(body, new(connection))
		var ref result[referenceResult]
		if json.Unmarshal(body, &ref) == nil && ref.V != nil {
			_ = textOrNumber(ref.V.Reference) + textOrNumber(ref.V.Barcode)
			_, _ = ref.V.amount(100)
			_ = ref.V.expires()
		}
		var wc result[wireCharge]
		if json.Unmarshal(body, &wc) == nil && wc.V != nil {
			_ = wc.V.charge()
		}
		// The flexible scalars see raw tokens too, unchecked by a decoder.
		var s flexString
		var b flexBool
		var n flexInt
		_, _, _ = s.UnmarshalJSON(body), b.UnmarshalJSON(body), n.UnmarshalJSON(body)
		_, _ = decodeDetail(body)
		_ = successFalse(body)
	})
}

// FuzzAmountShapes: an amount sent as a JSON string or as a JSON number
// decodes to the same centavos, and a formatted amount reads back exactly.
func FuzzAmountShapes(f *testing.F) {
	for _, s := range []string{"123.45", "0.00", "1", "100.5", "-3.20", "1e2", "0012.30", "99999999.99", "abc", ""} {
		f.Add(s, int64(12345))
	}
	f.Fuzz(func(t *testing.T, amount string, cents int64) {
		var fromString, fromNumber Operation
		errS := json.Unmarshal([]byte(`{"total":{"amount":`+strconvQuote(amount)+`,"currency":"MXN"}}`), &fromString)
		errN := json.Unmarshal([]byte(`{"total":{"amount":`+amount+`,"currency":"MXN"}}`), &fromNumber)
		if errS == nil && errN == nil && fromString.Amount != fromNumber.Amount {
			t.Fatalf("%q: %d as a string, %d as a number", amount, fromString.Amount, fromNumber.Amount)
		}
		cents %= 1e15 // what a payment amount can be
		text := wire.FormatCents(cents)
		for _, raw := range []string{text, strconvQuote(text)} {
			var op Operation
			if err := json.Unmarshal([]byte(`{"total":{"amount":`+raw+`}}`), &op); err != nil {
				t.Fatalf("%s: %v", raw, err)
			}
			if op.Amount != cents {
				t.Fatalf("%s read back as %d, want %d", raw, op.Amount, cents)
			}
		}
	})
}

// FuzzActive: a customer's "active" (and an operation's hasDevolution) is
// true for 1, true, "1" and "true", whatever else the value is, without
// failing the decode.
func FuzzActive(f *testing.F) {
	for _, v := range []string{`1`, `true`, `"1"`, `"true"`, `"TRUE"`, `0`, `false`, `"0"`, `null`, `"yes"`, `2`, `1.0`, `"tru\u0065"`, `{}`, `[]`} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		var val any
		if json.Unmarshal([]byte(v), &val) != nil {
			return // not a JSON value: the document would not decode
		}
		var want bool
		switch x := val.(type) {
		case bool:
			want = x
		case float64:
			want = strings.TrimSpace(v) == "1"
		case string:
			switch strings.ToLower(strings.TrimSpace(x)) {
			case "true", "1", "yes", "y":
				want = true
			}
		}
		var c Customer
		if err := json.Unmarshal([]byte(`{"id":"cus_1","active":`+v+`}`), &c); err != nil {
			t.Fatalf("active %s: %v", v, err)
		}
		if c.Active != want {
			t.Fatalf("active %s: %v, want %v", v, c.Active, want)
		}
		var op Operation
		if err := json.Unmarshal([]byte(`{"hasDevolution":`+v+`}`), &op); err != nil || op.Reversed != want {
			t.Fatalf("hasDevolution %s: %v %v, want %v", v, op.Reversed, err, want)
		}
	})
}

// FuzzEnvelopeRoundTrip: what Seal encrypts, Open gives back, for any
// plaintext and any 32-byte key.
func FuzzEnvelopeRoundTrip(f *testing.F) {
	f.Add([]byte(`{"recurrent":"crd_x","total":{"amount":"123.45","currency":"MXN"}}`), []byte("0123456789abcdefghijklmnopqrstuv"))
	f.Add([]byte(""), []byte("k"))
	f.Add([]byte("0123456789abcdef"), []byte{})
	f.Add(bytes.Repeat([]byte{0x10}, 33), []byte{0xff})
	priv, pemKey := testKeyPair()
	pub, err := envelope.ParsePublicKey([]byte(pemKey))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, plain, key []byte) {
		k := make([]byte, envelope.KeySize)
		copy(k, key)
		ek, data, err := envelope.SealWithKey(pub, k, plain)
		if err != nil {
			t.Fatal(err)
		}
		got, err := envelope.Open(priv, ek, data)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("round trip: %q, want %q", got, plain)
		}
	})
}

// FuzzDecryptECB: malformed ciphertext and padding give an error, never a
// panic; whatever decrypts re-encrypts to the same ciphertext (PKCS #7
// padding is canonical).
func FuzzDecryptECB(f *testing.F) {
	key := []byte("0123456789abcdefghijklmnopqrstuv")
	for _, p := range []string{"", "0123456789abcdef", `{"number":"4242424242424242"}`} {
		ct, err := envelope.EncryptECB(key, []byte(p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(key, ct)
		f.Add(key, ct[:len(ct)-1])
	}
	f.Add(key, []byte{})
	f.Add(key, make([]byte, 16))
	f.Add([]byte("short"), make([]byte, 32))
	f.Fuzz(func(t *testing.T, key, ct []byte) {
		pt, err := envelope.DecryptECB(key, ct)
		if err != nil {
			return
		}
		again, err := envelope.EncryptECB(key, pt)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, ct) {
			t.Fatalf("re-encrypting %q: %x, want %x", pt, again, ct)
		}
	})
}

// FuzzOpen: any key and data fields, as a server (the fake) reads them,
// give an error or a plaintext, never a panic.
func FuzzOpen(f *testing.F) {
	priv, pemKey := testKeyPair()
	pub, err := envelope.ParsePublicKey([]byte(pemKey))
	if err != nil {
		f.Fatal(err)
	}
	ek, data, err := envelope.Seal(pub, []byte(`{"number":"4242424242424242"}`))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ek, data)
	f.Add(ek, data[:len(data)-4])
	f.Add(ek[:len(ek)/2], data)
	f.Add(ek, "AAAA\nAAAA")
	f.Add("", "")
	f.Add("!!!", "===")
	f.Fuzz(func(t *testing.T, key, data string) {
		_, _ = envelope.Open(priv, key, data)
	})
}

// topLevelSuccessFalse: body is a JSON object whose only "success" key
// (encoding/json matches keys in any case, so variants make it ambiguous)
// is exactly "success" and false.
func topLevelSuccessFalse(body []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return false
	}
	n := 0
	for k := range top {
		if strings.EqualFold(k, "success") {
			n++
		}
	}
	v, ok := top["success"]
	return n == 1 && ok && string(bytes.TrimSpace(v)) == "false"
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // the smallest int
			return 0
		}
		return -n
	}
	return n
}

// strconvQuote quotes s as a JSON string.
func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
