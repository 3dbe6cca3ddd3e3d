package nominapp

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
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

func TestClientString(t *testing.T) {
	t.Parallel()
	const secret = "SENTINEL_api_token_Qq7"
	c, err := NewClient("ana@example.co", secret)
	require.NoError(t, err)
	want := "nominapp.Client{https://api.aleluya.com}"
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		assert.Equal(t, want, fmt.Sprintf(verb, c), verb)
	}
	st, err := NewClient("", "", WithAccessToken(secret), WithBaseURL(StageURL))
	require.NoError(t, err)
	assert.Equal(t, "nominapp.Client{https://nominapp-api-stage.herokuapp.com}", st.String())
	var nilClient *Client
	assert.Equal(t, "nominapp.Client{}", nilClient.String())
	assert.Equal(t, "nominapp.Client{}", fmt.Sprintf("%#v", &Client{}))
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v %+v", *c, c, st, *st), secret)
}

func TestOptionsAreThisPackages(t *testing.T) {
	t.Parallel()
	_, err := NewClient("a@b.co", "tok", WithTimeout(time.Second), Option{})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "nominapp: "), err.Error())
	assert.Contains(t, err.Error(), "option 1")
	for name, opt := range map[string]Option{
		"WithBaseURL":     WithBaseURL("ftp://x"),
		"WithHTTPClient":  WithHTTPClient(nil),
		"WithMaxRetries":  WithMaxRetries(-1),
		"WithRetryWait":   WithRetryWait(2*time.Second, time.Second),
		"WithTimeout":     WithTimeout(0),
		"WithLogger":      WithLogger(nil),
		"WithAppInfo":     WithAppInfo("has space", "1"),
		"WithAccessToken": WithAccessToken(""),
	} {
		_, err := NewClient("a@b.co", "tok", opt)
		require.Error(t, err, name)
		assert.True(t, strings.HasPrefix(err.Error(), "nominapp: "), err.Error())
	}
	assert.Equal(t, reflect.Struct, reflect.TypeOf(Option{}).Kind(), "a defined type, not transport.Option")
}

func TestClose(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "POST", payURL, 201, okPayment)
	_, err := c.Payments.PaySubscription(context.Background(), subParams())
	require.NoError(t, err)
	require.NoError(t, c.Close())
	require.NoError(t, c.Close(), "twice")
	_, err = c.Payments.PaySubscription(context.Background(), subParams())
	assert.ErrorIs(t, err, transport.ErrClientClosed)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "nothing was sent")
	assert.Equal(t, 1, mt.GetTotalCallCount())
	var nilClient *Client
	assert.NoError(t, nilClient.Close())
	assert.NoError(t, (&Client{}).Close())
}

// Every exported method of the service, on a nil service, a service of a
// zero Client and the service of a zero Client, returns an error and never
// panics.
func TestZeroValuesFail(t *testing.T) {
	t.Parallel()
	calls := 0
	for _, svc := range []*PaymentsService{nil, {}, {client: &Client{}}, (&Client{}).Payments} {
		v := reflect.ValueOf(svc)
		for i := 0; i < v.NumMethod(); i++ {
			m := v.Type().Method(i)
			args := []reflect.Value{}
			for j := 1; j < m.Type.NumIn(); j++ {
				args = append(args, usableArg(m.Type.In(j)))
			}
			out := v.Method(i).Call(args)
			err, _ := out[len(out)-1].Interface().(error)
			require.Error(t, err, "%s on %#v", m.Name, svc)
			assert.ErrorIs(t, err, transport.ErrNoClient, m.Name)
			assert.True(t, strings.HasPrefix(err.Error(), "nominapp: "), err.Error())
			calls++
		}
	}
	assert.Equal(t, 4*5, calls, "every method was called")
}

// usableArg is an argument of type t that passes validation, so that only
// the missing client can fail the call.
func usableArg(t reflect.Type) reflect.Value {
	card := guideCard()
	switch t {
	case reflect.TypeOf((*context.Context)(nil)).Elem():
		return reflect.ValueOf(context.Background())
	case reflect.TypeOf(&SubscriptionPayment{}):
		return reflect.ValueOf(subParams())
	case reflect.TypeOf(&ExtraWorkersPayment{}):
		return reflect.ValueOf(&ExtraWorkersPayment{Card: card, PlanID: planID, ExtraWorkers: 1})
	case reflect.TypeOf(&SubscriptionChange{}):
		return reflect.ValueOf(&SubscriptionChange{Card: card, PaymentType: Monthly, NewPlanID: planID2, NewPaymentType: Yearly})
	case reflect.TypeOf(&StoredCardPayment{}):
		return reflect.ValueOf(&StoredCardPayment{PlanID: planID, PaidWorkers: 1, PaymentType: Monthly})
	case reflect.TypeOf(&CardUpdate{}):
		return reflect.ValueOf(&CardUpdate{Card: card, PaymentType: Monthly})
	}
	panic("no usable argument of type " + t.String())
}

