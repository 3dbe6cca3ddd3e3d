package culqi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/validate"
)

// Currencies Culqi accepts.
const (
	CurrencyPEN = "PEN" // Peruvian sol
	CurrencyUSD = "USD" // US dollar
)

// MetadataParams is the body of the metadata-only updates (tokens, charges,
// refunds, cards). Culqi adds or replaces the keys sent.
type MetadataParams struct {
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
}

// Validate applies Culqi's metadata limits, the check Update runs before
// any I/O.
func (p *MetadataParams) Validate() error {
	if p == nil {
		return invalidParams("MetadataParams", "is nil")
	}
	return checkMetadata(p.Metadata)
}

type metadataBody struct {
	Metadata map[string]string `json:"metadata"`
}

// DeleteResult is Culqi's answer to a delete: {id, deleted, merchant_message}.
type DeleteResult struct {
	// ID is the deleted object's id.
	ID string `json:"id"`
	// Deleted is always true on a result: an answer saying false is an error.
	Deleted bool `json:"deleted"`
	// MerchantMessage is Culqi's confirmation (Spanish); empty after a 204.
	MerchantMessage string `json:"merchant_message"`
}

// Paging is the paging block of a Culqi list.
type Paging struct {
	// Previous is the URL of the page of newer objects.
	Previous string `json:"previous"`
	// Next is the URL of the page of older objects. Culqi leaves it set on
	// the last page, so it is never used to decide whether more pages exist.
	Next string `json:"next"`
	// Cursors holds the page's edge ids.
	Cursors Cursors `json:"cursors"`
	// RemainingItems counts the items beyond this page; nil when Culqi sent null.
	RemainingItems *int `json:"remaining_items"`
}

// Cursors are the page's edge ids (as observed on Culqi's lists: results come
// newest first).
type Cursors struct {
	// Before is the page's first (newest) id: pass it as Before to get the
	// page of newer objects.
	Before string `json:"before"`
	// After is the page's last (oldest) id: pass it as After to get the
	// page of older objects.
	After string `json:"after"`
}

// Page is one page of a list.
type Page[T any] struct {
	// Data holds the page's items, newest first.
	Data []*T `json:"data"`
	// Paging is Culqi's paging block.
	Paging Paging `json:"paging"`
	// HasMore says whether another page lies in the direction of travel:
	// older objects (after cursor) unless the params set Before, newer
	// ones (before cursor) when they do. It is false when the page is
	// empty, shorter than a non-zero Limit, has no cursor that way, or —
	// toward older objects — remaining_items is 0.
	HasMore bool `json:"-"`
}

func (p *Page[T]) hasData() bool { return p.Data != nil }

// more is Culqi's own "there is more" signal. remaining_items was only
// ever observed on pages walked toward older objects, so it is not
// trusted in the other direction.
func (p *Page[T]) more(newer bool) bool {
	if newer {
		return p.Paging.Cursors.Before != ""
	}
	return p.Paging.Cursors.After != "" && (p.Paging.RemainingItems == nil || *p.Paging.RemainingItems > 0)
}

// AuthenticationRequiredError is returned with the decoded object when
// Culqi answers a charge or card creation with HTTP 200 and action_code
// REVIEW (3-D Secure required). It matches ErrAuthenticationRequired.
type AuthenticationRequiredError struct {
	// ActionCode is Culqi's action_code, "REVIEW".
	ActionCode string
	// RequestID is the X-Culqi-Tracking-Id header.
	RequestID string
}

// Error implements error.
func (e *AuthenticationRequiredError) Error() string {
	msg := ErrAuthenticationRequired.Error()
	if e.ActionCode != "" && e.ActionCode != ActionCodeReview {
		msg += " (action_code " + e.ActionCode + ")"
	}
	if e.RequestID != "" {
		msg += " [tracking id " + e.RequestID + "]"
	}
	return msg
}

// Is makes errors.Is(err, ErrAuthenticationRequired) hold.
func (e *AuthenticationRequiredError) Is(target error) bool {
	return target == ErrAuthenticationRequired
}

// ActionCodeReview is the action_code of a 3-D Secure challenge.
const ActionCodeReview = "REVIEW"

