package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const shippingLineJSON = `{"id":"ship_lin_2sLxi45ZFs1GHJmzx","object":"shipping_line","parent_id":"ord_2sLxi3MqYFJ1QfTmP","amount":100,
"carrier":"FEDEX","tracking_number":"TRACK123","method":"Airplane","description":"Fast","metadata":{"k":"v"},"deleted":true}`

var wantShippingLine = ShippingLine{ID: "ship_lin_2sLxi45ZFs1GHJmzx", Object: "shipping_line", ParentID: "ord_2sLxi3MqYFJ1QfTmP", Amount: 100,
	Carrier: "FEDEX", TrackingNumber: "TRACK123", Method: "Airplane", Description: "Fast", Metadata: Metadata{"k": "v"}, Deleted: true}

func TestShippingLines(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	base := "/orders/ord_2sLxi3MqYFJ1QfTmP/shipping_lines"
	full := &ShippingLineParams{Amount: 100, Carrier: "FEDEX", TrackingNumber: "TRACK123", Method: "Airplane", Description: "Fast", Metadata: map[string]string{"k": "v"}}
	fullBody := `{"amount":100,"carrier":"FEDEX","tracking_number":"TRACK123","method":"Airplane","description":"Fast","metadata":{"k":"v"}}`
	rec := respond(mt, "POST", base, 200, shippingLineJSON)
	sl, err := c.ShippingLines.Create(ctx, "ord_2sLxi3MqYFJ1QfTmP", full)
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", fullBody)
	assert.Equal(t, wantShippingLine, *sl)

	// A free shipping line still sends its amount, which the API requires.
	rec = respond(mt, "PUT", base+"/ship_lin_2sLxi45ZFs1GHJmzx", 200, shippingLineJSON)
	sl, err = c.ShippingLines.Update(ctx, "ord_2sLxi3MqYFJ1QfTmP", "ship_lin_2sLxi45ZFs1GHJmzx", &ShippingLineParams{})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", base+"/ship_lin_2sLxi45ZFs1GHJmzx", "", `{"amount":0}`)
	assert.Equal(t, wantShippingLine, *sl)

	rec = respond(mt, "DELETE", base+"/ship_lin_2sLxi45ZFs1GHJmzx", 200, shippingLineJSON)
	sl, err = c.ShippingLines.Delete(ctx, "ord_2sLxi3MqYFJ1QfTmP", "ship_lin_2sLxi45ZFs1GHJmzx")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", base+"/ship_lin_2sLxi45ZFs1GHJmzx", "", "")
	assert.Equal(t, wantShippingLine, *sl)

	n := mt.GetTotalCallCount()
	var nilp *ShippingLineParams
	assertParamField(t, nilp.Validate(), "ShippingLineParams")
	_, err = c.ShippingLines.Create(ctx, "ord_1", &ShippingLineParams{Amount: -1})
	assertParamField(t, err, "Amount")
	_, err = c.ShippingLines.Update(ctx, "ord_1", ".", full)
	assertParamField(t, err, "id")
	assert.Equal(t, n, mt.GetTotalCallCount())
}
