package digitalfemsa

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type testKeyPair struct {
	priv  *rsa.PrivateKey
	pkix  []byte // "PUBLIC KEY"
	pkcs1 []byte // "RSA PUBLIC KEY"
}

var keyPairs = sync.OnceValue(func() [2]testKeyPair {
	var out [2]testKeyPair
	for i := range out {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		out[i] = testKeyPair{priv: k,
			pkix:  pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}),
			pkcs1: pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&k.PublicKey)})}
	}
	return out
})

func sign(t testing.TB, k *rsa.PrivateKey, body []byte) string {
	sum := sha256.Sum256(body)
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(sig)
}

func TestVerifyWebhook(t *testing.T) {
	t.Parallel()
	keys := keyPairs()
	current, old := keys[0], keys[1]
	body := []byte(eventJSON)
	digest := sign(t, current.priv, body)

	t.Run("valid", func(t *testing.T) {
		t.Parallel()
		ev, err := VerifyWebhook(body, digest, current.pkix)
		require.NoError(t, err)
		assertEvent(t, ev)
	})
	t.Run("pkcs1 pem", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook(body, digest, current.pkcs1)
		assert.NoError(t, err)
	})
	t.Run("escaped newlines", func(t *testing.T) {
		t.Parallel()
		escaped := strings.ReplaceAll(string(current.pkix), "\n", `\n`)
		_, err := VerifyWebhook(body, digest, []byte(escaped))
		assert.NoError(t, err)
	})
	t.Run("rotated: any key may match", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook(body, digest, old.pkix, current.pkix)
		assert.NoError(t, err)
		_, err = VerifyWebhook(body, sign(t, old.priv, body), old.pkix, current.pkix)
		assert.NoError(t, err)
	})
	t.Run("tampered body", func(t *testing.T) {
		t.Parallel()
		tampered := []byte(strings.Replace(string(body), `"amount":3000`, `"amount":300000`, 1))
		_, err := VerifyWebhook(tampered, digest, current.pkix)
		assert.ErrorIs(t, err, ErrWebhookSignature)
	})
	t.Run("re-encoded body does not verify", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook([]byte(strings.ReplaceAll(string(body), "\n", "")), digest, current.pkix)
		assert.ErrorIs(t, err, ErrWebhookSignature)
	})
	t.Run("wrong key", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook(body, digest, old.pkix)
		assert.ErrorIs(t, err, ErrWebhookSignature)
		assert.Contains(t, err.Error(), "none of 1 key(s) matched")
	})
	t.Run("bad base64", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook(body, "not*base64!", current.pkix)
		assert.ErrorIs(t, err, ErrWebhookDigest)
	})
	t.Run("empty digest", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook(body, "", current.pkix)
		assert.ErrorIs(t, err, ErrWebhookDigest)
	})
	t.Run("unpadded base64", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook(body, strings.TrimRight(digest, "="), current.pkix)
		assert.NoError(t, err)
	})
	t.Run("bad pem", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook(body, digest, []byte("not a pem"))
		assert.ErrorIs(t, err, ErrWebhookKey)
		_, err = VerifyWebhook(body, digest, current.pkix, []byte("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
		assert.ErrorIs(t, err, ErrWebhookKey)
		_, err = VerifyWebhook(body, digest, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}}))
		assert.ErrorIs(t, err, ErrWebhookKey)
	})
	t.Run("no keys", func(t *testing.T) {
		t.Parallel()
		_, err := VerifyWebhook(body, digest)
		assert.ErrorIs(t, err, ErrWebhookKey)
	})
	t.Run("malformed json", func(t *testing.T) {
		t.Parallel()
		b := []byte(`{"id":`)
		_, err := VerifyWebhook(b, sign(t, current.priv, b), current.pkix)
		assert.ErrorIs(t, err, ErrWebhookPayload)
		b = []byte(`{"id":"x"}`)
		_, err = VerifyWebhook(b, sign(t, current.priv, b), current.pkix)
		assert.ErrorIs(t, err, ErrWebhookPayload)
	})
}

