package transport

import (
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"strconv"
	"time"
)

// ReconcileKeyMax is the longest reconciliation key a caller may give: it
// fits the metadata values of every provider of the family.
const ReconcileKeyMax = 64

// ReconcileMetadataKey is the metadata key under which Culqi and
// DigitalFemsa calls store their reconciliation key.
const ReconcileMetadataKey = "latampay_key"

// ReconcileClockSkew is subtracted from a Reconcile call's since: the
// provider's clock may lag the caller's.
const ReconcileClockSkew = 5 * time.Minute

// NewReconcileKey returns a fresh reconciliation key: 128 random bits,
// URL-safe base64 (22 characters).
func NewReconcileKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("latampay: crypto/rand failed: " + err.Error()) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// CheckReconcileKey validates a caller-given key: 1 to max characters
// (ReconcileKeyMax when max is 0) from A-Z a-z 0-9 . _ : -. field names it
// in the error.
func CheckReconcileKey(provider, field, key string, max int) error {
	if max <= 0 || max > ReconcileKeyMax {
		max = ReconcileKeyMax
	}
	if key == "" {
		return NewParamError(provider, field, "is required")
	}
	if len(key) > max {
		return NewParamError(provider, field, "is longer than the provider keeps ("+strconv.Itoa(max)+" characters)")
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == ':' || c == '-') {
			return NewParamError(provider, field, "may hold only A-Z a-z 0-9 . _ : -")
		}
	}
	return nil
}

// ReconcileKeyOrNew returns key when it is valid, a fresh key when it is
// empty, and a *ParamError otherwise.
func ReconcileKeyOrNew(provider, field, key string, max int) (string, error) {
	if key == "" {
		return NewReconcileKey(), nil
	}
	if err := CheckReconcileKey(provider, field, key, max); err != nil {
		return "", err
	}
	return key, nil
}

// CheckReconcileSince refuses a Reconcile window that starts in the
// future: a since after now cannot be the start of a call already made.
func CheckReconcileSince(provider string, since, now time.Time) error {
	if since.IsZero() {
		return NewParamError(provider, "since", "is required (the time the call was started)")
	}
	if since.After(now.Add(ReconcileClockSkew)) {
		return NewParamError(provider, "since", "is in the future")
	}
	return nil
}

// PathID validates an identifier that goes into a URL path and returns it
// escaped. An empty id, "." and ".." (which would change the path the
// request goes to) are refused before any I/O.
func PathID(provider, field, id string) (string, error) {
	switch id {
	case "":
		return "", NewParamError(provider, field, "is required")
	case ".", "..":
		return "", NewParamError(provider, field, "is not an identifier")
	}
	return url.PathEscape(id), nil
}
