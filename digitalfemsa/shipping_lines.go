package digitalfemsa

import (
	"context"
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
		return invalidParams("ShippingLineParams", "is nil")
	}
	if p.Amount < 0 {
		return invalidParams("Amount", "must be 0 or more cents")
	}
	return checkMetadata("Metadata", p.Metadata)
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
type ShippingLinesService service

var shippingLines = orderSub(kind[ShippingLine]{object: "shipping_line", child: true,
	id: func(l *ShippingLine) string { return l.ID }, obj: func(l *ShippingLine) string { return l.Object }}, "shipping_lines")

// Create adds a shipping line to an order (POST
// /orders/{id}/shipping_lines, operation ordersCreateShipping).
func (s *ShippingLinesService) Create(ctx context.Context, orderID string, p *ShippingLineParams) (*ShippingLine, error) {
	return shippingLines.create(ctx, (*service)(s), orderID, p, p.body)
}

// Update replaces a shipping line (PUT
// /orders/{id}/shipping_lines/{shipping_id}, operation
// ordersUpdateShipping); Amount is required by the API here too.
func (s *ShippingLinesService) Update(ctx context.Context, orderID, id string, p *ShippingLineParams) (*ShippingLine, error) {
	return shippingLines.update(ctx, (*service)(s), orderID, id, p, p.body)
}

// Delete removes a shipping line (DELETE
// /orders/{id}/shipping_lines/{shipping_id}, operation
// ordersDeleteShipping) and returns it.
func (s *ShippingLinesService) Delete(ctx context.Context, orderID, id string) (*ShippingLine, error) {
	return shippingLines.delete(ctx, (*service)(s), orderID, id)
}

// body is p as the API takes it, for create and update alike.
func (p *ShippingLineParams) body() any {
	return &shippingLineWire{Amount: p.Amount, Carrier: p.Carrier, TrackingNumber: p.TrackingNumber, Method: p.Method,
		Description: p.Description, Metadata: copyMetadata(p.Metadata)}
}
