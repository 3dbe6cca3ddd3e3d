package nominapptest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

// The typed views are what the SDK's payment methods returned.
func TestTypedState(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()
	sub, err := c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: nominapptest.ApprovedCard(), PlanID: nominapptest.PlanBasic, PaidWorkers: 4, PaymentType: nominapp.Monthly})
	require.NoError(t, err)
	extra, err := c.Payments.PayExtraWorkers(ctx, &nominapp.ExtraWorkersPayment{Card: nominapptest.ApprovedCard(), PlanID: nominapptest.PlanBasic, ExtraWorkers: 5})
	require.NoError(t, err)
	declined, _ := nominapptest.DeclinedCard("DECLINED")
	dec, err := c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: declined, PlanID: nominapptest.PlanPro, PaidWorkers: 1, PaymentType: nominapp.Yearly})
	require.NoError(t, err)

	recs := s.Payments()
	require.Len(t, recs, 3)
	for i, want := range []*nominapp.Payment{sub, extra, dec} {
		assert.Equal(t, want, recs[i].Payment(), "record %d", i)
		got, ok := s.Payment(want.TransactionID)
		require.True(t, ok)
		assert.Equal(t, want, got)
		got, ok = s.Payment(want.OrderID)
		require.True(t, ok)
		assert.Equal(t, want, got)
	}
	assert.Equal(t, int64(396900), extra.Value, "the guide's example value")
	assert.Empty(t, sub.PlanID, "a subscription payment's answer carries no plan")
	assert.True(t, dec.Declined())
	_, ok := s.Payment("")
	assert.False(t, ok)
	_, ok = s.Payment("nope")
	assert.False(t, ok)
}
