package digitalfemsa

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		key  string
		opts []Option
	}{
		"empty key":           {"", nil},
		"blank key":           {"   ", nil},
		"key with a newline":  {testKey + "\n", nil},
		"bad language":        {testKey, []Option{WithLanguage("pt")}},
		"empty child company": {testKey, []Option{WithChildCompanyID("")}},
		"newline child":       {testKey, []Option{WithChildCompanyID("a\nb")}},
		"plain http":          {testKey, []Option{WithBaseURL("http://api.example.com")}},
		"negative retries":    {testKey, []Option{WithMaxRetries(-1)}},
		"nil http client":     {testKey, []Option{WithHTTPClient(nil)}},
		"min above max":       {testKey, []Option{WithRetryWait(time.Second, time.Millisecond)}},
		"zero timeout":        {testKey, []Option{WithTimeout(0)}},
		"nil option":          {testKey, []Option{nil}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tc.key, tc.opts...)
			assert.Error(t, err)
			assert.Nil(t, c)
		})
	}
}

func TestOptionalHeaders(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithLanguage("en"), WithChildCompanyID("6441b6376b60c3a638da80af"), WithAppInfo("shop", "1.2"))
	rec := respond(mt, "GET", "/balance", 200, `{}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/balance", "", "")
	req, _ := rec.Last(t)
	assert.Equal(t, "en", req.Header.Get("Accept-Language"))
	assert.Equal(t, "6441b6376b60c3a638da80af", req.Header.Get("X-Child-Company-Id"))
	assert.Contains(t, req.Header.Get("User-Agent"), "shop/1.2")
	assert.Contains(t, req.Header.Get("User-Agent"), "digitalfemsa")
}

func TestNoOptionalHeadersByDefault(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/balance", 200, `{}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Empty(t, req.Header.Values("Accept-Language"))
	assert.Empty(t, req.Header.Values("X-Child-Company-Id"))
}

func TestLaterOptionWins(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithLanguage("en"), WithLanguage("es"))
	rec := respond(mt, "GET", "/balance", 200, `{}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Equal(t, "es", req.Header.Get("Accept-Language"))
}

func TestBaseURLPrefixIsKept(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("GET", "https://proxy.example.com/femsa/customers/cus_1", httpmock.NewStringResponder(200, customerJSON))
	c, err := NewClient(testKey, WithBaseURL("https://proxy.example.com/femsa/"), WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	cus, err := c.Customers.Get(ctx, "cus_1")
	require.NoError(t, err)
	assert.Equal(t, "cus_2pwMQPxiLJ8WzzqZJ", cus.ID)
}

func TestClientsDoNotInterfere(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	seen := make(chan string, 2)
	mt.RegisterResponder("GET", ProductionURL+"/balance", func(r *http.Request) (*http.Response, error) {
		u, _, _ := r.BasicAuth()
		seen <- u
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	a, err := NewClient("key_a", WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	b, err := NewClient("key_b", WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	_, err = a.Balance.Get(ctx)
	require.NoError(t, err)
	_, err = b.Balance.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, "key_a", <-seen)
	assert.Equal(t, "key_b", <-seen)
}

func TestClientStringHidesKey(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(f, c), testKey)
	}
}
