package cubo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

func TestTransactionsCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/transactions", 201, approved)
	tx, err := c.Transactions.Create(bg, fullPayment())
	require.NoError(t, err)
	assertApproved(t, tx)
	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, base+"/api/v1/transactions", r.URL.String())
	assertHeaders(t, r.Header, true)
	assert.JSONEq(t, `{"clientName":"John Doe","clientEmail":"john@example.com","clientPhone":"+50322577777",
		"description":"Test API","amount":100,"cardHolder":"John Doe","cardNumber":"4000000000000416",
		"cvv":"123","month":"09","year":"30"}`, body)
}

func TestTransactionsCreateOmitsEmptyOptionals(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/transactions", 200, approved)
	_, err := c.Transactions.Create(bg, &PaymentParams{Amount: 123456,
		Card: Card{Number: "4111-1111-1111-1111", CVV: "1234", ExpMonth: 1, ExpYear: 27, HolderName: "Ana"}})
	require.NoError(t, err)
	_, body := rec.Last(t)
	assert.JSONEq(t, `{"amount":123456,"cardHolder":"Ana","cardNumber":"4111111111111111","cvv":"1234","month":"01","year":"27"}`, body)
}

func TestTransactionsCreateSubscription(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", base+"/api/v1/transactions/subscription", 201, approved)
	tx, err := c.Transactions.CreateSubscription(bg, &SubscriptionParams{PaymentParams: *fullPayment(), Installments: 12})
	require.NoError(t, err)
	assertApproved(t, tx)
	r, body := rec.Last(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, base+"/api/v1/transactions/subscription", r.URL.String())
	assertHeaders(t, r.Header, true)
	assert.JSONEq(t, `{"clientName":"John Doe","clientEmail":"john@example.com","clientPhone":"+50322577777",
		"description":"Test API","amount":100,"cardHolder":"John Doe","cardNumber":"4000000000000416",
		"cvv":"123","month":"09","year":"30","installments":12}`, body)
}

func TestTransactionsCreateRejectedIn2xx(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", base+"/api/v1/transactions",
		httpmock.NewStringResponder(201, `{"status":"REJECTED","referenceId":354247606061630,"processedAt":"2025-02-10T22:27:17Z"}`))
	tx, err := c.Transactions.Create(bg, fullPayment())
	require.NoError(t, err)
	assert.Equal(t, StatusRejected, tx.Status)
	assert.False(t, tx.Succeeded())
	assert.Equal(t, "354247606061630", tx.ReferenceID, "a numeric id keeps its digits")
}

func TestTransactionsCreateUnknownStatusKept(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", base+"/api/v1/transactions", httpmock.NewStringResponder(201, `{"status":"PENDING_REVIEW"}`))
	tx, err := c.Transactions.Create(bg, fullPayment())
	require.NoError(t, err)
	assert.Equal(t, Status("PENDING_REVIEW"), tx.Status)
	assert.False(t, tx.Succeeded())
}

func TestTransactionsCreateUnreadable2xxIsUnknown(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"empty object": `{}`,
		"empty body":   ``,
		"html":         `<html>ok</html>`,
		"truncated":    `{"status":"SUCC`,
	} {
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions", httpmock.NewStringResponder(201, body))
		tx, err := c.Transactions.Create(bg, fullPayment())
		assert.Nil(t, tx, name)
		assert.ErrorIs(t, err, ErrOutcomeUnknown, name)
		assert.ErrorIs(t, err, ErrMalformedResponse, name)
		assert.Equal(t, 1, mt.GetTotalCallCount(), name)
	}
}

func TestTransactionsGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", base+"/api/v1/transactions/tok%2F1", 200, `{"status":"SUCCEEDED",
		"paymentIntentToken":"tok/1","currency":"USD","amount":"1234.50","referenceId":"354247606061629",
		"authorizationCode":"015163","processedAt":"2025-02-10T22:27:17.317Z","metadata":{"orderId":"1001","n":7},"extra":true}`)
	tx, err := c.Transactions.Get(bg, "tok/1")
	require.NoError(t, err)
	r, body := rec.Last(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, base+"/api/v1/transactions/tok%2F1", r.URL.String())
	assertHeaders(t, r.Header, false)
	assert.Empty(t, body)
	assert.Equal(t, StatusSucceeded, tx.Status)
	assert.Equal(t, "tok/1", tx.PaymentIntentToken)
	assert.Equal(t, "USD", tx.Currency)
	assert.Equal(t, int64(123450), tx.Amount)
	assert.Equal(t, "354247606061629", tx.ReferenceID)
	assert.Equal(t, "015163", tx.AuthorizationCode)
	assert.Equal(t, int64(1739226437), tx.ProcessedAt.Unix())
	assert.Equal(t, Metadata{"orderId": "1001", "n": "7"}, tx.Metadata)
	assert.Contains(t, string(tx.Raw), `"extra":true`)
}

// A 2xx lookup answer without a status is an error, never an empty
// Transaction: Cubo's error body is read as *Error, anything else is
// malformed. A lookup moves no money, so no outcome is unknown.
func TestTransactionsGetWithoutStatus(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		wantStatus int // of the *Error; 0 for a malformed answer
		wantMsg    string
	}{
		{"empty object", `{}`, 0, ""},
		{"null", `null`, 0, ""},
		{"empty status", `{"status":"","paymentIntentToken":"t"}`, 0, ""},
		{"fields but no status", `{"paymentIntentToken":"t","amount":"10.00"}`, 0, ""},
		{"error body with a 200", `{"statusCode":404,"message":"Transaction not found"}`, 404, "Transaction not found"},
		{"error body with a list", `{"statusCode":400,"message":["token must be a UUID"],"error":"Bad Request"}`, 400, "token must be a UUID"},
		{"statusCode that is no error", `{"statusCode":200,"message":"ok"}`, 0, ""},
		{"error statusCode, no message", `{"statusCode":404}`, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(0))
			mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(200, tc.body))
			tx, err := c.Transactions.Get(bg, "t")
			assert.Nil(t, tx)
			require.Error(t, err)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			var e *Error
			if tc.wantStatus == 0 {
				assert.ErrorIs(t, err, ErrMalformedResponse)
				assert.False(t, errors.As(err, &e))
				assert.Contains(t, err.Error(), "no transaction status")
				return
			}
			require.ErrorAs(t, err, &e)
			assert.NotErrorIs(t, err, ErrMalformedResponse)
			assert.Equal(t, tc.wantStatus, e.StatusCode)
			assert.Equal(t, tc.wantMsg, e.Message)
			assert.Equal(t, tc.body, string(e.Body))
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}

func TestTransactionsGetAmounts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		amount string
		want   int64
		bad    bool
	}{
		{`"10.00"`, 1000, false},
		{`"10"`, 1000, false},
		{`"0.07"`, 7, false},
		{`"19.9"`, 1990, false},
		{`"123456789.99"`, 12345678999, false},
		{`""`, 0, false},
		{`null`, 0, false},
		{`1000`, 0, false}, // a number: unit unknown, left 0
		{`"10.005"`, 0, true},
		{`"1e3"`, 0, true},
		{`"abc"`, 0, true},
	}
	for _, tc := range cases {
		c, mt := setup(t)
		mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(200, `{"status":"SUCCEEDED","amount":`+tc.amount+`}`))
		tx, err := c.Transactions.Get(bg, "t")
		if tc.bad {
			assert.ErrorIs(t, err, ErrMalformedResponse, tc.amount)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown, tc.amount)
			continue
		}
		require.NoError(t, err, tc.amount)
		assert.Equal(t, tc.want, tx.Amount, tc.amount)
	}
}

func TestRetryRules(t *testing.T) {
	t.Parallel()
	// A gateway status says the answer is not Cubo's, whatever its body
	// looks like: a decline code under a 502/503/504 is no proof that the
	// payment was refused.
	for _, status := range []int{502, 503, 504} {
		t.Run(fmt.Sprintf("coded decline under a %d: unknown", status), func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("POST", base+"/api/v1/transactions",
				httpmock.NewStringResponder(status, fmt.Sprintf(`{"statusCode":%d,"message":"51 - FONDOS INSUFICIENTES"}`, status)))
			_, err := c.Transactions.Create(bg, fullPayment())
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "51", e.Code)
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
	t.Run("503 then 201 on a payment: one call, unknown", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions",
			httpmock.NewStringResponder(503, `{"statusCode":503,"message":"Service Unavailable"}`).Then(httpmock.NewStringResponder(201, approved)))
		_, err := c.Transactions.Create(bg, fullPayment())
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 503, e.StatusCode)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("503 then 201 on a subscription payment: one call, unknown", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions/subscription",
			httpmock.NewStringResponder(502, `bad gateway`).Then(httpmock.NewStringResponder(201, approved)))
		_, err := c.Transactions.CreateSubscription(bg, &SubscriptionParams{PaymentParams: *fullPayment(), Installments: 2})
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("503 then 200 on a GET: two calls, success", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("GET", base+"/api/v1/transactions/t",
			httpmock.NewStringResponder(503, ``).Then(httpmock.NewStringResponder(200, `{"status":"SUCCEEDED","amount":"1.00"}`)))
		tx, err := c.Transactions.Get(bg, "t")
		require.NoError(t, err)
		assert.Equal(t, int64(100), tx.Amount)
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("GET gives up with the last typed error", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t, WithMaxRetries(2))
		mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(500, `{"statusCode":500,"message":"Internal server error"}`))
		_, err := c.Transactions.Get(bg, "t")
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "Internal server error", e.Message)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 3, mt.GetTotalCallCount())
	})
	t.Run("429 then 201 on a payment: retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions",
			httpmock.NewStringResponder(429, `{"statusCode":429,"message":"ThrottlerException: Too Many Requests"}`).Then(httpmock.NewStringResponder(201, approved)))
		tx, err := c.Transactions.Create(bg, fullPayment())
		require.NoError(t, err)
		assertApproved(t, tx)
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("dial failure then 201 on a payment: retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions",
			httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}).Then(httpmock.NewStringResponder(201, approved)))
		_, err := c.Transactions.Create(bg, fullPayment())
		require.NoError(t, err)
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("connection reset on a payment: unknown, not retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions",
			httpmock.NewErrorResponder(errors.New("read: connection reset by peer")).Then(httpmock.NewStringResponder(201, approved)))
		_, err := c.Transactions.Create(bg, fullPayment())
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("503 then 201 on a link: one call", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/links/one-use",
			httpmock.NewStringResponder(503, ``).Then(httpmock.NewStringResponder(201, `{"cuboRedirectUri":"https://x","paymentIntentToken":"t"}`)))
		_, err := c.Links.Create(bg, &LinkParams{Description: "d", Amount: 1})
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("a payment that outlives the attempt timeout: unknown", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t, WithTimeout(20*time.Millisecond))
		mt.RegisterResponder("POST", base+"/api/v1/transactions", func(req *http.Request) (*http.Response, error) {
			select {
			case <-req.Context().Done():
				return nil, req.Context().Err()
			case <-time.After(2 * time.Second):
				return httpmock.NewStringResponse(201, approved), nil
			}
		})
		_, err := c.Transactions.Create(bg, fullPayment())
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.NotErrorIs(t, err, context.DeadlineExceeded, "the caller's context did not end")
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("the caller's deadline during a payment", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t)
		mt.RegisterResponder("POST", base+"/api/v1/transactions", func(req *http.Request) (*http.Response, error) {
			<-req.Context().Done()
			return nil, req.Context().Err()
		})
		cctx, cancel := context.WithTimeout(bg, 20*time.Millisecond)
		defer cancel()
		_, err := c.Transactions.Create(cctx, fullPayment())
		assert.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
	t.Run("a cancelled context stops a GET's retries", func(t *testing.T) {
		t.Parallel()
		c, mt := setup(t, WithRetryWait(time.Second, time.Second))
		mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(503, ``))
		cctx, cancel := context.WithTimeout(bg, 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.Transactions.Get(cctx, "t")
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Less(t, time.Since(start), 900*time.Millisecond)
	})
}

func TestValidation(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	pay := func(mut func(p *PaymentParams)) *PaymentParams {
		p := fullPayment()
		mut(p)
		return p
	}
	payments := []struct {
		field string
		p     *PaymentParams
	}{
		{"PaymentParams", nil},
		{"Amount", pay(func(p *PaymentParams) { p.Amount = 0 })},
		{"Amount", pay(func(p *PaymentParams) { p.Amount = -100 })},
		{"Amount", pay(func(p *PaymentParams) { p.Amount = 1 << 53 })},
		{"Card.Number", pay(func(p *PaymentParams) { p.Card.Number = "" })},
		{"Card.Number", pay(func(p *PaymentParams) { p.Card.Number = "4000000000000417" })},
		{"Card.Number", pay(func(p *PaymentParams) { p.Card.Number = "4000x00000000416" })},
		{"Card.ExpMonth", pay(func(p *PaymentParams) { p.Card.ExpMonth = 13 })},
		{"Card.ExpYear", pay(func(p *PaymentParams) { p.Card.ExpMonth, p.Card.ExpYear = 10, 2026 })},
		{"Card.CVV", pay(func(p *PaymentParams) { p.Card.CVV = "12" })},
		{"Card.CVV", pay(func(p *PaymentParams) { p.Card.CVV = "12a" })},
		{"Card.HolderName", pay(func(p *PaymentParams) { p.Card.HolderName = "  " })},
		{"ClientEmail", pay(func(p *PaymentParams) { p.ClientEmail = "not-an-email" })},
	}
	for _, tc := range payments {
		_, err := c.Transactions.Create(bg, tc.p)
		assertParamError(t, err, tc.field)
		// Validate is the check Create runs: the same error.
		assert.Equal(t, err.Error(), tc.p.Validate().Error(), tc.field)
		if tc.p != nil {
			sp := &SubscriptionParams{PaymentParams: *tc.p, Installments: 3}
			_, err = c.Transactions.CreateSubscription(bg, sp)
			assertParamError(t, err, tc.field)
			assert.Equal(t, err.Error(), sp.Validate().Error(), tc.field)
		}
	}
	_, err := c.Transactions.CreateSubscription(bg, nil)
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "SubscriptionParams")
	_, err = c.Transactions.CreateSubscription(bg, &SubscriptionParams{PaymentParams: *fullPayment()})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "Installments")
	// "." and ".." would be sent unescaped and name another path.
	for _, token := range []string{"", ".", ".."} {
		_, err = c.Transactions.Get(bg, token)
		assertParamError(t, err, "paymentIntentToken")
	}

	link := func(mut func(p *LinkParams)) *LinkParams {
		p := &LinkParams{Description: "d", Amount: 100, RedirectURI: "https://shop.example.com/ok"}
		mut(p)
		return p
	}
	links := []struct {
		field string
		p     *LinkParams
	}{
		{"LinkParams", nil},
		{"Description", link(func(p *LinkParams) { p.Description = "" })},
		{"Description", link(func(p *LinkParams) { p.Description = strings.Repeat("ñ", 256) })},
		{"Amount", link(func(p *LinkParams) { p.Amount = 0 })},
		{"RedirectURI", link(func(p *LinkParams) { p.RedirectURI = "/relative" })},
		{"RedirectURI", link(func(p *LinkParams) { p.RedirectURI = "javascript:alert(1)" })},
		{"ClientEmail", link(func(p *LinkParams) { p.ClientEmail = "x" })},
		{"MonthlyInstallmentID", link(func(p *LinkParams) { p.MonthlyInstallmentID = -1 })},
	}
	for _, tc := range links {
		_, err := c.Links.Create(bg, tc.p)
		assertParamError(t, err, tc.field)
		assert.Equal(t, err.Error(), tc.p.Validate().Error(), tc.field)
		if tc.p != nil {
			sp := &SubscriptionLinkParams{LinkParams: *tc.p, Installments: 2}
			_, err = c.Links.CreateSubscription(bg, sp)
			assertParamError(t, err, tc.field)
			assert.Equal(t, err.Error(), sp.Validate().Error(), tc.field)
		}
	}
	for field, p := range map[string]*SubscriptionLinkParams{
		"SubscriptionLinkParams": nil,
		"RedirectURI":            {LinkParams: LinkParams{Description: "d", Amount: 1}, Installments: 2},
		"Installments":           {LinkParams: LinkParams{Description: "d", Amount: 1, RedirectURI: "https://x.example"}},
		"MonthlyInstallmentID":   {LinkParams: LinkParams{Description: "d", Amount: 1, RedirectURI: "https://x.example", MonthlyInstallmentID: 2}, Installments: 2},
	} {
		_, err := c.Links.CreateSubscription(bg, p)
		assert.ErrorIs(t, err, ErrInvalidParams, field)
		assert.Contains(t, err.Error(), field)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

// A nil params pointer is refused naming its type, as the other providers'
// packages do, so the message says which argument was missing.
func TestNilParamsNameTheirType(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for _, tc := range []struct {
		field string
		call  func() error
	}{
		{"PaymentParams", func() error { _, err := c.Transactions.Create(bg, nil); return err }},
		{"SubscriptionParams", func() error { _, err := c.Transactions.CreateSubscription(bg, nil); return err }},
		{"LinkParams", func() error { _, err := c.Links.Create(bg, nil); return err }},
		{"SubscriptionLinkParams", func() error { _, err := c.Links.CreateSubscription(bg, nil); return err }},
	} {
		err := tc.call()
		assert.ErrorIs(t, err, ErrInvalidParams, tc.field)
		var pe *transport.ParamError
		if assert.ErrorAs(t, err, &pe, tc.field) {
			assert.Equal(t, tc.field, pe.Field)
			assert.Equal(t, "is nil", pe.Reason)
		}
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

func TestParamsNotMutatedAndConcurrentUse(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", base+"/api/v1/transactions/subscription", httpmock.NewStringResponder(201, approved))
	mt.RegisterResponder("POST", base+"/api/v1/links/subscription", httpmock.NewStringResponder(201, `{"cuboRedirectUri":"https://x","paymentIntentToken":"t"}`))
	p := &SubscriptionParams{PaymentParams: *fullPayment(), Installments: 3}
	lp := &SubscriptionLinkParams{LinkParams: LinkParams{Description: "d", Amount: 5, RedirectURI: "https://x.example", Metadata: map[string]string{"a": "b"}}, Installments: 2}
	before, lbefore := *p, *lp
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := c.Transactions.CreateSubscription(bg, p)
			assert.NoError(t, err)
		}()
		go func() {
			defer wg.Done()
			_, err := c.Links.CreateSubscription(bg, lp)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Equal(t, before, *p)
	assert.Equal(t, lbefore.Description, lp.Description)
	assert.Equal(t, map[string]string{"a": "b"}, lp.Metadata)
	assert.Equal(t, 16, mt.GetTotalCallCount())
}

// A 2xx that names no outcome may hide a payment that went through: unknown,
// and sent once.
func TestPaymentWithoutStatusIsUnknown(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", base+"/api/v1/transactions",
		httpmock.NewStringResponder(201, `{"referenceId":"354247606061629"}`))
	_, err := c.Transactions.Create(bg, fullPayment())
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), "no transaction status")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// API.md gives Transaction.Status as a string: it must be usable as one.
func TestTransactionStatusIsAString(t *testing.T) {
	t.Parallel()
	var s string = (&Transaction{Status: StatusSucceeded}).Status
	assert.Equal(t, "SUCCEEDED", s)
}
