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

// reconcileEntryField names the metadata entry that may carry the key.
const reconcileEntryField = `Metadata["` + ReconcileMetadataKey + `"]`

// CheckReconcileMetadata checks a money-moving create's ReconcileKey
// against its metadata before any I/O: a given key, and the caller's own
// entry under ReconcileMetadataKey, which must equal the key when both are
// set.
func CheckReconcileMetadata(provider, key string, md map[string]string) error {
	if key != "" {
		if err := CheckReconcileKey(provider, "ReconcileKey", key, ReconcileKeyMax); err != nil {
			return err
		}
	}
	v, ok := md[ReconcileMetadataKey]
	switch {
	case ok && key != "" && v != key:
		return NewParamError(provider, "ReconcileKey", "differs from "+reconcileEntryField+"; set one of them, or both the same")
	case ok:
		return CheckReconcileKey(provider, reconcileEntryField, v, ReconcileKeyMax)
	}
	return nil
}

// ReconcileKeyIn returns the key a create will carry, checked as
// CheckReconcileMetadata checks it: ReconcileKey, else the caller's
// metadata entry, else a fresh key.
func ReconcileKeyIn(provider, key string, md map[string]string) (string, error) {
	if err := CheckReconcileMetadata(provider, key, md); err != nil {
		return "", err
	}
	if key == "" {
		key = md[ReconcileMetadataKey]
	}
	if key == "" {
		key = NewReconcileKey()
	}
	return key, nil
}

// WithReconcileKey returns a copy of md carrying key under
// ReconcileMetadataKey; the caller's map is never changed.
func WithReconcileKey(md map[string]string, key string) map[string]string {
	out := make(map[string]string, len(md)+1)
	for k, v := range md {
		out[k] = v
	}
	out[ReconcileMetadataKey] = key
	return out
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
