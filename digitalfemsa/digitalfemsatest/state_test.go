package digitalfemsatest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// The typed state is what the API answers: each list and lookup equals
// the SDK's own GET of the same object, and metadata lookups find exactly
// the objects carrying the entry.
func TestTypedState(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	assert.Empty(t, srv.Orders())
	assert.Empty(t, srv.Charges())

	cus, err := c.Customers.Create(bg, &digitalfemsa.CustomerParams{Name: "Ana", Email: "ana@example.mx", Metadata: map[string]string{"tier": "gold"}})
	require.NoError(t, err)
	other := newCustomer(t, c)
	items := []digitalfemsa.LineItem{{Name: "x", UnitPrice: 1000, Quantity: 1}}
	o, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID}, LineItems: items,
		Charges: []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}}, ReconcileKey: "cart-1"})
	require.NoError(t, err)
	o2, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: other.ID}, LineItems: items,
		ReconcileKey: "cart-2"})
	require.NoError(t, err)
	po, err := c.PayoutOrders.Create(bg, &digitalfemsa.PayoutOrderParams{Amount: 5000, CustomerID: cus.ID, Reason: "r",
		Metadata: map[string]string{"batch": "7"}})
	require.NoError(t, err)
	_, err = srv.MarkOrderPaid(o.ID)
	require.NoError(t, err)
	wh, err := c.Webhooks.Create(bg, &digitalfemsa.WebhookParams{URL: "https://shop.example/hooks"})
	require.NoError(t, err)
	chk, err := c.Checkouts.Create(bg, &digitalfemsa.CheckoutParams{Name: "L", ExpiresAt: time.Now().Add(72 * time.Hour),
		OrderTemplate: digitalfemsa.CheckoutOrderTemplate{LineItems: items}})
	require.NoError(t, err)

	// Customers.
	gotCus, err := c.Customers.Get(bg, cus.ID)
	require.NoError(t, err)
	typedCus, ok := srv.Customer(cus.ID)
	require.True(t, ok)
	assert.Equal(t, gotCus, typedCus)
	assert.Len(t, srv.Customers(), 2)
	assert.Equal(t, []*digitalfemsa.Customer{typedCus}, srv.CustomersWithMetadata("tier", "gold"))
	assert.Empty(t, srv.CustomersWithMetadata("tier", "silver"))

	// Orders, paid since the create: the state is the current one.
	gotOrder, err := c.Orders.Get(bg, o.ID)
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), gotOrder.PaymentStatus)
	typedOrder, ok := srv.Order(o.ID)
	require.True(t, ok)
	assert.Equal(t, gotOrder, typedOrder)
	require.Len(t, srv.Orders(), 2)
	assert.Equal(t, o2.ID, srv.Orders()[1].ID)
	found := srv.OrdersWithMetadata(digitalfemsa.ReconcileMetadataKey, "cart-2")
	require.Len(t, found, 1)
	assert.Equal(t, o2.ID, found[0].ID)

	// Charges: the paid one of the first order.
	require.Len(t, srv.Charges(), 1)
	ch, ok := srv.Charge(gotOrder.Charges.Data[0].ID)
	require.True(t, ok)
	assert.Equal(t, digitalfemsa.ChargeStatusPaid, ch.Status)
	listed, err := c.Charges.List(bg, nil)
	require.NoError(t, err)
	assert.Equal(t, listed.Data, srv.Charges())

	// Payout orders.
	gotPO, err := c.PayoutOrders.Get(bg, po.ID)
	require.NoError(t, err)
	typedPO, ok := srv.PayoutOrder(po.ID)
	require.True(t, ok)
	assert.Equal(t, gotPO, typedPO)
	assert.Equal(t, []*digitalfemsa.PayoutOrder{typedPO}, srv.PayoutOrdersWithMetadata("batch", "7"))
	assert.Len(t, srv.PayoutOrders(), 1)

	// Events, webhooks, checkouts.
	evs := srv.Events()
	require.NotEmpty(t, evs)
	gotEv, err := c.Events.Get(bg, evs[len(evs)-1].ID)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.EventOrderPaid, gotEv.Type)
	typedEv, ok := srv.Event(gotEv.ID)
	require.True(t, ok)
	assert.Equal(t, gotEv.ID, typedEv.ID)
	assert.Equal(t, gotEv.Type, typedEv.Type)
	typedWH, ok := srv.Webhook(wh.ID)
	require.True(t, ok)
	assert.Equal(t, wh, typedWH)
	assert.Len(t, srv.Webhooks(), 1)
	typedChk, ok := srv.Checkout(chk.ID)
	require.True(t, ok)
	assert.Equal(t, chk, typedChk)
	assert.Len(t, srv.Checkouts(), 1)

	// Unknown ids.
	for _, miss := range []bool{
		func() bool { _, ok := srv.Customer("cus_missing"); return ok }(),
		func() bool { _, ok := srv.Order("ord_missing"); return ok }(),
		func() bool { _, ok := srv.Charge("missing"); return ok }(),
		func() bool { _, ok := srv.PayoutOrder("missing"); return ok }(),
		func() bool { _, ok := srv.Event("missing"); return ok }(),
		func() bool { _, ok := srv.Webhook("missing"); return ok }(),
		func() bool { _, ok := srv.Checkout("missing"); return ok }(),
	} {
		assert.False(t, miss)
	}

	// A copy: changing it changes nothing in the fake.
	typedOrder.Metadata["cart"] = "changed"
	again, _ := srv.Order(o.ID)
	assert.NotEqual(t, "changed", again.Metadata["cart"])
}

// A metadata lookup matches a value the way the SDK decodes it: a string
// as itself, null as "", a number, bool or object as its JSON text.
func TestWithMetadataMatchesAsTheSDKDecodes(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close)
	code, body := rawCall(t, srv, "POST", "/customers",
		`{"name":"Ana","email":"ana@example.mx","metadata":{"s":"x","n":12,"z":null,"b":true,"o":{"a":1}}}`)
	require.Equal(t, 200, code, body)
	cus := srv.Customers()
	require.Len(t, cus, 1)
	for key, value := range map[string]string{"s": "x", "n": "12", "z": "", "b": "true", "o": `{"a":1}`} {
		got := srv.CustomersWithMetadata(key, value)
		require.Len(t, got, 1, "%s=%s", key, value)
		assert.Equal(t, cus[0].ID, got[0].ID)
		assert.Equal(t, value, got[0].Metadata[key], "the lookup agrees with the typed object")
	}
	for key, value := range map[string]string{"s": "X", "n": "12.0", "z": "null", "missing": "", "o": `{"a": 1}`} {
		assert.Empty(t, srv.CustomersWithMetadata(key, value), "%s=%s", key, value)
	}
}
