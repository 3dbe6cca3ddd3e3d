package srpagotest_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// A paid reference's notification goes through the shared delivery,
// whether its URL came from PUT /v1/webhook/{id} or DeliverWebhooks, and
// Deliveries records it; a card charge sends nothing.
func TestNotificationDeliveriesRecorded(t *testing.T) {
	t.Parallel()
	for _, set := range []struct {
		name string
		set  func(t *testing.T, srv *srpagotest.Server, c *srpago.Client, url string)
	}{
		{"Webhooks.Update", func(t *testing.T, srv *srpagotest.Server, c *srpago.Client, url string) {
			_, err := c.Webhooks.Update(ctx, "MQ==", &srpago.WebhookParams{URL: url})
			require.NoError(t, err)
		}},
		{"DeliverWebhooks", func(t *testing.T, srv *srpagotest.Server, c *srpago.Client, url string) {
			srv.DeliverWebhooks(url)
		}},
	} {
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			srv := srpagotest.NewServer()
			defer srv.Close()
			c := srv.Client()
			hook := &receiver{}
			hs := httptest.NewServer(hook)
			defer hs.Close()
			set.set(t, srv, c, hs.URL+"/srpago")
			assert.Equal(t, hs.URL+"/srpago", srv.WebhookURL())

			_, sc := savedCard(t, c, srpagotest.CardApproved)
			_, err := c.Charges.Create(ctx, charge(sc.Token, 1000))
			require.NoError(t, err)
			spei, err := c.References.CreateSPEI(ctx, &srpago.SPEIReferenceParams{Amount: 70000, Description: "Pedido 9"})
			require.NoError(t, err)
			tx, err := srv.PayReference(ctx, spei.Reference)
			require.NoError(t, err)

			d := srv.Deliveries()
			require.Len(t, d, 1, "only the paid reference notifies")
			assert.Equal(t, srpagotest.EventOperationPaid, d[0].Event)
			assert.Equal(t, hs.URL+"/srpago", d[0].URL)
			assert.Equal(t, 1, d[0].Attempt)
			assert.Equal(t, http.StatusOK, d[0].Status)
			assert.Empty(t, d[0].Header, "Sr. Pago signs nothing")
			require.Len(t, hook.got(), 1)
			assert.Equal(t, hook.got()[0], d[0].Body)
			op, err := srpago.ParseWebhook(d[0].Body)
			require.NoError(t, err)
			assert.Equal(t, tx, op.TransactionID)
			assert.Equal(t, "TRA", op.PaymentMethod)
			assert.Equal(t, int64(70000), op.Amount)
		})
	}
}

// A notification answered 5xx is tried again per WebhookPolicy; PayReference
// reports the last answer when every try failed.
func TestNotificationRetries(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		failing int32
		wantErr bool
	}{
		{"recovers", 1, false},
		{"gives up", 100, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := srpagotest.NewServer()
			defer srv.Close()
			var tries atomic.Int32
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				if tries.Add(1) <= tc.failing {
					w.WriteHeader(http.StatusInternalServerError)
				}
			}))
			defer hs.Close()
			srv.DeliverWebhooks(hs.URL)
			cash, err := srv.Client().References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 500, Description: "x"})
			require.NoError(t, err)
			_, err = srv.PayReference(ctx, cash.Reference)
			d := srv.Deliveries()
			if tc.wantErr {
				assert.EqualError(t, err, "srpagotest: notification answered HTTP 500")
				assert.Len(t, d, srpagotest.DefaultWebhookPolicy.Attempts)
			} else {
				require.NoError(t, err)
				require.Len(t, d, 2)
				assert.Equal(t, http.StatusOK, d[1].Status)
			}
			assert.Equal(t, http.StatusInternalServerError, d[0].Status)
			assert.True(t, srv.ReferencePaid(cash.Reference), "the payment stands")
		})
	}
}

// SetWebhookPolicy replaces the fake's retries: one try, no retry.
func TestSetWebhookPolicy(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) }))
	defer hs.Close()
	srv.DeliverWebhooks(hs.URL)
	srv.SetWebhookPolicy(srpagotest.WebhookPolicy{Attempts: 1})
	cash, err := srv.Client().References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 500, Description: "x"})
	require.NoError(t, err)
	_, err = srv.PayReference(ctx, cash.Reference)
	assert.EqualError(t, err, "srpagotest: notification answered HTTP 502")
	assert.Len(t, srv.Deliveries(), 1)
}
