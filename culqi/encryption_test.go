package culqi

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

const testRSAID = "8f7d5b2e-1c3a-4e6f-9b0d-2a4c6e8f0a1b"

// Test keys are made once per size: generating one costs tens of
// milliseconds.
var (
	testKeysMu sync.Mutex
	testKeys   = map[int]*rsa.PrivateKey{}
)

func testRSAKey(t testing.TB, bits int) *rsa.PrivateKey {
	t.Helper()
	testKeysMu.Lock()
	defer testKeysMu.Unlock()
	if k := testKeys[bits]; k != nil {
		return k
	}
	k, err := rsa.GenerateKey(rand.Reader, bits)
	require.NoError(t, err)
	testKeys[bits] = k
	return k
}

func pkixPEM(t testing.TB, pub any) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// opened is what a test recovers from an encrypted body with the private
// key.
type opened struct {
	key, nonce, data []byte
	plain            string
}

// openEnvelope decrypts a body the SDK sent, as Culqi does: RSA-OAEP
// (SHA-256, MGF1-SHA-256, no label) for the key and the nonce, then the
// GCM keystream for a ciphertext sent without its tag. It also checks
// that the ciphertext is exactly GCM's output minus the tag.
func openEnvelope(t *testing.T, priv *rsa.PrivateKey, body string) opened {
	t.Helper()
	var env map[string]string
	require.NoError(t, json.Unmarshal([]byte(body), &env), body)
	require.Len(t, env, 3, "the envelope has exactly three fields: %s", body)
	b64 := base64.StdEncoding
	data, err := b64.DecodeString(env["encrypted_data"])
	require.NoError(t, err)
	encKey, err := b64.DecodeString(env["encrypted_key"])
	require.NoError(t, err)
	encIV, err := b64.DecodeString(env["encrypted_iv"])
	require.NoError(t, err)
	require.Len(t, encKey, priv.Size(), "one RSA block for the key alone")
	require.Len(t, encIV, priv.Size(), "one RSA block for the nonce alone")
	key, err := rsa.DecryptOAEP(sha256.New(), nil, priv, encKey, nil)
	require.NoError(t, err)
	nonce, err := rsa.DecryptOAEP(sha256.New(), nil, priv, encIV, nil)
	require.NoError(t, err)
	require.Len(t, key, 32)
	require.Len(t, nonce, 12)
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	gcm, err := cipher.NewGCM(block)
	require.NoError(t, err)
	stream := gcm.Seal(nil, nonce, make([]byte, len(data)), nil)
	plain := make([]byte, len(data))
	for i := range data {
		plain[i] = data[i] ^ stream[i]
	}
	sealed := gcm.Seal(nil, nonce, plain, nil)
	require.Equal(t, sealed[:len(sealed)-16], data, "encrypted_data is GCM's ciphertext without the tag")
	return opened{key: key, nonce: nonce, data: data, plain: string(plain)}
}

func TestRSAEncryptionSealsChargeBody(t *testing.T) {
	t.Parallel()
	priv := testRSAKey(t, 2048)
	c, mt := setup(t, WithRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey)))
	rec := on(mt, "POST", "https://api.culqi.com/v2/charges", 201, chargeJSON)
	capture := false
	ch, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "richard@piedpiper.com",
		SourceID: "tkn_test_cQLnnGuahVeZOr9P", Description: "Venta de prueba", Capture: &capture,
		Metadata: map[string]string{"order_id": "0001"}})
	require.NoError(t, err)
	assert.Equal(t, "chr_test_J1QRDJ2xZUXF0Ggv", ch.ID, "the answer is plain JSON, decoded as usual")
	r, body := rec.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.Equal(t, testRSAID, r.Header.Get("x-culqi-rsa-id"))
	assert.NotContains(t, body, "richard@piedpiper.com")
	assert.NotContains(t, body, "tkn_test_cQLnnGuahVeZOr9P")
	o := openEnvelope(t, priv, body)
	var sent map[string]any
	require.NoError(t, json.Unmarshal([]byte(o.plain), &sent))
	key, _ := sent["metadata"].(map[string]any)["latampay_key"].(string) // set by reconciliation, when present
	want := map[string]any{"amount": 1000.0, "currency_code": "PEN", "email": "richard@piedpiper.com",
		"source_id": "tkn_test_cQLnnGuahVeZOr9P", "description": "Venta de prueba", "capture": false,
		"metadata": map[string]any{"order_id": "0001"}}
	if key != "" {
		want["metadata"].(map[string]any)["latampay_key"] = key
	}
	assert.Equal(t, want, sent)
}

