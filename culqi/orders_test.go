package culqi

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const orderJSON = `{"object":"order","id":"ord_test_MyGj2yfMByamx7n9","amount":1000,"payment_code":null,"currency_code":"PEN",
"description":"Venta de prueba","order_number":"order-ef14","state":"created","total_fee":null,"net_amount":null,"fee_details":null,
"creation_date":1615129650,"expiration_date":1893474000,"updated_at":1615129650,"paid_at":null,"available_on":null,"metadata":{}}`

func TestOrders(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/orders", 201, orderJSON)
	f := false
	o, err := c.Orders.Create(ctx, &OrderParams{Amount: 1000, CurrencyCode: "PEN", Description: "Venta de prueba", OrderNumber: "order-ef14",
		ExpirationDate: time.Unix(1893474000, 0), Confirm: &f,
		ClientDetails: ClientDetails{FirstName: "Richard", LastName: "Piedpiper", Email: "richard@piedpiper.com", PhoneNumber: "+51998989789"},
		Metadata:      map[string]string{"latampay_key": "order-ef14"}})
	require.NoError(t, err)
	r, body := cr.Last(t)
	assertHeaders(t, r, testSK, true)
	// A key given in the metadata alone is the call's key.
	assert.JSONEq(t, `{"amount":1000,"currency_code":"PEN","description":"Venta de prueba","order_number":"order-ef14",
		"expiration_date":1893474000,"confirm":false,"client_details":{"first_name":"Richard","last_name":"Piedpiper",
		"email":"richard@piedpiper.com","phone_number":"+51998989789"},"metadata":{"latampay_key":"order-ef14"}}`, body)
	assert.Equal(t, "ord_test_MyGj2yfMByamx7n9", o.ID)
	assert.Equal(t, OrderCreated, o.State)
	assert.Equal(t, time.Unix(1615129650, 0).UTC(), o.CreationDate.Time) // seconds, not milliseconds
	assert.Equal(t, time.Unix(1893474000, 0).UTC(), o.ExpirationDate.Time)
	assert.Equal(t, time.Unix(1615129650, 0).UTC(), o.UpdatedAt.Time)
	assert.True(t, o.PaidAt.IsZero())
	assert.Nil(t, o.TotalFee)
	assert.Nil(t, o.FeeDetails)
	assert.Empty(t, o.PaymentCode)

	cf := on(mt, "POST", "https://api.culqi.com/v2/orders/ord_test_MyGj2yfMByamx7n9/confirm", 201,
		`{"object":"order","id":"ord_test_MyGj2yfMByamx7n9","payment_code":"030393402","state":"pending","creation_date":1615129650}`)
	o, err = c.Orders.Confirm(ctx, "ord_test_MyGj2yfMByamx7n9")
	require.NoError(t, err)
	assert.Equal(t, "030393402", o.PaymentCode)
	assert.Equal(t, OrderPending, o.State)
	r, body = cf.Last(t)
	assertHeaders(t, r, testPK, false)
	assert.Empty(t, body)

	ct := on(mt, "POST", "https://api.culqi.com/v2/orders/confirm", 201, orderJSON)
	_, err = c.Orders.ConfirmTypes(ctx, &OrderConfirmParams{OrderID: "ord_test_MyGj2yfMByamx7n9", OrderTypes: []string{"cip", "cuotealo"}})
	require.NoError(t, err)
	r, body = ct.Last(t)
	assertHeaders(t, r, testPK, true)
	assert.JSONEq(t, `{"order_id":"ord_test_MyGj2yfMByamx7n9","order_types":["cip","cuotealo"]}`, body)

	up := on(mt, "PATCH", "https://api.culqi.com/v2/orders/ord_test_MyGj2yfMByamx7n9", 200, orderJSON)
	_, err = c.Orders.Update(ctx, "ord_test_MyGj2yfMByamx7n9", &OrderUpdateParams{ExpirationDate: time.Unix(1993474000, 0), Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"expiration_date":1993474000,"metadata":{"a":"b"}}`, body)

	on(mt, "GET", "https://api.culqi.com/v2/orders/ord_test_MyGj2yfMByamx7n9", 200, orderJSON)
	_, err = c.Orders.Get(ctx, "ord_test_MyGj2yfMByamx7n9")
	require.NoError(t, err)
	on(mt, "DELETE", "https://api.culqi.com/v2/orders/ord_test_MyGj2yfMByamx7n9", 204, ``)
	require.NoError(t, c.Orders.Delete(ctx, "ord_test_MyGj2yfMByamx7n9"))
	ls := on(mt, "GET", "https://api.culqi.com/v2/orders", 200, `{"data":[`+orderJSON+`],"paging":{"next":"https://api.culqi.com/v2/orders?limit=50&after=ord_test_MyGj2yfMByamx7n9","cursors":{"after":"ord_test_MyGj2yfMByamx7n9"},"remaining_items":0}}`)
	p, err := c.Orders.List(ctx, &OrderListParams{State: OrderPaid})
	require.NoError(t, err)
	assert.False(t, p.HasMore) // next is set, but remaining_items is 0
	r, _ = ls.Last(t)
	assert.Equal(t, "state=paid", r.URL.RawQuery)
}

// Orders.Reconcile filters the order list on creation_date_from; orders
// carry seconds, which the walk's window check reads as well.
func TestOrdersReconcileQuery(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	since := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	rec := on(mt, "GET", "https://api.culqi.com/v2/orders", 200, fmt.Sprintf(`{"data":[
		{"object":"order","id":"ord_2","amount":5000,"creation_date":%d,"metadata":{"latampay_key":"otra"}},
		{"object":"order","id":"ord_1","amount":4200,"creation_date":%d,"metadata":{"latampay_key":"pedido-9"}}],
		"paging":{"cursors":{"before":"ord_2","after":"ord_1"},"remaining_items":0}}`, since.Unix()+60, since.Unix()))
	o, err := c.Orders.Reconcile(ctx, "pedido-9", since)
	require.NoError(t, err)
	assert.Equal(t, "ord_1", o.ID)
	assert.Equal(t, int64(4200), o.Amount)
	req, _ := rec.Last(t)
	assert.Equal(t, fmt.Sprintf("creation_date_from=%d&limit=100", since.Add(-5*time.Minute).Unix()), req.URL.RawQuery)
}
