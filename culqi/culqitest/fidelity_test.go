package culqitest_test

// Fidelity to Culqi's recorded traffic: each test below names the cassette
// (in the shared culqi-cassettes fixtures, recorded against Culqi's test
// environment in 2020–2021) whose answers it reproduces.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// raw sends a request to the fake as it is and returns the status, the
// headers and the body.
func raw(t *testing.T, srv *culqitest.Server, method, path, key string, body any) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, b
}

func decodeMap(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), string(b))
	return m
}

// The legacy plan and subscription routes answer as recorded in
// PlanTest.test_plan_create.yaml and SubscriptionTest.test_subscription_create.yaml
// (201, interval "Días", status "Activa"), with the recorded dates: a
// subscription made at 1615131813000 to a plan of 2 "dias", limit 10,
// trial 30 days has the period start, end, billing date and end recorded
// there; retrieve, update, list and delete as in PlanTest.test_plan_* and
// SubscriptionTest.test_subscription_*.
func TestLegacyPlansAndSubscriptions(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	srv.SetClock(func() time.Time { return time.UnixMilli(1615131812000) })
	c := srv.Client()

	status, _, b := raw(t, srv, "POST", "/v2/plans", culqitest.SecretKey, map[string]any{"amount": 1000,
		"currency_code": "PEN", "interval": "dias", "interval_count": 2, "limit": 10, "name": "plan-ba2a", "trial_days": 30})
	require.Equal(t, http.StatusCreated, status, string(b))
	plan := decodeMap(t, b)
	planID, _ := plan["id"].(string)
	assert.Regexp(t, `^pln_test_[A-Za-z0-9]{16}$`, planID)
	assert.Equal(t, map[string]any{"object": "plan", "id": planID, "creation_date": 1615131812000.0, "name": "plan-ba2a",
		"amount": 1000.0, "currency_code": "PEN", "interval_count": 2.0, "interval": "Días", "limit": 10.0,
		"trial_days": 30.0, "total_subscriptions": 0.0, "metadata": map[string]any{}}, plan)

	cus := newCustomer(t, c)
	saved, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: newToken(t, c, culqitest.CardVisa).ID})
	require.NoError(t, err)
	srv.SetClock(func() time.Time { return time.UnixMilli(1615131813000) })
	status, _, b = raw(t, srv, "POST", "/v2/subscriptions", culqitest.SecretKey, map[string]any{"card_id": saved.ID, "plan_id": planID})
	require.Equal(t, http.StatusCreated, status, string(b))
	sub := decodeMap(t, b)
	subID, _ := sub["id"].(string)
	assert.Regexp(t, `^sub_test_[A-Za-z0-9]{16}$`, subID)
	for k, want := range map[string]any{"object": "subscription", "creation_date": 1615131813000.0, "status": "Activa",
		"current_period": 0.0, "total_period": 10.0, "current_period_start": 1617685200000.0,
		"current_period_end": 1617858000000.0, "cancel_at_period_end": false, "cancel_at": nil,
		"ended_at": 1619413200000.0, "next_billing_date": 1617685200000.0, "trial_start": 1615131813000.0,
		"trial_end": 1617723813000.0, "charges": []any{}, "metadata": map[string]any{}} {
		assert.Equal(t, want, sub[k], k)
	}
	assert.Equal(t, 1.0, sub["plan"].(map[string]any)["total_subscriptions"])
	assert.Equal(t, saved.ID, sub["card"].(map[string]any)["id"])

	// Through the SDK's LegacyPlans and LegacySubscriptions.
	lp, err := c.LegacyPlans.Get(ctx, planID)
	require.NoError(t, err)
	assert.Equal(t, "Días", lp.Interval)
	assert.Equal(t, 1, lp.TotalSubscriptions)
	lp, err = c.LegacyPlans.Update(ctx, planID, &culqi.MetadataParams{Metadata: map[string]string{"order_id": "0001"}})
	require.NoError(t, err)
	assert.Equal(t, culqi.Metadata{"order_id": "0001"}, lp.Metadata)
	created, err := c.LegacyPlans.Create(ctx, &culqi.LegacyPlanParams{Name: "Plan semanal", Amount: 3000, CurrencyCode: "USD",
		Interval: culqi.LegacyIntervalWeeks, IntervalCount: 1})
	require.NoError(t, err)
	assert.Equal(t, "Semanas", created.Interval)
	plans, err := c.LegacyPlans.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, plans.Data, 2)
	assert.Equal(t, created.ID, plans.Data[0].ID)

	ls, err := c.LegacySubscriptions.Get(ctx, subID)
	require.NoError(t, err)
	assert.Equal(t, "Activa", ls.Status)
	assert.True(t, time.UnixMilli(1619413200000).Equal(ls.EndedAt.Time), ls.EndedAt.Time)
	ls, err = c.LegacySubscriptions.Update(ctx, subID, &culqi.MetadataParams{Metadata: map[string]string{"order_id": "0001"}})
	require.NoError(t, err)
	assert.Equal(t, culqi.Metadata{"order_id": "0001"}, ls.Metadata)
	subs, err := c.LegacySubscriptions.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, subs.Data, 1)
	assert.Equal(t, 1, srv.Count(culqitest.KindLegacySubscriptions, subID))
	typedSub, ok := srv.LegacySubscription(subID)
	require.True(t, ok)
	assert.Equal(t, ls, typedSub, "the typed state reads as the API answers")
	assert.Len(t, srv.LegacySubscriptions(), 1)
	typedPlan, ok := srv.LegacyPlan(created.ID)
	require.True(t, ok)
	assert.Equal(t, created, typedPlan)
	assert.Len(t, srv.LegacyPlans(), 2)

	res, err := c.LegacySubscriptions.Cancel(ctx, subID)
	require.NoError(t, err)
	assert.Equal(t, "Se eliminó la suscripcion con ID "+subID+" exitosamente.", res.MerchantMessage)
	var nf *culqi.Error
	_, err = c.LegacySubscriptions.Get(ctx, subID)
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, http.StatusNotFound, nf.StatusCode)
	require.NoError(t, c.LegacyPlans.Delete(ctx, planID))
	_, err = c.LegacyPlans.Get(ctx, planID)
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, http.StatusNotFound, nf.StatusCode)

	// The legacy API's own checks.
	for _, tc := range []struct {
		body  map[string]any
		param string
	}{
		{map[string]any{"amount": 1000, "currency_code": "PEN", "interval": "quincenas", "interval_count": 2, "name": "plan-x"}, "interval"},
		{map[string]any{"amount": 1000, "currency_code": "PEN", "interval": "dias", "interval_count": 0, "name": "plan-x"}, "interval_count"},
		{map[string]any{"amount": 200, "currency_code": "PEN", "interval": "dias", "interval_count": 2, "name": "plan-x"}, "amount"},
		{map[string]any{"amount": 1000, "currency_code": "EUR", "interval": "dias", "interval_count": 2, "name": "plan-x"}, "currency_code"},
	} {
		status, _, b := raw(t, srv, "POST", "/v2/plans", culqitest.SecretKey, tc.body)
		assert.Equal(t, http.StatusUnprocessableEntity, status, tc.param)
		assert.Equal(t, tc.param, decodeMap(t, b)["param"])
	}
	status, _, b = raw(t, srv, "POST", "/v2/subscriptions", culqitest.SecretKey, map[string]any{"card_id": saved.ID, "plan_id": planID})
	assert.Equal(t, http.StatusNotFound, status, "the plan is deleted: %s", b)
}

