package digitalfemsa

import (
	"context"

	"github.com/latampay/latampay-go/internal/transport"
)

// ShippingLineParams creates or replaces a shipping line of an order (the
// API takes the whole line on update too).
type ShippingLineParams struct {
	// Amount is the shipping cost in cents, 0 or more; always sent.
	Amount int64
	// Carrier is the shipping company (for example "FEDEX").
	Carrier string
	// TrackingNumber is the carrier's tracking number.
	TrackingNumber string
	// Method is the shipping method (for example "Airplane").
	Method string
	// Description is free text.
	Description string
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check Create and Update run before any request.
func (p *ShippingLineParams) Validate() error {
	if p == nil {
		return paramError("ShippingLineParams", "is nil")
	}
	if p.Amount < 0 {
		return paramError("Amount", "must be 0 or more cents")
	}
	return opsMetadata("Metadata", p.Metadata)
}

type shippingLineWire struct {
	Amount         int64             `json:"amount"`
	Carrier        string            `json:"carrier,omitempty"`
	TrackingNumber string            `json:"tracking_number,omitempty"`
	Method         string            `json:"method,omitempty"`
	Description    string            `json:"description,omitempty"`
	Metadata       map[string]string `json:"metadata,omitempty"`
}

// ShippingLine is a shipping charge of an order.
type ShippingLine struct {
	// ID is the line's id ("ship_lin_...").
	ID string `json:"id"`
	// Object is "shipping_line".
	Object string `json:"object"`
	// ParentID is the order's id.
	ParentID string `json:"parent_id"`
	// Amount is the cost in cents.
	Amount int64 `json:"amount"`
	// Carrier is the shipping company; empty when absent.
	Carrier string `json:"carrier"`
	// TrackingNumber is the carrier's tracking number; empty when absent.
	TrackingNumber string `json:"tracking_number"`
	// Method is the shipping method; empty when absent.
	Method string `json:"method"`
	// Description is free text; empty when absent.
	Description string `json:"description"`
	// Metadata is as sent.
	Metadata Metadata `json:"metadata"`
	// Deleted is true on the line Delete returns, when the API says so.
	Deleted bool `json:"deleted"`
}

// ShippingLinesService is client.ShippingLines: the shipping charges of an
// order.
type ShippingLinesService struct{ c *transport.Client }

func (s *ShippingLinesService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Create adds a shipping line to an order (POST
// /orders/{id}/shipping_lines, operation ordersCreateShipping).
func (s *ShippingLinesService) Create(ctx context.Context, orderID string, p *ShippingLineParams) (*ShippingLine, error) {
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
	return callObject(ctx, s.tc(), &transport.Request{Method: "POST", Path: "/orders/" + oid + "/shipping_lines", Body: p.wire()}, "shipping_line", shippingLineIdent)
}

// Update replaces a shipping line (PUT
// /orders/{id}/shipping_lines/{shipping_id}, operation
// ordersUpdateShipping); Amount is required by the API here too.
func (s *ShippingLinesService) Update(ctx context.Context, orderID, id string, p *ShippingLineParams) (*ShippingLine, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	ids, err := escapeIDs("OrderID", orderID, "id", id)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "PUT", Path: "/orders/" + ids[0] + "/shipping_lines/" + ids[1], Body: p.wire()}, "shipping_line", shippingLineIdent)
}

// Delete removes a shipping line (DELETE
// /orders/{id}/shipping_lines/{shipping_id}, operation
// ordersDeleteShipping) and returns it.
func (s *ShippingLinesService) Delete(ctx context.Context, orderID, id string) (*ShippingLine, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	ids, err := escapeIDs("OrderID", orderID, "id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "DELETE", Path: "/orders/" + ids[0] + "/shipping_lines/" + ids[1]}, "shipping_line", shippingLineIdent)
}

func (p *ShippingLineParams) wire() *shippingLineWire {
	return &shippingLineWire{Amount: p.Amount, Carrier: p.Carrier, TrackingNumber: p.TrackingNumber, Method: p.Method,
		Description: p.Description, Metadata: copyMetadata(p.Metadata)}
}

func shippingLineIdent(l *ShippingLine) (string, string) { return l.ID, l.Object }
