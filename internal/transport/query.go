package transport

import (
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/google/go-querystring/query"
)

// WalkQuery is a list's query for a whole walk: the filters are encoded
// once, and each page adds only its paging values. A page's query is the
// very string url.Values.Encode gives for the filters and the paging
// values together (keys sorted, values escaped), so a walk sends what
// encoding each page's params would send. The zero value has no filters.
type WalkQuery struct {
	// filters is the filters as url.Values.Encode writes them.
	filters string
	// keys are the filters' keys (unescaped, sorted as Encode sorts them),
	// starts where each key's pairs begin in filters.
	keys   []string
	starts []int
}

// NewWalkQuery encodes q once: a struct (or pointer to one) with `url`
// tags, read by go-querystring, or url.Values. The keys in pagingKeys are
// left out: each page sets its own (Page).
func NewWalkQuery(q any, pagingKeys ...string) (WalkQuery, error) {
	vals, ok := q.(url.Values)
	if !ok {
		var err error
		if vals, err = query.Values(q); err != nil {
			return WalkQuery{}, err
		}
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		if !slices.Contains(pagingKeys, k) && len(vals[k]) > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	w := WalkQuery{keys: keys, starts: make([]int, len(keys))}
	var b strings.Builder
	for i, k := range keys {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		w.starts[i] = b.Len()
		ek := url.QueryEscape(k)
		for j, v := range vals[k] {
			if j > 0 {
				b.WriteByte('&')
			}
			b.WriteString(ek)
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	w.filters = b.String()
	return w, nil
}

// pagePair is one paging value of Page, escaped.
type pagePair struct{ key, ek, ev string }

// Page returns the raw query of one page: the filters with the key/value
// pairs of kv (key, value, key, value...) whose value is not empty, as
// url.Values.Encode would write them all. Its keys should be among the
// pagingKeys given to NewWalkQuery; a trailing key without a value is
// ignored.
func (w WalkQuery) Page(kv ...string) string {
	// A page carries one or two paging values: they stay on the stack.
	var local [4]pagePair
	pairs := local[:0]
	size := len(w.filters)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		p := pagePair{key: kv[i], ek: url.QueryEscape(kv[i]), ev: url.QueryEscape(kv[i+1])}
		size += len(p.ek) + len(p.ev) + 2
		// Insertion sort, stable: pairs are few.
		pairs = append(pairs, p)
		for j := len(pairs) - 1; j > 0 && pairs[j].key < pairs[j-1].key; j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	if len(pairs) == 0 {
		return w.filters
	}
	var b strings.Builder
	b.Grow(size)
	next := 0 // the first filter key not yet written
	for _, p := range pairs {
		end := next
		for end < len(w.keys) && w.keys[end] <= p.key {
			end++
		}
		if end > next {
			w.writeKeys(&b, next, end)
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.ek)
		b.WriteByte('=')
		b.WriteString(p.ev)
		next = end
	}
	if next < len(w.keys) {
		w.writeKeys(&b, next, len(w.keys))
	}
	return b.String()
}

// writeKeys writes the pairs of the filter keys from to to (excluded).
func (w WalkQuery) writeKeys(b *strings.Builder, from, to int) {
	end := len(w.filters)
	if to < len(w.keys) {
		end = w.starts[to] - 1 // the '&' before key to
	}
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(w.filters[w.starts[from]:end])
}