// paging returns the paging object of a list answer.
func paging(t *testing.T, srv *culqitest.Server, path string) map[string]any {
	t.Helper()
	status, _, b := raw(t, srv, "GET", path, culqitest.SecretKey, nil)
	require.Equal(t, http.StatusOK, status, string(b))
	p, _ := decodeMap(t, b)["paging"].(map[string]any)
	require.NotNil(t, p, string(b))
	return p
}

// remaining_items as recorded: null on customer, refund and IIN lists
// (CustomerTest.test_customer_list.yaml, RefundTest.test_refund_list.yaml,
// IinTest.test_iin_list.yaml), 0 on token lists even on a full page with
// more behind it (TokenTest.test_token_list.yaml), a count on charge lists
// (ChargeTest.test_charge_list.yaml), and 0 on an empty page
// (EventTest.test_event_list.yaml).
func TestRemainingItemsAsRecorded(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	assert.Equal(t, 0.0, paging(t, srv, "/v2/customers")["remaining_items"], "an empty page")

	for range 3 {
		tok := newToken(t, c, culqitest.CardVisa)
		ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
		require.NoError(t, err)
		_, err = c.Refunds.Create(ctx, &culqi.RefundParams{ChargeID: ch.ID, Amount: 100, Reason: culqi.ReasonCustomerRequest})
		require.NoError(t, err)
		newCustomer(t, c)
	}
	for _, path := range []string{"/v2/customers?limit=1", "/v2/refunds?limit=1", "/v2/iins?limit=1"} {
		p := paging(t, srv, path)
		v, present := p["remaining_items"]
		assert.True(t, present, path)
		assert.Nil(t, v, path)
	}
	assert.Equal(t, 0.0, paging(t, srv, "/v2/tokens?limit=1")["remaining_items"])
	assert.Equal(t, 2.0, paging(t, srv, "/v2/charges?limit=1")["remaining_items"])

	// The SDK still walks every customer: a null count is not "no more".
	n := 0
	for _, err := range c.Customers.All(ctx, &culqi.CustomerListParams{Limit: 2}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 3, n)
}

