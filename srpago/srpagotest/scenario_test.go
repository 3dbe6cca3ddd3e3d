package srpagotest_test

import (
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// The scenarios below are the fake's main flow written once: each takes a
// client and fakeOnly, true when the client talks to srpagotest, which
// enables the checks only the fake can promise (its own decline card, a
// clean slate). They run against the fake always, and against Sr. Pago's
// sandbox when SRPAGO_APP_KEY and SRPAGO_APP_SECRET are set
// (SRPAGO_BASE_URL, default srpago.SandboxURL), so a user can check the
// fake against the real service:
//
//	SRPAGO_APP_KEY=... SRPAGO_APP_SECRET=... go test -run TestScenarios ./srpago/srpagotest
var scenarios = []struct {
	name string
	run  func(t *testing.T, c *srpago.Client, fakeOnly bool)
}{
	{"customer: create, read, list, update", scenarioCustomer},
	{"charge: save a card, charge, read, reverse", scenarioCharge},
	{"charge: declines", scenarioDecline},
	{"operation: unknown id", scenarioNotFound},
}

func TestScenarios(t *testing.T) {
	t.Parallel()
	t.Run("fake", func(t *testing.T) {
		t.Parallel()
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				t.Parallel()
				srv := srpagotest.NewServer()
				t.Cleanup(srv.Close)
				sc.run(t, srv.Client(), true)
			})
		}
	})
	t.Run("sandbox", func(t *testing.T) {
		key, secret := os.Getenv("SRPAGO_APP_KEY"), os.Getenv("SRPAGO_APP_SECRET")
		if key == "" || secret == "" {
			t.Skip("SRPAGO_APP_KEY and SRPAGO_APP_SECRET are not set: the scenarios ran against the fake only")
		}
		base := os.Getenv("SRPAGO_BASE_URL")
		if base == "" {
			base = srpago.SandboxURL
		}
		c, err := srpago.NewClient(key, secret, srpago.WithBaseURL(base))
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) { sc.run(t, c, false) })
		}
	})
}

// runID is unique per run, so sandbox runs do not collide.
func runID() string { return fmt.Sprintf("lp%d", time.Now().UnixNano()) }

func scenarioCustomer(t *testing.T, c *srpago.Client, fakeOnly bool) {
	id := runID()
	email := id + "@example.mx"
	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: email, Metadata: map[string]string{"run": id}})
	require.NoError(t, err)
	require.NotEmpty(t, cus.ID)
	assert.True(t, cus.Active)

	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	assert.Equal(t, email, got.Email)
	assert.Equal(t, "Ana López", got.Name)

	page, err := c.Customers.List(ctx, &srpago.CustomerListParams{Limit: 10})
	require.NoError(t, err)
	if fakeOnly {
		require.Len(t, page.Data, 1)
		assert.Equal(t, cus.ID, page.Data[0].ID)
	}
	up, err := c.Customers.Update(ctx, cus.ID, &srpago.CustomerParams{Name: "Ana L.", Email: email})
	require.NoError(t, err)
	assert.Equal(t, "Ana L.", up.Name)
	require.NoError(t, c.Customers.Delete(ctx, cus.ID))
}

func scenarioCharge(t *testing.T, c *srpago.Client, fakeOnly bool) {
	id := runID()
	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: id + "@example.mx"})
	require.NoError(t, err)
	tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: srpagotest.ApprovedCard()})
	require.NoError(t, err)
	saved, err := c.Cards.Add(ctx, cus.ID, tok.ID)
	require.NoError(t, err)
	assert.Equal(t, srpago.CardTypeVisa, saved.Type)

	ch, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: saved.Token, Amount: 12345, Description: "latampay scenario", ReconcileKey: id})
	require.NoError(t, err)
	assert.True(t, ch.Approved)
	assert.Equal(t, id, ch.OrderID)
	assert.Equal(t, int64(12345), ch.Amount)
	require.NotEmpty(t, ch.TransactionID)

	op, err := c.Operations.Get(ctx, ch.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, int64(12345), op.Amount)
	assert.True(t, op.IsApproved())

	rev, err := c.Charges.Reverse(ctx, ch.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, "Reversal", rev.Method)
	if fakeOnly {
		op, err = c.Operations.Get(ctx, ch.TransactionID)
		require.NoError(t, err)
		assert.True(t, op.Reversed, "Sr. Pago's hasDevolution after a reversal is not confirmed")
	}
}

func scenarioDecline(t *testing.T, c *srpago.Client, fakeOnly bool) {
	codes := []string{"51"} // the integrators' sandbox card
	if fakeOnly {
		codes = append(codes, "43", srpago.CodeInvalidCard)
	}
	for _, code := range codes {
		card, ok := srpagotest.DeclinedCard(code)
		require.True(t, ok)
		tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card})
		require.NoError(t, err)
		_, err = c.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 1000, Description: "latampay scenario decline"})
		var e *srpago.Error
		require.ErrorAs(t, err, &e, code)
		assert.True(t, e.Declined(), code)
		assert.False(t, errors.Is(err, srpago.ErrOutcomeUnknown), code)
		if code == "51" {
			assert.Equal(t, "51", e.BankCode)
			assert.True(t, e.SoftDecline())
		}
	}
}

func scenarioNotFound(t *testing.T, c *srpago.Client, fakeOnly bool) {
	_, err := c.Operations.Get(ctx, "OTk5OTk5OTk5")
	assert.ErrorIs(t, err, srpago.ErrNotFound)
}
