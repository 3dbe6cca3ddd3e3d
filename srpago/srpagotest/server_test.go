package srpagotest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

var ctx = context.Background()

func card(number string) srpago.Card {
	return srpago.Card{Number: number, CVV: "123", ExpMonth: 9, ExpYear: time.Now().Year() + 3, HolderName: "Ana López"}
}

// savedCard creates a customer and a saved card for number.
func savedCard(t *testing.T, c *srpago.Client, number string) (*srpago.Customer, *srpago.SavedCard) {
	t.Helper()
	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: "ana@example.mx", Metadata: map[string]string{"plan": "gold"}})
	require.NoError(t, err)
	tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card(number)})
	require.NoError(t, err)
	sc, err := c.Cards.Add(ctx, cus.ID, tok.ID)
	require.NoError(t, err)
	return cus, sc
}

func charge(src string, amount int64) *srpago.ChargeParams {
	return &srpago.ChargeParams{Source: src, Amount: amount, Description: "Membresía", IP: "201.141.1.1"}
}

func TestCustomerLifecycle(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(srpago.WithMaxRetries(0))

	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana", Email: "ana@example.mx", Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	assert.Regexp(t, `^cus_[0-9a-f]{13}$`, cus.ID)
	assert.True(t, cus.Active)
	assert.Equal(t, "v", cus.Metadata["k"])
	assert.False(t, cus.CreatedAt.IsZero())

	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	assert.Equal(t, cus.ID, got.ID)
	assert.True(t, got.Active)

	up, err := c.Customers.Update(ctx, cus.ID, &srpago.CustomerParams{Name: "Ana María"})
	require.NoError(t, err)
	assert.Equal(t, "Ana María", up.Name)
	assert.Equal(t, "ana@example.mx", up.Email)

	for i := 0; i < 4; i++ {
		_, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "C", Email: "c@example.mx"})
		require.NoError(t, err)
	}
	page, err := c.Customers.List(ctx, &srpago.CustomerListParams{Limit: 2})
	require.NoError(t, err)
	assert.Len(t, page.Data, 2)
	assert.True(t, page.HasMore)
	n := 0
	for cu, err := range c.Customers.All(ctx, &srpago.CustomerListParams{Limit: 2}) {
		require.NoError(t, err)
		require.NotNil(t, cu)
		n++
	}
	assert.Equal(t, 5, n)

	require.NoError(t, c.Customers.Delete(ctx, cus.ID))
	_, err = c.Customers.Get(ctx, cus.ID)
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
}

func TestSavedCardsAndRecurringCharge(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()

	cus, sc := savedCard(t, c, srpagotest.CardApproved)
	assert.Regexp(t, `^crd_[0-9a-f]{40}$`, sc.Token)
	assert.Equal(t, srpago.CardTypeVisa, sc.Type)
	assert.Equal(t, "424242XXXXXX4242", sc.Number)
	assert.Equal(t, "chargeable", sc.Status)

	list, err := c.Cards.List(ctx, cus.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, sc.Token, list[0].Token)

	// A saved card is charged again and again.
	for i := 0; i < 2; i++ {
		ch, err := c.Charges.Create(ctx, charge(sc.Token, 29900))
		require.NoError(t, err)
		assert.True(t, ch.Approved)
		assert.Equal(t, int64(29900), ch.Amount)
		assert.NotEmpty(t, ch.TransactionID)
		assert.NotEmpty(t, ch.AuthorizationCode)
		assert.Regexp(t, `^[A-Za-z0-9_-]{22}$`, ch.OrderID, "a generated reconciliation key")
	}
	assert.Equal(t, 2, srv.ChargeCount())

	require.NoError(t, c.Cards.Delete(ctx, cus.ID, sc.Token))
	list, err = c.Cards.List(ctx, cus.ID)
	require.NoError(t, err)
	assert.Empty(t, list)
	_, err = c.Charges.Create(ctx, charge(sc.Token, 29900))
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeCardInformationNotFound, e.Code)
}

func TestTokenIsSingleUse(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card(srpagotest.CardApproved)})
	require.NoError(t, err)
	assert.Regexp(t, `^tok_[0-9a-f]{13}$`, tok.ID)

	ch, err := c.Charges.Create(ctx, charge(tok.ID, 10000))
	require.NoError(t, err)
	assert.True(t, ch.Approved)

	_, err = c.Charges.Create(ctx, charge(tok.ID, 10000))
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeTokenAlreadyUsed, e.Code)
	assert.False(t, errors.Is(err, srpago.ErrOutcomeUnknown), "a definite refusal, even with HTTP 500")
	assert.Equal(t, http.StatusInternalServerError, e.StatusCode)

	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "A", Email: "a@example.mx"})
	require.NoError(t, err)
	_, err = c.Cards.Add(ctx, cus.ID, tok.ID)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeTokenAlreadyUsed, e.Code)
}

