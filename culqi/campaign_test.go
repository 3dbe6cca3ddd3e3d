package culqi_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
	"github.com/latampay/latampay-go/internal/campaign"
)

// campaignKey is the metadata key under which every money-moving call of the
// campaign records its per-call key.
const campaignKey = "campaign_key"

// campaignEmail is the payer email of the call made with key: Charges.List
// filters on it, as a merchant reconciling a charge would.
func campaignEmail(key string) string { return key + "@campaign.pe" }

// campaignOptions are campaign.ClientOptions in culqi's own Option type:
// attempts counted per call, the short attempt timeout the slow faults
// exceed, millisecond retry waits.
func campaignOptions(srv *culqitest.Server) []culqi.Option {
	return []culqi.Option{
		culqi.WithHTTPClient(&http.Client{Transport: campaign.CountAttempts(srv.HTTPClient().Transport)}),
		culqi.WithTimeout(campaign.AttemptTimeout),
		culqi.WithRetryWait(time.Millisecond, 3*time.Millisecond),
		culqi.WithMaxRetries(campaign.MaxRetries),
	}
}

// pool hands out prerequisites made before the faults start; an empty pool
// is a bug of the test (the campaign would report an untyped error).
type pool struct {
	mu  sync.Mutex
	ids []string
}

func (p *pool) take() (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.ids) == 0 {
		return "", errors.New("campaign test: pool exhausted")
	}
	id := p.ids[0]
	p.ids = p.ids[1:]
	return id, nil
}

