package digitalfemsatest_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// Every row of the package doc's table goes through the SDK with the
// outcome the table gives it.
func TestTestCardTable(t *testing.T) {
	t.Parallel()
	items := []digitalfemsa.LineItem{{Name: "x", UnitPrice: 1000, Quantity: 1}}

	t.Run("approved", func(t *testing.T) {
		t.Parallel()
		srv, c, cus := fakeWithCustomer(t)
		o, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID}, LineItems: items,
			Charges: []digitalfemsa.ChargeParams{digitalfemsatest.ApprovedCard()}})
		require.NoError(t, err)
		assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPendingPayment), o.PaymentStatus)
		require.Len(t, o.Charges.Data, 1)
		assert.Equal(t, digitalfemsa.PaymentMethodCash, o.Charges.Data[0].PaymentMethod.Type)
		assert.NotEmpty(t, o.Charges.Data[0].PaymentMethod.Reference, "an OXXO reference")
		_, err = srv.MarkOrderPaid(o.ID)
		require.NoError(t, err)
		paid, _ := srv.Order(o.ID)
		assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), paid.PaymentStatus)
	})

	for _, tc := range []struct {
		code string
		soft bool
	}{
		{digitalfemsatest.CodeDeclined, false},
		{digitalfemsatest.CodeTryAgain, true},
		{digitalfemsatest.CodeCardDeclined, false},
	} {
		t.Run(tc.code, func(t *testing.T) {
			t.Parallel()
			srv, c, cus := fakeWithCustomer(t)
			ch, ok := digitalfemsatest.DeclinedCard(tc.code)
			require.True(t, ok)
			_, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID}, LineItems: items,
				Charges: []digitalfemsa.ChargeParams{ch}})
			var apiErr *digitalfemsa.Error
			require.True(t, errors.As(err, &apiErr), "%v", err)
			assert.Equal(t, 402, apiErr.StatusCode)
			assert.True(t, apiErr.Declined())
			assert.Equal(t, tc.soft, apiErr.SoftDecline())
			assert.True(t, apiErr.HasCode(tc.code), "%+v", apiErr.Details)
			assert.NotErrorIs(t, err, digitalfemsa.ErrOutcomeUnknown, "a decline is a definite answer")
			assert.Empty(t, srv.Orders(), "nothing was created")

			if ch.Type != digitalfemsa.PaymentMethodCash {
				return
			}
			// The same source declines a charge added to an order.
			o, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID}, LineItems: items})
			require.NoError(t, err)
			_, err = c.Charges.Create(bg, o.ID, &digitalfemsa.OrderChargeParams{Type: ch.Type, PaymentSourceID: ch.PaymentSourceID})
			require.True(t, errors.As(err, &apiErr), "%v", err)
			assert.True(t, apiErr.Declined())
			assert.Equal(t, tc.soft, apiErr.SoftDecline())
			assert.True(t, apiErr.HasCode(tc.code))
			assert.Empty(t, srv.Charges())
		})
	}

	_, ok := digitalfemsatest.DeclinedCard("femsa.errors.processing.charge.stolen")
	assert.False(t, ok, "a decline the fake does not have")
}
