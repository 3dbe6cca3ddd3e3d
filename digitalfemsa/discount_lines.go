package digitalfemsa

import (
	"context"
	"iter"
)

// DiscountLineType is the kind of a discount; the API accepts the four
// constants below.
type DiscountLineType string

// Discount types the API accepts.
const (
	DiscountLoyalty  DiscountLineType = "loyalty"
	DiscountCampaign DiscountLineType = "campaign"
	DiscountCoupon   DiscountLineType = "coupon"
	DiscountSign     DiscountLineType = "sign"
)

func (t DiscountLineType) valid() bool {
	switch t {
	case DiscountLoyalty, DiscountCampaign, DiscountCoupon, DiscountSign:
		return true
	}
	return false
}

// DiscountLineParams adds a discount to an order; every field is required.
type DiscountLineParams struct {
	// Amount is the discount in cents, 0 or more.
	Amount int64
	// Code is the discount's code (a coupon code, a campaign name).
	Code string
	// Type is one of the DiscountLineType constants.
	Type DiscountLineType
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check DiscountLines.Create runs before any request.
func (p *DiscountLineParams) Validate() error {
	if p == nil {
		return invalidParams("DiscountLineParams", "is nil")
	}
	if p.Amount < 0 {
		return invalidParams("Amount", "must be 0 or more cents")
	}
	if p.Code == "" {
		return invalidParams("Code", "is required")
	}
	if !p.Type.valid() {
		return invalidParams("Type", "must be loyalty, campaign, coupon or sign")
	}
	return nil
}

// DiscountLineUpdateParams changes a discount; empty fields are left
// unchanged, and at least one must be set.
type DiscountLineUpdateParams struct {
	// Amount, when not nil, replaces the discount in cents (0 or more).
	Amount *int64
	// Code replaces the code.
	Code string
	// Type, when set, is one of the DiscountLineType constants.
	Type DiscountLineType
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check DiscountLines.Update runs before any request.
func (p *DiscountLineUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("DiscountLineUpdateParams", "is nil")
	}
	if p.Amount == nil && p.Code == "" && p.Type == "" {
		return invalidParams("DiscountLineUpdateParams", "sets nothing")
	}
	if p.Amount != nil && *p.Amount < 0 {
		return invalidParams("Amount", "must be 0 or more cents")
	}
	if p.Type != "" && !p.Type.valid() {
		return invalidParams("Type", "must be loyalty, campaign, coupon or sign")
	}
	return nil
}

// DiscountLine is a discount of an order.
type DiscountLine struct {
	// ID is the line's id ("dis_lin_...").
	ID string `json:"id"`
	// Object is "discount_line".
	Object string `json:"object"`
	// ParentID is the order's id.
	ParentID string `json:"parent_id"`
	// Amount is the discount in cents.
	Amount int64 `json:"amount"`
	// Code is the discount's code.
	Code string `json:"code"`
	// Type is loyalty, campaign, coupon or sign (an open set when read).
	Type DiscountLineType `json:"type"`
}

// DiscountLinesService is client.DiscountLines: the discounts of an order.
type DiscountLinesService service

var discountLines = orderSub(kind[DiscountLine]{object: "discount_line", child: true,
	id: func(d *DiscountLine) string { return d.ID }, obj: func(d *DiscountLine) string { return d.Object }}, "discount_lines")

// Create adds a discount to an order (POST /orders/{id}/discount_lines,
// operation ordersCreateDiscountLine).
func (s *DiscountLinesService) Create(ctx context.Context, orderID string, p *DiscountLineParams) (*DiscountLine, error) {
	return discountLines.create(ctx, (*service)(s), orderID, p, func() any {
		return &struct {
			Amount int64  `json:"amount"`
			Code   string `json:"code"`
			Type   string `json:"type"`
		}{p.Amount, p.Code, string(p.Type)}
	})
}

// Get fetches a discount of an order (GET
// /orders/{id}/discount_lines/{discount_lines_id}, operation
// ordersGetDiscountLine).
func (s *DiscountLinesService) Get(ctx context.Context, orderID, id string) (*DiscountLine, error) {
	return discountLines.get(ctx, (*service)(s), orderID, id)
}

// Update changes a discount (PUT
// /orders/{id}/discount_lines/{discount_lines_id}, operation
// ordersUpdateDiscountLines).
func (s *DiscountLinesService) Update(ctx context.Context, orderID, id string, p *DiscountLineUpdateParams) (*DiscountLine, error) {
	return discountLines.update(ctx, (*service)(s), orderID, id, p, func() any {
		return &struct {
			Amount *int64 `json:"amount,omitempty"`
			Code   string `json:"code,omitempty"`
			Type   string `json:"type,omitempty"`
		}{copyInt64(p.Amount), p.Code, string(p.Type)}
	})
}

// Delete removes a discount (DELETE
// /orders/{id}/discount_lines/{discount_lines_id}, operation
// ordersDeleteDiscountLines) and returns it.
func (s *DiscountLinesService) Delete(ctx context.Context, orderID, id string) (*DiscountLine, error) {
	return discountLines.delete(ctx, (*service)(s), orderID, id)
}

// List returns one page of an order's discounts (GET
// /orders/{id}/discount_lines, operation ordersGetDiscountLines).
func (s *DiscountLinesService) List(ctx context.Context, orderID string, p *ListParams) (*Page[DiscountLine], error) {
	return discountLines.page(ctx, (*service)(s), orderID, p)
}

// All walks every discount of an order (GET /orders/{id}/discount_lines).
func (s *DiscountLinesService) All(ctx context.Context, orderID string, p *ListParams) iter.Seq2[*DiscountLine, error] {
	return discountLines.walk(ctx, (*service)(s), orderID, p)
}
