package digitalfemsatest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

var bg = context.Background()

// fakeWithCustomer starts a fake with one customer.
func fakeWithCustomer(t *testing.T) (*digitalfemsatest.Server, *digitalfemsa.Client, *digitalfemsa.Customer) {
	t.Helper()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	cus, err := c.Customers.Create(bg, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	require.NoError(t, err)
	return srv, c, cus
}

// orderWithoutCharges creates an order of one 100.00 MXN product.
func orderWithoutCharges(t *testing.T, c *digitalfemsa.Client, customerID string) *digitalfemsa.Order {
	t.Helper()
	o, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: customerID},
		LineItems: []digitalfemsa.LineItem{{Name: "Caja", UnitPrice: 10000, Quantity: 1}}})
	require.NoError(t, err)
	return o
}

func apiErr(t *testing.T, err error, status int) *digitalfemsa.Error {
	t.Helper()
	var e *digitalfemsa.Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, status, e.StatusCode)
	return e
}

func TestFakeOrderPaidWithSavedPaymentSource(t *testing.T) {
	t.Parallel()
	srv, c, cus := fakeWithCustomer(t)
	src, err := c.PaymentSources.Create(bg, cus.ID, &digitalfemsa.PaymentSourceParams{})
	require.NoError(t, err)
	o := orderWithoutCharges(t, c, cus.ID)
	assert.Nil(t, o.PaymentStatus, "null until the order has a charge")

	ch, err := c.Charges.Create(bg, o.ID, &digitalfemsa.OrderChargeParams{Type: digitalfemsa.PaymentMethodCash, PaymentSourceID: src.ID, ReferenceID: "r-1"})
	require.NoError(t, err)
	assert.Equal(t, int64(10000), ch.Amount, "the amount the order owes")
	assert.Equal(t, src.Reference, ch.PaymentMethod.Reference, "the saved reference is paid again")
	assert.Equal(t, "pending_payment", ch.Status)
	assert.Equal(t, o.ID, ch.OrderID)

	// Nothing more is owed.
	_, err = c.Charges.Create(bg, o.ID, &digitalfemsa.OrderChargeParams{Type: digitalfemsa.PaymentMethodCash})
	apiErr(t, err, http.StatusUnprocessableEntity)

	n, err := srv.MarkChargePaid(ch.ID)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.EventOrderPaid, n.Event.Type)
	got, err := c.Orders.Get(bg, o.ID)
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), got.PaymentStatus)
	_, err = srv.MarkChargePaid(ch.ID)
	assert.Error(t, err, "a paid charge cannot be paid again")

	// Charges: listed, updated, found by reference.
	upd, err := c.Charges.Update(bg, ch.ID, &digitalfemsa.ChargeUpdateParams{ReferenceID: "r-2"})
	require.NoError(t, err)
	assert.Equal(t, ptr("r-2"), upd.ReferenceID)
	pg, err := c.Charges.List(bg, &digitalfemsa.ListParams{Search: "r-2"})
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)
	assert.Equal(t, "paid", pg.Data[0].Status)
	_, err = c.Charges.Update(bg, "nope", &digitalfemsa.ChargeUpdateParams{ReferenceID: "x"})
	apiErr(t, err, http.StatusNotFound)

	// Another customer's source is refused.
	other, err := c.Customers.Create(bg, &digitalfemsa.CustomerParams{Name: "Luis", Email: "luis@example.mx"})
	require.NoError(t, err)
	o2 := orderWithoutCharges(t, c, other.ID)
	_, err = c.Charges.Create(bg, o2.ID, &digitalfemsa.OrderChargeParams{Type: digitalfemsa.PaymentMethodCash, PaymentSourceID: src.ID})
	apiErr(t, err, http.StatusUnprocessableEntity)
}

func TestFakeOrderCancelAndCapture(t *testing.T) {
	t.Parallel()
	srv, c, cus := fakeWithCustomer(t)
	o := orderWithoutCharges(t, c, cus.ID)
	_, err := c.Charges.Create(bg, o.ID, &digitalfemsa.OrderChargeParams{Type: digitalfemsa.PaymentMethodCash})
	require.NoError(t, err)

	// Not pre-authorized: no capture.
	_, err = c.Orders.Capture(bg, o.ID, &digitalfemsa.OrderCaptureParams{Amount: 10000})
	apiErr(t, err, http.StatusPreconditionRequired)
	require.NoError(t, srv.PreAuthorize(o.ID))
	_, err = c.Orders.Capture(bg, o.ID, &digitalfemsa.OrderCaptureParams{Amount: 20000})
	apiErr(t, err, http.StatusUnprocessableEntity)
	paid, err := c.Orders.Capture(bg, o.ID, &digitalfemsa.OrderCaptureParams{Amount: 10000})
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), paid.PaymentStatus)
	assert.Equal(t, "paid", paid.Charges.Data[0].Status)
	_, err = c.Orders.Capture(bg, o.ID, &digitalfemsa.OrderCaptureParams{Amount: 10000})
	apiErr(t, err, http.StatusPreconditionRequired)

	// A paid order cannot be canceled; an unpaid one can, once.
	_, err = c.Orders.Cancel(bg, o.ID)
	apiErr(t, err, http.StatusPreconditionRequired)
	o2 := orderWithoutCharges(t, c, cus.ID)
	canceled, err := c.Orders.Cancel(bg, o2.ID)
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusCanceled), canceled.PaymentStatus)
	_, err = c.Orders.Cancel(bg, o2.ID)
	apiErr(t, err, http.StatusPreconditionRequired)
	_, err = c.Charges.Create(bg, o2.ID, &digitalfemsa.OrderChargeParams{Type: digitalfemsa.PaymentMethodCash})
	apiErr(t, err, http.StatusPreconditionRequired)
	_, err = c.Orders.Cancel(bg, "ord_missing")
	apiErr(t, err, http.StatusNotFound)
}