// The IINs of the test cards as recorded in each card's token
// (CardTest.test_card_create__successful__{visa,master_card,american_express,diners_club}.yaml
// and the decline cards' CardTest.test_card_create__*.yaml), and /v2/iins
// spelling the brand "MasterCard" (IinTest.test_iin_list.yaml).
func TestIINsAsRecorded(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	visaInstallments := []int{2, 4, 6, 8, 10, 12, 3, 5, 7, 9, 24, 48}
	for _, tc := range []struct {
		card         culqi.Card
		brand, typ   string
		category     any
		issuer       string
		installments []int
	}{
		{culqitest.CardVisa, "Visa", "credito", "Clásica", "BBVA", visaInstallments},
		{culqitest.CardMastercard, "MasterCard", "debito", "Clásica", "INTERBANK", []int{24, 2, 3, 4, 5, 6, 7, 8, 9, 12, 48}},
		{culqitest.CardAmex, "Amex", "credito", nil, "AMERICAN EXPRESS COMPANY", []int{}},
		{culqitest.CardDiners, "Diners", "debito", nil, "BERLINER BANK AG", []int{}},
		{mustDeclineCard(t, culqi.DeclineInsufficientFunds), "Visa", "debito", nil, "", []int{}},
		{mustDeclineCard(t, culqi.DeclineContactIssuer), "MasterCard", "credito", "Oro", "SAMBA FINANCIAL GROUP", []int{}},
		{mustDeclineCard(t, culqi.DeclineFraudulent), "Diners", "credito", nil, "", []int{}},
		{mustDeclineCard(t, culqi.DeclineIssuerNotAvailable), "Amex", "credito", nil, "AMERICAN EXPRESS COMPANY", []int{}},
		// A BIN Culqi's test cards do not use: its network, no installments.
		{culqi.Card{Number: "5555555555554444", CVV: "123"}, "MasterCard", "credito", nil, "", []int{}},
	} {
		bin := tc.card.Number[:6]
		status, _, b := raw(t, srv, "POST", "/v2/tokens", culqitest.PublicKey, map[string]any{"card_number": tc.card.Number,
			"cvv": tc.card.CVV, "expiration_month": "12", "expiration_year": "2099", "email": "ana@example.pe"})
		require.Equal(t, http.StatusCreated, status, string(b))
		status, _, lb := raw(t, srv, "GET", "/v2/iins/"+bin, culqitest.SecretKey, nil)
		require.Equal(t, http.StatusOK, status)
		for _, iin := range []map[string]any{decodeMap(t, b)["iin"].(map[string]any), decodeMap(t, lb)} {
			assert.Equal(t, bin, iin["bin"])
			assert.Equal(t, tc.brand, iin["card_brand"], bin)
			assert.Equal(t, tc.typ, iin["card_type"], bin)
			assert.Equal(t, tc.category, iin["card_category"], bin)
			assert.Equal(t, map[string]any{"name": tc.issuer, "country": "PERU", "country_code": "PE", "website": nil,
				"phone_number": nil}, iin["issuer"], bin)
			var allowed []int
			for _, v := range iin["installments_allowed"].([]any) {
				allowed = append(allowed, int(v.(float64)))
			}
			assert.Equal(t, tc.installments, append([]int{}, allowed...), bin)
		}
	}
	iin, err := c.Iins.Get(ctx, "511111")
	require.NoError(t, err)
	assert.Equal(t, "MasterCard", iin.CardBrand)
}

