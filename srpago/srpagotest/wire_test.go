package srpagotest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// The tests below pin the exact wire of the fake's plain resources
// (customers, saved cards, operation and payment lists): every status,
// body and the trace header, success and error, so that how the fake
// builds them can change without its answers changing.

// raw sends a request as HTTP Basic and answers the status, the trace
// header and the body as text.
func raw(t *testing.T, srv *srpagotest.Server, method, path, body string) (int, string, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, rd)
	require.NoError(t, err)
	req.SetBasicAuth(srpagotest.AppKey, srpagotest.AppSecret)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"), "%s %s", method, path)
	return resp.StatusCode, resp.Header.Get(srpago.RequestIDHeader), string(b)
}

// wireCase is one request and the exact answer expected.
type wireCase struct {
	name, method, path, body string
	status                   int
	want                     string // JSON, compared as JSON
}

func runWire(t *testing.T, srv *srpagotest.Server, tests []wireCase) {
	t.Helper()
	for _, tt := range tests {
		status, reqID, body := raw(t, srv, tt.method, tt.path, tt.body)
		assert.Equal(t, tt.status, status, "%s: %s", tt.name, body)
		assert.JSONEq(t, tt.want, body, tt.name)
		assert.Regexp(t, `^req[0-9]+/fake$`, reqID, tt.name)
	}
}

// srpErr is Sr. Pago's error envelope.
func srpErr(code, msg string) string {
	return fmt.Sprintf(`{"success":false,"error":{"code":%q,"message":%q,"description":%q}}`, code, msg, msg)
}

func result(v string) string { return `{"success":true,"result":` + v + `}` }

// wireClock fixes the fake's clock: 2026-03-02 12:00 in Mexico City.
func wireClock(srv *srpagotest.Server) string {
	srv.SetClock(func() time.Time { return time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC) })
	return "2026-03-02T12:00:00-06:00"
}

func field(t *testing.T, body, name string) string {
	t.Helper()
	var out struct{ Result map[string]any }
	require.NoError(t, json.Unmarshal([]byte(body), &out), body)
	s, _ := out.Result[name].(string)
	require.NotEmpty(t, s, "%s in %s", name, body)
	return s
}