func TestDuplicateOrderIDIsRejected(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	p := charge(sc.Token, 5000)
	p.OrderID = "order-42"
	ch, err := c.Charges.Create(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, "order-42", ch.OrderID)

	_, err = c.Charges.Create(ctx, p)
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeSwitch, e.Code)
	assert.Equal(t, 1, srv.ChargeCount(), "charged once")
}

func TestDeclines(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tests := []struct {
		number, code, bank  string
		retryLater, noRetry bool
	}{
		{srpagotest.CardInsufficientFunds, srpago.CodePayment, "51", true, false},
		{srpagotest.CardStolen, srpago.CodePayment, "43", false, true},
		{srpagotest.CardInvalid, srpago.CodeInvalidCard, "", false, true},
	}
	for _, tt := range tests {
		_, sc := savedCard(t, c, tt.number)
		_, err := c.Charges.Create(ctx, charge(sc.Token, 10000))
		var e *srpago.Error
		require.ErrorAs(t, err, &e, tt.number)
		assert.False(t, errors.Is(err, srpago.ErrOutcomeUnknown))
		assert.Equal(t, tt.code, e.Code)
		assert.Equal(t, tt.bank, e.BankCode)
		assert.True(t, e.Declined())
		assert.Equal(t, tt.retryLater, e.SoftDecline(), tt.number)
		assert.Equal(t, tt.noRetry, e.DoNotRetry(), tt.number)
		assert.NotEmpty(t, e.RequestID)
	}
	assert.Equal(t, 0, srv.ChargeCount())
}

func TestReversalSameDayOnly(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	day := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	srv.SetClock(func() time.Time { return day })
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)

	ch, err := c.Charges.Create(ctx, charge(sc.Token, 10000))
	require.NoError(t, err)
	rev, err := c.Charges.Reverse(ctx, ch.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, "Reversal", rev.Method)
	assert.True(t, rev.Approved)
	assert.Equal(t, ch.TransactionID, rev.TransactionID)

	op, err := c.Operations.Get(ctx, ch.TransactionID)
	require.NoError(t, err)
	assert.True(t, op.Reversed)

	_, err = c.Charges.Reverse(ctx, ch.TransactionID)
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeInvalidTransaction, e.Code)

	ch2, err := c.Charges.Create(ctx, charge(sc.Token, 10000))
	require.NoError(t, err)
	srv.SetClock(func() time.Time { return day.Add(24 * time.Hour) })
	_, err = c.Charges.Reverse(ctx, ch2.TransactionID)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeInvalidAuthCode, e.Code)
}

func TestOperationsPagingAndFilters(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	day := time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC) // 12:00 in Mexico City
	srv.SetClock(func() time.Time { return day })
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	for i := 0; i < 5; i++ {
		_, err := c.Charges.Create(ctx, charge(sc.Token, int64(1000+i)))
		require.NoError(t, err)
	}
	srv.SetClock(func() time.Time { return day.Add(48 * time.Hour) })
	_, err := c.Charges.Create(ctx, charge(sc.Token, 9999))
	require.NoError(t, err)

	page, err := c.Operations.List(ctx, &srpago.OperationListParams{Limit: 2})
	require.NoError(t, err)
	assert.Len(t, page.Data, 2)
	assert.Equal(t, 6, page.Total)
	assert.True(t, page.HasMore)

	var amounts []int64
	for op, err := range c.Operations.All(ctx, &srpago.OperationListParams{Limit: 2, StartDate: day, EndDate: day, CardType: srpago.CardTypeVisa}) {
		require.NoError(t, err)
		assert.True(t, op.IsApproved())
		amounts = append(amounts, op.Amount)
	}
	assert.Equal(t, []int64{1000, 1001, 1002, 1003, 1004}, amounts)

	page, err = c.Operations.List(ctx, &srpago.OperationListParams{CardType: srpago.CardTypeAmex})
	require.NoError(t, err)
	assert.Empty(t, page.Data)
	assert.False(t, page.HasMore)
}

