package digitalfemsatest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

var ctx = context.Background()

func newCustomer(t *testing.T, c *digitalfemsa.Client) *digitalfemsa.Customer {
	t.Helper()
	cus, err := c.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx", Phone: "5566982096"})
	require.NoError(t, err)
	return cus
}

func TestCustomersCRUD(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()

	cus, err := c.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana", Email: "ana@example.mx", Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(cus.ID, "cus_"))
	assert.Equal(t, "customer", cus.Object)
	assert.False(t, cus.Livemode)
	assert.Equal(t, "v", cus.Metadata["k"])
	assert.False(t, cus.CreatedAt.IsZero())

	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	assert.Equal(t, cus.Email, got.Email)

	upd, err := c.Customers.Update(ctx, cus.ID, &digitalfemsa.CustomerUpdateParams{Phone: "5215555555555"})
	require.NoError(t, err)
	assert.Equal(t, "5215555555555", upd.Phone)
	assert.Equal(t, "Ana", upd.Name)

	del, err := c.Customers.Delete(ctx, cus.ID)
	require.NoError(t, err)
	assert.True(t, del.Deleted)

	_, err = c.Customers.Get(ctx, cus.ID)
	var e *digitalfemsa.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 404, e.StatusCode)
	assert.Equal(t, digitalfemsa.ErrorTypeResourceNotFound, e.Type)
	assert.NotEmpty(t, e.LogID)
	require.Len(t, e.Details, 1)
	assert.Equal(t, "femsa.errors.resource_not_found.entity", e.Details[0].Code)
}

func TestCashoutWithdrawnWithSignedEvent(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()

	var mu sync.Mutex
	var got []*digitalfemsa.Event
	hook := httptest.NewServer(digitalfemsa.WebhookHandler(func(_ context.Context, ev *digitalfemsa.Event) error {
		mu.Lock()
		got = append(got, ev)
		mu.Unlock()
		return nil
	}, srv.WebhookPublicKeyPEM()))
	defer hook.Close()
	srv.SetWebhookURL(hook.URL)

	c := srv.Client()
	cus := newCustomer(t, c)
	po, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 30000, CustomerID: cus.ID, Reason: "Retiro de saldo",
		Metadata: map[string]string{"custom_client_id": "12345"}})
	require.NoError(t, err)
	assert.Len(t, po.Reference, 16)
	assert.Equal(t, digitalfemsa.PayoutOrderStatusPending, po.Status)
	assert.True(t, po.Status.Active())
	assert.Equal(t, int64(30000), po.Amount)
	assert.Equal(t, "MXN", po.Currency)
	assert.Equal(t, []string{"cashout"}, po.AllowedPayoutMethods)
	assert.Equal(t, cus.ID, po.CustomerInfo.ID)
	assert.Equal(t, "ana@example.mx", po.CustomerInfo.Email)
	require.Len(t, po.Payouts, 1)
	assert.Equal(t, po.ID, po.Payouts[0].PayoutOrderID)
	assert.Equal(t, "cashout", po.Payouts[0].PayoutMethod.Type)
	assert.True(t, po.ExpiresAt.After(po.CreatedAt.Time))

	bal, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsatest.InitialBalance-30000, bal.AvailableIn("MXN"))
	require.Len(t, bal.CashoutRetentionAmount, 1)
	assert.Equal(t, int64(30000), bal.CashoutRetentionAmount[0].Amount)

	n, err := srv.MarkWithdrawn(po.ID)
	require.NoError(t, err)
	ev, err := digitalfemsa.VerifyWebhook(n.Body, n.Digest, srv.WebhookPublicKeyPEM())
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.EventCashoutConfirmed, ev.Type)
	assert.Equal(t, "payout_order", ev.ObjectType())
	evPO, err := ev.PayoutOrder()
	require.NoError(t, err)
	assert.Equal(t, digitalfemsatest.StatusWithdrawn, evPO.Status)

	mu.Lock()
	require.Len(t, got, 2) // customer.created, cashout.confirmed
	assert.Equal(t, digitalfemsa.EventCustomerCreated, got[0].Type)
	assert.Equal(t, ev.ID, got[1].ID)
	mu.Unlock()

	after, err := c.PayoutOrders.Get(ctx, po.ID)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsatest.StatusWithdrawn, after.Status)
	assert.False(t, after.Status.Active())

	stored, err := c.Events.Get(ctx, ev.ID)
	require.NoError(t, err)
	assert.Equal(t, "successful", stored.WebhookStatus)
	require.Len(t, stored.WebhookLogs, 1)
	assert.Equal(t, 200, stored.WebhookLogs[0].LastHTTPResponseStatus)

	// A withdrawn reference cannot be cancelled.
	_, err = c.PayoutOrders.Cancel(ctx, po.ID)
	var e *digitalfemsa.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 428, e.StatusCode)
	assert.Equal(t, digitalfemsa.ErrorTypePreconditionRequired, e.Type)
	assert.False(t, errors.Is(err, digitalfemsa.ErrOutcomeUnknown))
}

