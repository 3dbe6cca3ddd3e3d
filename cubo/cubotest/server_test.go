package cubotest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

var ctx = context.Background()

func newServer(t *testing.T) *cubotest.Server {
	t.Helper()
	s := cubotest.NewServer()
	t.Cleanup(s.Close)
	return s
}

func payment(number string) *cubo.PaymentParams {
	return &cubo.PaymentParams{
		ClientName: "John Doe", ClientEmail: "john@example.com", ClientPhone: "+50322577777",
		Description: "Test API", Amount: 100,
		Card: cubo.Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: 2099, HolderName: "John Doe"},
	}
}

func TestPaymentApproved(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	tx, err := s.Client().Transactions.Create(ctx, payment(cubotest.CardApproved))
	require.NoError(t, err)
	assert.Equal(t, cubo.StatusSucceeded, tx.Status)
	assert.True(t, tx.Succeeded())
	assert.Len(t, tx.ReferenceID, 15)
	assert.Len(t, tx.AuthorizationCode, 6)
	assert.WithinDuration(t, time.Now(), tx.ProcessedAt.Time, time.Minute)
	pays := s.Payments()
	require.Len(t, pays, 1)
	assert.Equal(t, tx.ReferenceID, pays[0].ReferenceID)
	assert.Equal(t, int64(100), pays[0].Amount)
	assert.Equal(t, "Test API", pays[0].Description)
	assert.Equal(t, "0416", pays[0].Last4)
	assert.Equal(t, 1, s.Handled("POST /api/v1/transactions"))
}

func TestAnyOtherLuhnCardApproves(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	tx, err := s.Client().Transactions.Create(ctx, payment("4111 1111 1111 1111"))
	require.NoError(t, err)
	assert.Equal(t, cubo.StatusSucceeded, tx.Status)
}

func TestDeclineCards(t *testing.T) {
	t.Parallel()
	cases := []struct {
		card, code, msg string
		soft            bool
	}{
		{cubotest.CardInsufficientFunds, "51", "FONDOS INSUFICIENTES", true},
		{cubotest.CardIssuerUnavailable, "15", "EMISOR NO DISPONIBLE", true},
		{cubotest.CardSuspectedFraud, "05", "SOSPECHA DE FRAUDE", false},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			tx, err := s.Client().Transactions.Create(ctx, payment(tc.card))
			require.Error(t, err)
			assert.Nil(t, tx)
			var e *cubo.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, http.StatusBadRequest, e.StatusCode)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.msg, e.Message)
			assert.True(t, e.Declined())
			assert.Equal(t, tc.soft, e.SoftDecline())
			assert.NotErrorIs(t, err, cubo.ErrOutcomeUnknown, "a decline is a definite outcome")
			assert.JSONEq(t, `{"statusCode":400,"message":"`+tc.code+` - `+tc.msg+`"}`, string(e.Body))
			pays := s.Payments()
			require.Len(t, pays, 1)
			assert.Equal(t, cubo.StatusRejected, pays[0].Status)
		})
	}
}

func TestSubscriptionPayment(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	tx, err := s.Client().Transactions.CreateSubscription(ctx, &cubo.SubscriptionParams{PaymentParams: *payment(cubotest.CardApproved), Installments: 12})
	require.NoError(t, err)
	assert.Equal(t, cubo.StatusSucceeded, tx.Status)
	require.Len(t, s.Payments(), 1)
	assert.Equal(t, 12, s.Payments()[0].Installments)
	assert.Equal(t, 1, s.Handled("POST /api/v1/transactions/subscription"))
}

