package srpago_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/campaign"
	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// campaignOptions are campaign.ClientOptions as this package's own
// options: attempts counted per call, the short attempt timeout the slow
// faults exceed, millisecond retry waits.
func campaignOptions(srv *srpagotest.Server) []srpago.Option {
	return []srpago.Option{
		srpago.WithHTTPClient(&http.Client{Transport: campaign.CountAttempts(srv.HTTPClient().Transport)}),
		srpago.WithTimeout(campaign.AttemptTimeout),
		srpago.WithRetryWait(time.Millisecond, 3*time.Millisecond),
		srpago.WithMaxRetries(campaign.MaxRetries),
	}
}

// TestFaultCampaign runs 500 calls from 8 goroutines under random faults:
// charges of single-use tokens and of a saved card (the call's key is the
// ReconcileKey), reversals, customer creation (the key in the e-mail) and
// reads. No charge, reversal or customer is carried out twice, and every
// unknown outcome is settled: a charge with Charges.Reconcile (whose
// amount must be the call's), a reversal with Charges.Reconcile of the
// charge it reversed (its Receipt says whether it was reversed), a
// customer through Customers.All (Sr. Pago has no key for customers). Tokenization runs
// under faults inside charge-token only: it is a POST that is not retried
// once it may have reached Sr. Pago, and no read API can tell whether a
// lost one happened (a spare token is harmless, so none is needed).
func TestFaultCampaign(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(campaignOptions(srv)...)
	// Prerequisites and reconciliation go through a client with the
	// default timeout, as a merchant's would after an incident: they run
	// without faults and must not fail on a busy machine.
	setup := srv.Client()
	ctx := context.Background()
	approved := srpago.Card{Number: srpagotest.CardApproved, CVV: "123", ExpMonth: 9,
		ExpYear: time.Now().Year() + 3, HolderName: "Ana López"}
	// Each kind of charge has its own brand, so that reconciling one pages
	// through its kind only: tokens of a Visa, a saved American Express,
	// and a saved Mastercard for the charges to reverse.
	amex := approved
	amex.Number, amex.CVV = "378282246310005", "1234"
	master := approved
	master.Number = "5555555555554444"

	// Prerequisites: a customer with two saved cards, one operation to
	// read, and a pool of same-day charges to reverse.
	cus, err := setup.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	require.NoError(t, err)
	tok, err := setup.Tokens.Create(ctx, &srpago.TokenParams{Card: amex})
	require.NoError(t, err)
	saved, err := setup.Cards.Add(ctx, cus.ID, tok.ID)
	require.NoError(t, err)
	tok, err = setup.Tokens.Create(ctx, &srpago.TokenParams{Card: master})
	require.NoError(t, err)
	savedMaster, err := setup.Cards.Add(ctx, cus.ID, tok.ID)
	require.NoError(t, err)
	charge := func(ctx context.Context, c *srpago.Client, source, key string, amount int64) (*srpago.Charge, error) {
		return c.Charges.Create(ctx, &srpago.ChargeParams{Source: source, Amount: amount,
			Description: "Membresía " + key, ReconcileKey: key})
	}
	started := time.Now() // the lower bound of every Reconcile below
	readable, err := charge(ctx, setup, saved.Token, "setup-read", 10000)
	require.NoError(t, err)
	const poolSize = 70
	type pooled struct{ key, tx string }
	pool := make(chan pooled, poolSize)
	var poolWG sync.WaitGroup
	for w := range 4 {
		poolWG.Add(1)
		go func() {
			defer poolWG.Done()
			for i := w; i < poolSize; i += 4 {
				key := fmt.Sprintf("pool%03d", i)
				ch, err := charge(ctx, setup, savedMaster.Token, key, 5000)
				if !assert.NoError(t, err) {
					return
				}
				pool <- pooled{key, ch.TransactionID}
			}
		}()
	}
	poolWG.Wait()
	require.Len(t, pool, poolSize)

	var reversed sync.Map // key → the pooled charge it reversed
	email := func(key string) string { return key + "@example.mx" }

	// reconcile settles a charge made with key, whose amount must be
	// amount: found, or not found (ErrNotFound).
	reconcile := func(ctx context.Context, key string, amount int64) (*srpago.Charge, error) {
		ch, err := setup.Charges.Reconcile(ctx, key, started)
		if errors.Is(err, srpago.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if ch.Amount != amount {
			return nil, fmt.Errorf("reconciled charge %s has amount %d, the call asked for %d", key, ch.Amount, amount)
		}
		return ch, nil
	}
	chargeReconcile := func(amount int64) func(ctx context.Context, key string) (bool, error) {
		return func(ctx context.Context, key string) (bool, error) {
			ch, err := reconcile(ctx, key, amount)
			return ch != nil, err
		}
	}
	ops := []campaign.Op{
		{Name: "charge-token", Run: func(ctx context.Context, key string) error {
			// Tokens are single use: one per charge.
			tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: approved})
			if err != nil {
				return err
			}
			_, err = charge(ctx, c, tok.ID, key, 12345)
			return err
		}, Reconcile: chargeReconcile(12345)},
		{Name: "charge-saved-card", Run: func(ctx context.Context, key string) error {
			_, err := charge(ctx, c, saved.Token, key, 29900)
			return err
		}, Reconcile: chargeReconcile(29900)},
		{Name: "reverse", Run: func(ctx context.Context, key string) error {
			var p pooled
			select {
			case p = <-pool:
			default: // the pool ran dry: charge here, faults and all
				ch, err := charge(ctx, c, savedMaster.Token, key+"-rev", 5000)
				if err != nil {
					return err
				}
				p = pooled{key + "-rev", ch.TransactionID}
			}
			reversed.Store(key, p)
			_, err := c.Charges.Reverse(ctx, p.tx)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			p, ok := reversed.Load(key)
			if !ok {
				// The charge to reverse itself had an unknown outcome.
				return false, nil
			}
			// The charge the merchant reversed, found by its key: its
			// receipt says whether the reversal happened.
			ch, err := reconcile(ctx, p.(pooled).key, 5000)
			if err != nil || ch == nil {
				return false, err
			}
			return ch.Receipt.Reversed, nil
		}},
		{Name: "create-customer", Run: func(ctx context.Context, key string) error {
			_, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Cliente " + key, Email: email(key)})
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			for cu, err := range setup.Customers.All(ctx, &srpago.CustomerListParams{Limit: 100}) {
				if err != nil {
					return false, err
				}
				if cu.Email == email(key) {
					return true, nil
				}
			}
			return false, nil
		}},
		{Name: "get-operation", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := c.Operations.Get(ctx, readable.TransactionID)
			return err
		}},
		{Name: "list-operations", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := c.Operations.List(ctx, &srpago.OperationListParams{Limit: 20, ChargeMethod: srpago.ChargeMethodCard})
			return err
		}},
		{Name: "get-customer", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := c.Customers.Get(ctx, cus.ID)
			return err
		}},
		{Name: "list-customers", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := c.Customers.List(ctx, &srpago.CustomerListParams{Limit: 20})
			return err
		}},
	}
	rep := campaign.Run(t, campaign.Config{
		Ops:  ops,
		Fake: srv.Server,
		Seed: 8,
		Executed: func(key string) int {
			n := srv.ChargesWithOrderID(key) + srv.CustomersWithEmail(email(key))
			if p, ok := reversed.Load(key); ok {
				n += srv.Reversals(p.(pooled).tx)
			}
			return n
		},
		StatusOf:       campaign.StatusOfError(func(e *srpago.Error) int { return e.StatusCode }),
		MaxRetries:     campaign.MaxRetries,
		AttemptTimeout: campaign.AttemptTimeout,
	})
	rep.Check(t, 500)
	t.Logf("fault campaign (%s): unknown %d, reconciled %d (found %d, not found %d)",
		t.Name(), rep.Unknown, rep.Reconciled, rep.ReconciledDone, rep.Reconciled-rep.ReconciledDone)
}