// Authentication3DS carries what the Culqi 3DS browser library returns, for
// the second charge or card creation request after a REVIEW answer.
type Authentication3DS struct {
	// ECI is the electronic commerce indicator of the authentication.
	ECI string `json:"eci,omitempty"`
	// XID is the 3-D Secure 1 transaction id.
	XID string `json:"xid,omitempty"`
	// CAVV is the cardholder authentication verification value.
	CAVV string `json:"cavv,omitempty"`
	// ProtocolVersion is the 3-D Secure version used ("2.1.0").
	ProtocolVersion string `json:"protocolVersion,omitempty"`
	// DirectoryServerTransactionID is the 3-D Secure 2 directory server's id.
	DirectoryServerTransactionID string `json:"directoryServerTransactionId,omitempty"`
}

// ReconcileMetadataKey is the metadata key under which Charges.Create,
// Refunds.Create and Orders.Create store the call's reconciliation key
// (ReconcileKey), where Reconcile looks for it.
const ReconcileMetadataKey = transport.ReconcileMetadataKey

// ReconcileClockSkew is how much earlier than its since a Reconcile
// searches: Culqi's clock may lag the caller's.
const ReconcileClockSkew = transport.ReconcileClockSkew

// reconcileKeyMax is the longest ReconcileKey accepted: the family's 64
// characters. Culqi keeps metadata values of up to 200 characters, so no
// accepted key is cut.
const reconcileKeyMax = transport.ReconcileKeyMax

// checkReconcileKey validates a create's ReconcileKey against its
// metadata: the key itself, a metadata entry under ReconcileMetadataKey
// that says otherwise, and room for the key among Culqi's 20 metadata keys.
func checkReconcileKey(key string, md map[string]string) error {
	if err := transport.CheckReconcileMetadata("culqi", key, md); err != nil {
		return err
	}
	if _, ok := md[ReconcileMetadataKey]; !ok && len(md) >= 20 {
		return invalidParams("Metadata", "at most 19 keys: the reconciliation key ("+ReconcileMetadataKey+") takes the 20th")
	}
	return nil
}

// reconcileMetadata returns the call's key (ReconcileKey, else the one in
// the metadata, else a new one) and a copy of md that carries it; the
// caller's map is never changed.
func reconcileMetadata(key string, md map[string]string) (string, map[string]string, error) {
	key, err := transport.ReconcileKeyIn("culqi", key, md)
	if err != nil {
		return "", nil, err
	}
	return key, transport.WithReconcileKey(md, key), nil
}

// reconcile finds the object created with key since since: it walks the
// objects created from since less ReconcileClockSkew (all asks
// Culqi to filter on creation_date_from and walks newest first) and
// matches the key in their metadata. It stops at the first object older
// than the window, in case Culqi ignored the filter. what names the
// objects in the not-found error.
func reconcile[T any](ctx context.Context, c *Client, what, key string, since time.Time,
	all func(from time.Time) iter.Seq2[*T, error], fields func(*T) (Metadata, time.Time)) (*T, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if err := transport.CheckReconcileKey("culqi", "key", key, reconcileKeyMax); err != nil {
		return nil, err
	}
	if err := transport.CheckReconcileSince("culqi", since, c.clock()); err != nil {
		return nil, err
	}
	// Culqi's filter takes whole seconds: round down, never past a match.
	from := since.Add(-ReconcileClockSkew).Truncate(time.Second)
	for x, err := range all(from) {
		if err != nil {
			return nil, err
		}
		md, created := fields(x)
		if md[ReconcileMetadataKey] == key {
			return x, nil
		}
		if !created.IsZero() && created.Before(from) {
			break
		}
	}
	return nil, fmt.Errorf("culqi: no %s created since %s carries reconciliation key %q: %w",
		what, from.UTC().Format(time.RFC3339), key, ErrNotFound)
}

// checkLimit validates a list's page size.
func checkLimit(limit int) error {
	if limit < 0 || limit > 100 {
		return invalidParamsf("Limit", "must be between 1 and 100 (0 = Culqi's default of 50), got %d", limit)
	}
	return nil
}

