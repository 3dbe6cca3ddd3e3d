package cubotest_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

// A paid link's webhook goes through the shared delivery: Deliveries
// records it under DeliverWebhooks and under the older SetWebhookURL.
func TestWebhookDeliveriesRecorded(t *testing.T) {
	t.Parallel()
	for _, set := range []struct {
		name string
		set  func(*cubotest.Server, string)
	}{
		{"DeliverWebhooks", (*cubotest.Server).DeliverWebhooks},
		{"SetWebhookURL", (*cubotest.Server).SetWebhookURL},
	} {
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
			t.Cleanup(hook.Close)
			set.set(s, hook.URL)
			assert.Equal(t, hook.URL, s.WebhookURL())
			c := s.Client()
			ok, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "paid", Amount: 300, Metadata: map[string]string{"orderId": "W-1"}})
			require.NoError(t, err)
			bad, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "declined", Amount: 300})
			require.NoError(t, err)
			body, err := s.PayLink(ok.PaymentIntentToken, cubotest.CardApproved)
			require.NoError(t, err)
			_, err = s.PayLink(bad.PaymentIntentToken, cubotest.CardSuspectedFraud)
			require.NoError(t, err)

			d := s.Deliveries()
			require.Len(t, d, 2)
			assert.Equal(t, hook.URL, d[0].URL)
			assert.Equal(t, cubotest.EventSucceeded, d[0].Event)
			assert.Equal(t, body, d[0].Body)
			assert.Equal(t, 1, d[0].Attempt)
			assert.Equal(t, http.StatusOK, d[0].Status)
			assert.Empty(t, d[0].Header, "Cubo signs nothing")
			assert.Equal(t, cubotest.EventRejected, d[1].Event)
			ev, err := cubo.ParseWebhook(d[1].Body)
			require.NoError(t, err)
			assert.Equal(t, bad.PaymentIntentToken, ev.Identifier)
			assert.Equal(t, cubo.StatusRejected, ev.Status)
		})
	}
}

// A receiver answering 5xx gets Cubo's retries; PayLink reports the last
// answer when every try failed, and succeeds once one is answered 2xx.
func TestWebhookRetries(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		failing int32 // tries answered 503 before a 200
		wantErr bool
	}{
		{"recovers", 2, false},
		{"gives up", 100, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			var tries atomic.Int32
			hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				if tries.Add(1) <= tc.failing {
					w.WriteHeader(http.StatusServiceUnavailable)
				}
			}))
			t.Cleanup(hook.Close)
			s.DeliverWebhooks(hook.URL)
			link, err := s.Client().Links.Create(ctx, &cubo.LinkParams{Description: "retry", Amount: 300})
			require.NoError(t, err)
			_, err = s.PayLink(link.PaymentIntentToken, cubotest.CardApproved)
			d := s.Deliveries()
			if tc.wantErr {
				assert.EqualError(t, err, "cubotest: webhook answered 503")
				require.Len(t, d, cubotest.DefaultWebhookPolicy.Attempts)
			} else {
				require.NoError(t, err)
				require.Len(t, d, 3)
				assert.Equal(t, http.StatusOK, d[2].Status)
			}
			for i, try := range d {
				assert.Equal(t, i+1, try.Attempt)
				assert.Equal(t, d[0].Body, try.Body, "every try sends the same event")
			}
			assert.Equal(t, http.StatusServiceUnavailable, d[0].Status)
		})
	}
}

// The checkout page's webhook, sent in the background, is recorded too.
func TestCheckoutDeliveryRecorded(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(hook.Close)
	s.DeliverWebhooks(hook.URL)
	link, err := s.Client().Links.Create(ctx, &cubo.LinkParams{Description: "page", Amount: 300})
	require.NoError(t, err)
	resp, err := s.HTTPClient().PostForm(link.RedirectURL, url.Values{"cardNumber": {cubotest.CardApproved}})
	require.NoError(t, err)
	resp.Body.Close()
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	require.NoError(t, s.WaitWebhooks(wctx))
	d := s.Deliveries()
	require.Len(t, d, 1)
	assert.Equal(t, cubotest.EventSucceeded, d[0].Event)
	assert.Equal(t, http.StatusOK, d[0].Status)
}

// SetWebhookPolicy replaces Cubo's retries: one try, no retry.
func TestSetWebhookPolicy(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) }))
	t.Cleanup(hook.Close)
	s.DeliverWebhooks(hook.URL)
	s.SetWebhookPolicy(cubotest.WebhookPolicy{Attempts: 1})
	link, err := s.Client().Links.Create(ctx, &cubo.LinkParams{Description: "once", Amount: 300})
	require.NoError(t, err)
	_, err = s.PayLink(link.PaymentIntentToken, cubotest.CardApproved)
	assert.EqualError(t, err, "cubotest: webhook answered 502")
	assert.Len(t, s.Deliveries(), 1)
}