func TestCustomersWire(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	when := wireClock(srv)

	status, _, body := raw(t, srv, "POST", "/v1/customer", `{"name":"Ana","email":"ana@example.mx","metadata":{"k":"v","n":5}}`)
	require.Equal(t, 200, status, body)
	ana := field(t, body, "id")
	assert.Regexp(t, `^cus_[0-9a-f]{13}$`, ana)
	status, _, body = raw(t, srv, "POST", "/v1/customer", `{"name":"Luis","email":"luis@example.mx"}`)
	require.Equal(t, 200, status, body)
	luis := field(t, body, "id")
	customer := func(id, name, email string, active any, md string, cards string, deactivated int) string {
		return fmt.Sprintf(`{"id":%q,"name":%q,"email":%q,"active":%v,"date_create":%q,"sources":[],"cards":%s,"metadata":%s,"deactivated_cards":%d}`,
			id, name, email, active, when, cards, md, deactivated)
	}
	assert.JSONEq(t, result(customer(luis, "Luis", "luis@example.mx", 1, "{}", "[]", 0)), body, "active is 1 on create")

	runWire(t, srv, []wireCase{
		{"get", "GET", "/v1/customer/" + ana, "", 200,
			result(customer(ana, "Ana", "ana@example.mx", true, `{"k":"v","n":5}`, "[]", 0))},
		{"get unknown", "GET", "/v1/customer/cus_nope", "", 404, srpErr("NotFoundException", "Cliente no encontrado")},
		{"create malformed", "POST", "/v1/customer", `{"name":`, 500, srpErr("InvalidParamException", "JSON inválido")},
		{"create trailing data", "POST", "/v1/customer", `{"name":"a","email":"a@b"} {}`, 500, srpErr("InvalidParamException", "JSON inválido")},
		{"create wrong type", "POST", "/v1/customer", `{"name":5,"email":"a@b"}`, 500, srpErr("InvalidParamException", "JSON inválido")},
		{"create empty body", "POST", "/v1/customer", ``, 500, srpErr("InvalidParamException", "JSON inválido")},
		{"create null", "POST", "/v1/customer", `null`, 500, srpErr("InvalidParamException", "name y email son obligatorios")},
		{"create no name", "POST", "/v1/customer", `{"email":"a@b.mx"}`, 500, srpErr("InvalidParamException", "name y email son obligatorios")},
		{"create bad email", "POST", "/v1/customer", `{"name":"A","email":"ab.mx"}`, 500, srpErr("InvalidParamException", "name y email son obligatorios")},
		{"update", "PUT", "/v1/customer/" + ana, `{"name":"Ana María","email":"","metadata":{"k":"w"}}`, 200,
			result(customer(ana, "Ana María", "ana@example.mx", true, `{"k":"w"}`, "[]", 0))},
		{"update keeps what is not sent", "PUT", "/v1/customer/" + ana, `{}`, 200,
			result(customer(ana, "Ana María", "ana@example.mx", true, `{"k":"w"}`, "[]", 0))},
		{"update unknown", "PUT", "/v1/customer/cus_nope", `{"name":"X"}`, 404, srpErr("NotFoundException", "Cliente no encontrado")},
		{"update malformed, unknown id: the body is read first", "PUT", "/v1/customer/cus_nope", `{`, 500,
			srpErr("InvalidParamException", "JSON inválido")},
		{"list", "GET", "/v1/customer", "", 200, result("[" +
			customer(ana, "Ana María", "ana@example.mx", true, `{"k":"w"}`, "[]", 0) + "," +
			customer(luis, "Luis", "luis@example.mx", true, "{}", "[]", 0) + "]")},
		{"list limit", "GET", "/v1/customer?limit=1", "", 200, result("[" +
			customer(ana, "Ana María", "ana@example.mx", true, `{"k":"w"}`, "[]", 0) + "]")},
		{"list offset; page and cursors are not Sr. Pago's", "GET", "/v1/customer?offset=1&page=5&after=" + luis + "&before=" + ana, "", 200,
			result("[" + customer(luis, "Luis", "luis@example.mx", true, "{}", "[]", 0) + "]")},
		{"list past the end", "GET", "/v1/customer?offset=2", "", 200, result("[]")},
		{"list bad limit", "GET", "/v1/customer?limit=x", "", 500, srpErr("InvalidParamException", "limit y offset deben ser enteros positivos")},
		{"list negative offset", "GET", "/v1/customer?offset=-1", "", 500, srpErr("InvalidParamException", "limit y offset deben ser enteros positivos")},
		{"unknown method", "PATCH", "/v1/customer/" + ana, `{}`, 404, srpErr("InvalidServiceException", "El servicio no existe")},
		{"delete", "DELETE", "/v1/customer/" + luis, "", 200, result(fmt.Sprintf(`{"id":%q}`, luis))},
		{"delete again", "DELETE", "/v1/customer/" + luis, "", 404, srpErr("NotFoundException", "Cliente no encontrado")},
		{"get deleted", "GET", "/v1/customer/" + luis, "", 404, srpErr("NotFoundException", "Cliente no encontrado")},
	})
	assert.Equal(t, 1, srv.CustomersWithEmail("ana@example.mx"))
	assert.Equal(t, 0, srv.CustomersWithEmail("luis@example.mx"))
}

