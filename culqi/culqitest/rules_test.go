package culqitest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// send posts body to the fake as it is, past the SDK's own checks, and
// returns the status and the decoded answer.
func send(t *testing.T, srv *culqitest.Server, key, path string, body map[string]any) (int, map[string]any) {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+path, strings.NewReader(string(b)))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

// ruleCase is one request body, built by changing a valid one, and the
// param Culqi's 422 names (none: the body is accepted).
type ruleCase struct {
	name      string
	change    func(b map[string]any)
	wantParam string
}

func checkRules(t *testing.T, srv *culqitest.Server, path string, valid func() map[string]any, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		body := valid()
		tc.change(body)
		status, got := send(t, srv, culqitest.SecretKey, path, body)
		if tc.wantParam == "" {
			assert.Equal(t, http.StatusCreated, status, "%s: %v", tc.name, got)
			continue
		}
		assert.Equal(t, http.StatusUnprocessableEntity, status, tc.name)
		assert.Equal(t, culqi.ErrorTypeParameter, got["type"], tc.name)
		assert.Equal(t, tc.wantParam, got["param"], tc.name)
		assert.Equal(t, "invalid_"+tc.wantParam, got["code"], tc.name)
	}
}

// Orders need the whole client_details, a description of 5 to 80
// characters and an order_number of at most 36 (culqi.md §7.8).
func TestOrderCreateRules(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	valid := func() map[string]any {
		return map[string]any{"amount": 5000, "currency_code": "PEN", "description": "Pedido 1", "order_number": "ped-1",
			"expiration_date": time.Now().Add(time.Hour).Unix(),
			"client_details": map[string]any{"first_name": "Ana", "last_name": "Quispe", "email": "ana@example.pe",
				"phone_number": "987654321"}}
	}
	details := func(k string, v any) func(map[string]any) {
		return func(b map[string]any) {
			cd := b["client_details"].(map[string]any)
			if v == nil {
				delete(cd, k)
			} else {
				cd[k] = v
			}
		}
	}
	checkRules(t, srv, "/v2/orders", valid, []ruleCase{
		{"valid", func(map[string]any) {}, ""},
		{"80-character description", func(b map[string]any) { b["description"] = strings.Repeat("d", 80) }, ""},
		{"36-character order number", func(b map[string]any) { b["order_number"] = strings.Repeat("n", 36) }, ""},
		{"no first name", details("first_name", nil), "client_details"},
		{"no last name", details("last_name", nil), "client_details"},
		{"no email", details("email", nil), "client_details"},
		{"no phone", details("phone_number", nil), "client_details"},
		{"email without @", details("email", "ana.example.pe"), "client_details"},
		{"phone over 15", details("phone_number", strings.Repeat("9", 16)), "client_details"},
		{"no client details", func(b map[string]any) { delete(b, "client_details") }, "client_details"},
		{"description under 5", func(b map[string]any) { b["description"] = "Pan" }, "description"},
		{"description over 80", func(b map[string]any) { b["description"] = strings.Repeat("d", 81) }, "description"},
		{"no order number", func(b map[string]any) { delete(b, "order_number") }, "order_number"},
		{"order number over 36", func(b map[string]any) { b["order_number"] = strings.Repeat("n", 37) }, "order_number"},
	})
}

// Plans need interval_count and initial_cycles, whose count is at least 1
// with an initial charge (culqi.md §7.6.1).
func TestPlanCreateRules(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	valid := func() map[string]any {
		return map[string]any{"name": "Plan mensual", "short_name": "plan-mensual", "description": "Mensual",
			"amount": 2990, "currency": "PEN", "interval_unit_time": 3, "interval_count": 1,
			"initial_cycles": map[string]any{"count": 1, "has_initial_charge": true, "amount": 500, "interval_unit_time": 3}}
	}
	cycles := func(k string, v any) func(map[string]any) {
		return func(b map[string]any) {
			ic := b["initial_cycles"].(map[string]any)
			if v == nil {
				delete(ic, k)
			} else {
				ic[k] = v
			}
		}
	}
	checkRules(t, srv, "/v2/recurrent/plans/create", valid, []ruleCase{
		{"valid", func(map[string]any) {}, ""},
		{"interval count 0", func(b map[string]any) { b["interval_count"] = 0 }, ""},
		{"no initial charge, no cycles", func(b map[string]any) {
			b["initial_cycles"] = map[string]any{"count": 0, "has_initial_charge": false, "amount": 0, "interval_unit_time": 0}
		}, ""},
		{"no interval count", func(b map[string]any) { delete(b, "interval_count") }, "interval_count"},
		{"interval count over 9999", func(b map[string]any) { b["interval_count"] = 10000 }, "interval_count"},
		{"interval count not a number", func(b map[string]any) { b["interval_count"] = "1" }, "interval_count"},
		{"no initial cycles", func(b map[string]any) { delete(b, "initial_cycles") }, "initial_cycles"},
		{"initial charge with no cycles", cycles("count", 0), "initial_cycles"},
		{"count over 9999", cycles("count", 10000), "initial_cycles"},
		{"no has_initial_charge", cycles("has_initial_charge", nil), "initial_cycles"},
		{"negative amount", cycles("amount", -1), "initial_cycles"},
		{"interval unit 7", cycles("interval_unit_time", 7), "initial_cycles"},
	})
}

