package fakeapi

import (
	"encoding/json"
	"fmt"
)

// As decodes v, a fake's own wire object, into a new T (the provider
// package's type) through JSON, as the SDK decodes an answer: the typed
// state the fakes' inspection methods return. A fake builds its objects
// itself, so one that does not decode is a bug of the fake; As panics,
// in the test that looked, rather than hand back less than the fake holds.
func As[T any](v any) *T {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("fakeapi: encoding a fake's own %T: %v", v, err))
	}
	out := new(T)
	if err := json.Unmarshal(b, out); err != nil {
		panic(fmt.Sprintf("fakeapi: a fake's own object does not decode as %T: %v", out, err))
	}
	return out
}

// AsAll is As for each of vs, in order.
func AsAll[T, W any](vs []W) []*T {
	out := make([]*T, 0, len(vs))
	for _, v := range vs {
		out = append(out, As[T](v))
	}
	return out
}

// AsOne is As for a lookup's result: (nil, false) when ok is false.
func AsOne[T, W any](v W, ok bool) (*T, bool) {
	if !ok {
		return nil, false
	}
	return As[T](v), true
}
