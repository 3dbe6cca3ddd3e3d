package transport

import (
	"context"
	"fmt"
	"iter"
)

// Page is one page of a list, as a provider package reads it.
type Page[T any] struct {
	Items []*T
	// Next is the cursor of the following page (cursor-style APIs).
	Next string
	// More is the provider's own "there is more" signal.
	More bool
}

// CursorPages walks a cursor-paged list lazily: fetch is called with "" for
// the first page, then with each page's Next. It stops on an error (yielded
// once), when the loop breaks, when a page is empty, shorter or longer than
// a non-zero limit, or says there is no more. A provider whose cursor does
// not advance, or comes back to an earlier page, ends the walk with an
// error matching ErrMalformedResponse (a walk that just stopped would read
// as "that is all", and a reconciliation would conclude "not found").
// Memory stays constant: one page and two cursors at a time.
func CursorPages[T any](ctx context.Context, limit int, fetch func(ctx context.Context, cursor string) (Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		cursor := ""
		var cycle cycleCheck
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			page, err := fetch(ctx, cursor)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
			if lastPage(len(page.Items), limit, page.More) || page.Next == "" {
				return
			}
			if page.Next == cursor || cycle.repeats(page.Next) {
				yield(nil, fmt.Errorf("%w: the list's next cursor leads back to a page already read", ErrMalformedResponse))
				return
			}
			cursor = page.Next
		}
	}
}

// OffsetPages walks a limit/offset list lazily: fetch is called with offset
// 0, then with the count of items seen so far. It stops as CursorPages does
// (lastPage). key names an item: a page that starts with the same item as
// an earlier page means the provider ignored the offset or wrapped around
// to the start of the list, which would repeat pages forever, so the walk
// ends with an error matching ErrMalformedResponse: at once for a page
// that starts again with the walk's first item, within about twice the
// loop for any other repeat (constant memory). key may be nil.
func OffsetPages[T any](ctx context.Context, limit int, key func(*T) string, fetch func(ctx context.Context, offset int) (Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		offset := 0
		var cycle cycleCheck
		var start string // the walk's first item: a wrap back to it ends the walk at once
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			page, err := fetch(ctx, offset)
			if err != nil {
				yield(nil, err)
				return
			}
			if key != nil && len(page.Items) > 0 {
				if first := key(page.Items[0]); first != "" {
					wrapped := start != "" && first == start
					if start == "" {
						start = first
					}
					if wrapped || cycle.repeats(first) {
						yield(nil, fmt.Errorf("%w: the page at offset %d repeats an earlier one (offset ignored or the list wrapped)", ErrMalformedResponse, offset))
						return
					}
				}
			}
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
			if lastPage(len(page.Items), limit, page.More) {
				return
			}
			offset += len(page.Items)
		}
	}
}

// cycleCheck finds a repeat in a sequence of page marks (cursors, first
// items) in constant memory, with Brent's algorithm: it keeps one earlier
// mark and moves it forward at powers of two, so a cycle of any length
// is found within about twice its length, and the page right after the
// first (the commonest loop: a provider ignoring the cursor) at once.
type cycleCheck struct {
	saved      string
	has        bool
	power, lam int
}

// repeats records mark and reports whether it equals the saved one.
func (c *cycleCheck) repeats(mark string) bool {
	if c.has && mark == c.saved {
		return true
	}
	if c.power == 0 {
		c.power = 1
	}
	if !c.has || c.lam == c.power {
		c.saved, c.has = mark, true
		c.power *= 2
		c.lam = 0
	}
	c.lam++
	return false
}

// lastPage: providers are not trusted to say when a list ends (Culqi keeps a
// next link on its last page), so an empty or short page ends it too, and
// so does one longer than the limit asked for (the provider ignored the
// limit and answered the whole list).
func lastPage(n, limit int, more bool) bool {
	return n == 0 || (limit > 0 && n != limit) || !more
}

// HasMore computes a List result's HasMore the same way the walkers decide
// to stop.
func HasMore(n, limit int, more bool) bool { return !lastPage(n, limit, more) }
