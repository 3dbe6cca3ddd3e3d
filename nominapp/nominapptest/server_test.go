package nominapptest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

var ctx = context.Background()

func guideCard(number string) nominapp.Card {
	return nominapp.Card{Number: number, CVV: "537", ExpMonth: 6, ExpYear: 2031, HolderName: "Van Nelson"}
}

func newServer(t *testing.T) *nominapptest.Server {
	t.Helper()
	s := nominapptest.NewServer()
	t.Cleanup(s.Close)
	return s
}

func TestSubscriptionFlow(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()

	// (a) Subscription payment with the guide's card.
	pay, err := c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: guideCard(nominapptest.CardApproved), PlanID: nominapptest.PlanBasic, PaidWorkers: 4, PaymentType: nominapp.Monthly})
	require.NoError(t, err)
	assert.Equal(t, nominapp.StatusApproved, pay.Status)
	assert.Regexp(t, `^[0-9]{9,10}$`, pay.OrderID)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, pay.TransactionID)
	assert.Equal(t, 4, pay.PaidWorkers)
	assert.Zero(t, pay.Value, "case (a) answers no value")
	assert.Equal(t, nominapptest.Subscription{PlanID: nominapptest.PlanBasic, PaymentType: "month", PaidWorkers: 4}, s.Subscription())
	stored, ok := s.StoredCard()
	require.True(t, ok)
	assert.Equal(t, nominapptest.StoredCard{Last4: "6495", ExpirationDate: "06/31", PayerName: "Van Nelson"}, stored)

	// (b) Extra workers in a yearly plan: the guide's value.
	pay, err = c.Payments.PayExtraWorkers(ctx, &nominapp.ExtraWorkersPayment{
		Card: guideCard(nominapptest.CardApproved), PlanID: nominapptest.PlanBasic, ExtraWorkers: 5})
	require.NoError(t, err)
	assert.Equal(t, nominapp.StatusApproved, pay.Status)
	assert.Equal(t, int64(396900), pay.Value)
	assert.Equal(t, 9, pay.PaidWorkers)
	assert.Equal(t, nominapptest.PlanBasic, pay.PlanID)

	// (c) Change to the Pro plan, yearly, with one more person.
	pay, err = c.Payments.ChangeSubscription(ctx, &nominapp.SubscriptionChange{
		Card: guideCard(nominapptest.CardApproved), PaymentType: nominapp.Yearly, ExtraWorkers: 1,
		NewPlanID: nominapptest.PlanPro, NewPaymentType: nominapp.Yearly})
	require.NoError(t, err)
	assert.Equal(t, 10, pay.PaidWorkers)
	assert.Equal(t, int64(10*9900*12), pay.Value)
	assert.Equal(t, nominapptest.PlanPro, pay.PlanID)

	// (e) Replace the card, (d) pay with it.
	require.NoError(t, c.Payments.UpdateCard(ctx, &nominapp.CardUpdate{
		Card:        nominapp.Card{Number: nominapptest.CardApprovedVisa, CVV: "513", ExpMonth: 6, ExpYear: 2031, HolderName: "payer example"},
		PaymentType: nominapp.Yearly}))
	stored, _ = s.StoredCard()
	assert.Equal(t, "1073", stored.Last4)
	pay, err = c.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{PlanID: nominapptest.PlanPlus, PaidWorkers: 10, PaymentType: nominapp.Monthly})
	require.NoError(t, err)
	assert.Equal(t, nominapp.StatusApproved, pay.Status)
	assert.Equal(t, 10, pay.PaidWorkers)

	recs := s.Payments()
	require.Len(t, recs, 4)
	assert.Equal(t, []string{"subscription", "extra_workers", "subscription_change", "reuse"},
		[]string{recs[0].Case, recs[1].Case, recs[2].Case, recs[3].Case})
	assert.Equal(t, "1073", recs[3].CardLast4)
	assert.Equal(t, 1, s.Logins(), "one login for the whole flow")
}