func TestFaultOutcomeUnknownThenReconcile(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)

	// The charge happens, then the gateway answers 502.
	srv.InjectFault(srpagotest.Fault{Match: "POST /v1/payment/card", Status: http.StatusBadGateway, After: true})
	p := charge(sc.Token, 15000)
	p.OrderID = "membership-7-c3-a1"
	p.Reference = p.OrderID
	_, err := c.Charges.Create(ctx, p)
	require.ErrorIs(t, err, srpago.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.Handled("POST /v1/payment/card"), "never repeated")

	// Reconcile: the operation is listed under the reference.
	found := false
	for op, err := range c.Operations.All(ctx, &srpago.OperationListParams{Limit: 50}) {
		require.NoError(t, err)
		found = found || op.Reference == p.OrderID
	}
	assert.True(t, found)
	// And the same OrderID cannot charge twice.
	_, err = c.Charges.Create(ctx, p)
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeSwitch, e.Code)
	assert.Equal(t, 1, srv.ChargeCount())
}

func TestFaultsOnReadsAreRetried(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(srpago.WithMaxRetries(2))
	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "A", Email: "a@example.mx"})
	require.NoError(t, err)
	srv.InjectFault(srpagotest.Fault{Match: "GET /v1/customer/", Status: http.StatusServiceUnavailable})
	srv.InjectFault(srpagotest.Fault{Match: "GET /v1/customer/", Drop: true})
	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	assert.Equal(t, cus.ID, got.ID)
	assert.Equal(t, 0, srv.PendingFaults())

	// A dropped connection on a charge: unknown, not repeated.
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	srv.InjectFault(srpagotest.Fault{Match: "POST /v1/payment/card", Drop: true})
	_, err = c.Charges.Create(ctx, charge(sc.Token, 1000))
	require.ErrorIs(t, err, srpago.ErrOutcomeUnknown)
	assert.Equal(t, 0, srv.ChargeCount())

	// A truncated body on a charge that went through: unknown.
	srv.InjectFault(srpagotest.Fault{Match: "POST /v1/payment/card", Truncate: true})
	_, err = c.Charges.Create(ctx, charge(sc.Token, 1000))
	require.ErrorIs(t, err, srpago.ErrOutcomeUnknown)
	require.ErrorIs(t, err, srpago.ErrMalformedResponse)
	assert.Equal(t, 1, srv.ChargeCount())
}

func TestEnvelopeAndCredentialsChecked(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()

	// A client sealing for Sr. Pago's real key: the fake cannot open it.
	c := srv.Client(srpago.WithEncryptionKey(srpago.PublicKeyPEM()))
	_, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card(srpagotest.CardApproved)})
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeInvalidEncryption, e.Code)

	bad, err := srpago.NewClient("wrong", "creds", srpago.WithBaseURL(srv.URL), srpago.WithHTTPClient(srv.HTTPClient()), srpago.WithMaxRetries(0))
	require.NoError(t, err)
	_, err = bad.Customers.Get(ctx, "cus_x")
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)

	_, err = srv.Client().Operations.Get(ctx, "bm8=")
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeInvalidTransaction, e.Code)
}

func TestGetSavedCard(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(srpago.WithMaxRetries(0))
	cus, sc := savedCard(t, c, srpagotest.CardApproved)
	got, err := c.Cards.Get(ctx, cus.ID, sc.Token)
	require.NoError(t, err)
	assert.Equal(t, sc, got)
	_, err = c.Cards.Get(ctx, cus.ID, "crd_nope")
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
}

func TestConcurrentCharges(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	const n = 20
	ids := make(chan string, n)
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			ch, err := c.Charges.Create(ctx, charge(sc.Token, 1000))
			if err != nil {
				errs <- err
				return
			}
			ids <- ch.TransactionID
		}()
	}
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		select {
		case err := <-errs:
			t.Fatal(err)
		case id := <-ids:
			assert.False(t, seen[id], "transaction ids are unique")
			seen[id] = true
		}
	}
	assert.Equal(t, n, srv.ChargeCount())
}

func TestDefiniteErrorOnReadIsNotRetried(t *testing.T) {
	t.Parallel()
	// Sr. Pago answers a bad operation id with HTTP 500 and a definite
	// code; the transport sees the code and does not retry the GET.
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(srpago.WithMaxRetries(2))
	_, err := c.Operations.Get(ctx, "bm8=")
	var e *srpago.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, srpago.CodeInvalidTransaction, e.Code)
	assert.Equal(t, 1, srv.Handled("GET /v1/operations/{tx}"))
}

