package culqitest_test

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// The scenarios below are Culqi's main flows, written once. Each takes a
// client and fakeOnly, which is true when the client talks to the fake:
// the few checks that only the fake can make (its event ledger, which
// Culqi's integration environment was seen to leave empty) run only then.
// TestScenariosFake runs them against culqitest; TestScenariosSandbox runs
// the same functions against Culqi's integration environment when
// CULQI_SECRET_KEY and CULQI_PUBLIC_KEY hold test keys, so a user can check
// that the fake still behaves like Culqi.
var scenarios = []struct {
	name string
	run  func(t *testing.T, c *culqi.Client, fakeOnly bool)
}{
	{"charge, read, list, refund", scenarioChargeFlow},
	{"authorize, then capture", scenarioCapture},
	{"declined charge", scenarioDecline},
	{"saved card", scenarioSavedCard},
	{"reconcile", scenarioReconcile},
}

func TestScenariosFake(t *testing.T) {
	t.Parallel()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			srv := culqitest.NewServer()
			defer srv.Close()
			sc.run(t, srv.Client(culqi.WithMaxRetries(0)), true)
		})
	}
}

// TestScenariosSandbox talks to Culqi's real integration environment: it
// runs only with test keys in the environment and is skipped otherwise (as
// in CI, which has none).
func TestScenariosSandbox(t *testing.T) {
	sk, pk := os.Getenv("CULQI_SECRET_KEY"), os.Getenv("CULQI_PUBLIC_KEY")
	if sk == "" || pk == "" {
		t.Skip("Culqi sandbox scenarios skipped: set CULQI_SECRET_KEY and CULQI_PUBLIC_KEY (test keys) to run them against Culqi's integration environment")
	}
	if !strings.HasPrefix(sk, "sk_test_") || !strings.HasPrefix(pk, "pk_test_") {
		t.Fatal("the sandbox scenarios move money: they run only with test keys (sk_test_…, pk_test_…)")
	}
	c, err := culqi.NewClient(sk, culqi.WithPublicKey(pk), culqi.WithMaxRetries(0),
		culqi.WithAppInfo("latampay-go-scenarios", "1"))
	require.NoError(t, err)
	defer c.Close()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) { sc.run(t, c, false) })
	}
}

// uniqueEmail tells this run's objects apart from others in a shared
// sandbox account.
func uniqueEmail(t *testing.T) string {
	t.Helper()
	b := make([]byte, 6)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return "latampay-" + hex.EncodeToString(b) + "@example.pe"
}

func tokenize(t *testing.T, c *culqi.Client, card culqi.Card, email string) *culqi.Token {
	t.Helper()
	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: email})
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(tok.ID, "tkn_test_"), tok.ID)
	return tok
}

func scenarioChargeFlow(t *testing.T, c *culqi.Client, fakeOnly bool) {
	email := uniqueEmail(t)
	tok := tokenize(t, c, culqitest.ApprovedCard(), email)
	assert.Equal(t, "1111", tok.LastFour)
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1500, CurrencyCode: culqi.CurrencyPEN, Email: email,
		SourceID: tok.ID, Description: "Escenario de prueba", Metadata: map[string]string{"scenario": "charge-flow"}})
	require.NoError(t, err)
	assert.Regexp(t, `^chr_test_\w{16}$`, ch.ID)
	assert.Equal(t, int64(1500), ch.Amount)
	assert.Equal(t, culqi.OutcomeSuccess, ch.Outcome.Type)
	assert.Equal(t, "charge-flow", ch.Metadata["scenario"])

	got, err := c.Charges.Get(ctx, ch.ID)
	require.NoError(t, err)
	assert.Equal(t, ch.ID, got.ID)
	assert.Equal(t, email, got.Email)
	assert.Equal(t, "1111", got.Source.LastFour)

	page, err := c.Charges.List(ctx, &culqi.ChargeListParams{Email: email, Limit: 10})
	require.NoError(t, err)
	var ids []string
	for _, x := range page.Data {
		ids = append(ids, x.ID)
	}
	assert.Contains(t, ids, ch.ID, "listed by the payer's email")

	ref, err := c.Refunds.Create(ctx, &culqi.RefundParams{ChargeID: ch.ID, Amount: 500, Reason: culqi.ReasonCustomerRequest})
	require.NoError(t, err)
	assert.Regexp(t, `^ref_test_\w{16}$`, ref.ID)
	assert.Equal(t, ch.ID, ref.ChargeID)
	assert.Equal(t, int64(500), ref.Amount)
	got, err = c.Charges.Get(ctx, ch.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(500), got.AmountRefunded)
	assert.Equal(t, int64(1000), got.CurrentAmount)

	// More than what remains cannot be refunded.
	_, err = c.Refunds.Create(ctx, &culqi.RefundParams{ChargeID: ch.ID, Amount: 1001, Reason: culqi.ReasonCustomerRequest})
	var e *culqi.Error
	require.ErrorAs(t, err, &e)
	assert.False(t, e.Declined())

	if fakeOnly {
		evs, err := c.Events.List(ctx, &culqi.EventListParams{Type: culqi.EventChargeCreationSucceeded})
		require.NoError(t, err)
		require.Len(t, evs.Data, 1)
		assert.Equal(t, ch.ID, evs.Data[0].DataID())
	}
}