// A fault campaign over the fake: charges (a fresh token each), captures,
// refunds, orders, saved cards, subscriptions and order confirmations mixed
// with reads, under random 5xx/429/HTML/dropped/slow/truncated answers. No
// money-moving call may be carried out twice, and every unknown outcome is
// settled through the public APIs only: the creates of charges, refunds
// and orders with their Reconcile, given only what the error carries (Key,
// Operation, SentAt), a found object checked against the call's amount;
// captures and confirmations by Get, cards and subscriptions by listing.
func TestFaultCampaign(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client(campaignOptions(srv)...)
	ctx := context.Background()

	// Prerequisites, made before any fault is queued, with the default
	// timeout: a slow machine must not fail the setup.
	setup := srv.Client()
	newToken := func(ctx context.Context, c *culqi.Client, email string) (*culqi.Token, error) {
		return c.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: email})
	}
	charge := func(amount int64, capture bool, email string) *culqi.Charge {
		tok, err := newToken(ctx, setup, email)
		require.NoError(t, err)
		ch, err := setup.Charges.Create(ctx, &culqi.ChargeParams{Amount: amount, CurrencyCode: culqi.CurrencyPEN,
			Email: email, SourceID: tok.ID, Capture: &capture})
		require.NoError(t, err)
		return ch
	}
	const poolSize = 90 // each op is drawn ~500/11 ≈ 45 ± 7 times
	authorized, orders := &pool{}, &pool{}
	for i := range poolSize {
		authorized.ids = append(authorized.ids, charge(1000, false, fmt.Sprintf("auth%03d@campaign.pe", i)).ID)
		no := false
		o, err := setup.Orders.Create(ctx, &culqi.OrderParams{Amount: 5000, CurrencyCode: culqi.CurrencyPEN,
			Description: "Pedido de campaña", OrderNumber: fmt.Sprintf("pool-%03d", i),
			ExpirationDate: time.Now().Add(24 * time.Hour), Confirm: &no,
			ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@campaign.pe", PhoneNumber: "987654321"}})
		require.NoError(t, err)
		orders.ids = append(orders.ids, o.ID)
	}
	// Refunds of 1.00 each, spread over captured charges of 500.00.
	var refundable []string
	for range 4 {
		refundable = append(refundable, charge(50000, true, "refunds@campaign.pe").ID)
	}
	cust, err := setup.Customers.Create(ctx, &culqi.CustomerParams{FirstName: "Ana", LastName: "Quispe",
		Email: "ana@campaign.pe", Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
	require.NoError(t, err)
	tok, err := newToken(ctx, setup, "ana@campaign.pe")
	require.NoError(t, err)
	savedCard, err := setup.Cards.Create(ctx, &culqi.CardParams{CustomerID: cust.ID, TokenID: tok.ID})
	require.NoError(t, err)
	plan, err := setup.Plans.Create(ctx, &culqi.PlanParams{Name: "Plan campaña", ShortName: "plan-campana",
		Description: "Plan mensual de la campaña", Amount: 3000, Currency: culqi.CurrencyPEN,
		IntervalUnitTime: culqi.IntervalMonthly, IntervalCount: 1})
	require.NoError(t, err)
	readCharge := refundable[0]

	// ids of the pooled objects each capture or confirmation used, by key.
	var used sync.Map
	idOf := func(key string) string { id, _ := used.Load(key); s, _ := id.(string); return s }
	var refundSeq sync.Mutex
	refundN := 0

	md := func(key string) map[string]string { return map[string]string{campaignKey: key} }
	hasKey := func(m culqi.Metadata, key string) bool { return m[campaignKey] == key }
	// events counts the fake's ledger entries of one type about key.
	events := func(typ, key string) int {
		n := 0
		for _, e := range srv.Find(culqitest.KindEvents, key) {
			if e["type"] == typ {
				n++
			}
		}
		return n
	}

	// remember keeps the unknown outcome of the call made with key: its
	// Key, Operation and SentAt are what Reconcile is given.
	var unknowns sync.Map
	remember := func(key string, err error) error {
		var u *culqi.OutcomeUnknownError
		if errors.As(err, &u) {
			unknowns.Store(key, u)
		}
		return err
	}
	// Figures of the unknown outcomes resolved with Reconcile.
	var viaReconcile struct {
		sync.Mutex
		unknown, found, notFound int
	}
	// reconciled settles the unknown outcome of a create with its service's
	// Reconcile (on the setup client: the campaign's 80 ms attempts are
	// too short for pages of 100 under -race), from the error alone: the key and time it carries. A found
	// object must have the call's amount. A create whose token (made first,
	// under the same faults) had the unknown outcome was never sent, and
	// Reconcile must find nothing under the key.
	reconciled := func(ctx context.Context, key, operation string, amount int64,
		find func(ctx context.Context, key string, since time.Time) (int64, error)) (bool, error) {
		v, ok := unknowns.Load(key)
		if !ok {
			return false, fmt.Errorf("no *OutcomeUnknownError kept for %s", key)
		}
		u := v.(*culqi.OutcomeUnknownError)
		rkey := u.Key
		switch {
		case u.Operation == operation && u.Key != key:
			return false, fmt.Errorf("%s: the error carries key %q, the call sent %q", operation, u.Key, key)
		case u.Operation != operation && u.Operation != "tokens.create" && u.Operation != "":
			return false, fmt.Errorf("%s: the error names operation %q", operation, u.Operation)
		case u.Operation != operation:
			rkey = key // the token's unknown outcome: no key of its own
		}
		if u.SentAt.IsZero() {
			return false, fmt.Errorf("%s: the error has no SentAt", operation)
		}
		got, err := find(ctx, rkey, u.SentAt)
		viaReconcile.Lock()
		defer viaReconcile.Unlock()
		viaReconcile.unknown++
		switch {
		case errors.Is(err, culqi.ErrNotFound):
			viaReconcile.notFound++
			return false, nil
		case err != nil:
			return false, err
		case u.Operation != operation:
			return false, fmt.Errorf("%s: found an object for a call that was never sent", operation)
		case got != amount:
			return false, fmt.Errorf("%s: found an object of amount %d, the call asked for %d", operation, got, amount)
		}
		viaReconcile.found++
		return true, nil
	}

	ops := []campaign.Op{
		{Name: "charges.create", Run: func(ctx context.Context, key string) error {
			// A token is single use: one per charge, under the same faults.
			tok, err := newToken(ctx, client, campaignEmail(key))
			if err != nil {
				return remember(key, err)
			}
			_, err = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 2500, CurrencyCode: culqi.CurrencyPEN,
				Email: campaignEmail(key), SourceID: tok.ID, Description: "Pedido " + key, ReconcileKey: key})
			return remember(key, err)
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			return reconciled(ctx, key, "charges.create", 2500, func(ctx context.Context, key string, since time.Time) (int64, error) {
				ch, err := setup.Charges.Reconcile(ctx, key, since)
				if err != nil {
					return 0, err
				}
				return ch.Amount, nil
			})
		}},
		{Name: "charges.capture", Run: func(ctx context.Context, key string) error {
			id, err := authorized.take()
			if err != nil {
				return err
			}
			used.Store(key, id)
			_, err = client.Charges.Capture(ctx, id)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			ch, err := client.Charges.Get(ctx, idOf(key))
			if err != nil {
				return false, err
			}
			return ch.Capture != nil && *ch.Capture, nil
		}},
		{Name: "refunds.create", Run: func(ctx context.Context, key string) error {
			refundSeq.Lock()
			chargeID := refundable[refundN%len(refundable)]
			refundN++
			refundSeq.Unlock()
			_, err := client.Refunds.Create(ctx, &culqi.RefundParams{Amount: 100, ChargeID: chargeID,
				Reason: culqi.ReasonCustomerRequest, ReconcileKey: key})
			return remember(key, err)
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			return reconciled(ctx, key, "refunds.create", 100, func(ctx context.Context, key string, since time.Time) (int64, error) {
				r, err := setup.Refunds.Reconcile(ctx, key, since)
				if err != nil {
					return 0, err
				}
				return r.Amount, nil
			})
		}},
		{Name: "orders.create", Run: func(ctx context.Context, key string) error {
			no := false
			_, err := client.Orders.Create(ctx, &culqi.OrderParams{Amount: 4200, CurrencyCode: culqi.CurrencyPEN,
				Description: "Pedido de campaña", OrderNumber: key, ExpirationDate: time.Now().Add(24 * time.Hour), Confirm: &no,
				ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@campaign.pe", PhoneNumber: "987654321"},
				ReconcileKey:  key})
			return remember(key, err)
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			return reconciled(ctx, key, "orders.create", 4200, func(ctx context.Context, key string, since time.Time) (int64, error) {
				o, err := setup.Orders.Reconcile(ctx, key, since)
				if err != nil {
					return 0, err
				}
				return o.Amount, nil
			})
		}},
		{Name: "cards.create", Run: func(ctx context.Context, key string) error {
			tok, err := newToken(ctx, client, campaignEmail(key))
			if err != nil {
				return err
			}
			_, err = client.Cards.Create(ctx, &culqi.CardParams{CustomerID: cust.ID, TokenID: tok.ID, Metadata: md(key)})
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			c, err := client.Customers.Get(ctx, cust.ID)
			if err != nil {
				return false, err
			}
			for _, card := range c.Cards {
				if hasKey(card.Metadata, key) {
					return true, nil
				}
			}
			return false, nil
		}},
		{Name: "subscriptions.create", Run: func(ctx context.Context, key string) error {
			_, err := client.Subscriptions.Create(ctx, &culqi.SubscriptionParams{CardID: savedCard.ID, PlanID: plan.ID,
				TermsAccepted: true, Metadata: md(key)})
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			for s, err := range client.Subscriptions.All(ctx, &culqi.SubscriptionListParams{PlanID: plan.ID, Limit: 100}) {
				if err != nil {
					return false, err
				}
				if hasKey(s.Metadata, key) {
					return true, nil
				}
			}
			return false, nil
		}},
		{Name: "orders.confirm", Run: func(ctx context.Context, key string) error {
			id, err := orders.take()
			if err != nil {
				return err
			}
			used.Store(key, id)
			_, err = client.Orders.Confirm(ctx, id)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			o, err := client.Orders.Get(ctx, idOf(key))
			if err != nil {
				return false, err
			}
			return o.State != culqi.OrderCreated, nil
		}},

		{Name: "charges.get", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Charges.Get(ctx, readCharge)
			return err
		}},
		{Name: "charges.list", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Charges.List(ctx, &culqi.ChargeListParams{Email: "refunds@campaign.pe", Limit: 10})
			return err
		}},
		{Name: "customers.get", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Customers.Get(ctx, cust.ID)
			return err
		}},
		{Name: "customers.list", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Customers.List(ctx, &culqi.CustomerListParams{Email: "ana@campaign.pe"})
			return err
		}},
		{Name: "refunds.list", Repeatable: true, Run: func(ctx context.Context, key string) error {
			_, err := client.Refunds.List(ctx, &culqi.RefundListParams{Limit: 5})
			return err
		}},
	}

	rep := campaign.Run(t, campaign.Config{
		Ops:  ops,
		Fake: srv.Server,
		Seed: 8,
		// What the fake carried out for the call made with key, from its own
		// records: the objects a create stored, the capture events of the
		// charge, the state of the order.
		Executed: func(key string) int {
			n := events(culqi.EventChargeCreationSucceeded, key) + events(culqi.EventRefundCreationSucceeded, key) +
				events(culqi.EventCardCreationSucceeded, key) + events(culqi.EventSubscriptionCreationSucceeded, key) +
				srv.Count(culqitest.KindOrders, key)
			if id := idOf(key); strings.HasPrefix(id, "chr_") {
				n += events(culqi.EventChargeCaptureSucceeded, id)
			} else if id != "" {
				for _, o := range srv.Find(culqitest.KindOrders, id) {
					if o["state"] != culqi.OrderCreated {
						n++
					}
				}
			}
			return n
		},
		StatusOf:       campaign.StatusOfError(func(e *culqi.Error) int { return e.StatusCode }),
		MaxRetries:     campaign.MaxRetries,
		AttemptTimeout: campaign.AttemptTimeout,
	})
	rep.Check(t, 500)
	t.Logf("fault campaign (%s): unknown %d, reconciled %d (found %d, not found %d)",
		t.Name(), rep.Unknown, rep.Reconciled, rep.ReconciledDone, rep.Reconciled-rep.ReconciledDone)
	t.Logf("fault campaign (%s) with Reconcile (charges, refunds, orders): unknown %d, reconciled %d (found %d, not found %d)",
		t.Name(), viaReconcile.unknown, viaReconcile.found+viaReconcile.notFound, viaReconcile.found, viaReconcile.notFound)
	if viaReconcile.unknown == 0 || viaReconcile.found == 0 || viaReconcile.notFound == 0 {
		t.Errorf("Reconcile settled %d unknown outcomes (%d found, %d not): want some of each",
			viaReconcile.unknown, viaReconcile.found, viaReconcile.notFound)
	}

}