func TestFakeCancelRefund(t *testing.T) {
	t.Parallel()
	srv, c, cus := fakeWithCustomer(t)
	o := orderWithoutCharges(t, c, cus.ID)
	ch, err := c.Charges.Create(bg, o.ID, &digitalfemsa.OrderChargeParams{Type: digitalfemsa.PaymentMethodCash})
	require.NoError(t, err)
	_, err = srv.MarkChargePaid(ch.ID)
	require.NoError(t, err)

	// A cash refund whose reference has not been collected can be cancelled.
	ro, err := c.Orders.Refund(bg, o.ID, &digitalfemsa.RefundParams{Amount: 4000, Reason: digitalfemsa.RefundOther, ExpiresAt: time.Now().Add(48 * time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, int64(4000), ro.AmountRefunded)
	rf := ro.Charges.Data[0].Refunds.Data[0]
	back, err := c.Orders.CancelRefund(bg, o.ID, rf.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(0), back.AmountRefunded)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), back.PaymentStatus)
	assert.Equal(t, "canceled", back.Charges.Data[0].Refunds.Data[0].Status)
	_, err = c.Orders.CancelRefund(bg, o.ID, rf.ID)
	apiErr(t, err, http.StatusPreconditionRequired)

	// A completed refund cannot.
	ro, err = c.Orders.Refund(bg, o.ID, &digitalfemsa.RefundParams{Amount: 1000, Reason: digitalfemsa.RefundOther})
	require.NoError(t, err)
	_, err = c.Orders.CancelRefund(bg, o.ID, ro.Charges.Data[0].Refunds.Data[1].ID)
	apiErr(t, err, http.StatusPreconditionRequired)
	_, err = c.Orders.CancelRefund(bg, o.ID, "rfnd_missing")
	apiErr(t, err, http.StatusNotFound)
}

