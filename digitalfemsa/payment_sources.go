package digitalfemsa

import (
	"context"
	"iter"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
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
		return paramError("PaymentSourceParams", "is nil")
	}
	if !p.ExpiresAt.IsZero() && !p.ExpiresAt.After(now) {
		return paramError("ExpiresAt", "must be in the future")
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
		return paramError("PaymentSourceUpdateParams", "is nil")
	}
	if p.Name == "" {
		return paramError("Name", "is required: it is the only field an update sets")
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
type PaymentSourcesService struct{ c *transport.Client }

func (s *PaymentSourcesService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Create saves a payment source on a customer (POST
// /customers/{id}/payment_sources, operation
// CreateCustomerPaymentMethods). It takes no money.
func (s *PaymentSourcesService) Create(ctx context.Context, customerID string, p *PaymentSourceParams) (*PaymentSource, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	cid, err := escapeID("CustomerID", customerID)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	typ := p.Type
	if typ == "" {
		typ = PaymentSourceCash
	}
	body := &struct {
		Type      string `json:"type"`
		ExpiresAt *int64 `json:"expires_at,omitempty"`
	}{typ, unixPtr(p.ExpiresAt)}
	return callObject(ctx, s.tc(), &transport.Request{Method: "POST", Path: "/customers/" + cid + "/payment_sources", Body: body}, "payment_source", paymentSourceIdent)
}

// Update renames a payment source (PUT
// /customers/{id}/payment_sources/{payment_method_id}, operation
// UpdateCustomerPaymentMethods).
func (s *PaymentSourcesService) Update(ctx context.Context, customerID, id string, p *PaymentSourceUpdateParams) (*PaymentSource, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	ids, err := escapeIDs("CustomerID", customerID, "id", id)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &struct {
		Name string `json:"name"`
	}{p.Name}
	return callObject(ctx, s.tc(), &transport.Request{Method: "PUT", Path: "/customers/" + ids[0] + "/payment_sources/" + ids[1], Body: body}, "payment_source", paymentSourceIdent)
}

// Delete removes a payment source from a customer (DELETE
// /customers/{id}/payment_sources/{payment_method_id}, operation
// DeleteCustomerPaymentMethods) and returns it.
func (s *PaymentSourcesService) Delete(ctx context.Context, customerID, id string) (*PaymentSource, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	ids, err := escapeIDs("CustomerID", customerID, "id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "DELETE", Path: "/customers/" + ids[0] + "/payment_sources/" + ids[1]}, "payment_source", paymentSourceIdent)
}

// List returns one page of a customer's payment sources (GET
// /customers/{id}/payment_sources, operation GetCustomerPaymentMethods).
func (s *PaymentSourcesService) List(ctx context.Context, customerID string, p *ListParams) (*Page[PaymentSource], error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	cid, err := escapeID("CustomerID", customerID)
	if err != nil {
		return nil, err
	}
	if err := checkList(p); err != nil {
		return nil, err
	}
	q := listCopy(p, "")
	return fetchPage(ctx, s.tc(), "/customers/"+cid+"/payment_sources", &q, q.Limit, paymentSourceKey)
}

// All walks every payment source of a customer (GET
// /customers/{id}/payment_sources).
func (s *PaymentSourcesService) All(ctx context.Context, customerID string, p *ListParams) iter.Seq2[*PaymentSource, error] {
	if err := opsReady(s.tc()); err != nil {
		return failedWalk[PaymentSource](err)
	}
	cid, err := escapeID("CustomerID", customerID)
	if err == nil {
		err = checkList(p)
	}
	if err != nil {
		return failedWalk[PaymentSource](err)
	}
	return walkPages(ctx, s.tc(), "/customers/"+cid+"/payment_sources", limitOf(p), func(cursor string) any { q := listCopy(p, cursor); return &q }, paymentSourceKey)
}

func paymentSourceIdent(p *PaymentSource) (string, string) { return p.ID, p.Object }
func paymentSourceKey(p *PaymentSource) string             { return p.ID }
