package digitalfemsa

import (
	"context"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// PayoutMethodCashout is the payout method of a cash withdrawal at a store.
const PayoutMethodCashout = "cashout"

// PayoutOrderStatus is a payout order's status. It is an open set: values
// beyond the constants decode and are kept as sent.
type PayoutOrderStatus string

// Documented payout-order statuses. DigitalFemsa documents no value for a
// withdrawn or an expired reference: compare with these and treat anything
// else as final (see Active).
const (
	// PayoutOrderStatusPending is the status the cash-out guide shows on
	// creation.
	PayoutOrderStatusPending PayoutOrderStatus = "pending"
	// PayoutOrderStatusOpen is the status Conekta's spec shows on creation.
	PayoutOrderStatusOpen PayoutOrderStatus = "open"
	// PayoutOrderStatusCancelled is the status after a cancellation
	// (British spelling; the webhook event is "cashout.canceled").
	PayoutOrderStatusCancelled PayoutOrderStatus = "cancelled"
)

// Active reports whether the reference may still be withdrawn: the status
// is one of the documented waiting states (pending, open).
func (s PayoutOrderStatus) Active() bool {
	return s == PayoutOrderStatusPending || s == PayoutOrderStatusOpen
}

// PayoutOrderParams creates a payout order: a cash-out reference a customer
// withdraws at a store. The SDK builds the nested wire objects
// (customer_info, payout.payout_method) from these fields.
type PayoutOrderParams struct {
	// Amount in cents; positive and whole pesos (a multiple of 100).
	Amount int64
	// Currency is a three-letter code; empty means "MXN".
	Currency string
	// CustomerID is the customer who withdraws (required).
	CustomerID string
	// Reason is shown for the withdrawal, 1 to 40 characters, not all
	// blank.
	Reason string
	// PayoutMethod defaults to PayoutMethodCashout.
	PayoutMethod string
	// AllowedPayoutMethods defaults to [PayoutMethod]; when given, it must
	// include PayoutMethod.
	AllowedPayoutMethods []string
	// ExpiresAt, when set, must be in the future; zero leaves expires_at
	// out of the request and the API sets it (the answer carries it).
	// DigitalFemsa's cash-out guide neither sends nor lists expires_at;
	// Conekta's specification, the only schema of this request, has made it
	// required since 2026-03. The SDK follows DigitalFemsa's own guide; set
	// ExpiresAt if the API answers that it is missing.
	ExpiresAt time.Time
	// Metadata holds at most 100 keys, the reconciliation key included.
	Metadata map[string]string
	// ReconcileKey is your own id for this payout order (1 to 64
	// characters from A-Z a-z 0-9 . _ : -), or empty for one the SDK
	// generates. It is sent as the metadata entry "latampay_key" (a
	// Metadata entry under that key must then be the same; given alone, it
	// is the key) and reported in an *OutcomeUnknownError; pass it to
	// PayoutOrders.Reconcile. Store it, with the time, before calling
	// Create.
	ReconcileKey string
}

// PayoutOrder is a cash-out reference and its state.
type PayoutOrder struct {
	// ID is the payout order's id (a UUID).
	ID string `json:"id"`
	// Object is "payout_order"; the SDK refuses an answer of another kind.
	Object string `json:"object"`
	// Reference is the code the customer presents at the store.
	Reference string `json:"reference"`
	// Status is "pending" or "open" while withdrawable, "cancelled" after
	// Cancel, or another value (see PayoutOrderStatus).
	Status PayoutOrderStatus `json:"status"`
	// Amount is in cents (whole pesos).
	Amount int64 `json:"amount"`
	// Currency is the ISO 4217 code ("MXN").
	Currency string `json:"currency"`
	// Reason is shown for the withdrawal.
	Reason string `json:"reason"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// AllowedPayoutMethods lists the payout methods ("cashout").
	AllowedPayoutMethods []string `json:"allowed_payout_methods"`
	// ExpiresAt is when the reference stops being withdrawable (set by the
	// API when the request leaves it out).
	ExpiresAt Time `json:"expires_at"`
	// CreatedAt is when the payout order was created.
	CreatedAt Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt Time `json:"updated_at"`
	// CustomerInfo is the customer who withdraws.
	CustomerInfo PayoutCustomer `json:"customer_info"`
	// Metadata is the payout order's metadata (the reconciliation key
	// among it, under "latampay_key").
	Metadata Metadata `json:"metadata"`
	// Payouts are the order's payouts.
	Payouts []Payout `json:"payouts"`
}

// PayoutCustomer is the customer_info of a payout order.
type PayoutCustomer struct {
	// Object is "customer_info" when sent.
	Object string `json:"object"`
	// ID is the customer id.
	ID string `json:"id"`
	// Name is the customer's name.
	Name string `json:"name"`
	// Email is the customer's address.
	Email string `json:"email"`
	// Phone is the customer's phone.
	Phone string `json:"phone"`
	// Corporate marks a company.
	Corporate bool `json:"corporate"`
	// CustomerCustomReference is the customer's own reference; nil when
	// the API sends null or nothing (none was given).
	CustomerCustomReference *string `json:"customer_custom_reference"`
}

// Payout is one payout of a payout order.
type Payout struct {
	// ID is the payout's id ("payout_...").
	ID string `json:"id"`
	// Object is "payout".
	Object string `json:"object"`
	// Amount is in cents.
	Amount int64 `json:"amount"`
	// Currency is the ISO 4217 code.
	Currency string `json:"currency"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// Status is "open" or another value.
	Status string `json:"status"`
	// ExpiresAt is when the payout expires.
	ExpiresAt Time `json:"expires_at"`
	// PayoutOrderID is the payout order's id.
	PayoutOrderID string `json:"payout_order_id"`
	// PayoutMethod is how the payout is paid; nil when not sent.
	PayoutMethod *PayoutMethod `json:"payout_method"`
}

// PayoutMethod names how a payout is paid.
type PayoutMethod struct {
	// Object is "payout_method".
	Object string `json:"object"`
	// Type is "cashout".
	Type string `json:"type"`
}

type payoutOrderWire struct {
	Currency             string            `json:"currency"`
	Amount               int64             `json:"amount"`
	CustomerInfo         customerIDWire    `json:"customer_info"`
	AllowedPayoutMethods []string          `json:"allowed_payout_methods"`
	Reason               string            `json:"reason"`
	Payout               payoutWire        `json:"payout"`
	ExpiresAt            int64             `json:"expires_at,omitempty"`
	Metadata             map[string]string `json:"metadata,omitempty"`
}

type customerIDWire struct {
	CustomerID string `json:"customer_id"`
}

type payoutWire struct {
	PayoutMethod payoutMethodWire `json:"payout_method"`
}

type payoutMethodWire struct {
	Type string `json:"type"`
}

const maxReason = 40

func (p *PayoutOrderParams) wire(now time.Time, key string) (*payoutOrderWire, error) {
	if p == nil {
		return nil, invalidParams("PayoutOrderParams", "is nil")
	}
	if p.Amount <= 0 {
		return nil, invalidParams("Amount", "must be positive")
	}
	if p.Amount%100 != 0 {
		return nil, invalidParamsf("Amount", "must be whole pesos (a multiple of 100 cents), got %d", p.Amount)
	}
	cur := p.Currency
	if cur == "" {
		cur = "MXN"
	}
	if err := checkCurrency("Currency", cur); err != nil {
		return nil, err
	}
	if p.CustomerID == "" {
		return nil, invalidParams("CustomerID", "is required")
	}
	if err := checkLen("Reason", p.Reason, 1, maxReason); err != nil {
		return nil, err
	}
	if strings.TrimSpace(p.Reason) == "" {
		// Spaces alone show the customer nothing at the store.
		return nil, invalidParams("Reason", "is blank")
	}
	method := p.PayoutMethod
	if method == "" {
		method = PayoutMethodCashout
	}
	allowed := []string{method}
	if len(p.AllowedPayoutMethods) > 0 {
		allowed = append([]string(nil), p.AllowedPayoutMethods...)
		for _, m := range allowed {
			if m == "" {
				return nil, invalidParams("AllowedPayoutMethods", "has an empty entry")
			}
		}
		if !slices.Contains(allowed, method) {
			// The payout would be paid by a method the order forbids.
			return nil, invalidParams("AllowedPayoutMethods", "must include PayoutMethod")
		}
	}
	if !p.ExpiresAt.IsZero() && !p.ExpiresAt.After(now) {
		return nil, invalidParams("ExpiresAt", "must be in the future")
	}
	md := transport.WithReconcileKey(p.Metadata, key)
	if err := checkMetadata("Metadata", md); err != nil {
		return nil, err
	}
	return &payoutOrderWire{
		Currency:             cur,
		Amount:               p.Amount,
		CustomerInfo:         customerIDWire{CustomerID: p.CustomerID},
		AllowedPayoutMethods: allowed,
		Reason:               p.Reason,
		Payout:               payoutWire{PayoutMethod: payoutMethodWire{Type: method}},
		ExpiresAt:            unixOrZero(p.ExpiresAt),
		Metadata:             md,
	}, nil
}

// Validate checks p as Create does before any I/O (see PayoutOrderParams
// for the rules).
func (p *PayoutOrderParams) Validate() error {
	if p == nil {
		return invalidParams("PayoutOrderParams", "is nil")
	}
	key, err := reconcileKeyOf(p.ReconcileKey, p.Metadata)
	if err != nil {
		return err
	}
	_, err = p.wire(time.Now(), key)
	return err
}

// PayoutOrdersService is client.PayoutOrders: cash-out references. Payout
// orders are not in DigitalFemsa's OpenAPI specification; the requests
// follow DigitalFemsa's cash-out guide and Conekta's specification, which
// declares no X-Child-Company-Id for them (the header is never sent).
type PayoutOrdersService service

var payoutOrderKind = kind[PayoutOrder]{path: "/payout_orders", object: "payout_order",
	id: func(p *PayoutOrder) string { return p.ID }, obj: func(p *PayoutOrder) string { return p.Object }}

// Create sends POST /payout_orders. It retains funds, so it is never
// repeated once it may have reached DigitalFemsa: on a timeout, a lost
// connection, a 408, a 5xx or a 2xx that is no payout order (an api_error
// object, no id) the error matches ErrOutcomeUnknown; look the order up
// before creating another.
//
// DigitalFemsa cash-out guide: https://developers.digitalfemsa.io/docs/generar-retiro-en-efectivo-v%C3%ADa-direct-api
func (s *PayoutOrdersService) Create(ctx context.Context, p *PayoutOrderParams) (*PayoutOrder, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, invalidParams("PayoutOrderParams", "is nil")
	}
	key, err := reconcileKeyOf(p.ReconcileKey, p.Metadata)
	if err != nil {
		return nil, err
	}
	body, err := p.wire(time.Now(), key)
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/payout_orders", Body: body, MovesMoney: true,
		Operation: "payout_orders.create", ReconcileKey: key}, payoutOrderKind.check)
}