func TestCashoutCancelAndExpire(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)

	po, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "r"})
	require.NoError(t, err)
	cancelled, err := c.PayoutOrders.Cancel(ctx, po.ID)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.PayoutOrderStatusCancelled, cancelled.Status)
	again, err := c.PayoutOrders.Cancel(ctx, po.ID) // cancelling twice returns the object
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.PayoutOrderStatusCancelled, again.Status)

	po2, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "r",
		ExpiresAt: time.Now().Add(time.Hour)})
	require.NoError(t, err)
	n, err := srv.MarkExpired(po2.ID)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.EventCashoutCanceled, n.Event.Type)
	_, err = srv.MarkExpired(po2.ID)
	assert.Error(t, err)
	_, err = srv.MarkWithdrawn("nope")
	assert.Error(t, err)

	bal, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsatest.InitialBalance, bal.AvailableIn("MXN"))

	ns := srv.Notifications()
	var types []digitalfemsa.EventType
	for _, n := range ns {
		types = append(types, n.Event.Type)
	}
	assert.Equal(t, []digitalfemsa.EventType{digitalfemsa.EventCustomerCreated, digitalfemsa.EventCashoutCanceled, digitalfemsa.EventCashoutCanceled}, types)
}

func TestPayoutOrderErrors(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)

	_, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: "cus_missing", Reason: "r"})
	var e *digitalfemsa.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 404, e.StatusCode)
	assert.Equal(t, "customer_info.customer_id", e.Details[0].Param)

	srv.SetBalance("MXN", 5000)
	_, err = c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "r"})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 402, e.StatusCode)
	assert.Equal(t, digitalfemsa.ErrorTypeProcessing, e.Type)
	assert.False(t, errors.Is(err, digitalfemsa.ErrOutcomeUnknown))

	// Language follows Accept-Language; debug_message is English.
	en := srv.Client(digitalfemsa.WithLanguage("en"))
	_, err = en.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "r"})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, e.Details[0].DebugMessage, e.Details[0].Message)
}

func TestPaging(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	var ids []string
	for i := 0; i < 7; i++ {
		cus := newCustomer(t, c)
		ids = append(ids, cus.ID)
	}
	page, err := c.Customers.List(ctx, &digitalfemsa.ListParams{Limit: 3})
	require.NoError(t, err)
	require.Len(t, page.Data, 3)
	assert.True(t, page.HasMore)
	assert.Equal(t, ids[2], page.Next)
	assert.True(t, strings.HasPrefix(page.NextPageURL, digitalfemsa.ProductionURL))

	page2, err := c.Customers.List(ctx, &digitalfemsa.ListParams{Limit: 3, Next: page.Next})
	require.NoError(t, err)
	assert.Equal(t, ids[3], page2.Data[0].ID)
	assert.Equal(t, ids[3], page2.Previous)
	back, err := c.Customers.List(ctx, &digitalfemsa.ListParams{Limit: 3, Previous: page2.Previous})
	require.NoError(t, err)
	assert.Equal(t, ids[0], back.Data[0].ID)

	var walked []string
	for cus, err := range c.Customers.All(ctx, &digitalfemsa.ListParams{Limit: 3}) {
		require.NoError(t, err)
		walked = append(walked, cus.ID)
	}
	assert.Equal(t, ids, walked)

	found, err := c.Customers.List(ctx, &digitalfemsa.ListParams{Search: ids[4]})
	require.NoError(t, err)
	require.Len(t, found.Data, 1)
	assert.False(t, found.HasMore)

	n := 0
	for ev, err := range c.Events.All(ctx, &digitalfemsa.ListParams{Limit: 2}) {
		require.NoError(t, err)
		assert.Equal(t, digitalfemsa.EventCustomerCreated, ev.Type)
		n++
	}
	assert.Equal(t, 7, n)
}

