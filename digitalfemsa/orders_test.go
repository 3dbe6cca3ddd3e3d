package digitalfemsa

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func assertOrder(t *testing.T, o *Order) {
	t.Helper()
	assert.Equal(t, "ord_2tUigJ8DgBhbp6w5D", o.ID)
	assert.Equal(t, "order", o.Object)
	assert.False(t, o.Livemode)
	assert.Equal(t, int64(30000), o.Amount)
	assert.Equal(t, int64(0), o.AmountRefunded)
	assert.Equal(t, "MXN", o.Currency)
	assert.Equal(t, OrderPaymentStatusPendingPayment, o.PaymentStatus)
	assert.False(t, o.IsRefundable)
	assert.Equal(t, int64(1700000000), o.CreatedAt.Unix())
	assert.Equal(t, int64(1700000001), o.UpdatedAt.Unix())
	assert.Equal(t, OrderCustomer{CustomerID: "cus_2pwMQPxiLJ8WzzqZJ", Name: "User", Email: "user@example.mx"}, o.CustomerInfo)
	assert.Equal(t, Metadata{"cart": "42"}, o.Metadata)
	require.NotNil(t, o.LineItems)
	require.Len(t, o.LineItems.Data, 1)
	li := o.LineItems.Data[0]
	assert.Equal(t, OrderLineItem{ID: "line_item_2tUigJ8DgBhbp6w5E", Name: "Recarga", UnitPrice: 15000, Quantity: 2, SKU: "R-1",
		Tags: []string{"tiempo aire"}, ParentID: "ord_2tUigJ8DgBhbp6w5D", Metadata: Metadata{}}, *li)
	assert.Equal(t, 1, o.LineItems.Total)
	require.NotNil(t, o.Charges)
	require.Len(t, o.Charges.Data, 1)
	ch := o.Charges.Data[0]
	assert.Equal(t, "6553fe1d1f1c6f0001a3c1a2", ch.ID)
	assert.Equal(t, "charge", ch.Object)
	assert.Equal(t, int64(30000), ch.Amount)
	assert.Equal(t, "MXN", ch.Currency)
	assert.Equal(t, "pending_payment", ch.Status)
	assert.Equal(t, o.ID, ch.OrderID)
	assert.Equal(t, "cus_2pwMQPxiLJ8WzzqZJ", ch.CustomerID)
	assert.Equal(t, "Payment from order", ch.Description)
	assert.Empty(t, ch.FailureCode)
	assert.True(t, ch.PaidAt.IsZero())
	assert.Equal(t, int64(1700000000), ch.CreatedAt.Unix())
	assert.Equal(t, ChargePaymentMethod{Object: "cash_payment", Type: "cash", Reference: "93000262276908",
		BarcodeURL: "https://barcodes.example/93000262276908.png", ExpiresAt: Time{Time: time.Unix(1702592000, 0).UTC()},
		ServiceName: "OxxoPay", StoreName: "OXXO"}, ch.PaymentMethod)
	require.NotNil(t, ch.Refunds)
	assert.Empty(t, ch.Refunds.Data)
}

