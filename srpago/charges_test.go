package srpago

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

// chargeResult is the 2016 sandbox transcript of an approved charge.
const chargeResult = `{"token":"6e1ae97c-a4ed-4510-867a-cee9f8005a81","status":true,"method":"CARD",
  "autorization_code":"2075462680","card":"400010XXXXXX9134","card_type":"VISA","transaction":"order-1",
  "recipe":{"transaction":"NDcxODU2","timestamp":"2016-06-17T10:11:33-05:00","payment_method":"POS",
    "authorization_code":"2075462680","status":"N","reference":{"description":"Store Purchase","number":"ref-1"},
    "card":{"holder_name":"Longbob Longsen","type":"VISA","number":"9134","label":""},
    "total":{"amount":"100.00","currency":"MXN"},"tip":{"amount":"0.00","currency":"MXN"},
    "origin":{"location":{"latitude":0,"longitude":0}},"affiliation":"7209434",
    "transaction_type":"E","url":"https://sandbox-connect.srpago.com/recipe/abc","hasDevolution":false}}`

func TestChargesCreateEnvelopeAndResult(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodPost, testBase+"/v1/payment/card", 200, ok(chargeResult))
	ch, err := c.Charges.Create(ctx, &ChargeParams{
		Source: "crd_4030d0ef", Amount: 12345, Currency: "MXN", Description: "Membresía oro",
		Reference: "ref-1", OrderID: "order-1", IP: "201.141.1.1", Months: 3,
		Metadata: &ChargeMetadata{
			Billing:  &Billing{Email: "ana@example.mx", FirstName: "Ana", LastName: "López", Country: "MX"},
			Member:   &Member{LoggedIn: true, ID: "m-42", Email: "ana@example.mx"},
			Shipping: &Shipping{City: "CDMX"},
			Items:    []Item{{Number: "sku-1", Description: "Membresía", Price: 12345, Quantity: 1, Tax: 1703}},
			SalesTax: 1703, BrowserCookie: "ck", OrderMessage: "gracias",
		},
	})
	require.NoError(t, err)
	r, body := cap.Last(t)
	assertHeaders(t, r, true)
	plain, metadata, keys := openBody(t, body)
	assert.ElementsMatch(t, []string{"key", "data", "metadata"}, keys)
	assert.JSONEq(t, `{"recurrent":"crd_4030d0ef",
	  "payment":{"external":{"transaction":"order-1","application_key":"app_key_123"},
	    "reference":{"number":"ref-1","description":"Membresía oro [order-1]"},
	    "total":{"amount":"123.45","currency":"MXN","months":3},
	    "tip":{"amount":"0.00","currency":"MXN"},
	    "origin":{"ip":"201.141.1.1","location":{"latitude":"0.00000","longitude":"0.00000"}}},
	  "total":{"amount":"123.45","currency":"MXN"}}`, plain)
	assert.JSONEq(t, `{
	  "billing":{"billingEmailAddress":"ana@example.mx","billingFirstName-D":"Ana","billingLastName-D":"López","billingCountry-D":"MX"},
	  "member":{"memberLoggedIn":"Yes","memberId":"m-42","memberEmailAddress":"ana@example.mx"},
	  "shipping":{"shippingCity":"CDMX"},
	  "items":{"item":[{"itemNumber":"sku-1","itemDescription":"Membresía","itemPrice":"123.45","itemQuantity":"1","itemTax":"17.03"}]},
	  "salesTax":"17.03","browserCookie":"ck","orderMessage":"gracias"}`, string(metadata))

	assert.Equal(t, "NDcxODU2", ch.TransactionID)
	assert.Equal(t, "2075462680", ch.AuthorizationCode)
	assert.Equal(t, "order-1", ch.OrderID)
	assert.Equal(t, int64(10000), ch.Amount)
	assert.Equal(t, "MXN", ch.Currency)
	assert.True(t, ch.Approved)
	assert.Equal(t, "CARD", ch.Method)
	assert.Equal(t, "6e1ae97c-a4ed-4510-867a-cee9f8005a81", ch.Token)
	assert.Equal(t, "400010XXXXXX9134", ch.Card)
	assert.Equal(t, CardTypeVisa, ch.CardType)
	require.NotNil(t, ch.Receipt)
	op := ch.Receipt
	assert.Equal(t, "2016-06-17T15:11:33Z", op.Timestamp.UTC().Format("2006-01-02T15:04:05Z"))
	assert.Equal(t, "POS", op.PaymentMethod)
	assert.True(t, op.IsApproved())
	assert.Equal(t, "Store Purchase", op.Description)
	assert.Equal(t, "ref-1", op.Reference)
	assert.Equal(t, OperationCard{HolderName: "Longbob Longsen", Type: CardTypeVisa, Number: "9134"}, op.Card)
	assert.Equal(t, int64(0), op.Tip)
	assert.Equal(t, "7209434", op.Affiliation)
	assert.Equal(t, "E", op.TransactionType)
	assert.Equal(t, "https://sandbox-connect.srpago.com/recipe/abc", op.ReceiptURL)
	assert.False(t, op.Reversed)
}

