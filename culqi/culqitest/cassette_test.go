package culqitest_test

// Shapes checked against Culqi's recorded traffic itself: with
// CULQI_CASSETTES pointing at the culqi-cassettes folder, each test here
// reads the recorded exchange and compares what the fake answers for the
// same operation (top-level keys and which are null, paging, IINs,
// Content-Type). Without it they skip; fidelity_test.go pins the same
// shapes without the files.
//
// The cassettes are VCR YAML. Only what these tests need is read: each
// interaction's method, uri, response status, Content-Type and body, the
// body being a double-quoted YAML scalar that may be folded over lines.

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

type exchange struct {
	method, uri, contentType string
	status                   int
	body                     string
}

func cassette(t *testing.T, name string) []exchange {
	t.Helper()
	dir := os.Getenv("CULQI_CASSETTES")
	if dir == "" {
		t.Skip("CULQI_CASSETTES is not set: skipping the comparison with Culqi's recorded traffic")
	}
	raw, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	out, err := readExchanges(string(raw))
	require.NoError(t, err, name)
	require.NotEmpty(t, out, name)
	return out
}

// readExchanges walks a cassette line by line. Its keys appear in VCR's
// order: request (body, headers, method, uri), then response (body with
// its string, headers, status with its code).
func readExchanges(src string) ([]exchange, error) {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var out []exchange
	var cur *exchange
	inResponse, inContentType := false, false
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case t == "- request:":
			out = append(out, exchange{})
			cur, inResponse, inContentType = &out[len(out)-1], false, false
		case cur == nil:
		case t == "response:":
			inResponse = true
		case strings.HasPrefix(t, "method: ") && !inResponse:
			cur.method = strings.TrimPrefix(t, "method: ")
		case strings.HasPrefix(t, "uri: ") && !inResponse:
			cur.uri = strings.TrimPrefix(t, "uri: ")
		case inResponse && (t == "string:" || strings.HasPrefix(t, "string: ")):
			s, next, err := scalar(lines, i, strings.TrimSpace(strings.TrimPrefix(t, "string:")))
			if err != nil {
				return nil, err
			}
			cur.body, i = s, next
		case inResponse && strings.EqualFold(t, "content-type:"):
			inContentType = true
		case inResponse && inContentType && strings.HasPrefix(t, "- "):
			cur.contentType, inContentType = strings.TrimPrefix(t, "- "), false
		case inResponse && strings.HasPrefix(t, "code: "):
			cur.status, _ = strconv.Atoi(strings.Trim(strings.TrimPrefix(t, "code: "), `"`))
		}
	}
	return out, nil
}