func TestContextEndsDuringCharge(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	srv.InjectFault(srpagotest.Fault{Match: "POST /v1/payment/card", Delay: time.Second, After: true})
	cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err := c.Charges.Create(cctx, charge(sc.Token, 1000))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, srpago.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.Handled("POST /v1/payment/card"))

	// A per-attempt timeout on a read is retried. The retry needs a new
	// connection (TLS handshake included), so its bound leaves room for a
	// loaded machine under -race while staying well below the delay.
	srv.InjectFault(srpagotest.Fault{Match: "GET /v1/operations", Delay: time.Second})
	c2 := srv.Client(srpago.WithTimeout(300 * time.Millisecond))
	page, err := c2.Operations.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, page.Data, 1)
}

// A reversal is a GET that moves money. net/http replays a body-less GET on
// its own when a reused keep-alive connection breaks after the request went
// out; the SDK must not let it, or the replay finds the operation already
// reversed and the caller is told, wrongly, that nothing happened.
func TestReversalNotReplayedOnBrokenConnection(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	for i := range 5 {
		ch, err := c.Charges.Create(ctx, charge(sc.Token, 10000))
		require.NoError(t, err)
		// The connection of the charge is idle and reused by the reversal.
		srv.InjectFault(srpagotest.Fault{Match: "GET /v1/operations/apply-reversal/", Drop: true, After: true})
		_, err = c.Charges.Reverse(ctx, ch.TransactionID)
		require.ErrorIs(t, err, srpago.ErrOutcomeUnknown, "attempt %d", i)
		assert.Equal(t, 1, srv.Reversals(ch.TransactionID))
		op, err := c.Operations.Get(ctx, ch.TransactionID)
		require.NoError(t, err)
		assert.True(t, op.Reversed)
	}
	assert.Equal(t, 5, srv.Handled("GET /v1/operations/apply-reversal/{tx}"), "each reversal sent once")
}

// The charge endpoint refuses what the documentation marks required, as
// Sr. Pago does (InvalidParamException), so a client that stops sending one
// fails against the fake too.
func TestChargeRequiredFields(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	_, sc := savedCard(t, srv.Client(), srpagotest.CardApproved)
	pub, err := envelope.ParsePublicKey([]byte(srv.PublicKeyPEM()))
	require.NoError(t, err)

	// post sends a charge for the saved card, with edit applied to the
	// encrypted body and metadata (absent when nil) beside it.
	post := func(t *testing.T, edit func(payment map[string]any), metadata any) (status int, out map[string]any) {
		t.Helper()
		payment := map[string]any{
			"external":  map[string]any{"transaction": "order-" + t.Name(), "application_key": srpagotest.AppKey},
			"reference": map[string]any{"number": "ref-1", "description": "Membresía"},
			"total":     map[string]any{"amount": "10.00", "currency": "MXN"},
		}
		edit(payment)
		plain, err := json.Marshal(map[string]any{"recurrent": sc.Token, "payment": payment})
		require.NoError(t, err)
		key, data, err := envelope.Seal(pub, plain)
		require.NoError(t, err)
		body := map[string]any{"key": key, "data": data}
		if metadata != nil {
			body["metadata"] = metadata
		}
		raw, err := json.Marshal(body)
		require.NoError(t, err)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v1/payment/card", bytes.NewReader(raw))
		require.NoError(t, err)
		req.SetBasicAuth(srpagotest.AppKey, srpagotest.AppSecret)
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.HTTPClient().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		return resp.StatusCode, out
	}
	unchanged := func(map[string]any) {}
	tests := []struct {
		name     string
		edit     func(payment map[string]any)
		metadata any
	}{
		{"no description", func(p map[string]any) { delete(p["reference"].(map[string]any), "description") }, map[string]any{}},
		{"blank description", func(p map[string]any) { p["reference"].(map[string]any)["description"] = " " }, map[string]any{}},
		{"no metadata", unchanged, nil},
		{"null metadata", unchanged, json.RawMessage(`null`)},
		{"metadata not an object", unchanged, "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out := post(t, tt.edit, tt.metadata)
			assert.Equal(t, http.StatusInternalServerError, status)
			assert.Equal(t, false, out["success"])
			errObj, _ := out["error"].(map[string]any)
			assert.Equal(t, srpago.CodeInvalidParam, errObj["code"], out)
		})
	}
	assert.Equal(t, 0, srv.ChargeCount(), "nothing charged")

	// The same request with both is charged.
	status, out := post(t, unchanged, map[string]any{})
	assert.Equal(t, http.StatusOK, status, out)
	assert.Equal(t, true, out["success"])
	assert.Equal(t, 1, srv.ChargeCount())
}

