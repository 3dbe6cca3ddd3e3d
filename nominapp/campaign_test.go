package nominapp_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/campaign"
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

// planFor is the plan of the campaign call made with key: Nominapp's
// payments carry no description or reference of ours, so each call pays
// for a plan of its own (a UUID derived from key), which the fake records
// with the payment.
func planFor(key string) string {
	h := sha256.Sum256([]byte(key))
	h[6] = h[6]&0x0f | 0x40
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func campaignCard(key string) nominapp.Card {
	return nominapp.Card{Number: nominapptest.CardApproved, CVV: "537", ExpMonth: 6, ExpYear: 2031, HolderName: "Campaña " + key}
}

// approved turns a payment that came back but was not approved into an
// (untyped) error, which fails the campaign: its cards always approve.
func approved(p *nominapp.Payment, err error) error {
	if err != nil {
		return err
	}
	if p.Status != nominapp.StatusApproved {
		return fmt.Errorf("payment %s: status %q", p.OrderID, p.Status)
	}
	return nil
}

// TestFaultCampaign runs 500 calls from 8 goroutines against the fake under
// random faults: payments of the four kinds on a logged-in client, payments
// on a fresh client whose login meets the faults too, and card updates (a
// PUT, retried). No payment may be made twice, and every ErrOutcomeUnknown
// must be reconciled.
//
// Nominapp has no API to read a payment back, so Reconcile asks the fake
// (PaymentsForPlan). A real integration has to reconcile through Nominapp's
// dashboard or support: the API offers no payment lookup.
func TestFaultCampaign(t *testing.T) {
	t.Parallel()
	srv := nominapptest.NewServer()
	defer srv.Close()

	opts := campaignOptions(srv.Server)
	client := srv.Client(opts...)

	// Without faults: log in and store a card for the "reuse" payments.
	ctx := context.Background()
	_, err := client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: campaignCard("setup"), PlanID: nominapptest.PlanBasic, PaidWorkers: 3, PaymentType: nominapp.Yearly,
	})
	require.NoError(t, err)
	require.Equal(t, 1, srv.Logins())

	newPlan := func(key string) string {
		id := planFor(key)
		srv.AddPlan(nominapptest.Plan{ID: id, Name: "Campaña " + key, MonthlyPrice: 5000})
		return id
	}
	// reconcile stands in for the check in Nominapp's dashboard: the API
	// has no payment lookup (see PaymentsForPlan).
	reconcile := func(_ context.Context, key string) (bool, error) {
		return len(srv.PaymentsForPlan(planFor(key))) > 0, nil
	}
	subscription := func(c *nominapp.Client) func(context.Context, string) error {
		return func(ctx context.Context, key string) error {
			return approved(c.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
				Card: campaignCard(key), PlanID: newPlan(key), PaidWorkers: 4, PaymentType: nominapp.Monthly,
			}))
		}
	}
	stored := func(c *nominapp.Client) func(context.Context, string) error {
		return func(ctx context.Context, key string) error {
			return approved(c.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{
				PlanID: newPlan(key), PaidWorkers: 2, PaymentType: nominapp.Yearly,
			}))
		}
	}
	// fresh gives each call a client of its own, so that its first request
	// is the login, which the injected faults hit as often as anything.
	fresh := func(run func(*nominapp.Client) func(context.Context, string) error) func(context.Context, string) error {
		return func(ctx context.Context, key string) error {
			return run(srv.Client(opts...))(ctx, key)
		}
	}

	ops := []campaign.Op{
		{Name: "PaySubscription", Run: subscription(client), Reconcile: reconcile},
		{Name: "PayExtraWorkers", Run: func(ctx context.Context, key string) error {
			return approved(client.Payments.PayExtraWorkers(ctx, &nominapp.ExtraWorkersPayment{
				Card: campaignCard(key), PlanID: newPlan(key), ExtraWorkers: 2,
			}))
		}, Reconcile: reconcile},
		{Name: "ChangeSubscription", Run: func(ctx context.Context, key string) error {
			return approved(client.Payments.ChangeSubscription(ctx, &nominapp.SubscriptionChange{
				Card: campaignCard(key), PaymentType: nominapp.Monthly, ExtraWorkers: 1,
				NewPlanID: newPlan(key), NewPaymentType: nominapp.Yearly,
			}))
		}, Reconcile: reconcile},
		{Name: "PayWithStoredCard", Run: stored(client), Reconcile: reconcile},
		{Name: "login+PaySubscription", Run: fresh(subscription), Reconcile: reconcile},
		{Name: "login+PayWithStoredCard", Run: fresh(stored), Reconcile: reconcile},
		{Name: "UpdateCard", Repeatable: true, Run: func(ctx context.Context, key string) error {
			return client.Payments.UpdateCard(ctx, &nominapp.CardUpdate{Card: campaignCard(key), PaymentType: nominapp.Yearly})
		}},
	}
	rep := campaign.Run(t, campaign.Config{
		Ops:  ops,
		Fake: srv.Server,
		Seed: 8,
		Executed: func(key string) int {
			n := 0
			for _, p := range srv.Payments() {
				if p.PlanID == planFor(key) {
					n++
				}
			}
			return n
		},
		StatusOf:       campaign.StatusOfError(func(e *nominapp.Error) int { return e.StatusCode }),
		MaxRetries:     campaign.MaxRetries,
		AttemptTimeout: campaign.AttemptTimeout,
	})
	rep.Check(t, 500)
	assert.Greater(t, srv.Logins(), 100, "the fresh clients logged in")
}