func TestChargesCreateDefaults(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	// A confirmed charge whose response has no echo and a bare recipe:
	// the SDK fills what it knows.
	cap := reply(mt, http.MethodPost, testBase+"/v1/payment/card", 200, ok(`{"status":true,"method":"CARD","autorization_code":"99","recipe":{"transaction":"NDcxODU2"}}`))
	ch, err := c.Charges.Create(ctx, &ChargeParams{Source: "tok_abc", Amount: 100, Description: "x"})
	require.NoError(t, err)
	_, body := cap.Last(t)
	plain, metadata, _ := openBody(t, body)
	assert.JSONEq(t, `{}`, string(metadata), "metadata is always sent")
	orderID := regexp.MustCompile(`"transaction":"([A-Za-z0-9_-]{22})"`).FindStringSubmatch(plain)
	require.Len(t, orderID, 2, plain)
	assert.JSONEq(t, `{"recurrent":"tok_abc",
	  "payment":{"external":{"transaction":"`+orderID[1]+`","application_key":"app_key_123"},
	    "reference":{"number":"`+orderID[1]+`","description":"x"},
	    "total":{"amount":"1.00","currency":"MXN"},
	    "tip":{"amount":"0.00","currency":"MXN"},
	    "origin":{"location":{"latitude":"0.00000","longitude":"0.00000"}}},
	  "total":{"amount":"1.00","currency":"MXN"}}`, plain)
	assert.Equal(t, orderID[1], ch.OrderID)
	assert.Equal(t, int64(100), ch.Amount)
	assert.Equal(t, "99", ch.AuthorizationCode)
	assert.Equal(t, "NDcxODU2", ch.TransactionID)

	// Every call gets a fresh order id and a fresh envelope key.
	_, err = c.Charges.Create(ctx, &ChargeParams{Source: "tok_abc", Amount: 100, Description: "x"})
	require.NoError(t, err)
	_, body2 := cap.Last(t)
	plain2, _, _ := openBody(t, body2)
	assert.NotContains(t, plain2, orderID[1])
}

func TestMoneyConversion(t *testing.T) {
	t.Parallel()
	for cents, want := range map[int64]string{100: "1.00", 12345: "123.45", 100005: "1000.05", 9_999_999_999_99: "9999999999.99"} {
		c, mt := setup(t)
		cap := reply(mt, http.MethodPost, testBase+"/v1/payment/card", 200, ok(`{"status":true,"recipe":{"transaction":"NDcxODU2"}}`))
		_, err := c.Charges.Create(ctx, &ChargeParams{Source: "crd_1", Amount: cents, Description: "x", OrderID: "o"})
		require.NoError(t, err)
		_, body := cap.Last(t)
		plain, _, _ := openBody(t, body)
		assert.Contains(t, plain, `"total":{"amount":"`+want+`","currency":"MXN"}`, cents)
	}
	// Responses: strings or numbers, decoded exactly.
	for raw, want := range map[string]int64{`"100.00"`: 10000, `100`: 10000, `121`: 12100, `"239037.25"`: 23903725, `0.1`: 10, `"0.07"`: 7, `19.99`: 1999} {
		var op Operation
		require.NoError(t, op.UnmarshalJSON([]byte(`{"total":{"amount":`+raw+`,"currency":"MXN"}}`)), raw)
		assert.Equal(t, want, op.Amount, raw)
	}
	var op Operation
	assert.Error(t, op.UnmarshalJSON([]byte(`{"total":{"amount":"1.234"}}`)), "no silent rounding")
}

