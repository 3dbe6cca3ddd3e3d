package culqi

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const refundJSON = `{"object":"refund","id":"ref_test_rXPsaM3AmvuRrHIh","charge_id":"chr_test_P7iMnBgIKgL2Q9UN",
"creation_date":1615131780000,"amount":100,"reason":"Devolución solicitada por el comercio","metadata":{}}`

func TestRefunds(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/refunds", 201, refundJSON)
	ref, err := c.Refunds.Create(ctx, &RefundParams{Amount: 100, ChargeID: "chr_test_P7iMnBgIKgL2Q9UN", Reason: ReasonCustomerRequest,
		Metadata: map[string]string{"ticket": "T-1"}, ReconcileKey: "devolucion:T-1"})
	require.NoError(t, err)
	r, body := cr.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.JSONEq(t, `{"amount":100,"charge_id":"chr_test_P7iMnBgIKgL2Q9UN","reason":"solicitud_comprador",
		"metadata":{"ticket":"T-1","latampay_key":"devolucion:T-1"}}`, body)
	assert.Equal(t, Refund{Object: "refund", ID: "ref_test_rXPsaM3AmvuRrHIh", ChargeID: "chr_test_P7iMnBgIKgL2Q9UN",
		CreationDate: Time{Time: ms(1615131780000)}, Amount: 100, Reason: "Devolución solicitada por el comercio"}, withNilMeta(*ref))

	on(mt, "GET", "https://api.culqi.com/v2/refunds/ref_test_rXPsaM3AmvuRrHIh", 200, refundJSON)
	got, err := c.Refunds.Get(ctx, "ref_test_rXPsaM3AmvuRrHIh")
	require.NoError(t, err)
	assert.Equal(t, int64(100), got.Amount)
	up := on(mt, "PATCH", "https://api.culqi.com/v2/refunds/ref_test_rXPsaM3AmvuRrHIh", 200, refundJSON)
	_, err = c.Refunds.Update(ctx, "ref_test_rXPsaM3AmvuRrHIh", &MetadataParams{Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"metadata":{"a":"b"}}`, body)
	ls := on(mt, "GET", "https://api.culqi.com/v2/refunds", 200, `{"data":[`+refundJSON+`],"paging":{"cursors":{"after":"ref_test_rXPsaM3AmvuRrHIh"},"remaining_items":null}}`)
	p, err := c.Refunds.List(ctx, &RefundListParams{Reason: ReasonDuplicate})
	require.NoError(t, err)
	assert.Len(t, p.Data, 1)
	assert.True(t, p.HasMore) // no limit, a cursor, remaining unknown
	r, _ = ls.Last(t)
	assert.Equal(t, "reason=duplicado", r.URL.RawQuery)
}

func withNilMeta(r Refund) Refund { r.Metadata = nil; return r }

const customerJSON = `{"object":"customer","id":"cus_test_w4Fk5qQS34e1dASb","creation_date":1615131750655,"email":"richard@piedpiper.com",
"antifraud_details":{"first_name":"Richard","last_name":"Piedpiper","address":"Avenida Lima 123","address_city":"LIMA","country_code":"PE","phone":"+51998989789","object":"client"},
"metadata":{},"cards":[{"object":"card","id":"crd_test_SevqN2Spqz9j6xXE","active":true,"creation_date":1589341016618,"customer_id":"cus_test_w4Fk5qQS34e1dASb","source":` + tokenJSON + `,"metadata":{"ZDA":true}}]}`

func TestCustomers(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/customers", 201, customerJSON)
	cus, err := c.Customers.Create(ctx, &CustomerParams{FirstName: "Richard", LastName: "Piedpiper", Email: "richard@piedpiper.com",
		Address: "Avenida Lima 123", AddressCity: "LIMA", CountryCode: "PE", PhoneNumber: "+51998989789", Metadata: map[string]string{"vip": "1"}})
	require.NoError(t, err)
	r, body := cr.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.JSONEq(t, `{"first_name":"Richard","last_name":"Piedpiper","email":"richard@piedpiper.com","address":"Avenida Lima 123",
		"address_city":"LIMA","country_code":"PE","phone_number":"+51998989789","metadata":{"vip":"1"}}`, body)
	assert.Equal(t, "cus_test_w4Fk5qQS34e1dASb", cus.ID)
	assert.Equal(t, "customer", cus.Object)
	assert.Equal(t, ms(1615131750655), cus.CreationDate.Time)
	assert.Equal(t, "richard@piedpiper.com", cus.Email)
	assert.Equal(t, AntifraudDetails{FirstName: "Richard", LastName: "Piedpiper", Address: "Avenida Lima 123", AddressCity: "LIMA",
		CountryCode: "PE", Phone: "+51998989789", Object: "client"}, *cus.AntifraudDetails)
	require.Len(t, cus.Cards, 1)
	assert.Equal(t, "crd_test_SevqN2Spqz9j6xXE", cus.Cards[0].ID)
	assert.Equal(t, "true", cus.Cards[0].Metadata["ZDA"])

	up := on(mt, "PATCH", "https://api.culqi.com/v2/customers/cus_test_w4Fk5qQS34e1dASb", 200, customerJSON)
	_, err = c.Customers.Update(ctx, "cus_test_w4Fk5qQS34e1dASb", &CustomerUpdateParams{AddressCity: "CUSCO", Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"address_city":"CUSCO","metadata":{"a":"b"}}`, body)

	on(mt, "GET", "https://api.culqi.com/v2/customers/cus_test_w4Fk5qQS34e1dASb", 200, customerJSON)
	_, err = c.Customers.Get(ctx, "cus_test_w4Fk5qQS34e1dASb")
	require.NoError(t, err)
	dl := on(mt, "DELETE", "https://api.culqi.com/v2/customers/cus_test_w4Fk5qQS34e1dASb", 200,
		`{"id":"cus_test_w4Fk5qQS34e1dASb","deleted":true,"merchant_message":"Se eliminó el cliente"}`)
	require.NoError(t, c.Customers.Delete(ctx, "cus_test_w4Fk5qQS34e1dASb"))
	r, body = dl.Last(t)
	assertHeaders(t, r, testSK, false)
	assert.Empty(t, body)
	ls := on(mt, "GET", "https://api.culqi.com/v2/customers", 200, `{"data":[],"paging":{"previous":null,"next":null,"cursors":{"before":null,"after":null},"remaining_items":0}}`)
	_, err = c.Customers.List(ctx, &CustomerListParams{Email: "richard@piedpiper.com", Limit: 5})
	require.NoError(t, err)
	r, _ = ls.Last(t)
	assert.Equal(t, "email=richard%40piedpiper.com&limit=5", r.URL.RawQuery)
}

