package nominapp

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func assertCommonHeaders(t *testing.T, r *http.Request, withBody bool) {
	t.Helper()
	assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "latampay-go/"), r.Header.Get("User-Agent"))
	assert.Contains(t, r.Header.Get("User-Agent"), "nominapp")
	if withBody {
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	}
}

func TestPaySubscription(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", payURL, 201, `{
		"order_id":"846696993",
		"transaction_id":"43669e18-a8e0-4d33-9e40-3e87a604818c",
		"payment_status":"APPROVED",
		"paid_workers":5}`)

	params := &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 4, PaymentType: Monthly}
	before := *params
	pay, err := c.Payments.PaySubscription(context.Background(), params)
	require.NoError(t, err)
	assert.Equal(t, before, *params, "params mutated")

	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, payURL, r.URL.String())
	assertCommonHeaders(t, r, true)
	assert.JSONEq(t, `{"payment_info":{
		"card_number":"5368220692926495",
		"expiration_date":"06/31",
		"security_code":"537",
		"payer_name":"Van Nelson",
		"plan_id":"585030db-a698-4ce9-9e78-17d4009fb9f3",
		"paid_workers":4,
		"payment_type":"month"}}`, body)

	assert.Equal(t, &Payment{
		OrderID:       "846696993",
		TransactionID: "43669e18-a8e0-4d33-9e40-3e87a604818c",
		Status:        StatusApproved,
		PaidWorkers:   5,
	}, pay)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestPayExtraWorkers(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", payURL, 201, `{
		"order_id":"1403532938",
		"transaction_id":"dea65796-95c9-402d-84a0-e6053568fc72",
		"plan_id":"79be8bfe-cf1f-5d08-8c23-7066362c1cfc",
		"value":396900,
		"payment_status":"APPROVED",
		"paid_workers":9}`)

	pay, err := c.Payments.PayExtraWorkers(context.Background(), &ExtraWorkersPayment{Card: guideCard(), PlanID: planID, ExtraWorkers: 5})
	require.NoError(t, err)
	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, payURL, r.URL.String())
	assertCommonHeaders(t, r, true)
	assert.JSONEq(t, `{"payment_info":{
		"card_number":"5368220692926495",
		"expiration_date":"06/31",
		"security_code":"537",
		"payer_name":"Van Nelson",
		"plan_id":"585030db-a698-4ce9-9e78-17d4009fb9f3",
		"payment_type":"year",
		"extra_workers_number":5}}`, body)
	assert.Equal(t, &Payment{
		OrderID:       "1403532938",
		TransactionID: "dea65796-95c9-402d-84a0-e6053568fc72",
		PlanID:        "79be8bfe-cf1f-5d08-8c23-7066362c1cfc",
		Status:        StatusApproved,
		PaidWorkers:   9,
		Value:         396900,
	}, pay)
}

func TestChangeSubscription(t *testing.T) {
	t.Parallel()
	const resp = `{
		"order_id":"1403532938",
		"transaction_id":"dea65796-95c9-402d-84a0-e6053568fc72",
		"plan_id":"2de57027-9a42-4b13-b27b-50d1a405dea5",
		"value":396900,
		"payment_status":"APPROVED",
		"paid_workers":10}`
	for _, tc := range []struct {
		name  string
		extra int
		want  string
	}{
		{"with extra workers", 5, `{"payment_info":{
			"card_number":"5368220692926495","expiration_date":"06/31","security_code":"537","payer_name":"Van Nelson",
			"payment_type":"month","extra_workers_number":5,
			"subscription_to_pay":{"plan_id":"2de57027-9a42-4b13-b27b-50d1a405dea5","subscription_type":"year"}}}`},
		{"zero extra workers is sent as 0", 0, `{"payment_info":{
			"card_number":"5368220692926495","expiration_date":"06/31","security_code":"537","payer_name":"Van Nelson",
			"payment_type":"month","extra_workers_number":0,
			"subscription_to_pay":{"plan_id":"2de57027-9a42-4b13-b27b-50d1a405dea5","subscription_type":"year"}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			rec := respond(mt, "POST", payURL, 201, resp)
			pay, err := c.Payments.ChangeSubscription(context.Background(), &SubscriptionChange{
				Card: guideCard(), PaymentType: Monthly, ExtraWorkers: tc.extra, NewPlanID: planID2, NewPaymentType: Yearly})
			require.NoError(t, err)
			r, body := rec.Last(t)
			assert.Equal(t, "POST", r.Method)
			assert.Equal(t, payURL, r.URL.String())
			assertCommonHeaders(t, r, true)
			assert.JSONEq(t, tc.want, body)
			assert.NotContains(t, strings.Replace(body, `"subscription_to_pay":{"plan_id"`, "", 1), `"plan_id"`,
				"no top-level plan_id in a subscription change")
			assert.Equal(t, &Payment{
				OrderID:       "1403532938",
				TransactionID: "dea65796-95c9-402d-84a0-e6053568fc72",
				PlanID:        planID2,
				Status:        StatusApproved,
				PaidWorkers:   10,
				Value:         396900,
			}, pay)
		})
	}
}

