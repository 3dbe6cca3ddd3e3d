package transport

import (
	"net/url"
	"testing"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// walkMeta is a nested filter: go-querystring writes its fields as
// metadata[order_id], keys that need escaping.
type walkMeta struct {
	OrderID string `url:"order_id,omitempty"`
	Ref     string `url:"ref,omitempty"`
}

// countedFilter counts how often go-querystring encodes it.
type countedFilter struct{ n *int }

func (f countedFilter) EncodeValues(key string, v *url.Values) error {
	*f.n++
	v.Set(key, "x")
	return nil
}

// walkParams is a list's per-page params, shaped like the providers':
// paging keys (after, before, limit, offset) among filters that sort
// before, between and after them.
type walkParams struct {
	Limit     int       `url:"limit,omitempty"`
	After     string    `url:"after,omitempty"`
	Before    string    `url:"before,omitempty"`
	Offset    int       `url:"offset,omitempty"`
	Email     string    `url:"email,omitempty"`
	AfterDate time.Time `url:"after_date,unix,omitempty"`
	From      time.Time `url:"creation_date_from,omitempty"`
	Amount    int64     `url:"amount,omitempty"`
	Brands    []string  `url:"brand,omitempty"`
	A         string    `url:"a,omitempty"`
	Z         string    `url:"z,omitempty"`
	Metadata  *walkMeta `url:"metadata,omitempty"`
	Search    string    `url:"search,omitempty"`
}

func TestWalkQueryPageMatchesEncode(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 1, 12, 30, 0, 0, time.FixedZone("PET", -5*60*60))
	filters := []struct {
		name string
		p    walkParams
	}{
		{"none", walkParams{}},
		{"limit only", walkParams{Limit: 100}},
		{"dates", walkParams{Limit: 50, AfterDate: day, From: day}},
		{"email needing escaping", walkParams{Email: "ana+pagos@example.pe", Search: "ñandú & co=1"}},
		{"metadata", walkParams{Metadata: &walkMeta{OrderID: "ord 1/2", Ref: "r&f"}, Z: "last"}},
		{"repeated values", walkParams{Brands: []string{"Visa", "Master Card", "Amex"}, A: "first", Amount: 1000}},
		{"every filter", walkParams{Limit: 100, Email: "a@b.pe", AfterDate: day, From: day, Amount: 5,
			Brands: []string{"x", "y"}, A: "a", Z: "z", Metadata: &walkMeta{OrderID: "o"}, Search: "s"}},
	}
	pages := []struct {
		name          string
		after, before string
		offset        string
	}{
		{"first page, no cursor", "", "", ""},
		{"after", "chr_live_0001", "", ""},
		{"before", "", "chr_live_0002", ""},
		{"both", "chr_a", "chr_b", ""},
		{"cursor needing escaping", "a b&c=d/é+%", "", ""},
		{"offset", "", "", "300"},
		{"all three", "x", "y", "20"},
	}
	for _, f := range filters {
		for _, pg := range pages {
			t.Run(f.name+"/"+pg.name, func(t *testing.T) {
				t.Parallel()
				per := f.p
				per.After, per.Before = pg.after, pg.before
				if pg.offset != "" {
					per.Offset = atoi(t, pg.offset)
				}
				want, err := query.Values(&per)
				require.NoError(t, err)

				// The walk's params carry other paging values: they are
				// left out of the filters.
				walk := f.p
				walk.After, walk.Before, walk.Offset = "ignored", "ignored too", 7
				w, err := NewWalkQuery(&walk, "after", "before", "offset")
				require.NoError(t, err)
				assert.Equal(t, want.Encode(), w.Page("after", pg.after, "before", pg.before, "offset", pg.offset))
				// The order of the pairs does not matter.
				assert.Equal(t, want.Encode(), w.Page("offset", pg.offset, "before", pg.before, "after", pg.after))

				// url.Values in, the same string out.
				vals, err := query.Values(&walk)
				require.NoError(t, err)
				wv, err := NewWalkQuery(vals, "after", "before", "offset")
				require.NoError(t, err)
				assert.Equal(t, want.Encode(), wv.Page("before", pg.before, "after", pg.after, "offset", pg.offset))
			})
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, c := range s {
		require.True(t, c >= '0' && c <= '9', s)
		n = n*10 + int(c-'0')
	}
	return n
}

// TestWalkQueryKeyOrder puts paging keys at every place among the filter
// keys, keys that share a prefix included ("a" < "a_b" < "ab").
func TestWalkQueryKeyOrder(t *testing.T) {
	t.Parallel()
	filters := url.Values{"a_b": {"1"}, "m": {"2", "3"}, "y": {"4"}}
	for _, key := range []string{"a", "ab", "a_a", "a_c", "l", "n", "z", "0", "A", "m0"} {
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			w, err := NewWalkQuery(filters, key)
			require.NoError(t, err)
			want := url.Values{key: {"v"}}
			for k, v := range filters {
				want[k] = v
			}
			assert.Equal(t, want.Encode(), w.Page(key, "v"))
		})
	}
}