func TestOrdersFlow(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	items := []digitalfemsa.LineItem{{Name: "Recarga", UnitPrice: 15000, Quantity: 2}}

	cash, err := c.Orders.Create(ctx, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID}, LineItems: items,
		Charges: []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}}})
	require.NoError(t, err)
	assert.Equal(t, int64(30000), cash.Amount)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPendingPayment), cash.PaymentStatus)
	require.Len(t, cash.Charges.Data, 1)
	pm := cash.Charges.Data[0].PaymentMethod
	assert.Equal(t, "cash", pm.Type)
	assert.Equal(t, digitalfemsa.PaymentKindCash, pm.Kind())
	assert.Len(t, pm.Reference, 14)
	assert.Equal(t, "OXXO", pm.StoreName)
	assert.Nil(t, pm.AuthCode)
	// The spec lists no 428 for an update: an order with a pending charge
	// is updated.
	upd, err := c.Orders.Update(ctx, cash.ID, &digitalfemsa.OrderUpdateParams{Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	assert.Equal(t, "b", upd.Metadata["a"])
	var e *digitalfemsa.Error
	_, err = c.Orders.Refund(ctx, cash.ID, &digitalfemsa.RefundParams{Amount: 100, Reason: digitalfemsa.RefundOther})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 428, e.StatusCode)

	n, err := srv.MarkOrderPaid(cash.ID)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.EventOrderPaid, n.Event.Type)
	paid, err := c.Orders.Get(ctx, cash.ID)
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), paid.PaymentStatus)
	assert.True(t, paid.IsRefundable)
	ch := paid.Charges.Data[0]
	assert.Equal(t, "paid", ch.Status)
	assert.False(t, ch.PaidAt.IsZero())
	assert.True(t, ch.IsRefundable)
	require.NotNil(t, ch.PaymentMethod.AuthCode)
	assert.Len(t, *ch.PaymentMethod.AuthCode, 6)
	require.NotNil(t, ch.PaymentMethod.CashierID)
	require.NotNil(t, ch.PaymentMethod.Store)
	_, err = srv.MarkOrderPaid(cash.ID)
	assert.Error(t, err, "nothing left to pay")

	part, err := c.Orders.Refund(ctx, cash.ID, &digitalfemsa.RefundParams{Amount: 10000, Reason: digitalfemsa.RefundRequestedByClient})
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPartiallyRefunded), part.PaymentStatus)
	assert.Equal(t, int64(10000), part.AmountRefunded)
	require.Len(t, part.Charges.Data[0].Refunds.Data, 1)
	rf := part.Charges.Data[0].Refunds.Data[0]
	assert.Len(t, rf.AuthCode, 6)
	assert.Len(t, rf.Reference, 14, "a cash refund has a reference of its own")
	full, err := c.Orders.Refund(ctx, cash.ID, &digitalfemsa.RefundParams{Amount: 20000, Reason: digitalfemsa.RefundOther})
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusRefunded), full.PaymentStatus)
	assert.False(t, full.Charges.Data[0].IsRefundable)
	_, err = c.Orders.Refund(ctx, cash.ID, &digitalfemsa.RefundParams{Amount: 1, Reason: digitalfemsa.RefundOther})
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 428, e.StatusCode)

	page, err := c.Orders.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, page.Data, 1)
	got, err := c.Orders.Get(ctx, cash.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(30000), got.AmountRefunded)
	_, err = srv.MarkOrderPaid("ord_nope")
	assert.Error(t, err)
}