// checkMetadata applies Culqi's metadata limits.
func checkMetadata(m map[string]string) error {
	if len(m) > 20 {
		return invalidParamsf("Metadata", "at most 20 keys, got %d", len(m))
	}
	for k, v := range m {
		if k == "" {
			return invalidParams("Metadata", "empty key")
		}
		if n := utf8.RuneCountInString(k); n > 30 {
			return invalidParamsf("Metadata", "key of %d characters (at most 30)", n)
		}
		if n := utf8.RuneCountInString(v); n > 200 {
			return invalidParamsf("Metadata", "value of %d characters under a key (at most 200)", n)
		}
	}
	return nil
}

func checkLen(field, v string, min, max int, required bool) error {
	n := utf8.RuneCountInString(v)
	if n == 0 {
		if required {
			return invalidParams(field, "is required")
		}
		return nil
	}
	if n < min || n > max {
		return invalidParamsf(field, "must be %d to %d characters, got %d", min, max, n)
	}
	return nil
}

func checkEmail(field, v string, required bool) error {
	if err := checkLen(field, v, 5, 50, required); err != nil {
		return err
	}
	if v != "" && !validate.Email(v) {
		return invalidParams(field, "is not an email address")
	}
	return nil
}

func checkCurrency(field, v string) error {
	if v != CurrencyPEN && v != CurrencyUSD {
		return invalidParamsf(field, "must be %q or %q", CurrencyPEN, CurrencyUSD)
	}
	return nil
}

func checkAmount(field string, v int64) error {
	if v <= 0 {
		return invalidParams(field, "must be positive (in céntimos/cents)")
	}
	return nil
}

// objectPath is /v2/<segs…>/<id>, the id checked and escaped by PathID
// ("", "." and ".." refused before any I/O: they would change the path
// the request goes to). field names the id in the error.
func objectPath(field, id string, segs ...string) (string, error) {
	esc, err := transport.PathID("culqi", field, id)
	if err != nil {
		return "", err
	}
	return "/v2/" + strings.Join(segs, "/") + "/" + esc, nil
}

// get fetches one object.
func get[T any](ctx context.Context, c *Client, field, id string, segs ...string) (*T, error) {
	p, err := objectPath(field, id, segs...)
	if err != nil {
		return nil, err
	}
	out := new(T)
	if _, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: p}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// updateMetadata PATCHes {"metadata": …}, which may be repeated.
func updateMetadata[T any](ctx context.Context, c *Client, field, id string, p *MetadataParams, segs ...string) (*T, error) {
	pth, err := objectPath(field, id, segs...)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	m := p.Metadata
	if m == nil {
		m = map[string]string{}
	}
	out := new(T)
	_, err = c.do(ctx, &transport.Request{Method: http.MethodPatch, Path: pth,
		Body: metadataBody{Metadata: m}, Idempotent: true}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// deleteAnswer is DeleteResult with Deleted's absence visible.
type deleteAnswer struct {
	ID              string `json:"id"`
	Deleted         *bool  `json:"deleted"`
	MerchantMessage string `json:"merchant_message"`
}

// del DELETEs an object answered with {id, deleted, merchant_message}, or
// with no body (orders answer 204). Any other answer is an error: an error
// envelope (decodeError), deleted false (an *Error carrying Culqi's
// message), or a body without "deleted" (malformed).
func del(ctx context.Context, c *Client, field, id string, segs ...string) (*DeleteResult, error) {
	p, err := objectPath(field, id, segs...)
	if err != nil {
		return nil, err
	}
	resp, err := c.do(ctx, &transport.Request{Method: http.MethodDelete, Path: p}, nil)
	if err != nil {
		return nil, err
	}
	out := &DeleteResult{ID: id, Deleted: true}
	if resp.StatusCode == http.StatusNoContent || len(bytes.TrimSpace(resp.Body)) == 0 {
		return out, nil
	}
	var a deleteAnswer
	if err := json.Unmarshal(resp.Body, &a); err != nil {
		return nil, resp.Malformed(err)
	}
	switch {
	case a.Deleted == nil:
		return nil, resp.Malformed(errors.New(`no "deleted" in the answer to a delete`))
	case !*a.Deleted:
		msg := transport.Mask(a.MerchantMessage)
		if msg == "" {
			msg = "Culqi answered deleted: false"
		}
		return nil, &Error{StatusCode: resp.StatusCode, MerchantMessage: msg, RequestID: transport.Mask(resp.RequestID), Body: resp.SafeBody()}
	}
	if a.ID != "" {
		out.ID = a.ID
	}
	out.MerchantMessage = a.MerchantMessage
	return out, nil
}

// list fetches one page. newer says the params set Before, so that the
// page's HasMore looks toward newer objects.
func list[T any](ctx context.Context, c *Client, p string, query any, limit int, newer bool) (*Page[T], error) {
	if err := checkLimit(limit); err != nil {
		return nil, err
	}
	return fetchPage[T](ctx, c, p, query, limit, newer)
}

// fetchPage is list once the limit is checked.
func fetchPage[T any](ctx context.Context, c *Client, p string, query any, limit int, newer bool) (*Page[T], error) {
	out := new(Page[T])
	resp, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: p, Query: query}, out)
	if err != nil {
		return nil, err
	}
	// Culqi sends "data": [] on an empty list: a page without it (null, {})
	// is not a list, and reading it as empty would tell a reconciliation
	// that nothing exists.
	if out.Data == nil {
		return nil, resp.Malformed(errors.New(`no "data" array in a list`))
	}
	for _, item := range out.Data {
		if item == nil {
			return nil, resp.Malformed(errors.New(`a null item in "data"`))
		}
	}
	out.HasMore = transport.HasMore(len(out.Data), limit, out.more(newer))
	return out, nil
}

