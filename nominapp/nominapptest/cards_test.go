package nominapptest_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

// Every row of the package doc's test-card table, through the SDK.
func TestTestCardTable(t *testing.T) {
	t.Parallel()
	for _, row := range []struct {
		number   string
		status   nominapp.PaymentStatus // "" for an error answer
		declined bool
	}{
		{nominapptest.CardApproved, nominapp.StatusApproved, false},
		{nominapptest.CardApprovedVisa, nominapp.StatusApproved, false},
		{nominapptest.CardDeclined, nominapp.StatusDeclined, true},
		{nominapptest.CardPending, nominapp.StatusPending, false},
		{nominapptest.CardRejected, "", true},
	} {
		t.Run(row.number, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			card := nominapptest.ApprovedCard()
			card.Number = row.number
			pay, err := s.Client().Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: card, PlanID: nominapptest.PlanPlus, PaidWorkers: 3, PaymentType: nominapp.Monthly})
			if row.status == "" {
				var e *nominapp.Error
				require.True(t, errors.As(err, &e), "%v", err)
				assert.Equal(t, 422, e.StatusCode)
				require.Len(t, e.Items, 1)
				assert.Equal(t, nominapptest.CodeRejected, e.Items[0].Code)
				assert.Equal(t, "credit_card", e.Items[0].Object)
				assert.True(t, e.Declined())
				assert.False(t, e.SoftDecline())
				assert.False(t, errors.Is(err, nominapp.ErrOutcomeUnknown))
				assert.Empty(t, s.Payments(), "a rejected card makes no payment")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, row.status, pay.Status)
			assert.Equal(t, row.declined, pay.Declined())
			assert.False(t, pay.SoftDecline())
			_, stored := s.StoredCard()
			assert.Equal(t, !row.declined, stored, "approved and pending payments keep the card")
		})
	}

	card, ok := nominapptest.DeclinedCard(string(nominapp.StatusDeclined))
	require.True(t, ok)
	assert.Equal(t, nominapptest.CardDeclined, card.Number)
	card, ok = nominapptest.DeclinedCard(nominapptest.CodeRejected)
	require.True(t, ok)
	assert.Equal(t, nominapptest.CardRejected, card.Number)
	assert.Equal(t, nominapptest.CardApproved, nominapptest.ApprovedCard().Number)
	for _, code := range []string{"", "PENDING", "APPROVED", nominapptest.CodeBlank} {
		_, ok := nominapptest.DeclinedCard(code)
		assert.False(t, ok, code)
	}
}
