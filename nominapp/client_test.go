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
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
