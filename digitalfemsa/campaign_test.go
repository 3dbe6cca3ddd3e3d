package digitalfemsa_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
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
// every unknown outcome is settled through List/All with Search.
func TestFaultCampaign(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client(campaignOptions(srv)...)
	ctx := context.Background()

	// Pools for the reads and the payout orders' customers, made before any
	// fault is injected.
	var customers []*digitalfemsa.Customer
	for i := range 3 {
		c, err := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: fmt.Sprintf("Holder %d", i), Email: fmt.Sprintf("holder-%d@campaign.test", i)})
		require.NoError(t, err)
		customers = append(customers, c)
	}
	var poolPayouts []*digitalfemsa.PayoutOrder
	var poolOrders []*digitalfemsa.Order
	for i := range 3 {
		po, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: customers[i].ID,
			Reason: "Pool", Metadata: map[string]string{campaignKey: fmt.Sprintf("pool-po-%d", i)}})
		require.NoError(t, err)
		poolPayouts = append(poolPayouts, po)
		o, err := client.Orders.Create(ctx, orderParams(fmt.Sprintf("pool-ord-%d", i)))
		require.NoError(t, err)
		poolOrders = append(poolOrders, o)
	}

	// kinds records which operation each key was used by, so Executed
	// reads the matching line of the fake's ledger.
	var kinds sync.Map
	createPayout := func(ctx context.Context, key string) (*digitalfemsa.PayoutOrder, error) {
		return client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: customers[len(key)%len(customers)].ID,
			Reason: "Retiro " + key, Metadata: map[string]string{campaignKey: key}})
	}
	findPayout := func(ctx context.Context, key string) (*digitalfemsa.PayoutOrder, error) {
		for po, err := range client.PayoutOrders.All(ctx, &digitalfemsa.ListParams{Search: key, Limit: digitalfemsa.MaxListLimit}) {
			if err != nil {
				return nil, err
			}
			if po.Metadata[campaignKey] == key {
				return po, nil
			}
		}
		return nil, nil
	}
	findOrder := func(ctx context.Context, key string) (*digitalfemsa.Order, error) {
		// The order's customer email carries the key: email is a field
		// the list search covers.
		for o, err := range client.Orders.All(ctx, &digitalfemsa.ListParams{Search: key, Limit: digitalfemsa.MaxListLimit}) {
			if err != nil {
				return nil, err
			}
			if o.Metadata[campaignKey] == key {
				return o, nil
			}
		}
		return nil, nil
	}
	pick := func(key string, n int) int { return int(key[len(key)-1]) % n }

	ops := []campaign.Op{
		{Name: "payout_orders.create", Run: func(ctx context.Context, key string) error {
			kinds.Store(key, "payout")
			_, err := createPayout(ctx, key)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			po, err := findPayout(ctx, key)
			return po != nil, err
		}},
		{Name: "payout_orders.cancel", Run: func(ctx context.Context, key string) error {
			kinds.Store(key, "cancel")
			po, err := createPayout(ctx, key)
			if err != nil {
				return err
			}
			_, err = client.PayoutOrders.Cancel(ctx, po.ID)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			po, err := findPayout(ctx, key)
			return po != nil && po.Status == digitalfemsa.PayoutOrderStatusCancelled, err
		}},
		{Name: "orders.create", Run: func(ctx context.Context, key string) error {
			kinds.Store(key, "order")
			_, err := client.Orders.Create(ctx, orderParams(key))
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			o, err := findOrder(ctx, key)
			return o != nil, err
		}},
		{Name: "orders.refund", Run: func(ctx context.Context, key string) error {
			kinds.Store(key, "refund")
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
			o, err := findOrder(ctx, key)
			return o != nil && o.AmountRefunded > 0, err
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
}

// orderParams is a cash order whose customer email and metadata carry
// key.
func orderParams(key string) *digitalfemsa.OrderParams {
	return &digitalfemsa.OrderParams{
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