func TestLinkFlowWithWebhook(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	var got atomic.Value
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got.Store(b)
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(hook.Close)
	s.SetWebhookURL(hook.URL)

	c := s.Client()
	link, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "Order 1001", Amount: 2550,
		RedirectURI: "https://shop.example.com/done", Metadata: map[string]string{"orderId": "1001"}})
	require.NoError(t, err)
	assert.Equal(t, s.URL+"/checkout/"+link.PaymentIntentToken, link.RedirectURL)
	assert.Equal(t, []string{link.PaymentIntentToken}, s.Links())

	tx, err := c.Transactions.Get(ctx, link.PaymentIntentToken)
	require.NoError(t, err)
	assert.Equal(t, cubotest.StatusPending, tx.Status)
	assert.Equal(t, int64(2550), tx.Amount)
	assert.Equal(t, "USD", tx.Currency)
	assert.Equal(t, cubo.Metadata{"orderId": "1001"}, tx.Metadata)

	body, err := s.PayLink(link.PaymentIntentToken, cubotest.CardApproved)
	require.NoError(t, err)
	assert.Equal(t, body, got.Load())
	ev, err := cubo.ParseWebhook(body)
	require.NoError(t, err)
	assert.Equal(t, link.PaymentIntentToken, ev.Identifier)
	assert.Equal(t, cubo.StatusSucceeded, ev.Status)
	assert.Equal(t, int64(2550), ev.Amount)
	assert.Equal(t, "LINK", ev.PaymentType)
	assert.Equal(t, "1001", ev.Metadata["orderId"])

	tx, err = c.Transactions.VerifyWebhook(ctx, ev)
	require.NoError(t, err)
	assert.Equal(t, cubo.StatusSucceeded, tx.Status)
	assert.Equal(t, ev.ReferenceID, tx.ReferenceID)
	assert.Equal(t, ev.AuthorizationCode, tx.AuthorizationCode)
	assert.Equal(t, ev.ProcessedAt.Unix(), tx.ProcessedAt.Unix())

	_, err = s.PayLink(link.PaymentIntentToken, cubotest.CardApproved)
	assert.Error(t, err, "a link is paid once")
	_, err = s.PayLink("nope", cubotest.CardApproved)
	assert.Error(t, err)
}

func TestForgedWebhookIsCaught(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()
	link, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "Order 7", Amount: 500})
	require.NoError(t, err)
	forged := `{"identifier":"` + link.PaymentIntentToken + `","status":"SUCCEEDED","amount":500}`
	ev, err := cubo.ParseWebhook([]byte(forged))
	require.NoError(t, err)
	tx, err := c.Transactions.VerifyWebhook(ctx, ev)
	assert.ErrorIs(t, err, cubo.ErrWebhookMismatch)
	require.NotNil(t, tx)
	assert.Equal(t, cubotest.StatusPending, tx.Status)
}

func TestLinkRejected(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()
	link, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "Order 2", Amount: 100})
	require.NoError(t, err)
	body, err := s.PayLink(link.PaymentIntentToken, cubotest.CardInsufficientFunds)
	require.NoError(t, err)
	ev, err := cubo.ParseWebhook(body)
	require.NoError(t, err)
	assert.Equal(t, cubo.StatusRejected, ev.Status)
	tx, err := c.Transactions.VerifyWebhook(ctx, ev)
	require.NoError(t, err)
	assert.Equal(t, cubo.StatusRejected, tx.Status)
	assert.Empty(t, tx.ReferenceID)
}

func TestSubscriptionLink(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()
	link, err := c.Links.CreateSubscription(ctx, &cubo.SubscriptionLinkParams{
		LinkParams:   cubo.LinkParams{Description: "Gym", Amount: 2999, RedirectURI: "https://gym.example.com/ok"},
		Installments: 6})
	require.NoError(t, err)
	assert.NotEmpty(t, link.PaymentIntentToken)
	assert.Equal(t, 1, s.Handled("POST /api/v1/links/subscription"))
}

func TestGetUnknownToken(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	_, err := s.Client().Transactions.Get(ctx, "does-not-exist")
	var e *cubo.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, "Transaction not found", e.Message)
	assert.Equal(t, "Not Found", e.ErrorName)
}

func TestWrongKey(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c, err := cubo.NewClient("wrong", cubo.WithBaseURL(s.URL), cubo.WithHTTPClient(s.HTTPClient()))
	require.NoError(t, err)
	_, err = c.Transactions.Create(ctx, payment(cubotest.CardApproved))
	var e *cubo.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
	assert.Equal(t, "Unauthorized", e.Message)
	assert.Empty(t, s.Payments())
}

