package digitalfemsa

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// ChargeUpdateParams changes a charge. ReferenceID, your own reference for
// the charge, is the only field the API lets you change.
type ChargeUpdateParams struct {
	// ReferenceID replaces the charge's reference_id; required.
	ReferenceID string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check Update runs before any request.
func (p *ChargeUpdateParams) Validate() error {
	if p == nil {
		return paramError("ChargeUpdateParams", "is nil")
	}
	if p.ReferenceID == "" {
		return paramError("ReferenceID", "is required: it is the only field a charge update sets")
	}
	return nil
}

// OrderChargeParams adds a charge to an existing order.
type OrderChargeParams struct {
	// Amount in cents; zero lets the API charge what the order still owes.
	Amount int64
	// Type is the payment method type, for example PaymentMethodCash;
	// required.
	Type string
	// ExpiresAt is when a cash reference expires (optional, in the future).
	ExpiresAt time.Time
	// PaymentSourceID pays with a payment source saved on the order's
	// customer (PaymentSources.Create); optional.
	PaymentSourceID string
	// ReferenceID is your own reference for the charge (optional).
	ReferenceID string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check Charges.Create runs before any request.
func (p *OrderChargeParams) Validate() error {
	return p.validate(time.Now())
}

func (p *OrderChargeParams) validate(now time.Time) error {
	if p == nil {
		return paramError("OrderChargeParams", "is nil")
	}
	if p.Amount < 0 {
		return paramError("Amount", "must be positive (or 0 for what the order owes)")
	}
	if p.Type == "" {
		return paramError("Type", "is required (for example cash)")
	}
	if !p.ExpiresAt.IsZero() && !p.ExpiresAt.After(now) {
		return paramError("ExpiresAt", "must be in the future")
	}
	return nil
}

type orderChargeWire struct {
	Amount        int64                 `json:"amount,omitempty"`
	PaymentMethod orderChargeMethodWire `json:"payment_method"`
	ReferenceID   string                `json:"reference_id,omitempty"`
}

type orderChargeMethodWire struct {
	Type            string `json:"type"`
	ExpiresAt       *int64 `json:"expires_at,omitempty"`
	PaymentSourceID string `json:"payment_source_id,omitempty"`
}

// ChargesService is client.Charges: the charges of every order.
type ChargesService struct{ c *transport.Client }

func (s *ChargesService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Create adds a charge to an existing order (POST /orders/{id}/charges,
// operation ordersCreateCharge) and returns the new charge. It may take
// money, so once it may have reached DigitalFemsa it is never repeated: an
// unknown outcome is ErrOutcomeUnknown (read the order's charges before
// trying again).
func (s *ChargesService) Create(ctx context.Context, orderID string, p *OrderChargeParams) (*Charge, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	oid, err := escapeID("OrderID", orderID)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &orderChargeWire{Amount: p.Amount, ReferenceID: p.ReferenceID,
		PaymentMethod: orderChargeMethodWire{Type: p.Type, ExpiresAt: unixPtr(p.ExpiresAt), PaymentSourceID: p.PaymentSourceID}}
	a, err := callObject(ctx, s.tc(), &transport.Request{Method: "POST", Path: "/orders/" + oid + "/charges", Body: body,
		MovesMoney: true, Operation: "charges.create"}, "charge", func(a *orderChargeAnswer) (string, string) { return chargeIdent(&a.ch) })
	if err != nil {
		return nil, err
	}
	return &a.ch, nil
}

// orderChargeAnswer is the charge POST /orders/{id}/charges answers: its
// refunds come as a bare array there, where every other charge carries a
// list object. Both decode into Charge.Refunds.
type orderChargeAnswer struct{ ch Charge }

func (a *orderChargeAnswer) UnmarshalJSON(data []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	raw, ok := fields["refunds"]
	if !ok || len(bytes.TrimSpace(raw)) == 0 || bytes.TrimSpace(raw)[0] != '[' {
		return json.Unmarshal(data, &a.ch)
	}
	var refunds []*Refund
	if err := json.Unmarshal(raw, &refunds); err != nil {
		return err
	}
	delete(fields, "refunds")
	rest, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(rest, &a.ch); err != nil {
		return err
	}
	a.ch.Refunds = &NestedList[Refund]{Data: refunds}
	return nil
}

// Update sets a charge's reference_id (PUT /charges/{id}, operation
// updateCharge).
func (s *ChargesService) Update(ctx context.Context, id string, p *ChargeUpdateParams) (*Charge, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	cid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &struct {
		ReferenceID string `json:"reference_id"`
	}{p.ReferenceID}
	return callObject(ctx, s.tc(), &transport.Request{Method: "PUT", Path: "/charges/" + cid, Body: body}, "charge", chargeIdent)
}

// List returns one page of the account's charges (GET /charges, operation
// getCharges). Search matches what the API indexes (ids, references).
func (s *ChargesService) List(ctx context.Context, p *ListParams) (*Page[Charge], error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	if err := checkList(p); err != nil {
		return nil, err
	}
	q := listCopy(p, "")
	return fetchPage(ctx, s.tc(), "/charges", &q, q.Limit, chargeKey)
}

// All walks every charge from p forward, one page at a time (GET /charges).
func (s *ChargesService) All(ctx context.Context, p *ListParams) iter.Seq2[*Charge, error] {
	if err := opsReady(s.tc()); err != nil {
		return failedWalk[Charge](err)
	}
	if err := checkList(p); err != nil {
		return failedWalk[Charge](err)
	}
	return walkPages(ctx, s.tc(), "/charges", limitOf(p), func(cursor string) any { q := listCopy(p, cursor); return &q }, chargeKey)
}

func chargeIdent(c *Charge) (string, string) { return c.ID, c.Object }
func chargeKey(c *Charge) string             { return c.ID }
