package cubo_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
	"github.com/latampay/latampay-go/internal/campaign"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// TestFaultCampaign drives 500 calls from 8 goroutines against the fake
// under random faults: direct payments and subscription payments (money
// moves), payment links (a POST that is not repeated either) and lookups.
//
// Reconciliation. Cubo's only read API is Transactions.Get, which needs the
// payment intent token, and a call that ended in ErrOutcomeUnknown returned
// no token. Cubo documents no list or search endpoint, so a real merchant
// reconciles with its own records or in Cubo Admin (by description for a
// direct payment, by metadata for a link). Here the fake's
// PaymentsByDescription and LinksByMetadata stand in for that search; a link
// found that way is then read through the SDK with Transactions.Get, which
// must confirm it.
func TestFaultCampaign(t *testing.T) {
	t.Parallel()
	srv := cubotest.NewServer()
	defer srv.Close()
	client := srv.Client(campaignOptions(srv.Server)...)
	// reader makes the pool and reconciles, with the default timeouts: a
	// slow race-detector run must not fail the setup or the reconciliation,
	// which a user also does later and without hurry.
	reader := srv.Client()
	ctx := context.Background()

	// Links to read, made before any fault; half of them paid.
	var pool []string
	for i := range 16 {
		l, err := reader.Links.Create(ctx, &cubo.LinkParams{Description: "pool", Amount: int64(100 + i)})
		require.NoError(t, err)
		if i%2 == 0 {
			_, err = srv.PayLink(l.PaymentIntentToken, cubotest.CardApproved)
			require.NoError(t, err)
		}
		pool = append(pool, l.PaymentIntentToken)
	}

	card := cubo.Card{Number: cubotest.CardApproved, CVV: "123", ExpMonth: 12, ExpYear: 2099, HolderName: "Ana Campaign"}
	payment := func(key string) cubo.PaymentParams {
		return cubo.PaymentParams{ClientName: "Ana", ClientEmail: "ana@example.com", Description: "order " + key, Amount: 1250, Card: card}
	}
	paid := func(ctx context.Context, key string) (bool, error) {
		return len(srv.PaymentsByDescription(key)) > 0, nil
	}
	// The driver checks the ledger only for failures: a success must have
	// been carried out exactly once, too (an untyped error fails the run).
	checkPaid := func(tx *cubo.Transaction, key string) error {
		if !tx.Succeeded() {
			return fmt.Errorf("status %s", tx.Status)
		}
		got := srv.PaymentsByDescription(key)
		if len(got) != 1 || got[0].ReferenceID != tx.ReferenceID {
			return fmt.Errorf("payment %s approved, the fake holds %d", tx.ReferenceID, len(got))
		}
		return nil
	}
	ops := []campaign.Op{
		{Name: "Transactions.Create", Run: func(ctx context.Context, key string) error {
			p := payment(key)
			tx, err := client.Transactions.Create(ctx, &p)
			if err != nil {
				return err
			}
			return checkPaid(tx, key)
		}, Reconcile: paid},
		{Name: "Transactions.CreateSubscription", Run: func(ctx context.Context, key string) error {
			tx, err := client.Transactions.CreateSubscription(ctx, &cubo.SubscriptionParams{PaymentParams: payment(key), Installments: 3})
			if err != nil {
				return err
			}
			return checkPaid(tx, key)
		}, Reconcile: paid},
		{Name: "Links.Create", Run: func(ctx context.Context, key string) error {
			l, err := client.Links.Create(ctx, &cubo.LinkParams{Description: "order " + key, Amount: 990,
				RedirectURI: "https://shop.example/return", Metadata: map[string]string{"orderId": key}})
			if err != nil {
				return err
			}
			// The driver checks the ledger only for failures: check that a
			// success was carried out exactly once, too.
			if got := srv.LinksByMetadata("orderId", key); len(got) != 1 || got[0] != l.PaymentIntentToken {
				return fmt.Errorf("link %s created, the fake holds %v", l.PaymentIntentToken, got)
			}
			return nil
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			tokens := srv.LinksByMetadata("orderId", key)
			if len(tokens) == 0 {
				return false, nil
			}
			tx, err := reader.Transactions.Get(ctx, tokens[0])
			if err != nil {
				return false, err
			}
			return tx.Metadata["orderId"] == key, nil
		}},
		{Name: "Transactions.Get", Repeatable: true, Run: func(ctx context.Context, key string) error {
			n, _ := strconv.Atoi(key[len("cmp"):])
			tx, err := client.Transactions.Get(ctx, pool[n%len(pool)])
			if err == nil && tx.PaymentIntentToken != pool[n%len(pool)] {
				return fmt.Errorf("got token %q", tx.PaymentIntentToken)
			}
			return err
		}},
	}

	rep := campaign.Run(t, campaign.Config{
		Ops:  ops,
		Fake: srv.Server,
		Seed: 8,
		Executed: func(key string) int {
			return len(srv.PaymentsByDescription(key)) + len(srv.LinksByMetadata("orderId", key))
		},
		StatusOf:       campaign.StatusOfError(func(e *cubo.Error) int { return e.StatusCode }),
		MaxRetries:     campaign.MaxRetries,
		AttemptTimeout: campaign.AttemptTimeout,
	})
	rep.Check(t, 500)
}

// campaignOptions are campaign.ClientOptions spelt with this package's own
// options (another package's Option type does not compile here).
func campaignOptions(fake *fakeapi.Server) []cubo.Option {
	return []cubo.Option{
		cubo.WithHTTPClient(&http.Client{Transport: campaign.CountAttempts(fake.HTTPClient().Transport)}),
		cubo.WithTimeout(campaign.AttemptTimeout),
		cubo.WithRetryWait(time.Millisecond, 3*time.Millisecond),
		cubo.WithMaxRetries(campaign.MaxRetries),
	}
}