// post sends a raw body to the fake, as a client that ignores the docs would.
func post(t *testing.T, s *cubotest.Server, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("X-API-KEY", cubotest.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestWireRules(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	valid := `"amount":100,"cardHolder":"J","cardNumber":"4000000000000416","cvv":"123","month":"12","year":"99"`
	cases := []struct {
		name, path, body string
		status           int
		want             string
	}{
		{"unknown field", "/api/v1/transactions", `{` + valid + `,"currency":"USD"}`, 422,
			`{"statusCode":422,"message":["property currency should not exist"],"error":"Unprocessable Entity"}`},
		{"installments on a one-off payment", "/api/v1/transactions", `{` + valid + `,"installments":3}`, 422,
			`{"statusCode":422,"message":["property installments should not exist"],"error":"Unprocessable Entity"}`},
		{"validation list", "/api/v1/transactions", `{"amount":10.5,"cardNumber":"4000000000000416","cvv":"123","month":12,"year":"99"}`, 400,
			`{"statusCode":400,"message":["amount must be an integer number","cardHolder should not be empty","month must be a string"],"error":"Bad Request"}`},
		{"installments required", "/api/v1/transactions/subscription", `{` + valid + `}`, 400,
			`{"statusCode":400,"message":["installments should not be empty"],"error":"Bad Request"}`},
		{"not JSON", "/api/v1/transactions", `nope`, 400,
			`{"statusCode":400,"message":"Unexpected token in JSON body","error":"Bad Request"}`},
		{"link without description", "/api/v1/links/one-use", `{"amount":100}`, 400,
			`{"statusCode":400,"message":["description should not be empty"],"error":"Bad Request"}`},
		{"subscription link needs redirect", "/api/v1/links/subscription", `{"description":"d","amount":100,"installments":2}`, 400,
			`{"statusCode":400,"message":["redirectUri should not be empty"],"error":"Bad Request"}`},
		{"unknown route", "/api/v1/refunds", `{}`, 404,
			`{"statusCode":404,"message":"Cannot POST /api/v1/refunds","error":"Not Found"}`},
	}
	for _, tc := range cases {
		status, body := post(t, s, tc.path, tc.body)
		assert.Equal(t, tc.status, status, tc.name)
		assert.JSONEq(t, tc.want, body, tc.name)
	}
	assert.Empty(t, s.Payments())
}

func TestValidationListDecodes(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	// The client never sends an expired card; the fake still refuses one.
	status, body := post(t, s, "/api/v1/transactions",
		`{"amount":100,"cardHolder":"J","cardNumber":"4000000000000416","cvv":"123","month":"01","year":"20"}`)
	assert.Equal(t, 400, status)
	assert.JSONEq(t, `{"statusCode":400,"message":["card has expired"],"error":"Bad Request"}`, body)
}

func TestFaults(t *testing.T) {
	t.Parallel()
	t.Run("503 on a payment is an unknown outcome, sent once", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", Status: 503, Body: `<html>busy</html>`, ContentType: "text/html"})
		_, err := s.Client().Transactions.Create(ctx, payment(cubotest.CardApproved))
		require.ErrorIs(t, err, cubo.ErrOutcomeUnknown)
		var e *cubo.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 503, e.StatusCode)
		assert.Equal(t, 1, s.Stats().Requests)
		assert.Equal(t, 0, s.PendingFaults())
	})
	t.Run("a dropped answer after the charge: unknown, and the fake shows it happened", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", After: true, Drop: true})
		_, err := s.Client().Transactions.Create(ctx, payment(cubotest.CardApproved))
		require.ErrorIs(t, err, cubo.ErrOutcomeUnknown)
		assert.Equal(t, 1, s.Stats().Requests)
		require.Len(t, s.Payments(), 1, "reconciliation finds the payment")
		assert.Equal(t, cubo.StatusSucceeded, s.Payments()[0].Status)
	})
	t.Run("a slow payment times out: unknown", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", After: true, Delay: 300 * time.Millisecond})
		_, err := s.Client(cubo.WithTimeout(50*time.Millisecond)).Transactions.Create(ctx, payment(cubotest.CardApproved))
		require.ErrorIs(t, err, cubo.ErrOutcomeUnknown)
		assert.Equal(t, 1, s.Stats().Requests)
	})
	t.Run("a truncated approval: unknown", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", Truncate: true})
		_, err := s.Client().Transactions.Create(ctx, payment(cubotest.CardApproved))
		require.ErrorIs(t, err, cubo.ErrOutcomeUnknown)
		assert.ErrorIs(t, err, cubo.ErrMalformedResponse)
	})
	t.Run("429 on a payment is retried", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", Status: 429, RetryAfter: "0"})
		tx, err := s.Client().Transactions.Create(ctx, payment(cubotest.CardApproved))
		require.NoError(t, err)
		assert.Equal(t, cubo.StatusSucceeded, tx.Status)
		assert.Equal(t, 2, s.Stats().Requests)
		assert.Len(t, s.Payments(), 1)
	})
	t.Run("GET is retried through 503s and drops", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		c := s.Client()
		link, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "d", Amount: 100})
		require.NoError(t, err)
		s.InjectFault(cubotest.Fault{Match: "GET /api/v1/transactions/", Status: 503})
		s.InjectFault(cubotest.Fault{Match: "GET /api/v1/transactions/", Drop: true})
		tx, err := c.Transactions.Get(ctx, link.PaymentIntentToken)
		require.NoError(t, err)
		assert.Equal(t, int64(100), tx.Amount)
		assert.Equal(t, 1, s.Handled("GET /api/v1/transactions/{token}"), "the faults answered before the handler")
		assert.Equal(t, 4, s.Stats().Requests)
	})
	t.Run("a caller's cancelled context during a payment", func(t *testing.T) {
		t.Parallel()
		s := newServer(t)
		s.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", Delay: 300 * time.Millisecond})
		cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		_, err := s.Client().Transactions.Create(cctx, payment(cubotest.CardApproved))
		assert.ErrorIs(t, err, cubo.ErrOutcomeUnknown)
		assert.True(t, errors.Is(err, context.DeadlineExceeded))
	})
}

