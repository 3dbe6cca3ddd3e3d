package srpago_test

import (
	"context"
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

// mexicoCity is Sr. Pago's calendar (UTC-6 all year since 2022): the dates
// Operations filters on.
var mexicoCity = time.FixedZone("CST", -6*60*60)

// findCharge looks a charge up as a merchant would after
// ErrOutcomeUnknown: the card operations of the days around now, of the
// card's brand, matched on the reference (the OrderID unless set).
func findCharge(ctx context.Context, c *srpago.Client, now time.Time, brand srpago.CardType, reference string) (*srpago.Operation, error) {
	day := now.In(mexicoCity)
	p := &srpago.OperationListParams{StartDate: day.AddDate(0, 0, -1), EndDate: day.AddDate(0, 0, 1),
		ChargeMethod: srpago.ChargeMethodCard, CardType: brand, Limit: 100}
	for op, err := range c.Operations.All(ctx, p) {
		if err != nil {
			return nil, err
		}
		if op.Reference == reference {
			return op, nil
		}
	}
	return nil, nil
}

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
// OrderID), reversals, customer creation (the key in the e-mail) and reads.
// No charge, reversal or customer is carried out twice, and every unknown
// outcome is settled through Operations and Customers. Tokenization runs
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
	charge := func(ctx context.Context, c *srpago.Client, source, orderID string, amount int64) (*srpago.Charge, error) {
		return c.Charges.Create(ctx, &srpago.ChargeParams{Source: source, Amount: amount,
			Description: "Membresía " + orderID, OrderID: orderID})
	}
	readable, err := charge(ctx, setup, saved.Token, "setup-read", 10000)
	require.NoError(t, err)
	const poolSize = 70
	pool := make(chan string, poolSize)
	var poolWG sync.WaitGroup
	for w := range 4 {
		poolWG.Add(1)
		go func() {
			defer poolWG.Done()
			for i := w; i < poolSize; i += 4 {
				ch, err := charge(ctx, setup, savedMaster.Token, fmt.Sprintf("pool%03d", i), 5000)
				if !assert.NoError(t, err) {
					return
				}
				pool <- ch.TransactionID
			}
		}()
	}
	poolWG.Wait()
	require.Len(t, pool, poolSize)

	var reversed sync.Map // key → transaction id it reversed
	email := func(key string) string { return key + "@example.mx" }

	chargeReconcile := func(brand srpago.CardType) func(ctx context.Context, key string) (bool, error) {
		return func(ctx context.Context, key string) (bool, error) {
			op, err := findCharge(ctx, setup, srv.Now(), brand, key)
			return op != nil, err
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
		}, Reconcile: chargeReconcile(srpago.CardTypeVisa)},
		{Name: "charge-saved-card", Run: func(ctx context.Context, key string) error {
			_, err := charge(ctx, c, saved.Token, key, 29900)
			return err
		}, Reconcile: chargeReconcile(srpago.CardTypeAmex)},
		{Name: "reverse", Run: func(ctx context.Context, key string) error {
			var tx string
			select {
			case tx = <-pool:
			default: // the pool ran dry: charge here, faults and all
				ch, err := charge(ctx, c, savedMaster.Token, key+"-rev", 5000)
				if err != nil {
					return err
				}
				tx = ch.TransactionID
			}
			reversed.Store(key, tx)
			_, err := c.Charges.Reverse(ctx, tx)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			tx, ok := reversed.Load(key)
			if !ok {
				return false, nil
			}
			// The merchant knows the operation it reversed.
			op, err := setup.Operations.Get(ctx, tx.(string))
			if err != nil {
				return false, err
			}
			return op.Reversed, nil
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
			if tx, ok := reversed.Load(key); ok {
				n += srv.Reversals(tx.(string))
			}
			return n
		},
		StatusOf:       campaign.StatusOfError(func(e *srpago.Error) int { return e.StatusCode }),
		MaxRetries:     campaign.MaxRetries,
		AttemptTimeout: campaign.AttemptTimeout,
	})
	rep.Check(t, 500)
}
