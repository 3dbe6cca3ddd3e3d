// Command recurring bills memberships on Sr. Pago, which has no plans or
// subscriptions: the merchant keeps the calendar (srpago.Schedule) and
// charges each member's saved card (crd_) when a cycle is due. It prints
// each outcome and what to do next:
//
//   - approved: record the transaction id;
//   - declined: the bank code says whether to retry the same card later
//     (51, insufficient funds) or ask the member for a new card (43,
//     stolen);
//   - outcome unknown (a timeout or a 502 after the charge was sent):
//     srpago's Charges.Reconcile finds the charge by its reconciliation
//     key, the deterministic order id of the cycle and attempt;
//   - order id already used (SwitchException, when a re-run resends an
//     attempt): Sr. Pago refused to charge it again, as integrators report,
//     but the refusal does not say whether the first attempt was approved
//     (a declined one uses the id up too), so reconcile the same way.
//
// Without SRPAGO_APP_KEY it runs offline against the in-memory fake
// (srpagotest), whose clock is set to the billing instant, and injects a
// gateway error after one charge to show reconciliation. With
// SRPAGO_APP_KEY and SRPAGO_APP_SECRET it runs the same memberships on the
// Sr. Pago sandbox (SRPAGO_BASE_URL, default srpago.SandboxURL), without
// the injected failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// membership is what a merchant stores per member.
type membership struct {
	ID       string
	Name     string
	Card     string // test card number, to set the member up
	Amount   int64  // centavos per cycle
	Schedule srpago.Schedule
	Billed   int // cycles already charged
	Attempt  int // attempts at the current cycle

	customerID, cardToken string
	faultOnCharge         bool // offline only: a 502 after the charge went through
}

// outcome is one billing attempt's result.
type outcome struct {
	membership, cycle, result string
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func mxn(cents int64) string { return fmt.Sprintf("$%d.%02d MXN", cents/100, cents%100) }

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	mexico, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		mexico = time.FixedZone("CST", -6*3600) // no DST since 2022
	}
	// The instant this billing run evaluates: a fixed month end offline, so
	// that the output is the same every day; the real now against Sr. Pago,
	// where charges happen today (and lookups must search today).
	now := time.Date(2026, 3, 31, 10, 0, 0, 0, mexico)
	if os.Getenv("SRPAGO_APP_KEY") != "" {
		now = time.Now().In(mexico)
	}
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, mexico) }

	members := []*membership{
		{ID: "mem-ana", Name: "Ana", Card: srpagotest.CardApproved, Amount: 29900, Billed: 1,
			Schedule: srpago.Schedule{Start: at(2026, 1, 31), Interval: srpago.Monthly}},
		{ID: "mem-beto", Name: "Beto", Card: srpagotest.CardInsufficientFunds, Amount: 19900, Billed: 1,
			Schedule: srpago.Schedule{Start: at(2026, 2, 28), Interval: srpago.Monthly}},
		{ID: "mem-carla", Name: "Carla", Card: srpagotest.CardApproved, Amount: 299000, Billed: 1,
			Schedule: srpago.Schedule{Start: at(2025, 3, 31), Interval: srpago.Yearly}},
		{ID: "mem-dani", Name: "Dani", Card: srpagotest.CardStolen, Amount: 29900, Billed: 2,
			Schedule: srpago.Schedule{Start: at(2026, 1, 15), Interval: srpago.Monthly}},
		{ID: "mem-eva", Name: "Eva", Card: srpagotest.CardApproved, Amount: 49900, Billed: 0,
			Schedule: srpago.Schedule{Start: at(2026, 3, 31), Interval: srpago.Monthly}, faultOnCharge: true},
		{ID: "mem-fer", Name: "Fer", Card: srpagotest.CardApproved, Amount: 29900, Billed: 3,
			Schedule: srpago.Schedule{Start: at(2026, 1, 1), Interval: srpago.Monthly}},
	}

	var (
		client *srpago.Client
		srv    *srpagotest.Server
	)
	if key := os.Getenv("SRPAGO_APP_KEY"); key != "" {
		base := os.Getenv("SRPAGO_BASE_URL")
		if base == "" {
			base = srpago.SandboxURL
		}
		if client, err = srpago.NewClient(key, os.Getenv("SRPAGO_APP_SECRET"), srpago.WithBaseURL(base),
			srpago.WithAppInfo("srpago-recurring-example", "1.0")); err != nil {
			return err
		}
		fmt.Println("mode: live Sr. Pago API at", base)
	} else {
		srv = srpagotest.NewServer()
		defer srv.Close()
		srv.SetClock(func() time.Time { return now })
		client = srv.Client()
		fmt.Println("mode: offline (srpagotest fake)")
	}
	fmt.Println("billing run at", now.Format("2006-01-02 15:04 MST"))

	// Setup a merchant does once per member: customer, token, saved card.
	for _, m := range members {
		if err := enroll(ctx, client, m); err != nil {
			return fmt.Errorf("%s: %w", m.ID, err)
		}
	}

	var outcomes []outcome
	for _, m := range members {
		due := m.Schedule.Due(now, m.Billed)
		if len(due) == 0 {
			fmt.Printf("%-9s nothing due; next %s\n", m.ID, m.Schedule.Next(now).Format(time.DateOnly))
			continue
		}
		for _, cycle := range due {
			if srv != nil && m.faultOnCharge {
				srv.InjectFault(srpagotest.Fault{Match: "POST /v1/payment/card", Status: http.StatusBadGateway, After: true})
			}
			res, stop := bill(ctx, client, m, cycle, now)
			outcomes = append(outcomes, outcome{m.ID, cycle.Date.Format(time.DateOnly), res})
			if stop {
				break // later cycles wait until this one is settled
			}
		}
	}

	// Offline, the outcomes are known in advance: check them.
	if srv != nil {
		want := []outcome{
			{"mem-ana", "2026-02-28", "approved"},
			{"mem-ana", "2026-03-31", "approved"},
			{"mem-beto", "2026-03-28", "declined: retry later"},
			{"mem-carla", "2026-03-31", "approved"},
			{"mem-dani", "2026-03-15", "declined: new card needed"},
			{"mem-eva", "2026-03-31", "unknown: reconciled as approved"},
		}
		if fmt.Sprint(outcomes) != fmt.Sprint(want) {
			return fmt.Errorf("unexpected outcomes:\n got %v\nwant %v", outcomes, want)
		}
		if got := srv.ChargeCount(); got != 4 {
			return fmt.Errorf("the fake recorded %d charges, want 4", got)
		}
	}
	fmt.Printf("done: %d billing attempts\n", len(outcomes))
	return nil
}

