package transport

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/card"
)

func TestSettingsValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opt  Option
		want string
	}{
		{"negative retries", WithMaxRetries(-1), "negative"},
		{"min above max", WithRetryWait(time.Second, time.Millisecond), "above max"},
		{"negative wait", WithRetryWait(-1, time.Second), "negative"},
		{"nil client", WithHTTPClient(nil), "nil client"},
		{"zero timeout", WithTimeout(0), "positive"},
		{"nil logger", WithLogger(nil), "nil logger"},
		{"empty app name", WithAppInfo("", "1"), "WithAppInfo"},
		{"app name with space", WithAppInfo("my shop", "1"), "WithAppInfo"},
		{"unparsable base URL", WithBaseURL("://nope"), "base URL"},
		{"relative base URL", WithBaseURL("/v2"), "scheme://host"},
		{"plain http to a remote host", WithBaseURL("http://api.example.com"), "loopback"},
		{"credentials in base URL", WithBaseURL("https://u:p@api.example.com"), "credentials"},
		{"query in base URL", WithBaseURL("https://api.example.com?x=1"), "query"},
		{"nil option", nil, "nil option"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewSettings(tt.opt)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	for _, good := range []string{"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "https://sandbox.example.com/prefix/"} {
		_, err := NewSettings(WithBaseURL(good))
		assert.NoError(t, err, good)
	}
}

func TestOptionsApplyInOrder(t *testing.T) {
	t.Parallel()
	s, err := NewSettings(WithMaxRetries(5), WithMaxRetries(1), WithTimeout(time.Second), WithTimeout(2*time.Second))
	require.NoError(t, err)
	assert.Equal(t, 1, s.MaxRetries)
	assert.Equal(t, 2*time.Second, s.Timeout)
}

func TestInjectedHTTPClientIsNotMutated(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewStringResponder(200, `{}`))
	hc := &http.Client{Transport: mt, Timeout: 42 * time.Second}
	s, err := NewSettings(WithHTTPClient(hc), WithTimeout(time.Second))
	require.NoError(t, err)
	c, err := New(Config{Provider: "t", BaseURL: testBase}, s)
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	require.NoError(t, err)
	assert.Same(t, mt, hc.Transport)
	assert.Equal(t, 42*time.Second, hc.Timeout)
	assert.Nil(t, hc.CheckRedirect)
}

// Redirects are never followed, whatever the injected client's policy: a
// followed 307 would send the charge, card data included, to another host.
func TestRedirectsAreNeverFollowed(t *testing.T) {
	t.Parallel()
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }))
	t.Cleanup(other.Close)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/v1/charges", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(srv.Close)
	follow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	s, err := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(follow))
	require.NoError(t, err)
	c, err := New(Config{Provider: "t"}, s)
	require.NoError(t, err)
	resp, err := c.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: map[string]int{"amount": 1}, MovesMoney: true}, nil)
	require.Error(t, err)
	var se *StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, http.StatusTemporaryRedirect, se.StatusCode)
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "a charge answered with a redirect may have been carried out")
	assert.NotContains(t, err.Error(), "/v1/charges", "only the target's host is named")
	assert.Equal(t, http.StatusTemporaryRedirect, resp.StatusCode, "the redirect itself is the answer")
	assert.Zero(t, elsewhere.Load())
}

func TestRequestShape(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{
		Auth:   BearerAuth("sk_test_secret"),
		Header: http.Header{"Accept": {"application/vnd.app-v2.1.0+json"}},
	}, WithAppInfo("shop", "1.2.3"), WithBaseURL("https://api.example.com/prefix/"))
	type listParams struct {
		Limit int       `url:"limit,omitempty"`
		Email string    `url:"email,omitempty"`
		From  time.Time `url:"creation_date_from,omitempty,unix"`
	}
	var got *http.Request
	var gotBody []byte
	mt.RegisterResponder("POST", "https://api.example.com/prefix/v2/charges/chr%2F1", func(r *http.Request) (*http.Response, error) {
		got = r
		gotBody, _ = readAll(r)
		return httpmock.NewStringResponse(201, `{"id":"chr_1","amount":100}`), nil
	})
	var out struct {
		ID     string
		Amount int64
	}
	resp, err := client.Do(context.Background(), &Request{
		Method: "POST",
		Path:   "/v2/charges/" + url.PathEscape("chr/1"),
		Query:  &listParams{Limit: 5, From: time.Unix(1700000000, 0)},
		Body:   map[string]any{"amount": 100, "email": "a&b@example.pe"},
	}, &out)
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, "chr_1", out.ID)
	assert.Equal(t, int64(100), out.Amount)
	require.NotNil(t, got)
	assert.Equal(t, "creation_date_from=1700000000&limit=5", got.URL.RawQuery, "zero values are not sent")
	assert.Equal(t, "Bearer sk_test_secret", got.Header.Get("Authorization"))
	assert.Equal(t, "application/vnd.app-v2.1.0+json", got.Header.Get("Accept"))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Equal(t, "latampay-go/"+Version+" (test; "+runtime.Version()+") shop/1.2.3", got.Header.Get("User-Agent"))
	assert.JSONEq(t, `{"amount":100,"email":"a&b@example.pe"}`, string(gotBody))
}

