package srpago

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sessionToken = "4a44d6dd0c5b0a7f6b9b7c2c3e9ae0f5c7a4d5f1e2b3c4d5e6f7a8b9c0d1e2f3"

func loginAnswer(token string, expires time.Time) string {
	return `{"connection":{"token":"` + token + `","expires":"` + expires.Format(time.RFC3339) + `"},"success":true}`
}

func TestBearerLogin(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithBearerLogin())
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	var clock atomic.Pointer[time.Time]
	clock.Store(&now)
	c.session.SetClock(func() time.Time { return *clock.Load() })

	var logins atomic.Int32
	mt.RegisterResponder(http.MethodPost, testBase+"/v1/auth/login/application", func(r *http.Request) (*http.Response, error) {
		n := logins.Add(1)
		resp, _ := httpmockString(loginAnswer(fmt.Sprintf("%s%d", sessionToken[:60], 1000+n), now.Add(30*24*time.Hour)))(r)
		return resp, nil
	})
	var auths []string
	mt.RegisterResponder(http.MethodGet, testBase+"/v1/funds", func(r *http.Request) (*http.Response, error) {
		auths = append(auths, r.Header.Get("Authorization"))
		return httpmockString(ok(`{"total_funds":"1.00","available_funds":"1.00"}`))(r)
	})

	_, err := c.Account.Funds(ctx)
	require.NoError(t, err)
	_, err = c.Account.Funds(ctx)
	require.NoError(t, err)
	assert.Equal(t, int32(1), logins.Load(), "one login for both calls")
	assert.Equal(t, []string{"Bearer " + sessionToken[:60] + "1001", "Bearer " + sessionToken[:60] + "1001"}, auths)

	// Renewed SessionRenewMargin before "expires".
	later := now.Add(30*24*time.Hour - SessionRenewMargin + time.Second)
	clock.Store(&later)
	_, err = c.Account.Funds(ctx)
	require.NoError(t, err)
	assert.Equal(t, int32(2), logins.Load())
	assert.Equal(t, "Bearer "+sessionToken[:60]+"1002", auths[2])
}

func TestBearerLoginRequest(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithBearerLogin())
	rec := reply(mt, http.MethodPost, testBase+"/v1/auth/login/application", 200,
		loginAnswer(sessionToken, time.Now().Add(time.Hour)))
	reply(mt, http.MethodGet, testBase+"/v1/account/info", 200, ok(accountInfo))
	_, err := c.Account.Get(ctx)
	require.NoError(t, err)
	r, body := rec.Last(t)
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte(testKey+":"+testSecret)), r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"application_bundle":""}`, body)
}

// TestBearerRelogin401: a 401 to a bearer token drops it, logs in once more
// and sends the request once more, a charge included; a second 401 is the
// caller's error.
func TestBearerRelogin401(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithBearerLogin())
	var logins atomic.Int32
	mt.RegisterResponder(http.MethodPost, testBase+"/v1/auth/login/application", func(r *http.Request) (*http.Response, error) {
		n := logins.Add(1)
		return httpmockString(loginAnswer(fmt.Sprintf("tok%d", n), time.Now().Add(time.Hour)))(r)
	})
	var charges []string
	mt.RegisterResponder(http.MethodPost, testBase+"/v1/payment/card", func(r *http.Request) (*http.Response, error) {
		charges = append(charges, r.Header.Get("Authorization"))
		if r.Header.Get("Authorization") == "Bearer tok1" {
			return httpmockStatus(401, `{"success":false,"error":{"code":"InvalidSessionException","message":"Sesión expirada"}}`)(r)
		}
		return httpmockString(ok(chargeResult))(r)
	})
	ch, err := c.Charges.Create(ctx, &ChargeParams{Source: "crd_1", Amount: 10000, Description: "x"})
	require.NoError(t, err)
	assert.Equal(t, "NDcxODU2", ch.TransactionID)
	assert.Equal(t, []string{"Bearer tok1", "Bearer tok2"}, charges)
	assert.Equal(t, int32(2), logins.Load())

	// Refused twice: the 401 comes back as *Error after one re-login.
	c2, mt2 := setup(t, WithBearerLogin())
	mt2.RegisterResponder(http.MethodPost, testBase+"/v1/auth/login/application", httpmockString(loginAnswer("tokX", time.Now().Add(time.Hour))))
	rec := reply(mt2, http.MethodGet, testBase+"/v1/funds", 401, `{"success":false,"error":{"code":"InvalidSessionException","message":"no"}}`)
	_, err = c2.Account.Funds(ctx)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.StatusCode)
	assert.Equal(t, 2, rec.Count())
}

func TestBearerLoginFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		check  func(t *testing.T, err error)
	}{
		{"refused credentials", 401, `{"success":false,"error":{"code":"InvalidCredentialsException","message":"Credenciales inválidas"}}`,
			func(t *testing.T, err error) {
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "InvalidCredentialsException", e.Code)
				assert.Nil(t, e.Body, "a login's error keeps no body")
			}},
		{"no connection", 200, `{"success":true,"result":{"token":"` + sessionToken + `"}}`,
			func(t *testing.T, err error) { assert.ErrorIs(t, err, ErrMalformedResponse) }},
		{"empty token", 200, `{"success":true,"connection":{"token":" ","expires":"2030-01-01T00:00:00-06:00"}}`,
			func(t *testing.T, err error) { assert.ErrorIs(t, err, ErrMalformedResponse) }},
		{"token beside an error", 200, `{"success":false,"connection":{"token":"` + sessionToken + `"},"error":{"code":"X","message":"y"}}`,
			func(t *testing.T, err error) {
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Nil(t, e.Body)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithBearerLogin())
			reply(mt, http.MethodPost, testBase+"/v1/auth/login/application", tt.status, tt.body)
			charge := reply(mt, http.MethodPost, testBase+"/v1/payment/card", 200, ok(chargeResult))
			_, err := c.Charges.Create(ctx, &ChargeParams{Source: "crd_1", Amount: 10000, Description: "x"})
			require.Error(t, err)
			assert.False(t, errors.Is(err, ErrOutcomeUnknown), "the charge was never sent: %v", err)
			assert.Zero(t, charge.Count())
			assert.NotContains(t, fmt.Sprintf("%v %+v %#v", err, err, err), sessionToken)
			assert.Contains(t, err.Error(), "srpago: login")
			tt.check(t, err)
		})
	}
}

func TestBearerLoginNoExpiry(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithBearerLogin())
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	var clock atomic.Pointer[time.Time]
	clock.Store(&now)
	c.session.SetClock(func() time.Time { return *clock.Load() })
	var logins atomic.Int32
	mt.RegisterResponder(http.MethodPost, testBase+"/v1/auth/login/application", func(r *http.Request) (*http.Response, error) {
		logins.Add(1)
		return httpmock.NewStringResponse(200, `{"success":true,"connection":{"token":"t"}}`), nil
	})
	reply(mt, http.MethodGet, testBase+"/v1/funds", 200, ok(`{"total_funds":1,"available_funds":1}`))
	_, err := c.Account.Funds(ctx)
	require.NoError(t, err)
	soon := now.Add(SessionTTL - SessionRenewMargin - time.Second)
	clock.Store(&soon)
	_, err = c.Account.Funds(ctx)
	require.NoError(t, err)
	assert.Equal(t, int32(1), logins.Load())
	late := now.Add(SessionTTL)
	clock.Store(&late)
	_, err = c.Account.Funds(ctx)
	require.NoError(t, err)
	assert.Equal(t, int32(2), logins.Load(), "SessionTTL when the answer gives no expiry")
}
