package digitalfemsatest_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

// receiver records the verified events it is sent.
type receiver struct {
	mu     sync.Mutex
	events []*digitalfemsa.Event
	status int
}

func newReceiver(t *testing.T, srv *digitalfemsatest.Server) (*receiver, *httptest.Server) {
	rc := &receiver{status: http.StatusOK}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ev, err := digitalfemsa.VerifyWebhook(body, r.Header.Get("Digest"), srv.WebhookPublicKeyPEM())
		rc.mu.Lock()
		defer rc.mu.Unlock()
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		rc.events = append(rc.events, ev)
		w.WriteHeader(rc.status)
	}))
	t.Cleanup(ts.Close)
	return rc, ts
}

func (rc *receiver) got() []*digitalfemsa.Event {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]*digitalfemsa.Event(nil), rc.events...)
}

func TestFakeWebhooks(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	rc, ts := newReceiver(t, srv)

	wh, err := c.Webhooks.Create(bg, &digitalfemsa.WebhookParams{URL: ts.URL + "/hooks"})
	require.NoError(t, err)
	assert.Equal(t, "webhook", wh.Object)
	assert.Equal(t, "listening", wh.Status)
	assert.Contains(t, wh.SubscribedEvents, "order.paid")

	tested, err := c.Webhooks.Test(bg, wh.ID)
	require.NoError(t, err)
	assert.Equal(t, "listening", tested.Status)
	require.Len(t, rc.got(), 1)
	assert.Equal(t, digitalfemsa.EventWebhookPing, rc.got()[0].Type)
	require.Len(t, srv.Deliveries(), 1, "the ping is a recorded delivery")
	assert.Equal(t, "webhook_ping", srv.Deliveries()[0].Event)

	yes := true
	upd, err := c.Webhooks.Update(bg, wh.ID, &digitalfemsa.WebhookUpdateParams{URL: ts.URL + "/v2", Synchronous: &yes, Events: []string{"order.paid"}})
	require.NoError(t, err)
	assert.Equal(t, ts.URL+"/v2", upd.URL)
	assert.True(t, upd.Synchronous)
	assert.Equal(t, []string{"order.paid"}, upd.SubscribedEvents)

	second, err := c.Webhooks.Create(bg, &digitalfemsa.WebhookParams{URL: "https://other.example/hooks", Synchronous: true})
	require.NoError(t, err)
	pg, err := c.Webhooks.List(bg, &digitalfemsa.WebhookListParams{URL: "https://other.example/hooks"})
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)
	assert.Equal(t, second.ID, pg.Data[0].ID)
	n := 0
	for _, err := range c.Webhooks.All(bg, &digitalfemsa.WebhookListParams{ListParams: digitalfemsa.ListParams{Limit: 1}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)

	del, err := c.Webhooks.Delete(bg, wh.ID)
	require.NoError(t, err)
	require.NotNil(t, del.Deleted)
	assert.True(t, *del.Deleted)
	_, err = c.Webhooks.Get(bg, wh.ID)
	apiErr(t, err, http.StatusNotFound)

	// A failing endpoint shows in the status.
	rc.mu.Lock()
	rc.status = http.StatusInternalServerError
	rc.mu.Unlock()
	tested, err = c.Webhooks.Update(bg, second.ID, &digitalfemsa.WebhookUpdateParams{URL: ts.URL})
	require.NoError(t, err)
	tested, err = c.Webhooks.Test(bg, tested.ID)
	require.NoError(t, err)
	assert.Equal(t, "failing", tested.Status)
}