func TestCheckoutPage(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()
	link, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "Order <9>", Amount: 1234, RedirectURI: "https://shop.example.com/ok"})
	require.NoError(t, err)

	hc := s.HTTPClient()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Get(link.RedirectURL)
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(page), "Order &lt;9&gt;")
	assert.Contains(t, string(page), "12.34 USD")

	resp, err = hc.PostForm(link.RedirectURL, url.Values{"cardNumber": {cubotest.CardApproved}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
	assert.Equal(t, "https://shop.example.com/ok", resp.Header.Get("Location"))
	tx, err := c.Transactions.Get(ctx, link.PaymentIntentToken)
	require.NoError(t, err)
	assert.Equal(t, cubo.StatusSucceeded, tx.Status)

	resp, err = hc.PostForm(link.RedirectURL, url.Values{"cardNumber": {cubotest.CardApproved}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusConflict, resp.StatusCode)
	resp, err = hc.Get(s.URL + "/checkout/unknown")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

// The checkout page answers the browser before the webhook is delivered,
// and the delivery still arrives.
func TestCheckoutPostsWebhookInBackground(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	got := make(chan []byte, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- b
	}))
	t.Cleanup(hook.Close)
	s.SetWebhookURL(hook.URL)
	link, err := s.Client().Links.Create(ctx, &cubo.LinkParams{Description: "Order 5", Amount: 700, RedirectURI: "https://shop.example.com/ok"})
	require.NoError(t, err)

	hc := s.HTTPClient()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.PostForm(link.RedirectURL, url.Values{"cardNumber": {cubotest.CardApproved}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
	select {
	case body := <-got:
		ev, err := cubo.ParseWebhook(body)
		require.NoError(t, err)
		assert.Equal(t, link.PaymentIntentToken, ev.Identifier)
		assert.Equal(t, cubo.StatusSucceeded, ev.Status)
	case <-time.After(5 * time.Second):
		t.Fatal("the webhook never arrived")
	}
}

// A webhook receiver that never answers holds neither the customer's
// checkout nor Close; PayLink, which waits for the delivery, reports it
// failed once the fake closes.
func TestSilentWebhookReceiver(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		// pay pays the link and reports what the payer saw.
		pay func(t *testing.T, s *cubotest.Server, link *cubo.Link) error
		// wantErr says the payer sees the delivery fail.
		wantErr bool
	}{
		{"checkout page", func(t *testing.T, s *cubotest.Server, link *cubo.Link) error {
			hc := s.HTTPClient()
			hc.Timeout = 2 * time.Second // without it a held handler hangs the test
			hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			resp, err := hc.PostForm(link.RedirectURL, url.Values{"cardNumber": {cubotest.CardApproved}})
			if err != nil {
				return err
			}
			resp.Body.Close()
			assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
			return nil
		}, false},
		{"PayLink", func(t *testing.T, s *cubotest.Server, link *cubo.Link) error {
			_, err := s.PayLink(link.PaymentIntentToken, cubotest.CardApproved)
			return err
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			reached := make(chan struct{}, 1)
			release := make(chan struct{})
			hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				// Reading the whole body lets the server notice the
				// sender hanging up, which ends r.Context().
				_, _ = io.ReadAll(r.Body)
				reached <- struct{}{}
				select {
				case <-r.Context().Done():
				case <-release: // only if the fake failed to give up
				}
			}))
			t.Cleanup(hook.Close)
			// Runs before hook.Close, so a failed test does not hang there.
			free := sync.OnceFunc(func() { close(release) })
			t.Cleanup(free)
			s := cubotest.NewServer()
			s.SetWebhookURL(hook.URL)
			link, err := s.Client().Links.Create(ctx, &cubo.LinkParams{Description: "Order 6", Amount: 700, RedirectURI: "https://shop.example.com/ok"})
			require.NoError(t, err)

			paid := make(chan error, 1)
			go func() { paid <- tc.pay(t, s, link) }()
			select {
			case <-reached:
			case <-time.After(5 * time.Second):
				t.Fatal("the webhook was never posted")
			}
			if !tc.wantErr {
				select {
				case err := <-paid:
					require.NoError(t, err, "the customer is answered while the delivery waits")
				case <-time.After(5 * time.Second):
					t.Fatal("the checkout waited for the webhook receiver")
				}
			}

			closed := make(chan struct{})
			go func() { s.Close(); close(closed) }()
			select {
			case <-closed:
			case <-time.After(2 * time.Second):
				free()
				<-closed
				t.Fatal("Close waited for the webhook receiver")
			}
			if tc.wantErr {
				select {
				case err := <-paid:
					assert.ErrorContains(t, err, "posting the webhook")
				case <-time.After(2 * time.Second):
					free()
					t.Fatal("PayLink outlived Close")
				}
			}
		})
	}
}