func TestSavedCardsWire(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	when := wireClock(srv)
	c := srv.Client(srpago.WithMaxRetries(0))
	token := func() string {
		tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card(srpagotest.CardApproved)})
		require.NoError(t, err)
		return tok.ID
	}
	ana, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana", Email: "ana@example.mx"})
	require.NoError(t, err)
	luis, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Luis", Email: "luis@example.mx"})
	require.NoError(t, err)

	used := token()
	status, _, body := raw(t, srv, "POST", "/v1/customer/"+ana.ID+"/cards", `{"token":"`+used+`"}`)
	require.Equal(t, 200, status, body)
	first := field(t, body, "token")
	assert.Regexp(t, `^crd_[0-9a-f]{40}$`, first)
	exp := card(srpagotest.CardApproved).ExpiryYYMM()
	saved := func(tok string) string {
		return fmt.Sprintf(`{"token":%q,"holder_name":"Ana López","type":"VISA","number":"424242XXXXXX4242","cvv":"XXXX","expiration":%q,`+
			`"country_code":"MX","bank_name":"VISA TEST","funding":"CREDIT","status":"chargeable"}`, tok, exp)
	}
	assert.JSONEq(t, result(saved(first)), body)
	status, _, body = raw(t, srv, "POST", "/v1/customer/"+ana.ID+"/cards", `{"token":"`+token()+`"}`)
	require.Equal(t, 200, status, body)
	second := field(t, body, "token")
	status, _, body = raw(t, srv, "POST", "/v1/customer/"+luis.ID+"/cards", `{"token":"`+token()+`"}`)
	require.Equal(t, 200, status, body)
	luisCard := field(t, body, "token")
	unused := token()

	anaWith := func(cards string, deactivated int) string {
		return result(fmt.Sprintf(`{"id":%q,"name":"Ana","email":"ana@example.mx","active":true,"date_create":%q,"sources":[],`+
			`"cards":%s,"metadata":{},"deactivated_cards":%d}`, ana.ID, when, cards, deactivated))
	}
	runWire(t, srv, []wireCase{
		{"customer with cards", "GET", "/v1/customer/" + ana.ID, "", 200, anaWith("["+saved(first)+","+saved(second)+"]", 0)},
		{"list", "GET", "/v1/customer/" + ana.ID + "/cards", "", 200, result("[" + saved(first) + "," + saved(second) + "]")},
		{"list takes no paging", "GET", "/v1/customer/" + ana.ID + "/cards?limit=1&offset=1", "", 200,
			result("[" + saved(first) + "," + saved(second) + "]")},
		{"list of an unknown customer", "GET", "/v1/customer/cus_nope/cards", "", 404, srpErr("NotFoundException", "Cliente no encontrado")},
		{"get", "GET", "/v1/customer/" + ana.ID + "/cards/" + second, "", 200, result(saved(second))},
		{"get unknown", "GET", "/v1/customer/" + ana.ID + "/cards/crd_nope", "", 404, srpErr("NotFoundException", "Tarjeta no encontrado")},
		{"get another customer's card", "GET", "/v1/customer/" + ana.ID + "/cards/" + luisCard, "", 404,
			srpErr("NotFoundException", "Tarjeta no encontrado")},
		{"get, unknown customer", "GET", "/v1/customer/cus_nope/cards/" + first, "", 404, srpErr("NotFoundException", "Cliente no encontrado")},
		{"add a used token", "POST", "/v1/customer/" + ana.ID + "/cards", `{"token":"` + used + `"}`, 500,
			srpErr(srpago.CodeTokenAlreadyUsed, "El token ya fue utilizado")},
		{"add an unknown token", "POST", "/v1/customer/" + ana.ID + "/cards", `{"token":"tok_nope"}`, 500,
			srpErr(srpago.CodeInvalidParam, "El token no existe")},
		{"add malformed", "POST", "/v1/customer/" + ana.ID + "/cards", `{"token":`, 500, srpErr("InvalidParamException", "JSON inválido")},
		{"add malformed, unknown customer: the body is read first", "POST", "/v1/customer/cus_nope/cards", `[`, 500,
			srpErr("InvalidParamException", "JSON inválido")},
		{"add, unknown customer: the token stays unused", "POST", "/v1/customer/cus_nope/cards", `{"token":"` + unused + `"}`, 404,
			srpErr("NotFoundException", "Cliente no encontrado")},
		{"delete another customer's card", "DELETE", "/v1/customer/" + ana.ID + "/cards/" + luisCard, "", 404,
			srpErr("NotFoundException", "Tarjeta no encontrado")},
		{"delete, unknown customer", "DELETE", "/v1/customer/cus_nope/cards/" + first, "", 404,
			srpErr("NotFoundException", "Cliente no encontrado")},
		{"delete", "DELETE", "/v1/customer/" + ana.ID + "/cards/" + first, "", 200, result(fmt.Sprintf(`{"token":%q}`, first))},
		{"delete again", "DELETE", "/v1/customer/" + ana.ID + "/cards/" + first, "", 404, srpErr("NotFoundException", "Tarjeta no encontrado")},
		{"the customer counts the deleted card", "GET", "/v1/customer/" + ana.ID, "", 200, anaWith("["+saved(second)+"]", 1)},
	})
	status, _, body = raw(t, srv, "POST", "/v1/customer/"+ana.ID+"/cards", `{"token":"`+unused+`"}`)
	assert.Equal(t, 200, status, "a token refused for an unknown customer stays unused: %s", body)

	// Deleting the customer deletes its cards: they charge no more.
	require.Len(t, srv.SavedCards(), 3)
	runWire(t, srv, []wireCase{
		{"delete the customer", "DELETE", "/v1/customer/" + ana.ID, "", 200, result(fmt.Sprintf(`{"id":%q}`, ana.ID))},
		{"its cards", "GET", "/v1/customer/" + ana.ID + "/cards", "", 404, srpErr("NotFoundException", "Cliente no encontrado")},
	})
	require.Len(t, srv.SavedCards(), 1)
	assert.Equal(t, luisCard, srv.SavedCards()[0].Token)
	_, err = c.Charges.Create(ctx, charge(second, 1000))
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeCardInformationNotFound, e.Code)
}

