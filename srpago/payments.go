package srpago

import (
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/latampay/latampay-go/internal/transport"
)

// PaymentsService lists the payments of one channel: web checkout
// ("Express") or stores (cash at OXXO and SPEI transfers). Its methods on a
// nil service return an error matching ErrNoClient.
type PaymentsService service

// PaymentType selects the channel of Payments.List.
type PaymentType string

// Payment types.
const (
	// TypeEcommerce lists web-checkout ("Express") operations.
	TypeEcommerce PaymentType = "ECOMMERCE"
	// TypeStore lists cash (OXXO) and SPEI operations.
	TypeStore PaymentType = "STORE"
)

// PaymentListParams selects and pages a payment list.
type PaymentListParams struct {
	// Type is TypeEcommerce or TypeStore; required.
	Type PaymentType
	// Limit is the page size; 0 lets the API choose. Sr. Pago documents
	// limit and offset for its operation list; that this list honours them
	// too is a guess (a page longer than Limit ends All).
	Limit int
	// Offset skips that many payments.
	Offset int
}

// Validate reports what List refuses before any I/O: a nil params, a Type
// other than TypeEcommerce or TypeStore, a negative Limit or Offset.
func (p *PaymentListParams) Validate() error {
	if p == nil {
		return invalidParams("PaymentListParams", "is nil")
	}
	if p.Type != TypeEcommerce && p.Type != TypeStore {
		return invalidParams("Type", `must be "ECOMMERCE" or "STORE"`)
	}
	_, err := pageQuery(p.Limit, p.Offset)
	return err
}

// PaymentList is one page of payments, with the totals Sr. Pago sends
// beside a store listing.
type PaymentList struct {
	// Data are the payments of this page: operation objects (a store
	// payment has PaymentMethod "OXX" or a SPEI one, Card.Type "OXXO"; a
	// web-checkout payment has Status "1", Balance and a checkout
	// ReceiptURL).
	Data []*Operation
	// HasMore says whether a further page may exist, decided as for
	// CustomerList.HasMore (a total of 0 is ignored: the web-checkout list
	// sends 0 beside a non-empty list).
	HasMore bool
	// Total is the API's count of payments (not reliable for web checkout).
	Total int
	// Sales is the sum of sales in centavos (store listing; 0 when absent).
	Sales int64
	// Transferences is the sum of transfers in centavos (store listing; 0
	// when absent).
	Transferences int64
	// Commissions is the sum of Sr. Pago's commissions in centavos (store
	// listing; 0 when absent).
	Commissions int64
}

// paymentList is the result object: the list and the totals.
type paymentList struct {
	list[wireOperation]
	sales, transferences, commissions int64
}

// UnmarshalJSON reads the list as list does, the totals with it (one
// pass), leniently.
func (p *paymentList) UnmarshalJSON(b []byte) error {
	if err := p.list.UnmarshalJSON(b); err != nil {
		return err
	}
	p.sales, _, _ = money(p.list.sales)
	p.transferences, _, _ = money(p.list.transferences)
	p.commissions, _, _ = money(p.list.commissions)
	return nil
}

// List returns one page of payments of a channel: GET
// /v1/payment?type=ECOMMERCE|STORE&limit=&offset=. A result holding no
// list is an error matching ErrMalformedResponse, never an empty page.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/operaciones/stores
// and https://devcenter.srpago.com/docs/referencia-api/operaciones/express
func (s *PaymentsService) List(ctx context.Context, p *PaymentListParams) (*PaymentList, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return paymentPage(ctx, c, p.query(), p.Limit, p.Offset)
}

// query is the query of p's page; p is valid.
func (p *PaymentListParams) query() url.Values {
	q, _ := pageQuery(p.Limit, p.Offset)
	q.Set("type", string(p.Type))
	return q
}

// paymentPage fetches the page of payments query asks for: limit and
// offset are its paging values.
func paymentPage(ctx context.Context, c *Client, query any, limit, offset int) (*PaymentList, error) {
	l, err := call[paymentList](ctx, c, &transport.Request{Method: http.MethodGet, Path: "/v1/payment", Query: query})
	if err != nil {
		return nil, err
	}
	return &PaymentList{Data: operations(l.items), Total: max(l.total, 0), HasMore: more(len(l.items), limit, offset, l.total),
		Sales: l.sales, Transferences: l.transferences, Commissions: l.commissions}, nil
}

// All walks every payment of the channel from p.Offset on, one page of
// p.Limit at a time (GET /v1/payment, as List). A page that repeats an
// earlier one ends the walk with an error matching ErrMalformedResponse.
func (s *PaymentsService) All(ctx context.Context, p *PaymentListParams) iter.Seq2[*Operation, error] {
	var base PaymentListParams
	if p != nil {
		base = *p
	}
	// Web-checkout payments carry no transaction id: their receipt URL
	// names them.
	key := func(o *Operation) string {
		if o.TransactionID != "" {
			return o.TransactionID
		}
		return o.ReceiptURL
	}
	var q url.Values
	qerr := base.Validate()
	if qerr == nil {
		q = base.query()
	}
	return walkOffsets(ctx, (*service)(s), base.Limit, base.Offset, key, q, qerr,
		func(ctx context.Context, c *Client, query string, offset int) ([]*Operation, bool, error) {
			page, err := paymentPage(ctx, c, query, base.Limit, offset)
			if err != nil {
				return nil, false, err
			}
			return page.Data, page.HasMore, nil
		})
}
