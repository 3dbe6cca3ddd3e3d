package spectest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
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
			//lint:ignore SA1019 the fake serves the deprecated card path for one more release; its answers are checked too
			Charges: []df.ChargeParams{{Type: df.PaymentMethodCard, PaymentSourceID: "src_spectest"}}}))
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
// answer it gives against the spec (payout orders against Conekta's). A
// violation, a failed scenario step or an operation the fake answers with
// no 2xx fails it, in every mode: the fake is held to 0 violations.
func TestFake(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	ctx := context.Background()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	rec := &Recorder{Base: srv.HTTPClient().Transport, Checker: c}
	hc := &http.Client{Transport: rec}
	// A webhook endpoint, so events carry webhook logs to resend.
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer hook.Close()
	srv.SetWebhookURL(hook.URL)
	f := &fakeRun{c: srv.Client(df.WithHTTPClient(hc), df.WithMaxRetries(0)), srv: srv, raw: hc, ids: map[string]string{}}
	for _, s := range append(append([]step(nil), fakeSteps...), fakeOpsSteps...) {
		if err := s.do(ctx, f); err != nil {
			violation(t, "fake scenario %q failed: %v", s.name, err)
		}
	}
	// Every method once more, with the call table's made-up ids: mostly
	// error answers, which must be documented ones too.
	for _, k := range calls {
		_, _ = k.do(ctx, f.c)
	}
	fs := rec.Findings()
	kinds := map[string][]string{}
	known := 0
	for _, x := range fs {
		if x.Status == 404 && UndocumentedNotFound[x.Op] && strings.HasPrefix(x.Message, "status is not supported") {
			note(t, "known spec gap %s: a missing object answers 404, a status the spec does not document there", x.Op)
			known++
			continue
		}
		violation(t, "fake violation %s (status %d): %s", x.Op, x.Status, x.Message)
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
			violation(t, "fake gave no 2xx answer for %s %s (not served, or no scenario step)", op.ID, op.Key())
		}
	}
	note(t, "fake: %d/%d operations answered with a 2xx", served, total)
	n, nops := rec.Answers()
	note(t, "fake: checked %d answers of %d operations, %d violations (and %d known spec gaps)", n, nops, len(fs)-known, known)
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