func TestOrdersCreateCash(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/orders", 200, orderJSON)
	exp := time.Now().Add(72 * time.Hour).Truncate(time.Second)
	o, err := c.Orders.Create(ctx, &OrderParams{
		CustomerInfo: CustomerInfo{CustomerID: "cus_2pwMQPxiLJ8WzzqZJ"},
		LineItems:    []LineItem{{Name: "Recarga", UnitPrice: 15000, Quantity: 2, SKU: "R-1", Tags: []string{"tiempo aire"}}},
		Charges:      []ChargeParams{{Type: PaymentMethodCash, ExpiresAt: exp}},
		Metadata:     map[string]string{"cart": "42"},
	})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders", "", `{"currency":"MXN","customer_info":{"customer_id":"cus_2pwMQPxiLJ8WzzqZJ"},
		"line_items":[{"name":"Recarga","unit_price":15000,"quantity":2,"sku":"R-1","tags":["tiempo aire"]}],
		"charges":[{"payment_method":{"type":"cash","expires_at":`+strconv.FormatInt(exp.Unix(), 10)+`}}],"metadata":{"cart":"42"}}`)
	assertOrder(t, o)
}

func TestOrdersCreateCardNewCustomer(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/orders", 200, orderJSON)
	_, err := c.Orders.Create(ctx, &OrderParams{
		Currency:     "MXN",
		CustomerInfo: CustomerInfo{Name: "Luis", Email: "luis@example.mx", Phone: "+5215555555555", Corporate: true},
		LineItems:    []LineItem{{Name: "Caja", UnitPrice: 0, Quantity: 1, Brand: "B", Description: "d", Metadata: map[string]string{"x": "y"}}},
		Charges:      []ChargeParams{{Type: PaymentMethodCard, PaymentSourceID: "src_2tUigJ8", Amount: 5000, ReferenceID: "my-ref"}},
	})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders", "", `{"currency":"MXN","customer_info":{"name":"Luis","email":"luis@example.mx","phone":"+5215555555555","corporate":true},
		"line_items":[{"name":"Caja","unit_price":0,"quantity":1,"brand":"B","description":"d","metadata":{"x":"y"}}],
		"charges":[{"amount":5000,"payment_method":{"type":"card","payment_source_id":"src_2tUigJ8"},"reference_id":"my-ref"}]}`)
}

func TestOrdersGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/orders/ord_2tUigJ8DgBhbp6w5D", 200, orderJSON)
	o, err := c.Orders.Get(ctx, "ord_2tUigJ8DgBhbp6w5D")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/orders/ord_2tUigJ8DgBhbp6w5D", "", "")
	assertOrder(t, o)
}

func TestOrdersUpdate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "PUT", "/orders/ord_1", 200, orderJSON)
	o, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{Metadata: map[string]string{"cart": "42"}, CustomerInfo: &CustomerInfo{CustomerID: "cus_9"}})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", "/orders/ord_1", "", `{"customer_info":{"customer_id":"cus_9"},"metadata":{"cart":"42"}}`)
	assertOrder(t, o)
}

func TestOrdersRefund(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/orders/ord_1/refunds", 200, orderJSON)
	o, err := c.Orders.Refund(ctx, "ord_1", &RefundParams{Amount: 10000, Reason: RefundRequestedByClient, ChargeID: "6553fe1d"})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders/ord_1/refunds", "", `{"amount":10000,"reason":"requested_by_client","charge_id":"6553fe1d"}`)
	assertOrder(t, o)
}

func TestOrdersList(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/orders", 200, listJSON(orderJSON, false, ""))
	page, err := c.Orders.List(ctx, &ListParams{Previous: "ord_9"})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/orders", "previous=ord_9", "")
	require.Len(t, page.Data, 1)
	assertOrder(t, page.Data[0])
}

// Every field of a refunded card order decodes, down to the refund.
func TestOrdersRefundDecodesEveryField(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "POST", "/orders/ord_2tVQmcmM6AHTY1oUQ/refunds", 200, refundedCardOrderJSON)
	o, err := c.Orders.Refund(ctx, "ord_2tVQmcmM6AHTY1oUQ", &RefundParams{Amount: 10000, Reason: RefundRequestedByClient})
	require.NoError(t, err)
	at := func(sec int64) Time { return Time{Time: time.Unix(sec, 0).UTC()} }
	want := Order{
		ID: "ord_2tVQmcmM6AHTY1oUQ", Object: "order", Livemode: true, Amount: 30000, AmountRefunded: 10000, Currency: "MXN",
		PaymentStatus: OrderPaymentStatusPartiallyRefunded, IsRefundable: true, CreatedAt: at(1700000000), UpdatedAt: at(1700090000),
		CustomerInfo: OrderCustomer{CustomerID: "cus_2pwMQPxiLJ8WzzqZJ", Name: "User", Email: "user@example.mx", Phone: "5566982096",
			Corporate: true, CustomerCustomReference: "c-7"},
		Metadata: Metadata{"cart": "43"},
		LineItems: &NestedList[OrderLineItem]{Object: "list", Total: 1, Data: []*OrderLineItem{{ID: "line_item_2tVQmcmM6AHTY1oUR", Name: "Caja",
			UnitPrice: 30000, Quantity: 1, SKU: "C-1", Brand: "B", Description: "Caja grande", Tags: []string{"hogar"},
			ParentID: "ord_2tVQmcmM6AHTY1oUQ", Metadata: Metadata{"color": "rojo"}}}},
		Charges: &NestedList[Charge]{Object: "list", Total: 1, Data: []*Charge{{
			ID: "6553fe1d1f1c6f0001a3c1b7", Object: "charge", Livemode: true, Amount: 30000, Currency: "MXN", Status: "partially_refunded",
			OrderID: "ord_2tVQmcmM6AHTY1oUQ", CustomerID: "cus_2pwMQPxiLJ8WzzqZJ", Description: "Payment from order",
			ReferenceID: "my-ref-42", CreatedAt: at(1700000000), PaidAt: at(1700000005),
			PaymentMethod: ChargePaymentMethod{Object: "card_payment", Type: "credit", Last4: "4242", Brand: "visa"},
			Refunds: &NestedList[Refund]{Object: "list", Total: 1, Data: []*Refund{{ID: "6553fe1d1f1c6f0001a3c1c9", Object: "refund", Amount: 10000,
				Currency: "MXN", Status: "refunded", Reason: string(RefundRequestedByClient), CreatedAt: at(1700090000), ExpiresAt: at(1700690000)}}},
		}}},
	}
	assert.Equal(t, want, *o)
	// The fields the review found unchecked, named one by one.
	ch := o.Charges.Data[0]
	assert.Equal(t, "my-ref-42", ch.ReferenceID)
	assert.Equal(t, "4242", ch.PaymentMethod.Last4)
	assert.Equal(t, "visa", ch.PaymentMethod.Brand)
	r := ch.Refunds.Data[0]
	assert.Equal(t, int64(10000), r.Amount)
	assert.Equal(t, "requested_by_client", r.Reason)
	assert.Equal(t, "refunded", r.Status)
	assert.Equal(t, int64(1700690000), r.ExpiresAt.Unix())
}