func TestRSAEncryptionHidesCardFromWire(t *testing.T) {
	t.Parallel()
	priv := testRSAKey(t, 1024) // Culqi issues 1024-bit keys
	c, mt := setup(t, WithRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey)))
	rec := on(mt, "POST", "https://secure.culqi.com/v2/tokens", 201, tokenJSON)
	_, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111111111111111", CVV: "987", ExpMonth: 9, ExpYear: 2099},
		Email: "richard@piedpiper.com"})
	require.NoError(t, err)
	r, body := rec.Last(t)
	assertHeaders(t, r, testPK, true)
	assert.Equal(t, testRSAID, r.Header.Get("X-Culqi-Rsa-Id"))
	assert.NotContains(t, body, "4111111111111111")
	assert.NotContains(t, body, "987")
	o := openEnvelope(t, priv, body)
	assert.JSONEq(t, `{"card_number":"4111111111111111","cvv":"987","expiration_month":"09","expiration_year":"2099",
		"email":"richard@piedpiper.com"}`, o.plain)
}

// Only a request with a body is encrypted: lookups, deletes and a capture
// (a POST without a body) go as they are, without the key id.
func TestRSAEncryptionOnlyBodies(t *testing.T) {
	t.Parallel()
	priv := testRSAKey(t, 1024)
	c, mt := setup(t, WithRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey)))
	get := on(mt, "GET", "https://api.culqi.com/v2/charges/chr_test_J1QRDJ2xZUXF0Ggv", 200, chargeJSON)
	capture := on(mt, "POST", "https://api.culqi.com/v2/charges/chr_test_J1QRDJ2xZUXF0Ggv/capture", 201, chargeJSON)
	patch := on(mt, "PATCH", "https://api.culqi.com/v2/charges/chr_test_J1QRDJ2xZUXF0Ggv", 200, chargeJSON)
	del := on(mt, "DELETE", "https://api.culqi.com/v2/customers/cus_test_w4Fk5qQS34e1dASb", 200,
		`{"id":"cus_test_w4Fk5qQS34e1dASb","deleted":true,"merchant_message":"Se eliminó el cliente."}`)

	_, err := c.Charges.Get(ctx, "chr_test_J1QRDJ2xZUXF0Ggv")
	require.NoError(t, err)
	_, err = c.Charges.Capture(ctx, "chr_test_J1QRDJ2xZUXF0Ggv")
	require.NoError(t, err)
	_, err = c.Charges.Update(ctx, "chr_test_J1QRDJ2xZUXF0Ggv", &MetadataParams{Metadata: map[string]string{"order_id": "0002"}})
	require.NoError(t, err)
	require.NoError(t, c.Customers.Delete(ctx, "cus_test_w4Fk5qQS34e1dASb"))

	for name, rec := range map[string]interface {
		Last(testing.TB) (*http.Request, string)
	}{"GET": get, "capture": capture, "DELETE": del} {
		r, body := rec.Last(t)
		assert.Empty(t, r.Header.Values("X-Culqi-Rsa-Id"), name)
		assert.NotContains(t, body, "encrypted_data", name)
	}
	r, body := patch.Last(t)
	assert.Equal(t, testRSAID, r.Header.Get("X-Culqi-Rsa-Id"))
	assert.JSONEq(t, `{"metadata":{"order_id":"0002"}}`, openEnvelope(t, priv, body).plain)
}

