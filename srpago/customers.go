package srpago

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/validate"
)

// CustomersService creates and manages customers (cus_…), the owners of
// saved cards. Its methods on a nil service return an error matching
// ErrNoClient.
type CustomersService service

// CustomerService is the old name of CustomersService.
//
// Deprecated: use CustomersService.
type CustomerService = CustomersService

// CustomerParams creates or updates a customer.
type CustomerParams struct {
	// Name is required on Create.
	Name string
	// Email is required on Create and must be a plain address.
	Email string
	// Metadata is free-form and stored on the customer.
	Metadata map[string]string
}

// Customer is a Sr. Pago customer.
type Customer struct {
	// ID is the customer id, "cus_…".
	ID string
	// Name is the customer's name.
	Name string
	// Email is the customer's e-mail address.
	Email string
	// Active arrives as 1 on create and as true elsewhere.
	Active bool
	// CreatedAt is date_create.
	CreatedAt Time
	// Cards are the saved cards (detail responses only).
	Cards []*SavedCard
	// Sources are other payment sources, e.g. SPEI accounts.
	Sources []*Source
	// Metadata is what was stored on the customer.
	Metadata Metadata
	// DeactivatedCards counts cards removed from the customer.
	DeactivatedCards int
}

// Source is a non-card payment source of a customer (a SPEI CLABE).
type Source struct {
	// ID is Sr. Pago's id of the source.
	ID string `json:"id"`
	// Type is the kind of source, as Sr. Pago names it.
	Type string `json:"type"`
	// Name is the account holder's name.
	Name string `json:"name"`
	// CLABE is the 18-digit interbank account number.
	CLABE string `json:"clabe"`
	// Reference is the payment reference for transfers to the source.
	Reference string `json:"reference"`
	// BankName is the bank that holds the account.
	BankName string `json:"bank_name"`
}

type wireCustomer struct {
	ID               flexString   `json:"id"`
	Name             string       `json:"name"`
	Email            string       `json:"email"`
	Active           flexBool     `json:"active"`
	DateCreate       Time         `json:"date_create"`
	Cards            []*SavedCard `json:"cards"`
	Sources          []*Source    `json:"sources"`
	Metadata         Metadata     `json:"metadata"`
	DeactivatedCards flexInt      `json:"deactivated_cards"`
}

// UnmarshalJSON decodes the API's customer object (active as 1 or true).
func (c *Customer) UnmarshalJSON(b []byte) error {
	var w wireCustomer
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = Customer{ID: string(w.ID), Name: w.Name, Email: w.Email, Active: bool(w.Active),
		CreatedAt: w.DateCreate, Cards: w.Cards, Sources: w.Sources, Metadata: w.Metadata,
		DeactivatedCards: int(w.DeactivatedCards)}
	return nil
}