// Reconcile finds the payout order created with key
// (PayoutOrderParams.ReconcileKey, or OutcomeUnknownError.Key) on or after
// since, the time the Create call began (OutcomeUnknownError.SentAt). It
// sends GET /payout_orders, a page of 250 at a time, lazily, and returns
// the payout order whose metadata "latampay_key" is key, or an error
// matching ErrNotFound. It never creates anything.
//
// No filter on metadata is documented for payout orders, so Reconcile
// reads the list itself and compares the key exactly. It stops early only
// at a payout order created before since minus ReconcileClockSkew once the
// pages have shown themselves newest first; otherwise it reads to the end.
// No delay before a created payout order shows in the list is documented:
// on ErrNotFound either wait and reconcile again, or give up and create
// the payout order anew with a NEW key (a payout order found later can
// still be cancelled with Cancel).
//
// Reference (Conekta, same API): https://developers.conekta.com/reference/getpayoutorders
func (s *PayoutOrdersService) Reconcile(ctx context.Context, key string, since time.Time) (*PayoutOrder, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return reconcile(ctx, c, payoutOrderKind, "payout_orders", key, since,
		func(p *PayoutOrder) (string, time.Time) { return p.Metadata[ReconcileMetadataKey], p.CreatedAt.Time })
}

// Get sends GET /payout_orders/{id}; poll it to see the reference withdrawn
// or cancelled.
//
// Reference (Conekta, same API): https://developers.conekta.com/reference/getpayoutorderbyid
func (s *PayoutOrdersService) Get(ctx context.Context, id string) (*PayoutOrder, error) {
	return s.one(ctx, "GET", id, "", false)
}

