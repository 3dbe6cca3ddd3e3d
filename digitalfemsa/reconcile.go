package digitalfemsa

import (
	"context"
	"fmt"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// ReconcileMetadataKey is the metadata entry under which Orders.Create and
// PayoutOrders.Create store the call's reconciliation key.
const ReconcileMetadataKey = transport.ReconcileMetadataKey

// ReconcileClockSkew is taken off a Reconcile call's since: DigitalFemsa's
// clock may lag yours.
const ReconcileClockSkew = transport.ReconcileClockSkew

// maxReconcileKey is the longest key accepted: DigitalFemsa documents no
// limit on a metadata value, and 64 characters fit every provider of the
// family, so no key is ever truncated.
const maxReconcileKey = transport.ReconcileKeyMax

// reconcileKeyOf returns the key a create will carry: ReconcileKey, or the
// caller's own "latampay_key" metadata entry, or a fresh one. A given key
// is checked; an entry that differs from ReconcileKey is refused.
func reconcileKeyOf(key string, md map[string]string) (string, error) {
	return transport.ReconcileKeyIn("digitalfemsa", key, md)
}

// reconcile walks k's list for the object carrying key, created on or
// after since − ReconcileClockSkew. of reads an object's key and creation
// time. The walk stops early at an object older than the window only once
// the pages have shown themselves newest first (no creation time above the
// one before it, and at least one at or below it); DigitalFemsa does not
// document the order, so a list seen in any other order is read to its
// end.
func reconcile[T any](ctx context.Context, c *conn, k kind[T], op, key string, since time.Time, of func(*T) (string, time.Time)) (*T, error) {
	if err := transport.CheckReconcileKey("digitalfemsa", "key", key, maxReconcileKey); err != nil {
		return nil, err
	}
	if err := transport.CheckReconcileSince("digitalfemsa", since, time.Now()); err != nil {
		return nil, err
	}
	from := since.Add(-ReconcileClockSkew)
	// newestFirst stays true while no creation time has gone up; seen says
	// one has gone down (or stayed), so the order is shown, not assumed.
	newestFirst, seen := true, false
	var prev time.Time
	for v, err := range all(ctx, c, k, &ListParams{Limit: MaxListLimit}) {
		if err != nil {
			return nil, fmt.Errorf("digitalfemsa: %s.reconcile: %w", op, err)
		}
		got, created := of(v)
		if got == key {
			return v, nil
		}
		if created.IsZero() {
			continue
		}
		if !prev.IsZero() {
			if created.After(prev) {
				newestFirst = false
			} else {
				seen = true
			}
		}
		prev = created
		if newestFirst && seen && created.Before(from) {
			break
		}
	}
	return nil, fmt.Errorf("digitalfemsa: %s.reconcile: nothing carries key %s since %s: %w", op, key, from.UTC().Format(time.RFC3339), ErrNotFound)
}