func readAll(r *http.Request) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(r.Body)
	return b.Bytes(), err
}

func TestResponseBodies(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("a", 9<<20)
	tests := []struct {
		name        string
		status      int
		body        string
		contentType string
		movesMoney  bool
		check       func(t *testing.T, err error)
	}{
		{"HTML from a proxy with 200", 200, "<html><body>Bad gateway</body></html>", "text/html", false, func(t *testing.T, err error) {
			var me *MalformedResponseError
			require.ErrorAs(t, err, &me)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Equal(t, "text/html", me.ContentType)
			assert.Contains(t, string(me.Body), "Bad gateway")
		}},
		{"empty 200", 200, "", "application/json", false, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Contains(t, err.Error(), "empty answer")
		}},
		{"truncated JSON", 200, `{"id":"chr_1","amo`, "application/json", false, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, ErrMalformedResponse)
		}},
		{"wrong JSON type", 200, `{"id":42}`, "application/json", false, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Contains(t, err.Error(), `field "ID"`)
		}},
		{"oversized body", 200, big, "application/json", false, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, ErrResponseTooLarge)
			assert.ErrorIs(t, err, ErrMalformedResponse)
		}},
		{"truncated JSON on a charge", 201, `{"id":"chr_1"`, "application/json", true, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorIs(t, err, ErrOutcomeUnknown, "a 2xx we cannot read may have charged")
		}},
		{"HTML error page", 403, "<html>Forbidden</html>", "text/html", false, func(t *testing.T, err error) {
			var he *HTTPError
			require.ErrorAs(t, err, &he)
			assert.Equal(t, 403, he.StatusCode)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mt := setup(t, Config{}, WithMaxRetries(0))
			mt.RegisterResponder("POST", testBase+"/v1/x",
				httpmock.NewStringResponder(tt.status, tt.body).HeaderSet(http.Header{"Content-Type": {tt.contentType}}))
			var out struct{ ID string }
			_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/x", MovesMoney: tt.movesMoney}, &out)
			require.Error(t, err)
			tt.check(t, err)
		})
	}
}

// A 204 is a fine answer to a call that expects no object, and a
// malformed one where an object was due: no method may return (nil, nil).
func TestNoContent(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{}, WithMaxRetries(0))
	mt.RegisterResponder("DELETE", testBase+"/v1/x", httpmock.NewStringResponder(204, ""))
	resp, err := client.Do(context.Background(), &Request{Method: "DELETE", Path: "/v1/x"}, nil)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)

	var out struct{ ID string }
	_, err = client.Do(context.Background(), &Request{Method: "DELETE", Path: "/v1/x"}, &out)
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

func TestCheckSuccessSeesErrorEnvelopeOn200(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{CheckSuccess: true, DecodeError: func(r *Response) (error, bool) {
		if bytes.Contains(r.Body, []byte(`"success":false`)) {
			return fmt.Errorf("provider said no"), true
		}
		return nil, true
	}})
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewStringResponder(200, `{"success":false}`))
	mt.RegisterResponder("GET", testBase+"/v1/y", httpmock.NewStringResponder(200, `{"success":true}`))
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	assert.EqualError(t, err, "provider said no")
	_, err = client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/y"}, nil)
	assert.NoError(t, err)
}

func TestRequestIDInResponse(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{RequestIDHeader: "X-Culqi-Tracking-Id"})
	mt.RegisterResponder("GET", testBase+"/v1/x", httpmock.NewStringResponder(200, `{}`).HeaderSet(http.Header{"X-Culqi-Tracking-Id": {"trk-9"}}))
	resp, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, nil)
	require.NoError(t, err)
	assert.Equal(t, "trk-9", resp.RequestID)
}