// The deprecated card charge is still served for one release, in the only
// charge payment_method shape the spec documents (no card_payment object,
// no invented card fields); its decline card still declines.
func TestDeprecatedCardCharge(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	items := []digitalfemsa.LineItem{{Name: "Recarga", UnitPrice: 15000, Quantity: 2}}
	card, err := c.Orders.Create(ctx, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{Name: "Luis", Email: "luis@example.mx"},
		LineItems: items, Charges: []digitalfemsa.ChargeParams{{Type: "card", PaymentSourceID: "src_ok"}}})
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), card.PaymentStatus)
	pm := card.Charges.Data[0].PaymentMethod
	assert.Equal(t, "cash_payment", pm.Object, "the one object the spec's discriminator allows")
	assert.Equal(t, "card", pm.Type)
	assert.Equal(t, digitalfemsa.PaymentKindCard, pm.Kind())
	assert.Empty(t, pm.Last4+pm.Brand) //lint:ignore SA1019 the deprecated fields must stay empty
	require.NotNil(t, pm.AuthCode)

	_, err = c.Orders.Create(ctx, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{Name: "Luis", Email: "luis@example.mx"}, LineItems: items,
		Charges: []digitalfemsa.ChargeParams{{Type: "card", PaymentSourceID: digitalfemsatest.DeclinedPaymentSource}}})
	var e *digitalfemsa.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 402, e.StatusCode)
	assert.True(t, e.Declined())
}

// Fidelity to the spec on the wire: fiscal_entities[].name is accepted,
// an empty refunds list is [] (not null), customer_info.phone is a string.
func TestSpecFidelity(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	post := func(path, body string) (int, map[string]any) {
		req, err := http.NewRequest("POST", srv.URL+path, strings.NewReader(body))
		require.NoError(t, err)
		req.SetBasicAuth(digitalfemsatest.PrivateKey, "")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", digitalfemsa.AcceptVersion)
		resp, err := srv.HTTPClient().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		return resp.StatusCode, out
	}
	status, cus := post("/customers", `{"name":"Ana","email":"ana@example.mx","fiscal_entities":[{"name":"Ana SA de CV","tax_id":"XAXX010101000",
		"address":{"street1":"Calle 1","postal_code":"06100","city":"CDMX","country":"MX"}}]}`)
	require.Equal(t, 200, status, cus)
	status, ord := post("/orders", `{"currency":"MXN","customer_info":{"name":"Ana","email":"ana@example.mx"},
		"line_items":[{"name":"a","unit_price":100,"quantity":1}],"charges":[{"payment_method":{"type":"cash"}}]}`)
	require.Equal(t, 200, status, ord)
	ci := ord["customer_info"].(map[string]any)
	assert.Equal(t, "", ci["phone"], "phone is a non-nullable string")
	chs := ord["charges"].(map[string]any)["data"].([]any)
	refunds := chs[0].(map[string]any)["refunds"].(map[string]any)
	assert.Equal(t, []any{}, refunds["data"])
	// And after a read back (the stored copy is cloned): still [].
	req, _ := http.NewRequest("GET", srv.URL+"/orders/"+ord["id"].(string), nil)
	req.SetBasicAuth(digitalfemsatest.PrivateKey, "")
	req.Header.Set("Accept", digitalfemsa.AcceptVersion)
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var got map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
	refunds = got["charges"].(map[string]any)["data"].([]any)[0].(map[string]any)["refunds"].(map[string]any)
	assert.Equal(t, []any{}, refunds["data"])
}

