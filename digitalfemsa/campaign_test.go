package digitalfemsa_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
	"github.com/latampay/latampay-go/internal/campaign"
)

// campaignKey is the metadata entry every money-moving campaign call is
// tagged with, as a user tags requests with an id of their own.
const campaignKey = "campaign_key"

// TestFaultCampaign drives the client against the fake under random faults:
// no payout order, order, refund or cancellation is carried out twice, and
// every unknown outcome is settled with Orders.Reconcile or
// PayoutOrders.Reconcile, whose found objects carry the call's amount.
func TestFaultCampaign(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client(campaignOptions(srv)...)
	// The pools are made before any fault with the fake's own client: the
	// campaign's 80 ms attempts are for the faults, not a loaded machine.
	setupClient := srv.Client()
	ctx := context.Background()

	// Pools for the reads and the payout orders' customers, made before any
	// fault is injected.
	var customers []*digitalfemsa.Customer
	for i := range 3 {
		c, err := setupClient.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: fmt.Sprintf("Holder %d", i), Email: fmt.Sprintf("holder-%d@campaign.test", i)})
		require.NoError(t, err)
		customers = append(customers, c)
	}
	var poolPayouts []*digitalfemsa.PayoutOrder
	var poolOrders []*digitalfemsa.Order
	for i := range 3 {
		po, err := setupClient.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: customers[i].ID,
			Reason: "Pool", Metadata: map[string]string{campaignKey: fmt.Sprintf("pool-po-%d", i)}})
		require.NoError(t, err)
		poolPayouts = append(poolPayouts, po)
		o, err := setupClient.Orders.Create(ctx, orderParams(fmt.Sprintf("pool-ord-%d", i)))
		require.NoError(t, err)
		poolOrders = append(poolOrders, o)
	}

	// kinds records which operation each key was used by, so Executed
	// reads the matching line of the fake's ledger; starts records when
	// each call began, for the Reconcile window.
	var kinds, starts sync.Map
	var found, notFound atomic.Int32
	const amount = 10000
	begin := func(key, kind string) {
		kinds.Store(key, kind)
		starts.Store(key, time.Now())
	}
	createPayout := func(ctx context.Context, key string) (*digitalfemsa.PayoutOrder, error) {
		return client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: amount, CustomerID: customers[len(key)%len(customers)].ID,
			Reason: "Retiro " + key, Metadata: map[string]string{campaignKey: key}, ReconcileKey: key})
	}
	// since is the Reconcile window of the call made with key: when it
	// began (an OutcomeUnknownError's SentAt is later still).
	since := func(key string) time.Time {
		v, _ := starts.Load(key)
		return v.(time.Time)
	}
	// tally counts a Reconcile answer: found (the amount must be the
	// call's), not found, or an error that leaves the outcome unresolved.
	tally := func(key string, got int64, err error) (bool, error) {
		switch {
		case err == nil:
			found.Add(1)
			if got != amount {
				return false, fmt.Errorf("reconciled %s: amount %d, the call's was %d", key, got, amount)
			}
			return true, nil
		case errors.Is(err, digitalfemsa.ErrNotFound):
			notFound.Add(1)
			return false, nil
		}
		return false, err
	}
	findPayout := func(ctx context.Context, key string) (*digitalfemsa.PayoutOrder, bool, error) {
		po, err := client.PayoutOrders.Reconcile(ctx, key, since(key))
		var got int64
		if po != nil {
			got = po.Amount
		}
		ok, err := tally(key, got, err)
		return po, ok, err
	}
	findOrder := func(ctx context.Context, key string) (*digitalfemsa.Order, bool, error) {
		o, err := client.Orders.Reconcile(ctx, key, since(key))
		var got int64
		if o != nil {
			got = o.Amount
		}
		ok, err := tally(key, got, err)
		return o, ok, err
	}
	pick := func(key string, n int) int { return int(key[len(key)-1]) % n }

	ops := []campaign.Op{
		{Name: "payout_orders.create", Run: func(ctx context.Context, key string) error {
			begin(key, "payout")
			_, err := createPayout(ctx, key)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			_, ok, err := findPayout(ctx, key)
			return ok, err
		}},
		{Name: "payout_orders.cancel", Run: func(ctx context.Context, key string) error {
			begin(key, "cancel")
			po, err := createPayout(ctx, key)
			if err != nil {
				return err
			}
			_, err = client.PayoutOrders.Cancel(ctx, po.ID)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			po, ok, err := findPayout(ctx, key)
			return ok && po.Status == digitalfemsa.PayoutOrderStatusCancelled, err
		}},
		{Name: "orders.create", Run: func(ctx context.Context, key string) error {
			begin(key, "order")
			_, err := client.Orders.Create(ctx, orderParams(key))
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			_, ok, err := findOrder(ctx, key)
			return ok, err
		}},
		{Name: "orders.refund", Run: func(ctx context.Context, key string) error {
			begin(key, "refund")
			o, err := client.Orders.Create(ctx, orderParams(key))
			if err != nil {
				return err
			}
			if _, err := srv.MarkOrderPaid(o.ID); err != nil {
				return err
			}
			_, err = client.Orders.Refund(ctx, o.ID, &digitalfemsa.RefundParams{Amount: o.Amount, Reason: digitalfemsa.RefundRequestedByClient})
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			o, ok, err := findOrder(ctx, key)
			return ok && o.AmountRefunded > 0, err
		}},
		{Name: "customers.get", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Customers.Get(ctx, customers[pick(key, len(customers))].ID)
			return err
		}},
		{Name: "customers.list", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Customers.List(ctx, &digitalfemsa.ListParams{Limit: 2})
			return err
		}},
		{Name: "customers.all", Repeatable: true, Run: func(ctx context.Context, key string) error {
			return drain(client.Customers.All(ctx, &digitalfemsa.ListParams{Search: "holder-", Limit: 10}))
		}},
		{Name: "payout_orders.get", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.PayoutOrders.Get(ctx, poolPayouts[pick(key, len(poolPayouts))].ID)
			return err
		}},
		{Name: "payout_orders.list", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.PayoutOrders.List(ctx, &digitalfemsa.ListParams{Limit: 5})
			return err
		}},
		{Name: "payout_orders.all", Repeatable: true, Run: func(ctx context.Context, key string) error {
			return drain(client.PayoutOrders.All(ctx, &digitalfemsa.ListParams{Search: "pool-po-", Limit: 10}))
		}},
		{Name: "orders.get", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Orders.Get(ctx, poolOrders[pick(key, len(poolOrders))].ID)
			return err
		}},
		{Name: "orders.list", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Orders.List(ctx, &digitalfemsa.ListParams{Limit: 5})
			return err
		}},
		{Name: "orders.all", Repeatable: true, Run: func(ctx context.Context, key string) error {
			return drain(client.Orders.All(ctx, &digitalfemsa.ListParams{Search: "pool-ord-", Limit: 10}))
		}},
	}

	rep := campaign.Run(t, campaign.Config{
		Ops:  ops,
		Fake: srv.Server,
		Seed: 8,
		Executed: func(key string) int {
			l := srv.Ledger(campaignKey, key)
			kind, _ := kinds.Load(key)
			switch kind {
			case "payout":
				return l.PayoutOrders
			case "cancel":
				return l.Cancellations
			case "order":
				return l.Orders
			case "refund":
				return l.Refunds
			}
			return 0
		},
		StatusOf:       campaign.StatusOfError(func(e *digitalfemsa.Error) int { return e.StatusCode }),
		MaxRetries:     campaign.MaxRetries,
		AttemptTimeout: campaign.AttemptTimeout,
	})
	rep.Check(t, 500)
	// Every unknown outcome went through Reconcile, which found the object
	// or said ErrNotFound: none is left unresolved.
	line := fmt.Sprintf("unknown %d, reconciled %d (found %d, not found %d)", rep.Unknown, rep.Reconciled, found.Load(), notFound.Load())
	t.Log(line)
	if rep.Unknown == 0 || rep.Reconciled != rep.Unknown || int(found.Load()+notFound.Load()) != rep.Unknown {
		t.Errorf("not every unknown outcome was resolved by Reconcile: %s", line)
	}
}

// orderParams is a cash order of 100.00 whose customer email, metadata and
// reconciliation key carry key.
func orderParams(key string) *digitalfemsa.OrderParams {
	return &digitalfemsa.OrderParams{
		ReconcileKey: key,
		CustomerInfo: digitalfemsa.CustomerInfo{Name: "Campaign", Email: key + "@campaign.test"},
		LineItems:    []digitalfemsa.LineItem{{Name: "Item", UnitPrice: 10000, Quantity: 1}},
		Charges:      []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}},
		Metadata:     map[string]string{campaignKey: key},
	}
}

// campaignOptions are campaign.ClientOptions spelt with this package's
// own options (another package's Option type does not compile here).
func campaignOptions(srv *digitalfemsatest.Server) []digitalfemsa.Option {
	return []digitalfemsa.Option{
		digitalfemsa.WithHTTPClient(&http.Client{Transport: campaign.CountAttempts(srv.HTTPClient().Transport)}),
		digitalfemsa.WithTimeout(campaign.AttemptTimeout),
		digitalfemsa.WithRetryWait(time.Millisecond, 3*time.Millisecond),
		digitalfemsa.WithMaxRetries(campaign.MaxRetries),
	}
}

func drain[T any](seq func(yield func(*T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}