func TestOperationsWire(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	when := wireClock(srv)
	c := srv.Client(srpago.WithMaxRetries(0))
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	var txs []string
	for i, amount := range []int64{1000, 2050} {
		p := charge(sc.Token, amount)
		p.OrderID = fmt.Sprintf("order-%d", i)
		p.Reference = fmt.Sprintf("ref-%d", i)
		ch, err := c.Charges.Create(ctx, p)
		require.NoError(t, err)
		txs = append(txs, ch.TransactionID)
	}
	_, err := c.Charges.Reverse(ctx, txs[1])
	require.NoError(t, err)
	ops := srv.Operations()
	require.Len(t, ops, 2)
	op := func(i int, amount string, reversed bool) string {
		o := ops[i]
		return fmt.Sprintf(`{"transaction":%q,"timestamp":%q,"payment_method":"POS","authorization_code":%q,"status":"N",`+
			`"reference":{"description":"Membresía [order-%d]","number":"ref-%d"},`+
			`"card":{"holder_name":"Ana López","type":"VISA","number":"4242","label":""},`+
			`"total":{"amount":%q,"currency":"MXN"},"tip":{"amount":"0.00","currency":"MXN"},`+
			`"origin":{"location":{"latitude":0,"longitude":0}},"affiliation":"7209434","transaction_type":"E",`+
			`"url":%q,"hasDevolution":%v}`, o.TransactionID, when, o.AuthorizationCode, i, i, amount, o.ReceiptURL, reversed)
	}
	both := op(0, "10.00", false) + "," + op(1, "20.50", true)
	bad := srpErr("InvalidParamException", "Parámetros de búsqueda inválidos")
	runWire(t, srv, []wireCase{
		{"list", "GET", "/v1/operations", "", 200, result(`{"total":2,"operations":[` + both + `]}`)},
		{"get", "GET", "/v1/operations/" + txs[1], "", 200, result(op(1, "20.50", true))},
		{"get unknown", "GET", "/v1/operations/bm9wZQ==", "", 500, srpErr(srpago.CodeInvalidTransaction, "La transacción no existe")},
		{"limit", "GET", "/v1/operations?limit=1", "", 200, result(`{"total":2,"operations":[` + op(0, "10.00", false) + `]}`)},
		{"offset", "GET", "/v1/operations?offset=1&limit=5", "", 200, result(`{"total":2,"operations":[` + op(1, "20.50", true) + `]}`)},
		{"the day", "GET", "/v1/operations?start_date=2026-03-02&end_date=2026-03-02", "", 200,
			result(`{"total":2,"operations":[` + both + `]}`)},
		{"after the day", "GET", "/v1/operations?start_date=2026-03-03", "", 200, result(`{"total":0,"operations":[]}`)},
		{"before the day", "GET", "/v1/operations?end_date=2026-03-01", "", 200, result(`{"total":0,"operations":[]}`)},
		{"card type", "GET", "/v1/operations?card_type=VISA", "", 200, result(`{"total":2,"operations":[` + both + `]}`)},
		{"other card type", "GET", "/v1/operations?card_type=AMEX", "", 200, result(`{"total":0,"operations":[]}`)},
		{"charge method", "GET", "/v1/operations?charge_method=CARD", "", 200, result(`{"total":2,"operations":[` + both + `]}`)},
		{"other charge method", "GET", "/v1/operations?charge_method=CASH", "", 200, result(`{"total":0,"operations":[]}`)},
		{"bad date", "GET", "/v1/operations?start_date=02-03-2026", "", 500, bad},
		{"bad end date", "GET", "/v1/operations?end_date=x", "", 500, bad},
		{"bad limit", "GET", "/v1/operations?limit=-1", "", 500, bad},
		{"bad offset", "GET", "/v1/operations?offset=a", "", 500, bad},
	})
}