func TestWebhookHandler(t *testing.T) {
	t.Parallel()
	k := keyPairs()[0]
	body := []byte(eventJSON)
	var mu sync.Mutex
	var got []*Event
	fail := false
	h := WebhookHandler(func(_ context.Context, ev *Event) error {
		mu.Lock()
		defer mu.Unlock()
		if fail {
			return errors.New("db down")
		}
		got = append(got, ev)
		return nil
	}, k.pkix)
	post := func(h http.Handler, method string, b []byte, digest string) int {
		req := httptest.NewRequest(method, "/hooks/femsa", strings.NewReader(string(b)))
		if digest != "" {
			req.Header.Set("DIGEST", digest)
		}
		rr := httptest.NewRecorder()
		h.ServeHTTP(rr, req)
		return rr.Code
	}
	assert.Equal(t, 200, post(h, "POST", body, sign(t, k.priv, body)))
	mu.Lock()
	require.Len(t, got, 1)
	assert.Equal(t, EventCashoutConfirmed, got[0].Type)
	mu.Unlock()
	assert.Equal(t, 400, post(h, "POST", body, ""))
	assert.Equal(t, 400, post(h, "POST", append([]byte(" "), body...), sign(t, k.priv, body)))
	assert.Equal(t, 405, post(h, "GET", nil, ""))
	big := make([]byte, MaxWebhookBody+10)
	assert.Equal(t, 413, post(h, "POST", big, "x"))
	mu.Lock()
	fail = true
	mu.Unlock()
	assert.Equal(t, 500, post(h, "POST", body, sign(t, k.priv, body)))
	bad := WebhookHandler(func(context.Context, *Event) error { return nil }, []byte("junk"))
	assert.Equal(t, 500, post(bad, "POST", body, sign(t, k.priv, body)))

	// The keys are parsed when the handler is built, not per delivery:
	// the caller's PEM bytes overwritten afterwards change nothing.
	pemCopy := append([]byte(nil), k.pkix...)
	once := WebhookHandler(func(context.Context, *Event) error { return nil }, pemCopy)
	for i := range pemCopy {
		pemCopy[i] = 'x'
	}
	assert.Equal(t, 200, post(once, "POST", body, sign(t, k.priv, body)))
}

// A card number in a signed body never shows unmasked in VerifyWebhook's
// errors, whatever field carries it; nor in a bad key's error.
func TestVerifyWebhookErrorsMaskPANs(t *testing.T) {
	t.Parallel()
	const pan = "4111111111111111"
	k := keyPairs()[0]
	for _, body := range []string{
		`{"id":"e1","object":"event","type":` + pan + `}`,
		`{"id":"e1","object":"event","type":"order.paid","livemode":` + pan + `}`,
		`{"id":"e1","object":"event","type":"order.paid","created_at":"` + pan + `"}`,
		`{"id":"e1","object":"event","type":"order.paid","created_at":"\u0034111111111111111"}`,
		`{"id":"e1","object":"event","type":"order.paid","webhook_logs":[{"failed_attempts":"` + pan + `"}]}`,
	} {
		_, err := VerifyWebhook([]byte(body), sign(t, k.priv, []byte(body)), k.pkix)
		require.ErrorIs(t, err, ErrWebhookPayload, body)
		for e := error(err); e != nil; e = errors.Unwrap(e) {
			assert.NotContains(t, e.Error(), pan, body)
			assert.NotContains(t, strings.ReplaceAll(e.Error(), " ", ""), pan, body)
		}
	}
	badPEM := pem.EncodeToMemory(&pem.Block{Type: pan, Bytes: []byte{1}})
	_, err := VerifyWebhook([]byte(`{}`), "AAAA", badPEM)
	require.ErrorIs(t, err, ErrWebhookKey)
	assert.NotContains(t, err.Error(), pan)
}

// An event whose id is a card number does not put it in DecodeObject's
// errors either.
func TestDecodeObjectMasks(t *testing.T) {
	t.Parallel()
	ev := &Event{ID: "4111111111111111", Data: EventData{Object: []byte(`{"amount":"4111111111111111x"}`)}}
	var o struct {
		Amount int64 `json:"amount"`
	}
	err := ev.DecodeObject(&o)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "4111111111111111")
	ev.Data.Object = nil
	assert.NotContains(t, ev.DecodeObject(&o).Error(), "4111111111111111")
}
