package digitalfemsa

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every nested resource refuses in one order, before any I/O: the parent's
// id, then the item's id, then the params. A call bad in all three names
// the parent; with a good parent, the item; with good ids, the params.
func TestSubresourceRefusalOrder(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	ctx := context.Background()
	type call func(parent, id string) error
	create := func(f func(string) error) call { return func(parent, _ string) error { return f(parent) } }
	tests := []struct {
		name        string
		parentField string
		params      string // the field a nil params is refused as; "" for none
		call        call
	}{
		{"LineItems.Create", "OrderID", "LineItem", create(func(o string) error { _, err := c.LineItems.Create(ctx, o, nil); return err })},
		{"LineItems.Update", "OrderID", "LineItemUpdateParams", func(o, id string) error { _, err := c.LineItems.Update(ctx, o, id, nil); return err }},
		{"LineItems.Delete", "OrderID", "", func(o, id string) error { _, err := c.LineItems.Delete(ctx, o, id); return err }},
		{"ShippingLines.Create", "OrderID", "ShippingLineParams", create(func(o string) error { _, err := c.ShippingLines.Create(ctx, o, nil); return err })},
		{"ShippingLines.Update", "OrderID", "ShippingLineParams", func(o, id string) error { _, err := c.ShippingLines.Update(ctx, o, id, nil); return err }},
		{"ShippingLines.Delete", "OrderID", "", func(o, id string) error { _, err := c.ShippingLines.Delete(ctx, o, id); return err }},
		{"TaxLines.Create", "OrderID", "TaxLineParams", create(func(o string) error { _, err := c.TaxLines.Create(ctx, o, nil); return err })},
		{"TaxLines.Update", "OrderID", "TaxLineUpdateParams", func(o, id string) error { _, err := c.TaxLines.Update(ctx, o, id, nil); return err }},
		{"TaxLines.Delete", "OrderID", "", func(o, id string) error { _, err := c.TaxLines.Delete(ctx, o, id); return err }},
		{"DiscountLines.Create", "OrderID", "DiscountLineParams", create(func(o string) error { _, err := c.DiscountLines.Create(ctx, o, nil); return err })},
		{"DiscountLines.Get", "OrderID", "", func(o, id string) error { _, err := c.DiscountLines.Get(ctx, o, id); return err }},
		{"DiscountLines.Update", "OrderID", "DiscountLineUpdateParams", func(o, id string) error { _, err := c.DiscountLines.Update(ctx, o, id, nil); return err }},
		{"DiscountLines.Delete", "OrderID", "", func(o, id string) error { _, err := c.DiscountLines.Delete(ctx, o, id); return err }},
		{"PaymentSources.Create", "CustomerID", "PaymentSourceParams", create(func(cu string) error { _, err := c.PaymentSources.Create(ctx, cu, nil); return err })},
		{"PaymentSources.Update", "CustomerID", "PaymentSourceUpdateParams", func(cu, id string) error { _, err := c.PaymentSources.Update(ctx, cu, id, nil); return err }},
		{"PaymentSources.Delete", "CustomerID", "", func(cu, id string) error { _, err := c.PaymentSources.Delete(ctx, cu, id); return err }},
		{"ShippingContacts.Create", "CustomerID", "ShippingContactParams", create(func(cu string) error { _, err := c.ShippingContacts.Create(ctx, cu, nil); return err })},
		{"ShippingContacts.Update", "CustomerID", "ShippingContactUpdateParams", func(cu, id string) error { _, err := c.ShippingContacts.Update(ctx, cu, id, nil); return err }},
		{"ShippingContacts.Delete", "CustomerID", "", func(cu, id string) error { _, err := c.ShippingContacts.Delete(ctx, cu, id); return err }},
		{"FiscalEntities.Create", "CustomerID", "FiscalEntityParams", create(func(cu string) error { _, err := c.FiscalEntities.Create(ctx, cu, nil); return err })},
		{"FiscalEntities.Update", "CustomerID", "FiscalEntityUpdateParams", func(cu, id string) error { _, err := c.FiscalEntities.Update(ctx, cu, id, nil); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertParamField(t, tt.call("..", ".."), tt.parentField)
			if !strings.HasSuffix(tt.name, ".Create") {
				assertParamField(t, tt.call("ord_1", ".."), "id")
			}
			if tt.params != "" {
				assertParamField(t, tt.call("ord_1", "lin_1"), tt.params)
			}
		})
	}
	t.Cleanup(func() { assert.Zero(t, mt.GetTotalCallCount(), "a refused call sent a request") })
}