// pageCursor says where All's next page starts; the zero value keeps the
// caller's own After and Before for the first page.
type pageCursor struct {
	id    string
	newer bool
}

// query is the raw query of the page pc starts: the walk's filters with
// the caller's own After and Before on the first page, then Before when
// walking toward newer objects, After otherwise (Culqi uses only Before
// when both are sent).
func (pc pageCursor) query(w transport.WalkQuery, after, before string) string {
	switch {
	case pc.id == "":
		return w.Page("after", after, "before", before)
	case pc.newer:
		return w.Page("before", pc.id)
	default:
		return w.Page("after", pc.id)
	}
}

// walk turns a page fetcher into a lazy iterator over every item. Without
// Before it follows paging.cursors.after, toward older objects. With Before
// set (newer), the first page holds objects newer than Before, so it
// follows paging.cursors.before — Culqi's previous link — toward newer ones
// still: following after from there would come back over Before and on
// into the older objects the caller excluded.
func walk[T any](ctx context.Context, limit int, newer bool, fetch func(ctx context.Context, pc pageCursor) (*Page[T], error)) iter.Seq2[*T, error] {
	return transport.CursorPages(ctx, limit, func(ctx context.Context, cursor string) (transport.Page[T], error) {
		p, err := fetch(ctx, pageCursor{id: cursor, newer: newer})
		if err != nil {
			return transport.Page[T]{}, err
		}
		next := p.Paging.Cursors.After
		if newer {
			next = p.Paging.Cursors.Before
		}
		return transport.Page[T]{Items: p.Data, Next: next, More: p.more(newer)}, nil
	})
}

// walkList is the All of the list at path p: q, the params of its first
// page (a struct with `url` tags), is checked and encoded once for the
// whole walk, and each later page sends those filters with its cursor.
func walkList[T any](ctx context.Context, c *Client, p string, q any, limit int, after, before string) iter.Seq2[*T, error] {
	newer := before != ""
	lerr := checkLimit(limit)
	var w transport.WalkQuery
	var qerr error
	if lerr == nil {
		if w, qerr = transport.NewWalkQuery(q, "after", "before"); qerr != nil {
			qerr = fmt.Errorf("culqi: encoding the GET %s query: %w", p, qerr)
		}
	}
	return walk(ctx, limit, newer, func(ctx context.Context, pc pageCursor) (*Page[T], error) {
		if lerr != nil {
			return nil, lerr
		}
		if qerr != nil {
			// As a List would fail: a missing client first.
			if err := c.ready(); err != nil {
				return nil, err
			}
			return nil, qerr
		}
		return fetchPage[T](ctx, c, p, pc.query(w, after, before), limit, newer)
	})
}

// ListParams are the paging parameters every list accepts.
type ListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id (the previous page); All
	// then walks toward newer objects. Culqi ignores After when it is set.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
}

// Validate runs the check the lists of LegacyPlans, LegacySubscriptions, Iins and Transfers make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *ListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}
