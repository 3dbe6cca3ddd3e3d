package culqi

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Order states.
const (
	OrderCreated = "created" // no payment code yet
	OrderPending = "pending" // confirmed: payment_code (CIP) issued
	OrderPaid    = "paid"
	OrderExpired = "expired"
	OrderDeleted = "deleted"
)

// Order is an order (ord_…): a PagoEfectivo CIP, a wallet QR or a Cuotéalo
// financing. Its timestamps are sent in seconds, not milliseconds.
type Order struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	Amount int64  `json:"amount"`
	// PaymentCode is the CIP, set once the order is confirmed.
	PaymentCode  string `json:"payment_code"`
	CurrencyCode string `json:"currency_code"`
	Description  string `json:"description"`
	OrderNumber  string `json:"order_number"`
	// State is OrderCreated, OrderPending, OrderPaid, OrderExpired or OrderDeleted.
	State          string      `json:"state"`
	TotalFee       *int64      `json:"total_fee"`
	NetAmount      *int64      `json:"net_amount"`
	FeeDetails     *FeeDetails `json:"fee_details"`
	CreationDate   Time        `json:"creation_date"`
	ExpirationDate Time        `json:"expiration_date"`
	UpdatedAt      Time        `json:"updated_at"`
	PaidAt         Time        `json:"paid_at"`
	AvailableOn    Time        `json:"available_on"`
	Metadata       Metadata    `json:"metadata"`
	// QR is a base64 QR image for wallet payments, when present.
	QR string `json:"qr,omitempty"`
	// Cuotealo is the Cuotéalo redirect URL, when present.
	Cuotealo string `json:"cuotealo,omitempty"`
}

// ClientDetails identifies the payer of an order.
type ClientDetails struct {
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Email       string `json:"email"`
	PhoneNumber string `json:"phone_number"`
}

// OrderParams creates an order.
type OrderParams struct {
	// Amount in céntimos/cents, positive.
	Amount       int64
	CurrencyCode string
	// Description, 5 to 80 characters.
	Description string
	// OrderNumber is the merchant's unique number, up to 36 characters.
	OrderNumber string
	// ExpirationDate must be in the future; sent as Unix seconds.
	ExpirationDate time.Time
	ClientDetails  ClientDetails
	// Confirm false creates the order in state "created" without a CIP.
	// Nil sends nothing (Culqi's default, confirmed at once).
	Confirm  *bool
	Metadata map[string]string
}

type orderBody struct {
	Amount         int64             `json:"amount"`
	CurrencyCode   string            `json:"currency_code"`
	Description    string            `json:"description"`
	OrderNumber    string            `json:"order_number"`
	ExpirationDate int64             `json:"expiration_date"`
	ClientDetails  ClientDetails     `json:"client_details"`
	Confirm        *bool             `json:"confirm,omitempty"`
	Metadata       map[string]string `json:"metadata,omitempty"`
}

// OrderUpdateParams updates an order's expiration and/or metadata.
type OrderUpdateParams struct {
	// ExpirationDate, when set, must be later than the current one.
	ExpirationDate time.Time
	Metadata       map[string]string
}

type orderUpdateBody struct {
	ExpirationDate int64             `json:"expiration_date,omitempty"`
	Metadata       map[string]string `json:"metadata,omitempty"`
}

// OrderConfirmParams confirms an order for chosen payment types.
type OrderConfirmParams struct {
	OrderID string `json:"order_id"`
	// OrderTypes, e.g. "cip", "cuotealo".
	OrderTypes []string `json:"order_types"`
}

// OrderListParams filters Orders.List; zero values are not sent.
type OrderListParams struct {
	Limit            int       `url:"limit,omitempty"`
	Before           string    `url:"before,omitempty"`
	After            string    `url:"after,omitempty"`
	Amount           int64     `url:"amount,omitempty"`
	MinAmount        int64     `url:"min_amount,omitempty"`
	MaxAmount        int64     `url:"max_amount,omitempty"`
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	CreationDateTo   time.Time `url:"creation_date_to,unix,omitempty"`
	State            string    `url:"state,omitempty"`
}

// OrderService is the /v2/orders API.
type OrderService struct{ c *Client }