// scalar reads a YAML scalar that starts on line i with first: a
// double-quoted one, possibly folded over the next lines, or a plain one
// on its own line (the folded string continuing on the next line when
// first is empty). It returns the value and the index of its last line.
func scalar(lines []string, i int, first string) (string, int, error) {
	if first == "" && i+1 < len(lines) {
		i++
		first = strings.TrimSpace(lines[i])
	}
	if first == "" || (first[0] != '"' && first[0] != '\'') {
		return first, i, nil
	}
	// Gather the raw text up to the closing quote, folding line breaks:
	// one break is a space, each blank line a newline, and a break after
	// an escaping backslash (double quotes only) nothing.
	double := first[0] == '"'
	var b strings.Builder
	text := first[1:]
	for {
		end, ok := closingSingle(text)
		if double {
			end, ok = closingQuote(text)
		}
		if ok {
			b.WriteString(text[:end])
			break
		}
		i++
		if i >= len(lines) {
			return "", i, errUnterminated
		}
		line := strings.TrimRight(text, " ")
		blank := 0
		for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
			blank++
			i++
		}
		if i >= len(lines) {
			return "", i, errUnterminated
		}
		next := strings.TrimLeft(lines[i], " \t")
		switch {
		case double && strings.HasSuffix(line, `\`) && !strings.HasSuffix(line, `\\`):
			b.WriteString(line[:len(line)-1])
		case blank > 0:
			b.WriteString(line + strings.Repeat("\n", blank))
		default:
			b.WriteString(line + " ")
		}
		text = next
	}
	if !double {
		return strings.ReplaceAll(b.String(), "''", "'"), i, nil
	}
	s, err := unescape(b.String())
	return s, i, err
}

// closingSingle finds the quote that ends a single-quoted scalar, where ”
// stands for one quote.
func closingSingle(s string) (int, bool) {
	for j := 0; j < len(s); j++ {
		if s[j] == '\'' {
			if j+1 < len(s) && s[j+1] == '\'' {
				j++
				continue
			}
			return j, true
		}
	}
	return 0, false
}

type yamlError string

func (e yamlError) Error() string { return string(e) }

const errUnterminated = yamlError("unterminated double-quoted scalar")

// closingQuote finds the unescaped quote that ends a double-quoted scalar.
func closingQuote(s string) (int, bool) {
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j, true
		}
	}
	return 0, false
}

// unescape applies YAML's double-quoted escapes.
func unescape(s string) (string, error) {
	var b strings.Builder
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		j++
		if j >= len(s) {
			return "", yamlError("a lone backslash")
		}
		hex := 0
		switch s[j] {
		case 'x':
			hex = 2
		case 'u':
			hex = 4
		case 'U':
			hex = 8
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case '"', '\\', '/', ' ':
			b.WriteByte(s[j])
		default:
			return "", yamlError("unknown escape \\" + string(s[j]))
		}
		if hex > 0 {
			if j+hex >= len(s) {
				return "", yamlError("a short \\x, \\u or \\U escape")
			}
			n, err := strconv.ParseUint(s[j+1:j+1+hex], 16, 32)
			if err != nil {
				return "", err
			}
			b.WriteRune(rune(n)) // a code point: \xE1 is á
			j += hex
		}
	}
	if !utf8.ValidString(b.String()) {
		return "", yamlError("not UTF-8")
	}
	return b.String(), nil
}

func TestReadExchanges(t *testing.T) {
	t.Parallel()
	src := `interactions:
  - request:
      body: '{"a": 1}'
      method: POST
      uri: https://api.culqi.com/v2/charges
    response:
      body:
        string: "{\"name\":\"Cl\xE1sica\",\"text\":\"La
          operaci\xF3n\",\"joined\":\"a\
          b\"}"
      headers:
        Content-Type:
          - application/json;charset=UTF-8
      status:
        code: 201
        message: Created
  - request:
      body: null
      method: DELETE
      uri: https://api.culqi.com/v2/orders/ord_test_x
    response:
      body:
        string: ""
      headers:
        Content-Type:
          - application/json
      status:
        code: 204
        message: No Content
  - request:
      method: GET
      uri: https://api.culqi.com/v2/iins
    response:
      body:
        string:
          "{\"data\":[],
          \"paging\":null}"
      headers:
        Content-type:
          - application/json;charset=UTF-8
      status:
        code: 200
  - request:
      method: GET
      uri: https://api.culqi.com/v2/tokens
    response:
      body:
        string: '{"name":"it''s",
          "n":1}'
      status:
        code: 200
`
	got, err := readExchanges(src)
	require.NoError(t, err)
	assert.Equal(t, []exchange{
		{method: "POST", uri: "https://api.culqi.com/v2/charges", contentType: "application/json;charset=UTF-8", status: 201,
			body: `{"name":"Clásica","text":"La operación","joined":"ab"}`},
		{method: "DELETE", uri: "https://api.culqi.com/v2/orders/ord_test_x", contentType: "application/json", status: 204},
		{method: "GET", uri: "https://api.culqi.com/v2/iins", contentType: "application/json;charset=UTF-8", status: 200,
			body: `{"data":[], "paging":null}`},
		{method: "GET", uri: "https://api.culqi.com/v2/tokens", status: 200, body: `{"name":"it's", "n":1}`},
	}, got)
	_, err = readExchanges("  - request:\n    response:\n      body:\n        string: \"open\n")
	assert.Error(t, err)
}

// shape names the JSON kind of each top-level key ("null", "string",
// "number", "bool", "object", "array").
func shape(t *testing.T, body string) map[string]string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &m), body)
	out := map[string]string{}
	for k, v := range m {
		switch v.(type) {
		case nil:
			out[k] = "null"
		case string:
			out[k] = "string"
		case float64:
			out[k] = "number"
		case bool:
			out[k] = "bool"
		case map[string]any:
			out[k] = "object"
		case []any:
			out[k] = "array"
		}
	}
	return out
}

// find returns the last recorded exchange for method and a uri ending in
// suffix (the newest recording, 2021).
func find(t *testing.T, xs []exchange, method, suffix string) exchange {
	t.Helper()
	for i := len(xs) - 1; i >= 0; i-- {
		if xs[i].method == method && strings.HasSuffix(strings.SplitN(xs[i].uri, "?", 2)[0], suffix) {
			return xs[i]
		}
	}
	t.Fatalf("no %s …%s recorded", method, suffix)
	return exchange{}
}

// The answers to a charge's capture and to the legacy plan and
// subscription creation have the recorded keys, null where the recording
// has null, with the recorded status and Content-Type.
func TestShapesMatchCassettes(t *testing.T) {
	t.Parallel()
	capture := find(t, cassette(t, "ChargeTest.test_charge_capture.yaml"), "POST", "/capture")
	plan := find(t, cassette(t, "PlanTest.test_plan_create.yaml"), "POST", "/v2/plans")
	sub := find(t, cassette(t, "SubscriptionTest.test_subscription_create.yaml"), "POST", "/v2/subscriptions")

	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	f := false
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe",
		SourceID: newToken(t, c, culqitest.CardVisa).ID, Description: "Venta de prueba", Capture: &f})
	require.NoError(t, err)
	status, h, b := raw(t, srv, "POST", "/v2/charges/"+ch.ID+"/capture", culqitest.SecretKey, nil)
	assert.Equal(t, capture.status, status)
	assert.Equal(t, capture.contentType, h.Get("Content-Type"))
	assert.Equal(t, shape(t, capture.body), shape(t, string(b)), "capture")

	status, h, b = raw(t, srv, "POST", "/v2/plans", culqitest.SecretKey, map[string]any{"amount": 1000,
		"currency_code": "PEN", "interval": "dias", "interval_count": 2, "limit": 10, "name": "plan-x", "trial_days": 30})
	assert.Equal(t, plan.status, status)
	assert.Equal(t, plan.contentType, h.Get("Content-Type"))
	assert.Equal(t, shape(t, plan.body), shape(t, string(b)), "legacy plan")
	planID, _ := decodeMap(t, b)["id"].(string)

	saved, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: newCustomer(t, c).ID, TokenID: newToken(t, c, culqitest.CardVisa).ID})
	require.NoError(t, err)
	status, h, b = raw(t, srv, "POST", "/v2/subscriptions", culqitest.SecretKey, map[string]any{"card_id": saved.ID, "plan_id": planID})
	assert.Equal(t, sub.status, status)
	assert.Equal(t, sub.contentType, h.Get("Content-Type"))
	assert.Equal(t, shape(t, sub.body), shape(t, string(b)), "legacy subscription")
	var recorded, answered map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(sub.body), &recorded))
	require.NoError(t, json.Unmarshal(b, &answered))
	assert.Equal(t, shape(t, string(recorded["plan"])), shape(t, string(answered["plan"])), "the subscription's plan")
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// A declined charge, read back, has the keys of the declined charges in
// the recorded charge list, null where they are null; the 402 has the
// recorded error's keys.
func TestDeclinedChargeMatchesCassettes(t *testing.T) {
	t.Parallel()
	decline := find(t, cassette(t, "ChargeTest.test_charge_create__stolen_card__visa.yaml"), "POST", "/v2/charges")
	var listed map[string]any
	for _, x := range cassette(t, "ChargeTest.test_charge_list.yaml") {
		var page struct{ Data []map[string]any }
		require.NoError(t, json.Unmarshal([]byte(x.body), &page))
		for _, ch := range page.Data {
			if o, _ := ch["outcome"].(map[string]any); o["decline_code"] == culqi.DeclineStolenCard {
				listed = ch
			}
		}
	}
	require.NotNil(t, listed, "a stolen-card charge is in the recorded list")

	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok := newToken(t, c, mustDeclineCard(t, culqi.DeclineStolenCard))
	status, h, b := raw(t, srv, "POST", "/v2/charges", culqitest.SecretKey, map[string]any{"amount": 1000, "capture": false,
		"currency_code": "PEN", "description": "Venta de prueba", "email": "richard@piedpiper.com", "installments": 0,
		"source_id": tok.ID})
	assert.Equal(t, decline.status, status)
	assert.Equal(t, decline.contentType, h.Get("Content-Type"))
	assert.Equal(t, shape(t, decline.body), shape(t, string(b)))
	id, _ := decodeMap(t, b)["charge_id"].(string)
	status, _, b = raw(t, srv, "GET", "/v2/charges/"+id, culqitest.SecretKey, nil)
	require.Equal(t, http.StatusOK, status)
	want := shape(t, mustJSON(t, listed))
	delete(want, "antifraud_details") // only when the charge was sent some
	assert.Equal(t, want, shape(t, string(b)))
	got := decodeMap(t, b)
	for _, k := range []string{"installments", "duplicated", "dispute", "paid", "fee_details", "operations"} {
		assert.Equal(t, listed[k], got[k], k)
	}
}

// remaining_items is null or a number on each list as in its recording.
func TestPagingMatchesCassettes(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok := newToken(t, c, culqitest.CardVisa)
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	require.NoError(t, err)
	_, err = c.Refunds.Create(ctx, &culqi.RefundParams{ChargeID: ch.ID, Amount: 100, Reason: culqi.ReasonCustomerRequest})
	require.NoError(t, err)
	newCustomer(t, c)
	newToken(t, c, culqitest.CardMastercard) // a token list with more than the page
	for file, path := range map[string]string{
		"CustomerTest.test_customer_list.yaml": "/v2/customers",
		"RefundTest.test_refund_list.yaml":     "/v2/refunds",
		"IinTest.test_iin_list.yaml":           "/v2/iins",
		"TokenTest.test_token_list.yaml":       "/v2/tokens",
		"ChargeTest.test_charge_list.yaml":     "/v2/charges",
	} {
		rec := find(t, cassette(t, file), "GET", path)
		var page struct{ Paging map[string]any }
		require.NoError(t, json.Unmarshal([]byte(rec.body), &page))
		recorded, present := page.Paging["remaining_items"]
		require.True(t, present, file)
		got := paging(t, srv, path+"?limit=1")
		assert.Equal(t, recorded == nil, got["remaining_items"] == nil, "%s: recorded %v, fake %v", path, recorded, got["remaining_items"])
		if path == "/v2/tokens" {
			assert.Equal(t, recorded, got["remaining_items"], "tokens: always 0")
		}
	}
}

// Each test card's IIN, as the fake's token carries it, is the one its
// token carried in the newest recording.
func TestIINsMatchCassettes(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	for file, card := range map[string]culqi.Card{
		"CardTest.test_card_create__successful__visa.yaml":                       culqitest.CardVisa,
		"CardTest.test_card_create__successful__master_card.yaml":                culqitest.CardMastercard,
		"CardTest.test_card_create__successful__american_express.yaml":           culqitest.CardAmex,
		"CardTest.test_card_create__successful__diners_club.yaml":                culqitest.CardDiners,
		"CardTest.test_card_create__stolen_card__visa.yaml":                      mustDeclineCard(t, culqi.DeclineStolenCard),
		"CardTest.test_card_create__lost_card__visa.yaml":                        mustDeclineCard(t, culqi.DeclineLostCard),
		"CardTest.test_card_create__insufficient_funds__visa.yaml":               mustDeclineCard(t, culqi.DeclineInsufficientFunds),
		"CardTest.test_card_create__contact_issuer__master_card.yaml":            mustDeclineCard(t, culqi.DeclineContactIssuer),
		"CardTest.test_card_create__incorrect_cvv__master_card.yaml":             mustDeclineCard(t, culqi.DeclineIncorrectCVV),
		"CardTest.test_card_create__issuer_not_available__american_express.yaml": mustDeclineCard(t, culqi.DeclineIssuerNotAvailable),
		"CardTest.test_card_create__issuer_decline_operation__american_express.yaml": mustDeclineCard(t,
			culqi.DeclineIssuerDeclineOperation),
		"CardTest.test_card_create__invalid_card__diners_club.yaml":     mustDeclineCard(t, culqi.DeclineInvalidCard),
		"CardTest.test_card_create__processing_error__diners_club.yaml": mustDeclineCard(t, culqi.DeclineProcessingError),
		"CardTest.test_card_create__fraudulent__diners_club.yaml":       mustDeclineCard(t, culqi.DeclineFraudulent),
	} {
		rec := find(t, cassette(t, file), "POST", "/v2/tokens")
		var recorded struct{ IIN map[string]any }
		require.NoError(t, json.Unmarshal([]byte(rec.body), &recorded), file)
		status, h, b := raw(t, srv, "POST", "/v2/tokens", culqitest.PublicKey, map[string]any{"card_number": card.Number,
			"cvv": card.CVV, "expiration_month": "12", "expiration_year": strconv.Itoa(time.Now().Year() + 1), "email": "ana@example.pe"})
		require.Equal(t, rec.status, status, file)
		assert.Equal(t, rec.contentType, h.Get("Content-Type"), file)
		var got struct{ IIN map[string]any }
		require.NoError(t, json.Unmarshal(b, &got))
		assert.Equal(t, recorded.IIN, got.IIN, file)
	}
}