func mustDeclineCard(t *testing.T, code string) culqi.Card {
	t.Helper()
	card, ok := culqitest.DeclinedCard(code)
	require.True(t, ok, code)
	return card
}

// A used token still reads active: true, in the charge made from it, in
// the card saved from it and when fetched (ChargeTest.test_charge_create.yaml,
// CardTest.test_card_create.yaml); it is refused a second use all the same.
func TestUsedTokenStaysActive(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok := newToken(t, c, culqitest.CardVisa)
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	require.NoError(t, err)
	assert.True(t, ch.Source.Active)
	got, err := c.Tokens.Get(ctx, tok.ID)
	require.NoError(t, err)
	assert.True(t, got.Active)
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	var ce *culqi.Error
	require.ErrorAs(t, err, &ce, "single use all the same")
	assert.Equal(t, http.StatusNotFound, ce.StatusCode)

	tok = newToken(t, c, culqitest.CardMastercard)
	saved, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: newCustomer(t, c).ID, TokenID: tok.ID})
	require.NoError(t, err)
	assert.True(t, saved.Source.Active)
	got, err = c.Tokens.Get(ctx, tok.ID)
	require.NoError(t, err)
	assert.True(t, got.Active)
}

// capture_date is null in the answers to a charge's creation and to its
// capture (ChargeTest.test_charge_create.yaml, ChargeTest.test_charge_capture.yaml),
// and read later it is the capture's time: the creation's for a charge
// captured at once (ChargeTest.test_charge_list.yaml); an uncaptured one
// stays null.
func TestCaptureDateAsRecorded(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	clock := time.UnixMilli(1615131652000)
	srv.SetClock(func() time.Time { return clock })
	charge := func(capture bool) map[string]any {
		tok := newToken(t, c, culqitest.CardVisa)
		status, _, b := raw(t, srv, "POST", "/v2/charges", culqitest.SecretKey, map[string]any{"amount": 1000,
			"currency_code": "PEN", "email": "ana@example.pe", "source_id": tok.ID, "capture": capture})
		require.Equal(t, http.StatusCreated, status, string(b))
		return decodeMap(t, b)
	}
	read := func(id string) map[string]any {
		status, _, b := raw(t, srv, "GET", "/v2/charges/"+id, culqitest.SecretKey, nil)
		require.Equal(t, http.StatusOK, status, string(b))
		return decodeMap(t, b)
	}

	auth := charge(false)
	id := auth["id"].(string)
	assert.Nil(t, auth["capture_date"])
	assert.Nil(t, read(id)["capture_date"], "not captured")
	clock = clock.Add(3 * time.Second)
	status, _, b := raw(t, srv, "POST", "/v2/charges/"+id+"/capture", culqitest.SecretKey, nil)
	require.Equal(t, http.StatusCreated, status)
	captured := decodeMap(t, b)
	assert.Equal(t, true, captured["capture"])
	v, present := captured["capture_date"]
	assert.True(t, present)
	assert.Nil(t, v)
	assert.Equal(t, 1615131655000.0, read(id)["capture_date"])

	now := charge(true)
	assert.Nil(t, now["capture_date"])
	assert.Equal(t, now["creation_date"], read(now["id"].(string))["capture_date"])
}

