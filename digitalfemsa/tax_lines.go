package digitalfemsa

import (
	"context"

	"github.com/latampay/latampay-go/internal/transport"
)

// TaxLineParams adds a tax line to an order.
type TaxLineParams struct {
	// Amount is the tax in cents, 0 or more; always sent.
	Amount int64
	// Description names the tax (for example "IVA"), at least 2
	// characters; required.
	Description string
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check TaxLines.Create runs before any request.
func (p *TaxLineParams) Validate() error {
	if p == nil {
		return paramError("TaxLineParams", "is nil")
	}
	if p.Amount < 0 {
		return paramError("Amount", "must be 0 or more cents")
	}
	if err := opsLen("Description", p.Description, 2, 1<<20); err != nil {
		return err
	}
	return opsMetadata("Metadata", p.Metadata)
}

// TaxLineUpdateParams changes a tax line; empty fields are left unchanged,
// and at least one must be set.
type TaxLineUpdateParams struct {
	// Amount, when not nil, replaces the tax in cents (0 or more).
	Amount *int64
	// Description replaces the name, at least 2 characters.
	Description string
	// Metadata replaces the metadata; at most 100 keys.
	Metadata map[string]string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check TaxLines.Update runs before any request.
func (p *TaxLineUpdateParams) Validate() error {
	if p == nil {
		return paramError("TaxLineUpdateParams", "is nil")
	}
	if p.Amount == nil && p.Description == "" && len(p.Metadata) == 0 {
		return paramError("TaxLineUpdateParams", "sets nothing")
	}
	if p.Amount != nil && *p.Amount < 0 {
		return paramError("Amount", "must be 0 or more cents")
	}
	if p.Description != "" {
		if err := opsLen("Description", p.Description, 2, 1<<20); err != nil {
			return err
		}
	}
	return opsMetadata("Metadata", p.Metadata)
}

// TaxLine is a tax of an order.
type TaxLine struct {
	// ID is the line's id ("tax_lin_...").
	ID string `json:"id"`
	// Object is "tax_line".
	Object string `json:"object"`
	// ParentID is the order's id.
	ParentID string `json:"parent_id"`
	// Amount is the tax in cents.
	Amount int64 `json:"amount"`
	// Description names the tax.
	Description string `json:"description"`
	// Metadata is as sent.
	Metadata Metadata `json:"metadata"`
}

// TaxLinesService is client.TaxLines: the taxes of an order.
type TaxLinesService struct{ c *transport.Client }

func (s *TaxLinesService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Create adds a tax line to an order (POST /orders/{id}/tax_lines,
// operation ordersCreateTaxes).
func (s *TaxLinesService) Create(ctx context.Context, orderID string, p *TaxLineParams) (*TaxLine, error) {
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
	body := &struct {
		Amount      int64             `json:"amount"`
		Description string            `json:"description"`
		Metadata    map[string]string `json:"metadata,omitempty"`
	}{p.Amount, p.Description, copyMetadata(p.Metadata)}
	return callObject(ctx, s.tc(), &transport.Request{Method: "POST", Path: "/orders/" + oid + "/tax_lines", Body: body}, "tax_line", taxLineIdent)
}

// Update changes a tax line (PUT /orders/{id}/tax_lines/{tax_id},
// operation ordersUpdateTaxes).
func (s *TaxLinesService) Update(ctx context.Context, orderID, id string, p *TaxLineUpdateParams) (*TaxLine, error) {
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
	body := &struct {
		Amount      *int64            `json:"amount,omitempty"`
		Description string            `json:"description,omitempty"`
		Metadata    map[string]string `json:"metadata,omitempty"`
	}{copyInt64(p.Amount), p.Description, copyMetadata(p.Metadata)}
	return callObject(ctx, s.tc(), &transport.Request{Method: "PUT", Path: "/orders/" + ids[0] + "/tax_lines/" + ids[1], Body: body}, "tax_line", taxLineIdent)
}

// Delete removes a tax line (DELETE /orders/{id}/tax_lines/{tax_id},
// operation ordersDeleteTaxes) and returns it.
func (s *TaxLinesService) Delete(ctx context.Context, orderID, id string) (*TaxLine, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	ids, err := escapeIDs("OrderID", orderID, "id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "DELETE", Path: "/orders/" + ids[0] + "/tax_lines/" + ids[1]}, "tax_line", taxLineIdent)
}

func taxLineIdent(l *TaxLine) (string, string) { return l.ID, l.Object }