// An unknown outcome names the call and when it was sent; Nominapp keeps
// nothing a key could go in, so Key stays empty.
func TestOutcomeUnknownNamesTheCall(t *testing.T) {
	t.Parallel()
	card := guideCard()
	cases := map[string]func(c *Client) error{
		"payments.pay_subscription": func(c *Client) error {
			_, err := c.Payments.PaySubscription(context.Background(), subParams())
			return err
		},
		"payments.pay_extra_workers": func(c *Client) error {
			_, err := c.Payments.PayExtraWorkers(context.Background(), &ExtraWorkersPayment{Card: card, PlanID: planID, ExtraWorkers: 1})
			return err
		},
		"payments.change_subscription": func(c *Client) error {
			_, err := c.Payments.ChangeSubscription(context.Background(), &SubscriptionChange{Card: card, PaymentType: Monthly, NewPlanID: planID2, NewPaymentType: Yearly})
			return err
		},
		"payments.pay_with_stored_card": func(c *Client) error {
			_, err := c.Payments.PayWithStoredCard(context.Background(), &StoredCardPayment{PlanID: planID, PaidWorkers: 1, PaymentType: Monthly})
			return err
		},
	}
	for op, call := range cases {
		for name, responder := range map[string]httpmock.Responder{
			"503":         httpmock.NewStringResponder(http.StatusServiceUnavailable, `<html>down</html>`),
			"2xx no data": httpmock.NewStringResponder(http.StatusCreated, `{}`),
			"dropped":     httpmock.NewErrorResponder(errors.New("connection reset by peer")),
		} {
			t.Run(op+"/"+name, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				mt.RegisterResponder("POST", payURL, responder)
				before := time.Now()
				err := call(c)
				var u *OutcomeUnknownError
				require.ErrorAs(t, err, &u)
				assert.ErrorIs(t, err, ErrOutcomeUnknown)
				assert.Equal(t, op, u.Operation)
				assert.Empty(t, u.Key, "Nominapp keeps no key")
				assert.False(t, u.SentAt.Before(before.Add(-time.Second)) || u.SentAt.After(time.Now()), "SentAt %v", u.SentAt)
				assert.Equal(t, 1, mt.GetTotalCallCount(), "sent once")
			})
		}
	}
}

// A refused login never shows the credential, in any spelling the server
// might echo it: the Basic header, the email:token pair, the token.
func TestRefusedLoginHidesTheCredential(t *testing.T) {
	t.Parallel()
	const (
		email = "ana@example.co"
		token = "SENTINEL_api_token_9Xk2"
	)
	pair := email + ":" + token
	basic := base64.StdEncoding.EncodeToString([]byte(pair))
	echoes := map[string]string{
		"header in a message": `{"error":[{"message":"credenciales inválidas: Basic ` + basic + `","code":"0401","object":"session"}]}`,
		"pair as the object":  `{"error":[{"message":"no autorizado","code":"0401","object":"` + pair + `"}]}`,
		"token in rails map":  `{"errors":{"api_token":["` + token + ` no es válido"]}}`,
		"url-encoded pair":    `{"error":"usuario ` + url.QueryEscape(pair) + ` rechazado"}`,
		"url-safe base64":     `{"message":"` + base64.URLEncoding.EncodeToString([]byte(pair)) + `"}`,
	}
	for name, body := range echoes {
		for _, status := range []int{401, 403, 422} {
			t.Run(fmt.Sprintf("%s/%d", name, status), func(t *testing.T) {
				t.Parallel()
				var logs bytes.Buffer
				logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				mt := httpmock.NewMockTransport()
				c, err := NewClient(email, token, append(mockOptions(mt), WithLogger(logger))...)
				require.NoError(t, err)
				mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(status, body).
					HeaderSet(http.Header{"Www-Authenticate": {"Basic " + basic}, "X-Echo": {pair}}))
				_, err = c.Payments.PaySubscription(context.Background(), subParams())
				require.Error(t, err)
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, status, e.StatusCode)
				assert.NotEmpty(t, e.Items, "the error list is kept, scrubbed")
				assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the payment was never sent")
				outputs := []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", e), fmt.Sprintf("%+v", e.Items), string(e.Body), logs.String()}
				for _, out := range outputs {
					for _, secret := range []string{token, pair, basic, url.QueryEscape(pair)} {
						assert.NotContains(t, out, secret)
					}
				}
			})
		}
	}
}

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
