package srpago_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// reconcileSetup is a fake with a saved card and a client that does not
// retry.
func reconcileSetup(t *testing.T) (*srpagotest.Server, *srpago.Client, string) {
	t.Helper()
	srv := srpagotest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client(srpago.WithMaxRetries(0))
	ctx := context.Background()
	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana", Email: "ana@example.mx"})
	require.NoError(t, err)
	tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: testCard(srpagotest.CardApproved)})
	require.NoError(t, err)
	saved, err := c.Cards.Add(ctx, cus.ID, tok.ID)
	require.NoError(t, err)
	return srv, c, saved.Token
}

func TestReconcileDropAfterProcessing(t *testing.T) {
	t.Parallel()
	srv, c, crd := reconcileSetup(t)
	ctx := context.Background()
	srv.InjectFault(srpagotest.Fault{Match: "POST /v1/payment/card", After: true, Drop: true})
	p := &srpago.ChargeParams{Source: crd, Amount: 29900, Description: "Membresía", ReconcileKey: "order:42.a-1"}
	before := time.Now()
	_, err := c.Charges.Create(ctx, p)
	require.ErrorIs(t, err, srpago.ErrOutcomeUnknown)
	var u *srpago.OutcomeUnknownError
	require.ErrorAs(t, err, &u)
	assert.Equal(t, "order:42.a-1", u.Key)
	assert.Equal(t, "charges.create", u.Operation)
	assert.False(t, u.SentAt.Before(before), "SentAt is when sending began")
	assert.False(t, u.SentAt.After(time.Now()))
	assert.Equal(t, "order:42.a-1", p.ReconcileKey, "the params are not changed")
	assert.Empty(t, p.OrderID)
	require.Equal(t, 1, srv.ChargesWithOrderID(u.Key), "the fake charged it")

	ch, err := c.Charges.Reconcile(ctx, u.Key, u.SentAt)
	require.NoError(t, err)
	assert.Equal(t, int64(29900), ch.Amount)
	assert.Equal(t, u.Key, ch.OrderID)
	assert.NotEmpty(t, ch.TransactionID)
	assert.True(t, ch.Approved)
	assert.Equal(t, u.Key, ch.Receipt.Reference)
}

func TestReconcileDropBeforeProcessing(t *testing.T) {
	t.Parallel()
	srv, c, crd := reconcileSetup(t)
	ctx := context.Background()
	srv.InjectFault(srpagotest.Fault{Match: "POST /v1/payment/card", Status: 503, Body: "<html>busy</html>", ContentType: "text/html"})
	_, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: crd, Amount: 29900, Description: "Membresía"})
	var u *srpago.OutcomeUnknownError
	require.ErrorAs(t, err, &u)
	assert.Len(t, u.Key, 22, "a generated key")
	assert.Zero(t, srv.ChargesWithOrderID(u.Key))
	_, err = c.Charges.Reconcile(ctx, u.Key, u.SentAt)
	require.ErrorIs(t, err, srpago.ErrNotFound)
	assert.True(t, strings.HasPrefix(err.Error(), "srpago: "), err.Error())
}

// TestReconcileTellsApart: two charges of the same amount and card with
// different keys, one made with a Reference of its own (the key then
// travels in the description).
func TestReconcileTellsApart(t *testing.T) {
	t.Parallel()
	_, c, crd := reconcileSetup(t)
	ctx := context.Background()
	since := time.Now()
	a, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: crd, Amount: 5000, Description: "Plan", ReconcileKey: "key-a"})
	require.NoError(t, err)
	b, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: crd, Amount: 5000, Description: "Plan", ReconcileKey: "key-b",
		Reference: "factura-9"})
	require.NoError(t, err)
	gotA, err := c.Charges.Reconcile(ctx, "key-a", since)
	require.NoError(t, err)
	gotB, err := c.Charges.Reconcile(ctx, "key-b", since)
	require.NoError(t, err)
	assert.Equal(t, a.TransactionID, gotA.TransactionID)
	assert.Equal(t, b.TransactionID, gotB.TransactionID)
	assert.NotEqual(t, gotA.TransactionID, gotB.TransactionID)
	assert.Equal(t, "factura-9", gotB.Receipt.Reference, "the caller's Reference is kept")
	assert.Equal(t, "Plan [key-b]", gotB.Receipt.Description)
	_, err = c.Charges.Reconcile(ctx, "key-c", since)
	assert.ErrorIs(t, err, srpago.ErrNotFound)
	// A key that is only the start of another does not match.
	_, err = c.Charges.Reconcile(ctx, "key", since)
	assert.ErrorIs(t, err, srpago.ErrNotFound)
}

func TestReconcilePaging(t *testing.T) {
	t.Parallel()
	srv, c, crd := reconcileSetup(t)
	ctx := context.Background()
	since := time.Now()
	const n = 230 // past two pages of Reconcile's 100
	for i := range n {
		_, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: crd, Amount: 1000 + int64(i), Description: "x",
			ReconcileKey: fmt.Sprintf("page-%03d", i)})
		require.NoError(t, err)
	}
	before := srv.Handled("GET /v1/operations")
	ch, err := c.Charges.Reconcile(ctx, "page-229", since)
	require.NoError(t, err)
	assert.Equal(t, int64(1229), ch.Amount)
	assert.Equal(t, 3, srv.Handled("GET /v1/operations")-before, "three pages walked")
	before = srv.Handled("GET /v1/operations")
	_, err = c.Charges.Reconcile(ctx, "page-001", since)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.Handled("GET /v1/operations")-before, "a walk stops where it finds the key")
}

func TestReconcileRefusedBeforeIO(t *testing.T) {
	t.Parallel()
	srv, c, crd := reconcileSetup(t)
	ctx := context.Background()
	charges := srv.Handled("POST /v1/payment/card")
	for _, p := range []*srpago.ChargeParams{
		{Source: crd, Amount: 100, Description: "x", ReconcileKey: strings.Repeat("k", 65)},
		{Source: crd, Amount: 100, Description: "x", ReconcileKey: "has space"},
		{Source: crd, Amount: 100, Description: "x", ReconcileKey: "a", OrderID: "b"},
	} {
		_, err := c.Charges.Create(ctx, p)
		var pe *srpago.ParamError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "ReconcileKey", pe.Field)
		assert.Error(t, p.Validate())
	}
	assert.NoError(t, (&srpago.ChargeParams{Source: crd, Amount: 100, Description: "x", ReconcileKey: "a", OrderID: "a"}).Validate())
	assert.Equal(t, charges, srv.Handled("POST /v1/payment/card"), "nothing sent")

	lists := srv.Handled("GET /v1/operations")
	for _, tt := range []struct {
		key   string
		since time.Time
	}{
		{strings.Repeat("k", 65), time.Now()},
		{"", time.Now()},
		{"bad key", time.Now()},
		{"ok", time.Time{}},
		{"ok", time.Now().Add(time.Hour)},
	} {
		_, err := c.Charges.Reconcile(ctx, tt.key, tt.since)
		assert.ErrorIs(t, err, srpago.ErrInvalidParams, "%q %v", tt.key, tt.since)
		assert.False(t, errors.Is(err, srpago.ErrNotFound))
	}
	assert.Equal(t, lists, srv.Handled("GET /v1/operations"), "nothing sent")
}