// sealedPost sends plain to path inside the {key, data} envelope, with
// metadata beside it, as HTTP Basic; it answers the status and decoded body.
func sealedPost(t *testing.T, srv *srpagotest.Server, path string, plain, metadata any) (int, map[string]any) {
	t.Helper()
	pub, err := envelope.ParsePublicKey([]byte(srv.PublicKeyPEM()))
	require.NoError(t, err)
	text, err := json.Marshal(plain)
	require.NoError(t, err)
	key, data, err := envelope.Seal(pub, text)
	require.NoError(t, err)
	raw, err := json.Marshal(map[string]any{"key": key, "data": data, "metadata": metadata})
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+path, bytes.NewReader(raw))
	require.NoError(t, err)
	req.SetBasicAuth(srpagotest.AppKey, srpagotest.AppSecret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

// TestChargeAsSrPagosSDKSendsIt: the charges of Sr. Pago's own PHP SDK,
// which sends no payment.external.application_key, and raw-card charges
// with the card object its documentation and that SDK send instead of
// recurrent, are charged; a raw card that is not valid is refused.
func TestChargeAsSrPagosSDKSendsIt(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	exp := time.Now().AddDate(2, 0, 0).Format("0601")
	payment := func(order string) map[string]any {
		return map[string]any{
			"external":  map[string]any{"transaction": order},
			"reference": map[string]any{"number": order, "description": "Pedido"},
			"total":     map[string]any{"amount": "9.00", "currency": "MXN"},
			"tip":       map[string]any{"amount": "0.00", "currency": "MXN"},
			"origin":    map[string]any{"ip": "127.0.0.1", "location": map[string]any{"latitude": "0.00000", "longitude": "0.00000"}},
		}
	}
	rawCard := map[string]any{"holder_name": "Ana López", "number": srpagotest.CardApproved, "cvv": "123",
		"expiration": exp, "raw": srpagotest.CardApproved, "type": "VISA"}
	status, out := sealedPost(t, srv, "/v1/payment/card", map[string]any{"card": rawCard, "payment": payment("php-1"),
		"total": map[string]any{"amount": "9.00", "currency": "MXN"}}, map[string]any{})
	require.Equal(t, http.StatusOK, status, out)
	result := out["result"].(map[string]any)
	assert.Equal(t, "php-1", result["transaction"])
	assert.Equal(t, "424242XXXXXX4242", result["card"])
	assert.Equal(t, 1, srv.ChargesWithOrderID("php-1"))

	// The ecommerce spelling of the same object (with the buyer's ip).
	eco := map[string]any{"ip": "127.0.0.1"}
	for k, v := range rawCard {
		eco[k] = v
	}
	status, out = sealedPost(t, srv, "/v1/payment/card", map[string]any{"ecommerce": eco, "payment": payment("php-2")}, map[string]any{})
	require.Equal(t, http.StatusOK, status, out)

	// A raw card is held to the card rules; the declining test cards
	// decline as raw cards too.
	bad := map[string]any{"holder_name": "Ana", "number": "4242424242424241", "cvv": "123", "expiration": exp}
	status, out = sealedPost(t, srv, "/v1/payment/card", map[string]any{"card": bad, "payment": payment("php-3")}, map[string]any{})
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.Equal(t, srpago.CodeInvalidParam, out["error"].(map[string]any)["code"])
	declined := map[string]any{"holder_name": "Ana", "number": srpagotest.CardInsufficientFunds, "cvv": "123", "expiration": exp}
	status, out = sealedPost(t, srv, "/v1/payment/card", map[string]any{"card": declined, "payment": payment("php-4")}, map[string]any{})
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.Equal(t, srpago.CodePayment, out["error"].(map[string]any)["code"])
	// Neither recurrent nor card: refused.
	status, out = sealedPost(t, srv, "/v1/payment/card", map[string]any{"payment": payment("php-5")}, map[string]any{})
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.Equal(t, srpago.CodeInvalidParam, out["error"].(map[string]any)["code"])
	assert.Equal(t, 2, srv.ChargeCount())
}

// Paging values near the int limit must neither crash a handler nor leave
// the fake locked: offset+limit overflowed once, and the panic under the
// fake's lock made every later request hang.
func TestHugePagingParams(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(srpago.WithMaxRetries(0), srpago.WithTimeout(5*time.Second))
	for range 3 {
		_, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "A", Email: "a@example.mx"})
		require.NoError(t, err)
	}
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	_, err := c.Charges.Create(ctx, charge(sc.Token, 1000))
	require.NoError(t, err)

	get := func(t *testing.T, path string) (int, map[string]any) {
		t.Helper()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		require.NoError(t, err)
		req.SetBasicAuth(srpagotest.AppKey, srpagotest.AppSecret)
		hc := srv.HTTPClient()
		hc.Timeout = 5 * time.Second
		resp, err := hc.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		return resp.StatusCode, out
	}
	tests := []struct {
		path  string
		wantN int
	}{
		{"/v1/customer?limit=9223372036854775807&offset=1", 3},   // 4 customers, the first skipped
		{"/v1/customer?limit=1&offset=9223372036854775807", 0},   // past the end
		{"/v1/operations?limit=9223372036854775807&offset=1", 0}, // one operation, skipped
		{"/v1/operations?limit=9223372036854775807&offset=0", 1}, // the whole list
		{"/v1/operations?limit=1&offset=9223372036854775807", 0}, // past the end
		{"/v1/customer?limit=9223372036854775807&offset=9223372036854775807", 0},
	}
	for _, tt := range tests {
		status, out := get(t, tt.path)
		require.Equal(t, http.StatusOK, status, tt.path)
		var items []any
		switch res := out["result"].(type) {
		case []any:
			items = res
		case map[string]any:
			items, _ = res["operations"].([]any)
		}
		assert.Len(t, items, tt.wantN, tt.path)
	}

	// The fake still answers normal requests afterwards.
	page, err := c.Customers.List(ctx, &srpago.CustomerListParams{Limit: 2})
	require.NoError(t, err)
	assert.Len(t, page.Data, 2)
	ops, err := c.Operations.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, ops.Data, 1)
}