func TestClientOptionsApplyLast(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.InjectFault(cubotest.Fault{Match: "GET /api/v1/transactions/", Status: 503, Times: 5})
	_, err := s.Client(cubo.WithMaxRetries(0)).Transactions.Get(ctx, "x")
	var e *cubo.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 1, s.Stats().Requests)
	s.ClearFaults()
	assert.Zero(t, s.PendingFaults())
}

// After an unknown outcome, PaymentsByDescription and LinksByMetadata find
// what Cubo's API cannot list (its stand-in for a search in Cubo Admin).
func TestReconciliationInspection(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()

	s.InjectFault(cubotest.Fault{Match: "POST /api/v1/transactions", After: true, Drop: true})
	p := payment(cubotest.CardApproved)
	p.Description = "order A-1001"
	_, err := c.Transactions.Create(ctx, p)
	require.ErrorIs(t, err, cubo.ErrOutcomeUnknown)
	other := payment(cubotest.CardInsufficientFunds)
	other.Description = "order A-1002"
	_, err = c.Transactions.Create(ctx, other)
	require.Error(t, err)

	got := s.PaymentsByDescription("A-1001")
	require.Len(t, got, 1, "the dropped payment happened")
	assert.Equal(t, cubo.StatusSucceeded, got[0].Status)
	assert.Equal(t, "0416", got[0].Last4)
	declined := s.PaymentsByDescription("A-1002")
	require.Len(t, declined, 1, "declines are kept too")
	assert.Equal(t, cubo.StatusRejected, declined[0].Status)
	assert.Len(t, s.PaymentsByDescription("order "), 2)
	assert.Empty(t, s.PaymentsByDescription("A-1003"))

	s.InjectFault(cubotest.Fault{Match: "POST /api/v1/links/one-use", After: true, Status: 504})
	_, err = c.Links.Create(ctx, &cubo.LinkParams{Description: "d", Amount: 100, Metadata: map[string]string{"orderId": "A-2001"}})
	require.ErrorIs(t, err, cubo.ErrOutcomeUnknown)
	tokens := s.LinksByMetadata("orderId", "A-2001")
	require.Len(t, tokens, 1, "the link exists although the client never saw its token")
	tx, err := c.Transactions.Get(ctx, tokens[0])
	require.NoError(t, err)
	assert.Equal(t, cubo.Metadata{"orderId": "A-2001"}, tx.Metadata)
	assert.Empty(t, s.LinksByMetadata("orderId", "A-2002"))
	assert.Empty(t, s.LinksByMetadata("other", "A-2001"))
}
