package culqitest_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// sealOpts says how a test seals a body, standing for the official SDKs
// that differ: the nonce size (12 in Go and Java, 16 in Python and PHP),
// whether the tag is kept, and the sizes of the secrets.
type sealOpts struct {
	nonceSize int
	keepTag   bool
	keySize   int
}

// seal builds an encrypted body for pub the way Culqi's SDKs do.
func seal(t *testing.T, pub *rsa.PublicKey, plain []byte, o sealOpts) map[string]string {
	t.Helper()
	if o.keySize == 0 {
		o.keySize = 32
	}
	key := make([]byte, o.keySize)
	nonce := make([]byte, o.nonceSize)
	_, err := rand.Read(key)
	require.NoError(t, err)
	_, err = rand.Read(nonce)
	require.NoError(t, err)
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	gcm, err := cipher.NewGCMWithNonceSize(block, o.nonceSize)
	require.NoError(t, err)
	data := gcm.Seal(nil, nonce, plain, nil)
	if !o.keepTag {
		data = data[:len(data)-gcm.Overhead()]
	}
	encKey, err := rsa.EncryptOAEP(sha256.New(), rand.Reader, pub, key, nil)
	require.NoError(t, err)
	encIV, err := rsa.EncryptOAEP(sha256.New(), rand.Reader, pub, nonce, nil)
	require.NoError(t, err)
	b64 := base64.StdEncoding.EncodeToString
	return map[string]string{"encrypted_data": b64(data), "encrypted_key": b64(encKey), "encrypted_iv": b64(encIV)}
}

func fakePublicKey(t *testing.T, srv *culqitest.Server) (string, *rsa.PublicKey) {
	t.Helper()
	id, p := srv.RSAKey()
	block, _ := pem.Decode(p)
	require.NotNil(t, block)
	require.Equal(t, "PUBLIC KEY", block.Type)
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	require.NoError(t, err)
	return id, pub.(*rsa.PublicKey)
}

// sendRaw posts body with the key id header and returns the status and the
// decoded answer.
func sendRaw(t *testing.T, srv *culqitest.Server, rsaID, path string, body []byte) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+path, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+culqitest.SecretKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-culqi-rsa-id", rsaID)
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

// customerJSON is a customer body tagged through its metadata, which Find
// looks up.
func customerJSON(tag string) []byte {
	b, _ := json.Marshal(map[string]any{"first_name": "Ana", "last_name": "Quispe", "email": "ana@example.pe",
		"address": "Av. Larco 123", "address_city": "Lima", "country_code": "PE", "phone_number": "987654321",
		"metadata": map[string]string{"tag": tag}})
	return b
}

func TestRSAKey(t *testing.T) {
	t.Parallel()
	a, b := culqitest.NewServer(), culqitest.NewServer()
	defer a.Close()
	defer b.Close()
	idA, pub := fakePublicKey(t, a)
	idB, _ := fakePublicKey(t, b)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, idA)
	assert.NotEqual(t, idA, idB, "each server has its own key id")
	assert.Equal(t, 1024, pub.N.BitLen(), "the size Culqi issues")
	_, p1 := a.RSAKey()
	p1[0] = 'X'
	_, p2 := a.RSAKey()
	assert.Equal(t, byte('-'), p2[0], "RSAKey hands out a copy")
}

// recorder keeps what the client put on the wire.
type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	reqs []recorded
}

type recorded struct {
	method, path, rsaID string
	body                []byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, recorded{req.Method, req.URL.Path, req.Header.Get("X-Culqi-Rsa-Id"), body})
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

// A client with the fake's key works end to end: the fake decrypts every
// body, and what it stores is what the client meant.
func TestEncryptedClientEndToEnd(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	rec := &recorder{next: srv.HTTPClient().Transport}
	c := srv.Client(culqi.WithRSAEncryption(srv.RSAKey()), culqi.WithHTTPClient(&http.Client{Transport: rec}))

	tok := newToken(t, c, culqitest.CardVisa)
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: "PEN", Email: "ana@example.pe",
		SourceID: tok.ID, Description: "Pedido cifrado", Metadata: map[string]string{"order": "enc-1"}})
	require.NoError(t, err)
	assert.Equal(t, int64(5000), ch.Amount)
	assert.Equal(t, "Pedido cifrado", ch.Description)
	_, err = c.Charges.Update(ctx, ch.ID, &culqi.MetadataParams{Metadata: map[string]string{"note": "patched"}})
	require.NoError(t, err)
	ref, err := c.Refunds.Create(ctx, &culqi.RefundParams{ChargeID: ch.ID, Amount: 1000, Reason: culqi.ReasonCustomerRequest})
	require.NoError(t, err)
	assert.Equal(t, int64(1000), ref.Amount)
	cus := newCustomer(t, c)
	_, err = c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: newToken(t, c, culqitest.CardMastercard).ID})
	require.NoError(t, err)
	got, err := c.Charges.Get(ctx, ch.ID)
	require.NoError(t, err)
	assert.Equal(t, "patched", got.Metadata["note"])
	assert.Equal(t, int64(4000), got.CurrentAmount)

	withBody := 0
	for _, r := range rec.reqs {
		if len(r.body) == 0 {
			assert.Empty(t, r.rsaID, "%s %s", r.method, r.path)
			continue
		}
		withBody++
		id, _ := srv.RSAKey()
		assert.Equal(t, id, r.rsaID, "%s %s", r.method, r.path)
		var env map[string]string
		require.NoError(t, json.Unmarshal(r.body, &env), "%s %s", r.method, r.path)
		assert.Len(t, env, 3)
		assert.NotContains(t, string(r.body), "ana@example.pe")
		assert.NotContains(t, string(r.body), "4111111111111111")
	}
	assert.Equal(t, 7, withBody, "two tokens, charge, metadata, refund, customer, card")
}