func scenarioCapture(t *testing.T, c *culqi.Client, _ bool) {
	email := uniqueEmail(t)
	tok := tokenize(t, c, culqitest.ApprovedCard(), email)
	f := false
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 2000, CurrencyCode: culqi.CurrencyPEN, Email: email,
		SourceID: tok.ID, Capture: &f})
	require.NoError(t, err)
	require.NotNil(t, ch.Capture)
	assert.False(t, *ch.Capture, "authorized only")
	captured, err := c.Charges.Capture(ctx, ch.ID)
	require.NoError(t, err)
	require.NotNil(t, captured.Capture)
	assert.True(t, *captured.Capture)
	_, err = c.Charges.Capture(ctx, ch.ID)
	var e *culqi.Error
	require.ErrorAs(t, err, &e, "captured once only")
}

func scenarioDecline(t *testing.T, c *culqi.Client, _ bool) {
	email := uniqueEmail(t)
	card, ok := culqitest.DeclinedCard(culqi.DeclineStolenCard)
	require.True(t, ok)
	tok := tokenize(t, c, card, email) // decline cards tokenize; the charge is refused
	_, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1200, CurrencyCode: culqi.CurrencyPEN, Email: email, SourceID: tok.ID})
	require.Error(t, err)
	assert.False(t, errors.Is(err, culqi.ErrOutcomeUnknown), "a decline is a known outcome")
	var e *culqi.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 402, e.StatusCode)
	assert.Equal(t, culqi.ErrorTypeCard, e.Type)
	assert.Equal(t, culqi.DeclineStolenCard, e.DeclineCode)
	assert.True(t, e.Declined())
	assert.False(t, e.SoftDecline(), "a stolen card never passes")
	require.NotEmpty(t, e.ChargeID, "Culqi keeps the declined charge")

	got, err := c.Charges.Get(ctx, e.ChargeID)
	require.NoError(t, err)
	assert.Equal(t, culqi.OutcomeCardError, got.Outcome.Type)
	assert.Equal(t, culqi.DeclineStolenCard, got.Outcome.DeclineCode)
}

func scenarioSavedCard(t *testing.T, c *culqi.Client, _ bool) {
	email := uniqueEmail(t)
	cus, err := c.Customers.Create(ctx, &culqi.CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: email,
		Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
	require.NoError(t, err)
	card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tokenize(t, c, culqitest.CardMastercard, email).ID})
	require.NoError(t, err)
	assert.Regexp(t, `^crd_test_\w{16}$`, card.ID)
	assert.Equal(t, cus.ID, card.CustomerID)

	for range 2 { // a saved card charges again and again
		ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 990, CurrencyCode: culqi.CurrencyPEN, Email: email, SourceID: card.ID})
		require.NoError(t, err)
		assert.Equal(t, culqi.OutcomeSuccess, ch.Outcome.Type)
	}
	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	require.Len(t, got.Cards, 1)
	assert.Equal(t, card.ID, got.Cards[0].ID)

	require.NoError(t, c.Cards.Delete(ctx, card.ID))
	require.NoError(t, c.Customers.Delete(ctx, cus.ID))
	_, err = c.Customers.Get(ctx, cus.ID)
	assert.ErrorIs(t, err, culqi.ErrNotFound)
}

func scenarioReconcile(t *testing.T, c *culqi.Client, _ bool) {
	email := uniqueEmail(t)
	since := time.Now()
	key := "scn-" + strings.TrimSuffix(strings.TrimPrefix(email, "latampay-"), "@example.pe")
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1700, CurrencyCode: culqi.CurrencyPEN, Email: email,
		SourceID: tokenize(t, c, culqitest.ApprovedCard(), email).ID, ReconcileKey: key})
	require.NoError(t, err)
	assert.Equal(t, key, ch.Metadata[culqi.ReconcileMetadataKey])

	found, err := c.Charges.Reconcile(ctx, key, since)
	require.NoError(t, err)
	assert.Equal(t, ch.ID, found.ID)
	assert.Equal(t, int64(1700), found.Amount)
	_, err = c.Charges.Reconcile(ctx, key+"-other", since)
	assert.ErrorIs(t, err, culqi.ErrNotFound, "a key no charge carries")
}