func TestWalkQueryEdges(t *testing.T) {
	t.Parallel()
	var zero WalkQuery
	assert.Equal(t, "", zero.Page())
	assert.Equal(t, "", zero.Page("after", ""))
	assert.Equal(t, "after=x", zero.Page("after", "x"))
	assert.Equal(t, "after=x", zero.Page("after", "x", "dangling"), "a key without a value is ignored")

	w, err := NewWalkQuery(nil)
	require.NoError(t, err)
	assert.Equal(t, "", w.Page())
	assert.Equal(t, "offset=10", w.Page("offset", "10"))

	// A key left without values writes nothing, as Encode does.
	w, err = NewWalkQuery(url.Values{"empty": {}, "k": {""}})
	require.NoError(t, err)
	assert.Equal(t, "k=", w.Page())
	assert.Equal(t, "a=1&k=", w.Page("a", "1"))

	// The caller's url.Values are not changed.
	in := url.Values{"limit": {"5"}, "after": {"c"}}
	w, err = NewWalkQuery(in, "after")
	require.NoError(t, err)
	assert.Equal(t, url.Values{"limit": {"5"}, "after": {"c"}}, in)
	assert.Equal(t, "limit=5", w.Page())

	// Neither a struct nor url.Values: go-querystring's error.
	_, err = NewWalkQuery(42)
	require.Error(t, err)
}

// TestWalkQueryEncodesOnce: go-querystring reads the params when the walk
// starts, never for a page.
func TestWalkQueryEncodesOnce(t *testing.T) {
	t.Parallel()
	n := 0
	p := struct {
		After  string        `url:"after,omitempty"`
		Filter countedFilter `url:"filter"`
	}{Filter: countedFilter{n: &n}}
	w, err := NewWalkQuery(&p, "after")
	require.NoError(t, err)
	require.Equal(t, 1, n)
	for i, cursor := range []string{"", "c1", "c2", "c3"} {
		got := w.Page("after", cursor)
		want := "filter=x"
		if cursor != "" {
			want = "after=" + cursor + "&filter=x"
		}
		assert.Equal(t, want, got, "page %d", i)
	}
	assert.Equal(t, 1, n, "a page encoded the params again")
}

// TestWalkQueryPageAllocs: a page costs its string, and nothing when it
// adds no paging value.
func TestWalkQueryPageAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	w, err := NewWalkQuery(url.Values{"limit": {"100"}, "email": {"a@b.pe"}, "creation_date_from": {"1700000000"}}, "after")
	require.NoError(t, err)
	assert.Equal(t, 0.0, testing.AllocsPerRun(100, func() { _ = w.Page("after", "") }))
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _ = w.Page("after", "chr_live_0123456789") }))
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _ = w.Page("after", "chr_live_01", "before", "x") }))
}