// A charge's installments must be among those its card's IIN allows
// (culqi.md §7.2); a refused count leaves the token unused.
func TestChargeInstallments(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	charge := func(source string, installments int) (*culqi.Charge, error) {
		return c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 12000, CurrencyCode: "PEN", Email: "ana@example.pe",
			SourceID: source, Installments: installments})
	}
	iin, err := c.Iins.Get(ctx, "411111")
	require.NoError(t, err)
	require.NotContains(t, iin.InstallmentsAllowed, 11)
	require.Contains(t, iin.InstallmentsAllowed, 3)

	tok := newToken(t, c, culqitest.CardVisa)
	_, err = charge(tok.ID, 11)
	var ce *culqi.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, http.StatusUnprocessableEntity, ce.StatusCode)
	assert.Equal(t, "installments", ce.Param)
	ch, err := charge(tok.ID, 3)
	require.NoError(t, err, "the refused charge did not use the token")
	assert.Equal(t, 3, ch.Installments)

	saved, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: newCustomer(t, c).ID, TokenID: newToken(t, c, culqitest.CardVisa).ID})
	require.NoError(t, err)
	_, err = charge(saved.ID, 13)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "installments", ce.Param)
	_, err = charge(saved.ID, 12)
	require.NoError(t, err)

	yape, err := c.Tokens.CreateYape(ctx, &culqi.YapeTokenParams{PhoneNumber: "900000001", OTP: "425251", Amount: 12000})
	require.NoError(t, err)
	_, err = charge(yape.ID, 2)
	require.ErrorAs(t, err, &ce, "a Yape token has no installments")
	assert.Equal(t, "installments", ce.Param)
	_, err = charge(yape.ID, 0)
	require.NoError(t, err)

	// The success Amex card allows none (CardTest.test_card_create__successful__american_express.yaml).
	_, err = charge(newToken(t, c, culqitest.CardAmex).ID, 2)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "installments", ce.Param)
}

// A card saved for a customer_id that names no customer: Culqi answers 401
// "Petición invalida…" (culqi.md §4.3), and the fake does the same.
func TestCardCreateUnknownCustomer(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok := newToken(t, c, culqitest.CardVisa)
	_, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: "cus_test_0000000000000000", TokenID: tok.ID})
	var ce *culqi.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, http.StatusUnauthorized, ce.StatusCode)
	assert.Equal(t, culqi.ErrorTypeAuthentication, ce.Type)
	assert.Equal(t, "Petición invalida, verifica los parámetros del payload", ce.MerchantMessage)
	assert.Empty(t, ce.Param)
	assert.NotErrorIs(t, err, culqi.ErrOutcomeUnknown)
	_, err = c.Cards.Create(ctx, &culqi.CardParams{CustomerID: newCustomer(t, c).ID, TokenID: tok.ID})
	require.NoError(t, err, "the refused card did not use the token")
}