func TestPayWithStoredCard(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", payURL, 201, `{
		"order_id":"846696994",
		"transaction_id":"53669e18-a8e0-4d33-9e40-3e87a604818c",
		"payment_status":"PENDING",
		"paid_workers":10}`)
	pay, err := c.Payments.PayWithStoredCard(context.Background(), &StoredCardPayment{
		PlanID: "9ef307fa-af64-4831-83a3-cf4d0ef3e7e5", PaidWorkers: 10, PaymentType: Monthly})
	require.NoError(t, err)
	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, payURL, r.URL.String())
	assertCommonHeaders(t, r, true)
	assert.JSONEq(t, `{"payment_info":{
		"action":"reuse",
		"payment_type":"month",
		"paid_workers":10,
		"plan_id":"9ef307fa-af64-4831-83a3-cf4d0ef3e7e5"}}`, body)
	assert.Equal(t, &Payment{
		OrderID:       "846696994",
		TransactionID: "53669e18-a8e0-4d33-9e40-3e87a604818c",
		Status:        StatusPending,
		PaidWorkers:   10,
	}, pay)
}

// A 2xx that is not JSON does not confirm a card update: the fault
// campaign's 200 maintenance page used to pass as a success although the
// card was never replaced.
func TestUpdateCardNeedsAConfirmation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, ctype, body string
		status            int
		ok                bool
	}{
		{"200 maintenance page", "text/html", "<html>maintenance</html>", 200, false},
		{"200 empty", "application/json", "", 200, false},
		{"200 cut off", "application/json", `{"message":"La tarjeta de cr`, 200, false},
		{"200 confirmation", "application/json", `{"message":"La tarjeta de crédito ha sido actualizada."}`, 200, true},
		{"200 other JSON", "application/json", `{"data":{"message":"ok"}}`, 200, true},
		{"200 confirmation with a null error", "application/json", `{"message":"La tarjeta de crédito ha sido actualizada.","error":null}`, 200, true},
		{"204 no content", "", "", 204, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// Without retries: whether the transport tries a PUT again
			// after an unreadable 2xx is its own rule.
			c, mt := setup(t, WithMaxRetries(0))
			mt.RegisterResponder("PUT", payURL, func(*http.Request) (*http.Response, error) {
				resp := httpmock.NewStringResponse(tc.status, tc.body)
				if tc.ctype != "" {
					resp.Header.Set("Content-Type", tc.ctype)
				}
				return resp, nil
			})
			err := c.Payments.UpdateCard(context.Background(), &CardUpdate{Card: guideCard(), PaymentType: Monthly})
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, ErrMalformedResponse)
				assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a PUT may be repeated")
			}
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}

func TestUpdateCard(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "PUT", payURL, 200, `{"message":"La tarjeta de crédito ha sido actualizada."}`)
	err := c.Payments.UpdateCard(context.Background(), &CardUpdate{
		Card:        Card{Number: "4672226263441073", CVV: "513", ExpMonth: 6, ExpYear: 31, HolderName: " payer example "},
		PaymentType: Yearly,
	})
	require.NoError(t, err)
	r, body := rec.Last(t)
	assert.Equal(t, "PUT", r.Method)
	assert.Equal(t, payURL, r.URL.String())
	assertCommonHeaders(t, r, true)
	assert.JSONEq(t, `{"payment_info":{
		"action":"update",
		"card_number":"4672226263441073",
		"expiration_date":"06/31",
		"security_code":"513",
		"payer_name":"payer example",
		"payment_type":"year"}}`, body)
}