func TestCardOutcomes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		card   string
		status nominapp.PaymentStatus
		stored bool
	}{
		{nominapptest.CardApproved, nominapp.StatusApproved, true},
		{nominapptest.CardApprovedVisa, nominapp.StatusApproved, true},
		{"4111111111111111", nominapp.StatusApproved, true},
		{nominapptest.CardDeclined, nominapp.StatusDeclined, false},
		{nominapptest.CardPending, nominapp.StatusPending, true},
	} {
		t.Run(tc.card, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			pay, err := s.Client().Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
				Card: guideCard(tc.card), PlanID: nominapptest.PlanBasic, PaidWorkers: 2, PaymentType: nominapp.Yearly})
			require.NoError(t, err)
			assert.Equal(t, tc.status, pay.Status)
			_, stored := s.StoredCard()
			assert.Equal(t, tc.stored, stored)
		})
	}
	t.Run("rejected", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		_, err := s.Client().Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
			Card: guideCard(nominapptest.CardRejected), PlanID: nominapptest.PlanBasic, PaidWorkers: 2, PaymentType: nominapp.Yearly})
		var e *nominapp.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 422, e.StatusCode)
		require.Len(t, e.Items, 1)
		assert.Equal(t, nominapptest.CodeRejected, e.Items[0].Code)
		assert.Equal(t, "credit_card", e.Items[0].Object)
		assert.NotErrorIs(t, err, nominapp.ErrOutcomeUnknown)
		assert.Empty(t, s.Payments())
	})
}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()

	// No stored card yet.
	_, err := c.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	var e *nominapp.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 422, e.StatusCode)
	assert.Equal(t, []nominapp.ErrorItem{{Code: "0002", Message: "no puede estar en blanco", Object: "credit_card"}}, e.Items)

	// An unknown plan (a well-formed UUID).
	_, err = c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: guideCard(nominapptest.CardApproved), PlanID: "00000000-0000-4000-8000-000000000000", PaidWorkers: 1, PaymentType: nominapp.Monthly})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, nominapptest.CodeNotFound, e.Code())
	assert.Equal(t, "plan_id", e.Items[0].Object)
}

