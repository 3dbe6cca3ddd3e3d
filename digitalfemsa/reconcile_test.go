package digitalfemsa_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

var bg = context.Background()

func cashOrder(email, key string) *digitalfemsa.OrderParams {
	return &digitalfemsa.OrderParams{
		CustomerInfo: digitalfemsa.CustomerInfo{Name: "Ana", Email: email},
		LineItems:    []digitalfemsa.LineItem{{Name: "Recarga", UnitPrice: 10000, Quantity: 1}},
		Charges:      []digitalfemsa.ChargeParams{{Type: digitalfemsa.PaymentMethodCash}},
		ReconcileKey: key,
	}
}

// newFake is a fake and a client on it that does not retry.
func newFake(t *testing.T) (*digitalfemsatest.Server, *digitalfemsa.Client) {
	t.Helper()
	srv := digitalfemsatest.NewServer()
	t.Cleanup(srv.Close)
	return srv, srv.Client(digitalfemsa.WithMaxRetries(0))
}

// A create answered with a dropped connection after the fake processed it
// is found by Reconcile with the key and start time the error carries; one
// dropped before processing is ErrNotFound.
func TestReconcileDroppedAnswers(t *testing.T) {
	t.Parallel()
	srv, client := newFake(t)
	cus, err := client.Customers.Create(bg, &digitalfemsa.CustomerParams{Name: "Ana", Email: "ana@example.mx"})
	require.NoError(t, err)

	for _, tc := range []struct {
		name   string
		after  bool
		create func(key string) error
		find   func(key string, since time.Time) (int64, error)
		op     string
	}{
		{"order", true, func(key string) error {
			_, err := client.Orders.Create(bg, cashOrder("ana@example.mx", key))
			return err
		},
			func(key string, since time.Time) (int64, error) {
				o, err := client.Orders.Reconcile(bg, key, since)
				if err != nil {
					return 0, err
				}
				return o.Amount, nil
			}, "orders.create"},
		{"payout order", true, func(key string) error {
			_, err := client.PayoutOrders.Create(bg, &digitalfemsa.PayoutOrderParams{Amount: 10000, CustomerID: cus.ID, Reason: "Retiro", ReconcileKey: key})
			return err
		}, func(key string, since time.Time) (int64, error) {
			p, err := client.PayoutOrders.Reconcile(bg, key, since)
			if err != nil {
				return 0, err
			}
			return p.Amount, nil
		}, "payout_orders.create"},
	} {
		for _, after := range []bool{true, false} {
			key := fmt.Sprintf("%s-after-%v", strings.ReplaceAll(tc.name, " ", "-"), after)
			path := "POST /orders"
			if tc.op == "payout_orders.create" {
				path = "POST /payout_orders"
			}
			srv.InjectFault(digitalfemsatest.Fault{Match: path, Drop: true, After: after})
			before := time.Now()
			err := tc.create(key)
			require.ErrorIs(t, err, digitalfemsa.ErrOutcomeUnknown, key)
			var u *digitalfemsa.OutcomeUnknownError
			require.ErrorAs(t, err, &u)
			assert.Equal(t, key, u.Key)
			assert.Equal(t, tc.op, u.Operation)
			assert.WithinDuration(t, before, u.SentAt, time.Second)
			amount, err := tc.find(u.Key, u.SentAt)
			if after {
				require.NoError(t, err, key)
				assert.Equal(t, int64(10000), amount)
			} else {
				require.ErrorIs(t, err, digitalfemsa.ErrNotFound, key)
				assert.True(t, strings.HasPrefix(err.Error(), "digitalfemsa: "), err.Error())
			}
		}
	}
}

// Two orders with the same amount and email but different keys are told
// apart; a generated key is reported and found; the caller's params are
// not changed.
func TestReconcileTellsKeysApart(t *testing.T) {
	t.Parallel()
	_, client := newFake(t)
	since := time.Now()
	a, err := client.Orders.Create(bg, cashOrder("same@example.mx", "key-a"))
	require.NoError(t, err)
	b, err := client.Orders.Create(bg, cashOrder("same@example.mx", "key-b"))
	require.NoError(t, err)
	p := cashOrder("same@example.mx", "")
	p.Metadata = map[string]string{"cart": "1"}
	c, err := client.Orders.Create(bg, p)
	require.NoError(t, err)
	assert.Empty(t, p.ReconcileKey)
	assert.Equal(t, map[string]string{"cart": "1"}, p.Metadata)
	gen := c.Metadata[digitalfemsa.ReconcileMetadataKey]
	assert.Len(t, gen, 22)

	for key, want := range map[string]string{"key-a": a.ID, "key-b": b.ID, gen: c.ID} {
		got, err := client.Orders.Reconcile(bg, key, since)
		require.NoError(t, err)
		assert.Equal(t, want, got.ID, key)
	}
	_, err = client.Orders.Reconcile(bg, "key-c", since)
	require.ErrorIs(t, err, digitalfemsa.ErrNotFound)
}

