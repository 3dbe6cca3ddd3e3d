package digitalfemsatest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
)

func TestFakeCheckouts(t *testing.T) {
	t.Parallel()
	srv, c, cus := fakeWithCustomer(t)
	exp := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Second)
	link, err := c.Checkouts.Create(bg, &digitalfemsa.CheckoutParams{Name: "Membresía", Recurrent: true, PaymentsLimitCount: 2, ExpiresAt: exp,
		OrderTemplate: digitalfemsa.CheckoutOrderTemplate{CustomerInfo: &digitalfemsa.CustomerInfo{CustomerID: cus.ID},
			LineItems: []digitalfemsa.LineItem{{Name: "Mes", UnitPrice: 25000, Quantity: 1}}, Metadata: map[string]string{"plan": "mensual"}}})
	require.NoError(t, err)
	assert.Equal(t, "checkout", link.Object)
	assert.Equal(t, digitalfemsa.CheckoutTypePaymentLink, link.Type)
	assert.Equal(t, "Issued", link.Status)
	assert.True(t, strings.HasSuffix(link.URL, link.Slug))
	require.NotNil(t, link.PaymentsLimitCount)
	assert.Equal(t, 2, *link.PaymentsLimitCount)
	assert.Equal(t, []string{"cash"}, link.AllowedPaymentMethods)
	assert.Equal(t, exp.Unix(), link.ExpiresAt.Unix())

	got, err := c.Checkouts.Get(bg, link.ID)
	require.NoError(t, err)
	assert.Equal(t, *link, *got)
	mailed, err := c.Checkouts.Email(bg, link.ID, "ana@example.mx")
	require.NoError(t, err)
	assert.Equal(t, 1, mailed.EmailsSent)

	// Each payment creates a paid order from the template, up to the limit.
	for i := 0; i < 2; i++ {
		oid, err := srv.PayCheckout(link.ID)
		require.NoError(t, err)
		o, err := c.Orders.Get(bg, oid)
		require.NoError(t, err)
		assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), o.PaymentStatus)
		assert.Equal(t, int64(25000), o.Amount)
		assert.Equal(t, cus.ID, o.CustomerInfo.CustomerID)
	}
	_, err = srv.PayCheckout(link.ID)
	assert.Error(t, err)
	got, err = c.Checkouts.Get(bg, link.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, got.PaidPaymentsCount)

	pg, err := c.Checkouts.List(bg, &digitalfemsa.ListParams{Search: "membres"})
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)

	cancelled, err := c.Checkouts.Cancel(bg, link.ID)
	require.NoError(t, err)
	assert.Equal(t, "Cancelled", cancelled.Status)
	_, err = c.Checkouts.Email(bg, link.ID, "ana@example.mx")
	apiErr(t, err, http.StatusPreconditionRequired)

	// Expiry outside the API's range is refused by the fake.
	_, err = c.Checkouts.Create(bg, &digitalfemsa.CheckoutParams{Name: "x", ExpiresAt: time.Now().Add(time.Hour),
		OrderTemplate: digitalfemsa.CheckoutOrderTemplate{LineItems: []digitalfemsa.LineItem{{Name: "a", Quantity: 1}}}})
	apiErr(t, err, http.StatusUnprocessableEntity)
	_, err = c.Checkouts.Get(bg, "missing")
	apiErr(t, err, http.StatusNotFound)
}
