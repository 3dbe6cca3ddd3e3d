package nominapp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

// Fuzz targets for every decoder that sees Nominapp's bytes: the error
// decoder (the DecodeError hook), the payment and login answers (bare or in
// {"data": …}), and a payment call end to end. Seeds run with go test; CI
// runs each with -fuzztime 4s:
//
//	go test ./nominapp -run '^$' -fuzz '^FuzzDecodeError$' -fuzztime 4s

// fuzzPAN is a Luhn-valid sentinel: when the body carries it, no error
// string may.
const fuzzPAN = "4111111111111111"

// errorSeeds are the documented error shapes and the others decodeError
// accepts, plus what proxies send.
var errorSeeds = []struct {
	status int
	body   string
}{
	{422, `{"error":[{"message":"no puede estar en blanco","code":"0002","object":"plan_id","index":0}]}`},
	{422, `{"error":[{"message":"no puede estar en blanco","code":"0002","object":"plan_id","index":0},{"message":"ya está en uso","code":"0003","object":"email","index":1},{"message":"no es un correo válido","code":"0101","object":"email","index":2}]}`},
	{400, `{"error":[{"message":"no es válido","code":101,"object":"card_number","index":"0"}]}`},
	{422, `{"error":{"message":"rechazada","code":"0701","object":"credit_card","index":0}}`},
	{401, `{"error":"You need to sign in or sign up before continuing."}`},
	{422, `{"errors":[{"message":"no existe","code":"0004","object":"plan_id","index":0}]}`},
	{422, `{"errors":"no existe"}`},
	{404, `{"message":"Not Found"}`},
	{404, `<html><body>404</body></html>`},
	{403, ``},
	{422, `{"error":[{"message":"no puede`},
	{422, `{"error":[]}`},
	{422, `{"error":null,"errors":[{"message":"x"}]}`},
	{422, `{"error":["uno", 2, {"message":"tres","index":2.0}]}`},
	{500, `{"error":[{"message":"error interno","code":"0500","object":"server","index":0}]}`},
	{502, `<html>Bad Gateway</html>`},
	{504, ``},
	{429, `{}`},
	{200, `{"error":[{"message":"La transacción fue rechazada","code":"0701","object":"credit_card","index":0}]}`},
	{200, `{"message":"La tarjeta de crédito ha sido actualizada."}`},
	{201, `{"order_id":"846696993","payment_status":"APPROVED","error":null}`},
	{200, `<html>maintenance</html>`},
	{422, `{"error":[{"message":"la tarjeta ` + fuzzPAN + ` no es válida","code":"` + fuzzPAN + `","object":"4111 1111 1111 1111","index":0}]}`},
	{422, `{"message":"4111-1111-1111-1111 rechazada"}`},
}

// noPAN reports a Luhn-valid 12–19 digit run in s (one MaskPANs would
// change) or the sentinel standing on its own. The sentinel inside a longer
// digit group ("14111111111111111") is not a card number to the masker,
// which never starts or ends a candidate inside a group (see card.MaskPANs).
func noPAN(t *testing.T, what, s string) {
	t.Helper()
	if card.MaskPANs(s) != s {
		t.Fatalf("%s carries a card number: %q", what, s)
	}
	for i := 0; ; {
		j := strings.Index(s[i:], fuzzPAN)
		if j < 0 {
			return
		}
		start, end := i+j, i+j+len(fuzzPAN)
		if (start == 0 || !isASCIIDigit(s[start-1])) && (end == len(s) || !isASCIIDigit(s[end])) {
			t.Fatalf("%s carries the sentinel card number: %q", what, s)
		}
		i = start + 1
	}
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// FuzzDecodeError feeds arbitrary status + body through the transport's
// DecodeError hook: it never panics, always errs for a non-2xx with a *Error
// keeping the status and the safe body, reads a 5xx as never definite, and
// no error field carries a card number.
func FuzzDecodeError(f *testing.F) {
	for _, s := range errorSeeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			status = 100 + (status%500+500)%500
		}
		resp := &transport.Response{StatusCode: status, Header: http.Header{}, Body: body}
		err, definite := decodeError(resp)
		success := status >= 200 && status < 300
		if err == nil {
			if !success {
				t.Fatalf("HTTP %d %q: no error", status, body)
			}
			if !definite {
				t.Fatalf("a success must be definite")
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("HTTP %d: %T, want *Error", status, err)
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode %d, want %d", e.StatusCode, status)
		}
		if !bytes.Equal(e.Body, resp.SafeBody()) {
			t.Fatalf("Body is not the safe body")
		}
		if success && (len(e.Items) == 0 || !definite) {
			t.Fatalf("a 2xx error must have items and be definite: %+v", e.Items)
		}
		if status >= 500 && definite {
			t.Fatalf("HTTP %d read as a definite outcome", status)
		}
		if definite && len(e.Items) == 0 {
			t.Fatalf("definite without an error list")
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "nominapp: HTTP ") {
			t.Fatalf("Error() = %q", msg)
		}
		noPAN(t, "Error()", msg)
		noPAN(t, "Body", string(e.Body))
		for _, it := range e.Items {
			noPAN(t, "Code", it.Code)
			noPAN(t, "Message", it.Message)
			noPAN(t, "Object", it.Object)
		}
		_ = e.Code()
	})
}

