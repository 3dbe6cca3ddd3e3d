package nominapptest_test

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

// Nominapp documents no webhooks: with a target set, payments of every
// outcome and a card update post nothing and record no delivery.
func TestDeliverWebhooksEmitsNothing(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	var hits atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	t.Cleanup(hook.Close)
	s.DeliverWebhooks(hook.URL)
	assert.Equal(t, hook.URL, s.WebhookURL())

	c := s.Client()
	for _, number := range []string{nominapptest.CardApproved, nominapptest.CardDeclined, nominapptest.CardPending} {
		card := nominapptest.ApprovedCard()
		card.Number = number
		_, err := c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: card, PlanID: nominapptest.PlanBasic, PaidWorkers: 2, PaymentType: nominapp.Monthly})
		require.NoError(t, err)
	}
	require.NoError(t, c.Payments.UpdateCard(ctx, &nominapp.CardUpdate{Card: nominapptest.ApprovedCard(), PaymentType: nominapp.Monthly}))
	require.NoError(t, s.WaitWebhooks(ctx))
	assert.Empty(t, s.Deliveries())
	assert.Zero(t, hits.Load())
	assert.Len(t, s.Payments(), 3, "the payments themselves happened")
}