const cardJSON = `{"object":"card","id":"crd_test_SevqN2Spqz9j6xXE","active":true,"creation_date":1589341016618,
"customer_id":"cus_test_rMP2wkRXZeZ1rthC","source":` + tokenJSON + `,"metadata":{}}`

func TestCards(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/cards", 201, cardJSON)
	f := false
	card, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_test_rMP2wkRXZeZ1rthC", TokenID: "tkn_test_cQLnnGuahVeZOr9P",
		Validate: &f, Metadata: map[string]string{"alias": "personal"}})
	require.NoError(t, err)
	r, body := cr.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.JSONEq(t, `{"customer_id":"cus_test_rMP2wkRXZeZ1rthC","token_id":"tkn_test_cQLnnGuahVeZOr9P","validate":false,"metadata":{"alias":"personal"}}`, body)
	assert.Equal(t, "crd_test_SevqN2Spqz9j6xXE", card.ID)
	assert.Equal(t, "card", card.Object)
	assert.True(t, card.Active)
	assert.Equal(t, ms(1589341016618), card.CreationDate.Time)
	assert.Equal(t, "cus_test_rMP2wkRXZeZ1rthC", card.CustomerID)
	assert.Equal(t, "411111******1111", card.Source.CardNumber)

	up := on(mt, "PATCH", "https://api.culqi.com/v2/cards/crd_test_SevqN2Spqz9j6xXE", 200, cardJSON)
	_, err = c.Cards.Update(ctx, "crd_test_SevqN2Spqz9j6xXE", &CardUpdateParams{TokenID: "tkn_test_new", Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"token_id":"tkn_test_new","metadata":{"a":"b"}}`, body)
	on(mt, "GET", "https://api.culqi.com/v2/cards/crd_test_SevqN2Spqz9j6xXE", 200, cardJSON)
	_, err = c.Cards.Get(ctx, "crd_test_SevqN2Spqz9j6xXE")
	require.NoError(t, err)
	on(mt, "DELETE", "https://api.culqi.com/v2/cards/crd_test_SevqN2Spqz9j6xXE", 200, `{"id":"crd_test_SevqN2Spqz9j6xXE","deleted":true}`)
	require.NoError(t, c.Cards.Delete(ctx, "crd_test_SevqN2Spqz9j6xXE"))
	on(mt, "GET", "https://api.culqi.com/v2/cards", 200, `{"data":[`+cardJSON+`],"paging":{"cursors":{"after":"crd_test_SevqN2Spqz9j6xXE"},"remaining_items":0}}`)
	p, err := c.Cards.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, p.Data, 1)
	assert.False(t, p.HasMore)
}

func TestCardsDeclineAndReview(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "POST", "https://api.culqi.com/v2/cards", 400, `{"object":"error","type":"card_error","charge_id":"chr_test_v","code":"card_declined",
		"decline_code":"lost_card","merchant_message":"Tarjeta perdida","user_message":"Rechazada"}`)
	_, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_x", TokenID: "tkn_x"})
	var ce *Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 400, ce.StatusCode)
	assert.Equal(t, DeclineLostCard, ce.DeclineCode)
	assert.Equal(t, "chr_test_v", ce.ChargeID)

	c2, mt2 := setup(t)
	on(mt2, "POST", "https://api.culqi.com/v2/cards", 200, `{"action_code":"REVIEW"}`)
	card, err := c2.Cards.Create(ctx, &CardParams{CustomerID: "cus_x", TokenID: "tkn_x"})
	assert.ErrorIs(t, err, ErrAuthenticationRequired)
	assert.Equal(t, "REVIEW", card.ActionCode)
}

const planJSON = `{"id":"pln_test_ABCDEFGHIJKLMNOP","interval_unit_time":3,"interval_count":1,"amount":2990,"name":"Plan mensual",
"description":"Suscripción mensual","short_name":"plan-mensual","currency":"PEN",
"initial_cycles":{"count":1,"has_initial_charge":true,"amount":500,"interval_unit_time":3},
"metadata":{"k":"v"},"total_subscriptions":2,"status":1,"creation_date":1715131750655,"slug":"plan-mensual","image":"https://x.pe/i.png"}`

func TestPlans(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/recurrent/plans/create", 201, planJSON)
	p, err := c.Plans.Create(ctx, &PlanParams{Name: "Plan mensual", ShortName: "plan-mensual", Description: "Suscripción mensual",
		Amount: 2990, Currency: "PEN", IntervalUnitTime: IntervalMonthly, IntervalCount: 1,
		InitialCycles: InitialCycles{Count: 1, HasInitialCharge: true, Amount: 500, IntervalUnitTime: IntervalMonthly},
		Image:         "https://x.pe/i.png", Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	_, body := cr.Last(t)
	assert.JSONEq(t, `{"name":"Plan mensual","short_name":"plan-mensual","description":"Suscripción mensual","amount":2990,"currency":"PEN",
		"interval_unit_time":3,"interval_count":1,"initial_cycles":{"count":1,"has_initial_charge":true,"amount":500,"interval_unit_time":3},
		"image":"https://x.pe/i.png","metadata":{"k":"v"}}`, body)
	assert.Equal(t, Plan{ID: "pln_test_ABCDEFGHIJKLMNOP", Name: "Plan mensual", ShortName: "plan-mensual", Description: "Suscripción mensual",
		Amount: 2990, Currency: "PEN", IntervalUnitTime: 3, IntervalCount: 1,
		InitialCycles: &InitialCycles{Count: 1, HasInitialCharge: true, Amount: 500, IntervalUnitTime: 3}, Image: "https://x.pe/i.png",
		Metadata: Metadata{"k": "v"}, TotalSubscriptions: 2, Status: PlanStatusActive, CreationDate: Time{Time: ms(1715131750655)}, Slug: "plan-mensual"}, *p)

	up := on(mt, "PATCH", "https://api.culqi.com/v2/recurrent/plans/pln_test_ABCDEFGHIJKLMNOP", 200, planJSON)
	_, err = c.Plans.Update(ctx, "pln_test_ABCDEFGHIJKLMNOP", &PlanUpdateParams{Status: PlanStatusInactive, Name: "Nuevo nombre"})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"name":"Nuevo nombre","status":2}`, body)
	on(mt, "GET", "https://api.culqi.com/v2/recurrent/plans/pln_test_ABCDEFGHIJKLMNOP", 200, planJSON)
	_, err = c.Plans.Get(ctx, "pln_test_ABCDEFGHIJKLMNOP")
	require.NoError(t, err)
	on(mt, "DELETE", "https://api.culqi.com/v2/recurrent/plans/pln_test_ABCDEFGHIJKLMNOP", 200, `{"id":"pln_test_ABCDEFGHIJKLMNOP","deleted":true}`)
	require.NoError(t, c.Plans.Delete(ctx, "pln_test_ABCDEFGHIJKLMNOP"))
	ls := on(mt, "GET", "https://api.culqi.com/v2/recurrent/plans", 200, `{"data":[`+planJSON+`],"paging":{"cursors":{"after":"pln_test_ABCDEFGHIJKLMNOP"},"remaining_items":0}}`)
	_, err = c.Plans.List(ctx, &PlanListParams{Status: 1, MinAmount: 100})
	require.NoError(t, err)
	r, _ := ls.Last(t)
	assert.Equal(t, "min_amount=100&status=1", r.URL.RawQuery)
}

