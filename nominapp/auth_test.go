package nominapp

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/mocktest"
	"github.com/latampay/latampay-go/internal/transport"
)

const okPayment = `{"order_id":"846696993","transaction_id":"43669e18-a8e0-4d33-9e40-3e87a604818c","payment_status":"APPROVED","paid_workers":5}`

func subParams() *SubscriptionPayment {
	return &SubscriptionPayment{Card: guideCard(), PlanID: planID, PaidWorkers: 4, PaymentType: Monthly}
}

// loginServer answers logins with tokens "session-1", "session-2", … and
// accepts on the payment route only the latest token.
type loginServer struct {
	logins   atomic.Int32
	payments atomic.Int32
	mu       sync.Mutex
	current  string
	auths    []string // the Authorization of each payment, in order
	loginRec *mocktest.Recorder
	payRec   *mocktest.Recorder
	// reject makes the payment route answer 401 this many times.
	reject atomic.Int32
}

func (s *loginServer) register(mt *httpmock.MockTransport) {
	var login, pay httpmock.Responder
	login, s.loginRec = mocktest.Record(func(*http.Request) (*http.Response, error) {
		n := s.logins.Add(1)
		tok := "session-" + string(rune('0'+n))
		s.mu.Lock()
		s.current = tok
		s.mu.Unlock()
		time.Sleep(5 * time.Millisecond) // let concurrent callers pile up
		return httpmock.NewStringResponse(201, `{"data":{"api_access_token":"`+tok+`","user":{"email":"ana@example.co"}}}`), nil
	})
	pay, s.payRec = mocktest.Record(func(req *http.Request) (*http.Response, error) {
		s.payments.Add(1)
		s.mu.Lock()
		cur := s.current
		s.auths = append(s.auths, req.Header.Get("Authorization"))
		s.mu.Unlock()
		if s.reject.Load() > 0 {
			s.reject.Add(-1)
			return httpmock.NewStringResponse(401, `{"error":[{"message":"La sesión expiró","code":"0401","object":"session","index":0}]}`), nil
		}
		if req.Header.Get("Authorization") != "Bearer "+cur {
			return httpmock.NewStringResponse(401, `{"error":"sesión no válida"}`), nil
		}
		return httpmock.NewStringResponse(201, okPayment), nil
	})
	mt.RegisterResponder("POST", loginURL, login)
	mt.RegisterResponder("POST", payURL, pay)
}

// payAuths is the Authorization header of each payment received, in order.
func (s *loginServer) payAuths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.auths...)
}

func TestLoginRequest(t *testing.T) {
	t.Parallel()
	c, mt := setupLogin(t)
	srv := &loginServer{}
	srv.register(mt)

	pay, err := c.Payments.PaySubscription(context.Background(), subParams())
	require.NoError(t, err)
	assert.Equal(t, StatusApproved, pay.Status)

	login, loginBody := srv.loginRec.Last(t)
	assert.Equal(t, "POST", login.Method)
	assert.Equal(t, loginURL+"?auth_type=bearer", login.URL.String())
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte("ana@example.co:api-token-123")), login.Header.Get("Authorization"))
	assert.Equal(t, "application/json", login.Header.Get("Accept"))
	assert.True(t, strings.HasPrefix(login.Header.Get("User-Agent"), "latampay-go/"))
	assert.Empty(t, loginBody)

	p, _ := srv.payRec.Last(t)
	assert.Equal(t, "Bearer session-1", p.Header.Get("Authorization"))

	// The token is cached: more payments, no more logins.
	for range 3 {
		_, err = c.Payments.PayWithStoredCard(context.Background(), &StoredCardPayment{PlanID: planID, PaidWorkers: 1, PaymentType: Monthly})
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, srv.logins.Load())
	assert.EqualValues(t, 4, srv.payments.Load())
}

func TestLoginResponseShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body string }{
		{"wrapped in data", `{"data":{"api_access_token":"abc","user":{"email":"ana@example.co"}}}`},
		{"bare", `{"api_access_token":"abc","user":{"email":"ana@example.co"}}`},
		{"inside the user", `{"data":{"user":{"email":"ana@example.co","api_access_token":"abc"}}}`},
		// Only the token matters: an odd user or data shape must not fail
		// the login.
		{"user as a string", `{"api_access_token":"abc","user":"ana@example.co"}`},
		{"user as a list", `{"data":{"api_access_token":"abc","user":[{"email":"ana@example.co"}]}}`},
		{"user as a number", `{"data":{"api_access_token":"abc","user":17}}`},
		{"data as a string beside a bare token", `{"api_access_token":"abc","data":"ok"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setupLogin(t)
			mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(201, tc.body))
			rec := respond(mt, "POST", payURL, 201, okPayment)
			_, err := c.Payments.PaySubscription(context.Background(), subParams())
			require.NoError(t, err)
			r, _ := rec.Last(t)
			assert.Equal(t, "Bearer abc", r.Header.Get("Authorization"))
		})
	}
}

func TestLoginFailures(t *testing.T) {
	t.Parallel()
	t.Run("bad credentials: *Error, no payment sent", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t)
		mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(401,
			`{"error":[{"message":"Credenciales inválidas","code":"0401","object":"session","index":0}]}`))
		mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, okPayment))
		_, err := c.Payments.PaySubscription(context.Background(), subParams())
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 401, e.StatusCode)
		assert.Equal(t, "0401", e.Code())
		assert.Contains(t, err.Error(), "nominapp: login")
		assert.NotContains(t, err.Error(), "api-token-123")
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		assert.Equal(t, 1, mt.GetTotalCallCount(), "one login, no payment, no retry")
	})
	t.Run("no token in the answer", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t)
		mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(201, `{"data":{"user":{"email":"ana@example.co"}}}`))
		_, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrMalformedResponse)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		var le *transport.LoginError
		assert.ErrorAs(t, err, &le, "a failed login, not a failed payment")
		var me *transport.MalformedResponseError
		require.ErrorAs(t, err, &me, "typed like any other unreadable answer")
		assert.Equal(t, 201, me.StatusCode)
		assert.Empty(t, me.Body)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("login retried on 503 (it may be repeated)", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t)
		mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(503, ``).Then(
			httpmock.NewStringResponder(201, `{"data":{"api_access_token":"abc"}}`)))
		mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, okPayment))
		_, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.NoError(t, err)
		info := mt.GetCallCountInfo()
		assert.Equal(t, 2, info["POST "+loginURL+"?auth_type=bearer"]+info["POST "+loginURL])
		assert.Equal(t, 3, mt.GetTotalCallCount())
	})
	t.Run("login connection lost: the payment was not sent, so its outcome is known", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t, WithMaxRetries(0))
		mt.RegisterResponder("POST", loginURL, httpmock.NewErrorResponder(errors.New("connection reset by peer")))
		mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, okPayment))
		_, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.Error(t, err)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		assert.Contains(t, err.Error(), "nominapp: login")
		assert.Equal(t, 0, mt.GetCallCountInfo()["POST "+payURL])
	})
	t.Run("login connection lost then success: retried", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t)
		mt.RegisterResponder("POST", loginURL, httpmock.NewErrorResponder(errors.New("connection reset by peer")).Then(
			httpmock.NewStringResponder(201, `{"api_access_token":"abc"}`)))
		mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, okPayment))
		_, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.NoError(t, err)
	})
	t.Run("a failed login is not cached", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t, WithMaxRetries(0))
		mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(500, ``).Then(
			httpmock.NewStringResponder(201, `{"api_access_token":"abc"}`)))
		mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, okPayment))
		_, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.Error(t, err)
		_, err = c.Payments.PaySubscription(context.Background(), subParams())
		require.NoError(t, err)
	})
}

// TestLoginErrorHidesToken: a 2xx login that cannot be read still holds
// the api_access_token in its body, which no part of the error may keep.
func TestLoginErrorHidesToken(t *testing.T) {
	t.Parallel()
	const sentinel = "SENTINEL-access-token-7f3a"
	for _, tc := range []struct {
		name, body string
		wantType   any
	}{
		{"body cut off", `{"data":{"api_access_token":"` + sentinel + `","user":{"email":`, &transport.MalformedResponseError{}},
		{"token field of another type", `{"data":{"api_access_token":"` + sentinel + `"},"api_access_token":17}`, &transport.MalformedResponseError{}},
		{"error list beside the token", `{"api_access_token":"` + sentinel + `","errors":["cuenta suspendida"]}`, &Error{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setupLogin(t)
			mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(201, tc.body))
			mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, okPayment))
			_, err := c.Payments.PaySubscription(context.Background(), subParams())
			require.Error(t, err)
			var le *transport.LoginError
			require.ErrorAs(t, err, &le)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the payment was never sent")
			assert.Equal(t, 0, mt.GetCallCountInfo()["POST "+payURL])

			var inner any
			switch tc.wantType.(type) {
			case *transport.MalformedResponseError:
				var me *transport.MalformedResponseError
				require.ErrorAs(t, err, &me)
				assert.ErrorIs(t, err, ErrMalformedResponse)
				assert.Equal(t, 201, me.StatusCode)
				assert.NotContains(t, string(me.Body), sentinel)
				inner = me
			case *Error:
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 201, e.StatusCode)
				assert.NotContains(t, string(e.Body), sentinel)
				inner = e
			}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
				assert.NotContains(t, fmt.Sprintf(verb, err), sentinel, verb)
				assert.NotContains(t, fmt.Sprintf(verb, inner), sentinel, verb)
			}
		})
	}
}

func TestLoginOnceForConcurrentFirstUse(t *testing.T) {
	t.Parallel()
	c, mt := setupLogin(t)
	srv := &loginServer{}
	srv.register(mt)

	const n = 20
	start := make(chan struct{})
	errs := make(chan error, n)
	for range n {
		go func() {
			<-start
			_, err := c.Payments.PaySubscription(context.Background(), subParams())
			errs <- err
		}()
	}
	close(start)
	for range n {
		require.NoError(t, <-errs)
	}
	assert.EqualValues(t, 1, srv.logins.Load(), "exactly one login")
	assert.EqualValues(t, n, srv.payments.Load(), "each payment sent once")
	auths := srv.payAuths()
	assert.Len(t, auths, srv.payRec.Count())
	for _, auth := range auths {
		assert.Equal(t, "Bearer session-1", auth)
	}
}

func TestReloginOn401(t *testing.T) {
	t.Parallel()
	t.Run("one 401: one re-login, payment sent twice, success", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t)
		srv := &loginServer{}
		srv.register(mt)
		_, err := c.Payments.PaySubscription(context.Background(), subParams()) // logs in
		require.NoError(t, err)
		before := srv.payRec.Count()
		srv.payments.Store(0)

		srv.reject.Store(1)
		pay, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.NoError(t, err)
		assert.Equal(t, StatusApproved, pay.Status)
		assert.EqualValues(t, 2, srv.logins.Load(), "one re-login")
		assert.EqualValues(t, 2, srv.payments.Load(), "the payment was sent twice in total")
		bodies, auths := srv.payRec.Bodies()[before:], srv.payAuths()[before:]
		require.Len(t, bodies, 2)
		require.Len(t, auths, 2)
		assert.Equal(t, "Bearer session-1", auths[0])
		assert.Equal(t, "Bearer session-2", auths[1])
		assert.JSONEq(t, bodies[0], bodies[1], "the same payment re-sent")
	})
	t.Run("two 401s: *Error, no third send", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t)
		srv := &loginServer{}
		srv.register(mt)
		srv.reject.Store(2)
		pay, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.Error(t, err)
		assert.Nil(t, pay)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 401, e.StatusCode)
		assert.Equal(t, "0401", e.Code())
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		assert.EqualValues(t, 2, srv.logins.Load())
		assert.EqualValues(t, 2, srv.payments.Load())
	})
	t.Run("401 on the card update: re-login and re-send", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t)
		srv := &loginServer{}
		srv.register(mt)
		var puts atomic.Int32
		mt.RegisterResponder("PUT", payURL, func(req *http.Request) (*http.Response, error) {
			if puts.Add(1) == 1 {
				return httpmock.NewStringResponse(401, `{"error":"expired"}`), nil
			}
			return httpmock.NewStringResponse(200, `{"message":"La tarjeta de crédito ha sido actualizada."}`), nil
		})
		require.NoError(t, c.Payments.UpdateCard(context.Background(), &CardUpdate{Card: guideCard(), PaymentType: Yearly}))
		assert.EqualValues(t, 2, puts.Load())
		assert.EqualValues(t, 2, srv.logins.Load())
	})
	t.Run("concurrent 401s share one re-login", func(t *testing.T) {
		t.Parallel()
		c, mt := setupLogin(t)
		srv := &loginServer{}
		srv.register(mt)
		_, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.NoError(t, err)
		// The server forgets session-1: every request with it gets a 401.
		srv.mu.Lock()
		srv.current = "none"
		srv.mu.Unlock()
		const n = 10
		errs := make(chan error, n)
		for range n {
			go func() {
				_, err := c.Payments.PaySubscription(context.Background(), subParams())
				errs <- err
			}()
		}
		for range n {
			require.NoError(t, <-errs)
		}
		assert.EqualValues(t, 2, srv.logins.Load(), "one re-login for all")
	})
}

func TestWithAccessToken(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(201, `{"api_access_token":"x"}`))
	mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(401, `{"error":[{"message":"La sesión expiró","code":"0401","object":"session","index":0}]}`))
	_, err := c.Payments.PaySubscription(context.Background(), subParams())
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.StatusCode)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	info := mt.GetCallCountInfo()
	assert.Equal(t, 0, info["POST "+loginURL])
	assert.Equal(t, 1, info["POST "+payURL], "no re-send without a login")
	assert.Nil(t, c.session)
}

func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	c, mt := setupLogin(t)
	srv := &loginServer{}
	srv.register(mt)
	var mu sync.Mutex
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	c.session.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }

	pay := func() {
		t.Helper()
		_, err := c.Payments.PaySubscription(context.Background(), subParams())
		require.NoError(t, err)
	}
	pay()
	assert.EqualValues(t, 1, srv.logins.Load())
	advance(SessionTTL - SessionRefreshMargin - time.Second)
	pay()
	assert.EqualValues(t, 1, srv.logins.Load(), "still valid")
	advance(2 * time.Second)
	pay()
	assert.EqualValues(t, 2, srv.logins.Load(), "refreshed a few minutes before 8 hours")
	assert.EqualValues(t, 3, srv.payments.Load(), "no 401 on the way")
}

func TestNewClientErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		email, token string
		opts         []Option
	}{
		{"empty email", "", "tok", nil},
		{"empty token", "a@b.co", "", nil},
		{"token read with its newline", "a@b.co", "tok\n", nil},
		{"access token read with its newline", "", "", []Option{WithAccessToken("tok\n")}},
		{"empty access token", "a@b.co", "tok", []Option{WithAccessToken("")}},
		{"plain http", "a@b.co", "tok", []Option{WithBaseURL("http://api.aleluya.com")}},
		{"bad url", "a@b.co", "tok", []Option{WithBaseURL("::")}},
		{"negative retries", "a@b.co", "tok", []Option{WithMaxRetries(-1)}},
		{"min above max", "a@b.co", "tok", []Option{WithRetryWait(time.Second, time.Millisecond)}},
		{"nil client", "a@b.co", "tok", []Option{WithHTTPClient(nil)}},
		{"zero timeout", "a@b.co", "tok", []Option{WithTimeout(0)}},
		{"zero option", "a@b.co", "tok", []Option{{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tc.email, tc.token, tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
		})
	}
	c, err := NewClient("", "", WithAccessToken("tok"))
	require.NoError(t, err)
	assert.Equal(t, ProductionURL, c.tc.BaseURL().String())
	c, err = NewClient("a@b.co", "tok", WithBaseURL(StageURL), WithAppInfo("shop", "1.0"))
	require.NoError(t, err)
	assert.Equal(t, StageURL, c.tc.BaseURL().String())
	assert.True(t, strings.HasSuffix(c.tc.UserAgent(), " shop/1.0"))
}

func TestBaseURLPrefixKept(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c, err := NewClient("", "", WithAccessToken(testToken), WithHTTPClient(&http.Client{Transport: mt}),
		WithBaseURL("https://proxy.example.co/nominapp/"))
	require.NoError(t, err)
	mt.RegisterResponder("POST", "https://proxy.example.co/nominapp/v1/payments/credit_card", httpmock.NewStringResponder(201, okPayment))
	_, err = c.Payments.PaySubscription(context.Background(), subParams())
	require.NoError(t, err)
}

func TestLoginCanceledWhileWaiting(t *testing.T) {
	t.Parallel()
	c, mt := setupLogin(t)
	release := make(chan struct{})
	mt.RegisterResponder("POST", loginURL, func(*http.Request) (*http.Response, error) {
		<-release
		return httpmock.NewStringResponse(201, `{"api_access_token":"abc"}`), nil
	})
	mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(201, okPayment))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := c.Payments.PaySubscription(ctx, subParams())
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), err)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the payment was never sent")
	close(release)
	assert.Equal(t, 0, mt.GetCallCountInfo()["POST "+payURL])
}
