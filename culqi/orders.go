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
	// Object is "order".
	Object string `json:"object"`
	// ID is the order's id (ord_…).
	ID string `json:"id"`
	// Amount in céntimos/cents.
	Amount int64 `json:"amount"`
	// PaymentCode is the CIP, set once the order is confirmed.
	PaymentCode string `json:"payment_code"`
	// CurrencyCode is CurrencyPEN or CurrencyUSD.
	CurrencyCode string `json:"currency_code"`
	// Description is the one sent at creation.
	Description string `json:"description"`
	// OrderNumber is the merchant's own number for the order.
	OrderNumber string `json:"order_number"`
	// State is OrderCreated, OrderPending, OrderPaid, OrderExpired or OrderDeleted.
	State string `json:"state"`
	// TotalFee is Culqi's fee once paid; nil before.
	TotalFee *int64 `json:"total_fee"`
	// NetAmount is Amount less the fee once paid; nil before.
	NetAmount *int64 `json:"net_amount"`
	// FeeDetails breaks TotalFee down; nil before payment.
	FeeDetails *FeeDetails `json:"fee_details"`
	// CreationDate is sent in seconds.
	CreationDate Time `json:"creation_date"`
	// ExpirationDate is sent in seconds: the order cannot be paid after it.
	ExpirationDate Time `json:"expiration_date"`
	// UpdatedAt is sent in seconds.
	UpdatedAt Time `json:"updated_at"`
	// PaidAt is sent in seconds; zero until paid.
	PaidAt Time `json:"paid_at"`
	// AvailableOn is when the payment reaches the merchant; zero until known.
	AvailableOn Time `json:"available_on"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
	// QR is a base64 QR image for wallet payments, when present.
	QR string `json:"qr,omitempty"`
	// Cuotealo is the Cuotéalo redirect URL, when present.
	Cuotealo string `json:"cuotealo,omitempty"`
}

// ClientDetails identifies the payer of an order.
type ClientDetails struct {
	// FirstName of the payer, up to 50 characters.
	FirstName string `json:"first_name"`
	// LastName of the payer, up to 50 characters.
	LastName string `json:"last_name"`
	// Email of the payer, 5 to 50 characters; Culqi sends the payment code there.
	Email string `json:"email"`
	// PhoneNumber of the payer, up to 15 characters.
	PhoneNumber string `json:"phone_number"`
}

// OrderParams creates an order.
type OrderParams struct {
	// Amount in céntimos/cents, positive.
	Amount int64
	// CurrencyCode is CurrencyPEN or CurrencyUSD.
	CurrencyCode string
	// Description, 5 to 80 characters.
	Description string
	// OrderNumber is the merchant's unique number, up to 36 characters.
	OrderNumber string
	// ExpirationDate must be in the future; sent as Unix seconds.
	ExpirationDate time.Time
	// ClientDetails identifies the payer; every field is required.
	ClientDetails ClientDetails
	// Confirm false creates the order in state "created" without a CIP.
	// Nil sends nothing (Culqi's default, confirmed at once).
	Confirm *bool
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
	// ReconcileKey identifies this order for Orders.Reconcile: your own id
	// or, when empty, one the SDK generates. 1 to 64 characters from
	// A-Z a-z 0-9 . _ : -; sent in the order's metadata under
	// ReconcileMetadataKey ("latampay_key") and reported in the Key of an
	// *OutcomeUnknownError. OrderNumber must be unique at Culqi as well:
	// after an unknown outcome, Reconcile before creating the order again.
	ReconcileKey string
}

// Validate runs the checks Orders.Create makes before any I/O: a positive
// amount, PEN or USD, a description of 5–80 characters, an order number
// of up to 36, every ClientDetails field, an expiration in the future,
// Culqi's metadata limits, a valid ReconcileKey that agrees with the
// metadata.
func (p *OrderParams) Validate() error { return p.validate(time.Now()) }

func (p *OrderParams) validate(now time.Time) error {
	if p == nil {
		return invalidParams("OrderParams", "is nil")
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
		checkReconcileKey(p.ReconcileKey, p.Metadata),
	} {
		if err != nil {
			return err
		}
	}
	if !p.ExpirationDate.After(now) {
		return invalidParams("ExpirationDate", "must be in the future")
	}
	return nil
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
	// Metadata adds or replaces these keys.
	Metadata map[string]string
}

// Validate runs the checks Orders.Update makes before any I/O: something
// to set, an expiration in the future, Culqi's metadata limits.
func (p *OrderUpdateParams) Validate() error { return p.validate(time.Now()) }

func (p *OrderUpdateParams) validate(now time.Time) error {
	if p == nil {
		return invalidParams("OrderUpdateParams", "is nil")
	}
	if p.ExpirationDate.IsZero() && p.Metadata == nil {
		return invalidParams("OrderUpdateParams", "sets nothing")
	}
	if !p.ExpirationDate.IsZero() && !p.ExpirationDate.After(now) {
		return invalidParams("ExpirationDate", "must be in the future")
	}
	return checkMetadata(p.Metadata)
}

type orderUpdateBody struct {
	ExpirationDate int64             `json:"expiration_date,omitempty"`
	Metadata       map[string]string `json:"metadata,omitempty"`
}

// OrderConfirmParams confirms an order for chosen payment types.
type OrderConfirmParams struct {
	// OrderID is the order to confirm (ord_…).
	OrderID string `json:"order_id"`
	// OrderTypes, e.g. "cip", "cuotealo".
	OrderTypes []string `json:"order_types"`
}

// Validate runs the checks Orders.ConfirmTypes makes before any I/O: an
// OrderID that is not "." or "..", at least one order type.
func (p *OrderConfirmParams) Validate() error {
	if p == nil {
		return invalidParams("OrderConfirmParams", "is nil")
	}
	if _, err := transport.PathID("culqi", "OrderID", p.OrderID); err != nil {
		return err
	}
	if len(p.OrderTypes) == 0 {
		return invalidParams("OrderTypes", "is required")
	}
	return nil
}

// OrderListParams filters Orders.List; zero values are not sent.
type OrderListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id; All then walks toward newer ones.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
	// Amount keeps the orders of exactly this amount, in céntimos/cents.
	Amount int64 `url:"amount,omitempty"`
	// MinAmount keeps the orders of at least this amount.
	MinAmount int64 `url:"min_amount,omitempty"`
	// MaxAmount keeps the orders of at most this amount.
	MaxAmount int64 `url:"max_amount,omitempty"`
	// CreationDateFrom keeps objects created at or after it (sent as Unix seconds).
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	// CreationDateTo keeps objects created at or before it (sent as Unix seconds).
	CreationDateTo time.Time `url:"creation_date_to,unix,omitempty"`
	// State keeps the orders in one state (OrderPending, …).
	State string `url:"state,omitempty"`
}

// Validate runs the check Orders.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *OrderListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// OrdersService is the /v2/orders API.
type OrdersService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *OrdersService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// OrderService is the former name of OrdersService.
//
// Deprecated: use OrdersService.
type OrderService = OrdersService

// Create creates an order.
//
// Create sends POST /v2/orders.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) Create(ctx context.Context, p *OrderParams) (*Order, error) {
	if err := p.validate(s.client().clock()); err != nil {
		return nil, err
	}
	key, md, err := reconcileMetadata(p.ReconcileKey, p.Metadata)
	if err != nil {
		return nil, err
	}
	out := new(Order)
	_, err = s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/orders",
		Operation: "orders.create", ReconcileKey: key, Body: orderBody{
			Amount: p.Amount, CurrencyCode: p.CurrencyCode, Description: p.Description, OrderNumber: p.OrderNumber,
			ExpirationDate: p.ExpirationDate.Unix(), ClientDetails: p.ClientDetails, Confirm: p.Confirm, Metadata: md}}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Confirm confirms an order created with Confirm false: it moves to
// "pending" with a PaymentCode. It is sent with the public key
// (WithPublicKey; ErrInvalidParams without it) and never retried once it
// may have reached Culqi.
//
// Confirm sends POST /v2/orders/{id}/confirm.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) Confirm(ctx context.Context, id string) (*Order, error) {
	pth, err := objectPath("id", id, "orders")
	if err != nil {
		return nil, err
	}
	if err := s.client().requirePublicKey(); err != nil {
		return nil, err
	}
	out := new(Order)
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: pth + "/confirm", Operation: "orders.confirm",
		Auth: s.client().publicAuth.Authenticator, MovesMoney: true}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ConfirmTypes confirms an order for specific payment types
// (POST /v2/orders/confirm, public key).
//
// ConfirmTypes sends POST /v2/orders/confirm.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) ConfirmTypes(ctx context.Context, p *OrderConfirmParams) (*Order, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := s.client().requirePublicKey(); err != nil {
		return nil, err
	}
	out := new(Order)
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/orders/confirm", Body: p, Operation: "orders.confirmtypes",
		Auth: s.client().publicAuth.Authenticator, MovesMoney: true}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches an order.
//
// Get sends GET /v2/orders/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) Get(ctx context.Context, id string) (*Order, error) {
	return get[Order](ctx, s.client(), "id", id, "orders")
}

// Update changes an order's expiration date and/or metadata. Only a
// metadata-only update is retried after it may have reached Culqi
// (an unknown outcome of any other update matches ErrOutcomeUnknown).
//
// Update sends PATCH /v2/orders/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) Update(ctx context.Context, id string, p *OrderUpdateParams) (*Order, error) {
	pth, err := objectPath("id", id, "orders")
	if err != nil {
		return nil, err
	}
	if err := p.validate(s.client().clock()); err != nil {
		return nil, err
	}
	b := orderUpdateBody{Metadata: p.Metadata}
	if !p.ExpirationDate.IsZero() {
		b.ExpirationDate = p.ExpirationDate.Unix()
	}
	out := new(Order)
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPatch, Path: pth, Body: b,
		Idempotent: b.ExpirationDate == 0}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes an order in state created or pending (HTTP 204).
//
// Delete sends DELETE /v2/orders/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) Delete(ctx context.Context, id string) error {
	_, err := del(ctx, s.client(), "id", id, "orders")
	return err
}

// Reconcile finds the order created with the reconciliation key key (an
// OrderParams.ReconcileKey, or the Key of an *OutcomeUnknownError) by a
// call started at since (the error's SentAt). It returns the order, or an
// error matching ErrNotFound when none carries the key. It never creates
// anything.
//
// It lists orders with creation_date_from (a filter of Culqi's order list
// in its 2022 API description) set to since less ReconcileClockSkew,
// newest first, 100 a page, fetched lazily, and matches the key in each
// order's metadata; the walk also stops at the first order older than the
// window. Culqi does not document how soon an order shows in its list: on
// ErrNotFound shortly after the call, wait a minute and Reconcile again;
// once you give up, create the order anew with a NEW ReconcileKey.
//
// Reconcile sends GET /v2/orders, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) Reconcile(ctx context.Context, key string, since time.Time) (*Order, error) {
	return reconcile(ctx, s.client(), "order", key, since, func(from time.Time) iter.Seq2[*Order, error] {
		return s.All(ctx, &OrderListParams{CreationDateFrom: from, Limit: 100})
	}, func(o *Order) (Metadata, time.Time) { return o.Metadata, o.CreationDate.Time })
}

// List fetches one page of orders. Nil params list without filters.
//
// List sends GET /v2/orders.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) List(ctx context.Context, p *OrderListParams) (*Page[Order], error) {
	var q OrderListParams
	if p != nil {
		q = *p
	}
	return list[Order](ctx, s.client(), "/v2/orders", &q, q.Limit, q.Before != "")
}

// All walks every order matching p, fetching pages lazily.
//
// All sends GET /v2/orders, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Órdenes)
func (s *OrdersService) All(ctx context.Context, p *OrderListParams) iter.Seq2[*Order, error] {
	var q OrderListParams
	if p != nil {
		q = *p
	}
	return walkList[Order](ctx, s.client(), "/v2/orders", &q, q.Limit, q.After, q.Before)
}
