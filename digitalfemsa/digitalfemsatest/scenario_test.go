package digitalfemsatest_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// The fake's main flow, written once as scenarios that take a client: they
// run against the fake, and against DigitalFemsa's sandbox when
// DIGITALFEMSA_PRIVATE_KEY holds a sandbox private key (the mode is the
// key's), so that the fake can be checked against the real service. Steps
// only the fake can play (a decline trigger, paying a reference at the
// store) run when fakeOnly is true. The sandbox variant creates a customer
// and a pending cash order in the account; it moves no money.

// scenario is one flow: c talks to the fake or the sandbox; srv is the
// fake (nil against the sandbox).
type scenario func(t *testing.T, c *digitalfemsa.Client, srv *digitalfemsatest.Server)

var scenarios = map[string]scenario{
	"customer create, read, list":        scenarioCustomer,
	"cash order, read, list, paid":       scenarioCashOrder,
	"decline and definite refusal":       scenarioDecline,
	"unknown outcome found by Reconcile": scenarioReconcile,
}

func TestScenariosAgainstFake(t *testing.T) {
	t.Parallel()
	for name, run := range scenarios {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := digitalfemsatest.NewServer()
			t.Cleanup(srv.Close)
			run(t, srv.Client(), srv)
		})
	}
}

func TestScenariosAgainstSandbox(t *testing.T) {
	key := os.Getenv("DIGITALFEMSA_PRIVATE_KEY")
	if key == "" {
		t.Skip("DIGITALFEMSA_PRIVATE_KEY is not set: the scenarios run against the fake only (TestScenariosAgainstFake)")
	}
	c, err := digitalfemsa.NewClient(key)
	require.NoError(t, err)
	for name, run := range scenarios {
		t.Run(name, func(t *testing.T) { run(t, c, nil) })
	}
}

// unique is a suffix that keeps a sandbox run's objects apart.
func unique() string { return time.Now().UTC().Format("20060102150405.000000000") }

func scenarioCustomer(t *testing.T, c *digitalfemsa.Client, srv *digitalfemsatest.Server) {
	tag := unique()
	cus, err := c.Customers.Create(bg, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana+" + tag + "@example.mx",
		Metadata: map[string]string{"run": tag}})
	require.NoError(t, err)
	assert.Equal(t, "customer", cus.Object)
	got, err := c.Customers.Get(bg, cus.ID)
	require.NoError(t, err)
	assert.Equal(t, cus.ID, got.ID)
	assert.Equal(t, "Ana López", got.Name)
	assert.Equal(t, tag, got.Metadata["run"])
	pg, err := c.Customers.List(bg, &digitalfemsa.ListParams{Search: cus.ID, Limit: 5})
	require.NoError(t, err)
	require.NotEmpty(t, pg.Data)
	assert.Equal(t, cus.ID, pg.Data[0].ID)
	_, err = c.Customers.Get(bg, "cus_"+tag+"missing")
	assert.ErrorIs(t, err, digitalfemsa.ErrNotFound)
	if srv != nil {
		assert.Len(t, srv.CustomersWithMetadata("run", tag), 1)
	}
}

func scenarioCashOrder(t *testing.T, c *digitalfemsa.Client, srv *digitalfemsatest.Server) {
	cus, err := c.Customers.Create(bg, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana+" + unique() + "@example.mx"})
	require.NoError(t, err)
	o, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems: []digitalfemsa.LineItem{{Name: "Recarga", UnitPrice: 15000, Quantity: 2}},
		Charges:   []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}}})
	require.NoError(t, err)
	assert.Equal(t, int64(30000), o.Amount)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPendingPayment), o.PaymentStatus)
	require.NotNil(t, o.Charges)
	require.Len(t, o.Charges.Data, 1)
	ch := o.Charges.Data[0]
	assert.Equal(t, digitalfemsa.PaymentMethodCash, ch.PaymentMethod.Type)
	assert.NotEmpty(t, ch.PaymentMethod.Reference, "the reference the customer pays at the store")
	assert.NotEmpty(t, o.Metadata[digitalfemsa.ReconcileMetadataKey], "the reconciliation key")

	got, err := c.Orders.Get(bg, o.ID)
	require.NoError(t, err)
	assert.Equal(t, o.ID, got.ID)
	assert.Equal(t, ch.ID, got.Charges.Data[0].ID)
	pg, err := c.Orders.List(bg, &digitalfemsa.ListParams{Search: o.ID, Limit: 5})
	require.NoError(t, err)
	require.NotEmpty(t, pg.Data)
	assert.Equal(t, o.ID, pg.Data[0].ID)

	if srv == nil {
		return // paying at the store is something only the fake can play
	}
	n, err := srv.MarkOrderPaid(o.ID)
	require.NoError(t, err)
	assert.Equal(t, digitalfemsa.EventOrderPaid, n.Event.Type)
	got, err = c.Orders.Get(bg, o.ID)
	require.NoError(t, err)
	assert.Equal(t, ptr(digitalfemsa.OrderPaymentStatusPaid), got.PaymentStatus)
	assert.True(t, got.IsRefundable)
}

func scenarioDecline(t *testing.T, c *digitalfemsa.Client, srv *digitalfemsatest.Server) {
	items := []digitalfemsa.LineItem{{Name: "x", UnitPrice: 1000, Quantity: 1}}
	// A refusal the real API gives too: an order for a customer that does
	// not exist. Nothing is created, and the outcome is known.
	_, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: "cus_" + unique()},
		LineItems: items, Charges: []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}}})
	require.Error(t, err)
	assert.ErrorIs(t, err, digitalfemsa.ErrNotFound)
	assert.NotErrorIs(t, err, digitalfemsa.ErrOutcomeUnknown)

	if srv == nil {
		return // DigitalFemsa publishes no decline trigger
	}
	cus := newCustomer(t, c)
	declined, ok := digitalfemsatest.DeclinedCard(digitalfemsatest.CodeDeclined)
	require.True(t, ok)
	_, err = c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems: items, Charges: []digitalfemsa.ChargeParams{declined}})
	var apiErr *digitalfemsa.Error
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.True(t, apiErr.Declined())
	assert.False(t, apiErr.SoftDecline())
	assert.Empty(t, srv.Orders())
}

func scenarioReconcile(t *testing.T, c *digitalfemsa.Client, srv *digitalfemsatest.Server) {
	if srv == nil {
		t.Skip("dropping an answer after processing needs the fake")
	}
	cus := newCustomer(t, c)
	srv.InjectFault(digitalfemsatest.Fault{Kind: digitalfemsatest.FaultDropAfter, Match: "POST /orders"})
	start := time.Now()
	_, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems: []digitalfemsa.LineItem{{Name: "x", UnitPrice: 1000, Quantity: 1}}, Charges: []digitalfemsa.ChargeParams{digitalfemsatest.ApprovedCard()}})
	require.ErrorIs(t, err, digitalfemsa.ErrOutcomeUnknown)
	var u *digitalfemsa.OutcomeUnknownError
	require.True(t, errors.As(err, &u))
	o, err := c.Orders.Reconcile(bg, u.Key, start)
	require.NoError(t, err)
	assert.Equal(t, []*digitalfemsa.Order{o}, srv.OrdersWithMetadata(digitalfemsa.ReconcileMetadataKey, u.Key))
}
