package fakeapi

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"sync"
)

// Store keeps a fake's objects of one kind in insertion order. It is safe
// for concurrent use; Get and List return the stored pointers, so callers
// change objects only inside Update.
type Store[T any] struct {
	mu    sync.Mutex
	order []string
	items map[string]*T
}

// NewStore returns an empty store.
func NewStore[T any]() *Store[T] { return &Store[T]{items: map[string]*T{}} }

// Put stores v under id, replacing any previous value.
func (s *Store[T]) Put(id string, v *T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.items[id]; !ok {
		s.order = append(s.order, id)
	}
	s.items[id] = v
}

// Get returns the object stored under id.
func (s *Store[T]) Get(id string) (*T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.items[id]
	return v, ok
}

// Update runs fn on the object under id while holding the store's lock.
// It reports whether the object exists.
func (s *Store[T]) Update(id string, fn func(*T) error) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.items[id]
	if !ok {
		return false, nil
	}
	return true, fn(v)
}

// Delete removes id and reports whether it was there.
func (s *Store[T]) Delete(id string) bool {
	_, ok := s.Remove(id)
	return ok
}

// Remove deletes id and returns a copy of what was stored, in one step, so
// a handler can answer with the deleted object.
func (s *Store[T]) Remove(id string) (T, bool) {
	v, ok, _ := s.removeIf(id, nil, func(v *T) T { return *v })
	return v, ok
}

// removeIf removes id when check (nil passes) accepts the object, all
// under the lock, and returns a copy of what was removed. It reports
// whether id was there; check's error leaves the object in place.
func (s *Store[T]) removeIf(id string, check func(*T) error, cp func(*T) T) (T, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var zero T
	v, ok := s.items[id]
	if !ok {
		return zero, false, nil
	}
	if check != nil {
		if err := check(v); err != nil {
			return zero, true, err
		}
	}
	out := cp(v)
	delete(s.items, id)
	s.order = slices.DeleteFunc(s.order, func(o string) bool { return o == id })
	return out, true, nil
}

// Snapshot returns a copy of the object stored under id, taken under the
// store's lock, safe to encode while other requests change the original.
func (s *Store[T]) Snapshot(id string) (T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.items[id]
	if !ok {
		var zero T
		return zero, false
	}
	return *v, true
}

// Len counts the stored objects.
func (s *Store[T]) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// List returns the objects that keep passes, in insertion order (nil keep
// passes all).
func (s *Store[T]) List(keep func(*T) bool) []*T {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*T, 0, len(s.order))
	for _, id := range s.order {
		if v := s.items[id]; keep == nil || keep(v) {
			out = append(out, v)
		}
	}
	return out
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// NewHex returns n random bytes as 2n hex digits (Mongo-style ids: n=12).
func NewHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// NewDigits returns n random decimal digits, the first not 0 (references,
// authorization codes, numeric order ids).
func NewDigits(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	if n > 0 && b[0] == '0' {
		b[0] = '1'
	}
	return string(b)
}

// NewID returns prefix followed by n random letters and digits, the shape of
// most providers' ids ("chr_test_" + 16).
func NewID(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return prefix + string(b)
}
