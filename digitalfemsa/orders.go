package digitalfemsa

import (
	"context"
	"fmt"
	"iter"
	"math"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Payment method types of an order charge.
const (
	// PaymentMethodCash is a cash payment at a store (OXXO); the charge's
	// PaymentMethod carries the reference and barcode.
	PaymentMethodCash = "cash"
	// PaymentMethodCard is a card payment with a stored payment source
	// (ChargeParams.PaymentSourceID).
	PaymentMethodCard = "card"
)

// OrderPaymentStatus is an order's payment_status; an open set.
type OrderPaymentStatus string

// Some order payment statuses.
const (
	OrderPaymentStatusPendingPayment    OrderPaymentStatus = "pending_payment"
	OrderPaymentStatusPaid              OrderPaymentStatus = "paid"
	OrderPaymentStatusPartiallyRefunded OrderPaymentStatus = "partially_refunded"
	OrderPaymentStatusRefunded          OrderPaymentStatus = "refunded"
	OrderPaymentStatusExpired           OrderPaymentStatus = "expired"
	OrderPaymentStatusCanceled          OrderPaymentStatus = "canceled"
)

// RefundReason is the reason of a refund.
type RefundReason string

// Refund reasons the API accepts.
const (
	RefundRequestedByClient     RefundReason = "requested_by_client"
	RefundCannotBeFulfilled     RefundReason = "cannot_be_fulfilled"
	RefundDuplicatedTransaction RefundReason = "duplicated_transaction"
	RefundSuspectedFraud        RefundReason = "suspected_fraud"
	RefundOther                 RefundReason = "other"
)

// refundReasonList names the accepted reasons in validation errors.
const refundReasonList = "requested_by_client, cannot_be_fulfilled, duplicated_transaction, suspected_fraud, other"

// valid reports whether r is a reason the API accepts (a closed set).
func (r RefundReason) valid() bool {
	switch r {
	case RefundRequestedByClient, RefundCannotBeFulfilled, RefundDuplicatedTransaction, RefundSuspectedFraud, RefundOther:
		return true
	}
	return false
}

// OrderParams creates an order.
type OrderParams struct {
	// Currency is a three-letter code; empty means "MXN".
	Currency string
	// CustomerInfo names an existing customer or describes a new one.
	CustomerInfo CustomerInfo
	// LineItems holds at least one product.
	LineItems []LineItem
	// Charges pays the order (a cash reference or a card payment source).
	Charges []ChargeParams
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// OrderUpdateParams changes an order; empty fields are left unchanged, and
// at least one must be set.
type OrderUpdateParams struct {
	// Currency replaces the three-letter currency code.
	Currency string
	// CustomerInfo, when not nil, replaces the order's customer.
	CustomerInfo *CustomerInfo
	// LineItems, when not empty, replaces the products.
	LineItems []LineItem
	// Metadata replaces the metadata; at most 100 keys.
	Metadata map[string]string
}

// CustomerInfo is either CustomerID alone or Name and Email (Phone and
// Corporate optional).
type CustomerInfo struct {
	// CustomerID names an existing customer; give nothing else with it.
	CustomerID string
	// Name of a new customer (required without CustomerID).
	Name string
	// Email of a new customer (required without CustomerID): name@domain.
	Email string
	// Phone of a new customer, at most 19 characters.
	Phone string
	// Corporate marks a new customer that is a company.
	Corporate bool
}

// LineItem is one product of an order.
type LineItem struct {
	// Name is shown in the order; required.
	Name string
	// UnitPrice in cents, 0 to math.MaxInt32 (the API's int32).
	UnitPrice int64
	// Quantity is 1 to math.MaxInt32 (the API's int32).
	Quantity int
	// SKU is your stock keeping unit for the product.
	SKU string
	// Brand is the product's brand.
	Brand string
	// Description is at most 250 characters.
	Description string
	// Tags are 2 to 249 characters each.
	Tags []string
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// ChargeParams is one charge of a new order.
type ChargeParams struct {
	// Amount in cents; zero lets the API charge the order total.
	Amount int64
	// Type is PaymentMethodCash or PaymentMethodCard (another documented
	// type passes through).
	Type string
	// ExpiresAt is when a cash reference expires (optional).
	ExpiresAt time.Time
	// PaymentSourceID is the customer's stored payment source (cards).
	PaymentSourceID string
	// ReferenceID is your own reference for the charge.
	ReferenceID string
}

// RefundParams refunds (part of) a paid order.
type RefundParams struct {
	// Amount in cents, positive.
	Amount int64
	// Reason is required: one of the RefundReason constants, the only
	// values the API accepts.
	Reason RefundReason
	// ChargeID selects the charge when the order has several (optional).
	ChargeID string
	// ExpiresAt bounds a cash refund (optional).
	ExpiresAt time.Time
}

// Order is a DigitalFemsa order.
type Order struct {
	ID             string                     `json:"id"`
	Object         string                     `json:"object"`
	Livemode       bool                       `json:"livemode"`
	Amount         int64                      `json:"amount"`
	AmountRefunded int64                      `json:"amount_refunded"`
	Currency       string                     `json:"currency"`
	PaymentStatus  OrderPaymentStatus         `json:"payment_status"`
	IsRefundable   bool                       `json:"is_refundable"`
	CreatedAt      Time                       `json:"created_at"`
	UpdatedAt      Time                       `json:"updated_at"`
	CustomerInfo   OrderCustomer              `json:"customer_info"`
	Metadata       Metadata                   `json:"metadata"`
	LineItems      *NestedList[OrderLineItem] `json:"line_items"`
	Charges        *NestedList[Charge]        `json:"charges"`
}

// OrderCustomer is the customer_info of an order.
type OrderCustomer struct {
	CustomerID              string `json:"customer_id"`
	Name                    string `json:"name"`
	Email                   string `json:"email"`
	Phone                   string `json:"phone"`
	Corporate               bool   `json:"corporate"`
	CustomerCustomReference string `json:"customer_custom_reference"`
}

// OrderLineItem is a line item as the API returns it.
type OrderLineItem struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	UnitPrice   int64    `json:"unit_price"`
	Quantity    int      `json:"quantity"`
	SKU         string   `json:"sku"`
	Brand       string   `json:"brand"`
	Description string   `json:"description"`
	Tags        []string `json:"tags"`
	ParentID    string   `json:"parent_id"`
	Metadata    Metadata `json:"metadata"`
}

// Charge is a charge of an order.
type Charge struct {
	ID             string              `json:"id"`
	Object         string              `json:"object"`
	Livemode       bool                `json:"livemode"`
	Amount         int64               `json:"amount"`
	Currency       string              `json:"currency"`
	Status         string              `json:"status"`
	OrderID        string              `json:"order_id"`
	CustomerID     string              `json:"customer_id"`
	Description    string              `json:"description"`
	FailureCode    string              `json:"failure_code"`
	FailureMessage string              `json:"failure_message"`
	ReferenceID    string              `json:"reference_id"`
	CreatedAt      Time                `json:"created_at"`
	PaidAt         Time                `json:"paid_at"`
	PaymentMethod  ChargePaymentMethod `json:"payment_method"`
	Refunds        *NestedList[Refund] `json:"refunds"`
}

// ChargePaymentMethod is how a charge is paid. A cash method has
// Reference, BarcodeURL and ExpiresAt.
type ChargePaymentMethod struct {
	Object      string `json:"object"`
	Type        string `json:"type"`
	Reference   string `json:"reference"`
	BarcodeURL  string `json:"barcode_url"`
	ExpiresAt   Time   `json:"expires_at"`
	ServiceName string `json:"service_name"`
	StoreName   string `json:"store_name"`
	Last4       string `json:"last4"`
	Brand       string `json:"brand"`
}

// Refund is a refund of a charge.
type Refund struct {
	ID        string `json:"id"`
	Object    string `json:"object"`
	Amount    int64  `json:"amount"`
	Currency  string `json:"currency"`
	Status    string `json:"status"`
	Reason    string `json:"reason"`
	CreatedAt Time   `json:"created_at"`
	ExpiresAt Time   `json:"expires_at"`
}

type orderWire struct {
	Currency     string            `json:"currency,omitempty"`
	CustomerInfo *customerInfoWire `json:"customer_info,omitempty"`
	LineItems    []lineItemWire    `json:"line_items,omitempty"`
	Charges      []chargeWire      `json:"charges,omitempty"`
	Metadata     map[string]string `json:"metadata,omitempty"`
}

type customerInfoWire struct {
	CustomerID string `json:"customer_id,omitempty"`
	Name       string `json:"name,omitempty"`
	Email      string `json:"email,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Corporate  bool   `json:"corporate,omitempty"`
}

type lineItemWire struct {
	Name        string            `json:"name"`
	UnitPrice   int64             `json:"unit_price"`
	Quantity    int               `json:"quantity"`
	SKU         string            `json:"sku,omitempty"`
	Brand       string            `json:"brand,omitempty"`
	Description string            `json:"description,omitempty"`
	Tags        []string          `json:"tags,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

type chargeWire struct {
	Amount        int64             `json:"amount,omitempty"`
	PaymentMethod paymentMethodWire `json:"payment_method"`
	ReferenceID   string            `json:"reference_id,omitempty"`
}

type paymentMethodWire struct {
	Type            string `json:"type"`
	ExpiresAt       int64  `json:"expires_at,omitempty"`
	PaymentSourceID string `json:"payment_source_id,omitempty"`
}

type refundWire struct {
	Amount    int64  `json:"amount"`
	Reason    string `json:"reason"`
	ChargeID  string `json:"charge_id,omitempty"`
	ExpiresAt int64  `json:"expires_at,omitempty"`
}

func (ci *CustomerInfo) wire(field string) (*customerInfoWire, error) {
	if ci.CustomerID != "" {
		if ci.Name != "" || ci.Email != "" || ci.Phone != "" || ci.Corporate {
			return nil, invalidParams(field, "give either CustomerID or Name/Email/Phone, not both")
		}
		return &customerInfoWire{CustomerID: ci.CustomerID}, nil
	}
	if ci.Name == "" {
		return nil, invalidParams(field+".Name", "is required without CustomerID")
	}
	if ci.Email == "" {
		return nil, invalidParams(field+".Email", "is required without CustomerID")
	}
	if err := checkEmail(field+".Email", ci.Email); err != nil {
		return nil, err
	}
	if err := checkLen(field+".Phone", ci.Phone, 0, maxPhone); err != nil {
		return nil, err
	}
	return &customerInfoWire{Name: ci.Name, Email: ci.Email, Phone: ci.Phone, Corporate: ci.Corporate}, nil
}

func lineItemsWire(items []LineItem) ([]lineItemWire, error) {
	out := make([]lineItemWire, 0, len(items))
	for i, li := range items {
		f := fmt.Sprintf("LineItems[%d]", i)
		if li.Name == "" {
			return nil, invalidParams(f+".Name", "is required")
		}
		if li.UnitPrice < 0 || li.UnitPrice > math.MaxInt32 {
			return nil, invalidParamsf(f+".UnitPrice", "must be 0 to %d cents", math.MaxInt32)
		}
		if li.Quantity < 1 || li.Quantity > math.MaxInt32 {
			return nil, invalidParamsf(f+".Quantity", "must be 1 to %d", math.MaxInt32)
		}
		if err := checkLen(f+".Description", li.Description, 0, 250); err != nil {
			return nil, err
		}
		for j, tg := range li.Tags {
			if err := checkLen(fmt.Sprintf("%s.Tags[%d]", f, j), tg, 2, 249); err != nil {
				return nil, err
			}
		}
		if err := checkMetadata(f+".Metadata", li.Metadata); err != nil {
			return nil, err
		}
		out = append(out, lineItemWire{Name: li.Name, UnitPrice: li.UnitPrice, Quantity: li.Quantity, SKU: li.SKU,
			Brand: li.Brand, Description: li.Description, Tags: append([]string(nil), li.Tags...), Metadata: copyMetadata(li.Metadata)})
	}
	return out, nil
}

func (ch *ChargeParams) wire(f string, now time.Time) (chargeWire, error) {
	if ch.Amount < 0 {
		return chargeWire{}, invalidParams(f+".Amount", "must be positive (or 0 for the order total)")
	}
	if ch.Type == "" {
		return chargeWire{}, invalidParams(f+".Type", "is required (cash)")
	}
	if ch.Type == PaymentMethodCard && ch.PaymentSourceID == "" {
		return chargeWire{}, invalidParams(f+".PaymentSourceID", "is required for a card charge")
	}
	if !ch.ExpiresAt.IsZero() && !ch.ExpiresAt.After(now) {
		return chargeWire{}, invalidParams(f+".ExpiresAt", "must be in the future")
	}
	return chargeWire{Amount: ch.Amount, ReferenceID: ch.ReferenceID,
		PaymentMethod: paymentMethodWire{Type: ch.Type, ExpiresAt: unixOrZero(ch.ExpiresAt), PaymentSourceID: ch.PaymentSourceID}}, nil
}

func (p *OrderParams) wire(now time.Time) (*orderWire, error) {
	if p == nil {
		return nil, invalidParams("OrderParams", "is nil")
	}
	cur := p.Currency
	if cur == "" {
		cur = "MXN"
	}
	if err := checkCurrency("Currency", cur); err != nil {
		return nil, err
	}
	ci, err := p.CustomerInfo.wire("CustomerInfo")
	if err != nil {
		return nil, err
	}
	if len(p.LineItems) == 0 {
		return nil, invalidParams("LineItems", "needs at least one item")
	}
	items, err := lineItemsWire(p.LineItems)
	if err != nil {
		return nil, err
	}
	w := &orderWire{Currency: cur, CustomerInfo: ci, LineItems: items, Metadata: copyMetadata(p.Metadata)}
	for i := range p.Charges {
		cw, err := p.Charges[i].wire(fmt.Sprintf("Charges[%d]", i), now)
		if err != nil {
			return nil, err
		}
		w.Charges = append(w.Charges, cw)
	}
	if err := checkMetadata("Metadata", p.Metadata); err != nil {
		return nil, err
	}
	return w, nil
}

// Validate checks p as Create does before any I/O (see OrderParams for the
// rules).
func (p *OrderParams) Validate() error {
	_, err := p.wire(time.Now())
	return err
}

// Validate checks one charge as OrderParams.Validate does (the field names
// in its errors start "Charges[0]").
func (p *ChargeParams) Validate() error {
	if p == nil {
		return invalidParams("ChargeParams", "is nil")
	}
	_, err := p.wire("Charges[0]", time.Now())
	return err
}

// Validate checks p as Update does before any I/O: at least one field set,
// and each set field as OrderParams.Validate checks it.
func (p *OrderUpdateParams) Validate() error {
	_, err := p.wire()
	return err
}

func (p *OrderUpdateParams) wire() (*orderWire, error) {
	if p == nil {
		return nil, invalidParams("OrderUpdateParams", "is nil")
	}
	// Empty fields are left out of the body: an update setting none of them
	// would send {} and change nothing.
	if p.Currency == "" && p.CustomerInfo == nil && len(p.LineItems) == 0 && len(p.Metadata) == 0 {
		return nil, invalidParams("OrderUpdateParams", "sets nothing")
	}
	w := &orderWire{Currency: p.Currency, Metadata: copyMetadata(p.Metadata)}
	if p.Currency != "" {
		if err := checkCurrency("Currency", p.Currency); err != nil {
			return nil, err
		}
	}
	if p.CustomerInfo != nil {
		ci, err := p.CustomerInfo.wire("CustomerInfo")
		if err != nil {
			return nil, err
		}
		w.CustomerInfo = ci
	}
	if len(p.LineItems) > 0 {
		items, err := lineItemsWire(p.LineItems)
		if err != nil {
			return nil, err
		}
		w.LineItems = items
	}
	if err := checkMetadata("Metadata", p.Metadata); err != nil {
		return nil, err
	}
	return w, nil
}

// Validate checks p as Refund does before any I/O: a positive Amount, a
// Reason among the RefundReason constants, an ExpiresAt in the future when
// set.
func (p *RefundParams) Validate() error {
	if p == nil {
		return invalidParams("RefundParams", "is nil")
	}
	if p.Amount <= 0 {
		return invalidParams("Amount", "must be positive")
	}
	if p.Reason == "" {
		return invalidParams("Reason", "is required")
	}
	if !p.Reason.valid() {
		return invalidParams("Reason", "must be one of the RefundReason constants ("+refundReasonList+")")
	}
	if !p.ExpiresAt.IsZero() && !p.ExpiresAt.After(time.Now()) {
		return invalidParams("ExpiresAt", "must be in the future")
	}
	return nil
}

// OrdersService is client.Orders: orders and their cash charges and
// refunds.
type OrdersService service

var orderKind = kind[Order]{path: "/orders", object: "order", child: true,
	id: func(o *Order) string { return o.ID }, obj: func(o *Order) string { return o.Object }}

// Create sends POST /orders. With charges it may take money, so it is never
// repeated once it may have reached DigitalFemsa (ErrOutcomeUnknown).
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/createorder
func (s *OrdersService) Create(ctx context.Context, p *OrderParams) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	body, err := p.wire(time.Now())
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/orders", Body: body, MovesMoney: true, Header: orderKind.header(c)}, orderKind.check)
}

// Get sends GET /orders/{id}.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getorderbyid
func (s *OrdersService) Get(ctx context.Context, id string) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "GET", Path: "/orders/" + pid, Header: orderKind.header(c)}, orderKind.check)
}

