package fakeapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

type asWire struct {
	ID     string `json:"id"`
	Amount int64  `json:"amount"`
}

// The typed state is the wire object as the SDK would decode it; one that
// does not decode is a fake's bug and panics instead of being dropped.
func TestAs(t *testing.T) {
	t.Parallel()
	assert.Equal(t, &asWire{ID: "a", Amount: 5}, As[asWire](map[string]any{"id": "a", "amount": 5, "extra": true}))
	assert.Equal(t, []*asWire{{ID: "a"}, {ID: "b"}}, AsAll[asWire]([]map[string]any{{"id": "a"}, {"id": "b"}}))
	assert.Empty(t, AsAll[asWire]([]map[string]any(nil)))
	got, ok := AsOne[asWire](map[string]any{"id": "c"}, true)
	assert.True(t, ok)
	assert.Equal(t, "c", got.ID)
	got, ok = AsOne[asWire](map[string]any{"id": "c"}, false)
	assert.False(t, ok)
	assert.Nil(t, got)
	func() {
		defer func() {
			assert.Contains(t, recover(), "fakeapi: a fake's own object does not decode as *fakeapi.asWire")
		}()
		As[asWire](map[string]any{"amount": "five"})
		t.Error("no panic")
	}()
	assert.Panics(t, func() { As[asWire](func() {}) }, "a value JSON cannot encode")
}