// A declined charge as recorded: the 402 answer of
// ChargeTest.test_charge_create__stolen_card__visa.yaml, and the stored
// charge as ChargeTest.test_charge_list.yaml lists it (chr_test_YbEav12iPWGvTe8L).
func TestDeclinedChargeAsRecorded(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	card := mustDeclineCard(t, culqi.DeclineStolenCard)
	tok := newToken(t, c, card)
	status, _, b := raw(t, srv, "POST", "/v2/charges", culqitest.SecretKey, map[string]any{"amount": 1000, "capture": false,
		"currency_code": "PEN", "description": "Venta de prueba", "email": "richard@piedpiper.com", "installments": 0,
		"source_id": tok.ID})
	require.Equal(t, http.StatusPaymentRequired, status)
	e := decodeMap(t, b)
	chargeID, _ := e["charge_id"].(string)
	assert.Regexp(t, `^chr_test_[A-Za-z0-9]{16}$`, chargeID)
	assert.ElementsMatch(t, []string{"object", "type", "charge_id", "code", "decline_code", "merchant_message", "user_message"}, keys(e))
	assert.Equal(t, "card_error", e["type"])
	assert.Equal(t, "card_declined", e["code"])
	assert.Equal(t, "stolen_card", e["decline_code"])

	status, _, b = raw(t, srv, "GET", "/v2/charges/"+chargeID, culqitest.SecretKey, nil)
	require.Equal(t, http.StatusOK, status)
	ch := decodeMap(t, b)
	for k, want := range map[string]any{"duplicated": false, "object": "charge", "amount": 1000.0, "amount_refunded": 0.0,
		"current_amount": 1000.0, "installments": 0.0, "installments_amount": nil, "currency_code": "PEN", "email": nil,
		"description": "Venta de prueba", "dispute": false, "capture": nil, "metadata": map[string]any{}, "total_fee": nil,
		"fee_details": map[string]any{"fixed_fee": nil, "variable_fee": nil}, "total_fee_taxes": nil,
		"transfer_amount": nil, "paid": false, "statement_descriptor": nil, "transfer_id": nil,
		"operations": []any{}, "capture_date": nil} {
		v, present := ch[k]
		assert.True(t, present, k)
		assert.Equal(t, want, v, k)
	}
	for _, k := range []string{"reference_code", "authorization_code"} {
		assert.IsType(t, "", ch[k], k)
		assert.NotEmpty(t, ch[k], k)
	}
	assert.IsType(t, 0.0, ch["fraud_score"])
	assert.Equal(t, map[string]any{"type": "card_error", "code": "card_declined", "decline_code": "stolen_card",
		"merchant_message": ch["outcome"].(map[string]any)["merchant_message"],
		"user_message":     ch["outcome"].(map[string]any)["user_message"]}, ch["outcome"])
	assert.Equal(t, true, ch["source"].(map[string]any)["active"])
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Every answer, JSON or empty, success or error, on either host, is
// labelled application/json;charset=UTF-8, the only Content-Type the
// recordings hold from Culqi's application (e.g. TokenTest.test_token_create.yaml,
// ChargeTest.test_charge_create__stolen_card__visa.yaml,
// OrderTest.test_order_created_delete.yaml for a 204).
func TestContentTypeAsRecorded(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	const want = "application/json;charset=UTF-8"
	card := culqitest.CardVisa
	tokenBody := map[string]any{"card_number": card.Number, "cvv": card.CVV, "expiration_month": "12",
		"expiration_year": "2099", "email": "ana@example.pe"}
	status, h, _ := raw(t, srv, "POST", "/v2/tokens", culqitest.PublicKey, tokenBody)
	assert.Equal(t, http.StatusCreated, status)
	assert.Equal(t, want, h.Get("Content-Type"), "token host")

	decline := newToken(t, c, mustDeclineCard(t, culqi.DeclineLostCard))
	f := false
	order, err := c.Orders.Create(ctx, &culqi.OrderParams{Amount: 1000, CurrencyCode: "PEN", Description: "Venta de prueba",
		OrderNumber: "order-ct", ExpirationDate: time.Now().Add(24 * time.Hour), Confirm: &f,
		ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"}})
	require.NoError(t, err)
	for _, tc := range []struct {
		method, path, key string
		body              any
		status            int
	}{
		{"POST", "/v2/charges", culqitest.SecretKey, map[string]any{"amount": 1000, "currency_code": "PEN",
			"email": "ana@example.pe", "source_id": decline.ID}, http.StatusPaymentRequired},
		{"GET", "/v2/charges", culqitest.SecretKey, nil, http.StatusOK},
		{"GET", "/v2/charges/chr_test_0000000000000000", culqitest.SecretKey, nil, http.StatusNotFound},
		{"GET", "/v2/charges", "sk_test_wrong", nil, http.StatusUnauthorized},
		{"GET", "/v2/nowhere", culqitest.SecretKey, nil, http.StatusUnauthorized},
		{"POST", "/v2/customers", culqitest.SecretKey, map[string]any{"first_name": "A"}, http.StatusUnprocessableEntity},
		{"DELETE", "/v2/orders/" + order.ID, culqitest.SecretKey, nil, http.StatusNoContent},
	} {
		status, h, _ := raw(t, srv, tc.method, tc.path, tc.key, tc.body)
		assert.Equal(t, tc.status, status, tc.path)
		assert.Equal(t, want, h.Get("Content-Type"), "%s %s", tc.method, tc.path)
	}
}

// Deleting answers Culqi's recorded message, article included:
// CardTest.test_card_delete.yaml ("Se eliminó la tarjeta con ID …
// exitosamente."), CustomerTest.test_customer_delete.yaml and
// PlanTest.test_plan_delete.yaml.
func TestDeleteMessagesAsRecorded(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: newToken(t, c, culqitest.CardVisa).ID})
	require.NoError(t, err)
	status, _, b := raw(t, srv, "POST", "/v2/plans", culqitest.SecretKey, map[string]any{"amount": 1000,
		"currency_code": "PEN", "interval": "dias", "interval_count": 2, "name": "plan-ba2a"})
	require.Equal(t, http.StatusCreated, status, string(b))
	planID, _ := decodeMap(t, b)["id"].(string)

	for _, tc := range []struct{ path, id, message string }{
		{"/v2/cards/", card.ID, "Se eliminó la tarjeta con ID " + card.ID + " exitosamente."},
		{"/v2/customers/", cus.ID, "Se eliminó el cliente con ID " + cus.ID + " exitosamente."},
		{"/v2/plans/", planID, "Se eliminó el plan con ID " + planID + " exitosamente."},
	} {
		status, _, b := raw(t, srv, "DELETE", tc.path+tc.id, culqitest.SecretKey, nil)
		assert.Equal(t, http.StatusOK, status, tc.path)
		assert.Equal(t, map[string]any{"id": tc.id, "deleted": true, "merchant_message": tc.message}, decodeMap(t, b), tc.path)
	}
}
