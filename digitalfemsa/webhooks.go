package digitalfemsa

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

// DigestHeader is the header that carries a webhook's signature.
const DigestHeader = "Digest"

// Errors of VerifyWebhook; the returned error wraps one of them and says
// more.
var (
	// ErrWebhookDigest: the DIGEST header is missing or not base64.
	ErrWebhookDigest = errors.New("digitalfemsa: webhook: bad digest")
	// ErrWebhookKey: no public key was given, or one is not an RSA public
	// key in PEM form.
	ErrWebhookKey = errors.New("digitalfemsa: webhook: bad public key")
	// ErrWebhookSignature: no given key verifies the signature over the
	// body (a forged or altered body, or a key that is not the account's).
	ErrWebhookSignature = errors.New("digitalfemsa: webhook: signature does not match")
	// ErrWebhookPayload: the signature is valid but the body is not an
	// event.
	ErrWebhookPayload = errors.New("digitalfemsa: webhook: malformed event")
)

// VerifyWebhook checks a webhook notification and returns its event. body
// is the raw request body, byte for byte (re-encoded JSON does not verify);
// digest is the DIGEST header: a base64 RSA PKCS#1 v1.5 SHA-256 signature of
// body. The signature may match any of publicKeysPEM (the public_key of each
// active webhook key, so a rotation loses no notification). Every key must
// parse: a bad PEM is reported even if another key would match.
func VerifyWebhook(body []byte, digest string, publicKeysPEM ...[]byte) (*Event, error) {
	keys, err := parseWebhookKeys(publicKeysPEM)
	if err != nil {
		return nil, err
	}
	return verifyWebhook(body, digest, keys)
}

// parseWebhookKeys parses every key, or reports the first that does not
// parse (an ErrWebhookKey).
func parseWebhookKeys(publicKeysPEM [][]byte) ([]*rsa.PublicKey, error) {
	if len(publicKeysPEM) == 0 {
		return nil, fmt.Errorf("%w: no public key given", ErrWebhookKey)
	}
	keys := make([]*rsa.PublicKey, 0, len(publicKeysPEM))
	for i, p := range publicKeysPEM {
		k, err := parseRSAPublicKey(p)
		if err != nil {
			return nil, fmt.Errorf("%w: key %d: %s", ErrWebhookKey, i, transport.Mask(err.Error()))
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// verifyWebhook is VerifyWebhook with the keys parsed.
func verifyWebhook(body []byte, digest string, keys []*rsa.PublicKey) (*Event, error) {
	digest = strings.TrimSpace(digest)
	if digest == "" {
		return nil, fmt.Errorf("%w: empty DIGEST header", ErrWebhookDigest)
	}
	sig, err := base64.StdEncoding.DecodeString(digest)
	if err != nil {
		if sig, err = base64.RawStdEncoding.DecodeString(digest); err != nil {
			return nil, fmt.Errorf("%w: not base64", ErrWebhookDigest)
		}
	}
	sum := sha256.Sum256(body)
	matched := false
	for _, k := range keys {
		if rsa.VerifyPKCS1v15(k, crypto.SHA256, sum[:], sig) == nil {
			matched = true
			break
		}
	}
	if !matched {
		return nil, fmt.Errorf("%w: none of %d key(s) matched", ErrWebhookSignature, len(keys))
	}
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		// A decoder's complaint can quote a value of the body ("number
		// 4111111111111111"): the text is masked, and the cause is not
		// wrapped, so no unmasked copy is reachable with errors.Unwrap.
		return nil, fmt.Errorf("%w: %s", ErrWebhookPayload, transport.Mask(err.Error()))
	}
	if ev.Type == "" {
		return nil, fmt.Errorf("%w: no type", ErrWebhookPayload)
	}
	return &ev, nil
}

func parseRSAPublicKey(p []byte) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(p)
	if block == nil && bytes.Contains(p, []byte(`\n`)) {
		// A PEM copied out of JSON with its newlines still escaped.
		block, _ = pem.Decode(bytes.ReplaceAll(p, []byte(`\n`), []byte("\n")))
	}
	if block == nil {
		return nil, errors.New("no PEM block")
	}
	switch block.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("PKIX: %v", err)
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("%T is not an RSA key", k)
		}
		return rk, nil
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("PKCS#1: %v", err)
		}
		return k, nil
	}
	return nil, fmt.Errorf("PEM block %q is not a public key", block.Type)
}

// MaxWebhookBody caps the body WebhookHandler reads.
const MaxWebhookBody = 1 << 20

// WebhookHandler returns an http.Handler for DigitalFemsa notifications. It
// reads the raw body once (at most MaxWebhookBody), verifies its DIGEST
// header against publicKeysPEM and calls handle with the event. It answers
// 405 to a non-POST, 400 when verification fails, 500 when a key does not
// parse or handle returns an error (DigitalFemsa then retries the delivery) and 200 otherwise.
func WebhookHandler(handle func(ctx context.Context, ev *Event) error, publicKeysPEM ...[]byte) http.Handler {
	// Parsed once, not on every delivery; a key that does not parse makes
	// every delivery a 500, as before.
	keys, keyErr := parseWebhookKeys(publicKeysPEM)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, MaxWebhookBody+1))
		if err != nil {
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		if len(body) > MaxWebhookBody {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if keyErr != nil {
			// Our configuration, not the sender, is at fault.
			http.Error(w, "webhook keys misconfigured", http.StatusInternalServerError)
			return
		}
		ev, err := verifyWebhook(body, r.Header.Get(DigestHeader), keys)
		if err != nil {
			http.Error(w, "invalid webhook", http.StatusBadRequest)
			return
		}
		if err := handle(r.Context(), ev); err != nil {
			http.Error(w, "handler failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