// Each attempt of a retried request draws its own key and nonce; every one
// decrypts to the same body.
func TestRSAEncryptionFreshPerAttempt(t *testing.T) {
	t.Parallel()
	priv := testRSAKey(t, 1024)
	c, mt := setup(t, WithRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey)),
		WithMaxRetries(2), WithRetryWait(0, 0))
	var mu sync.Mutex
	var bodies []string
	mt.RegisterResponder("POST", "https://api.culqi.com/v2/charges", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		bodies = append(bodies, string(b))
		if len(bodies) < 3 {
			// Culqi refused the attempt: a 429 may be retried even here.
			return httpmock.NewStringResponse(429, `{"object":"error","type":"limit_api_error","merchant_message":"Demasiadas peticiones."}`), nil
		}
		return httpmock.NewStringResponse(201, chargeJSON), nil
	})
	_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "richard@piedpiper.com",
		SourceID: "tkn_test_cQLnnGuahVeZOr9P"})
	require.NoError(t, err)
	require.Len(t, bodies, 3)
	seen := map[string]bool{}
	var plain string
	for i, b := range bodies {
		o := openEnvelope(t, priv, b)
		for _, v := range [][]byte{o.key, o.nonce, o.data} {
			assert.False(t, seen[string(v)], "attempt %d reuses a secret or a ciphertext", i+1)
			seen[string(v)] = true
		}
		if i == 0 {
			plain = o.plain
		}
		assert.Equal(t, plain, o.plain)
	}
}

// A body Culqi cannot decrypt is answered 400 crypto_error: a plain
// *Error, a definite refusal, not an unknown outcome.
func TestRSAEncryptionCryptoError(t *testing.T) {
	t.Parallel()
	priv := testRSAKey(t, 1024)
	c, mt := setup(t, WithRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey)))
	rec := on(mt, "POST", "https://api.culqi.com/v2/charges", 400,
		`{"object":"error","type":"crypto_error","code":"crypto_error","merchant_message":"Ocurrieron problemas al desencriptar"}`)
	_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "richard@piedpiper.com",
		SourceID: "tkn_test_cQLnnGuahVeZOr9P"})
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 400, e.StatusCode)
	assert.Equal(t, ErrorTypeCrypto, e.Type)
	assert.Equal(t, "crypto_error", e.Code)
	assert.Equal(t, "Ocurrieron problemas al desencriptar", e.MerchantMessage)
	assert.False(t, e.Declined())
	assert.Equal(t, 1, rec.Count())
}

// Culqi has answered encrypted bodies on some endpoints with a bare 500:
// like any 5xx on a charge, the outcome is unknown and nothing is resent.
func TestRSAEncryptionBare500(t *testing.T) {
	t.Parallel()
	priv := testRSAKey(t, 1024)
	c, mt := setup(t, WithRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey)), WithMaxRetries(2), WithRetryWait(0, 0))
	rec := on(mt, "POST", "https://api.culqi.com/v2/charges", 500, `{"message":"Internal server error"}`)
	_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "richard@piedpiper.com",
		SourceID: "tkn_test_cQLnnGuahVeZOr9P"})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 500, e.StatusCode)
	assert.Equal(t, 1, rec.Count())
}

