package digitalfemsa

import (
	"context"
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
		return invalidParams("TaxLineParams", "is nil")
	}
	if p.Amount < 0 {
		return invalidParams("Amount", "must be 0 or more cents")
	}
	if err := checkLen("Description", p.Description, 2, 1<<20); err != nil {
		return err
	}
	return checkMetadata("Metadata", p.Metadata)
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
		return invalidParams("TaxLineUpdateParams", "is nil")
	}
	if p.Amount == nil && p.Description == "" && len(p.Metadata) == 0 {
		return invalidParams("TaxLineUpdateParams", "sets nothing")
	}
	if p.Amount != nil && *p.Amount < 0 {
		return invalidParams("Amount", "must be 0 or more cents")
	}
	if p.Description != "" {
		if err := checkLen("Description", p.Description, 2, 1<<20); err != nil {
			return err
		}
	}
	return checkMetadata("Metadata", p.Metadata)
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
type TaxLinesService service

var taxLines = orderSub(kind[TaxLine]{object: "tax_line", child: true,
	id: func(t *TaxLine) string { return t.ID }, obj: func(t *TaxLine) string { return t.Object }}, "tax_lines")

// Create adds a tax line to an order (POST /orders/{id}/tax_lines,
// operation ordersCreateTaxes).
func (s *TaxLinesService) Create(ctx context.Context, orderID string, p *TaxLineParams) (*TaxLine, error) {
	return taxLines.create(ctx, (*service)(s), orderID, p, func() any {
		return &struct {
			Amount      int64             `json:"amount"`
			Description string            `json:"description"`
			Metadata    map[string]string `json:"metadata,omitempty"`
		}{p.Amount, p.Description, copyMetadata(p.Metadata)}
	})
}

// Update changes a tax line (PUT /orders/{id}/tax_lines/{tax_id},
// operation ordersUpdateTaxes).
func (s *TaxLinesService) Update(ctx context.Context, orderID, id string, p *TaxLineUpdateParams) (*TaxLine, error) {
	return taxLines.update(ctx, (*service)(s), orderID, id, p, func() any {
		return &struct {
			Amount      *int64            `json:"amount,omitempty"`
			Description string            `json:"description,omitempty"`
			Metadata    map[string]string `json:"metadata,omitempty"`
		}{copyInt64(p.Amount), p.Description, copyMetadata(p.Metadata)}
	})
}

// Delete removes a tax line (DELETE /orders/{id}/tax_lines/{tax_id},
// operation ordersDeleteTaxes) and returns it.
func (s *TaxLinesService) Delete(ctx context.Context, orderID, id string) (*TaxLine, error) {
	return taxLines.delete(ctx, (*service)(s), orderID, id)
}
