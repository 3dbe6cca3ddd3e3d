package digitalfemsatest_test

import (
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
	assert.Equal(t, 1, ev.WebhookLogs[0].FailedAttempts)

	// The endpoint is back: the resend arrives, signed like the first.
	rc.mu.Lock()
	rc.status = http.StatusOK
	rc.mu.Unlock()
	lg, err := c.Events.Resend(bg, ev.ID, ev.WebhookLogs[0].ID)
	require.NoError(t, err)
	assert.Equal(t, ev.WebhookLogs[0].ID, lg.ID)
	assert.Equal(t, 200, lg.LastHTTPResponseStatus)
	assert.Equal(t, 1, lg.FailedAttempts)
	got := rc.got()
	require.Len(t, got, 2)
	assert.Equal(t, ev.ID, got[1].ID)

	again, err := c.Events.Get(bg, ev.ID)
	require.NoError(t, err)
	assert.Equal(t, "successful", again.WebhookStatus)

	_, err = c.Events.Resend(bg, ev.ID, "webhl_missing")
	apiErr(t, err, http.StatusNotFound)
	_, err = c.Events.Resend(bg, "missing", ev.WebhookLogs[0].ID)
	apiErr(t, err, http.StatusNotFound)
}
