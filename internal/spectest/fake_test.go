package spectest

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	df "github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// step is one action of a fake scenario; an error is reported, never
// fatal, so every later step still runs.
type step struct {
	name string
	do   func(ctx context.Context, f *fakeRun) error
}

// fakeRun carries a scenario's client, fake and the ids it created.
type fakeRun struct {
	c   *df.Client
	srv *digitalfemsatest.Server
	raw *http.Client
	ids map[string]string
}

// rawDo sends a request the SDK would never send (an unknown field, no
// key), to see the fake's error answers.
func (f *fakeRun) rawDo(ctx context.Context, method, path, body string, auth bool) error {
	req, err := http.NewRequestWithContext(ctx, method, f.srv.URL+path, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Accept", df.AcceptVersion)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth {
		req.SetBasicAuth(digitalfemsatest.PrivateKey, "")
	}
	resp, err := f.raw.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func idOf[T any](f *fakeRun, key string, get func(*T) string) func(*T, error) error {
	return func(v *T, err error) error {
		if err == nil && v != nil {
			f.ids[key] = get(v)
		}
		return err
	}
}

// fakeSteps has one line per action; add lines as the fake learns new
// operations.
var fakeSteps = []step{
	{"Balance.Get", func(ctx context.Context, f *fakeRun) error { _, err := f.c.Balance.Get(ctx); return err }},
	{"Customers.Create", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "cus", func(c *df.Customer) string { return c.ID })(f.c.Customers.Create(ctx, &df.CustomerParams{Name: "Ana", Email: "ana@example.mx", Phone: "5215555555555", CustomReference: "r1", Metadata: meta}))
	}},
	{"Customers.Create (no phone)", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "cus2", func(c *df.Customer) string { return c.ID })(f.c.Customers.Create(ctx, &df.CustomerParams{Name: "Beto", Email: "beto@example.mx"}))
	}},
	{"Customers.Get", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Customers.Get(ctx, f.ids["cus"])
		return err
	}},
	{"Customers.Update", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Customers.Update(ctx, f.ids["cus"], &df.CustomerUpdateParams{Name: "Ana María", Corporate: &on})
		return err
	}},
	{"Customers.List", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Customers.List(ctx, &df.ListParams{Limit: 1})
		return err
	}},
	{"Orders.Create (cash, new customer)", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "ord_cash", func(o *df.Order) string { return o.ID })(f.c.Orders.Create(ctx, &df.OrderParams{
			CustomerInfo: df.CustomerInfo{Name: "Carla", Email: "carla@example.mx"},
			LineItems:    []df.LineItem{{Name: "Recarga", UnitPrice: 10000, Quantity: 1}},
			Charges:      []df.ChargeParams{{Type: df.PaymentMethodCash}}, Metadata: meta}))
	}},
	{"Orders.Create (card, customer id)", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "ord_card", func(o *df.Order) string { return o.ID })(f.c.Orders.Create(ctx, &df.OrderParams{
			CustomerInfo: df.CustomerInfo{CustomerID: f.ids["cus"]},
			LineItems:    []df.LineItem{{Name: "Recarga", UnitPrice: 20000, Quantity: 1}},
			Charges:      []df.ChargeParams{{Type: df.PaymentMethodCard, PaymentSourceID: "src_spectest"}}}))
	}},
	{"Orders.Get", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Orders.Get(ctx, f.ids["ord_cash"])
		return err
	}},
	{"Orders.Update (pending charge)", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Orders.Update(ctx, f.ids["ord_cash"], &df.OrderUpdateParams{Metadata: map[string]string{"k": "v2"}})
		return err
	}},
	{"Orders.Update (paid)", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Orders.Update(ctx, f.ids["ord_card"], &df.OrderUpdateParams{Metadata: map[string]string{"k": "v3"}})
		return err
	}},
	{"Orders.Refund", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Orders.Refund(ctx, f.ids["ord_card"], &df.RefundParams{Amount: 5000, Reason: df.RefundRequestedByClient})
		return err
	}},
	{"Orders.List", func(ctx context.Context, f *fakeRun) error { _, err := f.c.Orders.List(ctx, nil); return err }},
	{"PayoutOrders.Create", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "po", func(p *df.PayoutOrder) string { return p.ID })(f.c.PayoutOrders.Create(ctx, &df.PayoutOrderParams{
			Amount: 30000, CustomerID: f.ids["cus"], Reason: "Retiro", ExpiresAt: time.Now().Add(48 * time.Hour), Metadata: meta}))
	}},
	{"PayoutOrders.Create (second)", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "po2", func(p *df.PayoutOrder) string { return p.ID })(f.c.PayoutOrders.Create(ctx, &df.PayoutOrderParams{
			Amount: 10000, CustomerID: f.ids["cus"], Reason: "Retiro 2"}))
	}},
	{"PayoutOrders.Get", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.PayoutOrders.Get(ctx, f.ids["po"])
		return err
	}},
	{"PayoutOrders.List", func(ctx context.Context, f *fakeRun) error { _, err := f.c.PayoutOrders.List(ctx, nil); return err }},
	{"PayoutOrders.Cancel", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.PayoutOrders.Cancel(ctx, f.ids["po"])
		return err
	}},
	{"MarkWithdrawn + PayoutOrders.Get", func(ctx context.Context, f *fakeRun) error {
		if _, err := f.srv.MarkWithdrawn(f.ids["po2"]); err != nil {
			return err
		}
		_, err := f.c.PayoutOrders.Get(ctx, f.ids["po2"])
		return err
	}},
	{"WebhookKeys.Create", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "whk", func(k *df.WebhookKey) string { return k.ID })(f.c.WebhookKeys.Create(ctx, &df.WebhookKeyParams{}))
	}},
	{"WebhookKeys.Get", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.WebhookKeys.Get(ctx, f.ids["whk"])
		return err
	}},
	{"WebhookKeys.Update", func(ctx context.Context, f *fakeRun) error {
		off := false
		_, err := f.c.WebhookKeys.Update(ctx, f.ids["whk"], &df.WebhookKeyParams{Active: &off})
		return err
	}},
	{"WebhookKeys.List", func(ctx context.Context, f *fakeRun) error { _, err := f.c.WebhookKeys.List(ctx, nil); return err }},
	{"WebhookKeys.Delete", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.WebhookKeys.Delete(ctx, f.ids["whk"])
		return err
	}},
	{"Events.List + Events.Get", func(ctx context.Context, f *fakeRun) error {
		pg, err := f.c.Events.List(ctx, &df.ListParams{Limit: 50})
		if err != nil || len(pg.Data) == 0 {
			return err
		}
		for _, ev := range pg.Data {
			if _, err := f.c.Events.Get(ctx, ev.ID); err != nil {
				return err
			}
		}
		return nil
	}},
	{"Customers.Delete", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Customers.Delete(ctx, f.ids["cus2"])
		return err
	}},
	// Error answers: their bodies and statuses are checked too.
	{"404 customer", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Customers.Get(ctx, "cus_missing")
		return expectErr(err)
	}},
	{"404 order", func(ctx context.Context, f *fakeRun) error { return expectErr(f.c.Orders.Get(ctx, "ord_missing")) }},
	{"422 unknown body field", func(ctx context.Context, f *fakeRun) error {
		return f.rawDo(ctx, "POST", "/customers", `{"name":"Ana","email":"ana@example.mx","spec_bogus":1}`, true)
	}},
	{"401 no key", func(ctx context.Context, f *fakeRun) error { return f.rawDo(ctx, "GET", "/customers", "", false) }},
}

