package transport

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A create's key and the caller's own metadata entry are checked together:
// each must be a valid key, and they must agree when both are set.
func TestCheckReconcileMetadata(t *testing.T) {
	t.Parallel()
	entry := `Metadata["` + ReconcileMetadataKey + `"]`
	for name, tc := range map[string]struct {
		key   string
		md    map[string]string
		field string // "" when valid
	}{
		"neither":             {},
		"key only":            {key: "order-1"},
		"entry only":          {md: map[string]string{ReconcileMetadataKey: "order-1"}},
		"both, equal":         {key: "order-1", md: map[string]string{ReconcileMetadataKey: "order-1"}},
		"both, different":     {key: "order-1", md: map[string]string{ReconcileMetadataKey: "order-2"}, field: "ReconcileKey"},
		"bad key":             {key: "order 1", field: "ReconcileKey"},
		"bad entry":           {md: map[string]string{ReconcileMetadataKey: "order 1"}, field: entry},
		"other metadata only": {md: map[string]string{"note": "x y z"}},
	} {
		err := CheckReconcileMetadata("p", tc.key, tc.md)
		if tc.field == "" {
			assert.NoError(t, err, name)
			continue
		}
		var pe *ParamError
		require.ErrorAs(t, err, &pe, name)
		assert.Equal(t, tc.field, pe.Field, name)
	}
}

// The key a create carries: ReconcileKey, else the caller's entry, else a
// fresh one; the caller's map is never changed.
func TestReconcileKeyIn(t *testing.T) {
	t.Parallel()
	md := map[string]string{ReconcileMetadataKey: "from-metadata", "note": "kept"}
	key, err := ReconcileKeyIn("p", "", md)
	require.NoError(t, err)
	assert.Equal(t, "from-metadata", key)
	key, err = ReconcileKeyIn("p", "from-metadata", md)
	require.NoError(t, err)
	assert.Equal(t, "from-metadata", key)
	_, err = ReconcileKeyIn("p", "other", md)
	assert.ErrorIs(t, err, ErrInvalidParams)
	fresh, err := ReconcileKeyIn("p", "", nil)
	require.NoError(t, err)
	assert.NoError(t, CheckReconcileKey("p", "k", fresh, ReconcileKeyMax), "a fresh key is a valid one")

	out := WithReconcileKey(map[string]string{"note": "kept"}, "k1")
	assert.Equal(t, map[string]string{"note": "kept", ReconcileMetadataKey: "k1"}, out)
	in := map[string]string{"note": "kept"}
	_ = WithReconcileKey(in, "k2")
	assert.Equal(t, map[string]string{"note": "kept"}, in, "the caller's map is not changed")
}
