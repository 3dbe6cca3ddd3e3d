package srpago

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/mocktest"
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
	all := []Option{WithHTTPClient(&http.Client{Transport: mt}), WithRetryWait(time.Millisecond, 2*time.Millisecond),
		WithBaseURL(testBase), WithMaxRetries(0), WithEncryptionKey([]byte(pub))}
	c, err := NewClient(testKey, testSecret, append(all, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// reply registers a responder answering status and body (with an
// X-App-Request id) that records what it receives.
func reply(mt *httpmock.MockTransport, method, url string, status int, body string) *mocktest.Recorder {
	respond, rec := mocktest.Record(httpmock.NewStringResponder(status, body).HeaderSet(http.Header{
		"Content-Type": {"application/json"}, "X-App-Request": {"5f7b769b/43b3e"}}))
	mt.RegisterResponder(method, url, respond)
	return rec
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
func openBody(t *testing.T, body string) (plain string, metadata json.RawMessage, keys []string) {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(body), &m))
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