func TestPaymentDecoding(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		body string
		want Payment
	}{
		{"bare", `{"order_id":"1","transaction_id":"t","payment_status":"APPROVED","paid_workers":5}`,
			Payment{OrderID: "1", TransactionID: "t", Status: StatusApproved, PaidWorkers: 5}},
		{"wrapped in data", `{"data":{"order_id":"1403532938","transaction_id":"t","plan_id":"p","value":396900,"payment_status":"APPROVED","paid_workers":9}}`,
			Payment{OrderID: "1403532938", TransactionID: "t", PlanID: "p", Status: StatusApproved, PaidWorkers: 9, Value: 396900}},
		{"numeric order id and string value", `{"order_id":846696993,"transaction_id":"t","payment_status":"APPROVED","value":"396900","paid_workers":"4"}`,
			Payment{OrderID: "846696993", TransactionID: "t", Status: StatusApproved, PaidWorkers: 4, Value: 396900}},
		{"whole value with a zero fraction", `{"order_id":"1","payment_status":"APPROVED","value":396900.0}`,
			Payment{OrderID: "1", Status: StatusApproved, Value: 396900}},
		{"declined", `{"order_id":"2","transaction_id":"t","payment_status":"DECLINED","paid_workers":4}`,
			Payment{OrderID: "2", TransactionID: "t", Status: StatusDeclined, PaidWorkers: 4}},
		{"unknown status kept", `{"order_id":"3","payment_status":"EXPIRED","extra":{"x":[1,2]}}`,
			Payment{OrderID: "3", Status: "EXPIRED"}},
		{"nulls", `{"order_id":"4","transaction_id":null,"plan_id":null,"value":null,"payment_status":"ERROR","paid_workers":null}`,
			Payment{OrderID: "4", Status: "ERROR"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, tc.body))
			pay, err := c.Payments.PaySubscription(context.Background(), &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 4, PaymentType: Monthly})
			require.NoError(t, err)
			assert.Equal(t, tc.want, *pay)
		})
	}
}