// paymentSeeds are the guide's answers of the four payment cases.
var paymentSeeds = []string{
	`{"order_id":"846696993","transaction_id":"43669e18-a8e0-4d33-9e40-3e87a604818c","payment_status":"APPROVED","paid_workers":5}`,
	`{"order_id":846696993,"transaction_id":"43669e18-a8e0-4d33-9e40-3e87a604818c","plan_id":"585030db-a698-4ce9-9e78-17d4009fb9f3","payment_status":"APPROVED","paid_workers":"10","value":"396900"}`,
	`{"plan_id":"585030db-a698-4ce9-9e78-17d4009fb9f3","value":396900.0,"payment_status":"PENDING","paid_workers":10}`,
	`{"data":{"order_id":"1","transaction_id":"t","payment_status":"DECLINED","paid_workers":1,"value":6615}}`,
	`{"data":null,"order_id":"2","payment_status":"APPROVED"}`,
	`{"order_id":null,"value":1.5}`,
	`{"value":-3,"paid_workers":"  7 "}`,
	`[]`,
	`null`,
	`{}`,
}

// wirePayment is the payment X decodes to on its own, without unwrapping.
func wirePayment(x []byte) (*Payment, bool) {
	var w paymentWire
	if json.Unmarshal(x, &w) != nil {
		return nil, false
	}
	env := paymentEnvelope{paymentWire: w}
	return env.payment(), true
}

// FuzzPaymentEnvelope decodes payment answers: never a panic, and
// {"data": X} for an object X decodes to what X does on its own.
func FuzzPaymentEnvelope(f *testing.F) {
	for _, s := range paymentSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var env paymentEnvelope
		bareErr := json.Unmarshal(body, &env)
		if bareErr == nil {
			p := env.payment()
			if p == nil {
				t.Fatalf("nil payment")
			}
		}
		// {"data": X} for an object X is X.
		x := bytes.TrimSpace(body)
		if len(x) == 0 || x[0] != '{' || !json.Valid(x) {
			return
		}
		want, ok := wirePayment(x)
		var wrapped paymentEnvelope
		werr := json.Unmarshal([]byte(`{"data":`+string(x)+`}`), &wrapped)
		if (werr == nil) != ok {
			t.Fatalf("wrapped decode err=%v, bare wire decode ok=%v", werr, ok)
		}
		if ok {
			if got := wrapped.payment(); *got != *want {
				t.Fatalf("wrapped %+v, bare %+v", got, want)
			}
		}
		// Bare X without a "data" member is X.
		if bareErr == nil && env.Data == nil && ok {
			if got := env.payment(); *got != *want {
				t.Fatalf("bare %+v, wire %+v", got, want)
			}
		}
	})
}

// FuzzSessionEnvelope decodes login answers: never a panic, and the token
// of {"data": X} is the token X carries (beside or inside "user").
func FuzzSessionEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"data":{"api_access_token":"tok","user":{"email":"dev@example.co"}}}`,
		`{"api_access_token":"tok"}`,
		`{"data":{"user":{"api_access_token":"tok","email":"dev@example.co"}}}`,
		`{"user":{"api_access_token":"tok"}}`,
		`{"data":{"user":{"email":"dev@example.co"}}}`,
		`{"data":{"api_access_token":""},"api_access_token":"root"}`,
		`{"data":null}`,
		`<html>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var env sessionEnvelope
		if json.Unmarshal(body, &env) == nil {
			_ = env.token()
		}
		x := bytes.TrimSpace(body)
		if len(x) == 0 || x[0] != '{' || !json.Valid(x) {
			return
		}
		var bare session
		if json.Unmarshal(x, &bare) != nil {
			return
		}
		var wrapped sessionEnvelope
		if err := json.Unmarshal([]byte(`{"data":`+string(x)+`}`), &wrapped); err != nil {
			t.Fatalf("wrapped: %v", err)
		}
		if wrapped.token() != bare.token() {
			t.Fatalf("wrapped token %q, bare %q", wrapped.token(), bare.token())
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzPaymentAnswer sends a payment whose answer is status + body, through
// the whole client: it ends in a payment that names itself, or in a typed
// error, unknown outcome or not, never carrying a card number.
func FuzzPaymentAnswer(f *testing.F) {
	for _, s := range paymentSeeds {
		f.Add(201, []byte(s))
	}
	for _, s := range errorSeeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 200 || status > 599 {
			status = 200 + (status%400+400)%400
		}
		hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if r.Body != nil {
				_, _ = io.Copy(io.Discard, r.Body)
				r.Body.Close()
			}
			return &http.Response{
				StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(bytes.NewReader(body)), Request: r,
			}, nil
		})}
		c, err := NewClient("", "", WithAccessToken("tok"), WithHTTPClient(hc), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		p, err := c.Payments.PaySubscription(context.Background(), &SubscriptionPayment{
			Card: Card{Number: fuzzPAN, CVV: "123", ExpMonth: 12, ExpYear: 2040, HolderName: "Ana"}, PlanID: planID, PaidWorkers: 1, PaymentType: Monthly,
		})
		if err == nil {
			if status >= 300 {
				t.Fatalf("HTTP %d read as a success", status)
			}
			if p == nil || (p.Status == "" && p.OrderID == "" && p.TransactionID == "") {
				t.Fatalf("a success that names no payment: %+v", p)
			}
			return
		}
		noPAN(t, "Error()", err.Error())
		var e *Error
		var me *transport.MalformedResponseError
		var se *transport.StatusError
		switch {
		case errors.As(err, &se):
			// A redirect or a final 1xx: never followed, and on a payment
			// the outcome is open.
			if !errors.Is(err, ErrOutcomeUnknown) || se.StatusCode != status {
				t.Fatalf("HTTP %d on a payment: %v", status, err)
			}
		case errors.As(err, &e):
			if e.StatusCode != status {
				t.Fatalf("StatusCode %d, want %d", e.StatusCode, status)
			}
			if status >= 500 && !errors.Is(err, ErrOutcomeUnknown) {
				t.Fatalf("HTTP %d on a payment not ErrOutcomeUnknown: %v", status, err)
			}
		case errors.As(err, &me):
			if !errors.Is(err, ErrOutcomeUnknown) {
				t.Fatalf("an unreadable 2xx on a payment must be ErrOutcomeUnknown: %v", err)
			}
			noPAN(t, "malformed Body", string(me.Body))
		default:
			t.Fatalf("untyped error %T: %v", err, err)
		}
	})
}