// expectErr turns an expected failure into success and a success into an
// error; it takes a call's two results.
func expectErr(args ...any) error {
	if err, ok := args[len(args)-1].(error); ok && err != nil {
		return nil
	}
	return errUnexpectedSuccess
}

type constErr string

func (e constErr) Error() string { return string(e) }

const errUnexpectedSuccess = constErr("the call succeeded where an error answer was expected")

// TestFake runs scenarios against digitalfemsatest and validates every
// answer it gives against the spec (payout orders against Conekta's).
func TestFake(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	ctx := context.Background()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	rec := &Recorder{Base: srv.HTTPClient().Transport, Checker: c}
	hc := &http.Client{Transport: rec}
	f := &fakeRun{c: srv.Client(df.WithHTTPClient(hc), df.WithMaxRetries(0)), srv: srv, raw: hc, ids: map[string]string{}}
	for _, s := range fakeSteps {
		if err := s.do(ctx, f); err != nil {
			gap(t, "fake scenario %q failed: %v", s.name, err)
		}
	}
	// Every method once more, with the call table's made-up ids: mostly
	// error answers, which must be documented ones too.
	for _, k := range calls {
		_, _ = k.do(ctx, f.c)
	}
	fs := rec.Findings()
	kinds := map[string][]string{}
	for _, x := range fs {
		gap(t, "fake violation %s (status %d): %s", x.Op, x.Status, x.Message)
		k := violationKind(x.Message)
		if strings.HasPrefix(k, "status is not supported") {
			k = fmt.Sprintf("status %d is not documented for the operation", x.Status)
		}
		kinds[k] = append(kinds[k], x.Op)
	}
	for _, k := range sortedKeys(kinds) {
		note(t, "fake distinct violation: %s [%s]", k, strings.Join(uniq(kinds[k]), ", "))
	}
	for _, k := range sortedKeys(PayoutExtensions) {
		note(t, "allowed payout-order field %s beyond Conekta's spec: %s", k, PayoutExtensions[k])
	}
	served, total := 0, 0
	var ops []Operation
	for _, op := range c.DF.Operations() {
		if exclusion(op) == "" {
			ops = append(ops, op)
		}
	}
	for _, op := range c.CK.Operations() {
		if PayoutPath(op.Path) {
			ops = append(ops, op)
		}
	}
	for _, op := range ops {
		total++
		if rec.Succeeded(op.Key()) {
			served++
		} else {
			gap(t, "fake gave no 2xx answer for %s %s (not served, or no scenario step)", op.ID, op.Key())
		}
	}
	note(t, "fake: %d/%d operations answered with a 2xx", served, total)
	n, nops := rec.Answers()
	note(t, "fake: checked %d answers of %d operations, %d violations", n, nops, len(fs))
}

var (
	listIndex  = regexp.MustCompile(`^at /data/\d+/`)
	arrayIndex = regexp.MustCompile(`/\d+/`)
)

// violationKind folds the same problem met in a list and in an object, at
// any index, into one message.
func violationKind(msg string) string {
	msg = listIndex.ReplaceAllString(msg, "at /")
	msg = arrayIndex.ReplaceAllString(msg, "/*/")
	return strings.Replace(msg, "field data[].", "field ", 1)
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
