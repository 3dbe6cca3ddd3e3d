package culqitest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// The typed state holds what the API answers, as the culqi package's own
// types, for every kind the fake stores.
func TestTypedState(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()

	cus := newCustomer(t, c)
	tok := newToken(t, c, culqitest.CardVisa)
	card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID, Metadata: map[string]string{"tag": "c1"}})
	require.NoError(t, err)
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 4200, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: card.ID, Metadata: map[string]string{"order": "A-1"}})
	require.NoError(t, err)
	ch2, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1300, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: card.ID, Metadata: map[string]string{"order": "A-2"}})
	require.NoError(t, err)
	ref, err := c.Refunds.Create(ctx, &culqi.RefundParams{ChargeID: ch.ID, Amount: 200, Reason: culqi.ReasonCustomerRequest,
		Metadata: map[string]string{"ticket": "T-9"}})
	require.NoError(t, err)
	o, err := c.Orders.Create(ctx, &culqi.OrderParams{Amount: 5000, CurrencyCode: "PEN", Description: "Pedido 1", OrderNumber: "ped-1",
		ExpirationDate: time.Now().Add(24 * time.Hour), Metadata: map[string]string{"order": "A-1"},
		ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"}})
	require.NoError(t, err)
	plan, err := c.Plans.Create(ctx, &culqi.PlanParams{Name: "Plan mensual", ShortName: "plan-mensual", Description: "Mensual",
		Amount: 2990, Currency: "PEN", IntervalUnitTime: culqi.IntervalMonthly, IntervalCount: 1})
	require.NoError(t, err)
	sub, err := c.Subscriptions.Create(ctx, &culqi.SubscriptionParams{CardID: card.ID, PlanID: plan.ID, TermsAccepted: true})
	require.NoError(t, err)

	// Charges: list, by id, by metadata; each read equal to the API's.
	charges := srv.Charges()
	require.Len(t, charges, 2)
	assert.Equal(t, []string{ch.ID, ch2.ID}, []string{charges[0].ID, charges[1].ID}, "oldest first")
	apiCh, err := c.Charges.Get(ctx, ch.ID)
	require.NoError(t, err)
	got, ok := srv.Charge(ch.ID)
	require.True(t, ok)
	assert.Equal(t, apiCh, got)
	assert.Equal(t, int64(4000), got.CurrentAmount, "the refund shows")
	byMD := srv.ChargesWithMetadata("order", "A-2")
	require.Len(t, byMD, 1)
	assert.Equal(t, ch2.ID, byMD[0].ID)
	assert.Empty(t, srv.ChargesWithMetadata("order", "A"), "a value matches whole")
	assert.Empty(t, srv.ChargesWithMetadata("nothing", "A-2"))
	_, ok = srv.Charge("chr_test_0000000000000000")
	assert.False(t, ok)

	// A copy: changing it changes nothing on the fake.
	got.Amount = 1
	got.Metadata["order"] = "changed"
	again, _ := srv.Charge(ch.ID)
	assert.Equal(t, int64(4200), again.Amount)
	assert.Equal(t, "A-1", again.Metadata["order"])

	apiRef, err := c.Refunds.Get(ctx, ref.ID)
	require.NoError(t, err)
	gotRef, ok := srv.Refund(ref.ID)
	require.True(t, ok)
	assert.Equal(t, apiRef, gotRef)
	assert.Len(t, srv.Refunds(), 1)
	assert.Len(t, srv.RefundsWithMetadata("ticket", "T-9"), 1)

	apiCus, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	gotCus, ok := srv.Customer(cus.ID)
	require.True(t, ok)
	assert.Equal(t, apiCus, gotCus, "with its cards, as GET shows it")
	require.Len(t, gotCus.Cards, 1)
	assert.Len(t, srv.Customers(), 1)
	assert.Empty(t, srv.CustomersWithMetadata("tag", "c1"))

	apiCard, err := c.Cards.Get(ctx, card.ID)
	require.NoError(t, err)
	gotCard, ok := srv.Card(card.ID)
	require.True(t, ok)
	assert.Equal(t, apiCard, gotCard)
	assert.Len(t, srv.Cards(), 1)
	assert.Len(t, srv.CardsWithMetadata("tag", "c1"), 1)

	apiTok, err := c.Tokens.Get(ctx, tok.ID)
	require.NoError(t, err)
	gotTok, ok := srv.Token(tok.ID)
	require.True(t, ok)
	assert.Equal(t, apiTok, gotTok)
	assert.Len(t, srv.Tokens(), 1)

	apiOrd, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	gotOrd, ok := srv.Order(o.ID)
	require.True(t, ok)
	assert.Equal(t, apiOrd, gotOrd)
	assert.Len(t, srv.Orders(), 1)
	assert.Len(t, srv.OrdersWithMetadata("order", "A-1"), 1)

	apiPlan, err := c.Plans.Get(ctx, plan.ID)
	require.NoError(t, err)
	gotPlan, ok := srv.Plan(plan.ID)
	require.True(t, ok)
	assert.Equal(t, apiPlan, gotPlan)
	assert.Len(t, srv.Plans(), 1)

	apiSub, err := c.Subscriptions.Get(ctx, sub.ID)
	require.NoError(t, err)
	gotSub, ok := srv.Subscription(sub.ID)
	require.True(t, ok)
	assert.Equal(t, apiSub, gotSub)
	assert.Len(t, srv.Subscriptions(), 1)

	events := srv.Events()
	var types []string
	for _, e := range events {
		types = append(types, e.Type)
	}
	assert.Equal(t, []string{culqi.EventCustomerCreationSucceeded, culqi.EventCardCreationSucceeded,
		culqi.EventChargeCreationSucceeded, culqi.EventChargeCreationSucceeded, culqi.EventRefundCreationSucceeded,
		culqi.EventSubscriptionCreationSucceeded}, types)
	apiEvt, err := c.Events.Get(ctx, events[2].ID)
	require.NoError(t, err)
	gotEvt, ok := srv.Event(events[2].ID)
	require.True(t, ok)
	assert.Equal(t, apiEvt, gotEvt)
	assert.Equal(t, ch.ID, gotEvt.DataID())

	// Deleted objects are gone from the typed state as from the API.
	_, err = c.Subscriptions.Cancel(ctx, sub.ID)
	require.NoError(t, err)
	_, ok = srv.Subscription(sub.ID)
	assert.False(t, ok)
	assert.Empty(t, srv.Subscriptions())
}

// A fresh fake holds nothing, and says so with empty lists, not nil
// errors or panics.
func TestTypedStateEmpty(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	assert.Empty(t, srv.Charges())
	assert.Empty(t, srv.Customers())
	assert.Empty(t, srv.Events())
	_, ok := srv.Customer("cus_test_0000000000000000")
	assert.False(t, ok)
	_, ok = srv.Event("evt_test_0000000000000000")
	assert.False(t, ok)
}
