package srpago

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
)

const (
	testBase   = "https://sandbox-api.srpago.com"
	testKey    = "app_key_123"
	testSecret = "app_secret_456"
)

// testKeyPair is a throwaway RSA key standing in for Sr. Pago's, so the
// tests can open the envelopes the client seals.
var testKeyPair = sync.OnceValues(func() (*rsa.PrivateKey, string) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	return k, string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
})

// setup returns a client on a per-test mock transport, without retries
// unless opts say otherwise.
func setup(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	_, pub := testKeyPair()
	all := append([]Option{
		WithBaseURL(testBase),
		WithHTTPClient(&http.Client{Transport: mt}),
		WithMaxRetries(0),
		WithRetryWait(time.Millisecond, 2*time.Millisecond),
		WithPublicKey(pub),
	}, opts...)
	c, err := NewClient(testKey, testSecret, all...)
	require.NoError(t, err)
	return c, mt
}

// captured holds the requests a responder saw.
type captured struct {
	mu   sync.Mutex
	reqs []*http.Request
	body [][]byte
}

func (c *captured) last(t *testing.T) (*http.Request, []byte) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	require.NotEmpty(t, c.reqs, "no request was sent")
	return c.reqs[len(c.reqs)-1], c.body[len(c.body)-1]
}

// reply registers a responder answering status and body (with an
// X-App-Request id) that records what it receives.
func reply(mt *httpmock.MockTransport, method, url string, status int, body string) *captured {
	c := &captured{}
	mt.RegisterResponder(method, url, func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		c.mu.Lock()
		c.reqs = append(c.reqs, r)
		c.body = append(c.body, b)
		c.mu.Unlock()
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-App-Request", "5f7b769b/43b3e")
		return resp, nil
	})
	return c
}

func ok(result string) string { return `{"success":true,"result":` + result + `}` }

// assertHeaders checks what every request carries.
func assertHeaders(t *testing.T, r *http.Request, withBody bool) {
	t.Helper()
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"+testSecret))
	assert.Equal(t, want, r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "latampay-go/"), r.Header.Get("User-Agent"))
	assert.JSONEq(t, `{"language":"Go","sdk_version":"`+transportVersion()+`","api_version":"v1"}`, r.Header.Get("X-User-Agent"))
	if withBody {
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	}
}

// openBody decrypts an envelope body with the test key: the plaintext
// JSON and the body's plaintext metadata.
func openBody(t *testing.T, body []byte) (plain string, metadata json.RawMessage, keys []string) {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &m))
	for k := range m {
		keys = append(keys, k)
	}
	var key, data string
	require.NoError(t, json.Unmarshal(m["key"], &key))
	require.NoError(t, json.Unmarshal(m["data"], &data))
	ek, err := base64.StdEncoding.DecodeString(key)
	require.NoError(t, err)
	assert.Len(t, ek, 256, "RSA-2048 ciphertext")
	priv, _ := testKeyPair()
	pt, err := envelope.Open(priv, key, data)
	require.NoError(t, err)
	return string(pt), m["metadata"], keys
}

func calls(mt *httpmock.MockTransport) int { return mt.GetTotalCallCount() }

func transportVersion() string { return transport.Version }

func httpmockString(body string) httpmock.Responder {
	return httpmock.NewStringResponder(200, body).HeaderSet(http.Header{"Content-Type": {"application/json"}})
}

func httpmockStatus(status int, body string) httpmock.Responder {
	return httpmock.NewStringResponder(status, body).HeaderSet(http.Header{"Content-Type": {"application/json"}, "X-App-Request": {"rid-1"}})
}

func newMock() *httpmock.MockTransport { return httpmock.NewMockTransport() }