// Keys and windows are checked before any I/O.
func TestReconcileRefusesBadInput(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	client, err := digitalfemsa.NewClient("key_x", digitalfemsa.WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	long := strings.Repeat("k", 65)
	for name, call := range map[string]func() error{
		"order key too long": func() error { _, err := client.Orders.Create(bg, cashOrder("a@b.mx", long)); return err },
		"payout key too long": func() error {
			_, err := client.PayoutOrders.Create(bg, &digitalfemsa.PayoutOrderParams{Amount: 100, CustomerID: "c", Reason: "r", ReconcileKey: long})
			return err
		},
		"bad characters": func() error { _, err := client.Orders.Create(bg, cashOrder("a@b.mx", "a b")); return err },
		"metadata differs": func() error {
			p := cashOrder("a@b.mx", "k1")
			p.Metadata = map[string]string{digitalfemsa.ReconcileMetadataKey: "k2"}
			_, err := client.Orders.Create(bg, p)
			return err
		},
		"metadata entry too long": func() error {
			p := cashOrder("a@b.mx", "")
			p.Metadata = map[string]string{digitalfemsa.ReconcileMetadataKey: long}
			_, err := client.Orders.Create(bg, p)
			return err
		},
		"101 metadata keys with the key": func() error {
			p := cashOrder("a@b.mx", "k")
			p.Metadata = map[string]string{}
			for i := range 100 {
				p.Metadata[fmt.Sprint("m", i)] = "v"
			}
			_, err := client.Orders.Create(bg, p)
			return err
		},
		"reconcile key too long": func() error { _, err := client.Orders.Reconcile(bg, long, time.Now()); return err },
		"reconcile empty key":    func() error { _, err := client.PayoutOrders.Reconcile(bg, "", time.Now()); return err },
		"reconcile zero since":   func() error { _, err := client.Orders.Reconcile(bg, "k", time.Time{}); return err },
		"reconcile future since": func() error {
			_, err := client.PayoutOrders.Reconcile(bg, "k", time.Now().Add(time.Hour))
			return err
		},
	} {
		err := call()
		require.ErrorIs(t, err, digitalfemsa.ErrInvalidParams, name)
		assert.True(t, strings.HasPrefix(err.Error(), "digitalfemsa: "), err.Error())
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// Reconcile walks past the first page, and stops at an order older than
// the window once the list shows itself newest first; a list in another
// order is read to its end.
func TestReconcilePaging(t *testing.T) {
	t.Parallel()
	now := time.Now().Unix()
	order := func(id, key string, created int64) string {
		return fmt.Sprintf(`{"id":%q,"object":"order","amount":100,"created_at":%d,"metadata":{"latampay_key":%q}}`, id, created, key)
	}
	page := func(hasMore bool, next string, items ...string) string {
		nextURL := "null"
		if next != "" {
			nextURL = `"https://api.digitalfemsa.io/orders?limit=250&next=` + next + `"`
		}
		return fmt.Sprintf(`{"object":"list","has_more":%v,"next_page_url":%s,"previous_page_url":null,"data":[%s]}`, hasMore, nextURL, strings.Join(items, ","))
	}
	// full is a first page of 250 orders (a short page ends a walk),
	// created from start on, step seconds apart, the last one id last.
	full := func(start, step int64, last string) []string {
		out := make([]string, 250)
		for i := range out {
			id := fmt.Sprintf("ord_f%d", i)
			if i == 249 {
				id = last
			}
			out[i] = order(id, "x", start+int64(i)*step)
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		pages   map[string]string
		key     string
		found   string
		fetches int
	}{
		{"found on page 2", map[string]string{
			"":      page(true, "ord_2", full(now, -1, "ord_2")...),
			"ord_2": page(false, "", order("ord_3", "want", now-300)),
		}, "want", "ord_3", 2},
		{"newest first stops early", map[string]string{
			"":      page(true, "ord_3", full(now, -60, "ord_3")...),
			"ord_3": page(false, "", order("ord_4", "want", now-90000)),
		}, "want", "", 1},
		{"oldest first is read to the end", map[string]string{
			"":      page(true, "ord_2", full(now-90000, 60, "ord_2")...),
			"ord_2": page(false, "", order("ord_3", "want", now)),
		}, "want", "ord_3", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			fetches := 0
			mt.RegisterResponder("GET", digitalfemsa.ProductionURL+"/orders", func(r *http.Request) (*http.Response, error) {
				fetches++
				assert.Equal(t, "250", r.URL.Query().Get("limit"))
				return httpmock.NewStringResponse(200, tc.pages[r.URL.Query().Get("next")]), nil
			})
			client, err := digitalfemsa.NewClient("key_x", digitalfemsa.WithHTTPClient(&http.Client{Transport: mt}))
			require.NoError(t, err)
			o, err := client.Orders.Reconcile(bg, tc.key, time.Now().Add(-10*time.Minute))
			if tc.found == "" {
				require.ErrorIs(t, err, digitalfemsa.ErrNotFound)
				require.False(t, errors.Is(err, digitalfemsa.ErrInvalidParams))
			} else {
				require.NoError(t, err)
				assert.Equal(t, tc.found, o.ID)
			}
			assert.Equal(t, tc.fetches, fetches)
		})
	}
}

// The package's constants are the family's.