// fakeOpsSteps exercise the operations added after the first eighteen;
// add lines as the fake learns more.
var fakeOpsSteps = []step{
	{"PaymentSources.Create", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "src", func(p *df.PaymentSource) string { return p.ID })(f.c.PaymentSources.Create(ctx, f.ids["cus"], &df.PaymentSourceParams{Type: df.PaymentSourceCash}))
	}},
	{"PaymentSources.Update", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.PaymentSources.Update(ctx, f.ids["cus"], f.ids["src"], sourceUpdate)
		return err
	}},
	{"PaymentSources.List", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.PaymentSources.List(ctx, f.ids["cus"], nil)
		return err
	}},
	{"FiscalEntities.Create", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "fis", func(e *df.FiscalEntity) string { return e.ID })(f.c.FiscalEntities.Create(ctx, f.ids["cus"], fiscalParams))
	}},
	{"FiscalEntities.Update", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.FiscalEntities.Update(ctx, f.ids["cus"], f.ids["fis"], &df.FiscalEntityUpdateParams{TaxID: "XAXX010101000", Phone: "5215555555555"})
		return err
	}},
	{"ShippingContacts.Create", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "shc", func(s *df.ShippingContact) string { return s.ID })(f.c.ShippingContacts.Create(ctx, f.ids["cus"], shipContact))
	}},
	{"ShippingContacts.Update", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.ShippingContacts.Update(ctx, f.ids["cus"], f.ids["shc"], shipUpdate)
		return err
	}},
	{"Customers.Get (with sources, contacts, entities)", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Customers.Get(ctx, f.ids["cus"])
		return err
	}},
	{"ShippingContacts.Delete", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.ShippingContacts.Delete(ctx, f.ids["cus"], f.ids["shc"])
		return err
	}},
	{"Orders.Create (saved cash source)", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "ord_src", func(o *df.Order) string { return o.ID })(f.c.Orders.Create(ctx, &df.OrderParams{
			CustomerInfo: df.CustomerInfo{CustomerID: f.ids["cus"]},
			LineItems:    []df.LineItem{{Name: "Recarga", UnitPrice: 10000, Quantity: 1}},
			Charges:      []df.ChargeParams{{Type: df.PaymentMethodCash, PaymentSourceID: f.ids["src"]}}}))
	}},
	{"PaymentSources.Delete", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.PaymentSources.Delete(ctx, f.ids["cus"], f.ids["src"])
		return err
	}},
	{"Orders.Create (no charges) + LineItems", func(ctx context.Context, f *fakeRun) error {
		o, err := f.c.Orders.Create(ctx, &df.OrderParams{CustomerInfo: df.CustomerInfo{CustomerID: f.ids["cus"]},
			LineItems: []df.LineItem{{Name: "Recarga", UnitPrice: 10000, Quantity: 1}}})
		if err != nil {
			return err
		}
		l, err := f.c.LineItems.Create(ctx, o.ID, &df.LineItem{Name: "Extra", UnitPrice: 500, Quantity: 1})
		if err != nil {
			return err
		}
		if _, err := f.c.LineItems.Update(ctx, o.ID, l.ID, lineItemUpdate); err != nil {
			return err
		}
		_, err = f.c.LineItems.Delete(ctx, o.ID, l.ID)
		return err
	}},
	{"DiscountLines, ShippingLines, TaxLines on an order without charges", func(ctx context.Context, f *fakeRun) error {
		o, err := f.c.Orders.Create(ctx, &df.OrderParams{CustomerInfo: df.CustomerInfo{CustomerID: f.ids["cus"]},
			LineItems: []df.LineItem{{Name: "Recarga", UnitPrice: 10000, Quantity: 1}}})
		if err != nil {
			return err
		}
		d, err := f.c.DiscountLines.Create(ctx, o.ID, discountParams)
		if err != nil {
			return err
		}
		if _, err := f.c.DiscountLines.Get(ctx, o.ID, d.ID); err != nil {
			return err
		}
		if _, err := f.c.DiscountLines.List(ctx, o.ID, nil); err != nil {
			return err
		}
		if _, err := f.c.DiscountLines.Update(ctx, o.ID, d.ID, discountUpdate); err != nil {
			return err
		}
		if _, err := f.c.DiscountLines.Delete(ctx, o.ID, d.ID); err != nil {
			return err
		}
		sl, err := f.c.ShippingLines.Create(ctx, o.ID, shipLine)
		if err != nil {
			return err
		}
		if _, err := f.c.ShippingLines.Update(ctx, o.ID, sl.ID, shipLine); err != nil {
			return err
		}
		if _, err := f.c.ShippingLines.Delete(ctx, o.ID, sl.ID); err != nil {
			return err
		}
		tl, err := f.c.TaxLines.Create(ctx, o.ID, taxParams)
		if err != nil {
			return err
		}
		if _, err := f.c.TaxLines.Update(ctx, o.ID, tl.ID, taxUpdate); err != nil {
			return err
		}
		_, err = f.c.TaxLines.Delete(ctx, o.ID, tl.ID)
		return err
	}},
	{"Orders.Create (no charges) + Charges.Create", func(ctx context.Context, f *fakeRun) error {
		o, err := f.c.Orders.Create(ctx, &df.OrderParams{CustomerInfo: df.CustomerInfo{CustomerID: f.ids["cus"]},
			LineItems: []df.LineItem{{Name: "Recarga", UnitPrice: 10000, Quantity: 1}}})
		if err != nil {
			return err
		}
		f.ids["ord_open"] = o.ID
		ch, err := f.c.Charges.Create(ctx, o.ID, &df.OrderChargeParams{Type: df.PaymentMethodCash, ReferenceID: "r-1"})
		if err == nil {
			f.ids["chg_open"] = ch.ID
		}
		return err
	}},
	{"Charges.Update", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Charges.Update(ctx, f.ids["chg_open"], chargeUpdate)
		return err
	}},
	{"Charges.List", func(ctx context.Context, f *fakeRun) error { _, err := f.c.Charges.List(ctx, nil); return err }},
	{"MarkChargePaid", func(ctx context.Context, f *fakeRun) error {
		_, err := f.srv.MarkChargePaid(f.ids["chg_open"])
		return err
	}},
	{"Orders.Cancel", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Orders.Cancel(ctx, f.ids["ord_cash"])
		return err
	}},
	{"PreAuthorize + Orders.Capture", func(ctx context.Context, f *fakeRun) error {
		o, err := f.c.Orders.Create(ctx, &df.OrderParams{CustomerInfo: df.CustomerInfo{CustomerID: f.ids["cus"]},
			LineItems: []df.LineItem{{Name: "Recarga", UnitPrice: 10000, Quantity: 1}}, Charges: []df.ChargeParams{{Type: df.PaymentMethodCash}}})
		if err != nil {
			return err
		}
		if err := f.srv.PreAuthorize(o.ID); err != nil {
			return err
		}
		_, err = f.c.Orders.Capture(ctx, o.ID, &df.OrderCaptureParams{Amount: 10000})
		return err
	}},
	{"Orders.Refund (cash) + Orders.CancelRefund", func(ctx context.Context, f *fakeRun) error {
		o, err := f.c.Orders.Refund(ctx, f.ids["ord_open"], &df.RefundParams{Amount: 1000, Reason: df.RefundOther, ExpiresAt: time.Now().Add(48 * time.Hour)})
		if err != nil {
			return err
		}
		if o.Charges == nil || len(o.Charges.Data) == 0 || o.Charges.Data[0].Refunds == nil || len(o.Charges.Data[0].Refunds.Data) == 0 {
			return constErr("the refunded order shows no refund")
		}
		_, err = f.c.Orders.CancelRefund(ctx, o.ID, o.Charges.Data[0].Refunds.Data[0].ID)
		return err
	}},
	{"Checkouts.Create", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "cko", func(c *df.Checkout) string { return c.ID })(f.c.Checkouts.Create(ctx, &df.CheckoutParams{Name: "Link", Type: df.CheckoutTypePaymentLink,
			AllowedPaymentMethods: []string{"cash"}, ExpiresAt: time.Now().Add(48 * time.Hour),
			OrderTemplate: df.CheckoutOrderTemplate{Currency: "MXN", LineItems: []df.LineItem{{Name: "Recarga", UnitPrice: 10000, Quantity: 1}}}}))
	}},
	{"Checkouts.Get", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Checkouts.Get(ctx, f.ids["cko"])
		return err
	}},
	{"Checkouts.Email", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Checkouts.Email(ctx, f.ids["cko"], "ana@example.mx")
		return err
	}},
	{"Checkouts.List", func(ctx context.Context, f *fakeRun) error { _, err := f.c.Checkouts.List(ctx, nil); return err }},
	{"PayCheckout + Orders.Get", func(ctx context.Context, f *fakeRun) error {
		id, err := f.srv.PayCheckout(f.ids["cko"])
		if err != nil {
			return err
		}
		_, err = f.c.Orders.Get(ctx, id)
		return err
	}},
	{"Checkouts.Cancel", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Checkouts.Cancel(ctx, f.ids["cko"])
		return err
	}},
	{"Webhooks.Create", func(ctx context.Context, f *fakeRun) error {
		return idOf(f, "wbh", func(w *df.Webhook) string { return w.ID })(f.c.Webhooks.Create(ctx, &df.WebhookParams{URL: "https://example.mx/hooks", Synchronous: false}))
	}},
	{"Webhooks.Get", func(ctx context.Context, f *fakeRun) error { _, err := f.c.Webhooks.Get(ctx, f.ids["wbh"]); return err }},
	{"Webhooks.Update", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Webhooks.Update(ctx, f.ids["wbh"], webhookUpdate)
		return err
	}},
	{"Webhooks.Test", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Webhooks.Test(ctx, f.ids["wbh"])
		return err
	}},
	{"Webhooks.List", func(ctx context.Context, f *fakeRun) error { _, err := f.c.Webhooks.List(ctx, nil); return err }},
	{"Events.Resend", func(ctx context.Context, f *fakeRun) error {
		pg, err := f.c.Events.List(ctx, &df.ListParams{Limit: 250})
		if err != nil {
			return err
		}
		for _, ev := range pg.Data {
			if len(ev.WebhookLogs) > 0 {
				_, err := f.c.Events.Resend(ctx, ev.ID, ev.WebhookLogs[0].ID)
				return err
			}
		}
		return constErr("no event with a webhook log to resend")
	}},
	{"Webhooks.Delete", func(ctx context.Context, f *fakeRun) error {
		_, err := f.c.Webhooks.Delete(ctx, f.ids["wbh"])
		return err
	}},
	{"Transfer + Transfers.List + Get", func(ctx context.Context, f *fakeRun) error {
		id, err := f.srv.Transfer("MXN", 1000)
		if err != nil {
			return err
		}
		if _, err := f.c.Transfers.List(ctx, nil); err != nil {
			return err
		}
		_, err = f.c.Transfers.Get(ctx, id)
		return err
	}},
	{"Transactions.List + Get", func(ctx context.Context, f *fakeRun) error {
		pg, err := f.c.Transactions.List(ctx, nil)
		if err != nil || len(pg.Data) == 0 {
			return err
		}
		_, err = f.c.Transactions.Get(ctx, pg.Data[0].ID)
		return err
	}},
	{"Logs.List + Get", func(ctx context.Context, f *fakeRun) error {
		pg, err := f.c.Logs.List(ctx, nil)
		if err != nil || len(pg.Data) == 0 {
			return err
		}
		_, err = f.c.Logs.Get(ctx, pg.Data[0].ID)
		return err
	}},
}
