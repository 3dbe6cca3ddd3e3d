package culqi

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"unicode/utf8"

	"github.com/latampay/latampay-go/internal/transport"
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

type metadataBody struct {
	Metadata map[string]string `json:"metadata"`
}

// DeleteResult is Culqi's answer to a delete: {id, deleted, merchant_message}.
type DeleteResult struct {
	ID              string `json:"id"`
	Deleted         bool   `json:"deleted"`
	MerchantMessage string `json:"merchant_message"`
}

// Paging is the paging block of a Culqi list.
type Paging struct {
	// Previous and Next are URLs; Culqi leaves Next set on the last page, so
	// it is never used to decide whether more pages exist.
	Previous string `json:"previous"`
	Next     string `json:"next"`
	// Cursors: Before is the page's first (newest) id, After its last
	// (oldest); pass After as ListParams.After to get the following page.
	Cursors Cursors `json:"cursors"`
	// RemainingItems counts the items beyond this page; nil when Culqi sent null.
	RemainingItems *int `json:"remaining_items"`
}

// Cursors are the page's edge ids.
type Cursors struct {
	Before string `json:"before"`
	After  string `json:"after"`
}

// Page is one page of a list.
type Page[T any] struct {
	// Data holds the page's items, newest first.
	Data []*T `json:"data"`
	// Paging is Culqi's paging block.
	Paging Paging `json:"paging"`
	// HasMore is false when the page is empty, shorter than a non-zero
	// Limit, has no after cursor, or remaining_items is 0.
	HasMore bool `json:"-"`
}

func (p *Page[T]) more() bool {
	return p.Paging.Cursors.After != "" && (p.Paging.RemainingItems == nil || *p.Paging.RemainingItems > 0)
}

// AuthenticationRequiredError is returned with the decoded object when
// Culqi answers a charge or card creation with HTTP 200 (3-D Secure
// required). It matches ErrAuthenticationRequired.
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
	ECI                          string `json:"eci,omitempty"`
	XID                          string `json:"xid,omitempty"`
	CAVV                         string `json:"cavv,omitempty"`
	ProtocolVersion              string `json:"protocolVersion,omitempty"`
	DirectoryServerTransactionID string `json:"directoryServerTransactionId,omitempty"`
}

// checkLimit validates a list's page size.
func checkLimit(limit int) error {
	if limit < 0 || limit > 100 {
		return transport.InvalidParamsf("Limit", "must be between 1 and 100 (0 = Culqi's default of 50), got %d", limit)
	}
	return nil
}

// checkMetadata applies Culqi's metadata limits.
func checkMetadata(m map[string]string) error {
	if len(m) > 20 {
		return transport.InvalidParamsf("Metadata", "at most 20 keys, got %d", len(m))
	}
	for k, v := range m {
		if k == "" {
			return transport.InvalidParams("Metadata", "empty key")
		}
		if n := utf8.RuneCountInString(k); n > 30 {
			return transport.InvalidParamsf("Metadata", "key of %d characters (at most 30)", n)
		}
		if n := utf8.RuneCountInString(v); n > 200 {
			return transport.InvalidParamsf("Metadata", "value of %d characters under a key (at most 200)", n)
		}
	}
	return nil
}

func checkLen(field, v string, min, max int, required bool) error {
	n := utf8.RuneCountInString(v)
	if n == 0 {
		if required {
			return transport.InvalidParams(field, "is required")
		}
		return nil
	}
	if n < min || n > max {
		return transport.InvalidParamsf(field, "must be %d to %d characters, got %d", min, max, n)
	}
	return nil
}

func checkEmail(field, v string, required bool) error {
	if err := checkLen(field, v, 5, 50, required); err != nil {
		return err
	}
	if v != "" && !validEmail(v) {
		return transport.InvalidParams(field, "is not an email address")
	}
	return nil
}

func validEmail(v string) bool {
	at := -1
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '@':
			if at >= 0 {
				return false
			}
			at = i
		case ' ', '\t', '\r', '\n':
			return false
		}
	}
	return at > 0 && at < len(v)-1
}

func checkCurrency(field, v string) error {
	if v != CurrencyPEN && v != CurrencyUSD {
		return transport.InvalidParamsf(field, "must be %q or %q", CurrencyPEN, CurrencyUSD)
	}
	return nil
}

func checkAmount(field string, v int64) error {
	if v <= 0 {
		return transport.InvalidParams(field, "must be positive (in céntimos/cents)")
	}
	return nil
}

func path(parts ...string) string {
	p := "/v2"
	for _, s := range parts {
		p += "/" + url.PathEscape(s)
	}
	return p
}

// get fetches one object.
func get[T any](ctx context.Context, c *Client, field, id string, segs ...string) (*T, error) {
	if err := transport.RequireID(field, id); err != nil {
		return nil, err
	}
	out := new(T)
	if _, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: path(append(segs, id)...)}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// updateMetadata PATCHes {"metadata": …}, which may be repeated.
func updateMetadata[T any](ctx context.Context, c *Client, field, id string, p *MetadataParams, segs ...string) (*T, error) {
	if err := transport.RequireID(field, id); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, transport.InvalidParams("MetadataParams", "is nil")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	m := p.Metadata
	if m == nil {
		m = map[string]string{}
	}
	out := new(T)
	_, err := c.do(ctx, &transport.Request{Method: http.MethodPatch, Path: path(append(segs, id)...),
		Body: metadataBody{Metadata: m}, Idempotent: true}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// del DELETEs an object answered with {id, deleted, merchant_message}.
func del(ctx context.Context, c *Client, field, id string, segs ...string) (*DeleteResult, error) {
	if err := transport.RequireID(field, id); err != nil {
		return nil, err
	}
	out := new(DeleteResult)
	resp, err := c.do(ctx, &transport.Request{Method: http.MethodDelete, Path: path(append(segs, id)...)}, nil)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusNoContent && len(resp.Body) > 0 {
		_ = json.Unmarshal(resp.Body, out)
	}
	if out.ID == "" {
		out.ID, out.Deleted = id, true
	}
	return out, nil
}

// list fetches one page.
func list[T any](ctx context.Context, c *Client, p string, query any, limit int) (*Page[T], error) {
	if err := checkLimit(limit); err != nil {
		return nil, err
	}
	out := new(Page[T])
	if _, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: p, Query: query}, out); err != nil {
		return nil, err
	}
	out.HasMore = transport.HasMore(len(out.Data), limit, out.more())
	return out, nil
}

// walk turns a page fetcher into a lazy iterator over every item.
func walk[T any](ctx context.Context, limit int, fetch func(ctx context.Context, after string) (*Page[T], error)) iter.Seq2[*T, error] {
	return transport.CursorPages(ctx, limit, func(ctx context.Context, cursor string) (transport.Page[T], error) {
		p, err := fetch(ctx, cursor)
		if err != nil {
			return transport.Page[T]{}, err
		}
		return transport.Page[T]{Items: p.Data, Next: p.Paging.Cursors.After, More: p.more()}, nil
	})
}

// ListParams are the paging parameters every list accepts.
type ListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
}