// Cancel sends PUT /payout_orders/{id}/cancel, releasing the funds; the
// customer can no longer withdraw with the reference. It is treated as
// money-moving: never repeated once it may have arrived.
//
// Reference (Conekta, same API): https://developers.conekta.com/reference/cancelpayoutorderbyid
func (s *PayoutOrdersService) Cancel(ctx context.Context, id string) (*PayoutOrder, error) {
	return s.one(ctx, "PUT", id, "/cancel", true)
}

func (s *PayoutOrdersService) one(ctx context.Context, method, id, suffix string, money bool) (*PayoutOrder, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: method, Path: "/payout_orders/" + pid + suffix, MovesMoney: money}
	if money {
		req.Operation = "payout_orders.cancel"
	}
	return doObject(ctx, c, req, payoutOrderKind.check)
}

// List sends GET /payout_orders and returns one page, newest first.
//
// Reference (Conekta, same API): https://developers.conekta.com/reference/getpayoutorders
func (s *PayoutOrdersService) List(ctx context.Context, p *ListParams) (*Page[PayoutOrder], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return list(ctx, c, payoutOrderKind, p)
}

// All walks every payout order, sending GET /payout_orders once per page,
// lazily.
//
// Reference (Conekta, same API): https://developers.conekta.com/reference/getpayoutorders
func (s *PayoutOrdersService) All(ctx context.Context, p *ListParams) iter.Seq2[*PayoutOrder, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[PayoutOrder](err)
	}
	return all(ctx, c, payoutOrderKind, p)
}
