package digitalfemsa

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/latampay/latampay-go/internal/transport"
)

// MaxListLimit is the largest page DigitalFemsa serves.
const MaxListLimit = 250

// ListParams selects one page of any DigitalFemsa list. A nil *ListParams
// asks for the first page with the API's default size (20).
type ListParams struct {
	// Limit is the page size, 1 to 250; 0 leaves the API default (20).
	Limit int `url:"limit,omitempty"`
	// Next is a cursor (the id of the last item of the previous page): the
	// page after it.
	Next string `url:"next,omitempty"`
	// Previous is a cursor: the page before it.
	Previous string `url:"previous,omitempty"`
	// Search is free text matched by the API (email, reference, id, ...).
	Search string `url:"search,omitempty"`
}

// Validate checks the params as List and All do before any I/O: Limit 0 to
// MaxListLimit, and not both Next and Previous. A nil *ListParams is valid.
func (p *ListParams) Validate() error {
	if p == nil {
		return nil
	}
	if p.Limit < 0 || p.Limit > MaxListLimit {
		return invalidParamsf("Limit", "must be 0 (API default) or 1 to %d, got %d", MaxListLimit, p.Limit)
	}
	if p.Next != "" && p.Previous != "" {
		return invalidParams("Next", "cannot be combined with Previous")
	}
	return nil
}

// kind describes one resource type for the generic helpers: its list path,
// its "object" discriminator, and how to read its id and object.
type kind[T any] struct {
	path string
	// object is the "object" an answer must carry when it carries one;
	// several accepted names are separated by "|".
	object string
	id     func(*T) string
	obj    func(*T) string
	// child says the operations on it declare X-Child-Company-Id.
	child bool
	// nullData accepts a list whose "data" is null as an empty page: the
	// one list the API documents that way (logs).
	nullData bool
	// pageObject is the "object" a page may carry besides "list" ("|"
	// separates several); empty allows "list" alone.
	pageObject string
}

// at is k listed at path: a nested list (an order's discount lines, a
// customer's payment sources).
func (k kind[T]) at(path string) kind[T] {
	k.path = path
	return k
}

// check is the doObject check of k: an id, and the right "object".
func (k kind[T]) check(v *T) error { return checkObject(k.id(v), k.obj(v), k.object) }

// header is the per-request header of an operation on k.
func (k kind[T]) header(c *conn) http.Header {
	if !k.child {
		return nil
	}
	return c.childHeader()
}

// Page is one page of a list.
type Page[T any] struct {
	// Data holds the page's items.
	Data []*T
	// HasMore reports whether another page follows. It is false when the
	// API says so, or when the page is empty or shorter than a non-zero
	// Limit.
	HasMore bool
	// Next is the cursor of the following page (ListParams.Next), read
	// from the query of the API's next_page_url; empty when there is none.
	Next string
	// Previous is the cursor of the page before (ListParams.Previous).
	Previous string
	// NextPageURL and PreviousPageURL are the URLs as the API sent them.
	// The SDK never requests them: it only reads their cursors.
	NextPageURL, PreviousPageURL string
}

type listWire[T any] struct {
	Object          string `json:"object"`
	HasMore         bool   `json:"has_more"`
	NextPageURL     string `json:"next_page_url"`
	PreviousPageURL string `json:"previous_page_url"`
	Data            []*T   `json:"data"`
}

// cursorFrom reads the value of key from the query of a page URL. The host
// of the URL is ignored on purpose: DigitalFemsa has sent URLs that point at
// a staging host.
func cursorFrom(raw, key string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Query().Get(key)
}

// list fetches one page of k.path.
func list[T any](ctx context.Context, c *conn, k kind[T], p *ListParams) (*Page[T], error) {
	return listQuery(ctx, c, k, p, nil)
}

// listQuery is list for a list with filters besides paging: query builds
// the request's query from the page's paging params (nil sends those
// alone). The caller's params are never changed.
func listQuery[T any](ctx context.Context, c *conn, k kind[T], p *ListParams, query func(ListParams) any) (*Page[T], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var q ListParams
	if p != nil {
		q = *p
	}
	var qv any = &q
	if query != nil {
		qv = query(q)
	}
	return fetchPage(ctx, c, k, qv, q.Limit)
}

