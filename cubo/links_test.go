package cubo

import (
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLinksCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/links/one-use", 201,
		`{"cuboRedirectUri":"https://link.cubopago.com/pay/abc","paymentIntentToken":"8f1c2e7a-1b2c-4d5e-8f90-123456789abc"}`)
	l, err := c.Links.Create(bg, &LinkParams{Description: "Order 1001", Amount: 2550, RedirectURI: "https://shop.example.com/done?o=1001",
		Metadata: map[string]string{"orderId": "1001"}, ClientName: "Ana", ClientEmail: "ana@example.com", ClientPhone: "+50370000000",
		MonthlyInstallmentID: 3})
	require.NoError(t, err)
	assert.Equal(t, "https://link.cubopago.com/pay/abc", l.RedirectURL)
	assert.Equal(t, "8f1c2e7a-1b2c-4d5e-8f90-123456789abc", l.PaymentIntentToken)
	assert.Contains(t, string(l.Raw), "cuboRedirectUri")
	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, base+"/api/v1/links/one-use", r.URL.String())
	assertHeaders(t, r.Header, true)
	assert.JSONEq(t, `{"description":"Order 1001","amount":2550,"redirectUri":"https://shop.example.com/done?o=1001",
		"metadata":{"orderId":"1001"},"clientName":"Ana","clientEmail":"ana@example.com","clientPhone":"+50370000000",
		"monthlyInstallmentId":3}`, body)

	_, err = c.Links.Create(bg, &LinkParams{Description: "Minimal", Amount: 1, Metadata: map[string]string{}})
	require.NoError(t, err)
	_, body = rec.Last(t)
	assert.JSONEq(t, `{"description":"Minimal","amount":1}`, body)
}

func TestLinksCreateSubscription(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/links/subscription", 201,
		`{"cuboRedirectUri":"https://link.cubopago.com/s/1","paymentIntentToken":"tok_s","description":"Gym","amount":2999,
		"currency":"USD","installments":6,"startingDate":"2026-11-21","endingDate":null}`)
	l, err := c.Links.CreateSubscription(bg, &SubscriptionLinkParams{
		LinkParams:   LinkParams{Description: "Gym", Amount: 2999, RedirectURI: "https://gym.example.com/ok", Metadata: map[string]string{"member": "42"}},
		Installments: 6})
	require.NoError(t, err)
	assert.Equal(t, "https://link.cubopago.com/s/1", l.RedirectURL)
	assert.Equal(t, "tok_s", l.PaymentIntentToken)
	assert.Contains(t, string(l.Raw), `"startingDate":"2026-11-21"`)
	r, body := rec.Last(t)
	assert.Equal(t, base+"/api/v1/links/subscription", r.URL.String())
	assertHeaders(t, r.Header, true)
	assert.JSONEq(t, `{"description":"Gym","amount":2999,"redirectUri":"https://gym.example.com/ok",
		"metadata":{"member":"42"},"installments":6}`, body)
}

// A 2xx link answer missing either field: the link may exist, so the POST
// is not repeated and the outcome is unknown.
func TestLinksUnreadable2xx(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body string }{
		{"no cuboRedirectUri", `{"paymentIntentToken":"t"}`},
		{"no paymentIntentToken", `{"cuboRedirectUri":"https://x"}`},
		{"empty object", `{}`},
		{"null", `null`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("POST", base+"/api/v1/links/one-use", httpmock.NewStringResponder(201, tc.body))
			mt.RegisterResponder("POST", base+"/api/v1/links/subscription", httpmock.NewStringResponder(201, tc.body))
			l, err := c.Links.Create(bg, &LinkParams{Description: "d", Amount: 1})
			assert.Nil(t, l)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			l, err = c.Links.CreateSubscription(bg, &SubscriptionLinkParams{
				LinkParams: LinkParams{Description: "d", Amount: 1, RedirectURI: "https://x.example"}, Installments: 2})
			assert.Nil(t, l)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, 2, mt.GetTotalCallCount(), "each sent once")
		})
	}
}