type customerBody struct {
	Name     string            `json:"name,omitempty"`
	Email    string            `json:"email,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// Validate reports what Create refuses before any I/O: a nil params, an
// empty Name, an empty or invalid Email. Update runs validateUpdate
// instead, which needs only one field set.
func (p *CustomerParams) Validate() error { return validateCustomer(p, true) }

func validateCustomer(p *CustomerParams, create bool) error {
	if p == nil {
		return invalidParams("CustomerParams", "is nil")
	}
	if create && p.Name == "" {
		return invalidParams("Name", "is required")
	}
	if create && p.Email == "" {
		return invalidParams("Email", "is required")
	}
	if p.Email != "" {
		if !validate.Email(p.Email) {
			return invalidParams("Email", "is not a valid e-mail address")
		}
	}
	if !create && p.Name == "" && p.Email == "" && len(p.Metadata) == 0 {
		return invalidParams("CustomerParams", "sets nothing")
	}
	return nil
}

// Create creates a customer: POST /v1/customer.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/creacion-de-cliente
func (s *CustomersService) Create(ctx context.Context, p *CustomerParams) (*Customer, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return call[Customer](ctx, c, &transport.Request{Method: http.MethodPost, Path: "/v1/customer",
		Body: customerBody{Name: p.Name, Email: p.Email, Metadata: p.Metadata}})
}

// customerPath is /v1/customer/{id}, the id checked and escaped.
func customerPath(id string) (string, error) {
	id, err := pathID("id", id)
	return "/v1/customer/" + id, err
}

// Get fetches a customer with its cards: GET /v1/customer/{id}. An
// unknown id is an error matching ErrNotFound.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/customer-detail
func (s *CustomersService) Get(ctx context.Context, id string) (*Customer, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	path, err := customerPath(id)
	if err != nil {
		return nil, err
	}
	return call[Customer](ctx, c, &transport.Request{Method: http.MethodGet, Path: path})
}

// Update changes the fields that are set (at least one): PUT
// /v1/customer/{id}.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/actualizacion-de-cliente/
func (s *CustomersService) Update(ctx context.Context, id string, p *CustomerParams) (*Customer, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	path, err := customerPath(id)
	if err != nil {
		return nil, err
	}
	if err := validateCustomer(p, false); err != nil {
		return nil, err
	}
	return call[Customer](ctx, c, &transport.Request{Method: http.MethodPut, Path: path,
		Body: customerBody{Name: p.Name, Email: p.Email, Metadata: p.Metadata}})
}

// Delete deletes a customer: DELETE /v1/customer/{id}. Sr. Pago documents
// no page for it; its SDK and integrations use it.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/creacion-de-cliente
func (s *CustomersService) Delete(ctx context.Context, id string) error {
	c, err := (*service)(s).client()
	if err != nil {
		return err
	}
	path, err := customerPath(id)
	if err != nil {
		return err
	}
	return c.send(ctx, &transport.Request{Method: http.MethodDelete, Path: path})
}

// CustomerListParams pages the customer list (limit/offset).
type CustomerListParams struct {
	// Limit is the page size; 0 lets the API choose.
	Limit int
	// Offset skips that many customers.
	Offset int
}

// CustomerList is one page of customers.
type CustomerList struct {
	// Data are the customers of this page.
	Data []*Customer
	// HasMore says whether a further page may exist: false after an empty
	// page, a page shorter or longer than a non-zero Limit, or a page that
	// reaches the API's total. With Limit 0 and no total in the answer,
	// every non-empty page reports true (the API's page size is unknown);
	// the page after the last one comes back empty. All stops where
	// HasMore is false, and also, with an error matching
	// ErrMalformedResponse, when a page repeats the previous one.
	HasMore bool
	// Total is the API's count of customers, when it sends one.
	Total int
}

// Validate reports what List refuses before any I/O: a negative Limit or
// Offset.
func (p *CustomerListParams) Validate() error {
	if p == nil {
		return nil
	}
	_, err := pageQuery(p.Limit, p.Offset)
	return err
}

func pageQuery(limit, offset int) (url.Values, error) {
	if limit < 0 {
		return nil, invalidParams("Limit", "must not be negative")
	}
	if offset < 0 {
		return nil, invalidParams("Offset", "must not be negative")
	}
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if offset > 0 {
		q.Set("offset", strconv.Itoa(offset))
	}
	return q, nil
}

// list is a list result: an array, or an object holding the array under
// one of "customers", "operations", "cards" or "data" (looked for in that
// order) beside an optional total.
type list[T any] struct {
	items []*T
	total int // -1 when not sent
	// The payment list's totals, kept raw in the same pass (the other
	// lists send none).
	sales, transferences, commissions json.RawMessage
}

// errNoList: an object result with none of those keys is not an empty list
// but an answer the SDK cannot read; reading it as "nothing there" would
// mislead a reconciliation.
var errNoList = errors.New(`no list in the result (none of "customers", "operations", "cards", "data")`)

// UnmarshalJSON reads either shape in one pass; an object without a list
// (or with a null one) is an error, which the transport reports as a
// malformed response.
func (l *list[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	l.total = -1
	if len(b) > 0 && b[0] == '[' {
		return json.Unmarshal(b, &l.items)
	}
	var obj struct {
		Customers  *[]*T    `json:"customers"`
		Operations *[]*T    `json:"operations"`
		Cards      *[]*T    `json:"cards"`
		Data       *[]*T    `json:"data"`
		Total      *flexInt `json:"total"`

		Sales         json.RawMessage `json:"sales"`
		Transferences json.RawMessage `json:"transferences"`
		Commissions   json.RawMessage `json:"commissions"`
	}
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	// In that order.
	found := obj.Customers
	for _, v := range []*[]*T{obj.Operations, obj.Cards, obj.Data} {
		if found == nil {
			found = v
		}
	}
	if found == nil {
		return errNoList
	}
	l.items = *found
	l.sales, l.transferences, l.commissions = obj.Sales, obj.Transferences, obj.Commissions
	if obj.Total != nil {
		l.total = int(*obj.Total)
	}
	return nil
}

// operations converts a decoded page of wire operations: the list decodes
// wireOperation directly, so that no operation's bytes are read twice.
func operations(items []*wireOperation) []*Operation {
	out := make([]*Operation, len(items))
	for i, w := range items {
		if w != nil {
			out[i] = w.operation()
		}
	}
	return out
}

// walkOffsets is the All of an offset list whose filters are q (or qerr,
// the check that refused them): checked and encoded once, then one page at
// a time from offset start, each page fetched by page at its offset.
func walkOffsets[T any](ctx context.Context, s *service, limit, start int, key func(*T) string, q url.Values, qerr error,
	page func(ctx context.Context, c *Client, query string, offset int) ([]*T, bool, error)) iter.Seq2[*T, error] {
	w, werr := walkQuery(q, qerr)
	return transport.OffsetPages(ctx, limit, key, func(ctx context.Context, offset int) (transport.Page[T], error) {
		c, err := s.client()
		if err == nil {
			err = werr
		}
		if err != nil {
			return transport.Page[T]{}, err
		}
		at := start + offset
		items, more, err := page(ctx, c, pageAt(w, at), at)
		if err != nil {
			return transport.Page[T]{}, err
		}
		return transport.Page[T]{Items: items, More: more}, nil
	})
}

// walkQuery is the query of a walk whose first page's query is q (or err,
// the check that refused the params): checked and encoded once, a page
// then adds its offset (pageAt).
func walkQuery(q url.Values, err error) (transport.WalkQuery, error) {
	if err != nil {
		return transport.WalkQuery{}, err
	}
	return transport.NewWalkQuery(q, "offset")
}

// pageAt is the raw query of the page at offset, sent only when positive
// (as pageQuery does).
func pageAt(w transport.WalkQuery, offset int) string {
	if offset <= 0 {
		return w.Page()
	}
	return w.Page("offset", strconv.Itoa(offset))
}

// more decides HasMore from a page as the All walkers (transport.OffsetPages)
// decide to stop: an empty page ends the list, and so do a page shorter
// than a non-zero limit, a page longer than it (the API ignored the limit
// and sent everything: transport.HasMore) and a positive total reached (a
// total of 0 is not trusted: the API sends it beside non-empty lists).
// Without a limit and without a total the API's page size is unknown, so
// any non-empty page may have a successor.
func more(n, limit, offset, total int) bool {
	return transport.HasMore(n, limit, !(total > 0 && offset+n >= total))
}

// List returns one page of customers: GET /v1/customer?limit=&offset=.
// Sr. Pago documents no page for it (its PHP SDK calls it), so its shape
// is a guess: the result may be an array or an object {"total",
// "customers"}; both are read. An object holding no list is an error
// matching ErrMalformedResponse, never an empty page.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/creacion-de-cliente
func (s *CustomersService) List(ctx context.Context, p *CustomerListParams) (*CustomerList, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if p == nil {
		p = &CustomerListParams{}
	}
	q, err := pageQuery(p.Limit, p.Offset)
	if err != nil {
		return nil, err
	}
	return customerPage(ctx, c, q, p.Limit, p.Offset)
}

// customerPage fetches the page of customers query asks for: limit and
// offset are its paging values.
func customerPage(ctx context.Context, c *Client, query any, limit, offset int) (*CustomerList, error) {
	l, err := call[list[Customer]](ctx, c, &transport.Request{Method: http.MethodGet, Path: "/v1/customer", Query: query})
	if err != nil {
		return nil, err
	}
	return &CustomerList{Data: l.items, Total: max(l.total, 0), HasMore: more(len(l.items), limit, offset, l.total)}, nil
}

// All walks every customer from p.Offset on, one page of p.Limit at a time
// (GET /v1/customer, as List). A page that repeats the previous one ends
// the walk with an error matching ErrMalformedResponse.
func (s *CustomersService) All(ctx context.Context, p *CustomerListParams) iter.Seq2[*Customer, error] {
	var base CustomerListParams
	if p != nil {
		base = *p
	}
	q, qerr := pageQuery(base.Limit, base.Offset)
	return walkOffsets(ctx, (*service)(s), base.Limit, base.Offset, func(c *Customer) string { return c.ID }, q, qerr,
		func(ctx context.Context, c *Client, query string, offset int) ([]*Customer, bool, error) {
			page, err := customerPage(ctx, c, query, base.Limit, offset)
			if err != nil {
				return nil, false, err
			}
			return page.Data, page.HasMore, nil
		})
}
