package digitalfemsa

import (
	"time"
	"unicode/utf8"

	"github.com/latampay/latampay-go/internal/validate"
	"github.com/latampay/latampay-go/internal/wire"
)

// Time is a response timestamp: a struct embedding time.Time (so every
// time.Time method works on it, IsZero and Unix included). DigitalFemsa
// sends Unix seconds; a few objects carry RFC 3339 or "2006-01-02
// 15:04:05.999999+00:00" strings, and null, "" and 0 give the zero Time
// (absent). Decoded times are UTC. MarshalJSON writes RFC 3339 with
// nanoseconds, or null for the zero Time.
type Time = wire.Time

// Metadata is a response's free-form key/value object, a
// map[string]string. String values are kept as sent; other values (numbers,
// booleans, objects) as their compact JSON text ("12", "true"); a null
// value as "". A top-level null, [] or "" decodes as a nil map. It encodes
// as a JSON object of strings.
type Metadata = wire.Metadata

// Money is an amount in cents with its currency, as the balance reports it.
type Money struct {
	// Amount is in cents (centavos).
	Amount int64 `json:"amount"`
	// Currency is the ISO 4217 code, such as "MXN".
	Currency string `json:"currency"`
}

// NestedList is a list embedded in another object (an order's charges and
// line items, a charge's refunds).
type NestedList[T any] struct {
	// Object is "list".
	Object string `json:"object"`
	// HasMore reports whether the embedded list is cut short; fetch the
	// rest through the resource's own list.
	HasMore bool `json:"has_more"`
	// Total is sent on some nested lists only (0 otherwise).
	Total int `json:"total"`
	// NextPageURL is the URL of the following page, nil when the API
	// sends null (no page follows); the SDK never requests it.
	NextPageURL *string `json:"next_page_url"`
	// PreviousPageURL is the URL of the page before, nil when the API
	// sends null (this is the first page).
	PreviousPageURL *string `json:"previous_page_url"`
	// Data holds the items ([] when empty).
	Data []*T `json:"data"`
}

// ---- validation helpers ----

const maxMetadataKeys = 100

func checkMetadata(field string, m map[string]string) error {
	if len(m) > maxMetadataKeys {
		return invalidParamsf(field, "has %d keys; at most %d are allowed", len(m), maxMetadataKeys)
	}
	for k := range m {
		if k == "" {
			return invalidParams(field, "has an empty key")
		}
	}
	return nil
}

func checkCurrency(field, cur string) error {
	if len(cur) != 3 {
		return invalidParams(field, "must be a three-letter ISO 4217 code such as MXN")
	}
	for i := 0; i < 3; i++ {
		if cur[i] < 'A' || cur[i] > 'Z' {
			return invalidParams(field, "must be three upper-case letters (ISO 4217), such as MXN")
		}
	}
	return nil
}

func checkLen(field, s string, min, max int) error {
	n := utf8.RuneCountInString(s)
	if n < min || n > max {
		if min == 1 && n == 0 {
			return invalidParams(field, "is required")
		}
		return invalidParamsf(field, "must be %d to %d characters, got %d", min, max, n)
	}
	return nil
}

// checkEmail refuses what cannot be an address (no "@", nothing on one side
// of it, spaces): DigitalFemsa sends the cash-out reference there, so a typo
// is better caught before anything is created.
func checkEmail(field, email string) error {
	if !validate.Email(email) {
		return invalidParams(field, "must be an email address (name@domain)")
	}
	return nil
}

// copyMetadata returns a copy (nil for an empty map), so a request never
// aliases the caller's map.
func copyMetadata(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// copyStrings returns a copy of s (nil when empty), so a request never
// aliases the caller's slice.
func copyStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}

// unixPtr is t in Unix seconds, nil for the zero time.
func unixPtr(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	v := t.Unix()
	return &v
}
