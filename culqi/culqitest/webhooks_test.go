package culqitest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// receiver is a webhook endpoint that records what it was sent and
// answers the statuses given, in turn (200 once they run out).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []*http.Request
	bodies   [][]byte
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	rc := &receiver{statuses: statuses}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, r)
		rc.bodies = append(rc.bodies, body)
		status := http.StatusOK
		if len(rc.statuses) > 0 {
			status, rc.statuses = rc.statuses[0], rc.statuses[1:]
		}
		rc.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

// events parses every body received, by event type.
func (rc *receiver) events(t *testing.T) map[string][]*culqi.Event {
	t.Helper()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	out := map[string][]*culqi.Event{}
	for _, b := range rc.bodies {
		ev, err := culqi.ParseWebhook(b)
		require.NoError(t, err)
		out[ev.Type] = append(out[ev.Type], ev)
	}
	return out
}

func wait(t *testing.T, srv *culqitest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	require.NoError(t, srv.WaitWebhooks(ctx))
}

// Each change of state is delivered as Culqi's event: the envelope with
// data as a JSON-encoded string holding the object, the same event the
// fake lists under /v2/events.
func TestWebhooksDeliverEvents(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	rc := newReceiver(t)
	srv.DeliverWebhooks(rc.URL + "/culqi")
	c := srv.Client(culqi.WithMaxRetries(0))

	f := false
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 4200, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: newToken(t, c, culqitest.CardVisa).ID, Capture: &f})
	require.NoError(t, err)
	_, err = c.Charges.Capture(ctx, ch.ID)
	require.NoError(t, err)
	_, err = c.Refunds.Create(ctx, &culqi.RefundParams{ChargeID: ch.ID, Amount: 200, Reason: culqi.ReasonCustomerRequest})
	require.NoError(t, err)
	declineCard, _ := culqitest.DeclinedCard(culqi.DeclineInsufficientFunds)
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 4200, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: newToken(t, c, declineCard).ID})
	require.Error(t, err)
	wait(t, srv)

	got := rc.events(t)
	for typ, n := range map[string]int{culqi.EventChargeCreationSucceeded: 1, culqi.EventChargeCaptureSucceeded: 1,
		culqi.EventRefundCreationSucceeded: 1, culqi.EventChargeCreationFailed: 1} {
		assert.Len(t, got[typ], n, typ)
	}
	require.Len(t, got[culqi.EventChargeCreationSucceeded], 1)
	ev := got[culqi.EventChargeCreationSucceeded][0]
	assert.Equal(t, ch.ID, ev.DataID())
	assert.Equal(t, "charge", ev.DataObject())
	var delivered culqi.Charge
	require.NoError(t, ev.DecodeData(&delivered))
	assert.Equal(t, ch, &delivered, "the object as the creation answered it")
	stored, ok := srv.Event(ev.ID)
	require.True(t, ok, "the delivered event is the one the fake lists")
	assert.Equal(t, stored, ev)
	var failed culqi.Charge
	require.NoError(t, got[culqi.EventChargeCreationFailed][0].DecodeData(&failed))
	assert.Equal(t, culqi.DeclineInsufficientFunds, failed.Outcome.DeclineCode)

	// On the wire: data is a JSON string, the body JSON, no credentials.
	rc.mu.Lock()
	defer rc.mu.Unlock()
	require.Len(t, rc.got, 4)
	for i, r := range rc.got {
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, "/culqi", r.URL.Path)
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.Empty(t, r.Header.Get("Authorization"), "no Basic Auth unless set")
		var env map[string]any
		require.NoError(t, json.Unmarshal(rc.bodies[i], &env))
		assert.Equal(t, "event", env["object"])
		assert.Regexp(t, `^evt_test_\w{16}$`, env["id"])
		assert.IsType(t, "", env["data"], "data is a JSON-encoded string, as Culqi sends it")
		assert.IsType(t, float64(0), env["creation_date"])
	}
	for _, d := range srv.Deliveries() {
		assert.Equal(t, rc.URL+"/culqi", d.URL)
		assert.Equal(t, 200, d.Status)
		assert.Equal(t, 1, d.Attempt)
		assert.Empty(t, d.Err)
	}
}