func TestPaymentUndecodable2xxIsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body string }{
		{"empty", ``},
		{"truncated", `{"order_id":"84669`},
		{"html", `<html>ok</html>`},
		{"no payment", `{}`},
		{"empty data", `{"data":{}}`},
		{"fractional value", `{"order_id":"1","payment_status":"APPROVED","value":3969.5}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, tc.body))
			pay, err := c.Payments.PaySubscription(context.Background(), &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 4, PaymentType: Monthly})
			require.Error(t, err)
			assert.Nil(t, pay)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}

func TestPaymentRetryRules(t *testing.T) {
	t.Parallel()
	ok := httpmock.NewStringResponder(201, `{"order_id":"1","transaction_id":"t","payment_status":"APPROVED","paid_workers":1}`)
	params := &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 1, PaymentType: Monthly}

	t.Run("503 then 201 on a payment: one call, outcome unknown", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(503, `<html>busy</html>`).Then(ok))
		_, err := c.Payments.PaySubscription(context.Background(), params)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 503, e.StatusCode)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("connection lost on a payment: one call, outcome unknown", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", payURL, httpmock.NewErrorResponder(errors.New("connection reset by peer")).Then(ok))
		_, err := c.Payments.PaySubscription(context.Background(), params)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("429 then 201 on a payment: retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(429, `{"error":[{"message":"demasiadas solicitudes","code":"0429"}]}`).Then(ok))
		pay, err := c.Payments.PaySubscription(context.Background(), params)
		require.NoError(t, err)
		assert.Equal(t, StatusApproved, pay.Status)
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("503 then 200 on the card update (PUT): retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("PUT", payURL, httpmock.NewStringResponder(503, ``).Then(
			httpmock.NewStringResponder(200, `{"message":"La tarjeta de crédito ha sido actualizada."}`)))
		err := c.Payments.UpdateCard(context.Background(), &CardUpdate{Card: guideCard(), PaymentType: Monthly})
		require.NoError(t, err)
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("card update gives up after the retries with the typed error", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t, WithMaxRetries(2))
		mt.RegisterResponder("PUT", payURL, httpmock.NewStringResponder(500, `{"error":[{"message":"error interno","code":"0500","object":"server","index":0}]}`))
		err := c.Payments.UpdateCard(context.Background(), &CardUpdate{Card: guideCard(), PaymentType: Monthly})
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 500, e.StatusCode)
		assert.Equal(t, "0500", e.Code())
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 3, mt.GetTotalCallCount())
	})
	t.Run("canceled context", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", payURL, ok)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.Payments.PaySubscription(ctx, params)
		require.Error(t, err)
		assert.ErrorIs(t, err, context.Canceled)
	})
}

func TestEveryPaymentIsNeverRepeated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, pay := range map[string]func(c *Client) error{
		"PaySubscription": func(c *Client) error {
			_, err := c.Payments.PaySubscription(ctx, &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 1, PaymentType: Monthly})
			return err
		},
		"PayExtraWorkers": func(c *Client) error {
			_, err := c.Payments.PayExtraWorkers(ctx, &ExtraWorkersPayment{Card: guideCard(), PlanID: planID, ExtraWorkers: 1})
			return err
		},
		"ChangeSubscription": func(c *Client) error {
			_, err := c.Payments.ChangeSubscription(ctx, &SubscriptionChange{Card: guideCard(), PaymentType: Monthly, NewPlanID: planID2, NewPaymentType: Yearly})
			return err
		},
		"PayWithStoredCard": func(c *Client) error {
			_, err := c.Payments.PayWithStoredCard(ctx, &StoredCardPayment{PlanID: planID, PaidWorkers: 1, PaymentType: Monthly})
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, status := range []int{500, 502, 503, 504} {
				c, mt := setup(t, WithMaxRetries(3))
				mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(status, ``).Then(
					httpmock.NewStringResponder(201, `{"order_id":"1","payment_status":"APPROVED"}`)))
				err := pay(c)
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrOutcomeUnknown, "status %d", status)
				assert.Equal(t, 1, mt.GetTotalCallCount(), "status %d", status)
			}
		})
	}
}

func TestValidation(t *testing.T) {
	t.Parallel()
	good := guideCard()
	expired := good
	expired.ExpYear = 2020
	noHolder := good
	noHolder.HolderName = "  "
	badLuhn := good
	badLuhn.Number = "5368220692926496"
	badCVV := good
	badCVV.CVV = "53"
	badMonth := good
	badMonth.ExpMonth = 13

	// call runs the method and, apart, the params' Validate.
	type call struct {
		run      func(c *Client) error
		validate func() error
	}
	sub := func(p *SubscriptionPayment) call {
		return call{func(c *Client) error { _, err := c.Payments.PaySubscription(context.Background(), p); return err }, p.Validate}
	}
	extra := func(p *ExtraWorkersPayment) call {
		return call{func(c *Client) error { _, err := c.Payments.PayExtraWorkers(context.Background(), p); return err }, p.Validate}
	}
	change := func(p *SubscriptionChange) call {
		return call{func(c *Client) error { _, err := c.Payments.ChangeSubscription(context.Background(), p); return err }, p.Validate}
	}
	reuse := func(p *StoredCardPayment) call {
		return call{func(c *Client) error { _, err := c.Payments.PayWithStoredCard(context.Background(), p); return err }, p.Validate}
	}
	update := func(p *CardUpdate) call {
		return call{func(c *Client) error { return c.Payments.UpdateCard(context.Background(), p) }, p.Validate}
	}
	for _, tc := range []struct {
		name  string
		call  call
		field string
	}{
		{"nil subscription", sub(nil), "SubscriptionPayment"},
		{"missing plan", sub(&SubscriptionPayment{Card: good, PaidWorkers: 1, PaymentType: Monthly}), "PlanID"},
		{"plan not a uuid", sub(&SubscriptionPayment{Card: good, PlanID: "plan-basic", PaidWorkers: 1, PaymentType: Monthly}), "PlanID"},
		{"plan uuid with a bad char", sub(&SubscriptionPayment{Card: good, PlanID: "585030db-a698-4ce9-9e78-17d4009fb9fz", PaidWorkers: 1, PaymentType: Monthly}), "PlanID"},
		{"zero workers", sub(&SubscriptionPayment{Card: good, PlanID: planID, PaymentType: Monthly}), "PaidWorkers"},
		{"negative workers", sub(&SubscriptionPayment{Card: good, PlanID: planID, PaidWorkers: -1, PaymentType: Monthly}), "PaidWorkers"},
		{"missing payment type", sub(&SubscriptionPayment{Card: good, PlanID: planID, PaidWorkers: 1}), "PaymentType"},
		{"bad payment type", sub(&SubscriptionPayment{Card: good, PlanID: planID, PaidWorkers: 1, PaymentType: "monthly"}), "PaymentType"},
		{"empty card", sub(&SubscriptionPayment{PlanID: planID, PaidWorkers: 1, PaymentType: Monthly}), "Card.Number"},
		{"luhn", sub(&SubscriptionPayment{Card: badLuhn, PlanID: planID, PaidWorkers: 1, PaymentType: Monthly}), "Card.Number"},
		{"expired", sub(&SubscriptionPayment{Card: expired, PlanID: planID, PaidWorkers: 1, PaymentType: Monthly}), "Card.ExpYear"},
		{"month", sub(&SubscriptionPayment{Card: badMonth, PlanID: planID, PaidWorkers: 1, PaymentType: Monthly}), "Card.ExpMonth"},
		{"cvv", sub(&SubscriptionPayment{Card: badCVV, PlanID: planID, PaidWorkers: 1, PaymentType: Monthly}), "Card.CVV"},
		{"holder", sub(&SubscriptionPayment{Card: noHolder, PlanID: planID, PaidWorkers: 1, PaymentType: Monthly}), "Card.HolderName"},

		{"nil extra", extra(nil), "ExtraWorkersPayment"},
		{"extra zero", extra(&ExtraWorkersPayment{Card: good, PlanID: planID}), "ExtraWorkers"},
		{"extra plan", extra(&ExtraWorkersPayment{Card: good, ExtraWorkers: 2}), "PlanID"},
		{"extra card", extra(&ExtraWorkersPayment{Card: expired, PlanID: planID, ExtraWorkers: 2}), "Card.ExpYear"},

		{"nil change", change(nil), "SubscriptionChange"},
		{"change negative extra", change(&SubscriptionChange{Card: good, PaymentType: Monthly, ExtraWorkers: -1, NewPlanID: planID2, NewPaymentType: Yearly}), "ExtraWorkers"},
		{"change no plan", change(&SubscriptionChange{Card: good, PaymentType: Monthly, NewPaymentType: Yearly}), "NewPlanID"},
		{"change bad plan", change(&SubscriptionChange{Card: good, PaymentType: Monthly, NewPlanID: "x", NewPaymentType: Yearly}), "NewPlanID"},
		{"change no type", change(&SubscriptionChange{Card: good, NewPlanID: planID2, NewPaymentType: Yearly}), "PaymentType"},
		{"change no new type", change(&SubscriptionChange{Card: good, PaymentType: Monthly, NewPlanID: planID2}), "NewPaymentType"},
		{"change holder", change(&SubscriptionChange{Card: noHolder, PaymentType: Monthly, NewPlanID: planID2, NewPaymentType: Yearly}), "Card.HolderName"},

		{"nil reuse", reuse(nil), "StoredCardPayment"},
		{"reuse plan", reuse(&StoredCardPayment{PaidWorkers: 1, PaymentType: Yearly}), "PlanID"},
		{"reuse workers", reuse(&StoredCardPayment{PlanID: planID, PaymentType: Yearly}), "PaidWorkers"},
		{"reuse type", reuse(&StoredCardPayment{PlanID: planID, PaidWorkers: 1, PaymentType: "annual"}), "PaymentType"},

		{"nil update", update(nil), "CardUpdate"},
		{"update card", update(&CardUpdate{Card: badCVV, PaymentType: Yearly}), "Card.CVV"},
		{"update holder", update(&CardUpdate{Card: noHolder, PaymentType: Yearly}), "Card.HolderName"},
		{"update type", update(&CardUpdate{Card: good}), "PaymentType"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			err := tc.call.run(c)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidParams)
			var pe *ParamError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.field, pe.Field)
			assert.True(t, strings.HasPrefix(err.Error(), "nominapp: invalid params: "+tc.field+": "), err.Error())
			// Validate is the check the method runs: the same error.
			verr := tc.call.validate()
			require.Error(t, verr)
			assert.Equal(t, err.Error(), verr.Error())
			assert.NotContains(t, err.Error(), "5368220692926495")
			assert.Equal(t, 0, mt.GetTotalCallCount())
		})
	}
}

func TestValidPlanIDUppercase(t *testing.T) {
	t.Parallel()
	assert.NoError(t, validPlanID("PlanID", strings.ToUpper(planID)))
	assert.True(t, isUUID("00000000-0000-0000-0000-000000000000"))
	assert.False(t, isUUID("00000000-0000-0000-0000-00000000000"))
	assert.False(t, isUUID("00000000_0000-0000-0000-000000000000"))
}

func TestConcurrentPaymentsShareParams(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, `{"order_id":"1","payment_status":"APPROVED"}`))
	params := &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 2, PaymentType: Yearly}
	before := *params
	done := make(chan error, 10)
	for range 10 {
		go func() {
			_, err := c.Payments.PaySubscription(context.Background(), params)
			done <- err
		}()
	}
	for range 10 {
		require.NoError(t, <-done)
	}
	assert.Equal(t, before, *params)
	assert.Equal(t, 10, mt.GetTotalCallCount())
}

var _ = http.MethodPost