func TestPaymentsWire(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	when := wireClock(srv)
	c := srv.Client(srpago.WithMaxRetries(0))
	var refs []*srpago.CashReference
	for _, amount := range []int64{2500, 1000} {
		cash, err := c.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: amount, Description: "Pedido"})
		require.NoError(t, err)
		refs = append(refs, cash)
	}
	spei, err := c.References.CreateSPEI(ctx, &srpago.SPEIReferenceParams{Amount: 70000, Description: "Transferencia"})
	require.NoError(t, err)
	empty := result(`{"total":0,"operations":[]}`)
	runWire(t, srv, []wireCase{
		{"nothing paid", "GET", "/v1/payment?type=STORE", "", 200,
			result(`{"total":0,"sales":"0.00","transferences":"0.00","commissions":{"amount":"0.00","currency":"MXN"},"operations":[]}`)},
	})
	var txs []string
	for _, ref := range []string{refs[1].Reference, spei.Reference} {
		tx, err := srv.PayReference(ctx, ref)
		require.NoError(t, err)
		txs = append(txs, tx)
	}
	ops := srv.Operations()
	require.Len(t, ops, 2)
	paid := func(i int, method, typ, desc, number, amount string) string {
		return fmt.Sprintf(`{"transaction":%q,"timestamp":%q,"payment_method":%q,"authorization_code":%q,"status":"N",`+
			`"reference":{"description":%q,"number":%q},`+
			`"card":{"holder_name":"Banco pruebas","type":%q,"number":"0000","label":"","raw":"0000","noSignature":"0"},`+
			`"total":{"amount":%q,"currency":"MXN"},"tip":{"amount":"0.00","currency":"MXN"},`+
			`"origin":{"location":{"latitude":"0.000000","longitude":"0.000000"}},"affiliation":0,`+
			`"url":"https://sandbox-connect.srpago.com/recipe/%s","hasDevolution":false}`,
			txs[i], when, method, ops[i].AuthorizationCode, desc, number, typ, amount, txs[i])
	}
	cash := paid(0, "OXX", "OXXO", "Pedido", refs[1].Reference, "10.00")
	transfer := paid(1, "TRA", "SPEI", "Transferencia", spei.Reference, "700.00")
	store := func(ops string) string {
		return result(`{"total":2,"sales":"10.00","transferences":"700.00","commissions":{"amount":"0.00","currency":"MXN"},"operations":[` + ops + `]}`)
	}
	bad := srpErr("InvalidParamException", "type debe ser ECOMMERCE o STORE")
	runWire(t, srv, []wireCase{
		{"store", "GET", "/v1/payment?type=STORE", "", 200, store(cash + "," + transfer)},
		{"store, limit", "GET", "/v1/payment?type=STORE&limit=1", "", 200, store(cash)},
		{"store, offset", "GET", "/v1/payment?type=STORE&offset=1", "", 200, store(transfer)},
		{"store, past the end", "GET", "/v1/payment?type=STORE&offset=7", "", 200, store("")},
		{"ecommerce", "GET", "/v1/payment?type=ECOMMERCE", "", 200, empty},
		{"ecommerce, paged", "GET", "/v1/payment?type=ECOMMERCE&limit=1&offset=1", "", 200, empty},
		{"no type", "GET", "/v1/payment", "", 500, bad},
		{"other type", "GET", "/v1/payment?type=store", "", 500, bad},
		{"bad limit", "GET", "/v1/payment?type=STORE&limit=x", "", 500, bad},
		{"bad offset", "GET", "/v1/payment?type=ECOMMERCE&offset=-2", "", 500, bad},
	})
}