// Create creates an order.
func (s *OrderService) Create(ctx context.Context, p *OrderParams) (*Order, error) {
	if p == nil {
		return nil, transport.InvalidParams("OrderParams", "is nil")
	}
	cd := p.ClientDetails
	for _, err := range []error{
		checkAmount("Amount", p.Amount),
		checkCurrency("CurrencyCode", p.CurrencyCode),
		checkLen("Description", p.Description, 5, 80, true),
		checkLen("OrderNumber", p.OrderNumber, 1, 36, true),
		checkLen("ClientDetails.FirstName", cd.FirstName, 1, 50, true),
		checkLen("ClientDetails.LastName", cd.LastName, 1, 50, true),
		checkEmail("ClientDetails.Email", cd.Email, true),
		checkLen("ClientDetails.PhoneNumber", cd.PhoneNumber, 1, 15, true),
		checkMetadata(p.Metadata),
	} {
		if err != nil {
			return nil, err
		}
	}
	if !p.ExpirationDate.After(s.c.now()) {
		return nil, transport.InvalidParams("ExpirationDate", "must be in the future")
	}
	out := new(Order)
	_, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/orders", Body: orderBody{
		Amount: p.Amount, CurrencyCode: p.CurrencyCode, Description: p.Description, OrderNumber: p.OrderNumber,
		ExpirationDate: p.ExpirationDate.Unix(), ClientDetails: cd, Confirm: p.Confirm, Metadata: p.Metadata}}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Confirm confirms an order created with Confirm false: it moves to
// "pending" with a PaymentCode. It is sent with the public key
// (WithPublicKey; ErrInvalidParams without it) and never retried once it
// may have reached Culqi.
func (s *OrderService) Confirm(ctx context.Context, id string) (*Order, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	if err := s.c.requirePublicKey(); err != nil {
		return nil, err
	}
	out := new(Order)
	if _, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: path("orders", id, "confirm"),
		Auth: s.c.publicAuth.Authenticator, MovesMoney: true}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ConfirmTypes confirms an order for specific payment types
// (POST /v2/orders/confirm, public key).
func (s *OrderService) ConfirmTypes(ctx context.Context, p *OrderConfirmParams) (*Order, error) {
	if p == nil {
		return nil, transport.InvalidParams("OrderConfirmParams", "is nil")
	}
	if p.OrderID == "" {
		return nil, transport.InvalidParams("OrderID", "is required")
	}
	if len(p.OrderTypes) == 0 {
		return nil, transport.InvalidParams("OrderTypes", "is required")
	}
	if err := s.c.requirePublicKey(); err != nil {
		return nil, err
	}
	out := new(Order)
	if _, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/orders/confirm", Body: p,
		Auth: s.c.publicAuth.Authenticator, MovesMoney: true}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches an order.
func (s *OrderService) Get(ctx context.Context, id string) (*Order, error) {
	return get[Order](ctx, s.c, "id", id, "orders")
}

// Update changes an order's expiration date and/or metadata.
func (s *OrderService) Update(ctx context.Context, id string, p *OrderUpdateParams) (*Order, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, transport.InvalidParams("OrderUpdateParams", "is nil")
	}
	if p.ExpirationDate.IsZero() && p.Metadata == nil {
		return nil, transport.InvalidParams("OrderUpdateParams", "sets nothing")
	}
	var b orderUpdateBody
	if !p.ExpirationDate.IsZero() {
		if !p.ExpirationDate.After(s.c.now()) {
			return nil, transport.InvalidParams("ExpirationDate", "must be in the future")
		}
		b.ExpirationDate = p.ExpirationDate.Unix()
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	b.Metadata = p.Metadata
	out := new(Order)
	if _, err := s.c.do(ctx, &transport.Request{Method: http.MethodPatch, Path: path("orders", id), Body: b,
		Idempotent: true}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes an order in state created or pending (HTTP 204).
func (s *OrderService) Delete(ctx context.Context, id string) error {
	_, err := del(ctx, s.c, "id", id, "orders")
	return err
}

// List fetches one page of orders. Nil params list without filters.
func (s *OrderService) List(ctx context.Context, p *OrderListParams) (*Page[Order], error) {
	var q OrderListParams
	if p != nil {
		q = *p
	}
	return list[Order](ctx, s.c, "/v2/orders", &q, q.Limit)
}

// All walks every order matching p, fetching pages lazily.
func (s *OrderService) All(ctx context.Context, p *OrderListParams) iter.Seq2[*Order, error] {
	var q OrderListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, func(ctx context.Context, after string) (*Page[Order], error) {
		qq := q
		if after != "" {
			qq.After, qq.Before = after, ""
		}
		return s.List(ctx, &qq)
	})
}