// TestFaultCampaignExpiredSessions: every payment goes out with a session
// the fake has just expired, so it meets a 401, a re-login and one re-send,
// any of which the faults may hit. The payment must still be made at most
// once, a failed login must never read as ErrOutcomeUnknown, and every
// unknown outcome must be reconciled.
func TestFaultCampaignExpiredSessions(t *testing.T) {
	t.Parallel()
	srv := nominapptest.NewServer()
	defer srv.Close()

	client := srv.Client(campaignOptions(srv.Server)...)
	ctx := context.Background()
	_, err := client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: campaignCard("setup"), PlanID: nominapptest.PlanBasic, PaidWorkers: 3, PaymentType: nominapp.Yearly,
	})
	require.NoError(t, err)

	newPlan := func(key string) string {
		id := planFor(key)
		srv.AddPlan(nominapptest.Plan{ID: id, Name: "Campaña " + key, MonthlyPrice: 5000})
		return id
	}
	reconcile := func(_ context.Context, key string) (bool, error) {
		return len(srv.PaymentsForPlan(planFor(key))) > 0, nil
	}
	var loginErrors, unknownAfterLogin int
	var mu sync.Mutex
	expired := func(pay func(context.Context, string) error) func(context.Context, string) error {
		return func(ctx context.Context, key string) error {
			srv.ExpireSessions()
			err := pay(ctx, key)
			var le *transport.LoginError
			if errors.As(err, &le) {
				mu.Lock()
				loginErrors++
				if errors.Is(err, nominapp.ErrOutcomeUnknown) {
					unknownAfterLogin++
				}
				mu.Unlock()
			}
			return err
		}
	}
	ops := []campaign.Op{
		{Name: "expired+PaySubscription", Run: expired(func(ctx context.Context, key string) error {
			return approved(client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
				Card: campaignCard(key), PlanID: newPlan(key), PaidWorkers: 4, PaymentType: nominapp.Monthly,
			}))
		}), Reconcile: reconcile},
		{Name: "expired+PayWithStoredCard", Run: expired(func(ctx context.Context, key string) error {
			return approved(client.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{
				PlanID: newPlan(key), PaidWorkers: 2, PaymentType: nominapp.Yearly,
			}))
		}), Reconcile: reconcile},
	}
	rep := campaign.Run(t, campaign.Config{
		Ops:   ops,
		Calls: 200,
		// Nearly every request here is a login or a 401'd payment, and a
		// login failure fails every payment waiting on that login: at the
		// default rate the faults leave almost nothing to succeed.
		FaultRate: 0.2,
		Workers:   4,
		Fake:      srv.Server,
		Seed:      9,
		Executed: func(key string) int {
			return len(srv.PaymentsForPlan(planFor(key)))
		},
		StatusOf:       campaign.StatusOfError(func(e *nominapp.Error) int { return e.StatusCode }),
		MaxRetries:     campaign.MaxRetries,
		AttemptTimeout: campaign.AttemptTimeout,
	})
	assert.Equal(t, 200, rep.Calls)
	assert.Positive(t, rep.Unknown)
	assert.Equal(t, rep.Unknown, rep.Reconciled)
	assert.Zero(t, unknownAfterLogin, "a failed login is never an unknown outcome")
	assert.Positive(t, rep.Succeeded)
	assert.Greater(t, srv.Logins(), 50, "the payments logged in again")
	t.Logf("logins=%d failed logins=%d", srv.Logins(), loginErrors)
}

// campaignOptions are campaign.ClientOptions spelt with this package's own
// options (another package's Option type does not compile here).
func campaignOptions(fake *fakeapi.Server) []nominapp.Option {
	return []nominapp.Option{
		nominapp.WithHTTPClient(&http.Client{Transport: campaign.CountAttempts(fake.HTTPClient().Transport)}),
		nominapp.WithTimeout(campaign.AttemptTimeout),
		nominapp.WithRetryWait(time.Millisecond, 3*time.Millisecond),
		nominapp.WithMaxRetries(campaign.MaxRetries),
	}
}
