package culqitest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/latampay/latampay-go/culqi"
)

// cryptoErrorMessage is Culqi's merchant_message for a body it cannot
// decrypt.
const cryptoErrorMessage = "Ocurrieron problemas al desencriptar"

// fakeRSABits is the size of the fake's RSA key: 1024 bits, the size Culqi
// issues to merchants.
const fakeRSABits = 1024

// The fake's key pair is made once per process, on first use: every
// server has an id of its own, so a body sealed for one server's id is
// still refused by another.
var (
	fakeKeyOnce sync.Once
	fakeKey     *rsa.PrivateKey
	fakeKeyPEM  []byte
)

func rsaKeyPair() (*rsa.PrivateKey, []byte) {
	fakeKeyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, fakeRSABits)
		if err != nil {
			panic("culqitest: generating the RSA key: " + err.Error())
		}
		der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil {
			panic("culqitest: encoding the RSA public key: " + err.Error())
		}
		fakeKey, fakeKeyPEM = k, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	})
	return fakeKey, fakeKeyPEM
}

// newRSAID makes a key id shaped as Culqi's: a random (version 4) UUID.
func newRSAID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("culqitest: " + err.Error())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// RSAKey returns the id and the PEM (PKIX) public key of the fake's RSA
// key, as Culqi's panel shows a merchant's. Pass them to
// culqi.WithRSAEncryption:
//
//	client := srv.Client(culqi.WithRSAEncryption(srv.RSAKey()))
//
// The fake decrypts a request body that carries the header X-Culqi-Rsa-Id
// with this id, and answers HTTP 400 crypto_error, Culqi's answer, when it
// cannot: another id, another key, a malformed envelope, a body that is
// not JSON once decrypted.
func (s *Server) RSAKey() (rsaID string, publicKeyPEM []byte) {
	_, p := rsaKeyPair()
	return s.rsaID, bytes.Clone(p)
}

// decrypting runs h on the plain body of an encrypted request: one with
// the X-Culqi-Rsa-Id header and a body. It is as lenient as Culqi's own
// server must be, since the official SDKs differ: the nonce may be 12
// bytes (Go, Java) or 16 (Python, PHP), and the GCM tag may be dropped
// (every SDK) or appended to the ciphertext.
func (s *Server) decrypting(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(culqi.RSAIDHeader)
		if id == "" || r.Body == nil || r.Body == http.NoBody {
			h(w, r)
			return
		}
		raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			s.cryptoError(w)
			return
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			r.Body = http.NoBody
			h(w, r)
			return
		}
		plain, ok := s.decrypt(id, raw)
		if !ok {
			s.cryptoError(w)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(plain))
		r.ContentLength = int64(len(plain))
		h(w, r)
	}
}

// cryptoError is Culqi's answer to a body it cannot decrypt.
func (s *Server) cryptoError(w http.ResponseWriter) {
	s.fail(w, http.StatusBadRequest, culqi.ErrorTypeCrypto, culqi.ErrorTypeCrypto, "", cryptoErrorMessage, "")
}

// envelope is the body of an encrypted request.
type envelope struct {
	Data *string `json:"encrypted_data"`
	Key  *string `json:"encrypted_key"`
	IV   *string `json:"encrypted_iv"`
}

// decrypt opens an encrypted body sealed for id; ok is false when it
// cannot.
func (s *Server) decrypt(id string, raw []byte) (plain []byte, ok bool) {
	if id != s.rsaID {
		return nil, false
	}
	var env envelope
	if json.Unmarshal(raw, &env) != nil || env.Data == nil || env.Key == nil || env.IV == nil {
		return nil, false
	}
	b64 := base64.StdEncoding
	data, err1 := b64.DecodeString(*env.Data)
	encKey, err2 := b64.DecodeString(*env.Key)
	encIV, err3 := b64.DecodeString(*env.IV)
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, false
	}
	priv, _ := rsaKeyPair()
	key, err := rsa.DecryptOAEP(sha256.New(), nil, priv, encKey, nil)
	if err != nil || len(key) != 32 {
		return nil, false
	}
	nonce, err := rsa.DecryptOAEP(sha256.New(), nil, priv, encIV, nil)
	if err != nil || (len(nonce) != 12 && len(nonce) != 16) {
		return nil, false
	}
	plain, err = openGCM(key, nonce, data)
	if err != nil || !json.Valid(plain) {
		return nil, false
	}
	return plain, true
}

// openGCM decrypts AES-GCM output with or without its 16-byte tag. With
// the tag, it is checked; without it, nothing can be authenticated and the
// ciphertext is decrypted as GCM encrypted it: AES in counter mode from
// the counter block after J0 (for a 12-byte nonce, nonce‖00000002; for
// another size, derived by GHASH, which a GCM sealing zeros yields as its
// keystream).
func openGCM(key, nonce, data []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCMWithNonceSize(block, len(nonce))
	if err != nil {
		return nil, err
	}
	if len(data) >= gcm.Overhead() {
		if plain, err := gcm.Open(nil, nonce, data, nil); err == nil {
			return plain, nil
		}
	}
	plain := make([]byte, len(data))
	if len(nonce) == 12 {
		var ctr [16]byte
		copy(ctr[:], nonce)
		binary.BigEndian.PutUint32(ctr[12:], 2)
		cipher.NewCTR(block, ctr[:]).XORKeyStream(plain, data)
		return plain, nil
	}
	stream := gcm.Seal(nil, nonce, make([]byte, len(data)), nil)
	for i := range data {
		plain[i] = data[i] ^ stream[i]
	}
	return plain, nil
}
