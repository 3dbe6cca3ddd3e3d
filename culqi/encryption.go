package culqi

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"

	"github.com/latampay/latampay-go/internal/transport"
)

// RSAIDHeader is the request header that names the RSA key an encrypted
// body was sealed for (see WithRSAEncryption).
const RSAIDHeader = "X-Culqi-Rsa-Id"

// ErrorTypeCrypto is the Type of the *Error Culqi answers (HTTP 400) to an
// encrypted body it cannot decrypt: a wrong key id, a key that is not the
// one behind the id, or a malformed envelope. Nothing was carried out.
const ErrorTypeCrypto = "crypto_error"

// Sizes of the per-request secrets: AES-256 and the 96-bit nonce that the
// official Go and Java SDKs use (GCM's native size).
const (
	encKeySize   = 32
	encNonceSize = 12
	// minRSABits: Culqi issues 1024-bit keys, so they must be accepted;
	// anything smaller cannot even hold an OAEP-SHA-256 block with the key.
	minRSABits = 1024
)

// rsaEncryptionOption keys the parsed key in the settings.
type rsaEncryptionOption struct{}

// rsaEncryption seals request bodies for one of the merchant's RSA keys.
// It holds only public material and is never mutated after parsing, so one
// value serves every request of every goroutine.
type rsaEncryption struct {
	id  string
	key *rsa.PublicKey
}

// WithRSAEncryption encrypts every request body the client sends (POST and
// PATCH; a request without a body goes as it is), as Culqi's "RSA keys"
// panel setting expects: the JSON body is sealed with AES-256-GCM under a
// random 32-byte key and a random 12-byte nonce, the 16-byte tag dropped
// (every official Culqi SDK sends it so); the key and the nonce are each
// encrypted with the RSA public key (RSA-OAEP, SHA-256 and MGF1-SHA-256,
// empty label); and the body sent becomes
//
//	{"encrypted_data": "…", "encrypted_key": "…", "encrypted_iv": "…"}
//
// (standard base64), with the header X-Culqi-Rsa-Id: rsaID. A fresh key and
// nonce are drawn for every attempt, retries included. Culqi's answers are
// plain JSON and are read as usual.
//
// rsaID is the key's id and publicKeyPEM its public key, both as the Culqi
// panel (Desarrollo → RSA Keys) shows them once: a PEM "PUBLIC KEY" block
// (PKIX; a PKCS #1 "RSA PUBLIC KEY" block is taken too), also with its line
// breaks written as the two characters \n, as the panel copies it. Keys of
// 1024 bits, the size Culqi issues, and larger are accepted. A malformed
// id or key makes NewClient fail.
//
// Nothing of an encrypted request's plain body appears in any log record or
// error. Culqi answers a body it cannot decrypt with HTTP 400 and an *Error
// whose Type is ErrorTypeCrypto; nothing was carried out. Integrators have
// reported encrypted bodies to some endpoints (customers, saved cards,
// subscription creation) answered with a bare HTTP 500: the client handles
// it as any 5xx, so a call that moves money ends in ErrOutcomeUnknown and
// is not repeated. Use a client without this option for those endpoints if
// your account meets it.
func WithRSAEncryption(rsaID string, publicKeyPEM []byte) Option {
	return Option{func(s *transport.Settings) error {
		enc, err := newRSAEncryption(rsaID, publicKeyPEM)
		if err != nil {
			return err
		}
		s.SetExtra(rsaEncryptionOption{}, enc)
		return nil
	}}
}

// newRSAEncryption checks the key id and parses the key.
func newRSAEncryption(rsaID string, publicKeyPEM []byte) (*rsaEncryption, error) {
	if rsaID == "" {
		return nil, errors.New("culqi: WithRSAEncryption: the RSA key id is empty")
	}
	if len(rsaID) > 128 {
		return nil, errors.New("culqi: WithRSAEncryption: the RSA key id is longer than 128 characters")
	}
	for i := 0; i < len(rsaID); i++ {
		// A header value: printable ASCII, no spaces (Culqi's ids are UUIDs).
		if c := rsaID[i]; c <= ' ' || c >= 0x7f {
			return nil, errors.New("culqi: WithRSAEncryption: the RSA key id holds a space, a control or a non-ASCII character")
		}
	}
	key, err := parseRSAPublicKey(publicKeyPEM)
	if err != nil {
		return nil, fmt.Errorf("culqi: WithRSAEncryption: %w", err)
	}
	return &rsaEncryption{id: rsaID, key: key}, nil
}

