package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const discountLineJSON = `{"id":"dis_lin_2tVyHd2j1NJ2m3nB9","object":"discount_line","parent_id":"ord_2tUigJ8DgBhbp6w5D","amount":500,"code":"VERANO","type":"coupon"}`

var wantDiscountLine = DiscountLine{ID: "dis_lin_2tVyHd2j1NJ2m3nB9", Object: "discount_line", ParentID: "ord_2tUigJ8DgBhbp6w5D", Amount: 500, Code: "VERANO", Type: DiscountCoupon}

func TestDiscountLines(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	base := "/orders/ord_2tUigJ8DgBhbp6w5D/discount_lines"
	one := base + "/dis_lin_2tVyHd2j1NJ2m3nB9"
	rec := respond(mt, "POST", base, 200, discountLineJSON)
	dl, err := c.DiscountLines.Create(ctx, "ord_2tUigJ8DgBhbp6w5D", &DiscountLineParams{Amount: 500, Code: "VERANO", Type: DiscountCoupon})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", `{"amount":500,"code":"VERANO","type":"coupon"}`)
	assert.Equal(t, wantDiscountLine, *dl)

	rec = respond(mt, "GET", one, 200, discountLineJSON)
	dl, err = c.DiscountLines.Get(ctx, "ord_2tUigJ8DgBhbp6w5D", "dis_lin_2tVyHd2j1NJ2m3nB9")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", one, "", "")
	assert.Equal(t, wantDiscountLine, *dl)

	rec = respond(mt, "PUT", one, 200, discountLineJSON)
	dl, err = c.DiscountLines.Update(ctx, "ord_2tUigJ8DgBhbp6w5D", "dis_lin_2tVyHd2j1NJ2m3nB9", &DiscountLineUpdateParams{Amount: int64Ptr(0), Type: DiscountLoyalty})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", one, "", `{"amount":0,"type":"loyalty"}`)
	assert.Equal(t, wantDiscountLine, *dl)

	rec = respond(mt, "DELETE", one, 200, discountLineJSON)
	dl, err = c.DiscountLines.Delete(ctx, "ord_2tUigJ8DgBhbp6w5D", "dis_lin_2tVyHd2j1NJ2m3nB9")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", one, "", "")
	assert.Equal(t, wantDiscountLine, *dl)

	rec = respond(mt, "GET", base, 200, listJSON(discountLineJSON, false, ""))
	pg, err := c.DiscountLines.List(ctx, "ord_2tUigJ8DgBhbp6w5D", &ListParams{Limit: 2})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", base, "limit=2", "")
	require.Len(t, pg.Data, 1)
	assert.Equal(t, wantDiscountLine, *pg.Data[0])
	for dl, err := range c.DiscountLines.All(ctx, "ord_2tUigJ8DgBhbp6w5D", nil) {
		require.NoError(t, err)
		assert.Equal(t, wantDiscountLine, *dl)
	}

	n := mt.GetTotalCallCount()
	for field, p := range map[string]*DiscountLineParams{"DiscountLineParams": nil, "Amount": {Amount: -1, Code: "c", Type: DiscountSign},
		"Code": {Type: DiscountSign}, "Type": {Code: "c", Type: "gift"}} {
		assertParamField(t, p.Validate(), field)
		_, err := c.DiscountLines.Create(ctx, "ord_1", p)
		assertParamField(t, err, field)
	}
	for field, p := range map[string]*DiscountLineUpdateParams{"DiscountLineUpdateParams": {}, "Amount": {Amount: int64Ptr(-1)}, "Type": {Type: "gift"}} {
		assertParamField(t, p.Validate(), field)
		_, err := c.DiscountLines.Update(ctx, "ord_1", "dl_1", p)
		assertParamField(t, err, field)
	}
	for _, err := range c.DiscountLines.All(ctx, "..", nil) {
		assertParamField(t, err, "OrderID")
	}
	assert.Equal(t, n, mt.GetTotalCallCount())
}