func enroll(ctx context.Context, c *srpago.Client, m *membership) error {
	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: m.Name, Email: m.ID + "@example.mx",
		Metadata: map[string]string{"membership": m.ID}})
	if err != nil {
		return err
	}
	tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: srpago.Card{Number: m.Card, CVV: "123",
		ExpMonth: 12, ExpYear: 2030, HolderName: m.Name}})
	if err != nil {
		return err
	}
	saved, err := c.Cards.Add(ctx, cus.ID, tok.ID)
	if err != nil {
		return err
	}
	m.customerID, m.cardToken = cus.ID, saved.Token
	return nil
}

// bill charges one cycle and reports the outcome; stop says whether the
// membership's later cycles must wait.
func bill(ctx context.Context, c *srpago.Client, m *membership, cycle srpago.Cycle, now time.Time) (result string, stop bool) {
	m.Attempt++
	orderID := cycle.OrderID(m.ID, m.Attempt)
	ch, err := c.Charges.Create(ctx, &srpago.ChargeParams{
		Source: m.cardToken, Amount: m.Amount, ReconcileKey: orderID,
		Description: fmt.Sprintf("Membresía %s, ciclo %d", m.ID, cycle.N),
		Metadata:    &srpago.ChargeMetadata{Member: &srpago.Member{LoggedIn: false, ID: m.ID}},
	})
	prefix := fmt.Sprintf("%-9s cycle %d (%s) %s:", m.ID, cycle.N, cycle.Date.Format(time.DateOnly), mxn(m.Amount))
	var e *srpago.Error
	switch {
	case err == nil:
		fmt.Printf("%s approved, transaction %s, authorization %s\n", prefix, ch.TransactionID, ch.AuthorizationCode)
		m.Billed, m.Attempt = cycle.N+1, 0
		return "approved", false

	case errors.Is(err, srpago.ErrOutcomeUnknown):
		fmt.Printf("%s outcome unknown (%v); reconciling\n", prefix, err)
		return reconcile(ctx, c, m, cycle, orderID, now, "unknown")

	case errors.As(err, &e) && e.Declined():
		switch {
		case e.SoftDecline():
			fmt.Printf("%s declined, bank code %s (%s): retry the same card tomorrow\n", prefix, e.BankCode, e.BankMessage)
			return "declined: retry later", true
		case e.DoNotRetry():
			fmt.Printf("%s declined, bank code %s (%s): do not retry, ask the member for a new card\n", prefix, e.BankCode, e.BankMessage)
			return "declined: new card needed", true
		default:
			fmt.Printf("%s declined (%s %s): review\n", prefix, e.Code, e.BankCode)
			return "declined: review", true
		}

	case errors.As(err, &e) && e.Code == srpago.CodeSwitch:
		// An earlier run sent this order id: whether it was charged only
		// Reconcile can tell.
		fmt.Printf("%s order %s already sent in an earlier run; reconciling\n", prefix, orderID)
		return reconcile(ctx, c, m, cycle, orderID, now, "duplicate")
	default:
		fmt.Printf("%s failed: %v\n", prefix, err)
		return "error", true
	}
}

// reconcile settles an attempt whose charge may or may not have happened
// with Charges.Reconcile, searching from the start of the billing day (an
// earlier run of the same day may have sent it); why ("unknown",
// "duplicate") prefixes the result.
func reconcile(ctx context.Context, c *srpago.Client, m *membership, cycle srpago.Cycle, orderID string, now time.Time, why string) (result string, stop bool) {
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	ch, err := c.Charges.Reconcile(ctx, orderID, day)
	switch {
	case errors.Is(err, srpago.ErrNotFound):
		fmt.Printf("%-9s reconciled: not charged; the next attempt uses a new order id\n", "")
		return why + ": reconciled as not charged", true
	case err != nil:
		fmt.Printf("%-9s reconciliation failed (%v): try again later\n", "", err)
		return why + ": unreconciled", true
	default:
		fmt.Printf("%-9s reconciled: charged, transaction %s, %s\n", "", ch.TransactionID, mxn(ch.Amount))
		m.Billed, m.Attempt = cycle.N+1, 0
		return why + ": reconciled as approved", false
	}
}
