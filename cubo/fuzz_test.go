package cubo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/wire"
)

// sentinelPAN is a Luhn-valid card number the seeds put where Cubo might
// echo one; no error string may ever show it.
const sentinelPAN = "4111111111111111"

// masked reports whether s shows no Luhn-valid card number: masking
// changes nothing, and the sentinel never stands as a digit group of its
// own (inside a longer digit run, such as a 21-digit id, it is not a card
// number; see card.MaskPANs).
func masked(s string) bool {
	if card.MaskPANs(s) != s {
		return false
	}
	for i := 0; ; {
		j := strings.Index(s[i:], sentinelPAN)
		if j < 0 {
			return true
		}
		start, end := i+j, i+j+len(sentinelPAN)
		if (start == 0 || !isDigit(s[start-1])) && (end == len(s) || !isDigit(s[end])) {
			return false
		}
		i = start + 1
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// FuzzDecodeError feeds any status and body through decodeError, the
// transport's DecodeError hook: it never panics, always returns a *Error
// with that status, names the outcomes of 408/502/503/504 unknown and of
// other 4xx definite, and shows no card number in its message or fields.
func FuzzDecodeError(f *testing.F) {
	seeds := []struct {
		status int
		body   string
	}{
		{400, `{"statusCode":400,"message":"15 - EMISOR NO DISPONIBLE"}`},
		{400, `{"statusCode":400,"message":"51 - FONDOS INSUFICIENTES"}`},
		{400, `{"statusCode":400,"message":"SM - SOSPECHA DE FRAUDE"}`},
		{400, `{"statusCode":400,"message":"63 - VIOLACIÓN DE SEGURIDAD"}`},
		{400, `{"statusCode":400,"message":"MF: custom_rule_block_bin"}`},
		{400, `{"statusCode":400,"message":["amount must be an integer number","cvv should not be empty"],"error":"Bad Request"}`},
		{422, `{"statusCode":422,"message":["property currency should not exist"],"error":"Unprocessable Entity"}`},
		{401, `{"statusCode":401,"message":"Unauthorized"}`},
		{403, `{"statusCode":403,"message":"Forbidden resource","error":"Forbidden"}`},
		{404, `{"statusCode":404,"message":"Transaction not found","error":"Not Found"}`},
		{400, `{"statusCode":400,"message":{"a":1},"error":"Bad Request"}`},
		{400, `{"statusCode":400,"message":[]}`},
		{400, `{"statusCode":400,"message":"51 - FON`},
		{500, `{"statusCode":500,"message":"Internal server error"}`},
		{500, `{"statusCode":500,"message":"51 - FONDOS INSUFICIENTES"}`},
		{503, `{"statusCode":503,"message":"51 - FONDOS INSUFICIENTES"}`},
		{504, `{"message":"Endpoint request timed out"}`},
		{408, `{"statusCode":408,"message":"Request Timeout"}`},
		{429, `{"statusCode":429,"message":"ThrottlerException: Too Many Requests"}`},
		{502, `<html><body>502 Bad Gateway</body></html>`},
		{500, ``},
		{400, `null`},
		{400, `"51 - FONDOS INSUFICIENTES"`},
		{400, `{"statusCode":"400","message":null,"error":null}`},
		{400, `{"statusCode":400,"message":"tarjeta ` + sentinelPAN + ` invalida"}`},
		{400, `{"statusCode":400,"message":"41 - ` + sentinelPAN + `"}`},
		{400, `{"statusCode":400,"message":"4111 1111 1111 1111 - x"}`},
		{400, `{"statusCode":400,"message":["cardNumber ` + sentinelPAN + ` is invalid","4111-1111-1111-1111"]}`},
		{400, `{"statusCode":400,"message":"x","error":"` + sentinelPAN + `"}`},
		{400, `{"statusCode":400,"message":["4111111", "111111111"]}`},
		{500, `card ` + sentinelPAN},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			status = 100 + (status%500+500)%500
		}
		resp := &transport.Response{StatusCode: status, Header: http.Header{}, Body: body}
		err, definite := decodeError(resp)
		if err == nil {
			t.Fatalf("status %d: nil error", status)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("status %d: %T is not a *Error", status, err)
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode %d, want %d", e.StatusCode, status)
		}
		switch {
		case status == 408 || status == 502 || status == 503 || status == 504:
			if definite {
				t.Fatalf("status %d named definite", status)
			}
		case status >= 400 && status < 500:
			if !definite {
				t.Fatalf("status %d not named definite", status)
			}
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), e.Message, e.ErrorName, e.Code, string(e.Body)} {
			if !masked(s) {
				t.Fatalf("a card number shows: %q", s)
			}
		}
		for _, m := range e.Messages {
			if !masked(m) {
				t.Fatalf("a card number shows in Messages: %q", m)
			}
		}
		if e.Code != "" && (len(e.Code) != 2 || !isAlnum(e.Code[0]) || !isAlnum(e.Code[1])) {
			t.Fatalf("Code %q", e.Code)
		}
		if !strings.HasPrefix(err.Error(), fmt.Sprintf("cubo: HTTP %d", status)) {
			t.Fatalf("Error() = %q", err.Error())
		}
		_ = e.Decline().String()
	})
}