func TestChargesReverse(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	// A base64 id with "/" and "=": escaped as one path segment.
	cap := reply(mt, http.MethodGet, `=~^`+regexp.QuoteMeta(testBase)+`/v1/operations/apply-reversal/`, 200,
		ok(`{"token":"t","transaction":"order-1","status":true,"method":"Reversal","autorization_code":"2075462680","card":"424242XXXXXX4242","card_type":"VISA"}`))
	ch, err := c.Charges.Reverse(ctx, "Mj/2NzIxMw==")
	require.NoError(t, err)
	r, body := cap.Last(t)
	assertHeaders(t, r, false)
	assert.Empty(t, body)
	assert.Equal(t, "/v1/operations/apply-reversal/Mj%2F2NzIxMw==", r.URL.EscapedPath())
	assert.Equal(t, "Mj/2NzIxMw==", ch.TransactionID)
	assert.Equal(t, "Reversal", ch.Method)
	assert.True(t, ch.Approved)
	assert.Equal(t, "2075462680", ch.AuthorizationCode)
	assert.Equal(t, "order-1", ch.OrderID)
	assert.Nil(t, ch.Receipt)
}

func TestChargesReverseUnconfirmed(t *testing.T) {
	t.Parallel()
	for name, result := range map[string]string{
		"status false": `{"transaction":"order-1","status":false,"method":"Reversal"}`,
		"no status":    `{"transaction":"order-1","method":"Reversal"}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			reply(mt, http.MethodGet, testBase+"/v1/operations/apply-reversal/NDcxODU2", 200, ok(result))
			ch, err := c.Charges.Reverse(ctx, "NDcxODU2")
			assert.Nil(t, ch)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Equal(t, 1, calls(mt), "never repeated")
		})
	}
}

func TestMoneyMovingCallsAreNeverRepeated(t *testing.T) {
	t.Parallel()
	type call func(c *Client) error
	charge := func(c *Client) error {
		_, err := c.Charges.Create(ctx, &ChargeParams{Source: "crd_1", Amount: 1000, Description: "x"})
		return err
	}
	reverse := func(c *Client) error { _, err := c.Charges.Reverse(ctx, "NDcxODU2"); return err }
	get := func(c *Client) error { _, err := c.Operations.Get(ctx, "NDcxODU2"); return err }
	urls := map[string]string{"charge": testBase + "/v1/payment/card", "reverse": testBase + "/v1/operations/apply-reversal/NDcxODU2", "get": testBase + "/v1/operations/NDcxODU2"}
	methods := map[string]string{"charge": http.MethodPost, "reverse": http.MethodGet, "get": http.MethodGet}
	calls := map[string]call{"charge": charge, "reverse": reverse, "get": get}
	okBody := map[string]string{"charge": ok(chargeResult), "reverse": ok(`{"status":true,"method":"Reversal"}`), "get": ok(`{"transaction":"NDcxODU2"}`)}

	tests := []struct {
		name, call  string
		status      int
		body        string
		wantCalls   int
		wantUnknown bool
		wantErr     bool
		wantCode    string
	}{
		{"charge 503 then 200", "charge", 503, `{}`, 1, true, true, ""},
		{"reversal 503 then 200", "reverse", 503, `{}`, 1, true, true, ""},
		{"charge 500 HTML", "charge", 500, `<html>oops</html>`, 1, true, true, ""},
		{"charge 408 HTML", "charge", 408, `<html>Request Timeout</html>`, 1, true, true, ""},
		{"charge 408 with a decline body: still unknown", "charge", 408, `{"success":false,"error":{"code":"PaymentException","message":"m"}}`, 1, true, true, CodePayment},
		{"charge 500 InternalErrorException", "charge", 500, `{"success":false,"error":{"code":"InternalErrorException","message":"x"}}`, 1, true, true, CodeInternalError},
		{"charge 500 PaymentException: definite", "charge", 500, `{"success":false,"error":{"code":"PaymentException","message":"No se pudo procesar el cobro","detail":{"code":"51","message":"fondos insuficientes","http_status_code":500}}}`, 1, false, true, CodePayment},
		{"reversal 500 InvalidAuthCodeException: definite", "reverse", 500, `{"success":false,"error":{"code":"InvalidAuthCodeException","message":"Solo se pueden cancelar movimientos realizados el mismo dia"}}`, 1, false, true, CodeInvalidAuthCode},
		{"charge 429 then 200: refused, retried", "charge", 429, `{}`, 2, false, false, ""},
		{"GET 503 then 200: retried", "get", 503, `{}`, 2, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			first := httpmockStatus(tt.status, tt.body)
			mt.RegisterResponder(methods[tt.call], urls[tt.call], first.Then(httpmockString(okBody[tt.call])))
			err := calls[tt.call](c)
			assert.Equal(t, tt.wantCalls, mt.GetTotalCallCount())
			if !tt.wantErr {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tt.wantUnknown, errors.Is(err, ErrOutcomeUnknown), err.Error())
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.wantCode, e.Code)
		})
	}
}

// A 200 that does not confirm a charge is no charge result: Sr. Pago may
// have charged, so the caller must reconcile.
func TestChargesCreateUnconfirmed(t *testing.T) {
	t.Parallel()
	for name, result := range map[string]string{
		"status false, no recipe":        `{"status":false,"method":"CARD"}`,
		"status false with a recipe":     `{"status":false,"recipe":{"transaction":"NDcxODU2"}}`,
		"no status":                      `{"recipe":{"transaction":"NDcxODU2"}}`,
		"status true, no recipe":         `{"status":true,"autorization_code":"99"}`,
		"status true, recipe without id": `{"status":true,"recipe":{"total":{"amount":"1.00","currency":"MXN"}}}`,
		"status true, null recipe":       `{"status":true,"recipe":null}`,
		"empty result":                   `{}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			reply(mt, http.MethodPost, testBase+"/v1/payment/card", 200, ok(result))
			ch, err := c.Charges.Create(ctx, &ChargeParams{Source: "crd_1", Amount: 1000, Description: "x"})
			require.Error(t, err)
			assert.Nil(t, ch)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			var me *transport.MalformedResponseError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, 200, me.StatusCode)
			assert.Equal(t, 1, calls(mt), "never repeated")
		})
	}
}