// post sends a raw body the SDK would never send, to check the fake's key
// rules.
func post(t *testing.T, s *nominapptest.Server, method, body string) (int, map[string]any) {
	t.Helper()
	c := s.HTTPClient()
	req, err := http.NewRequest("POST", s.URL+"/v1/sessions?auth_type=bearer", nil)
	require.NoError(t, err)
	req.SetBasicAuth(nominapptest.TestEmail, nominapptest.TestAPIToken)
	resp, err := c.Do(req)
	require.NoError(t, err)
	var login struct {
		Data struct {
			Token string `json:"api_access_token"`
		} `json:"data"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&login))
	resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)

	req, err = http.NewRequest(method, s.URL+"/v1/payments/credit_card", bytes.NewBufferString(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+login.Data.Token)
	resp, err = c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func TestFakeKeyRules(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	// The guide's exact bodies are accepted (expiry moved to the future).
	status, out := post(t, s, "POST", `{"payment_info":{"card_number":"5368220692926495","expiration_date":"06/31","paid_workers":4,
		"payer_name":"Van Nelson","plan_id":"585030db-a698-4ce9-9e78-17d4009fb9f3","security_code":"537","payment_type":"month"}}`)
	assert.Equal(t, 201, status)
	assert.Equal(t, "APPROVED", out["payment_status"])

	// A change with a top-level plan_id is refused.
	status, out = post(t, s, "POST", `{"payment_info":{"card_number":"5368220692926495","expiration_date":"06/31",
		"payer_name":"Van Nelson","security_code":"537","payment_type":"month","extra_workers_number":0,"plan_id":"585030db-a698-4ce9-9e78-17d4009fb9f3",
		"subscription_to_pay":{"plan_id":"2de57027-9a42-4b13-b27b-50d1a405dea5","subscription_type":"year"}}}`)
	assert.Equal(t, 422, status)
	assert.Equal(t, []any{map[string]any{"message": "no es un parámetro permitido", "code": "0009", "object": "plan_id", "index": float64(0)}}, out["error"])

	// Reuse with card fields is refused; missing keys are listed.
	status, out = post(t, s, "POST", `{"payment_info":{"action":"reuse","card_number":"5368220692926495"}}`)
	assert.Equal(t, 422, status)
	assert.Len(t, out["error"], 4) // plan_id, paid_workers, payment_type blank + card_number not allowed

	// Extra workers must be yearly.
	status, _ = post(t, s, "POST", `{"payment_info":{"card_number":"5368220692926495","expiration_date":"06/31","payer_name":"Van Nelson",
		"plan_id":"585030db-a698-4ce9-9e78-17d4009fb9f3","security_code":"537","payment_type":"month","extra_workers_number":5}}`)
	assert.Equal(t, 422, status)

	// The update needs action "update".
	status, _ = post(t, s, "PUT", `{"payment_info":{"card_number":"5368220692926495","expiration_date":"06/31","payer_name":"x","security_code":"537","payment_type":"year"}}`)
	assert.Equal(t, 422, status)
}

// A declined or pending payment is answered like an approved one, 201 with
// its payment_status, as the Card* constants say.
func TestCardStatusesAnswer201(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ card, status string }{
		{nominapptest.CardApproved, "APPROVED"},
		{nominapptest.CardDeclined, "DECLINED"},
		{nominapptest.CardPending, "PENDING"},
	} {
		t.Run(tc.status, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			status, out := post(t, s, "POST", `{"payment_info":{"card_number":"`+tc.card+`","expiration_date":"06/31","paid_workers":4,
				"payer_name":"Van Nelson","plan_id":"585030db-a698-4ce9-9e78-17d4009fb9f3","security_code":"537","payment_type":"month"}}`)
			assert.Equal(t, http.StatusCreated, status)
			assert.Equal(t, tc.status, out["payment_status"])
		})
	}
}

func TestLoginAndExpiry(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()
	pay := func() error {
		_, err := c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
			Card: guideCard(nominapptest.CardApproved), PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
		return err
	}
	require.NoError(t, pay())
	assert.Equal(t, 1, s.Logins())

	// Expired on demand: the client gets a 401, logs in again, re-sends once.
	s.ExpireSessions()
	require.NoError(t, pay())
	assert.Equal(t, 2, s.Logins())
	assert.Len(t, s.Payments(), 2, "each payment made once")
	st := s.Stats()
	assert.Equal(t, 5, st.Requests, "login, pay, pay (401), login, pay")
	assert.Equal(t, 1, st.Requests-st.Executed, "the 401 ran no handler")

	// Expired by the clock: 8 hours later.
	s.SetClock(func() time.Time { return time.Now().Add(nominapptest.SessionTTL + time.Minute) })
	require.NoError(t, pay())
	assert.Equal(t, 3, s.Logins())
	assert.Len(t, s.Payments(), 3)

	// Wrong credentials.
	bad, err := nominapp.NewClient("otro@example.co", "nope", nominapp.WithBaseURL(s.URL), nominapp.WithHTTPClient(s.HTTPClient()))
	require.NoError(t, err)
	_, err = bad.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	var e *nominapp.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.StatusCode)
	assert.Equal(t, nominapptest.CodeUnauthorized, e.Code())

	// A stale access token: 401 as *Error, no login.
	stale, err := nominapp.NewClient("", "", nominapp.WithAccessToken("stale"), nominapp.WithBaseURL(s.URL), nominapp.WithHTTPClient(s.HTTPClient()))
	require.NoError(t, err)
	logins := s.Logins()
	_, err = stale.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.StatusCode)
	assert.Equal(t, logins, s.Logins())
}

func TestConcurrentFirstUseOneLogin(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
				Card: guideCard(nominapptest.CardApproved), PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, s.Logins())
	assert.Len(t, s.Payments(), 20)
}

// Payments that add people to the subscription, made at the same time,
// must each build on the one before: none may read a head count that
// another is about to replace.
func TestConcurrentPaymentsAddEveryWorker(t *testing.T) {
	t.Parallel()
	const base, payments = 5, 20
	for _, tc := range []struct {
		name string
		pay  func(c *nominapp.Client) (*nominapp.Payment, error)
	}{
		{"extra workers", func(c *nominapp.Client) (*nominapp.Payment, error) {
			return c.Payments.PayExtraWorkers(ctx, &nominapp.ExtraWorkersPayment{
				Card: guideCard(nominapptest.CardApproved), PlanID: nominapptest.PlanBasic, ExtraWorkers: 1})
		}},
		{"subscription change", func(c *nominapp.Client) (*nominapp.Payment, error) {
			return c.Payments.ChangeSubscription(ctx, &nominapp.SubscriptionChange{
				Card: guideCard(nominapptest.CardApproved), PaymentType: nominapp.Yearly, ExtraWorkers: 1,
				NewPlanID: nominapptest.PlanBasic, NewPaymentType: nominapp.Yearly})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			s.SetSubscription(nominapptest.Subscription{PlanID: nominapptest.PlanBasic, PaymentType: "year", PaidWorkers: base})
			c := s.Client()
			var wg sync.WaitGroup
			errs := make(chan error, payments)
			for range payments {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := tc.pay(c)
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				require.NoError(t, err)
			}
			assert.Equal(t, base+payments, s.Subscription().PaidWorkers)
			// Each payment answered a head count of its own, one more than
			// the payment committed before it.
			recs := s.Payments()
			require.Len(t, recs, payments)
			for i, rec := range recs {
				assert.Equal(t, base+i+1, rec.PaidWorkers, "payment %d", i)
			}
		})
	}
}

func TestWrapData(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.SetWrapData(true)
	pay, err := s.Client().Payments.PayExtraWorkers(ctx, &nominapp.ExtraWorkersPayment{
		Card: guideCard(nominapptest.CardApproved), PlanID: nominapptest.PlanBasic, ExtraWorkers: 5})
	require.NoError(t, err)
	assert.Equal(t, int64(396900), pay.Value)
	assert.Equal(t, nominapp.StatusApproved, pay.Status)
}

func TestFaultInjection(t *testing.T) {
	t.Parallel()
	params := &nominapp.SubscriptionPayment{Card: guideCard(nominapptest.CardApproved), PlanID: nominapptest.PlanBasic, PaidWorkers: 3, PaymentType: nominapp.Monthly}

	t.Run("503 after the payment was made: unknown, not retried", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(nominapptest.Fault{Match: "POST /v1/payments", Status: 503, After: true})
		_, err := s.Client().Payments.PaySubscription(ctx, params)
		require.Error(t, err)
		assert.ErrorIs(t, err, nominapp.ErrOutcomeUnknown)
		assert.Len(t, s.Payments(), 1, "the payment happened on the fake")
		assert.Equal(t, 1, s.Handled("POST /v1/payments/credit_card"), "and was not repeated")
	})
	t.Run("dropped connection: unknown", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(nominapptest.Fault{Match: "POST /v1/payments", Drop: true})
		_, err := s.Client().Payments.PaySubscription(ctx, params)
		assert.ErrorIs(t, err, nominapp.ErrOutcomeUnknown)
		assert.Empty(t, s.Payments())
	})
	t.Run("truncated answer: unknown, malformed", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(nominapptest.Fault{Match: "POST /v1/payments", Truncate: true})
		_, err := s.Client().Payments.PaySubscription(ctx, params)
		assert.ErrorIs(t, err, nominapp.ErrOutcomeUnknown)
		assert.ErrorIs(t, err, nominapp.ErrMalformedResponse)
		assert.Len(t, s.Payments(), 1)
	})
	t.Run("slow answer beyond the attempt timeout: unknown", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(nominapptest.Fault{Match: "POST /v1/payments", Delay: 300 * time.Millisecond, After: true})
		_, err := s.Client(nominapp.WithTimeout(50*time.Millisecond)).Payments.PaySubscription(ctx, params)
		assert.ErrorIs(t, err, nominapp.ErrOutcomeUnknown)
	})
	t.Run("429 on a payment then success: retried", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(nominapptest.Fault{Match: "POST /v1/payments", Status: 429, RetryAfter: "0"})
		pay, err := s.Client().Payments.PaySubscription(ctx, params)
		require.NoError(t, err)
		assert.Equal(t, nominapp.StatusApproved, pay.Status)
		assert.Len(t, s.Payments(), 1)
	})
	t.Run("login 503 twice then success: retried", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(nominapptest.Fault{Match: "POST /v1/sessions", Status: 503, Times: 2})
		_, err := s.Client().Payments.PaySubscription(ctx, params)
		require.NoError(t, err)
		assert.Equal(t, 1, s.Logins())
		assert.Equal(t, 0, s.PendingFaults())
	})
	t.Run("card update 500 then success: retried", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(nominapptest.Fault{Match: "PUT /v1/payments", Status: 500})
		err := s.Client().Payments.UpdateCard(ctx, &nominapp.CardUpdate{Card: guideCard(nominapptest.CardApproved), PaymentType: nominapp.Yearly})
		require.NoError(t, err)
		_, ok := s.StoredCard()
		assert.True(t, ok)
	})
	t.Run("caller deadline", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		c := s.Client()
		// Log in first: a deadline that ends during the login ends the
		// call before the payment is sent, which is not an unknown outcome
		// (on a loaded machine 50 ms may not cover the login).
		require.NoError(t, c.Payments.UpdateCard(ctx, &nominapp.CardUpdate{Card: guideCard(nominapptest.CardApproved), PaymentType: nominapp.Monthly}))
		s.InjectFault(nominapptest.Fault{Match: "POST /v1/payments", Delay: 5 * time.Second})
		cctx, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
		defer cancel()
		_, err := c.Payments.PaySubscription(cctx, params)
		assert.True(t, errors.Is(err, context.DeadlineExceeded))
		assert.ErrorIs(t, err, nominapp.ErrOutcomeUnknown)
	})
}

// PaymentsForPlan stands in for reconciling in Nominapp's dashboard: the
// API has no payment lookup. A payment whose answer was lost (a fault after
// the handler ran) is found there; one refused before it is not.
func TestPaymentsForPlanReconciles(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client(nominapp.WithMaxRetries(0))
	const lost, refused = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
	s.AddPlan(nominapptest.Plan{ID: lost, Name: "lost answer", MonthlyPrice: 1000})
	s.AddPlan(nominapptest.Plan{ID: refused, Name: "refused", MonthlyPrice: 1000})
	_, err := c.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	require.Error(t, err, "no stored card yet: logs in, then a 422")

	s.InjectFault(nominapptest.Fault{Match: "POST /v1/payments", Status: http.StatusGatewayTimeout, After: true})
	_, err = c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: guideCard(nominapptest.CardApproved), PlanID: lost, PaidWorkers: 2, PaymentType: nominapp.Monthly})
	require.ErrorIs(t, err, nominapp.ErrOutcomeUnknown)
	s.InjectFault(nominapptest.Fault{Match: "POST /v1/payments", Status: http.StatusBadGateway})
	_, err = c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: guideCard(nominapptest.CardApproved), PlanID: refused, PaidWorkers: 2, PaymentType: nominapp.Monthly})
	require.ErrorIs(t, err, nominapp.ErrOutcomeUnknown)

	got := s.PaymentsForPlan(lost)
	require.Len(t, got, 1)
	assert.Equal(t, "subscription", got[0].Case)
	assert.Equal(t, string(nominapp.StatusApproved), got[0].Status)
	assert.Equal(t, int64(2000), got[0].Value)
	assert.Empty(t, s.PaymentsForPlan(refused))
	assert.Len(t, s.Payments(), 1)
}
