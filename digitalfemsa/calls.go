package digitalfemsa

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// This file holds the plumbing of the resources that complete the API
// (charges, checkouts, payment sources, fiscal entities, shipping contacts,
// order lines, webhooks, transactions, transfers, logs, and the order and
// event actions). API-key and company administration (/api_keys,
// /companies) are left out on purpose: they manage the merchant account
// itself, not payments, and an SDK handed a payments key should not be able
// to mint or revoke keys.

// errNoClientOps is the error of every call on a nil service or on a
// Client that NewClient did not make.
var errNoClientOps = fmt.Errorf("digitalfemsa: %w", transport.ErrNoClient)

// doer sends requests: the transport client, or a value that wraps it.
type doer interface {
	Do(ctx context.Context, req *transport.Request, out any) (*transport.Response, error)
}

// missing reports a doer that is nil or holds a nil pointer: the service
// of a Client that NewClient did not make.
func missing(d doer) bool {
	if d == nil {
		return true
	}
	v := reflect.ValueOf(d)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// paramError is a refusal of the caller's input, before any I/O.
func paramError(field, reason string) error {
	return transport.NewParamError("digitalfemsa", field, reason)
}

// escapeID checks and escapes an id that goes into a path: "", "." and
// ".." would change the path the request goes to.
func escapeID(field, id string) (string, error) {
	return transport.PathID("digitalfemsa", field, id)
}

// escapeIDs escapes field/id pairs, the first problem winning.
func escapeIDs(pairs ...string) ([]string, error) {
	out := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		e, err := escapeID(pairs[i], pairs[i+1])
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// opsReady is the first check of every method: a nil service, or one of a
// Client that NewClient did not make, fails before anything else.
func opsReady(d doer) error {
	if missing(d) {
		return errNoClientOps
	}
	return nil
}

// callObject sends req and decodes the object it answers into a new T.
// ident returns the decoded id and object name: a 2xx without an id, or
// naming another kind of object than want (a charge where an order was
// asked for), is malformed — and for a request that is never repeated the
// outcome is then unknown. want lists the accepted names separated by "|"
// ("" accepts any); an answer without an object name is accepted.
func callObject[T any](ctx context.Context, c doer, req *transport.Request, want string, ident func(*T) (id, object string)) (*T, error) {
	if missing(c) {
		return nil, errNoClientOps
	}
	var out T
	resp, err := c.Do(ctx, req, &out)
	if err != nil {
		return nil, err
	}
	id, obj := ident(&out)
	if id == "" {
		return nil, resp.MalformedFor(req, errors.New("the object has no id"))
	}
	if want != "" && obj != "" && !strings.Contains("|"+want+"|", "|"+obj+"|") {
		return nil, resp.MalformedFor(req, fmt.Errorf("answered a %q object where a %q was expected", obj, want))
	}
	return &out, nil
}

// checkList is the check every list runs on its paging params.
func checkList(p *ListParams) error {
	if p == nil {
		return nil
	}
	if p.Limit < 0 || p.Limit > MaxListLimit {
		return paramError("Limit", fmt.Sprintf("must be 0 (API default) or 1 to %d, got %d", MaxListLimit, p.Limit))
	}
	if p.Next != "" && p.Previous != "" {
		return paramError("Next", "cannot be combined with Previous")
	}
	return nil
}

// fetchPage fetches one page of path with query q (a struct with url tags
// whose paging fields are limit, next and previous).
func fetchPage[T any](ctx context.Context, c *transport.Client, path string, q any, limit int, idOf func(*T) string) (*Page[T], error) {
	return fetchPageOf(ctx, c, path, q, limit, idOf, false)
}

// fetchPageOf is fetchPage; nullData accepts "data": null as an empty page,
// for the one list the API documents that way (logs).
func fetchPageOf[T any](ctx context.Context, c doer, path string, q any, limit int, idOf func(*T) string, nullData bool) (*Page[T], error) {
	if missing(c) {
		return nil, errNoClientOps
	}
	var w listWire[T]
	resp, err := c.Do(ctx, &transport.Request{Method: "GET", Path: path, Query: q}, &w)
	if err != nil {
		return nil, err
	}
	// A list always carries its data array; without it (or with a null
	// item) the answer is no list, and an empty page would be a lie.
	if w.Data == nil && !nullData {
		return nil, resp.Malformed(errors.New(`no "data" array in a list`))
	}
	for _, it := range w.Data {
		if it == nil {
			return nil, resp.Malformed(errors.New(`a null item in "data"`))
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
		pg.Next = idOf(w.Data[len(w.Data)-1])
	}
	return pg, nil
}

// walkPages walks every page forward; query builds the query of the page
// after cursor ("" for the first page) from a copy of the caller's params.
func walkPages[T any](ctx context.Context, c *transport.Client, path string, limit int, query func(cursor string) any, idOf func(*T) string) iter.Seq2[*T, error] {
	return transport.CursorPages(ctx, limit, func(ctx context.Context, cursor string) (transport.Page[T], error) {
		pg, err := fetchPage(ctx, c, path, query(cursor), limit, idOf)
		if err != nil {
			return transport.Page[T]{}, err
		}
		return transport.Page[T]{Items: pg.Data, Next: pg.Next, More: pg.HasMore}, nil
	})
}

// failedWalk is a walk that yields err once: params refused before I/O.
func failedWalk[T any](err error) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) { yield(nil, err) }
}

// listCopy returns a copy of p (the zero value for nil), with the cursor
// of a walk in place of the caller's own.
func listCopy(p *ListParams, cursor string) ListParams {
	var q ListParams
	if p != nil {
		q = *p
	}
	if cursor != "" {
		q.Next, q.Previous = cursor, ""
	}
	return q
}

// limitOf is p's page size (0 when p is nil).
func limitOf(p *ListParams) int {
	if p == nil {
		return 0
	}
	return p.Limit
}

// copyStrings returns a copy of s (nil when empty), so a request never
// aliases the caller's slice.
func copyStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}

// unixPtr is t in Unix seconds, nil for the zero time.
func unixPtr(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	v := t.Unix()
	return &v
}

// The package's shared checks, with every refusal named "digitalfemsa: ".
func opsLen(field, s string, min, max int) error { return reprefix(checkLen(field, s, min, max)) }
func opsMetadata(field string, m map[string]string) error {
	return reprefix(checkMetadata(field, m))
}
func opsEmail(field, email string) error  { return reprefix(checkEmail(field, email)) }
func opsCurrency(field, cur string) error { return reprefix(checkCurrency(field, cur)) }

func reprefix(err error) error {
	var pe *transport.ParamError
	if errors.As(err, &pe) {
		return paramError(pe.Field, pe.Reason)
	}
	return err
}