// Update sends PUT /orders/{id}. Params that set no field are refused with
// ErrInvalidParams, before any request. The API refuses changes once the
// order is paid; the specification declares no X-Child-Company-Id here, so
// the header is never sent.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/updateorder
func (s *OrdersService) Update(ctx context.Context, id string, p *OrderUpdateParams) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	w, err := p.wire()
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "PUT", Path: "/orders/" + pid, Body: w}, orderKind.check)
}

// Refund sends POST /orders/{id}/refunds and returns the order. It moves
// money: never repeated once it may have arrived.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/orderrefund
func (s *OrdersService) Refund(ctx context.Context, id string, p *RefundParams) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &refundWire{Amount: p.Amount, Reason: string(p.Reason), ChargeID: p.ChargeID, ExpiresAt: unixOrZero(p.ExpiresAt)}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/orders/" + pid + "/refunds", Body: body, MovesMoney: true,
		Operation: "orders.refund", Header: orderKind.header(c)}, orderKind.check)
}

// List sends GET /orders and returns one page, newest first.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getorders
func (s *OrdersService) List(ctx context.Context, p *ListParams) (*Page[Order], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return list(ctx, c, orderKind, p)
}

// All walks every order, sending GET /orders once per page, lazily.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getorders
func (s *OrdersService) All(ctx context.Context, p *ListParams) iter.Seq2[*Order, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[Order](err)
	}
	return all(ctx, c, orderKind, p)
}