func TestChargeParamsPrintMaskedSource(t *testing.T) {
	t.Parallel()
	p := &ChargeParams{Source: "crd_4030d0ef5a1b2c3d", Amount: 1000, Description: "Membresía", OrderID: "order-1"}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		for _, v := range []any{p, *p} {
			out := fmt.Sprintf(format, v)
			assert.NotContains(t, out, "4030d0ef5a1b", format)
			assert.Contains(t, out, "crd_", format)
			assert.Contains(t, out, "2c3d", format)
			assert.Contains(t, out, "order-1", format)
		}
	}
	assert.Equal(t, `srpago.ChargeParams{Source:"crd_************2c3d", Amount:1000, Currency:"", Description:"Membresía", `+
		`Reference:"", OrderID:"order-1", ReconcileKey:"", IP:"", Months:0, Metadata:(*srpago.ChargeMetadata)(nil)}`, fmt.Sprintf("%#v", *p))
	assert.Equal(t, "{********", fmt.Sprintf("%v", ChargeParams{Source: "tok_abcd"})[:9], "a short token is masked whole")
	assert.Equal(t, "crd_4030d0ef5a1b2c3d", p.Source, "the params are not changed")
}

// TestReconcileRequest: the filters Reconcile sends, the clock-skew margin
// included (since 00:02 in Mexico City searches from the day before).
func TestReconcileRequest(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := reply(mt, http.MethodGet, testBase+"/v1/operations", 200, ok(`{"total":2,"operations":[
	  {"transaction":"MQ==","reference":{"number":"other","description":"x"},"total":{"amount":"1.00","currency":"MXN"}},
	  {"transaction":"Mg==","status":"N","reference":{"number":"k-1","description":"x"},"total":{"amount":"2.50","currency":"MXN"},
	   "card":{"type":"VISA","number":"4242"}}]}`))
	since := time.Date(2026, 12, 3, 6, 2, 0, 0, time.UTC) // 00:02 in Mexico City
	ch, err := c.Charges.Reconcile(ctx, "k-1", since)
	require.NoError(t, err)
	r, _ := rec.Last(t)
	assertHeaders(t, r, false)
	assert.Equal(t, "charge_method=CARD&limit=100&start_date=2026-12-02", r.URL.RawQuery)
	assert.Equal(t, &Charge{TransactionID: "Mg==", OrderID: "k-1", Amount: 250, Currency: "MXN", Approved: true,
		Method: "CARD", Card: "4242", CardType: CardTypeVisa, Receipt: ch.Receipt}, ch)
}

func TestChargeMonthsAccepted(t *testing.T) {
	t.Parallel()
	for _, m := range []int{0, 3, 6, 9, 12} {
		assert.NoError(t, (&ChargeParams{Source: "tok_1", Amount: 100, Description: "x", Months: m}).Validate(), m)
	}
}