// Requests that change objects run beside requests and ledger reads that
// see the same objects; under -race this checks that nothing reads an
// object while another request changes it.
func TestConcurrentReadsAndChanges(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus, sc := savedCard(t, c, srpagotest.CardApproved)
	const n = 8
	var txs []string
	for range n {
		ch, err := c.Charges.Create(ctx, charge(sc.Token, 1000))
		require.NoError(t, err)
		txs = append(txs, ch.TransactionID)
	}
	errs := make(chan error, 5*n)
	var wg sync.WaitGroup
	run := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- f()
		}()
	}
	for i, tx := range txs {
		run(func() error { _, err := c.Charges.Reverse(ctx, tx); return err })
		run(func() error {
			// Several listings, each encoding every operation, to meet
			// the reversals while they run.
			for range 4 {
				if _, err := c.Operations.List(ctx, nil); err != nil {
					return err
				}
			}
			_, err := c.Operations.Get(ctx, tx)
			return err
		})
		run(func() error {
			_, err := c.Customers.Update(ctx, cus.ID, &srpago.CustomerParams{Email: fmt.Sprintf("ana%d@example.mx", i)})
			return err
		})
		run(func() error {
			tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card(srpagotest.CardApproved)})
			if err == nil {
				_, err = c.Cards.Add(ctx, cus.ID, tok.ID)
			}
			return err
		})
		run(func() error { _, err := c.Customers.Get(ctx, cus.ID); return err })
		_ = srv.Reversals(tx) + srv.ChargesWithOrderID("x") + srv.CustomersWithEmail("ana@example.mx")
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for _, tx := range txs {
		assert.Equal(t, 1, srv.Reversals(tx))
	}
	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	assert.Len(t, got.Cards, n+1)
	assert.Equal(t, 1, srv.CustomersWithEmail(got.Email))
}

// An operation made in the Mexico City evening carries the next day's date
// in UTC; its decoded timestamp, passed back as the filter dates, finds it.
func TestOperationFoundByItsOwnTimestamp(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	srv.SetClock(func() time.Time { return time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC) }) // 21:00 on 1 March in Mexico City
	c := srv.Client()
	_, sc := savedCard(t, c, srpagotest.CardApproved)
	ch, err := c.Charges.Create(ctx, charge(sc.Token, 1000))
	require.NoError(t, err)
	op, err := c.Operations.Get(ctx, ch.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, 2, op.Timestamp.UTC().Day())

	page, err := c.Operations.List(ctx, &srpago.OperationListParams{StartDate: op.Timestamp.Time, EndDate: op.Timestamp.Time})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, ch.TransactionID, page.Data[0].TransactionID)
}
