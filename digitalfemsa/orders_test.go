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
	assert.Equal(t, ptr(OrderPaymentStatusPendingPayment), o.PaymentStatus)
	assert.False(t, o.IsRefundable)
	assert.Equal(t, int64(1700000000), o.CreatedAt.Unix())
	assert.Equal(t, int64(1700000001), o.UpdatedAt.Unix())
	assert.Equal(t, OrderCustomer{Object: "customer_info", CustomerID: "cus_2pwMQPxiLJ8WzzqZJ", Name: "User", Email: "user@example.mx"}, o.CustomerInfo)
	assert.Equal(t, CustomerInfoInline, o.CustomerInfo.Kind())
	assert.Nil(t, o.SplitPayment)
	assert.Nil(t, o.Channel)
	assert.Nil(t, o.FiscalEntity)
	assert.Nil(t, o.ShippingContact)
	assert.Nil(t, o.Checkout)
	assert.JSONEq(t, `{}`, string(o.PartialReference))
	assert.Nil(t, o.PaymentsInfo)
	assert.Equal(t, Metadata{"cart": "42"}, o.Metadata)
	require.NotNil(t, o.LineItems)
	require.Len(t, o.LineItems.Data, 1)
	li := o.LineItems.Data[0]
	assert.Equal(t, OrderLineItem{ID: "line_item_2tUigJ8DgBhbp6w5E", Object: "line_item", Name: "Recarga", UnitPrice: 15000, Quantity: 2, SKU: "R-1",
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
	assert.Nil(t, ch.FailureCode)
	assert.Nil(t, ch.FailureMessage)
	assert.Nil(t, ch.ReferenceID)
	assert.True(t, ch.PaidAt.IsZero())
	assert.Equal(t, int64(1700000000), ch.CreatedAt.Unix())
	assert.Equal(t, ChargePaymentMethod{Object: "cash_payment", Type: "cash", Reference: "93000262276908",
		BarcodeURL: "https://barcodes.example/93000262276908.png", ExpiresAt: Time{Time: time.Unix(1702592000, 0).UTC()},
		ServiceName: "OxxoPay", StoreName: "OXXO"}, ch.PaymentMethod)
	assert.Equal(t, PaymentKindCash, ch.PaymentMethod.Kind())
	assert.Nil(t, ch.DeviceFingerprint)
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
		ReconcileKey: "cart-42",
	})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders", "", `{"currency":"MXN","customer_info":{"customer_id":"cus_2pwMQPxiLJ8WzzqZJ"},
		"line_items":[{"name":"Recarga","unit_price":15000,"quantity":2,"sku":"R-1","tags":["tiempo aire"]}],
		"charges":[{"payment_method":{"type":"cash","expires_at":`+strconv.FormatInt(exp.Unix(), 10)+`}}],"metadata":{"cart":"42","latampay_key":"cart-42"}}`)
	assertOrder(t, o)
}

func TestOrdersCreateNewCustomer(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/orders", 200, orderJSON)
	_, err := c.Orders.Create(ctx, &OrderParams{
		Currency:     "MXN",
		CustomerInfo: CustomerInfo{Name: "Luis", Email: "luis@example.mx", Phone: "+5215555555555", Corporate: true},
		LineItems:    []LineItem{{Name: "Caja", UnitPrice: 0, Quantity: 1, Brand: "B", Description: "d", Metadata: map[string]string{"x": "y"}}},
		Charges:      []ChargeParams{{Type: PaymentMethodCash, PaymentSourceID: "src_2tUigJ8", Amount: 5000, ReferenceID: "my-ref"}},
		Metadata:     map[string]string{ReconcileMetadataKey: "order:7"},
	})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders", "", `{"currency":"MXN","customer_info":{"name":"Luis","email":"luis@example.mx","phone":"+5215555555555","corporate":true},
		"line_items":[{"name":"Caja","unit_price":0,"quantity":1,"brand":"B","description":"d","metadata":{"x":"y"}}],
		"charges":[{"amount":5000,"payment_method":{"type":"cash","payment_source_id":"src_2tUigJ8"},"reference_id":"my-ref"}],
		"metadata":{"latampay_key":"order:7"}}`)
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

// Every documented field of a refunded cash order decodes, down to the
// refund, its channel, checkout, fiscal entity and shipping contact.
func TestOrdersRefundDecodesEveryField(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "POST", "/orders/ord_2tVQmcmM6AHTY1oUQ/refunds", 200, refundedOrderJSON)
	o, err := c.Orders.Refund(ctx, "ord_2tVQmcmM6AHTY1oUQ", &RefundParams{Amount: 10000, Reason: RefundRequestedByClient})
	require.NoError(t, err)
	at := func(sec int64) Time { return Time{Time: time.Unix(sec, 0).UTC()} }
	str := func(s string) *string { return &s }
	yes, no := true, false
	channel := &Channel{ID: "channel_2tNDzhA4Akmzj11AU", Segment: "Checkout", CheckoutRequestID: "6fca054a-8519-4c43-971e-cea35cc519bb", CheckoutRequestType: "HostedPayment"}
	want := Order{
		ID: "ord_2tVQmcmM6AHTY1oUQ", Object: "order", Livemode: true, Amount: 30000, AmountRefunded: 10000, Currency: "MXN",
		PaymentStatus: ptr(OrderPaymentStatusPartiallyRefunded), SplitPayment: &no, IsRefundable: true, CreatedAt: at(1700000000), UpdatedAt: at(1700090000),
		CustomerInfo: OrderCustomer{Object: "customer_info", CustomerID: "cus_2pwMQPxiLJ8WzzqZJ", Name: "User", Email: "user@example.mx", Phone: "5566982096",
			Corporate: true, CustomerCustomReference: str("c-7")},
		ShippingContact: &ShippingContactInfo{ID: "ship_cont_1234567890", Object: "shipping_contact", CreatedAt: at(1675715413), Phone: "+525511223344",
			Receiver: "Marvin Fuller", BetweenStreets: str("Ackerman Crescent"), ParentID: "cus_2pwMQPxiLJ8WzzqZJ", Default: &no, Deleted: &no,
			Metadata: Metadata{"floor": "2"},
			Address: &PostalAddress{Object: "shipping_address", Street1: "Nuevo Leon 254", Street2: str("Departamento 404"), PostalCode: "06100",
				City: "Ciudad de Mexico", State: "Ciudad de Mexico", Country: "MX", Residential: &yes}},
		Channel: channel,
		FiscalEntity: &OrderFiscalEntity{ID: "fis_ent_2tN85VYaSMyDvjB3M", Object: "fiscal_entity", CreatedAt: at(1676328434), Name: str("Femsa Inc"),
			TaxID: str("324234234"), Email: str("billing@example.mx"), Phone: nil, Metadata: Metadata{},
			Address: &PostalAddress{Object: "fiscal_entity_address", Street1: "Nuevo Leon 254", ExternalNumber: "123", PostalCode: "06100",
				City: "Ciudad de Mexico", State: "Ciudad de Mexico", Country: "MX"}},
		Checkout: &OrderCheckout{ID: "6fca054a-8519-4c43-971e-cea35cc519bb", Object: "checkout", Name: "ord-2tNDzhA4Akmzj11AS", Type: "HostedPayment",
			Status: "Issued", URL: "https://pay.digitalfemsa.io/checkout/6fca054a85194c43971ecea35cc519bb", Slug: "6fca054a85194c43971ecea35cc519bb",
			AllowedPaymentMethods: []string{"cash"}, OnDemandEnabled: &yes, IsRedirectOnFailure: true, SuccessURL: "https://shop.example/ok",
			FailureURL: "https://shop.example/ko", StartsAt: at(1676354400), ExpiresAt: at(1676613599), EmailsSent: 1, SMSSent: 2,
			Recurrent: true, CanNotExpire: true, NeedsShippingContact: true, Metadata: Metadata{"k": "v"}},
		Metadata: Metadata{"cart": "43"},
		LineItems: &NestedList[OrderLineItem]{Object: "list", Total: 1, NextPageURL: str("https://api.digitalfemsa.io/orders/ord_2tVQmcmM6AHTY1oUQ/line_items?limit=1&next=line_item_2tVQmcmM6AHTY1oUR"),
			PreviousPageURL: str("https://api.digitalfemsa.io/orders/ord_2tVQmcmM6AHTY1oUQ/line_items?limit=1&previous=line_item_2tVQmcmM6AHTY1oUR"),
			Data: []*OrderLineItem{{ID: "line_item_2tVQmcmM6AHTY1oUR", Object: "line_item", Name: "Caja",
				UnitPrice: 30000, Quantity: 1, SKU: "C-1", Brand: "B", Description: "Caja grande", Tags: []string{"hogar"},
				ParentID: "ord_2tVQmcmM6AHTY1oUQ", Metadata: Metadata{"color": "rojo"}}}},
		DiscountLines: &NestedList[DiscountLineInfo]{Object: "list", Data: []*DiscountLineInfo{{ID: "dis_lin_2tQQ58HPgPw7StE8z", Object: "discount_line",
			Amount: 500, Code: "PROMO", Type: "coupon", ParentID: "ord_2tVQmcmM6AHTY1oUQ"}}},
		Charges: &NestedList[Charge]{Object: "list", Total: 1, Data: []*Charge{{
			ID: "6553fe1d1f1c6f0001a3c1b7", Object: "charge", Livemode: true, Amount: 30000, Currency: "MXN", Status: "partially_refunded",
			OrderID: "ord_2tVQmcmM6AHTY1oUQ", CustomerID: "cus_2pwMQPxiLJ8WzzqZJ", Description: "Payment from order",
			DeviceFingerprint: str("fp_123"), IsRefundable: true, Channel: channel,
			ReferenceID: str("my-ref-42"), CreatedAt: at(1700000000), PaidAt: at(1700000005),
			PaymentMethod: ChargePaymentMethod{Object: "cash_payment", Type: "cash", Reference: "93000262276908",
				BarcodeURL: "https://barcodes.example/93000262276908.png", ExpiresAt: at(1702592000), ServiceName: "OxxoPay", StoreName: "OXXO",
				AuthCode: str("542563"), CashierID: str("OINM01010"), Store: str("10MON50ABC")},
			Refunds: &NestedList[Refund]{Object: "list", Total: 1, Data: []*Refund{{ID: "6553fe1d1f1c6f0001a3c1c9", Object: "refund", Amount: -10000,
				Currency: "MXN", Status: "refunded", Reason: string(RefundRequestedByClient), AuthCode: "867372",
				PayoutID: "6fca054a-8519-4c43-971e-cea35cc519bb", Reference: "12002000778626", CreatedAt: at(1700090000), ExpiresAt: at(1700690000)}}},
		}}},
		PartialReference: []byte(`{"min_amount":1000}`),
		PaymentsInfo:     []byte(`{"paid":1}`),
	}
	assert.Equal(t, want, *o)
	assert.Equal(t, PaymentKindCash, o.Charges.Data[0].PaymentMethod.Kind())
}

// The union objects: payment_method by object and type, customer_info by
// shape.
func TestUnionKinds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		m    ChargePaymentMethod
		want PaymentMethodKind
	}{
		{ChargePaymentMethod{Object: "cash_payment"}, PaymentKindCash},
		{ChargePaymentMethod{Object: "payment_source", Type: "cash"}, PaymentKindCash},
		{ChargePaymentMethod{Object: "payment_source", Type: "oxxo_recurrent"}, PaymentKindCash},
		{ChargePaymentMethod{Object: "payment_source", Type: "spei_2"}, PaymentKindUnknown},
		{ChargePaymentMethod{Object: "card_payment", Type: "credit"}, PaymentKindCard},
		{ChargePaymentMethod{Object: "payment_source", Type: "card"}, PaymentKindCard},
		{ChargePaymentMethod{}, PaymentKindUnknown},
	} {
		assert.Equal(t, tc.want, tc.m.Kind(), "%+v", tc.m)
	}
	assert.Equal(t, CustomerInfoByID, (&OrderCustomer{CustomerID: "cus_1"}).Kind())
	assert.Equal(t, CustomerInfoInline, (&OrderCustomer{CustomerID: "cus_1", Name: "A", Email: "a@b.mx"}).Kind())
	assert.Equal(t, CustomerInfoInline, (&OrderCustomer{Name: "A", Email: "a@b.mx"}).Kind())
}

// The answer's object must be the kind asked for; unknown fields never
// fail a decode.
func TestObjectKindIsChecked(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", "/orders/ord_1", 200, `{"id":"6553fe1d1f1c6f0001a3c1a2","object":"charge","amount":1}`)
	_, err := c.Orders.Get(ctx, "ord_1")
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), `"charge"`)

	respond(mt, "POST", "/orders", 200, `{"id":"6553fe1d1f1c6f0001a3c1a2","object":"charge","amount":1}`)
	_, err = c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: []LineItem{{Name: "a", Quantity: 1}}})
	require.ErrorIs(t, err, ErrMalformedResponse)
	require.ErrorIs(t, err, ErrOutcomeUnknown, "a POST answered with another object may have created the order")

	respond(mt, "GET", "/orders", 200, listJSON(`{"id":"cus_1","object":"customer"}`, false, ""))
	_, err = c.Orders.List(ctx, nil)
	require.ErrorIs(t, err, ErrMalformedResponse)

	respond(mt, "GET", "/customers/cus_1", 200, `{"id":"cus_1","object":"customer","brand_new_field":{"x":[1,2]},"created_at":1,"livemode":false}`)
	cus, err := c.Customers.Get(ctx, "cus_1")
	require.NoError(t, err)
	assert.Equal(t, "cus_1", cus.ID)

	respond(mt, "GET", "/payout_orders/po_1", 200, `{"id":"po_1","object":"order"}`)
	_, err = c.PayoutOrders.Get(ctx, "po_1")
	require.ErrorIs(t, err, ErrMalformedResponse)
	respond(mt, "GET", "/events/ev_1", 200, `{"id":"ev_1","object":"webhook"}`)
	_, err = c.Events.Get(ctx, "ev_1")
	require.ErrorIs(t, err, ErrMalformedResponse)
}

// A charge reads its own decline: declined, and soft when its failure
// code says a later attempt may succeed.
func TestChargeDecline(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		ch             Charge
		declined, soft bool
	}{
		{Charge{Status: ChargeStatusPaid}, false, false},
		{Charge{Status: ChargeStatusPendingPayment}, false, false},
		{Charge{Status: ChargeStatusDeclined}, true, false}, // failure_code null
		{Charge{Status: ChargeStatusDeclined, FailureCode: ptr("")}, true, false},
		{Charge{Status: ChargeStatusDeclined, FailureCode: ptr("suspected_fraud")}, true, false},
		{Charge{Status: ChargeStatusDeclined, FailureCode: ptr("insufficient_funds")}, true, true},
		{Charge{Status: ChargeStatusDeclined, FailureCode: ptr("conekta.errors.processing.charge.try_again")}, true, true},
		{Charge{Status: ChargeStatusPaid, FailureCode: ptr("insufficient_funds")}, false, false},
	} {
		assert.Equal(t, tc.declined, tc.ch.Declined(), "%+v", tc.ch)
		assert.Equal(t, tc.soft, tc.ch.SoftDecline(), "%+v", tc.ch)
	}
}