// fetchPage is listQuery once the params are checked: qv is the request's
// query, limit the page size asked for.
func fetchPage[T any](ctx context.Context, c *conn, k kind[T], qv any, limit int) (*Page[T], error) {
	var w listWire[T]
	resp, err := c.Do(ctx, &transport.Request{Method: "GET", Path: k.path, Query: qv, Header: k.header(c)}, &w)
	if err != nil {
		return nil, err
	}
	// The list object always carries its "data" array ([] when empty). An
	// answer without it ({}, "data": null, another shape) is no list, and
	// reading it as an empty page would tell a reconciliation (the
	// ErrOutcomeUnknown advice) that the payout order does not exist.
	if w.Data == nil && !k.nullData {
		return nil, resp.Malformed(errors.New(`no "data" array in a list`))
	}
	if w.Object != "" && w.Object != "list" && (k.pageObject == "" || checkObject("-", w.Object, k.pageObject) != nil) {
		return nil, resp.Malformed(fmt.Errorf("got a %q object where a list was expected", transport.Mask(w.Object)))
	}
	// Nor is a null entry an item: dropping it would hide one the same way;
	// and an item of another kind is not one of the list's.
	for i, it := range w.Data {
		if it == nil {
			return nil, resp.Malformed(errors.New(`a null item in "data"`))
		}
		if err := k.check(it); err != nil {
			return nil, resp.Malformed(fmt.Errorf("data[%d]: %w", i, err))
		}
	}
	pg := &Page[T]{
		Data:            w.Data,
		HasMore:         transport.HasMore(len(w.Data), limit, w.HasMore),
		Next:            cursorFrom(w.NextPageURL, "next"),
		Previous:        cursorFrom(w.PreviousPageURL, "previous"),
		NextPageURL:     w.NextPageURL,
		PreviousPageURL: w.PreviousPageURL,
	}
	if pg.HasMore && pg.Next == "" && len(w.Data) > 0 {
		// The cursor is documented as the last id of the page.
		pg.Next = k.id(w.Data[len(w.Data)-1])
	}
	return pg, nil
}

// all walks every page forward from p (p's own Next, if set, is the start).
func all[T any](ctx context.Context, c *conn, k kind[T], p *ListParams) iter.Seq2[*T, error] {
	return allQuery(ctx, c, k, p, nil)
}

// allQuery is all for a list with filters besides paging (listQuery).
// The params are checked and encoded once for the whole walk: a page
// after the first changes only its cursor.
func allQuery[T any](ctx context.Context, c *conn, k kind[T], p *ListParams, query func(ListParams) any) iter.Seq2[*T, error] {
	var base ListParams
	if p != nil {
		base = *p
	}
	var w transport.WalkQuery
	werr := base.Validate()
	if werr == nil {
		var qv any = &base
		if query != nil {
			qv = query(base)
		}
		if w, werr = transport.NewWalkQuery(qv, "next", "previous"); werr != nil {
			werr = fmt.Errorf("digitalfemsa: encoding the GET %s query: %w", k.path, werr)
		}
	}
	return transport.CursorPages(ctx, base.Limit, func(ctx context.Context, cursor string) (transport.Page[T], error) {
		if werr != nil {
			return transport.Page[T]{}, werr
		}
		var qs string
		if cursor == "" {
			qs = w.Page("next", base.Next, "previous", base.Previous)
		} else {
			qs = w.Page("next", cursor)
		}
		pg, err := fetchPage(ctx, c, k, qs, base.Limit)
		if err != nil {
			return transport.Page[T]{}, err
		}
		return transport.Page[T]{Items: pg.Data, Next: pg.Next, More: pg.HasMore}, nil
	})
}

// errSeq is an iterator that yields err once: the All of a service that
// cannot send anything (a zero Client).
func errSeq[T any](err error) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) { yield(nil, err) }
}