// Sentinels that must never appear in logs, errors or fmt output.
const (
	sentinelKey = "sk_live_SENTINEL_KEY_93f1"
	sentinelPAN = "4111111111111111"
	sentinelCVV = "987"
)

func TestNothingSecretLeaks(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	client, mt := setup(t, Config{Auth: BearerAuth(sentinelKey), RequestIDHeader: "X-Request-Id",
		DecodeError: func(r *Response) (error, bool) {
			return fmt.Errorf("provider: %s", Mask(string(r.Body))), true
		}}, WithLogger(logger), WithMaxRetries(1))
	// The provider echoes the card number back in its error, and the
	// transport fails once with an error that carries the URL.
	mt.RegisterResponder("POST", testBase+"/v1/tokens",
		httpmock.NewErrorResponder(&url.Error{Op: "Post", URL: testBase + "/v1/tokens?email=" + sentinelPAN, Err: errDial}).
			Then(httpmock.NewStringResponder(400, `{"message":"card `+sentinelPAN+` cvv `+sentinelCVV+` rejected"}`).
				HeaderSet(http.Header{"X-Request-Id": {"req-1"}})))
	type tokenParams struct {
		Card  card.Card
		Email string
	}
	params := &tokenParams{Card: card.Card{Number: sentinelPAN, CVV: sentinelCVV, ExpMonth: 9, ExpYear: 2030}}
	_, err := client.Do(context.Background(), &Request{
		Method: "POST", Path: "/v1/tokens",
		Query: url.Values{"email": {"ana@example.pe"}},
		Body:  map[string]string{"card_number": sentinelPAN, "cvv": sentinelCVV},
	}, nil)
	require.Error(t, err)
	assert.Equal(t, 2, mt.GetTotalCallCount(), "dial failure retried once")

	rendered := []string{
		logs.String(),
		err.Error(),
		fmt.Sprintf("%v %+v %#v", err, err, params),
		fmt.Sprint(client.cfg.Auth),
		fmt.Sprintf("%#v", client.cfg.Auth),
	}
	for _, s := range rendered {
		assert.NotContains(t, s, sentinelKey)
		assert.NotContains(t, s, sentinelPAN)
		assert.NotContains(t, s, "ana@example.pe", "query strings are not logged")
	}

	// The log has one record per attempt with the documented attributes.
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 2)
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &rec))
	assert.Equal(t, "WARN", rec["level"], "a failed attempt")
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &rec))
	assert.Equal(t, "DEBUG", rec["level"], "an attempt that got an answer")
	assert.Equal(t, "POST", rec["method"])
	assert.Equal(t, "api.example.com", rec["host"])
	assert.Equal(t, "/v1/tokens", rec["path"])
	assert.EqualValues(t, 400, rec["status"])
	assert.EqualValues(t, 2, rec["attempt"])
	assert.Equal(t, "req-1", rec["request_id"])
	assert.Contains(t, rec, "duration")
}

var errDial = &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}

func TestClientPrintsNoCredential(t *testing.T) {
	t.Parallel()
	for _, auth := range []Authenticator{BearerAuth(sentinelKey), BasicAuth(sentinelKey, sentinelKey), HeaderAuth("X-Api-Key", sentinelKey)} {
		client, _ := setup(t, Config{Auth: auth})
		type holder struct {
			c    *Client
			auth Authenticator
		}
		h := holder{client, auth}
		for _, s := range []string{fmt.Sprintf("%v %+v %#v", client, client, client), fmt.Sprintf("%v %+v %#v", h, h, h)} {
			assert.NotContains(t, s, sentinelKey)
			assert.NotContains(t, s, base64.StdEncoding.EncodeToString([]byte(sentinelKey+":"+sentinelKey)), "nor its base64")
		}
	}
}

func TestErrorBodyMasksACardNumberAcrossTheCut(t *testing.T) {
	t.Parallel()
	for cut := 1; cut < 16; cut++ {
		body := strings.Repeat("x", ErrorBodyLimit-cut) + sentinelPAN + " tail"
		got := (&Response{Body: []byte(body)}).SafeBody()
		assert.Len(t, got, ErrorBodyLimit)
		assert.NotContains(t, string(got), sentinelPAN[:cut], "cut after %d digits", cut)
	}
}