const subJSON = `{"id":"sxn_test_ABCDEFGHIJKLMNOP","status":1,"creation_date":1715131750655,"next_billing_date":1717810150655,
"current_period":1,"trial_start":null,"trial_end":null,"active_card":"crd_test_SevqN2Spqz9j6xXE","plan":` + planJSON + `,
"periods":[{"period":1}],"metadata":{}}`

func TestSubscriptions(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/recurrent/subscriptions/create", 201, subJSON)
	s, err := c.Subscriptions.Create(ctx, &SubscriptionParams{CardID: "crd_test_SevqN2Spqz9j6xXE", PlanID: "pln_test_ABCDEFGHIJKLMNOP",
		TermsAccepted: true, Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	_, body := cr.Last(t)
	assert.JSONEq(t, `{"card_id":"crd_test_SevqN2Spqz9j6xXE","plan_id":"pln_test_ABCDEFGHIJKLMNOP","tyc":true,"metadata":{"k":"v"}}`, body)
	assert.Equal(t, "sxn_test_ABCDEFGHIJKLMNOP", s.ID)
	assert.Equal(t, 1, s.Status)
	assert.Equal(t, ms(1717810150655), s.NextBillingDate.Time)
	assert.True(t, s.TrialStart.IsZero())
	assert.JSONEq(t, `"crd_test_SevqN2Spqz9j6xXE"`, string(s.ActiveCard))
	assert.JSONEq(t, `[{"period":1}]`, string(s.Periods))
	assert.Equal(t, int64(2990), s.Plan.Amount)

	up := on(mt, "PATCH", "https://api.culqi.com/v2/recurrent/subscriptions/sxn_test_ABCDEFGHIJKLMNOP", 200, subJSON)
	_, err = c.Subscriptions.Update(ctx, "sxn_test_ABCDEFGHIJKLMNOP", &SubscriptionUpdateParams{CardID: "crd_test_new"})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"card_id":"crd_test_new"}`, body)
	on(mt, "GET", "https://api.culqi.com/v2/recurrent/subscriptions/sxn_test_ABCDEFGHIJKLMNOP", 200, subJSON)
	_, err = c.Subscriptions.Get(ctx, "sxn_test_ABCDEFGHIJKLMNOP")
	require.NoError(t, err)
	on(mt, "DELETE", "https://api.culqi.com/v2/recurrent/subscriptions/sxn_test_ABCDEFGHIJKLMNOP", 200,
		`{"id":"sxn_test_ABCDEFGHIJKLMNOP","deleted":true,"merchant_message":"Se canceló"}`)
	res, err := c.Subscriptions.Cancel(ctx, "sxn_test_ABCDEFGHIJKLMNOP")
	require.NoError(t, err)
	assert.Equal(t, DeleteResult{ID: "sxn_test_ABCDEFGHIJKLMNOP", Deleted: true, MerchantMessage: "Se canceló"}, *res)
	ls := on(mt, "GET", "https://api.culqi.com/v2/recurrent/subscriptions", 200, `{"data":[],"paging":{"remaining_items":0}}`)
	_, err = c.Subscriptions.List(ctx, &SubscriptionListParams{PlanID: "pln_x"})
	require.NoError(t, err)
	r, _ := ls.Last(t)
	assert.Equal(t, "plan_id=pln_x", r.URL.RawQuery)
}

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

func TestEventsAndParseWebhook(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "GET", "https://api.culqi.com/v2/events/evt_test_1", 200,
		`{"object":"event","id":"evt_test_1","type":"charge.creation.succeeded","creation_date":1507073604156,"data":{"object":"charge","id":"chr_test_1","amount":500}}`)
	ev, err := c.Events.Get(ctx, "evt_test_1")
	require.NoError(t, err)
	assert.Equal(t, EventChargeCreationSucceeded, ev.Type)
	assert.Equal(t, ms(1507073604156), ev.CreationDate.Time)
	var ch Charge
	require.NoError(t, ev.DecodeData(&ch))
	assert.Equal(t, int64(500), ch.Amount)
	ls := on(mt, "GET", "https://api.culqi.com/v2/events", 200, `{"data":[],"paging":{"previous":null,"next":null,"cursors":{"before":null,"after":null},"remaining_items":0}}`)
	p, err := c.Events.List(ctx, &EventListParams{Type: EventOrderStatusChanged})
	require.NoError(t, err)
	assert.Empty(t, p.Data)
	r, _ := ls.Last(t)
	assert.Equal(t, "type=order.status.changed", r.URL.RawQuery)

	for _, body := range []string{
		`{"object":"event","id":"evt_1","type":"order.status.changed","creation_date":1507073604156,"data":{"object":"order","id":"ord_1"}}`,
		`{"object":"event","id":"evt_1","type":"order.status.changed","creation_date":1507073604156,"data":"{\"object\":\"order\",\"id\":\"ord_1\"}"}`,
	} {
		ev, err := ParseWebhook([]byte(body))
		require.NoError(t, err)
		assert.Equal(t, "order", ev.DataObject())
		assert.Equal(t, "ord_1", ev.DataID())
		var o Order
		require.NoError(t, ev.DecodeData(&o))
		assert.Equal(t, "ord_1", o.ID)
		b, err := json.Marshal(ev)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"data":{"object":"order"`)
	}
	for _, bad := range []string{``, `nope`, `{"object":"charge","id":"chr_1"}`, `{"object":"event"}`, `{"type":"x","data":"{not json"}`} {
		_, err := ParseWebhook([]byte(bad))
		assert.ErrorIs(t, err, ErrMalformedResponse, bad)
	}
}