func TestWebhookKeys(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	active := true
	k, err := c.WebhookKeys.Create(ctx, &digitalfemsa.WebhookKeyParams{Active: &active})
	require.NoError(t, err)
	assert.Equal(t, string(srv.WebhookPublicKeyPEM()), k.PublicKey)
	off := false
	k2, err := c.WebhookKeys.Update(ctx, k.ID, &digitalfemsa.WebhookKeyParams{Active: &off})
	require.NoError(t, err)
	assert.False(t, k2.Active)
	assert.False(t, k2.DeactivatedAt.IsZero())
	got, err := c.WebhookKeys.Get(ctx, k.ID)
	require.NoError(t, err)
	assert.False(t, got.Active)
	page, err := c.WebhookKeys.List(ctx, &digitalfemsa.ListParams{})
	require.NoError(t, err)
	assert.Len(t, page.Data, 1)
	del, err := c.WebhookKeys.Delete(ctx, k.ID)
	require.NoError(t, err)
	assert.True(t, del.Deleted)

	// The published key verifies the fake's signatures; a rotated key
	// verifies new ones, the old key verifies old ones.
	old := srv.WebhookPublicKeyPEM()
	body := []byte(`{"id":"1","object":"event","type":"webhook_ping","data":{"object":{}}}`)
	oldDigest := srv.SignWebhook(body)
	newPEM, err := srv.RotateWebhookKey()
	require.NoError(t, err)
	newDigest := srv.SignWebhook(body)
	_, err = digitalfemsa.VerifyWebhook(body, newDigest, old)
	assert.ErrorIs(t, err, digitalfemsa.ErrWebhookSignature)
	_, err = digitalfemsa.VerifyWebhook(body, newDigest, old, newPEM)
	assert.NoError(t, err)
	_, err = digitalfemsa.VerifyWebhook(body, oldDigest, old, newPEM)
	assert.NoError(t, err)
}

func TestWireRules(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	hc := srv.HTTPClient()
	do := func(method, path, body string, hdr map[string]string) (int, string) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.SetBasicAuth(digitalfemsatest.PrivateKey, "")
		req.Header.Set("Accept", digitalfemsa.AcceptVersion)
		req.Header.Set("Content-Type", "application/json")
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := hc.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	st, body := do("POST", "/customers", `{"name":"a","email":"a@b.mx","nickname":"x"}`, nil)
	assert.Equal(t, 422, st)
	assert.Contains(t, body, `"code":"femsa.errors.parameter_validation.whitelist"`)
	assert.Contains(t, body, `"param":"nickname"`)

	st, body = do("GET", "/customers", "", map[string]string{"Accept": "application/json"})
	assert.Equal(t, 409, st)
	assert.Contains(t, body, `"type":"conflict_error"`)

	st, body = do("GET", "/customers", "", map[string]string{"Authorization": "Basic bm9wZTo="})
	assert.Equal(t, 401, st)
	assert.Contains(t, body, `"type":"authentication_error"`)

	st, _ = do("GET", "/customers", "", map[string]string{"Authorization": "Bearer " + digitalfemsatest.PrivateKey})
	assert.Equal(t, 200, st)

	st, body = do("GET", "/customers?limit=251", "", nil)
	assert.Equal(t, 422, st)
	assert.Contains(t, body, `"param":"limit"`)

	st, body = do("POST", "/customers", `{"name":`, nil)
	assert.Equal(t, 400, st)
	assert.Contains(t, body, `"type":"malformed_request_error"`)

	st, body = do("POST", "/payout_orders", `{"currency":"MXN","amount":3050,"customer_info":{"customer_id":"x"},"allowed_payout_methods":["cashout"],"reason":"r","payout":{"payout_method":{"type":"cashout"}}}`, nil)
	assert.Equal(t, 422, st)
	assert.Contains(t, body, `"param":"amount"`)
}

