package transport

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type item struct{ N int }

// pages serves n items in pages of size; next is always set, as Culqi does
// on its last page.
func pages(n, size int, calls *[]string) func(context.Context, string) (Page[item], error) {
	return func(_ context.Context, cursor string) (Page[item], error) {
		*calls = append(*calls, cursor)
		start := 0
		if cursor != "" {
			fmt.Sscanf(cursor, "c%d", &start)
		}
		var p Page[item]
		for i := start; i < n && i < start+size; i++ {
			p.Items = append(p.Items, &item{N: i})
		}
		p.Next = fmt.Sprintf("c%d", start+len(p.Items))
		p.More = true
		return p, nil
	}
}

func collect(t *testing.T, seq func(func(*item, error) bool)) ([]int, error) {
	t.Helper()
	var got []int
	for it, err := range seq {
		if err != nil {
			return got, err
		}
		got = append(got, it.N)
	}
	return got, nil
}

func TestCursorPagesStopsOnShortPage(t *testing.T) {
	t.Parallel()
	var calls []string
	got, err := collect(t, CursorPages(context.Background(), 3, pages(7, 3, &calls)))
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6}, got)
	assert.Equal(t, []string{"", "c3", "c6"}, calls, "the short third page ends the walk despite its next link")
}

func TestCursorPagesStopsOnEmptyPage(t *testing.T) {
	t.Parallel()
	var calls []string
	got, err := collect(t, CursorPages(context.Background(), 3, pages(6, 3, &calls)))
	require.NoError(t, err)
	assert.Len(t, got, 6)
	assert.Equal(t, []string{"", "c3", "c6"}, calls)
}

// A cursor that does not advance would repeat a page forever; a walk that
// just stopped would read as "that is all". It ends with an error.
func TestCursorPagesFailsOnRepeatedCursor(t *testing.T) {
	t.Parallel()
	n := 0
	seq := CursorPages(context.Background(), 0, func(context.Context, string) (Page[item], error) {
		n++
		return Page[item]{Items: []*item{{N: n}}, Next: "same", More: true}, nil
	})
	got, err := collect(t, seq)
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Equal(t, []int{1, 2}, got)
}

func TestCursorPagesStopsOnBreak(t *testing.T) {
	t.Parallel()
	var calls []string
	for it, err := range CursorPages(context.Background(), 3, pages(100, 3, &calls)) {
		require.NoError(t, err)
		if it.N == 4 {
			break
		}
	}
	assert.Equal(t, []string{"", "c3"}, calls, "no page is fetched after the loop breaks")
}

func TestPagesYieldErrorOnce(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	fetches := 0
	seq := CursorPages(context.Background(), 2, func(_ context.Context, cursor string) (Page[item], error) {
		fetches++
		if cursor != "" {
			return Page[item]{}, boom
		}
		return Page[item]{Items: []*item{{1}, {2}}, Next: "x", More: true}, nil
	})
	var errs []error
	var items int
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		_ = it
		items++
	}
	assert.Equal(t, 2, items)
	assert.Equal(t, []error{boom}, errs)
	assert.Equal(t, 2, fetches)
}

func TestPagesHonourCancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls []string
	_, err := collect(t, CursorPages(ctx, 3, pages(10, 3, &calls)))
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, calls)
}

func TestOffsetPages(t *testing.T) {
	t.Parallel()
	var offsets []int
	fetch := func(_ context.Context, offset int) (Page[item], error) {
		offsets = append(offsets, offset)
		var p Page[item]
		for i := offset; i < 25 && i < offset+10; i++ {
			p.Items = append(p.Items, &item{N: i})
		}
		p.More = true // the provider never says it is done
		return p, nil
	}
	got, err := collect(t, OffsetPages(context.Background(), 10, nil, fetch))
	require.NoError(t, err)
	assert.Len(t, got, 25)
	assert.Equal(t, 24, got[24])
	assert.Equal(t, []int{0, 10, 20}, offsets)
}

// A provider that ignores the paging parameters must not make All endless.
func TestOffsetPagesIgnoredByTheProvider(t *testing.T) {
	t.Parallel()
	key := func(it *item) string { return strconv.Itoa(it.N) }
	everything := func(_ context.Context, offset int) (Page[item], error) {
		p := Page[item]{More: true}
		for i := range 30 {
			p.Items = append(p.Items, &item{N: i})
		}
		return p, nil
	}
	t.Run("limit ignored", func(t *testing.T) {
		t.Parallel()
		calls := 0
		got, err := collect(t, OffsetPages(context.Background(), 10, key, func(ctx context.Context, offset int) (Page[item], error) {
			calls++
			return everything(ctx, offset)
		}))
		require.NoError(t, err)
		assert.Len(t, got, 30, "the whole list, once")
		assert.Equal(t, 1, calls)
	})
	t.Run("offset ignored", func(t *testing.T) {
		t.Parallel()
		calls := 0
		got, err := collect(t, OffsetPages(context.Background(), 0, key, func(ctx context.Context, offset int) (Page[item], error) {
			calls++
			return everything(ctx, offset)
		}))
		assert.ErrorIs(t, err, ErrMalformedResponse)
		assert.Len(t, got, 30)
		assert.Equal(t, 2, calls)
	})
}