// Nothing of the plain body reaches a log record or an error, whatever
// the answer.
func TestRSAEncryptionNoPlaintextInLogsOrErrors(t *testing.T) {
	t.Parallel()
	const sentinel = "SENTINEL-a91c4e"
	priv := testRSAKey(t, 1024)
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := setup(t, WithRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey)), WithLogger(logger))
	var sent []string
	for i, status := range []int{400, 402, 500, 201} {
		body := []string{
			`{"object":"error","type":"crypto_error","code":"crypto_error","merchant_message":"Ocurrieron problemas al desencriptar"}`,
			`{"object":"error","type":"card_error","code":"card_declined","decline_code":"stolen_card","charge_id":"chr_test_kGTkGldFzAO4v73Q","merchant_message":"Tarjeta robada."}`,
			`<html>Internal Server Error</html>`,
			`{"object":"charge"}`, // no id: malformed
		}[i]
		rec := on(mt, "POST", "https://api.culqi.com/v2/charges", status, body)
		_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: sentinel + "@example.pe",
			SourceID: "tkn_test_cQLnnGuahVeZOr9P", Description: sentinel, Metadata: map[string]string{"note": sentinel}})
		require.Error(t, err, "status %d", status)
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			assert.NotContains(t, s, sentinel, "status %d", status)
		}
		var e *Error
		if errors.As(err, &e) {
			assert.NotContains(t, string(e.Body), sentinel)
		}
		_, wire := rec.Last(t)
		sent = append(sent, wire)
	}
	assert.NotContains(t, logs.String(), sentinel)
	assert.NotEmpty(t, logs.String(), "the logger saw the attempts")
	for _, wire := range sent {
		assert.NotContains(t, wire, sentinel)
		assert.Contains(t, openEnvelope(t, priv, wire).plain, sentinel, "the check above can fail")
	}
}

// The panel's PEM, with real line breaks or with \n written out, PKIX or
// PKCS #1, of 1024 bits or more, is taken.
func TestWithRSAEncryptionKeyForms(t *testing.T) {
	t.Parallel()
	k1024, k2048 := testRSAKey(t, 1024), testRSAKey(t, 2048)
	pkix := pkixPEM(t, &k1024.PublicKey)
	escaped := strings.ReplaceAll(strings.TrimSpace(string(pkix)), "\n", `\n`)
	require.NotContains(t, escaped, "\n")
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&k1024.PublicKey)})
	for name, tc := range map[string]struct {
		pem  []byte
		priv *rsa.PrivateKey
	}{
		"pkix":                {pkix, k1024},
		"pkix 2048":           {pkixPEM(t, &k2048.PublicKey), k2048},
		"literal backslash-n": {[]byte(escaped), k1024},
		"literal CRLF":        {[]byte(strings.ReplaceAll(escaped, `\n`, `\r\n`)), k1024},
		"surrounding space":   {[]byte("\n  " + string(pkix) + "  \n"), k1024},
		"pkcs1":               {pkcs1, k1024},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithRSAEncryption(testRSAID, tc.pem))
			rec := on(mt, "POST", "https://api.culqi.com/v2/customers", 201,
				`{"object":"customer","id":"cus_test_w4Fk5qQS34e1dASb","email":"ana@example.pe","metadata":{}}`)
			_, err := c.Customers.Create(ctx, &CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe",
				Address: "Av. Lima 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
			require.NoError(t, err)
			_, body := rec.Last(t)
			assert.Contains(t, openEnvelope(t, tc.priv, body).plain, `"first_name":"Ana"`)
		})
	}
}

// A malformed key id or key is NewClient's error, named, with nothing of
// the key in it.
func TestWithRSAEncryptionRefuses(t *testing.T) {
	t.Parallel()
	good := pkixPEM(t, &testRSAKey(t, 1024).PublicKey)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	// A 512-bit modulus: Go no longer makes such keys, so build one.
	small := &rsa.PublicKey{N: new(big.Int).SetBit(big.NewInt(1), 511, 1), E: 65537}
	small.N.Add(small.N, big.NewInt(1))
	smallPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(small)})
	privDER := x509.MarshalPKCS1PrivateKey(testRSAKey(t, 1024))
	privPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: privDER})
	for _, tc := range []struct {
		name, id string
		pem      []byte
		want     string
	}{
		{"empty id", "", good, "id is empty"},
		{"id with newline", "abc\r\nX-Evil: 1", good, "control"},
		{"id with space", "abc def", good, "space"},
		{"id too long", strings.Repeat("a", 129), good, "longer than 128"},
		{"empty key", testRSAID, nil, "public key is empty"},
		{"blank key", testRSAID, []byte(" \n "), "public key is empty"},
		{"not PEM", testRSAID, []byte("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"), "not PEM"},
		{"bad DER", testRSAID, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("nope")}), "does not parse"},
		{"bad PKCS1", testRSAID, pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: []byte("nope")}), "does not parse"},
		{"EC key", testRSAID, pkixPEM(t, &ec.PublicKey), "not RSA"},
		{"512 bits", testRSAID, smallPEM, "512 bits"},
		{"private key", testRSAID, privPEM, `"RSA PRIVATE KEY", not a PUBLIC KEY`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(testSK, WithRSAEncryption(tc.id, tc.pem))
			require.Error(t, err)
			assert.Nil(t, c)
			assert.True(t, strings.HasPrefix(err.Error(), "culqi: WithRSAEncryption: "), err.Error())
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), base64.StdEncoding.EncodeToString(privDER)[:40])
		})
	}
}