// A body sealed as the Python SDK does (a 16-byte nonce) is taken, as is
// one that keeps the GCM tag; a Go-style body (12-byte nonce, no tag) too.
func TestEncryptedBodyVariants(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	id, pub := fakePublicKey(t, srv)
	for name, o := range map[string]sealOpts{
		"go-java-12-notag": {nonceSize: 12},
		"python-php-16":    {nonceSize: 16},
		"tag-appended-12":  {nonceSize: 12, keepTag: true},
		"tag-appended-16":  {nonceSize: 16, keepTag: true},
	} {
		body, err := json.Marshal(seal(t, pub, customerJSON(name), o))
		require.NoError(t, err)
		status, got := sendRaw(t, srv, id, "/v2/customers", body)
		assert.Equal(t, http.StatusCreated, status, "%s: %v", name, got)
		assert.Equal(t, "Ana", got["antifraud_details"].(map[string]any)["first_name"], name)
		assert.Equal(t, 1, srv.Count(culqitest.KindCustomers, name), name)
	}
}

// What the fake cannot decrypt gets Culqi's 400 crypto_error, and nothing
// is carried out.
func TestEncryptedBodyCryptoErrors(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	id, pub := fakePublicKey(t, srv)
	other, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	good := func() map[string]string { return seal(t, pub, customerJSON("crypto-case"), sealOpts{nonceSize: 12}) }
	marshal := func(v any) []byte { b, _ := json.Marshal(v); return b }
	for _, tc := range []struct {
		name string
		id   string
		body []byte
	}{
		{"another key id", "00000000-0000-4000-8000-000000000000", marshal(good())},
		{"another key", id, marshal(seal(t, &other.PublicKey, customerJSON("crypto-case"), sealOpts{nonceSize: 12}))},
		{"plain body", id, customerJSON("crypto-case")},
		{"not JSON", id, []byte("encrypted")},
		{"missing encrypted_iv", id, func() []byte { m := good(); delete(m, "encrypted_iv"); return marshal(m) }()},
		{"bad base64", id, func() []byte { m := good(); m["encrypted_data"] = "%%%"; return marshal(m) }()},
		{"key and nonce swapped", id, func() []byte {
			m := good()
			m["encrypted_key"], m["encrypted_iv"] = m["encrypted_iv"], m["encrypted_key"]
			return marshal(m)
		}()},
		{"AES-128 key", id, marshal(seal(t, pub, customerJSON("crypto-case"), sealOpts{nonceSize: 12, keySize: 16}))},
		{"8-byte nonce", id, marshal(seal(t, pub, customerJSON("crypto-case"), sealOpts{nonceSize: 8}))},
		{"plaintext not JSON", id, marshal(seal(t, pub, []byte("first_name=Ana"), sealOpts{nonceSize: 12}))},
	} {
		status, got := sendRaw(t, srv, tc.id, "/v2/customers", tc.body)
		assert.Equal(t, http.StatusBadRequest, status, tc.name)
		assert.Equal(t, map[string]any{"object": "error", "type": "crypto_error", "code": "crypto_error",
			"merchant_message": "Ocurrieron problemas al desencriptar"}, got, tc.name)
	}
	assert.Zero(t, srv.Count(culqitest.KindCustomers, "crypto-case"), "nothing was created")

	// The checks above can fail: the same body, well sealed, is taken.
	status, got := sendRaw(t, srv, id, "/v2/customers", marshal(good()))
	assert.Equal(t, http.StatusCreated, status, "%v", got)
	assert.Equal(t, 1, srv.Count(culqitest.KindCustomers, "crypto-case"))
}

// Through the SDK, a key that is not the fake's gives a plain *culqi.Error,
// and no charge.
func TestEncryptedClientWrongKey(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	tok := newToken(t, srv.Client(), culqitest.CardVisa)
	other, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	der, err := x509.MarshalPKIXPublicKey(&other.PublicKey)
	require.NoError(t, err)
	id, _ := srv.RSAKey()
	c := srv.Client(culqi.WithRSAEncryption(id, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})))
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: "PEN", Email: "ana@example.pe",
		SourceID: tok.ID, Description: "Pedido cifrado"})
	var ce *culqi.Error
	require.ErrorAs(t, err, &ce)
	assert.NotErrorIs(t, err, culqi.ErrOutcomeUnknown)
	assert.Equal(t, http.StatusBadRequest, ce.StatusCode)
	assert.Equal(t, culqi.ErrorTypeCrypto, ce.Type)
	assert.Zero(t, srv.Count(culqitest.KindCharges, "Pedido cifrado"))
}