func TestFakeOrderLines(t *testing.T) {
	t.Parallel()
	_, c, cus := fakeWithCustomer(t)
	o := orderWithoutCharges(t, c, cus.ID)

	li, err := c.LineItems.Create(bg, o.ID, &digitalfemsa.LineItem{Name: "Tapa", UnitPrice: 500, Quantity: 2, Tags: []string{"hogar"}})
	require.NoError(t, err)
	assert.Equal(t, o.ID, li.ParentID)
	q := 3
	li, err = c.LineItems.Update(bg, o.ID, li.ID, &digitalfemsa.LineItemUpdateParams{Quantity: &q, Description: "tapas"})
	require.NoError(t, err)
	assert.Equal(t, 3, li.Quantity)
	assert.Equal(t, "tapas", li.Description)

	sl, err := c.ShippingLines.Create(bg, o.ID, &digitalfemsa.ShippingLineParams{Amount: 1500, Carrier: "FEDEX"})
	require.NoError(t, err)
	assert.Equal(t, "shipping_line", sl.Object)
	tl, err := c.TaxLines.Create(bg, o.ID, &digitalfemsa.TaxLineParams{Amount: 1600, Description: "IVA"})
	require.NoError(t, err)
	dl, err := c.DiscountLines.Create(bg, o.ID, &digitalfemsa.DiscountLineParams{Amount: 600, Code: "VERANO", Type: digitalfemsa.DiscountCoupon})
	require.NoError(t, err)
	got, err := c.Orders.Get(bg, o.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(10000+1500+1500+1600-600), got.Amount, "products + shipping + tax - discount")
	// The order shows its lines, each as its own route answers it.
	require.NotNil(t, got.ShippingLines)
	require.NotNil(t, got.TaxLines)
	require.NotNil(t, got.DiscountLines)
	assert.Equal(t, []*digitalfemsa.ShippingLine{sl}, got.ShippingLines.Data)
	assert.Equal(t, []*digitalfemsa.TaxLine{tl}, got.TaxLines.Data)
	require.Len(t, got.DiscountLines.Data, 1)
	assert.Equal(t, digitalfemsa.DiscountLineInfo{ID: dl.ID, Object: "discount_line", Amount: 600, Code: "VERANO", Type: "coupon", ParentID: o.ID},
		*got.DiscountLines.Data[0])
	assert.Equal(t, "list", got.DiscountLines.Object)
	pgo, err := c.Orders.List(bg, &digitalfemsa.ListParams{Search: o.ID})
	require.NoError(t, err)
	require.Len(t, pgo.Data, 1)
	assert.Equal(t, got.TaxLines, pgo.Data[0].TaxLines, "lists show them too")

	amt := int64(700)
	dl, err = c.DiscountLines.Update(bg, o.ID, dl.ID, &digitalfemsa.DiscountLineUpdateParams{Amount: &amt})
	require.NoError(t, err)
	assert.Equal(t, int64(700), dl.Amount)
	assert.Equal(t, "VERANO", dl.Code)
	g, err := c.DiscountLines.Get(bg, o.ID, dl.ID)
	require.NoError(t, err)
	assert.Equal(t, *dl, *g)
	pg, err := c.DiscountLines.List(bg, o.ID, nil)
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)
	tl, err = c.TaxLines.Update(bg, o.ID, tl.ID, &digitalfemsa.TaxLineUpdateParams{Description: "IVA 16%"})
	require.NoError(t, err)
	assert.Equal(t, int64(1600), tl.Amount)
	sl, err = c.ShippingLines.Update(bg, o.ID, sl.ID, &digitalfemsa.ShippingLineParams{Amount: 0, Method: "pickup"})
	require.NoError(t, err)
	assert.Equal(t, int64(0), sl.Amount)

	for _, del := range []func() error{
		func() error { _, err := c.ShippingLines.Delete(bg, o.ID, sl.ID); return err },
		func() error { _, err := c.TaxLines.Delete(bg, o.ID, tl.ID); return err },
		func() error { _, err := c.DiscountLines.Delete(bg, o.ID, dl.ID); return err },
		func() error { _, err := c.LineItems.Delete(bg, o.ID, li.ID); return err },
	} {
		require.NoError(t, del())
	}
	got, err = c.Orders.Get(bg, o.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(10000), got.Amount)
	assert.Nil(t, got.ShippingLines, "no lines left: no list")
	assert.Nil(t, got.TaxLines)
	assert.Nil(t, got.DiscountLines)
	_, err = c.DiscountLines.Get(bg, o.ID, dl.ID)
	apiErr(t, err, http.StatusNotFound)
	_, err = c.LineItems.Delete(bg, o.ID, li.ID)
	apiErr(t, err, http.StatusNotFound)

	// An order with a charge keeps its lines.
	_, err = c.Charges.Create(bg, o.ID, &digitalfemsa.OrderChargeParams{Type: digitalfemsa.PaymentMethodCash})
	require.NoError(t, err)
	_, err = c.TaxLines.Create(bg, o.ID, &digitalfemsa.TaxLineParams{Amount: 1, Description: "IEPS"})
	apiErr(t, err, http.StatusPreconditionRequired)
}

// The shipping, tax and discount lines sent with a new order become its
// lines: on the answer, counted in its amount (and its charge's), and
// reachable through the line routes.
func TestFakeOrderCreatedWithLines(t *testing.T) {
	t.Parallel()
	srv, c, _ := fakeWithCustomer(t)
	status, body := rawCall(t, srv, "POST", "/orders", `{"currency":"MXN","customer_info":{"name":"Ana","email":"ana@example.mx"},
		"line_items":[{"name":"x","unit_price":1000,"quantity":2}],
		"shipping_lines":[{"amount":300,"carrier":"DHL"}],"tax_lines":[{"amount":320,"description":"IVA"}],
		"discount_lines":[{"amount":100,"code":"HOLA","type":"coupon"}],
		"charges":[{"payment_method":{"type":"cash"}}]}`)
	require.Equal(t, http.StatusOK, status, body)
	var o digitalfemsa.Order
	require.NoError(t, json.Unmarshal([]byte(body), &o))
	assert.Equal(t, int64(2000+300+320-100), o.Amount)
	require.Len(t, o.Charges.Data, 1)
	assert.Equal(t, o.Amount, o.Charges.Data[0].Amount)
	require.NotNil(t, o.ShippingLines)
	require.Len(t, o.ShippingLines.Data, 1)
	sl := o.ShippingLines.Data[0]
	assert.Equal(t, "DHL", sl.Carrier)
	assert.Equal(t, o.ID, sl.ParentID)
	assert.True(t, strings.HasPrefix(sl.ID, "ship_lin_"), sl.ID)
	require.Len(t, o.TaxLines.Data, 1)
	assert.Equal(t, "IVA", o.TaxLines.Data[0].Description)
	require.Len(t, o.DiscountLines.Data, 1)
	dl, err := c.DiscountLines.Get(bg, o.ID, o.DiscountLines.Data[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "HOLA", dl.Code)
}