func TestFaults(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)

	// A 503 after the payout order was created: the SDK does not retry and
	// says the outcome is unknown; the order exists on the fake.
	srv.InjectFault(digitalfemsatest.Fault{Match: "POST /payout_orders", Status: 503, After: true})
	_, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "r",
		Metadata: map[string]string{"my_id": "abc-1"}})
	assert.ErrorIs(t, err, digitalfemsa.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.Handled("POST /payout_orders"))
	page, err := c.PayoutOrders.List(ctx, &digitalfemsa.ListParams{Search: "abc-1"})
	require.NoError(t, err)
	assert.Len(t, page.Data, 1, "reconciliation finds the order through metadata")

	// A GET is retried past a 503 and a dropped connection.
	srv.InjectFault(digitalfemsatest.Fault{Match: "GET /customers/", Status: 503, RetryAfter: "0"})
	srv.InjectFault(digitalfemsatest.Fault{Match: "GET /customers/", Drop: true})
	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	assert.Equal(t, cus.ID, got.ID)
	assert.Equal(t, 0, srv.PendingFaults())

	// A dropped connection on a cancel is an unknown outcome.
	po, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "r"})
	require.NoError(t, err)
	srv.InjectFault(digitalfemsatest.Fault{Match: "PUT /payout_orders/", Drop: true, After: true})
	_, err = c.PayoutOrders.Cancel(ctx, po.ID)
	assert.ErrorIs(t, err, digitalfemsa.ErrOutcomeUnknown)
	after, err := c.PayoutOrders.Get(ctx, po.ID)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.PayoutOrderStatusCancelled, after.Status)

	// Truncated JSON on a GET is a malformed response.
	srv.InjectFault(digitalfemsatest.Fault{Match: "GET /balance", Truncate: true, Times: 3})
	_, err = c.Balance.Get(ctx)
	assert.ErrorIs(t, err, digitalfemsa.ErrMalformedResponse)
}

func TestWebhookDeliveryFailureIsRecorded(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer hook.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	po, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "r"})
	require.NoError(t, err)
	srv.SetWebhookURL(hook.URL)
	n, err := srv.MarkWithdrawn(po.ID)
	require.Error(t, err)
	require.NotNil(t, n)
	assert.Equal(t, err, n.DeliveryErr)
	ev, err := c.Events.Get(ctx, n.Event.ID)
	require.NoError(t, err)
	assert.Equal(t, "failing", ev.WebhookStatus)
	require.Len(t, ev.WebhookLogs, 1)
	assert.Equal(t, digitalfemsatest.DefaultWebhookPolicy.Attempts, ev.WebhookLogs[0].FailedAttempts, "every try of the policy failed")
	assert.Equal(t, 500, ev.WebhookLogs[0].LastHTTPResponseStatus)
	assert.Len(t, srv.Deliveries(), digitalfemsatest.DefaultWebhookPolicy.Attempts)
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			po, err := c.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "r"})
			if err != nil {
				errs <- err
				return
			}
			if i%2 == 0 {
				_, err = c.PayoutOrders.Cancel(ctx, po.ID)
			} else {
				_, err = srv.MarkWithdrawn(po.ID)
			}
			if err != nil {
				errs <- err
			}
			_, err = c.PayoutOrders.List(ctx, &digitalfemsa.ListParams{Limit: 5})
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	bal, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsatest.InitialBalance-10*10000, bal.AvailableIn("MXN"), "withdrawn ones are paid out, cancelled ones released")
	n := 0
	for _, err := range c.PayoutOrders.All(ctx, &digitalfemsa.ListParams{Limit: 7}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 20, n)
}

