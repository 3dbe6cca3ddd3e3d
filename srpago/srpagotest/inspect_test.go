package srpagotest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// The typed views hold what the API answers, as the srpago package's
// types.
func TestTypedState(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus, sc := savedCard(t, c, srpagotest.CardApproved)
	other, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Luis", Email: "luis@example.mx", Metadata: map[string]string{"plan": "silver"}})
	require.NoError(t, err)

	all := srv.Customers()
	require.Len(t, all, 2)
	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	assert.Equal(t, got, all[0], "the typed state is what Customers.Get answers")
	assert.Equal(t, other.ID, all[1].ID)
	byID, ok := srv.Customer(other.ID)
	require.True(t, ok)
	assert.Equal(t, all[1], byID)
	_, ok = srv.Customer("cus_nope")
	assert.False(t, ok)
	gold := srv.CustomersWithMetadata("plan", "gold")
	require.Len(t, gold, 1)
	assert.Equal(t, cus.ID, gold[0].ID)
	assert.Empty(t, srv.CustomersWithMetadata("plan", "bronze"))

	cards := srv.SavedCards()
	require.Len(t, cards, 1)
	assert.Equal(t, sc, cards[0])
	one, ok := srv.SavedCard(sc.Token)
	require.True(t, ok)
	assert.Equal(t, sc, one)
	_, ok = srv.SavedCard("crd_nope")
	assert.False(t, ok)

	ch, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: sc.Token, Amount: 12345, Description: "Membresía", ReconcileKey: "order-1"})
	require.NoError(t, err)
	declined, _ := srpagotest.DeclinedCard("51")
	_, bad := savedCard(t, c, declined.Number)
	_, err = c.Charges.Create(ctx, &srpago.ChargeParams{Source: bad.Token, Amount: 500, Description: "Membresía"})
	require.Error(t, err)
	_, err = c.Charges.Reverse(ctx, ch.TransactionID)
	require.NoError(t, err)

	ops := srv.Operations()
	require.Len(t, ops, 1, "a declined charge makes no operation")
	op, err := c.Operations.Get(ctx, ch.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, op, ops[0])
	assert.Equal(t, int64(12345), ops[0].Amount)
	assert.True(t, ops[0].Reversed)
	byTx, ok := srv.Operation(ch.TransactionID)
	require.True(t, ok)
	assert.Equal(t, op, byTx)
	_, ok = srv.Operation("bm9wZQ==")
	assert.False(t, ok)
	byOrder := srv.OperationsWithOrderID("order-1")
	require.Len(t, byOrder, 1)
	assert.Equal(t, op, byOrder[0])
	assert.Empty(t, srv.OperationsWithOrderID("order-2"))

	// A paid reference is an operation too.
	cash, err := c.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 2500, Description: "Pedido 5"})
	require.NoError(t, err)
	require.Len(t, srv.Operations(), 1, "an unpaid reference is no operation")
	tx, err := srv.PayReference(ctx, cash.Reference)
	require.NoError(t, err)
	ops = srv.Operations()
	require.Len(t, ops, 2)
	assert.Equal(t, tx, ops[1].TransactionID)
	assert.Equal(t, "OXX", ops[1].PaymentMethod)
	assert.Equal(t, int64(2500), ops[1].Amount)
}

// Charges holds each approved charge as ChargesService.Create returned
// it; a declined one makes none.
func TestChargesAreWhatCreateReturned(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	first, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: sc.Token, Amount: 12345, Description: "Membresía", ReconcileKey: "order-1"})
	require.NoError(t, err)
	second, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: sc.Token, Amount: 990, Description: "Extra", ReconcileKey: "order-2"})
	require.NoError(t, err)
	declined, _ := srpagotest.DeclinedCard("51")
	_, bad := savedCard(t, c, declined.Number)
	_, err = c.Charges.Create(ctx, &srpago.ChargeParams{Source: bad.Token, Amount: 500, Description: "Membresía"})
	require.Error(t, err)

	assert.Equal(t, []*srpago.Charge{first, second}, srv.Charges())
	assert.Equal(t, 2, srv.ChargeCount())
	got, ok := srv.Charge(second.TransactionID)
	require.True(t, ok)
	assert.Equal(t, second, got)
	_, ok = srv.Charge("bm9wZQ==")
	assert.False(t, ok)
}
