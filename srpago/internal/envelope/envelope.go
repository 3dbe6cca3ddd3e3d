// Package envelope implements Sr. Pago's hybrid encryption of request
// bodies that carry card data: a fresh 32-character key, RSA-encrypted with
// Sr. Pago's public key (PKCS #1 v1.5), and the JSON body encrypted with
// AES-256 in ECB mode with PKCS #7 padding under that key, both base64.
//
// ECB is what Sr. Pago's API requires, not a choice of this SDK: the
// standard library has no ECB mode, so it is done here block by block.
// Seal is used by the client; Open by the fake server in srpagotest.
package envelope

import (
	"crypto/aes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
)

// KeySize is the length of the per-request AES-256 key.
const KeySize = 32

// keyAlphabet: Sr. Pago's own clients send printable ASCII keys; 62 symbols
// give 32 characters about 190 bits of entropy.
const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// NewKey returns 32 random alphanumeric characters from crypto/rand,
// drawn without modulo bias.
func NewKey() ([]byte, error) {
	key := make([]byte, 0, KeySize)
	var buf [48]byte
	for len(key) < KeySize {
		if _, err := rand.Read(buf[:]); err != nil {
			return nil, fmt.Errorf("srpago: reading random key: %w", err)
		}
		for _, b := range buf {
			// 248 = 4*62: values above it would favour the first symbols.
			if b < 248 && len(key) < KeySize {
				key = append(key, keyAlphabet[int(b)%len(keyAlphabet)])
			}
		}
	}
	return key, nil
}

// Seal encrypts plaintext for pub with a fresh key and returns the base64
// "key" and "data" fields of the envelope.
func Seal(pub *rsa.PublicKey, plaintext []byte) (key, data string, err error) {
	k, err := NewKey()
	if err != nil {
		return "", "", err
	}
	return SealWithKey(pub, k, plaintext)
}

// SealWithKey is Seal with a given 32-byte AES key (for tests).
func SealWithKey(pub *rsa.PublicKey, aesKey, plaintext []byte) (key, data string, err error) {
	if pub == nil {
		return "", "", errors.New("srpago: no RSA public key for the encryption envelope")
	}
	ct, err := EncryptECB(aesKey, plaintext)
	if err != nil {
		return "", "", err
	}
	// Sr. Pago's API requires PKCS #1 v1.5 (deprecated in Go 1.26 for new designs).
	ek, err := rsa.EncryptPKCS1v15(rand.Reader, pub, aesKey)
	if err != nil {
		return "", "", fmt.Errorf("srpago: RSA-encrypting the envelope key: %w", err)
	}
	return base64.StdEncoding.EncodeToString(ek), base64.StdEncoding.EncodeToString(ct), nil
}

// Open reverses Seal with the private key, as the API does.
func Open(priv *rsa.PrivateKey, key, data string) ([]byte, error) {
	ek, err := decodeB64(key)
	if err != nil {
		return nil, fmt.Errorf("envelope key: %w", err)
	}
	ct, err := decodeB64(data)
	if err != nil {
		return nil, fmt.Errorf("envelope data: %w", err)
	}
	aesKey, err := rsa.DecryptPKCS1v15(nil, priv, ek)
	if err != nil {
		return nil, fmt.Errorf("envelope key: %w", err)
	}
	if len(aesKey) != KeySize {
		return nil, fmt.Errorf("envelope key: %d bytes, want %d", len(aesKey), KeySize)
	}
	return DecryptECB(aesKey, ct)
}

// decodeB64 accepts standard base64 with embedded line breaks, as the API
// tolerates them.
func decodeB64(s string) ([]byte, error) {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\n' && c != '\r' {
			clean = append(clean, c)
		}
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(out, clean)
	return out[:n], err
}

// EncryptECB encrypts plaintext with AES (key of 16, 24 or 32 bytes) in ECB
// mode after PKCS #7 padding: byte-identical to `openssl enc -aes-256-ecb`.
func EncryptECB(key, plaintext []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("srpago: AES key: %w", err)
	}
	bs := block.BlockSize()
	pad := bs - len(plaintext)%bs
	out := make([]byte, len(plaintext)+pad)
	copy(out, plaintext)
	for i := len(plaintext); i < len(out); i++ {
		out[i] = byte(pad)
	}
	for i := 0; i < len(out); i += bs {
		block.Encrypt(out[i:i+bs], out[i:i+bs])
	}
	return out, nil
}

// DecryptECB reverses EncryptECB and checks the padding.
func DecryptECB(key, ciphertext []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("AES key: %w", err)
	}
	bs := block.BlockSize()
	if len(ciphertext) == 0 || len(ciphertext)%bs != 0 {
		return nil, errors.New("ciphertext is not a whole number of blocks")
	}
	out := make([]byte, len(ciphertext))
	for i := 0; i < len(out); i += bs {
		block.Decrypt(out[i:i+bs], ciphertext[i:i+bs])
	}
	pad := int(out[len(out)-1])
	if pad == 0 || pad > bs {
		return nil, errors.New("bad PKCS #7 padding")
	}
	for _, b := range out[len(out)-pad:] {
		if int(b) != pad {
			return nil, errors.New("bad PKCS #7 padding")
		}
	}
	return out[:len(out)-pad], nil
}

// ParsePublicKey reads an RSA public key from PEM ("PUBLIC KEY" or "RSA
// PUBLIC KEY").
func ParsePublicKey(pemText []byte) (*rsa.PublicKey, error) {
	b, _ := pem.Decode(pemText)
	if b == nil {
		return nil, errors.New("no PEM block found")
	}
	switch b.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(b.Bytes)
		if err != nil {
			return nil, err
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("PEM holds a %T, not an RSA public key", k)
		}
		return rk, nil
	case "RSA PUBLIC KEY":
		return x509.ParsePKCS1PublicKey(b.Bytes)
	}
	return nil, fmt.Errorf("PEM block %q is not a public key", b.Type)
}
