package transport

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthHeaders(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	require.NoError(t, BasicAuth("key", "").Authenticate(context.Background(), h))
	assert.Equal(t, "Basic a2V5Og==", h.Get("Authorization"), "key: form")
	require.NoError(t, BasicAuth("app", "secret").Authenticate(context.Background(), h))
	assert.Equal(t, "Basic YXBwOnNlY3JldA==", h.Get("Authorization"))
	require.NoError(t, HeaderAuth("x-api-key", "k1").Authenticate(context.Background(), h))
	assert.Equal(t, "k1", h.Get("X-Api-Key"))
	require.NoError(t, BearerAuth("t").Authenticate(context.Background(), h))
	assert.Equal(t, "Bearer t", h.Get("Authorization"))
}

func TestSessionAuthOneLoginForManyGoroutines(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	release := make(chan struct{})
	auth := NewSessionAuth(func(ctx context.Context) (string, error) {
		logins.Add(1)
		<-release
		return "tok-1", nil
	}, 8*time.Hour, 5*time.Minute)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := http.Header{}
			errs <- auth.Authenticate(context.Background(), h)
			if h.Get("Authorization") != "Bearer tok-1" {
				errs <- errors.New("wrong header " + h.Get("Authorization"))
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, int32(1), logins.Load())
}

func TestSessionAuthRefreshesBeforeExpiry(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	auth := NewSessionAuth(func(ctx context.Context) (string, error) {
		n := logins.Add(1)
		return "tok-" + string(rune('0'+n)), nil
	}, 8*time.Hour, 5*time.Minute)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	auth.SetClock(func() time.Time { return now })
	tok, err := auth.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	now = now.Add(7*time.Hour + 54*time.Minute)
	tok, _ = auth.Token(context.Background())
	assert.Equal(t, "tok-1", tok, "still inside TTL minus margin")
	now = now.Add(2 * time.Minute)
	tok, _ = auth.Token(context.Background())
	assert.Equal(t, "tok-2", tok, "refreshed a margin before expiry")
}

func TestSessionAuthLoginErrorIsReturnedAndRetriedNextTime(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	auth := NewSessionAuth(func(ctx context.Context) (string, error) {
		if logins.Add(1) == 1 {
			return "", errors.New("bad credentials")
		}
		return "tok", nil
	}, time.Hour, 0)
	_, err := auth.Token(context.Background())
	assert.EqualError(t, err, "latampay: login failed: bad credentials")
	tok, err := auth.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok", tok)
}

func TestSessionAuthWaiterHonoursContext(t *testing.T) {
	t.Parallel()
	block := make(chan struct{})
	defer close(block)
	auth := NewSessionAuth(func(ctx context.Context) (string, error) { <-block; return "t", nil }, time.Hour, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := auth.Token(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestReloginOnceOn401ThenResend(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	var logins atomic.Int32
	session := NewSessionAuth(func(ctx context.Context) (string, error) {
		n := logins.Add(1)
		return []string{"", "old", "new", "newer"}[n], nil
	}, 8*time.Hour, 0)
	client.cfg.Auth = session
	var seen []string
	mt.RegisterResponder("POST", testBase+"/v1/payments", func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Header.Get("Authorization"))
		if r.Header.Get("Authorization") == "Bearer old" {
			return httpmock.NewStringResponse(401, `{"error":[{"code":"0001"}]}`), nil
		}
		return httpmock.NewStringResponse(201, `{"ok":true}`), nil
	})
	var out struct{ OK bool }
	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/payments", MovesMoney: true}, &out)
	require.NoError(t, err)
	assert.True(t, out.OK)
	assert.Equal(t, []string{"Bearer old", "Bearer new"}, seen)
	assert.Equal(t, int32(2), logins.Load())
}

func TestSecond401IsReturned(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	var logins atomic.Int32
	client.cfg.Auth = NewSessionAuth(func(ctx context.Context) (string, error) { logins.Add(1); return "t", nil }, time.Hour, 0)
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewStringResponder(401, `{}`))
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	var he *HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 401, he.StatusCode)
	assert.Equal(t, 2, mt.GetTotalCallCount())
	assert.Equal(t, int32(2), logins.Load())
}

func TestStatic401IsReturnedWithoutRetry(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{Auth: BearerAuth("k")})
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewStringResponder(401, `{}`))
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	var he *HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestFailedLoginIsNotAnUnknownOutcome(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	// A login that is (wrongly) not marked idempotent and meets a 502.
	client.cfg.Auth = NewSessionAuth(func(ctx context.Context) (string, error) {
		var out struct{ Token string }
		_, err := client.Do(ctx, &Request{Method: "POST", Path: "/v1/sessions", Auth: BasicAuth("a", "b")}, &out)
		return out.Token, err
	}, time.Hour, 0)
	mt.RegisterResponder("POST", testBase+"/v1/sessions", httpmock.NewStringResponder(502, `bad gateway`))
	mt.RegisterResponder("POST", testBase+"/v1/payments", httpmock.NewStringResponder(201, `{}`))
	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/payments", MovesMoney: true}, nil)
	var le *LoginError
	require.ErrorAs(t, err, &le)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the payment was never sent")
	var he *HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 502, he.StatusCode)
	assert.Equal(t, 0, mt.GetCallCountInfo()["POST "+testBase+"/v1/payments"])
}

func TestLoginWithoutItsOwnAuthFailsFast(t *testing.T) {
	t.Parallel()
	client, _ := setup(t, Config{})
	client.cfg.Auth = NewSessionAuth(func(ctx context.Context) (string, error) {
		_, err := client.Do(ctx, &Request{Method: "POST", Path: "/v1/sessions", Idempotent: true}, nil)
		return "", err
	}, time.Hour, 0)
	done := make(chan error, 1)
	go func() {
		_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
		done <- err
	}()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, errLoginRecursion)
	case <-time.After(2 * time.Second):
		t.Fatal("a login that falls back on its own session hangs")
	}
}

func TestCancelledContextStartsNoLogin(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	auth := NewSessionAuth(func(ctx context.Context) (string, error) { logins.Add(1); return "t", nil }, time.Hour, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := auth.Token(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, logins.Load())
}

func TestCheckCredential(t *testing.T) {
	t.Parallel()
	const secret = "sk_live_SENTINEL"
	assert.NoError(t, CheckCredential("culqi: NewClient: secret key", secret))
	for value, want := range map[string]string{
		"":                 "culqi: NewClient: secret key is empty",
		"  \t":             "culqi: NewClient: secret key is empty",
		secret + "\n":      "culqi: NewClient: secret key holds a control character (a newline read with it from a file?)",
		"sk_live_\x00SENT": "culqi: NewClient: secret key holds a control character (a newline read with it from a file?)",
	} {
		err := CheckCredential("culqi: NewClient: secret key", value)
		assert.EqualError(t, err, want, "%q", value)
	}
}