// rawCall sends body as the API expects it and returns the status and
// the answer.
func rawCall(t *testing.T, srv *digitalfemsatest.Server, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.SetBasicAuth(digitalfemsatest.PrivateKey, "")
	req.Header.Set("Accept", digitalfemsa.AcceptVersion)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// The groups nested in a body are held to the spec like the top level:
// unknown fields get the 422 whitelist error, required fields left out and
// values of the wrong type a 422 naming the parameter. Only a body that is
// not JSON is a 400.
func TestNestedGroupsAreStrict(t *testing.T) {
	t.Parallel()
	const order = `{"currency":"MXN","customer_info":{"name":"Ana","email":"ana@example.mx"},"line_items":[{"name":"x","unit_price":100,"quantity":1}]`
	const customer = `{"name":"Ana","email":"ana@example.mx"`
	const address = `"street1":"Nuevo Leon 254","postal_code":"06100","city":"CDMX","country":"MX"`
	const whitelist = "femsa.errors.parameter_validation.whitelist"
	tests := []struct {
		name, method, path, body string
		wantStatus               int
		wantCode, wantParam      string
	}{
		{"checkout unknown field", "POST", "/orders", order + `,"checkout":{"allowed_payment_methods":["cash"],"colour":"red"}}`, 422, whitelist, "colour"},
		{"checkout without allowed_payment_methods", "POST", "/orders", order + `,"checkout":{"name":"x"}}`, 422, "", "checkout.allowed_payment_methods"},
		{"fiscal_entity without address", "POST", "/orders", order + `,"fiscal_entity":{"tax_id":"AAA010101AAA"}}`, 422, "", "fiscal_entity.address"},
		{"fiscal_entity address without external_number", "POST", "/orders", order + `,"fiscal_entity":{"address":{` + address + `}}}`, 422, "", "fiscal_entity.address.external_number"},
		{"fiscal_entity address unknown field", "POST", "/orders", order + `,"fiscal_entity":{"address":{` + address + `,"external_number":"1","floor":"2"}}}`, 422, whitelist, "floor"},
		{"tax_lines without description", "POST", "/orders", order + `,"tax_lines":[{"amount":16}]}`, 422, "", "tax_lines.0.description"},
		{"tax_lines negative amount", "POST", "/orders", order + `,"tax_lines":[{"amount":-1,"description":"IVA"}]}`, 422, "", "tax_lines.0.amount"},
		{"tax_lines unknown field", "POST", "/orders", order + `,"tax_lines":[{"amount":16,"description":"IVA","rate":0.16}]}`, 422, whitelist, "rate"},
		{"discount_lines without code", "POST", "/orders", order + `,"discount_lines":[{"amount":10,"type":"coupon"}]}`, 422, "", "discount_lines.0.code"},
		{"shipping_lines without amount", "POST", "/orders", order + `,"shipping_lines":[{"carrier":"DHL"}]}`, 422, "", "shipping_lines.0.amount"},
		{"shipping_contact without address", "POST", "/orders", order + `,"shipping_contact":{"receiver":"Ana"}}`, 422, "", "shipping_contact.address"},
		{"line item antifraud_info", "POST", "/orders", `{"currency":"MXN","customer_info":{"name":"Ana","email":"ana@example.mx"},"line_items":[{"name":"x","unit_price":100,"quantity":1,"antifraud_info":{}}]}`, 422, whitelist, "antifraud_info"},
		{"unit_price beyond int32", "POST", "/orders", `{"currency":"MXN","customer_info":{"name":"Ana","email":"ana@example.mx"},"line_items":[{"name":"x","unit_price":2147483648,"quantity":1}]}`, 422, "", "line_items.unit_price"},
		{"unit_price as a string", "POST", "/orders", `{"currency":"MXN","customer_info":{"name":"Ana","email":"ana@example.mx"},"line_items":[{"name":"x","unit_price":"100","quantity":1}]}`, 422, "", "line_items.unit_price"},
		{"currency as a number", "POST", "/orders", `{"currency":484}`, 422, "", "currency"},
		{"update: tax_lines without amount", "PUT", "/orders/ord_missing", `{"tax_lines":[{"description":"IVA"}]}`, 422, "", "tax_lines.0.amount"},
		{"payment_sources without type", "POST", "/customers", customer + `,"payment_sources":[{"expires_at":1}]}`, 422, "", "payment_sources.0.type"},
		{"fiscal_entities address without postal_code", "POST", "/customers", customer + `,"fiscal_entities":[{"address":{"street1":"s","city":"c","country":"MX"}}]}`, 422, "", "fiscal_entities.0.address.postal_code"},
		{"shipping_contacts unknown field", "POST", "/customers", customer + `,"shipping_contacts":[{"address":{},"nickname":"x"}]}`, 422, whitelist, "nickname"},
		{"update: shipping_contacts without address", "PUT", "/customers/cus_missing", `{"shipping_contacts":[{"receiver":"Ana"}]}`, 422, "", "shipping_contacts.0.address"},
		{"a body that is no object", "POST", "/customers", `["Ana"]`, 422, "", "body"},
		{"a body that is not JSON", "POST", "/customers", `{"name":`, 400, "femsa.errors.malformed_request.json", ""},
		{"every order group well formed", "POST", "/orders", order + `,"checkout":{"allowed_payment_methods":["cash"]},"tax_lines":[{"amount":16,"description":"IVA"}],` +
			`"discount_lines":[{"amount":10,"code":"X","type":"coupon"}],"shipping_lines":[{"amount":0}],"shipping_contact":{"address":{"city":"CDMX"}},` +
			`"fiscal_entity":{"address":{` + address + `,"external_number":"1"}}}`, 200, "", ""},
		{"every customer group well formed", "POST", "/customers", customer + `,"payment_sources":[{"type":"cash"}],"fiscal_entities":[{"address":{` + address + `}}],` +
			`"shipping_contacts":[{"address":{"city":"CDMX"}}]}`, 200, "", ""},
	}
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close) // after the parallel subtests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, body := rawCall(t, srv, tt.method, tt.path, tt.body)
			require.Equal(t, tt.wantStatus, status, body)
			if status == 200 {
				return
			}
			var e struct {
				Type    string `json:"type"`
				Details []struct {
					Code  string  `json:"code"`
					Param *string `json:"param"`
				} `json:"details"`
			}
			require.NoError(t, json.Unmarshal([]byte(body), &e), body)
			require.Len(t, e.Details, 1)
			if status == 422 {
				assert.Equal(t, "parameter_validation_error", e.Type)
			}
			if tt.wantCode != "" {
				assert.Equal(t, tt.wantCode, e.Details[0].Code)
			}
			if tt.wantParam != "" {
				require.NotNil(t, e.Details[0].Param, body)
				assert.Equal(t, tt.wantParam, *e.Details[0].Param)
			}
		})
	}
}