func TestFakeEventResend(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	rc, ts := newReceiver(t, srv)
	rc.mu.Lock()
	rc.status = http.StatusServiceUnavailable
	rc.mu.Unlock()
	srv.SetWebhookURL(ts.URL)
	_, err := c.Customers.Create(bg, &digitalfemsa.CustomerParams{Name: "Ana", Email: "ana@example.mx"})
	require.NoError(t, err)
	pg, err := c.Events.List(bg, nil)
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)
	ev := pg.Data[0]
	require.Len(t, ev.WebhookLogs, 1)
	tries := digitalfemsatest.DefaultWebhookPolicy.Attempts
	assert.Equal(t, tries, ev.WebhookLogs[0].FailedAttempts, "retried per the policy")
	assert.Equal(t, "failing", ev.WebhookStatus)
	assert.Len(t, srv.Deliveries(), tries)

	// The endpoint is back: the resend arrives, signed like the first.
	rc.mu.Lock()
	rc.status = http.StatusOK
	rc.mu.Unlock()
	lg, err := c.Events.Resend(bg, ev.ID, ev.WebhookLogs[0].ID)
	require.NoError(t, err)
	assert.Equal(t, ev.WebhookLogs[0].ID, lg.ID)
	assert.Equal(t, 200, lg.LastHTTPResponseStatus)
	assert.Equal(t, tries, lg.FailedAttempts)
	got := rc.got()
	require.Len(t, got, tries+1)
	assert.Equal(t, ev.ID, got[tries].ID)
	assert.Len(t, srv.Deliveries(), tries+1, "the resend is a delivery too")

	again, err := c.Events.Get(bg, ev.ID)
	require.NoError(t, err)
	assert.Equal(t, "successful", again.WebhookStatus)

	_, err = c.Events.Resend(bg, ev.ID, "webhl_missing")
	apiErr(t, err, http.StatusNotFound)
	_, err = c.Events.Resend(bg, "missing", ev.WebhookLogs[0].ID)
	apiErr(t, err, http.StatusNotFound)
}

// A webhook registered through the API receives the events it subscribes
// to, signed with the fake's key, through the same recorded delivery as
// DeliverWebhooks; a deleted one receives nothing more.
func TestFakeRegisteredWebhooksReceiveEvents(t *testing.T) {
	t.Parallel()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	all, allTS := newReceiver(t, srv)
	paid, paidTS := newReceiver(t, srv)
	_, err := c.Webhooks.Create(bg, &digitalfemsa.WebhookParams{URL: allTS.URL})
	require.NoError(t, err)
	only, err := c.Webhooks.Create(bg, &digitalfemsa.WebhookParams{URL: paidTS.URL})
	require.NoError(t, err)
	_, err = c.Webhooks.Update(bg, only.ID, &digitalfemsa.WebhookUpdateParams{URL: paidTS.URL, Events: []string{"order.paid"}})
	require.NoError(t, err)

	cus := newCustomer(t, c)
	o, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems: []digitalfemsa.LineItem{{Name: "x", UnitPrice: 1000, Quantity: 1}}, Charges: []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}}})
	require.NoError(t, err)
	_, err = srv.MarkOrderPaid(o.ID)
	require.NoError(t, err)
	require.NoError(t, srv.WaitWebhooks(context.Background()))

	types := func(evs []*digitalfemsa.Event) (out []digitalfemsa.EventType) {
		for _, e := range evs {
			out = append(out, e.Type)
		}
		return out
	}
	// customer.created is not among a new webhook's default events.
	// Deliveries run in the background: their order is not fixed.
	assert.ElementsMatch(t, []digitalfemsa.EventType{digitalfemsa.EventOrderCreated, digitalfemsa.EventOrderPaid}, types(all.got()))
	assert.Equal(t, []digitalfemsa.EventType{digitalfemsa.EventOrderPaid}, types(paid.got()))
	var urls []string
	for _, d := range srv.Deliveries() {
		urls = append(urls, d.URL)
		assert.Equal(t, 200, d.Status)
	}
	assert.ElementsMatch(t, []string{allTS.URL, allTS.URL, paidTS.URL}, urls)

	// The event lists both deliveries in its webhook_logs.
	ev, err := c.Events.Get(bg, paid.got()[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "successful", ev.WebhookStatus)
	require.Len(t, ev.WebhookLogs, 2)
	assert.Equal(t, allTS.URL, ev.WebhookLogs[0].URL)
	assert.Equal(t, paidTS.URL, ev.WebhookLogs[1].URL)
	assert.Equal(t, 200, ev.WebhookLogs[1].LastHTTPResponseStatus)

	_, err = c.Webhooks.Delete(bg, only.ID)
	require.NoError(t, err)
	o2, err := c.Orders.Create(bg, &digitalfemsa.OrderParams{CustomerInfo: digitalfemsa.CustomerInfo{CustomerID: cus.ID},
		LineItems: []digitalfemsa.LineItem{{Name: "x", UnitPrice: 1000, Quantity: 1}}, Charges: []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}}})
	require.NoError(t, err)
	_, err = srv.MarkOrderPaid(o2.ID)
	require.NoError(t, err)
	require.NoError(t, srv.WaitWebhooks(context.Background()))
	assert.Len(t, paid.got(), 1, "a deleted webhook receives nothing")
	assert.Len(t, all.got(), 4)
}