func TestLegacyIinsTransfers(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/plans", 201, `{"object":"plan","id":"pln_test_1","creation_date":1615131813000,"name":"Plan Prueba",
		"amount":1000,"currency_code":"PEN","interval_count":2,"interval":"Días","limit":10,"trial_days":30,"total_subscriptions":0,"metadata":{}}`)
	lp, err := c.LegacyPlans.Create(ctx, &LegacyPlanParams{Name: "Plan Prueba", Amount: 1000, CurrencyCode: "PEN", Interval: LegacyIntervalDays,
		IntervalCount: 2, Limit: 10, TrialDays: 30})
	require.NoError(t, err)
	_, body := cr.Last(t)
	assert.JSONEq(t, `{"name":"Plan Prueba","amount":1000,"currency_code":"PEN","interval":"dias","interval_count":2,"limit":10,"trial_days":30}`, body)
	assert.Equal(t, "Días", lp.Interval)
	sc := on(mt, "POST", "https://api.culqi.com/v2/subscriptions", 201, `{"object":"subscription","id":"sub_test_1","status":"Activa","cancel_at":null,"charges":[]}`)
	ls, err := c.LegacySubscriptions.Create(ctx, &LegacySubscriptionParams{CardID: "crd_1", PlanID: "pln_test_1"})
	require.NoError(t, err)
	assert.Equal(t, "Activa", ls.Status)
	_, body = sc.Last(t)
	assert.JSONEq(t, `{"card_id":"crd_1","plan_id":"pln_test_1"}`, body)

	on(mt, "GET", "https://api.culqi.com/v2/iins/411111", 200, `{"object":"iin","bin":"411111","card_brand":"Visa"}`)
	iin, err := c.Iins.Get(ctx, "411111")
	require.NoError(t, err)
	assert.Equal(t, "Visa", iin.CardBrand)
	on(mt, "GET", "https://api.culqi.com/v2/transfers/trf_1", 200, `{"object":"transfer","id":"trf_1","amount":5}`)
	tr, err := c.Transfers.Get(ctx, "trf_1")
	require.NoError(t, err)
	assert.Equal(t, "trf_1", tr.ID)
	assert.JSONEq(t, `{"object":"transfer","id":"trf_1","amount":5}`, string(tr.Raw))
}

// API.md §3: a PATCH that only sets metadata is retried like a GET; one
// that sets anything else is not repeated once it may have reached Culqi.
func TestUpdatesRetriedOnlyWhenMetadataOnly(t *testing.T) {
	t.Parallel()
	md := map[string]string{"k": "v"}
	later := time.Now().Add(48 * time.Hour)
	cases := []struct {
		name, url, answer string
		metadataOnly      bool
		call              func(c *Client) error
	}{
		{"customer metadata", "/v2/customers/cus_1", customerJSON, true, func(c *Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{Metadata: md})
			return err
		}},
		{"customer fields", "/v2/customers/cus_1", customerJSON, false, func(c *Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{AddressCity: "Cusco", Metadata: md})
			return err
		}},
		{"plan metadata", "/v2/recurrent/plans/pln_1", `{"id":"pln_1"}`, true, func(c *Client) error {
			_, err := c.Plans.Update(ctx, "pln_1", &PlanUpdateParams{Metadata: md})
			return err
		}},
		{"plan status", "/v2/recurrent/plans/pln_1", `{"id":"pln_1"}`, false, func(c *Client) error {
			_, err := c.Plans.Update(ctx, "pln_1", &PlanUpdateParams{Status: PlanStatusInactive})
			return err
		}},
		{"plan name", "/v2/recurrent/plans/pln_1", `{"id":"pln_1"}`, false, func(c *Client) error {
			_, err := c.Plans.Update(ctx, "pln_1", &PlanUpdateParams{Name: "Plan nuevo", Metadata: md})
			return err
		}},
		{"subscription metadata", "/v2/recurrent/subscriptions/sxn_1", `{"id":"sxn_1"}`, true, func(c *Client) error {
			_, err := c.Subscriptions.Update(ctx, "sxn_1", &SubscriptionUpdateParams{Metadata: md})
			return err
		}},
		{"subscription card", "/v2/recurrent/subscriptions/sxn_1", `{"id":"sxn_1"}`, false, func(c *Client) error {
			_, err := c.Subscriptions.Update(ctx, "sxn_1", &SubscriptionUpdateParams{CardID: "crd_2"})
			return err
		}},
		{"order metadata", "/v2/orders/ord_1", `{"object":"order","id":"ord_1"}`, true, func(c *Client) error {
			_, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{Metadata: md})
			return err
		}},
		{"order expiration", "/v2/orders/ord_1", `{"object":"order","id":"ord_1"}`, false, func(c *Client) error {
			_, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{ExpirationDate: later})
			return err
		}},
		{"card metadata", "/v2/cards/crd_1", cardJSON, true, func(c *Client) error {
			_, err := c.Cards.Update(ctx, "crd_1", &CardUpdateParams{Metadata: md})
			return err
		}},
		{"card token", "/v2/cards/crd_1", cardJSON, false, func(c *Client) error {
			_, err := c.Cards.Update(ctx, "crd_1", &CardUpdateParams{TokenID: "tkn_2"})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			mt.RegisterResponder("PATCH", "https://api.culqi.com"+tc.url,
				httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`).Then(httpmock.NewStringResponder(200, tc.answer)))
			err := tc.call(c)
			if tc.metadataOnly {
				require.NoError(t, err)
				assert.Equal(t, 2, mt.GetTotalCallCount())
				return
			}
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			var ce *Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, 503, ce.StatusCode)
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}
