package nominapptest_test

import (
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

// The scenarios below are the fake's main flow written once: each takes a
// client and fakeOnly, true when the client talks to nominapptest.
// Nominapp has no sandbox and publishes no test cards, so every step that
// could move money runs only against the fake; against Nominapp itself
// (NOMINAPP_EMAIL and NOMINAPP_API_TOKEN set; NOMINAPP_BASE_URL, default
// nominapp.StageURL) only the login checks run:
//
//	NOMINAPP_EMAIL=... NOMINAPP_API_TOKEN=... go test -run TestScenarios ./nominapp/nominapptest
var scenarios = []struct {
	name string
	run  func(t *testing.T, c *nominapp.Client, fakeOnly bool)
}{
	{"subscription: pay, pay with the stored card, update the card", scenarioSubscription},
	{"subscription: declines", scenarioDecline},
}

// scenarioEnv is what the login scenario needs to build its own clients.
type scenarioEnv struct {
	email, token string
	opts         []nominapp.Option
}

func TestScenarios(t *testing.T) {
	t.Parallel()
	t.Run("fake", func(t *testing.T) {
		t.Parallel()
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				t.Parallel()
				sc.run(t, newServer(t).Client(), true)
			})
		}
		t.Run("login refused", func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			scenarioLoginRefused(t, scenarioEnv{nominapptest.TestEmail, nominapptest.TestAPIToken,
				[]nominapp.Option{nominapp.WithBaseURL(s.URL), nominapp.WithHTTPClient(s.HTTPClient())}})
			assert.Empty(t, s.Payments())
		})
	})
	t.Run("nominapp", func(t *testing.T) {
		email, token := os.Getenv("NOMINAPP_EMAIL"), os.Getenv("NOMINAPP_API_TOKEN")
		if email == "" || token == "" {
			t.Skip("NOMINAPP_EMAIL and NOMINAPP_API_TOKEN are not set: the scenarios ran against the fake only")
		}
		base := os.Getenv("NOMINAPP_BASE_URL")
		if base == "" {
			base = nominapp.StageURL
		}
		scenarioLoginRefused(t, scenarioEnv{email, token, []nominapp.Option{nominapp.WithBaseURL(base)}})
		c, err := nominapp.NewClient(email, token, nominapp.WithBaseURL(base))
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) { sc.run(t, c, false) })
		}
	})
}

// scenarioLoginRefused: a wrong API token is refused at the login, before
// any payment is sent.
func scenarioLoginRefused(t *testing.T, env scenarioEnv) {
	c, err := nominapp.NewClient(env.email, env.token+"-wrong", env.opts...)
	require.NoError(t, err)
	defer c.Close()
	// The plan exists nowhere: were the login to pass, no plan is paid.
	_, err = c.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{PlanID: "00000000-0000-0000-0000-000000000000", PaidWorkers: 1, PaymentType: nominapp.Monthly})
	var e *nominapp.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.StatusCode)
	assert.False(t, errors.Is(err, nominapp.ErrOutcomeUnknown), "the payment was never sent")
	assert.NotContains(t, err.Error(), env.token)
}

func scenarioSubscription(t *testing.T, c *nominapp.Client, fakeOnly bool) {
	if !fakeOnly {
		t.Skip("Nominapp has no sandbox: a payment would be real")
	}
	pay, err := c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: nominapptest.ApprovedCard(),
		PlanID: nominapptest.PlanBasic, PaidWorkers: 4, PaymentType: nominapp.Monthly})
	require.NoError(t, err)
	assert.Equal(t, nominapp.StatusApproved, pay.Status)
	assert.Regexp(t, `^[0-9]{9,10}$`, pay.OrderID)
	assert.Len(t, pay.TransactionID, 36)
	assert.Equal(t, 4, pay.PaidWorkers)

	again, err := c.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{PlanID: nominapptest.PlanBasic, PaidWorkers: 4, PaymentType: nominapp.Monthly})
	require.NoError(t, err)
	assert.Equal(t, nominapp.StatusApproved, again.Status)
	assert.NotEqual(t, pay.TransactionID, again.TransactionID)

	extra, err := c.Payments.PayExtraWorkers(ctx, &nominapp.ExtraWorkersPayment{Card: nominapptest.ApprovedCard(), PlanID: nominapptest.PlanBasic, ExtraWorkers: 5})
	require.NoError(t, err)
	assert.Equal(t, int64(396900), extra.Value)
	assert.Equal(t, nominapptest.PlanBasic, extra.PlanID)

	card := nominapptest.ApprovedCard()
	card.Number = nominapptest.CardApprovedVisa
	require.NoError(t, c.Payments.UpdateCard(ctx, &nominapp.CardUpdate{Card: card, PaymentType: nominapp.Monthly}))
}

func scenarioDecline(t *testing.T, c *nominapp.Client, fakeOnly bool) {
	if !fakeOnly {
		t.Skip("Nominapp publishes no card known to decline")
	}
	card, _ := nominapptest.DeclinedCard(string(nominapp.StatusDeclined))
	pay, err := c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: card, PlanID: nominapptest.PlanPro, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	require.NoError(t, err, "a decline may come as a 2xx")
	assert.True(t, pay.Declined())

	card, _ = nominapptest.DeclinedCard(nominapptest.CodeRejected)
	_, err = c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{Card: card, PlanID: nominapptest.PlanPro, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	var e *nominapp.Error
	require.ErrorAs(t, err, &e, "or as an error list")
	assert.True(t, e.Declined())
	assert.False(t, errors.Is(err, nominapp.ErrOutcomeUnknown))
}
