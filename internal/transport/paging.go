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
// a non-zero limit, says there is no more, or gives a cursor already used.
// Memory stays constant: one page at a time.
func CursorPages[T any](ctx context.Context, limit int, fetch func(ctx context.Context, cursor string) (Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		cursor := ""
		// Every cursor used so far: a provider that cycles (A→B→A) must
		// not make the walk endless. A few bytes per page.
		seen := map[string]struct{}{}
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
			if _, again := seen[page.Next]; again || lastPage(len(page.Items), limit, page.More) || page.Next == "" || page.Next == cursor {
				return
			}
			seen[cursor] = struct{}{}
			cursor = page.Next
		}
	}
}

// OffsetPages walks a limit/offset list lazily: fetch is called with offset
// 0, then with the count of items seen so far. It stops as CursorPages does
// (lastPage). key names an item: a page
// that starts with the same item as the previous one means the provider
// ignored the offset, which would repeat that page forever, so the walk
// ends with an error matching ErrMalformedResponse. key may be nil.
func OffsetPages[T any](ctx context.Context, limit int, key func(*T) string, fetch func(ctx context.Context, offset int) (Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		offset := 0
		previousFirst := ""
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
				first := key(page.Items[0])
				if offset > 0 && first != "" && first == previousFirst {
					yield(nil, fmt.Errorf("%w: the page at offset %d repeats the previous one (offset ignored)", ErrMalformedResponse, offset))
					return
				}
				previousFirst = first
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
