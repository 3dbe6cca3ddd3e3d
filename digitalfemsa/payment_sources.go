package digitalfemsa

import (
	"context"
	"iter"
	"time"
)

// PaymentSourceCash is the payment source type the API documents: a cash
// reference saved on the customer, paid at a store again and again.
const PaymentSourceCash = "cash"

// PaymentSourceParams saves a payment source on a customer.
type PaymentSourceParams struct {
	// Type is the payment method; empty means PaymentSourceCash (the only
	// type the API documents).
	Type string
	// ExpiresAt is when the reference stops being payable (optional, in
	// the future).
	ExpiresAt time.Time
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check PaymentSources.Create runs before any request.
func (p *PaymentSourceParams) Validate() error {
	return p.validate(time.Now())
}

func (p *PaymentSourceParams) validate(now time.Time) error {
	if p == nil {
		return invalidParams("PaymentSourceParams", "is nil")
	}
	if !p.ExpiresAt.IsZero() && !p.ExpiresAt.After(now) {
		return invalidParams("ExpiresAt", "must be in the future")
	}
	return nil
}

// PaymentSourceUpdateParams renames a payment source.
type PaymentSourceUpdateParams struct {
	// Name is the new name; required (the only field an update sets).
	Name string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check PaymentSources.Update runs before any request.
func (p *PaymentSourceUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("PaymentSourceUpdateParams", "is nil")
	}
	if p.Name == "" {
		return invalidParams("Name", "is required: it is the only field an update sets")
	}
	return nil
}

// PaymentSource is a payment method saved on a customer. A cash source
// (Type "cash") carries the store reference and its barcode.
type PaymentSource struct {
	// ID is the source's id ("src_..."); use it as
	// ChargeParams.PaymentSourceID or OrderChargeParams.PaymentSourceID.
	ID string `json:"id"`
	// Object is "payment_source".
	Object string `json:"object"`
	// Type is the payment method, "cash" for a cash reference (an open
	// set).
	Type string `json:"type"`
	// CreatedAt is when the source was saved.
	CreatedAt Time `json:"created_at"`
	// ParentID is the customer's id.
	ParentID string `json:"parent_id"`
	// Reference is the number the customer gives at the store (cash).
	Reference string `json:"reference"`
	// Barcode is the reference as a barcode value (cash).
	Barcode string `json:"barcode"`
	// BarcodeURL is an image of the barcode (cash).
	BarcodeURL string `json:"barcode_url"`
	// ExpiresAt is when the reference stops being payable; zero when it
	// does not expire (the API sends 0).
	ExpiresAt Time `json:"expires_at"`
	// Provider is the store network, for example "Oxxo".
	Provider string `json:"provider"`
	// Deleted is true on the source Delete returns, when the API says so.
	Deleted bool `json:"deleted"`
}

// PaymentSourcesService is client.PaymentSources: the payment methods
// saved on customers.
type PaymentSourcesService service

var paymentSources = customerSub(kind[PaymentSource]{object: "payment_source", child: true,
	id: func(p *PaymentSource) string { return p.ID }, obj: func(p *PaymentSource) string { return p.Object }}, "payment_sources")

// Create saves a payment source on a customer (POST
// /customers/{id}/payment_sources, operation
// CreateCustomerPaymentMethods). It takes no money.
func (s *PaymentSourcesService) Create(ctx context.Context, customerID string, p *PaymentSourceParams) (*PaymentSource, error) {
	return paymentSources.create(ctx, (*service)(s), customerID, p, func() any {
		typ := p.Type
		if typ == "" {
			typ = PaymentSourceCash
		}
		return &struct {
			Type      string `json:"type"`
			ExpiresAt *int64 `json:"expires_at,omitempty"`
		}{typ, unixPtr(p.ExpiresAt)}
	})
}

// Update renames a payment source (PUT
// /customers/{id}/payment_sources/{payment_method_id}, operation
// UpdateCustomerPaymentMethods).
func (s *PaymentSourcesService) Update(ctx context.Context, customerID, id string, p *PaymentSourceUpdateParams) (*PaymentSource, error) {
	return paymentSources.update(ctx, (*service)(s), customerID, id, p, func() any {
		return &struct {
			Name string `json:"name"`
		}{p.Name}
	})
}

// Delete removes a payment source from a customer (DELETE
// /customers/{id}/payment_sources/{payment_method_id}, operation
// DeleteCustomerPaymentMethods) and returns it.
func (s *PaymentSourcesService) Delete(ctx context.Context, customerID, id string) (*PaymentSource, error) {
	return paymentSources.delete(ctx, (*service)(s), customerID, id)
}

// List returns one page of a customer's payment sources (GET
// /customers/{id}/payment_sources, operation GetCustomerPaymentMethods).
func (s *PaymentSourcesService) List(ctx context.Context, customerID string, p *ListParams) (*Page[PaymentSource], error) {
	return paymentSources.page(ctx, (*service)(s), customerID, p)
}

// All walks every payment source of a customer (GET
// /customers/{id}/payment_sources).
func (s *PaymentSourcesService) All(ctx context.Context, customerID string, p *ListParams) iter.Seq2[*PaymentSource, error] {
	return paymentSources.walk(ctx, (*service)(s), customerID, p)
}
