package digitalfemsa

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// LineItemUpdateParams changes a product of an order; empty fields are
// left unchanged, and at least one must be set.
type LineItemUpdateParams struct {
	// Name replaces the product's name.
	Name string
	// UnitPrice, when not nil, replaces the price in cents (0 or more).
	UnitPrice *int64
	// Quantity, when not nil, replaces the quantity (1 to math.MaxInt32).
	Quantity *int
	// SKU replaces your stock keeping unit.
	SKU string
	// Brand replaces the brand.
	Brand string
	// Description replaces the description, at most 250 characters.
	Description string
	// Tags, when not empty, replaces the tags (2 to 249 characters each).
	Tags []string
	// Metadata replaces the metadata; at most 100 keys.
	Metadata map[string]string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check LineItems.Update runs before any request.
func (p *LineItemUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("LineItemUpdateParams", "is nil")
	}
	// An update setting nothing would send {} and change nothing.
	if p.Name+p.SKU+p.Brand+p.Description == "" && p.UnitPrice == nil && p.Quantity == nil && len(p.Tags) == 0 && len(p.Metadata) == 0 {
		return invalidParams("LineItemUpdateParams", "sets nothing")
	}
	if p.UnitPrice != nil && *p.UnitPrice < 0 {
		return invalidParams("UnitPrice", "must be 0 or more cents")
	}
	if p.Quantity != nil && (*p.Quantity < 1 || *p.Quantity > math.MaxInt32) {
		return invalidParams("Quantity", fmt.Sprintf("must be 1 to %d", math.MaxInt32))
	}
	return checkProductText("", p.Description, p.Tags, p.Metadata)
}

// Validate checks a product before LineItems.Create sends it (the same
// check the method runs): a name, the API's int32 price and quantity, and
// its text limits.
func (li *LineItem) Validate() error { return checkProduct("", li) }

// checkProduct is the check of a new product (a line item): the API's
// int32 price and quantity, and its text limits.
func checkProduct(prefix string, li *LineItem) error {
	if li == nil {
		return invalidParams(prefix+"LineItem", "is nil")
	}
	if li.Name == "" {
		return invalidParams(prefix+"Name", "is required")
	}
	if li.UnitPrice < 0 || li.UnitPrice > math.MaxInt32 {
		return invalidParamsf(prefix+"UnitPrice", "must be 0 to %d cents", math.MaxInt32)
	}
	if li.Quantity < 1 || li.Quantity > math.MaxInt32 {
		return invalidParamsf(prefix+"Quantity", "must be 1 to %d", math.MaxInt32)
	}
	return checkProductText(prefix, li.Description, li.Tags, li.Metadata)
}

func checkProductText(prefix, description string, tags []string, metadata map[string]string) error {
	if err := checkLen(prefix+"Description", description, 0, 250); err != nil {
		return err
	}
	for i, tg := range tags {
		if n := utf8.RuneCountInString(tg); n >= 2 && n <= 249 {
			continue // the label below is built only for a tag to refuse
		}
		if err := checkLen(prefix+"Tags["+strconv.Itoa(i)+"]", tg, 2, 249); err != nil {
			return err
		}
	}
	return checkMetadata(prefix+"Metadata", metadata)
}

// productBody is a product as the API takes it (spec "product").
type productBody struct {
	Name        string            `json:"name"`
	UnitPrice   int64             `json:"unit_price"`
	Quantity    int               `json:"quantity"`
	SKU         string            `json:"sku,omitempty"`
	Brand       string            `json:"brand,omitempty"`
	Description string            `json:"description,omitempty"`
	Tags        []string          `json:"tags,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

func newProductBody(li *LineItem) productBody {
	return productBody{Name: li.Name, UnitPrice: li.UnitPrice, Quantity: li.Quantity, SKU: li.SKU, Brand: li.Brand,
		Description: li.Description, Tags: copyStrings(li.Tags), Metadata: copyMetadata(li.Metadata)}
}

// LineItemsService is client.LineItems: the products of an order.
type LineItemsService service

var lineItems = orderSub(kind[OrderLineItem]{object: "line_item", child: true,
	id: func(l *OrderLineItem) string { return l.ID }, obj: func(l *OrderLineItem) string { return l.Object }}, "line_items")

// Create adds a product to an order (POST /orders/{id}/line_items,
// operation ordersCreateProduct). An order with a pending charge cannot
// change (428 precondition_required_error).
func (s *LineItemsService) Create(ctx context.Context, orderID string, p *LineItem) (*OrderLineItem, error) {
	return lineItems.create(ctx, (*service)(s), orderID, p, func() any {
		body := newProductBody(p)
		return &body
	})
}

// Update changes a product of an order (PUT
// /orders/{id}/line_items/{line_item_id}, operation ordersUpdateProduct).
func (s *LineItemsService) Update(ctx context.Context, orderID, id string, p *LineItemUpdateParams) (*OrderLineItem, error) {
	return lineItems.update(ctx, (*service)(s), orderID, id, p, func() any {
		return &struct {
			Name        string            `json:"name,omitempty"`
			UnitPrice   *int64            `json:"unit_price,omitempty"`
			Quantity    *int              `json:"quantity,omitempty"`
			SKU         string            `json:"sku,omitempty"`
			Brand       string            `json:"brand,omitempty"`
			Description string            `json:"description,omitempty"`
			Tags        []string          `json:"tags,omitempty"`
			Metadata    map[string]string `json:"metadata,omitempty"`
		}{p.Name, copyInt64(p.UnitPrice), copyInt(p.Quantity), p.SKU, p.Brand, p.Description, copyStrings(p.Tags), copyMetadata(p.Metadata)}
	})
}

// Delete removes a product from an order (DELETE
// /orders/{id}/line_items/{line_item_id}, operation ordersDeleteProduct)
// and returns it.
func (s *LineItemsService) Delete(ctx context.Context, orderID, id string) (*OrderLineItem, error) {
	return lineItems.delete(ctx, (*service)(s), orderID, id)
}

func copyInt64(v *int64) *int64 {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}

func copyInt(v *int) *int {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}
