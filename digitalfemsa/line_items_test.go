package digitalfemsa

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const lineItemJSON = `{"id":"line_item_2tQ8HkkfbauaKP9Ho","object":"line_item","parent_id":"ord_2tUigJ8DgBhbp6w5D","name":"Box of Cohiba S1s",
"unit_price":20000,"quantity":2,"sku":"cohb_s1","brand":"Cohiba","description":"Imported From Mex.","tags":["food","mexican food"],"metadata":{"k":"v"}}`

func assertLineItem(t *testing.T, li *OrderLineItem) {
	t.Helper()
	assert.Equal(t, "line_item_2tQ8HkkfbauaKP9Ho", li.ID)
	assert.Equal(t, "ord_2tUigJ8DgBhbp6w5D", li.ParentID)
	assert.Equal(t, "Box of Cohiba S1s", li.Name)
	assert.Equal(t, int64(20000), li.UnitPrice)
	assert.Equal(t, 2, li.Quantity)
	assert.Equal(t, "cohb_s1", li.SKU)
	assert.Equal(t, "Cohiba", li.Brand)
	assert.Equal(t, "Imported From Mex.", li.Description)
	assert.Equal(t, []string{"food", "mexican food"}, li.Tags)
	assert.Equal(t, Metadata{"k": "v"}, li.Metadata)
}

func TestLineItems(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	base := "/orders/ord_2tUigJ8DgBhbp6w5D/line_items"
	rec := respond(mt, "POST", base, 200, lineItemJSON)
	li, err := c.LineItems.Create(ctx, "ord_2tUigJ8DgBhbp6w5D", &LineItem{Name: "Box of Cohiba S1s", UnitPrice: 20000, Quantity: 2, SKU: "cohb_s1",
		Brand: "Cohiba", Description: "Imported From Mex.", Tags: []string{"food", "mexican food"}, Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", `{"name":"Box of Cohiba S1s","unit_price":20000,"quantity":2,"sku":"cohb_s1","brand":"Cohiba",
		"description":"Imported From Mex.","tags":["food","mexican food"],"metadata":{"k":"v"}}`)
	assertLineItem(t, li)

	rec = respond(mt, "PUT", base+"/line_item_2tQ8HkkfbauaKP9Ho", 200, lineItemJSON)
	li, err = c.LineItems.Update(ctx, "ord_2tUigJ8DgBhbp6w5D", "line_item_2tQ8HkkfbauaKP9Ho", &LineItemUpdateParams{UnitPrice: int64Ptr(0), Quantity: intPtr(3), Tags: []string{"xx"}})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", base+"/line_item_2tQ8HkkfbauaKP9Ho", "", `{"unit_price":0,"quantity":3,"tags":["xx"]}`)
	assertLineItem(t, li)

	rec = respond(mt, "DELETE", base+"/line_item_2tQ8HkkfbauaKP9Ho", 200, lineItemJSON)
	li, err = c.LineItems.Delete(ctx, "ord_2tUigJ8DgBhbp6w5D", "line_item_2tQ8HkkfbauaKP9Ho")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", base+"/line_item_2tQ8HkkfbauaKP9Ho", "", "")
	assertLineItem(t, li)

	// Another kind of object is no line item.
	respond(mt, "DELETE", base+"/li_2", 200, `{"id":"li_2","object":"order"}`)
	_, err = c.LineItems.Delete(ctx, "ord_2tUigJ8DgBhbp6w5D", "li_2")
	assert.ErrorIs(t, err, ErrMalformedResponse)
}

func TestLineItemParamsValidate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for field, p := range map[string]*LineItem{
		"LineItem":    nil,
		"Name":        {UnitPrice: 1, Quantity: 1},
		"UnitPrice":   {Name: "a", UnitPrice: math.MaxInt32 + 1, Quantity: 1},
		"Quantity":    {Name: "a", UnitPrice: 1},
		"Description": {Name: "a", Quantity: 1, Description: strings.Repeat("d", 251)},
		"Tags[0]":     {Name: "a", Quantity: 1, Tags: []string{"x"}},
	} {
		_, err := c.LineItems.Create(ctx, "ord_1", p)
		assertParamField(t, err, field)
	}
	for field, p := range map[string]*LineItemUpdateParams{
		"LineItemUpdateParams": {},
		"UnitPrice":            {UnitPrice: int64Ptr(-1)},
		"Quantity":             {Quantity: intPtr(0)},
		"Tags[0]":              {Tags: []string{strings.Repeat("t", 250)}},
	} {
		assertParamField(t, p.Validate(), field)
		_, err := c.LineItems.Update(ctx, "ord_1", "li_1", p)
		assertParamField(t, err, field)
	}
	var nilUpdate *LineItemUpdateParams
	assertParamField(t, nilUpdate.Validate(), "LineItemUpdateParams")
	_, err := c.LineItems.Delete(ctx, "ord_1", "..")
	assertParamField(t, err, "id")
	assert.Zero(t, mt.GetTotalCallCount())
}