// parseRSAPublicKey reads a PEM public key, its line breaks written as
// real ones or as the escape sequence \n.
func parseRSAPublicKey(raw []byte) (*rsa.PublicKey, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, errors.New("the public key is empty")
	}
	text := bytes.ReplaceAll(raw, []byte(`\r`), nil)
	text = bytes.ReplaceAll(text, []byte(`\n`), []byte("\n"))
	block, _ := pem.Decode(bytes.TrimSpace(text))
	if block == nil {
		return nil, errors.New("the public key is not PEM (want a -----BEGIN PUBLIC KEY----- block)")
	}
	var key *rsa.PublicKey
	switch block.Type {
	case "PUBLIC KEY":
		pub, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the PUBLIC KEY block does not parse: %w", err)
		}
		k, ok := pub.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("the public key is %T, not RSA", pub)
		}
		key = k
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the RSA PUBLIC KEY block does not parse: %w", err)
		}
		key = k
	default:
		// A private key pasted by mistake is named, never echoed.
		return nil, fmt.Errorf("the PEM block is a %q, not a PUBLIC KEY", block.Type)
	}
	if bits := key.N.BitLen(); bits < minRSABits {
		return nil, fmt.Errorf("the RSA key has %d bits, fewer than %d", bits, minRSABits)
	}
	return key, nil
}

// prepare makes req carry an encrypted body, when the client encrypts and
// req has a body to encrypt (a POST or a PATCH). The caller's header map is
// copied, never written. A nil e leaves req as it is.
func (e *rsaEncryption) prepare(req *transport.Request) {
	if e == nil || req.Body == nil || (req.Method != http.MethodPost && req.Method != http.MethodPatch) {
		return
	}
	h := make(http.Header, len(req.Header)+1)
	for k, v := range req.Header {
		h[k] = v
	}
	h[RSAIDHeader] = []string{e.id}
	req.Header = h
	req.EncodeBody = e.seal
}

// seal turns a plain JSON body into Culqi's encrypted envelope, with a key
// and a nonce of its own. Its errors never hold the body.
func (e *rsaEncryption) seal(plain []byte) ([]byte, error) {
	var secret [encKeySize + encNonceSize]byte
	defer clear(secret[:])
	if _, err := rand.Read(secret[:]); err != nil {
		return nil, fmt.Errorf("culqi: encrypting the request body: reading random bytes: %w", err)
	}
	key, nonce := secret[:encKeySize], secret[encKeySize:]
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("culqi: encrypting the request body: %w", err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("culqi: encrypting the request body: %w", err)
	}
	sealed := gcm.Seal(nil, nonce, plain, nil)
	data := sealed[:len(sealed)-gcm.Overhead()] // the tag is not sent
	encKey, err := rsa.EncryptOAEP(sha256.New(), rand.Reader, e.key, key, nil)
	if err != nil {
		return nil, fmt.Errorf("culqi: encrypting the request body's key: %w", err)
	}
	encIV, err := rsa.EncryptOAEP(sha256.New(), rand.Reader, e.key, nonce, nil)
	if err != nil {
		return nil, fmt.Errorf("culqi: encrypting the request body's nonce: %w", err)
	}
	// Standard base64 needs no JSON escaping, so the envelope is written
	// directly: one allocation of the final size.
	b64 := base64.StdEncoding
	const (
		f1 = `{"encrypted_data":"`
		f2 = `","encrypted_key":"`
		f3 = `","encrypted_iv":"`
		f4 = `"}`
	)
	n := len(f1) + b64.EncodedLen(len(data)) + len(f2) + b64.EncodedLen(len(encKey)) +
		len(f3) + b64.EncodedLen(len(encIV)) + len(f4)
	out := make([]byte, 0, n)
	out = append(out, f1...)
	out = b64.AppendEncode(out, data)
	out = append(out, f2...)
	out = b64.AppendEncode(out, encKey)
	out = append(out, f3...)
	out = b64.AppendEncode(out, encIV)
	out = append(out, f4...)
	clear(sealed)
	return out, nil
}