// Deleting a customer cancels what hangs on it (culqi.md §7.4): its saved
// cards charge no more and their subscriptions are cancelled; another
// customer's are untouched.
func TestDeleteCustomerCascades(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	plan, err := c.Plans.Create(ctx, &culqi.PlanParams{Name: "Plan mensual", ShortName: "plan-mensual", Description: "Mensual",
		Amount: 2990, Currency: "PEN", IntervalUnitTime: culqi.IntervalMonthly, IntervalCount: 1})
	require.NoError(t, err)
	saveAndSubscribe := func() (*culqi.SavedCard, *culqi.Subscription, string) {
		cus := newCustomer(t, c)
		card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: newToken(t, c, culqitest.CardVisa).ID})
		require.NoError(t, err)
		sub, err := c.Subscriptions.Create(ctx, &culqi.SubscriptionParams{CardID: card.ID, PlanID: plan.ID, TermsAccepted: true})
		require.NoError(t, err)
		return card, sub, cus.ID
	}
	card, sub, cusID := saveAndSubscribe()
	otherCard, otherSub, _ := saveAndSubscribe()

	require.NoError(t, c.Customers.Delete(ctx, cusID))

	var ce *culqi.Error
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 2990, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: card.ID})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, http.StatusNotFound, ce.StatusCode)
	assert.Equal(t, culqi.ErrorTypeResource, ce.Type)
	assert.Equal(t, "source_id", ce.Param)
	assert.Zero(t, srv.Count(culqitest.KindCharges, card.ID), "no charge was made")
	got, err := c.Cards.Get(ctx, card.ID)
	require.NoError(t, err)
	assert.False(t, got.Active)
	_, err = c.Subscriptions.Get(ctx, sub.ID)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, http.StatusNotFound, ce.StatusCode, "the subscription is cancelled")
	_, err = c.Subscriptions.Create(ctx, &culqi.SubscriptionParams{CardID: card.ID, PlanID: plan.ID, TermsAccepted: true})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "card_id", ce.Param)

	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 2990, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: otherCard.ID})
	require.NoError(t, err)
	_, err = c.Subscriptions.Get(ctx, otherSub.ID)
	require.NoError(t, err)
}

// Tokens refuse a card number that fails the Luhn check.
func TestTokenCardNumberRules(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	year := fmt.Sprint(time.Now().Year() + 1)
	for _, tc := range []struct {
		number    string
		wantParam string
	}{
		{"4111111111111111", ""},
		{"36001212121210", ""},
		{"4111111111111112", "card_number"},
		{"411111111111", "card_number"},
		{"4111 1111 1111 1111", "card_number"},
	} {
		status, got := send(t, srv, culqitest.PublicKey, "/v2/tokens", map[string]any{"card_number": tc.number, "cvv": "123",
			"expiration_month": "12", "expiration_year": year, "email": "ana@example.pe"})
		if tc.wantParam == "" {
			assert.Equal(t, http.StatusCreated, status, tc.number)
			continue
		}
		assert.Equal(t, http.StatusUnprocessableEntity, status, tc.number)
		assert.Equal(t, tc.wantParam, got["param"], tc.number)
	}
}

// Each confirmed order gets its own nine-digit payment code (CIP).
func TestOrderPaymentCodes(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	seen := map[string]bool{}
	for i := range 30 {
		o, err := c.Orders.Create(ctx, &culqi.OrderParams{Amount: 5000, CurrencyCode: "PEN", Description: "Pedido 1",
			OrderNumber: fmt.Sprint("ped-", i), ExpirationDate: time.Now().Add(time.Hour),
			ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"}})
		require.NoError(t, err)
		assert.Regexp(t, `^[0-9]{9}$`, o.PaymentCode)
		assert.False(t, seen[o.PaymentCode], o.PaymentCode)
		seen[o.PaymentCode] = true
	}
}

// A subscription refused for its metadata counts nobody on the plan, on
// both subscription APIs (the fake used to raise the count first).
func TestRefusedSubscriptionCountsNobody(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	plan, err := c.Plans.Create(ctx, &culqi.PlanParams{Name: "Plan mensual", ShortName: "plan-mensual", Description: "Mensual",
		Amount: 2990, Currency: "PEN", IntervalUnitTime: culqi.IntervalMonthly, IntervalCount: 1})
	require.NoError(t, err)
	legacy, err := c.LegacyPlans.Create(ctx, &culqi.LegacyPlanParams{Name: "Plan semanal", Amount: 3000, CurrencyCode: "USD",
		Interval: culqi.LegacyIntervalWeeks, IntervalCount: 1})
	require.NoError(t, err)
	cus := newCustomer(t, c)
	card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: newToken(t, c, culqitest.CardVisa).ID})
	require.NoError(t, err)

	badMetadata := map[string]any{"card_id": card.ID, "tyc": true, "metadata": "not an object"}
	for _, tc := range []struct{ path, planID string }{
		{"/v2/recurrent/subscriptions/create", plan.ID},
		{"/v2/subscriptions", legacy.ID},
	} {
		badMetadata["plan_id"] = tc.planID
		status, _, body := raw(t, srv, "POST", tc.path, culqitest.SecretKey, badMetadata)
		assert.Equal(t, http.StatusUnprocessableEntity, status, "%s: %s", tc.path, body)
	}
	got, err := c.Plans.Get(ctx, plan.ID)
	require.NoError(t, err)
	assert.Zero(t, got.TotalSubscriptions)
	gotLegacy, err := c.LegacyPlans.Get(ctx, legacy.ID)
	require.NoError(t, err)
	assert.Zero(t, gotLegacy.TotalSubscriptions)
}
