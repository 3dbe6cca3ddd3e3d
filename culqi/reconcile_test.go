package culqi_test

import (
	"context"

	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// These tests drive Charges, Refunds and Orders .Reconcile against the
// fake (package culqitest imports culqi, so they live in culqi_test).

// reconcileCase is one money-moving create and its Reconcile.
type reconcileCase struct {
	name, match, operation string
	// create makes the call with key; amount is what it asks for.
	create func(ctx context.Context, c *culqi.Client, key string, amount int64) error
	// reconcile finds it and returns its id, amount and metadata key.
	reconcile func(ctx context.Context, c *culqi.Client, key string, since time.Time) (id string, amount int64, err error)
}

func reconcileCases(t *testing.T, srv *culqitest.Server) []reconcileCase {
	setup := srv.Client()
	ctx := context.Background()
	tok, err := setup.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	require.NoError(t, err)
	refundable, err := setup.Charges.Create(ctx, &culqi.ChargeParams{Amount: 90000, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana@example.pe", SourceID: tok.ID})
	require.NoError(t, err)
	return []reconcileCase{
		{name: "charges", match: "POST /v2/charges", operation: "charges.create",
			create: func(ctx context.Context, c *culqi.Client, key string, amount int64) error {
				tok, err := setup.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
				if err != nil {
					return err
				}
				_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: amount, CurrencyCode: culqi.CurrencyPEN,
					Email: "ana@example.pe", SourceID: tok.ID, ReconcileKey: key})
				return err
			},
			reconcile: func(ctx context.Context, c *culqi.Client, key string, since time.Time) (string, int64, error) {
				ch, err := c.Charges.Reconcile(ctx, key, since)
				if err != nil {
					return "", 0, err
				}
				return ch.ID, ch.Amount, checkKey(ch.Metadata, key)
			}},
		{name: "refunds", match: "POST /v2/refunds", operation: "refunds.create",
			create: func(ctx context.Context, c *culqi.Client, key string, amount int64) error {
				_, err := c.Refunds.Create(ctx, &culqi.RefundParams{Amount: amount, ChargeID: refundable.ID,
					Reason: culqi.ReasonCustomerRequest, ReconcileKey: key})
				return err
			},
			reconcile: func(ctx context.Context, c *culqi.Client, key string, since time.Time) (string, int64, error) {
				r, err := c.Refunds.Reconcile(ctx, key, since)
				if err != nil {
					return "", 0, err
				}
				return r.ID, r.Amount, checkKey(r.Metadata, key)
			}},
		{name: "orders", match: "POST /v2/orders", operation: "orders.create",
			create: func(ctx context.Context, c *culqi.Client, key string, amount int64) error {
				_, err := c.Orders.Create(ctx, &culqi.OrderParams{Amount: amount, CurrencyCode: culqi.CurrencyPEN,
					Description: "Pedido " + key, OrderNumber: orderNumber(key), ExpirationDate: time.Now().Add(24 * time.Hour),
					ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"},
					ReconcileKey:  key})
				return err
			},
			reconcile: func(ctx context.Context, c *culqi.Client, key string, since time.Time) (string, int64, error) {
				o, err := c.Orders.Reconcile(ctx, key, since)
				if err != nil {
					return "", 0, err
				}
				return o.ID, o.Amount, checkKey(o.Metadata, key)
			}},
	}
}

// orderNumber is an order number (up to 36 characters) for key.
func orderNumber(key string) string {
	if len(key) > 36 {
		return key[:36]
	}
	return key
}

func checkKey(md culqi.Metadata, key string) error {
	if md[culqi.ReconcileMetadataKey] != key {
		return fmt.Errorf("found an object whose key is %q, not %q", md[culqi.ReconcileMetadataKey], key)
	}
	return nil
}

// A create answered by a dropped connection after Culqi processed it is
// an unknown outcome carrying Key, Operation and SentAt, and Reconcile
// finds the object; dropped before processing, Reconcile says ErrNotFound.
func TestReconcileAfterDrop(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for _, tc := range reconcileCases(t, srv) {
		for _, after := range []bool{true, false} {
			name := fmt.Sprintf("%s after=%v", tc.name, after)
			key := fmt.Sprintf("%s-drop-%v", tc.name, after)
			srv.InjectFault(fakeapi.Fault{Match: tc.match, Drop: true, After: after})
			before := time.Now()
			err := tc.create(ctx, client, key, 1500)
			sent := time.Now()
			require.ErrorIs(t, err, culqi.ErrOutcomeUnknown, name)
			var u *culqi.OutcomeUnknownError
			require.ErrorAs(t, err, &u, name)
			assert.Equal(t, key, u.Key, name)
			assert.Equal(t, tc.operation, u.Operation, name)
			assert.False(t, u.SentAt.Before(before) || u.SentAt.After(sent), "%s: SentAt %v outside [%v, %v]", name, u.SentAt, before, sent)
			assert.Contains(t, err.Error(), key, name)

			id, amount, err := tc.reconcile(ctx, client, u.Key, u.SentAt)
			if after {
				require.NoError(t, err, name)
				assert.NotEmpty(t, id, name)
				assert.Equal(t, int64(1500), amount, name)
			} else {
				require.Error(t, err, name)
				assert.ErrorIs(t, err, culqi.ErrNotFound, name)
				assert.True(t, strings.HasPrefix(err.Error(), "culqi: "), err.Error())
			}
		}
	}
}

// Two calls with the same amount and payer but different keys are told
// apart.
func TestReconcileTellsKeysApart(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	since := time.Now()
	for _, tc := range reconcileCases(t, srv) {
		ids := map[string]string{}
		for _, key := range []string{tc.name + "-uno", tc.name + "-dos", tc.name + "-tres"} {
			require.NoError(t, tc.create(ctx, client, key, 1200), tc.name)
		}
		for _, key := range []string{tc.name + "-uno", tc.name + "-dos", tc.name + "-tres"} {
			id, amount, err := tc.reconcile(ctx, client, key, since)
			require.NoError(t, err, key)
			assert.Equal(t, int64(1200), amount, key)
			ids[id] = key
		}
		assert.Len(t, ids, 3, "%s: three keys, three objects", tc.name)
		_, _, err := tc.reconcile(ctx, client, tc.name+"-cuatro", since)
		assert.ErrorIs(t, err, culqi.ErrNotFound, tc.name)
	}
}

// The charge sought lies past the first page of 100.
func TestReconcileWalksPastTheFirstPage(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	since := time.Now()
	charge := func(key string) {
		tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
		require.NoError(t, err)
		_, err = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: culqi.CurrencyPEN,
			Email: "ana@example.pe", SourceID: tok.ID, ReconcileKey: key})
		require.NoError(t, err)
	}
	charge("la-primera") // the oldest: listed last
	for i := range 120 {
		charge(fmt.Sprintf("otra-%03d", i))
	}
	lists := srv.Stats().Requests
	ch, err := client.Charges.Reconcile(ctx, "la-primera", since)
	require.NoError(t, err)
	assert.Equal(t, "la-primera", ch.Metadata[culqi.ReconcileMetadataKey])
	assert.Equal(t, 2, srv.Stats().Requests-lists, "two pages of 100")
}