// FuzzParseWebhook: any body either parses to an event with an identifier
// and the body kept as Raw, or fails with ErrInvalidWebhook; it never
// panics, and its errors show no card number.
func FuzzParseWebhook(f *testing.F) {
	for _, s := range []string{
		webhookBody,
		`{"identifier":"8f1c2e7a-1b2c-4d5e-8f90-123456789abc","status":"REJECTED","processedAt":"2025-02-10T22:27:17.317Z","amount":2550,"paymentType":"LINK"}`,
		`{"identifier":"t","amount":"25.50"}`,
		`{"identifier":"t","amount":25.5}`,
		`{"identifier":"t","amount":-5}`,
		`{"identifier":"t","amount":0}`,
		`{"identifier":"t","amount":99999999999999999999}`,
		`{"identifier":"t","processedAt":"yesterday","metadata":"x","amount":7}`,
		`{"identifier":"t","processedAt":1739226437317,"metadata":null}`,
		`{"identifier":"t","metadata":{"orderId":1001,"nested":{"a":[1,2]},"nil":null}}`,
		`{"identifier":12345,"status":"REJECTED"}`,
		`{"identifier":-1.5e3}`,
		`{"identifier":"` + sentinelPAN + `","referenceId":` + sentinelPAN + `}`,
		`{"identifier":true}`,
		`{"identifier":""}`,
		`{"status":"SUCCEEDED"}`,
		`{"identifier":"t","status":5}`,
		`{}`, `[]`, `null`, ``, `<html>`, `{"identifier":"t"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		in := bytes.Clone(body)
		ev, err := ParseWebhook(body)
		if !bytes.Equal(in, body) {
			t.Fatal("ParseWebhook changed its input")
		}
		if err != nil {
			if ev != nil || !errors.Is(err, ErrInvalidWebhook) {
				t.Fatalf("ev %v, err %v", ev, err)
			}
			if !masked(err.Error()) {
				t.Fatalf("a card number shows in %q", err.Error())
			}
			return
		}
		if ev.Identifier == "" || !bytes.Equal(ev.Raw, body) || ev.Amount < 0 {
			t.Fatalf("event %+v from %q", ev, body)
		}
		if len(body) > 0 {
			body[0] ^= 0xff // Raw is a copy
			if bytes.Equal(ev.Raw, body) {
				t.Fatal("Raw shares the caller's buffer")
			}
		}
	})
}

// FuzzResponseJSON decodes any bytes as Cubo's transaction and link
// objects (identifiers as strings or numbers, amounts as decimal strings in
// major units): never a panic, Raw always valid JSON, and a string amount
// converted exactly or refused.
func FuzzResponseJSON(f *testing.F) {
	for _, s := range []string{
		`{"status":"SUCCEEDED","referenceId":"354247606061629","authorizationCode":"015163","processedAt":"2025-02-10T22:27:17.317Z"}`,
		`{"status":"SUCCEEDED","paymentIntentToken":"8f1c2e7a-1b2c-4d5e-8f90-123456789abc","currency":"USD","amount":"10.00","metadata":{"orderId":"1001"}}`,
		`{"status":"REJECTED","paymentIntentToken":"t","currency":"GTQ","amount":"0.5"}`,
		`{"status":"PENDING","amount":10}`,
		`{"amount":""}`, `{"amount":"-1.00"}`, `{"amount":"1e3"}`, `{"amount":"92233720368547758.07"}`, `{"amount":null}`,
		`{"referenceId":354247606061629,"authorizationCode":15163}`,
		`{"referenceId":true}`,
		`{"cuboRedirectUri":"https://link.cubopago.com/p/abc","paymentIntentToken":"8f1c2e7a-1b2c-4d5e-8f90-123456789abc"}`,
		`{"cuboRedirectUri":"x","paymentIntentToken":12}`,
		`null`, `[]`, `"x"`, `{`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var tx Transaction
		if json.Unmarshal(body, &tx) == nil && tx.Raw != nil {
			if !json.Valid(tx.Raw) {
				t.Fatalf("Raw %q is not JSON", tx.Raw)
			}
			var probe struct {
				Amount json.RawMessage `json:"amount"`
			}
			if json.Unmarshal(body, &probe) == nil {
				var s string
				if json.Unmarshal(probe.Amount, &s) == nil && s != "" {
					want, err := wire.ParseDecimal(s)
					if err != nil || want != tx.Amount {
						t.Fatalf("amount %q decoded as %d (ParseDecimal: %d, %v)", s, tx.Amount, want, err)
					}
				} else if tx.Amount != 0 {
					t.Fatalf("amount %s decoded as %d", probe.Amount, tx.Amount)
				}
			}
			_ = tx.Succeeded()
		}
		var l Link
		if json.Unmarshal(body, &l) == nil && l.Raw != nil && !json.Valid(l.Raw) {
			t.Fatalf("Raw %q is not JSON", l.Raw)
		}
	})
}

// A card number cut by the 64 KiB cap on Error.Body keeps none of its
// leading digits: the body is masked whole before it is cut.
func TestErrorBodyCapKeepsNoPartialPAN(t *testing.T) {
	t.Parallel()
	for cut := 1; cut < len(sentinelPAN); cut++ {
		body := strings.Repeat("a", transport.ErrorBodyLimit-cut) + " " + sentinelPAN + " end"
		err, _ := decodeError(&transport.Response{StatusCode: 400, Body: []byte(body)})
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%T", err)
		}
		if len(e.Body) != transport.ErrorBodyLimit {
			t.Fatalf("cut %d: Body has %d bytes", cut, len(e.Body))
		}
		if tail := string(e.Body[len(e.Body)-cut:]); strings.Trim(tail, " *1") != "" || strings.Contains(tail, "41") {
			t.Fatalf("cut %d: the body ends in %q", cut, tail)
		}
	}
}