// canonical is s after a JSON round trip (invalid UTF-8 becomes U+FFFD).
func canonical(s string) string {
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// FuzzErrorItems builds the error envelope in each shape decodeError
// accepts from arbitrary field values and checks the items come back as
// sent, card numbers masked.
func FuzzErrorItems(f *testing.F) {
	f.Add(422, uint8(0), "no puede estar en blanco", "0002", "plan_id", 0)
	f.Add(422, uint8(1), "rechazada", "0701", "credit_card", 0)
	f.Add(401, uint8(2), "You need to sign in", "", "", 0)
	f.Add(422, uint8(3), "ya está en uso", "0003", "email", 1)
	f.Add(404, uint8(4), "Not Found", "", "", 0)
	f.Add(200, uint8(0), "la tarjeta "+fuzzPAN+" fue rechazada", fuzzPAN, "4111 1111 1111 1111", 2)
	f.Add(503, uint8(0), "error interno", "0500", "server", 0)
	f.Fuzz(func(t *testing.T, status int, shape uint8, message, code, object string, index int) {
		if status < 200 || status > 599 {
			status = 200 + (status%400+400)%400
		}
		item := map[string]any{"message": message, "code": code, "object": object, "index": index}
		var env any
		want := ErrorItem{Code: code, Message: message, Object: object, Index: index}
		switch shape % 5 {
		case 0:
			env = map[string]any{"error": []any{item}}
		case 1:
			env = map[string]any{"error": item}
		case 2:
			env = map[string]any{"error": message}
			want = ErrorItem{Message: message}
		case 3:
			env = map[string]any{"errors": []any{item}}
		case 4:
			env = map[string]any{"message": message}
			want = ErrorItem{Message: message}
		}
		body, err := json.Marshal(env)
		if err != nil {
			t.Fatal(err)
		}
		want.Code = transport.Mask(canonical(want.Code))
		want.Message = transport.Mask(canonical(want.Message))
		want.Object = transport.Mask(canonical(want.Object))

		success := status < 300
		err, definite := decodeError(&transport.Response{StatusCode: status, Header: http.Header{}, Body: body})
		if success && shape%5 == 4 {
			// A bare "message" with a 2xx is a success (the card update's
			// answer).
			if err != nil {
				t.Fatalf("bare message with %d read as an error: %v", status, err)
			}
			return
		}
		if success && shape%5 == 2 && message == "" {
			// {"error": ""} names no error.
			if err != nil {
				t.Fatalf("empty error string with %d read as an error: %v", status, err)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("HTTP %d %s: %T %v", status, body, err, err)
		}
		if shape%5 == 4 && message == "" {
			if len(e.Items) != 0 || definite {
				t.Fatalf("empty bare message: items %+v definite %v", e.Items, definite)
			}
			return
		}
		if len(e.Items) != 1 || e.Items[0] != want {
			t.Fatalf("items %+v, want %+v (body %s)", e.Items, want, body)
		}
		if definite != (status < 500) {
			t.Fatalf("HTTP %d: definite=%v", status, definite)
		}
		noPAN(t, "Error()", err.Error())
	})
}