func TestCutOffAnswerToAReadIsRetried(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("GET", testBase+"/v1/x",
		httpmock.NewStringResponder(200, `{"id":"a`).Then(httpmock.NewStringResponder(200, `<html>proxy</html>`)).
			Then(httpmock.NewStringResponder(200, `{"id":"abc"}`)))
	var out struct{ ID string }
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/x"}, &out)
	require.NoError(t, err)
	assert.Equal(t, "abc", out.ID)
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

func TestHTMLAnswerIsNotSuccessEvenWithoutDecoding(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("PUT", testBase+"/v1/card", httpmock.NewStringResponder(200, `<html>maintenance</html>`))
	_, err := client.Do(context.Background(), &Request{Method: "PUT", Path: "/v1/card"}, nil)
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Equal(t, 3, mt.GetTotalCallCount(), "a read or PUT tries again")
}

func TestValidateCardNamesGoFields(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	ok := card.Card{Number: sentinelPAN, CVV: "123", ExpMonth: 9, ExpYear: 2030}
	tests := map[string]card.Card{
		"Card.Number":   {Number: "4111111111111112", CVV: "123", ExpMonth: 9, ExpYear: 2030},
		"Card.ExpMonth": {Number: sentinelPAN, CVV: "123", ExpMonth: 13, ExpYear: 2030},
		"Card.ExpYear":  {Number: sentinelPAN, CVV: "123", ExpMonth: 9, ExpYear: 2020},
		"Card.CVV":      {Number: sentinelPAN, CVV: "12", ExpMonth: 9, ExpYear: 2030},
	}
	for field, c := range tests {
		var pe *ParamError
		err := ValidateCard(c, now)
		require.ErrorAs(t, err, &pe, field)
		assert.Equal(t, field, pe.Field)
		assert.ErrorIs(t, err, ErrInvalidParams)
		assert.NotContains(t, err.Error(), "4111111111111")
	}
	assert.NoError(t, ValidateCard(ok, now))
}

// A valid card costs no allocation. Not parallel: AllocsPerRun counts the
// whole process.
func TestValidateCardAllocatesNothing(t *testing.T) {
	ok := card.Card{Number: sentinelPAN, CVV: "123", ExpMonth: 9, ExpYear: 2030}
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	assert.Zero(t, testing.AllocsPerRun(50, func() { _ = ValidateCard(ok, now) }))
}

// A base URL refused by NewClient never shows what it carried: a password
// in its userinfo, a key in its query, whatever a typo put there.
func TestBaseURLErrorsQuoteNothing(t *testing.T) {
	t.Parallel()
	const secret = "SENTINELpw9"
	for _, raw := range []string{
		"https://u:" + secret + "@api.example.com/%zz",
		"https://u:" + secret + "@api.example.com:port",
		"ftp://u:" + secret + "@api.example.com",
		"https://u:" + secret + "@",
		"https:///" + secret,
		"https://api.example.com/?key=" + secret,
		"https://api.example.com/#" + secret,
		"http://u:" + secret + "@example.com",
		"http://example.com/" + secret,
		secret,
		"https://api.example.com/" + secret + "?",
	} {
		_, err := ParseBaseURL(raw)
		require.Error(t, err, raw)
		assert.NotContains(t, err.Error(), secret, raw)
		_, err = NewSettings(WithBaseURL(raw))
		require.Error(t, err, raw)
		assert.NotContains(t, err.Error(), secret, raw)
	}
}

// With IsObject, a success is read once: the provider's error decoder runs
// only on a 2xx answer that is not the object asked for.
func TestIsObjectSparesTheSecondReading(t *testing.T) {
	t.Parallel()
	var decoded atomic.Int32
	client, mt := setup(t, Config{CheckSuccess: true,
		IsObject: func(out any) bool { return out.(*struct{ ID string }).ID != "" },
		DecodeError: func(r *Response) (error, bool) {
			decoded.Add(1)
			if bytes.Contains(r.Body, []byte(`"object":"error"`)) {
				return &HTTPError{StatusCode: r.StatusCode}, true
			}
			return nil, true
		}}, WithMaxRetries(0))
	mt.RegisterResponder("GET", testBase+"/v1/ok", httpmock.NewStringResponder(200, `{"id":"x","message":"an error_ like field value"}`))
	mt.RegisterResponder("GET", testBase+"/v1/err", httpmock.NewStringResponder(200, `{"object":"error","message":"no"}`))
	var out struct{ ID string }
	_, err := client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/ok"}, &out)
	require.NoError(t, err)
	assert.Equal(t, "x", out.ID)
	assert.Zero(t, decoded.Load(), "an object with its id is not read again")

	out.ID = ""
	_, err = client.Do(context.Background(), &Request{Method: "GET", Path: "/v1/err"}, &out)
	var he *HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, int32(1), decoded.Load())
}
