package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const taxLineJSON = `{"id":"tax_lin_2tQ8dC5mg1UADmVPo","object":"tax_line","parent_id":"ord_2tUigJ8DgBhbp6w5D","amount":1600,"description":"IVA","metadata":{"k":"v"}}`

var wantTaxLine = TaxLine{ID: "tax_lin_2tQ8dC5mg1UADmVPo", Object: "tax_line", ParentID: "ord_2tUigJ8DgBhbp6w5D", Amount: 1600, Description: "IVA", Metadata: Metadata{"k": "v"}}

func TestTaxLines(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	base := "/orders/ord_2tUigJ8DgBhbp6w5D/tax_lines"
	rec := respond(mt, "POST", base, 200, taxLineJSON)
	tl, err := c.TaxLines.Create(ctx, "ord_2tUigJ8DgBhbp6w5D", &TaxLineParams{Amount: 1600, Description: "IVA", Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", `{"amount":1600,"description":"IVA","metadata":{"k":"v"}}`)
	assert.Equal(t, wantTaxLine, *tl)

	rec = respond(mt, "PUT", base+"/tax_lin_2tQ8dC5mg1UADmVPo", 200, taxLineJSON)
	tl, err = c.TaxLines.Update(ctx, "ord_2tUigJ8DgBhbp6w5D", "tax_lin_2tQ8dC5mg1UADmVPo", &TaxLineUpdateParams{Amount: int64Ptr(0)})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", base+"/tax_lin_2tQ8dC5mg1UADmVPo", "", `{"amount":0}`)
	assert.Equal(t, wantTaxLine, *tl)

	rec = respond(mt, "DELETE", base+"/tax_lin_2tQ8dC5mg1UADmVPo", 200, taxLineJSON)
	tl, err = c.TaxLines.Delete(ctx, "ord_2tUigJ8DgBhbp6w5D", "tax_lin_2tQ8dC5mg1UADmVPo")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", base+"/tax_lin_2tQ8dC5mg1UADmVPo", "", "")
	assert.Equal(t, wantTaxLine, *tl)

	n := mt.GetTotalCallCount()
	for field, p := range map[string]*TaxLineParams{"TaxLineParams": nil, "Amount": {Amount: -1, Description: "IVA"}, "Description": {Description: "I"}} {
		assertParamField(t, p.Validate(), field)
		_, err := c.TaxLines.Create(ctx, "ord_1", p)
		assertParamField(t, err, field)
	}
	for field, p := range map[string]*TaxLineUpdateParams{"TaxLineUpdateParams": {}, "Amount": {Amount: int64Ptr(-1)}, "Description": {Description: "I"}} {
		assertParamField(t, p.Validate(), field)
		_, err := c.TaxLines.Update(ctx, "ord_1", "tax_1", p)
		assertParamField(t, err, field)
	}
	assert.Equal(t, n, mt.GetTotalCallCount())
}
