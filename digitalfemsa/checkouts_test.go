package digitalfemsa

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkoutJSON is a payment link as the spec's checkout_response shows it,
// every field set.
const checkoutJSON = `{"id":"b0bf16c4-18b9-445e-ba24-01604f329dbf","object":"checkout","livemode":true,"name":"Payment Link Name 1594138857",
"type":"PaymentLink","status":"Issued","url":"https://pay.femsa.com/link/b0bf16c418b9445eba2401604f329dbf","slug":"b0bf16c418b9445eba2401604f329dbf",
"recurrent":true,"payments_limit_count":5,"paid_payments_count":1,"allowed_payment_methods":["cash"],"needs_shipping_contact":true,
"starts_at":1677650400,"expires_at":1680397724,"can_not_expire":true,"emails_sent":2,"sms_sent":3,
"success_url":"https://pay.femsa.com/success","failure_url":"https://pay.femsa.com/failure","metadata":{"campaign":"spring"},"future_field":{"x":1}}`

var wantCheckout = Checkout{ID: "b0bf16c4-18b9-445e-ba24-01604f329dbf", Object: "checkout", Livemode: true, Name: "Payment Link Name 1594138857",
	Type: "PaymentLink", Status: "Issued", URL: "https://pay.femsa.com/link/b0bf16c418b9445eba2401604f329dbf", Slug: "b0bf16c418b9445eba2401604f329dbf",
	Recurrent: true, PaymentsLimitCount: intPtr(5), PaidPaymentsCount: 1, AllowedPaymentMethods: []string{"cash"}, NeedsShippingContact: true,
	StartsAt: unixTime(1677650400), ExpiresAt: unixTime(1680397724), CanNotExpire: true, EmailsSent: 2, SMSSent: 3,
	SuccessURL: "https://pay.femsa.com/success", FailureURL: "https://pay.femsa.com/failure", Metadata: Metadata{"campaign": "spring"}}

func intPtr(v int) *int       { return &v }
func unixTime(s int64) Time   { return Time{Time: time.Unix(s, 0).UTC()} }
func strPtr(v string) *string { return &v }
func boolPtr(v bool) *bool    { return &v }
func int64Ptr(v int64) *int64 { return &v }

func TestCheckoutsCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/checkouts", 200, checkoutJSON)
	exp := time.Now().Add(72 * time.Hour).Truncate(time.Second)
	start := time.Now().Add(time.Hour).Truncate(time.Second)
	p := &CheckoutParams{Name: "Link", Recurrent: true, PaymentsLimitCount: 5, NeedsShippingContact: true, StartsAt: start, ExpiresAt: exp,
		OrderTemplate: CheckoutOrderTemplate{CustomerInfo: &CustomerInfo{Name: "Ana", Email: "ana@example.mx", Phone: "5566982096"},
			LineItems: []LineItem{{Name: "Recarga", UnitPrice: 15000, Quantity: 2, Tags: []string{"tiempo aire"}}}, Metadata: map[string]string{"k": "v"}}}
	ch, err := c.Checkouts.Create(ctx, p)
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/checkouts", "", `{"name":"Link","type":"PaymentLink","recurrent":true,"payments_limit_count":5,
		"allowed_payment_methods":["cash"],"needs_shipping_contact":true,"starts_at":`+strconv.FormatInt(start.Unix(), 10)+`,
		"expires_at":`+strconv.FormatInt(exp.Unix(), 10)+`,"order_template":{"currency":"MXN",
		"customer_info":{"name":"Ana","email":"ana@example.mx","phone":"5566982096"},
		"line_items":[{"name":"Recarga","unit_price":15000,"quantity":2,"tags":["tiempo aire"]}],"metadata":{"k":"v"}}}`)
	assert.Equal(t, wantCheckout, *ch)
	assert.Nil(t, p.AllowedPaymentMethods, "the caller's params are not changed")

	// A single-use link for an existing customer: the optional fields stay out.
	rec = respond(mt, "POST", "/checkouts", 200, checkoutJSON)
	_, err = c.Checkouts.Create(ctx, &CheckoutParams{Name: "Once", Type: "PaymentLink", AllowedPaymentMethods: []string{"cash"}, ExpiresAt: exp, CanNotExpire: true,
		OrderTemplate: CheckoutOrderTemplate{Currency: "MXN", CustomerInfo: &CustomerInfo{CustomerID: "cus_1"}, LineItems: []LineItem{{Name: "A", UnitPrice: 0, Quantity: 1}}}})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/checkouts", "", `{"name":"Once","type":"PaymentLink","recurrent":false,"allowed_payment_methods":["cash"],
		"needs_shipping_contact":false,"expires_at":`+strconv.FormatInt(exp.Unix(), 10)+`,"can_not_expire":true,
		"order_template":{"currency":"MXN","customer_info":{"customer_id":"cus_1"},"line_items":[{"name":"A","unit_price":0,"quantity":1}]}}`)
}

func TestCheckoutsGetCancelEmail(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	id := "b0bf16c4-18b9-445e-ba24-01604f329dbf"
	rec := respond(mt, "GET", "/checkouts/"+id, 200, checkoutJSON)
	ch, err := c.Checkouts.Get(ctx, id)
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/checkouts/"+id, "", "")
	assert.Equal(t, wantCheckout, *ch)

	rec = respond(mt, "PUT", "/checkouts/"+id+"/cancel", 200, checkoutJSON)
	ch, err = c.Checkouts.Cancel(ctx, id)
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", "/checkouts/"+id+"/cancel", "", "")
	assert.Equal(t, wantCheckout, *ch)

	rec = respond(mt, "POST", "/checkouts/"+id+"/email", 200, checkoutJSON)
	ch, err = c.Checkouts.Email(ctx, id, "ana@example.mx")
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/checkouts/"+id+"/email", "", `{"email":"ana@example.mx"}`)
	assert.Equal(t, wantCheckout, *ch)
}

func TestCheckoutsListAndAll(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/checkouts", 200, listJSON(checkoutJSON, true, "b0bf16c4-18b9-445e-ba24-01604f329dbf"))
	pg, err := c.Checkouts.List(ctx, &ListParams{Limit: 1, Search: "Link"})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/checkouts", "limit=1&search=Link", "")
	require.Len(t, pg.Data, 1)
	assert.Equal(t, wantCheckout, *pg.Data[0])
	assert.True(t, pg.HasMore)
	assert.Equal(t, "b0bf16c4-18b9-445e-ba24-01604f329dbf", pg.Next)

	// All follows the cursor to the second (last) page.
	c, mt = setup(t)
	mt.RegisterResponderWithQuery("GET", ProductionURL+"/checkouts", "limit=1", jsonResponder(listJSON(checkoutJSON, true, "b0bf16c4-18b9-445e-ba24-01604f329dbf")))
	mt.RegisterResponderWithQuery("GET", ProductionURL+"/checkouts", "limit=1&next=b0bf16c4-18b9-445e-ba24-01604f329dbf",
		jsonResponder(listJSON(`{"id":"c2","object":"checkout","name":"two"}`, false, "")))
	var ids []string
	for ch, err := range c.Checkouts.All(ctx, &ListParams{Limit: 1}) {
		require.NoError(t, err)
		ids = append(ids, ch.ID)
	}
	assert.Equal(t, []string{"b0bf16c4-18b9-445e-ba24-01604f329dbf", "c2"}, ids)
}

func TestCheckoutParamsValidate(t *testing.T) {
	t.Parallel()
	exp := time.Now().Add(48 * time.Hour)
	ok := func(mod func(p *CheckoutParams)) *CheckoutParams {
		p := &CheckoutParams{Name: "L", ExpiresAt: exp, OrderTemplate: CheckoutOrderTemplate{LineItems: []LineItem{{Name: "a", UnitPrice: 1, Quantity: 1}}}}
		mod(p)
		return p
	}
	require.NoError(t, ok(func(*CheckoutParams) {}).Validate())
	tests := map[string]struct {
		p     *CheckoutParams
		field string
	}{
		"nil":               {nil, "CheckoutParams"},
		"no name":           {ok(func(p *CheckoutParams) { p.Name = "" }), "Name"},
		"recurrent limit":   {ok(func(p *CheckoutParams) { p.Recurrent = true }), "PaymentsLimitCount"},
		"limit single use":  {ok(func(p *CheckoutParams) { p.PaymentsLimitCount = 2 }), "PaymentsLimitCount"},
		"no expiry":         {ok(func(p *CheckoutParams) { p.ExpiresAt = time.Time{} }), "ExpiresAt"},
		"past expiry":       {ok(func(p *CheckoutParams) { p.ExpiresAt = time.Now().Add(-time.Minute) }), "ExpiresAt"},
		"starts after":      {ok(func(p *CheckoutParams) { p.StartsAt = exp.Add(time.Hour) }), "StartsAt"},
		"empty method":      {ok(func(p *CheckoutParams) { p.AllowedPaymentMethods = []string{""} }), "AllowedPaymentMethods[0]"},
		"currency":          {ok(func(p *CheckoutParams) { p.OrderTemplate.Currency = "mxn" }), "OrderTemplate.Currency"},
		"no items":          {ok(func(p *CheckoutParams) { p.OrderTemplate.LineItems = nil }), "OrderTemplate.LineItems"},
		"item quantity":     {ok(func(p *CheckoutParams) { p.OrderTemplate.LineItems[0].Quantity = 0 }), "OrderTemplate.LineItems[0].Quantity"},
		"customer both":     {ok(func(p *CheckoutParams) { p.OrderTemplate.CustomerInfo = &CustomerInfo{CustomerID: "c", Name: "n"} }), "OrderTemplate.CustomerInfo"},
		"customer no name":  {ok(func(p *CheckoutParams) { p.OrderTemplate.CustomerInfo = &CustomerInfo{Email: "a@b.mx"} }), "OrderTemplate.CustomerInfo.Name"},
		"customer bad mail": {ok(func(p *CheckoutParams) { p.OrderTemplate.CustomerInfo = &CustomerInfo{Name: "n", Email: "nope"} }), "OrderTemplate.CustomerInfo.Email"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assertParamField(t, tc.p.Validate(), tc.field)
			c, mt := setup(t)
			_, err := c.Checkouts.Create(ctx, tc.p)
			assertParamField(t, err, tc.field)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
	c, mt := setup(t)
	_, err := c.Checkouts.Email(ctx, "chk_1", "not-an-address")
	assertParamField(t, err, "email")
	assert.Zero(t, mt.GetTotalCallCount())
}