// A key too long for the family, or invalid, is refused before any I/O;
// so is a Reconcile window that starts in the future or is zero.
func TestReconcileKeysRefusedBeforeIO(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	long := strings.Repeat("k", 65)

	for _, tc := range reconcileCases(t, srv) {
		start := srv.Stats().Requests
		for _, key := range []string{long, "con espacio", "ñandú"} {
			err := tc.create(ctx, client, key, 1000)
			var pe *culqi.ParamError
			require.ErrorAs(t, err, &pe, "%s %q", tc.name, key)
			assert.Equal(t, "ReconcileKey", pe.Field)
			_, _, err = tc.reconcile(ctx, client, key, time.Now())
			require.ErrorAs(t, err, &pe, "%s %q", tc.name, key)
			assert.Equal(t, "key", pe.Field)
		}
		_, _, err := tc.reconcile(ctx, client, "ok-key", time.Now().Add(time.Hour))
		assert.ErrorIs(t, err, culqi.ErrInvalidParams, tc.name)
		_, _, err = tc.reconcile(ctx, client, "ok-key", time.Time{})
		assert.ErrorIs(t, err, culqi.ErrInvalidParams, tc.name)
		_, _, err = tc.reconcile(ctx, client, "", time.Now())
		assert.ErrorIs(t, err, culqi.ErrInvalidParams, tc.name)
		// Charges need a token first: only that request may have left.
		if tc.name == "charges" {
			assert.LessOrEqual(t, srv.Stats().Requests-start, 3, tc.name)
		} else {
			assert.Zero(t, srv.Stats().Requests-start, tc.name)
		}
	}
	// A 64-character key is the longest taken, and it comes back whole.
	key := strings.Repeat("k", 64)
	since := time.Now()
	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	require.NoError(t, err)
	_, err = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana@example.pe", SourceID: tok.ID, ReconcileKey: key})
	require.NoError(t, err)
	ch, err := client.Charges.Reconcile(ctx, key, since)
	require.NoError(t, err)
	assert.Equal(t, key, ch.Metadata[culqi.ReconcileMetadataKey])
}
