package srpagotest_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

func TestBearerLoginOnTheFake(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(srpago.WithBearerLogin())
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	assert.Equal(t, 1, srv.Logins(), "one login serves every call")

	// Expired tokens get a 401; the client logs in again once and the
	// charge goes through exactly once.
	srv.ExpireSessions()
	ch, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: sc.Token, Amount: 10000, Description: "x", OrderID: "bearer-1"})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.Logins())
	assert.Equal(t, 1, srv.ChargesWithOrderID("bearer-1"))
	assert.NotEmpty(t, ch.TransactionID)

	// A bearer token cannot log in again, and a wrong secret cannot log in.
	bad, err := srpago.NewClient(srpagotest.AppKey, "wrong", srpago.WithBaseURL(srv.URL),
		srpago.WithHTTPClient(srv.HTTPClient()), srpago.WithBearerLogin(), srpago.WithMaxRetries(0))
	require.NoError(t, err)
	_, err = bad.Account.Get(ctx)
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
	assert.Contains(t, err.Error(), "login")

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/funds", nil)
	req.Header.Set("Authorization", "Bearer not-a-token")
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

// receiver is a notification URL that keeps what it receives.
type receiver struct {
	mu     sync.Mutex
	bodies [][]byte
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.bodies = append(r.bodies, b)
	r.mu.Unlock()
}

func (r *receiver) got() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]byte(nil), r.bodies...)
}

func TestCashReferencePaidAndNotified(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	hook := &receiver{}
	hs := httptest.NewServer(hook)
	defer hs.Close()
	_, err := c.Webhooks.Update(ctx, "MQ==", &srpago.WebhookParams{URL: hs.URL + "/srpago"})
	require.NoError(t, err)
	assert.Equal(t, hs.URL+"/srpago", srv.NotificationURL("MQ=="))

	cash, err := c.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 25050, Description: "Pedido 77"})
	require.NoError(t, err)
	assert.Len(t, cash.Reference, 14)
	assert.Equal(t, "oxxo", cash.Store)
	assert.Equal(t, int64(25050), cash.Amount)
	assert.NotEmpty(t, cash.Barcode)
	assert.WithinDuration(t, time.Now().Add(srpagotest.ReferenceLifetime), cash.ExpiresAt.Time, time.Minute)
	spei, err := c.References.CreateSPEI(ctx, &srpago.SPEIReferenceParams{Amount: 100000, Description: "-"})
	require.NoError(t, err)
	assert.Len(t, spei.CLABE, 18)
	assert.Equal(t, "STP", spei.BankName)

	// Nothing paid yet: the store list is empty, the funds are zero.
	page, err := c.Payments.List(ctx, &srpago.PaymentListParams{Type: srpago.TypeStore})
	require.NoError(t, err)
	assert.Empty(t, page.Data)
	assert.Empty(t, hook.got())

	tx, err := srv.PayReference(ctx, cash.Reference)
	require.NoError(t, err)
	assert.True(t, srv.ReferencePaid(cash.Reference))
	require.Len(t, hook.got(), 1, "the notification came before PayReference returned")
	op, err := srpago.ParseWebhook(hook.got()[0])
	require.NoError(t, err)
	assert.Equal(t, tx, op.TransactionID)
	assert.Equal(t, "OXX", op.PaymentMethod)
	assert.Equal(t, int64(25050), op.Amount)
	assert.Equal(t, "Pedido 77", op.Description)
	assert.Equal(t, cash.Reference, op.Reference)
	got, err := c.Operations.Get(ctx, tx)
	require.NoError(t, err, "a paid reference is an operation")
	assert.Equal(t, int64(25050), got.Amount)
	_, err = c.Operations.Get(ctx, spei.TransactionID)
	assert.ErrorIs(t, err, srpago.ErrNotFound, "an unpaid reference is no operation")

	_, err = srv.PayReference(ctx, cash.Reference)
	assert.ErrorIs(t, err, srpagotest.ErrAlreadyPaid)
	_, err = srv.PayReference(ctx, "nope")
	assert.ErrorIs(t, err, srpagotest.ErrNoReference)
	_, err = srv.PayReference(ctx, spei.Reference)
	require.NoError(t, err)

	page, err = c.Payments.List(ctx, &srpago.PaymentListParams{Type: srpago.TypeStore})
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	assert.Equal(t, int64(25050), page.Sales)
	assert.Equal(t, int64(100000), page.Transferences)
	var ids []string
	for op, err := range c.Payments.All(ctx, &srpago.PaymentListParams{Type: srpago.TypeStore, Limit: 1}) {
		require.NoError(t, err)
		ids = append(ids, op.TransactionID)
	}
	assert.Len(t, ids, 2)
	eco, err := c.Payments.List(ctx, &srpago.PaymentListParams{Type: srpago.TypeEcommerce})
	require.NoError(t, err)
	assert.Empty(t, eco.Data, "the fake has no web checkout")

	funds, err := c.Account.Funds(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(125050), funds.Total)
	acct, err := c.Account.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, "pruebas@example.mx", acct.Email)
}

func TestReferenceExpiresAndRefusals(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cash, err := c.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 500, Description: "x"})
	require.NoError(t, err)
	srv.SetClock(func() time.Time { return time.Now().Add(srpagotest.ReferenceLifetime + time.Hour) })
	_, err = srv.PayReference(ctx, cash.Reference)
	assert.ErrorIs(t, err, srpagotest.ErrReferenceExpiry)

	// A failing notification URL is reported; the payment stands.
	srv.SetClock(time.Now)
	dead := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer dead.Close()
	_, err = c.Webhooks.Update(ctx, "MQ==", &srpago.WebhookParams{URL: dead.URL})
	require.NoError(t, err)
	cash, err = c.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 500, Description: "x"})
	require.NoError(t, err)
	_, err = srv.PayReference(ctx, cash.Reference)
	require.Error(t, err)
	assert.False(t, errors.Is(err, srpagotest.ErrAlreadyPaid))
	assert.True(t, srv.ReferencePaid(cash.Reference))
}