// A page asked for with previous is the limit items just before the
// cursor, with has_more and the page URLs telling what lies on each side.
func TestPreviousPages(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close) // after the parallel subtests
	c := srv.Client()
	var ids []string
	for range 5 {
		ids = append(ids, newCustomer(t, c).ID)
	}
	tests := []struct {
		name       string
		previous   string
		limit      int
		want       []string
		hasMore    bool
		hasPrevURL bool
	}{
		{"middle", ids[3], 2, ids[1:3], true, true},
		{"reaches the first", ids[2], 5, ids[0:2], true, false},
		{"before the first", ids[0], 2, nil, true, false},
		{"unknown cursor pages back from the end", "cus_unknown", 2, ids[3:5], false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// The wire itself: the SDK's Page also ends on a short page.
			status, body := rawCall(t, srv, "GET", fmt.Sprintf("/customers?limit=%d&previous=%s", tt.limit, tt.previous), "")
			require.Equal(t, 200, status, body)
			var page struct {
				HasMore         bool    `json:"has_more"`
				PreviousPageURL *string `json:"previous_page_url"`
				Data            []struct {
					ID string `json:"id"`
				} `json:"data"`
			}
			require.NoError(t, json.Unmarshal([]byte(body), &page))
			require.NotNil(t, page.Data, "an empty page still sends its data array")
			var got []string
			for _, cus := range page.Data {
				got = append(got, cus.ID)
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.hasMore, page.HasMore)
			assert.Equal(t, tt.hasPrevURL, page.PreviousPageURL != nil)
		})
	}
}

// PUT /customers/{id} documents no 404: a missing customer is its 422,
// typed resource_not_found_error, so it still matches ErrNotFound.
func TestUpdateMissingCustomer(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	_, err := srv.Client().Customers.Update(ctx, "cus_missing", &digitalfemsa.CustomerUpdateParams{Name: "Ana"})
	var e *digitalfemsa.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 422, e.StatusCode)
	assert.Equal(t, digitalfemsa.ErrorTypeResourceNotFound, e.Type)
	assert.ErrorIs(t, err, digitalfemsa.ErrNotFound)
}