// The encoder's output length does not depend on the draw: the transport
// measures the body once and sends a fresh one on every attempt.
func TestRSAEncryptionLengthStable(t *testing.T) {
	t.Parallel()
	priv := testRSAKey(t, 1024)
	enc, err := newRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey))
	require.NoError(t, err)
	plain := []byte(`{"amount":1000,"email":"a@b.pe"}`)
	first, err := enc.seal(plain)
	require.NoError(t, err)
	for i := 0; i < 20; i++ {
		again, err := enc.seal(plain)
		require.NoError(t, err)
		assert.Len(t, again, len(first))
		assert.NotEqual(t, first, again)
	}
	var none *rsaEncryption // a client without WithRSAEncryption
	r := &transport.Request{Method: http.MethodPost, Path: "/v2/charges", Body: plain}
	none.prepare(r)
	assert.Nil(t, r.EncodeBody)
	assert.Empty(t, r.Header)
}

// rewinder stands for net/http's own resend of a body it could not write
// on a reused connection: it takes the body again through GetBody and
// sends that.
type rewinder struct {
	next          http.RoundTripper
	mu            sync.Mutex
	first, second []string
	lengths       []int64
}

func (r *rewinder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.GetBody == nil {
		return nil, errors.New("the request cannot be rewound")
	}
	first, _ := io.ReadAll(req.Body)
	req.Body.Close()
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	again, _ := io.ReadAll(body)
	r.mu.Lock()
	r.first, r.second = append(r.first, string(first)), append(r.second, string(again))
	r.lengths = append(r.lengths, req.ContentLength)
	r.mu.Unlock()
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(bytes.NewReader(again))
	return r.next.RoundTrip(out)
}

// A body net/http takes again to resend it is still the encrypted one, of
// the length announced: never the plain JSON.
func TestRSAEncryptionRewindStaysEncrypted(t *testing.T) {
	t.Parallel()
	priv := testRSAKey(t, 1024)
	mt := httpmock.NewMockTransport()
	rw := &rewinder{next: mt}
	c, err := NewClient(testSK, WithHTTPClient(&http.Client{Transport: rw}), WithMaxRetries(0),
		WithRSAEncryption(testRSAID, pkixPEM(t, &priv.PublicKey)))
	require.NoError(t, err)
	on(mt, "PATCH", "https://api.culqi.com/v2/charges/chr_test_J1QRDJ2xZUXF0Ggv", 200, chargeJSON)
	_, err = c.Charges.Update(ctx, "chr_test_J1QRDJ2xZUXF0Ggv", &MetadataParams{Metadata: map[string]string{"order_id": "0002"}})
	require.NoError(t, err)
	require.Len(t, rw.second, 1)
	assert.NotContains(t, rw.second[0], "order_id", "the rewound body is not the plain JSON")
	assert.EqualValues(t, rw.lengths[0], len(rw.second[0]), "and has the announced length")
	assert.JSONEq(t, `{"metadata":{"order_id":"0002"}}`, openEnvelope(t, priv, rw.second[0]).plain)
	assert.JSONEq(t, `{"metadata":{"order_id":"0002"}}`, openEnvelope(t, priv, rw.first[0]).plain)
}