// A receiver that fails is tried again per the policy; one that keeps
// failing is given up on after the last attempt.
func TestWebhooksRetry(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		statuses []int
		want     []int
	}{
		{"recovers", []int{500, 503}, []int{500, 503, 200}},
		{"gives up", []int{500, 500, 500, 500}, []int{500, 500, 500}},
		{"first try", nil, []int{200}},
		{"4xx is a failure too", []int{401}, []int{401, 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := culqitest.NewServer()
			defer srv.Close()
			rc := newReceiver(t, tc.statuses...)
			srv.DeliverWebhooks(rc.URL)
			newCustomer(t, srv.Client())
			wait(t, srv)

			ds := srv.Deliveries()
			var statuses []int
			for i, d := range ds {
				statuses = append(statuses, d.Status)
				assert.Equal(t, i+1, d.Attempt)
				assert.Equal(t, culqi.EventCustomerCreationSucceeded, d.Event)
				assert.Equal(t, ds[0].Body, d.Body, "every try sends the same event")
			}
			assert.Equal(t, tc.want, statuses)
		})
	}
}

// Without a target nothing is delivered, yet events are recorded; an
// empty URL stops deliveries.
func TestWebhooksOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	newCustomer(t, c)
	wait(t, srv)
	assert.Empty(t, srv.Deliveries())
	assert.Len(t, srv.Events(), 1)

	rc := newReceiver(t)
	srv.DeliverWebhooks(rc.URL)
	newCustomer(t, c)
	wait(t, srv)
	assert.Len(t, srv.Deliveries(), 1)
	srv.DeliverWebhooks("")
	newCustomer(t, c)
	wait(t, srv)
	assert.Len(t, srv.Deliveries(), 1)
	assert.Len(t, srv.Events(), 3)
}

// SetWebhookAuth sends the panel's optional Basic Auth.
func TestWebhookAuth(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	rc := newReceiver(t)
	srv.DeliverWebhooks(rc.URL)
	srv.SetWebhookAuth("culqi", "s3cret")
	newCustomer(t, srv.Client())
	wait(t, srv)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	require.Len(t, rc.got, 1)
	user, password, ok := rc.got[0].BasicAuth()
	assert.True(t, ok)
	assert.Equal(t, "culqi", user)
	assert.Equal(t, "s3cret", password)
}

// PayOrder and ExpireOrder stand in for the payer: the order changes state
// and order.status.changed is delivered, the only way Culqi tells.
func TestPayOrder(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	rc := newReceiver(t)
	srv.DeliverWebhooks(rc.URL)
	c := srv.Client()
	newOrder := func(confirm bool) *culqi.Order {
		o, err := c.Orders.Create(ctx, &culqi.OrderParams{Amount: 5000, CurrencyCode: "PEN", Description: "Pedido 1", OrderNumber: "ped-1",
			ExpirationDate: time.Now().Add(24 * time.Hour), Confirm: &confirm,
			ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"}})
		require.NoError(t, err)
		return o
	}
	o := newOrder(true)
	paid, err := srv.PayOrder(o.ID)
	require.NoError(t, err)
	assert.Equal(t, culqi.OrderPaid, paid.State)
	assert.False(t, paid.PaidAt.IsZero())
	read, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, read, paid)
	wait(t, srv)
	evs := rc.events(t)[culqi.EventOrderStatusChanged]
	require.Len(t, evs, 1)
	var delivered culqi.Order
	require.NoError(t, evs[0].DecodeData(&delivered))
	assert.Equal(t, paid, &delivered)

	_, err = srv.PayOrder(o.ID)
	assert.ErrorIs(t, err, culqitest.ErrOrderState, "paid already")
	_, err = srv.ExpireOrder(newOrder(false).ID)
	assert.ErrorIs(t, err, culqitest.ErrOrderState, "not confirmed: no CIP to pay")
	_, err = srv.PayOrder("ord_test_0000000000000000")
	assert.ErrorIs(t, err, culqi.ErrNotFound)

	exp, err := srv.ExpireOrder(newOrder(true).ID)
	require.NoError(t, err)
	assert.Equal(t, culqi.OrderExpired, exp.State)
	assert.True(t, exp.PaidAt.IsZero())
	wait(t, srv)
	assert.Len(t, rc.events(t)[culqi.EventOrderStatusChanged], 2)
}