func TestHasMore(t *testing.T) {
	t.Parallel()
	assert.True(t, HasMore(10, 10, true))
	assert.False(t, HasMore(9, 10, true))
	assert.False(t, HasMore(0, 0, true))
	assert.False(t, HasMore(10, 10, false))
	assert.True(t, HasMore(3, 0, true))
	assert.False(t, HasMore(30, 10, true), "a page longer than the limit is the whole list")
}

func TestOffsetPagesWalksAHundredThousandItemsInOrder(t *testing.T) {
	t.Parallel()
	const total, size = 100_000, 100
	fetch := func(_ context.Context, offset int) (Page[item], error) {
		var p Page[item]
		for i := offset; i < total && i < offset+size; i++ {
			p.Items = append(p.Items, &item{N: i})
		}
		p.More = true
		return p, nil
	}
	n := 0
	for it, err := range OffsetPages(context.Background(), size, nil, fetch) {
		require.NoError(t, err)
		require.Equal(t, n, it.N)
		n++
	}
	assert.Equal(t, total, n)
}

func TestCursorPagesStopsOnACursorCycle(t *testing.T) {
	t.Parallel()
	next := map[string]string{"": "A", "A": "B", "B": "A"}
	fetches := 0
	seq := CursorPages(context.Background(), 0, func(_ context.Context, cursor string) (Page[item], error) {
		fetches++
		return Page[item]{Items: []*item{{N: fetches}}, Next: next[cursor], More: true}, nil
	})
	got, err := collect(t, seq)
	require.ErrorIs(t, err, ErrMalformedResponse, "a cycle is an error, not the end of the list")
	assert.Equal(t, []int{1, 2, 3}, got, "the pages at '', A and B, then B points back to A")
}

// Cycles of any length are found in constant memory, and soon after they
// start: a reconciliation over a looping list must fail, not conclude
// "not found".
func TestCursorPagesFindsLongCycles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ prefix, cycle int }{{0, 1}, {0, 2}, {3, 5}, {10, 37}, {100, 1000}} {
		fetches := 0
		seq := CursorPages(context.Background(), 0, func(_ context.Context, cursor string) (Page[item], error) {
			fetches++
			// Page i (1-based) points to page i+1, except the last page
			// of the cycle, which points back to its first page.
			i := fetches
			next := i + 1
			if i >= tc.prefix+tc.cycle {
				next = tc.prefix + 1 + (i-tc.prefix)%tc.cycle
			}
			return Page[item]{Items: []*item{{N: i}}, Next: fmt.Sprintf("c%d", next), More: true}, nil
		})
		got, err := collect(t, seq)
		require.ErrorIs(t, err, ErrMalformedResponse, "prefix %d cycle %d", tc.prefix, tc.cycle)
		assert.LessOrEqual(t, len(got), tc.prefix+3*tc.cycle+2, "found within a few laps (prefix %d cycle %d)", tc.prefix, tc.cycle)
	}
}

// An offset list that wraps to its start (offset past the end answered
// with the first page) ends with an error instead of looping.
func TestOffsetPagesFailsWhenTheListWraps(t *testing.T) {
	t.Parallel()
	const total, size = 7, 3
	fetches := 0
	seq := OffsetPages(context.Background(), size, func(it *item) string { return fmt.Sprint(it.N) }, func(_ context.Context, offset int) (Page[item], error) {
		fetches++
		require.Less(t, fetches, 50, "the walk must end")
		var p Page[item]
		for i := 0; i < size; i++ {
			p.Items = append(p.Items, &item{N: (offset + i) % total})
		}
		p.More = true
		return p, nil
	})
	_, err := collect(t, seq)
	require.ErrorIs(t, err, ErrMalformedResponse)
}

// A page that starts again with the walk's first item ends the walk at
// that page, without waiting for the cycle check to close the loop (with 5
// items in pages of 2, it would see pages 6 to 8 again).
func TestOffsetPagesEndsAtOnceOnAWrapToTheStart(t *testing.T) {
	t.Parallel()
	const total, size = 5, 2
	seq := OffsetPages(context.Background(), size, func(it *item) string { return fmt.Sprint(it.N) }, func(_ context.Context, offset int) (Page[item], error) {
		var p Page[item]
		for i := 0; i < size; i++ {
			p.Items = append(p.Items, &item{N: (offset + i) % total})
		}
		p.More = true
		return p, nil
	})
	got, err := collect(t, seq)
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Equal(t, []int{0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, got, "the five pages before the wrap")
}
