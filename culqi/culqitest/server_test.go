package culqitest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ctx = context.Background()

func newToken(t *testing.T, c *culqi.Client, card culqi.Card) *culqi.Token {
	t.Helper()
	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: "ana@example.pe"})
	require.NoError(t, err)
	return tok
}

func newCustomer(t *testing.T, c *culqi.Client) *culqi.Customer {
	t.Helper()
	cus, err := c.Customers.Create(ctx, &culqi.CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe",
		Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
	require.NoError(t, err)
	return cus
}

func TestChargeRefundFlow(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok := newToken(t, c, culqitest.CardVisa)
	assert.Regexp(t, `^tkn_test_[A-Za-z0-9]{16}$`, tok.ID)
	assert.Equal(t, "411111******1111", tok.CardNumber)
	assert.Equal(t, "Visa", tok.IIN.CardBrand)

	f := false
	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 10000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID,
		Capture: &f, Metadata: map[string]string{"order": "1"}})
	require.NoError(t, err)
	assert.Regexp(t, `^chr_test_[A-Za-z0-9]{16}$`, ch.ID)
	assert.Equal(t, culqi.OutcomeSuccess, ch.Outcome.Type)
	assert.False(t, *ch.Capture)
	assert.Nil(t, ch.Operations)
	assert.WithinDuration(t, time.Now(), ch.CreationDate.Time, time.Minute)

	// A token is single use.
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 100, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	var ce *culqi.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, culqi.ErrorTypeResource, ce.Type)
	got, err := c.Tokens.Get(ctx, tok.ID)
	require.NoError(t, err)
	assert.True(t, got.Active, "a used token still reads active (ChargeTest.test_charge_create.yaml)")

	ch, err = c.Charges.Capture(ctx, ch.ID)
	require.NoError(t, err)
	assert.True(t, *ch.Capture)
	assert.True(t, ch.CaptureDate.IsZero(), "the capture answers capture_date null (ChargeTest.test_charge_capture.yaml)")
	read, err := c.Charges.Get(ctx, ch.ID)
	require.NoError(t, err)
	assert.False(t, read.CaptureDate.IsZero(), "and a later read has it")
	_, err = c.Charges.Capture(ctx, ch.ID)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 400, ce.StatusCode)

	ref, err := c.Refunds.Create(ctx, &culqi.RefundParams{Amount: 4000, ChargeID: ch.ID, Reason: culqi.ReasonCustomerRequest})
	require.NoError(t, err)
	assert.Regexp(t, `^ref_test_[A-Za-z0-9]{16}$`, ref.ID)
	assert.Equal(t, "Devolución solicitada por el comercio", ref.Reason)
	_, err = c.Refunds.Create(ctx, &culqi.RefundParams{Amount: 6001, ChargeID: ch.ID, Reason: culqi.ReasonCustomerRequest})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, culqi.ErrorTypeParameter, ce.Type)
	assert.Equal(t, "amount", ce.Param)
	ch, err = c.Charges.Get(ctx, ch.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(6000), ch.CurrentAmount)
	assert.Equal(t, int64(4000), ch.AmountRefunded)
	require.Len(t, ch.Operations, 1)
	assert.Equal(t, ref.ID, ch.Operations[0].ID)

	ch, err = c.Charges.Update(ctx, ch.ID, &culqi.MetadataParams{Metadata: map[string]string{"note": "x"}})
	require.NoError(t, err)
	assert.NotEmpty(t, ch.Metadata[culqi.ReconcileMetadataKey], "the charge carries its reconciliation key")
	delete(ch.Metadata, culqi.ReconcileMetadataKey)
	assert.Equal(t, culqi.Metadata{"order": "1", "note": "x"}, ch.Metadata)

	page, err := c.Charges.List(ctx, &culqi.ChargeListParams{Email: "ana@example.pe", CreationDateFrom: time.Now().Add(-time.Hour)})
	require.NoError(t, err)
	assert.Len(t, page.Data, 1)
	page, err = c.Charges.List(ctx, &culqi.ChargeListParams{CreationDateFrom: time.Now().Add(time.Hour)})
	require.NoError(t, err)
	assert.Empty(t, page.Data)

	events, err := c.Events.List(ctx, &culqi.EventListParams{Type: culqi.EventChargeCreationSucceeded})
	require.NoError(t, err)
	require.Len(t, events.Data, 1)
	assert.Equal(t, "charge", events.Data[0].DataObject())
}

func TestDeclineCards(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	for pan, code := range culqitest.DeclineCards {
		card, ok := culqitest.DeclinedCard(code)
		require.True(t, ok)
		require.Equal(t, pan, card.Number)
		_, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe",
			SourceID: newToken(t, c, card).ID})
		var ce *culqi.Error
		require.ErrorAs(t, err, &ce, code)
		assert.Equal(t, 402, ce.StatusCode)
		assert.Equal(t, code, ce.DeclineCode)
		assert.Equal(t, "card_declined", ce.Code)
		assert.NotEmpty(t, ce.RequestID)
		declined, err := c.Charges.Get(ctx, ce.ChargeID)
		require.NoError(t, err)
		assert.Equal(t, culqi.OutcomeCardError, declined.Outcome.Type)
		assert.Equal(t, code, declined.Outcome.DeclineCode)
		assert.Nil(t, declined.Capture)
		assert.Empty(t, declined.Email)

		_, err = c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: newToken(t, c, card).ID})
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, 400, ce.StatusCode)
		assert.Equal(t, code, ce.DeclineCode)
		assert.NotEmpty(t, ce.ChargeID)
	}
	_, ok := culqitest.DeclinedCard("soft_block")
	assert.False(t, ok)
}

func TestSavedCardsAndRecurring(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	tok := newToken(t, c, culqitest.CardAmex)

	var ce *culqi.Error
	card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID})
	require.NoError(t, err)
	assert.Regexp(t, `^crd_test_[A-Za-z0-9]{16}$`, card.ID)
	_, err = c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID})
	require.ErrorAs(t, err, &ce, "a used token")

	got, err := c.Customers.Get(ctx, cus.ID)
	require.NoError(t, err)
	require.Len(t, got.Cards, 1)
	assert.Equal(t, card.ID, got.Cards[0].ID)

	// A saved card is a reusable charge source.
	for range 2 {
		ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 2990, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: card.ID, Recurrent: true})
		require.NoError(t, err)
		assert.Equal(t, int64(2990), ch.Amount)
	}

	plan, err := c.Plans.Create(ctx, &culqi.PlanParams{Name: "Plan mensual", ShortName: "plan-mensual", Description: "Mensual",
		Amount: 2990, Currency: "PEN", IntervalUnitTime: culqi.IntervalMonthly, IntervalCount: 1})
	require.NoError(t, err)
	sub, err := c.Subscriptions.Create(ctx, &culqi.SubscriptionParams{CardID: card.ID, PlanID: plan.ID, TermsAccepted: true})
	require.NoError(t, err)
	assert.Regexp(t, `^sxn_test_`, sub.ID)
	plan, err = c.Plans.Get(ctx, plan.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, plan.TotalSubscriptions)
	subs, err := c.Subscriptions.List(ctx, &culqi.SubscriptionListParams{PlanID: plan.ID})
	require.NoError(t, err)
	assert.Len(t, subs.Data, 1)
	_, err = c.Subscriptions.Cancel(ctx, sub.ID)
	require.NoError(t, err)
	_, err = c.Subscriptions.Get(ctx, sub.ID)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 404, ce.StatusCode)

	require.NoError(t, c.Cards.Delete(ctx, card.ID))
	require.NoError(t, c.Customers.Delete(ctx, cus.ID))
	_, err = c.Customers.Get(ctx, cus.ID)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 404, ce.StatusCode)
	assert.Equal(t, culqi.ErrorTypeResource, ce.Type)
}

func TestOrdersFlow(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	f := false
	o, err := c.Orders.Create(ctx, &culqi.OrderParams{Amount: 5000, CurrencyCode: "PEN", Description: "Pedido 1", OrderNumber: "ped-1",
		ExpirationDate: time.Now().Add(24 * time.Hour), Confirm: &f,
		ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"}})
	require.NoError(t, err)
	assert.Equal(t, culqi.OrderCreated, o.State)
	assert.WithinDuration(t, time.Now(), o.CreationDate.Time, time.Minute) // seconds on the wire
	o, err = c.Orders.Confirm(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, culqi.OrderPending, o.State)
	assert.NotEmpty(t, o.PaymentCode)
	o, err = c.Orders.Update(ctx, o.ID, &culqi.OrderUpdateParams{ExpirationDate: time.Now().Add(48 * time.Hour)})
	require.NoError(t, err)
	require.NoError(t, c.Orders.Delete(ctx, o.ID))
	_, err = c.Orders.Get(ctx, o.ID)
	assert.Error(t, err)
}

func TestThreeDSecure(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.Card3DSFrictionless, Email: culqitest.ReviewEmail})
	require.NoError(t, err)
	card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID})
	assert.ErrorIs(t, err, culqi.ErrAuthenticationRequired)
	assert.Equal(t, culqi.ActionCodeReview, card.ActionCode)
	card, err = c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID, Authentication3DS: &culqi.Authentication3DS{ECI: "05"}})
	require.NoError(t, err)
	assert.NotEmpty(t, card.ID)
}

func TestPagingLikeCulqi(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	var ids []string
	for range 5 {
		ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe",
			SourceID: newToken(t, c, culqitest.CardVisa).ID})
		require.NoError(t, err)
		ids = append(ids, ch.ID)
	}
	p, err := c.Charges.List(ctx, &culqi.ChargeListParams{Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, ids[4], p.Data[0].ID) // newest first
	assert.Equal(t, 3, *p.Paging.RemainingItems)
	assert.True(t, p.HasMore)
	p, err = c.Charges.List(ctx, &culqi.ChargeListParams{Limit: 5})
	require.NoError(t, err)
	assert.NotEmpty(t, p.Paging.Next) // set even on the last page
	assert.False(t, p.HasMore)
	var walked []string
	for ch, err := range c.Charges.All(ctx, &culqi.ChargeListParams{Limit: 2}) {
		require.NoError(t, err)
		walked = append(walked, ch.ID)
	}
	assert.Equal(t, []string{ids[4], ids[3], ids[2], ids[1], ids[0]}, walked)
	assert.Equal(t, 2+3, srv.Handled("GET /v2/charges")) // two Lists, then three pages
}

func TestFaults(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client(culqi.WithMaxRetries(2))
	tok := newToken(t, c, culqitest.CardVisa)

	// The charge happens, the answer is lost: outcome unknown, not retried.
	srv.InjectFault(culqitest.Fault{Match: "POST /v2/charges", Status: 504, Body: `{"message":"Endpoint request timed out"}`, After: true})
	_, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	assert.ErrorIs(t, err, culqi.ErrOutcomeUnknown)
	var ce *culqi.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "Endpoint request timed out", ce.MerchantMessage)
	assert.Equal(t, 1, srv.Handled("POST /v2/charges"))
	page, err := c.Charges.List(ctx, &culqi.ChargeListParams{Email: "ana@example.pe"})
	require.NoError(t, err)
	assert.Len(t, page.Data, 1, "reconciliation finds the charge")

	// A dropped connection on a GET is retried.
	srv.InjectFault(culqitest.Fault{Match: "GET /v2/charges/", Drop: true})
	_, err = c.Charges.Get(ctx, page.Data[0].ID)
	require.NoError(t, err)

	// 429 with Retry-After, then success.
	srv.InjectFault(culqitest.Fault{Match: "GET /v2/customers", Status: http.StatusTooManyRequests, RetryAfter: "0",
		Body: `{"object":"error","type":"limit_api_error","merchant_message":"Demasiadas peticiones"}`, Times: 2})
	_, err = c.Customers.List(ctx, nil)
	require.NoError(t, err)
	assert.Zero(t, srv.PendingFaults())

	// A slow answer beyond the attempt timeout on a charge.
	slow := srv.Client(culqi.WithTimeout(50 * time.Millisecond))
	srv.InjectFault(culqitest.Fault{Match: "POST /v2/charges", Delay: 300 * time.Millisecond})
	_, err = slow.Charges.Create(ctx, &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe",
		SourceID: newToken(t, c, culqitest.CardVisa).ID})
	assert.ErrorIs(t, err, culqi.ErrOutcomeUnknown)
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	bad, err := culqi.NewClient("sk_test_wrong", culqi.WithPublicKey("pk_test_wrong"), culqi.WithBaseURL(srv.URL),
		culqi.WithHTTPClient(srv.HTTPClient()))
	require.NoError(t, err)
	_, err = bad.Charges.Get(ctx, "chr_test_x")
	var ce *culqi.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 401, ce.StatusCode)
	assert.Equal(t, "invalid_key", ce.Code)
	_, err = bad.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	require.True(t, errors.As(err, &ce))
	assert.Equal(t, 401, ce.StatusCode)
}

// Yape tokens come from the token host with the public key and are
// single-use charge sources; they cannot be saved as cards.
func TestYapeTokens(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tok, err := c.Tokens.CreateYape(ctx, &culqi.YapeTokenParams{PhoneNumber: "900000001", OTP: "425251", Amount: 36200,
		Metadata: map[string]string{"pedido": "y-1"}})
	require.NoError(t, err)
	assert.Regexp(t, `^ype_test_[A-Za-z0-9]{16}$`, tok.ID)
	assert.Equal(t, "yape", tok.Type)
	assert.True(t, tok.Active)
	assert.Equal(t, culqi.Metadata{"pedido": "y-1"}, tok.Metadata)

	ch, err := c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 36200, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	require.NoError(t, err)
	assert.Equal(t, culqi.OutcomeSuccess, ch.Outcome.Type)
	assert.Equal(t, tok.ID, ch.Source.ID)
	var ce *culqi.Error
	_, err = c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 36200, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: tok.ID})
	require.ErrorAs(t, err, &ce, "single use")
	assert.Equal(t, 404, ce.StatusCode)

	tok2, err := c.Tokens.CreateYape(ctx, &culqi.YapeTokenParams{PhoneNumber: "900000001", OTP: "425251", Amount: 100})
	require.NoError(t, err)
	_, err = c.Cards.Create(ctx, &culqi.CardParams{CustomerID: newCustomer(t, c).ID, TokenID: tok2.ID})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "token_id", ce.Param)

	// The secret key does not create tokens.
	sk, err := culqi.NewClient(culqitest.SecretKey, culqi.WithPublicKey(culqitest.SecretKey), culqi.WithBaseURL(srv.URL),
		culqi.WithHTTPClient(srv.HTTPClient()))
	require.NoError(t, err)
	_, err = sk.Tokens.CreateYape(ctx, &culqi.YapeTokenParams{PhoneNumber: "900000001", OTP: "425251", Amount: 100})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 401, ce.StatusCode)
}

func TestOrderConfirmTypes(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	f := false
	o, err := c.Orders.Create(ctx, &culqi.OrderParams{Amount: 5000, CurrencyCode: "PEN", Description: "Pedido 2", OrderNumber: "ped-2",
		ExpirationDate: time.Now().Add(24 * time.Hour), Confirm: &f,
		ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"}})
	require.NoError(t, err)
	o, err = c.Orders.ConfirmTypes(ctx, &culqi.OrderConfirmParams{OrderID: o.ID, OrderTypes: []string{"cip", "cuotealo"}})
	require.NoError(t, err)
	assert.Equal(t, culqi.OrderPending, o.State)
	assert.NotEmpty(t, o.PaymentCode)
	assert.NotEmpty(t, o.Cuotealo)

	var ce *culqi.Error
	_, err = c.Orders.ConfirmTypes(ctx, &culqi.OrderConfirmParams{OrderID: o.ID, OrderTypes: []string{"cip"}})
	require.ErrorAs(t, err, &ce, "already confirmed")
	assert.Equal(t, 400, ce.StatusCode)
	_, err = c.Orders.ConfirmTypes(ctx, &culqi.OrderConfirmParams{OrderID: "ord_test_0000000000000000", OrderTypes: []string{"cip"}})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 404, ce.StatusCode)
}

func TestIinsAndTransfers(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	iin, err := c.Iins.Get(ctx, "411111")
	require.NoError(t, err)
	assert.Equal(t, "Visa", iin.CardBrand)
	var ce *culqi.Error
	_, err = c.Iins.Get(ctx, "999999")
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 404, ce.StatusCode)

	// A tokenized card's BIN joins the test cards'.
	newToken(t, c, culqi.Card{Number: "4242424242424242", CVV: "123", ExpMonth: 12, ExpYear: time.Now().Year() + 1})
	all, err := c.Iins.List(ctx, &culqi.ListParams{Limit: 100})
	require.NoError(t, err)
	assert.False(t, all.HasMore)
	seen := map[string]bool{}
	for _, i := range all.Data {
		seen[i.BIN] = true
	}
	for _, bin := range []string{"411111", "511111", "371212", "360012", "445653", "400002", "424242"} {
		assert.True(t, seen[bin], bin)
	}
	// All pages on BINs, the cursors of this list.
	var walked []string
	for i, err := range c.Iins.All(ctx, &culqi.ListParams{Limit: 2}) {
		require.NoError(t, err)
		walked = append(walked, i.BIN)
	}
	assert.Len(t, walked, len(all.Data))
	assert.Equal(t, len(seen), len(walked))

	transfers, err := c.Transfers.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, transfers.Data)
	assert.False(t, transfers.HasMore)
	_, err = c.Transfers.Get(ctx, "trf_test_0000000000000000")
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 404, ce.StatusCode)
}

// The 3-D Secure cards whose authentication fails are declined when the
// request comes back with authentication_3DS; the others succeed.
func TestThreeDSecureOutcomes(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	cus := newCustomer(t, c)
	auth := &culqi.Authentication3DS{ECI: "05", CAVV: "c1", ProtocolVersion: "2.1.0"}
	cases := []struct {
		card    culqi.Card
		decline string
	}{
		{culqitest.Card3DSChallenge, ""},
		{culqitest.Card3DSFrictionless, ""},
		{culqitest.Card3DSTimeout, culqitest.ThreeDSFailedDeclineCode},
		{culqitest.Card3DSAuthError, culqitest.ThreeDSFailedDeclineCode},
	}
	for _, tc := range cases {
		tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: tc.card, Email: culqitest.ReviewEmail})
		require.NoError(t, err)
		params := &culqi.ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: culqitest.ReviewEmail, SourceID: tok.ID}
		_, err = c.Charges.Create(ctx, params)
		require.ErrorIs(t, err, culqi.ErrAuthenticationRequired, tc.card.Last4())
		params.Authentication3DS = auth
		ch, err := c.Charges.Create(ctx, params)
		if tc.decline == "" {
			require.NoError(t, err, tc.card.Last4())
			assert.Equal(t, culqi.OutcomeSuccess, ch.Outcome.Type)
		} else {
			var ce *culqi.Error
			require.ErrorAs(t, err, &ce, tc.card.Last4())
			assert.Equal(t, 402, ce.StatusCode)
			assert.Equal(t, tc.decline, ce.DeclineCode)
		}

		tok, err = c.Tokens.Create(ctx, &culqi.TokenParams{Card: tc.card, Email: culqitest.ReviewEmail})
		require.NoError(t, err)
		_, err = c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID})
		require.ErrorIs(t, err, culqi.ErrAuthenticationRequired, tc.card.Last4())
		card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID, Authentication3DS: auth})
		if tc.decline == "" {
			require.NoError(t, err, tc.card.Last4())
			assert.NotEmpty(t, card.ID)
		} else {
			var ce *culqi.Error
			require.ErrorAs(t, err, &ce, tc.card.Last4())
			assert.Equal(t, 400, ce.StatusCode)
			assert.Equal(t, tc.decline, ce.DeclineCode)
		}
	}
}

// The test cards stay valid for years: a fixed expiry would one day make
// every test that tokenizes them fail.
func TestTestCardsDoNotExpireSoon(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	srv.SetClock(func() time.Time { return time.Now().AddDate(4, 0, 0) })
	c := srv.Client()
	cards := []culqi.Card{culqitest.CardVisa, culqitest.CardMastercard, culqitest.CardAmex, culqitest.CardDiners,
		culqitest.Card3DSChallenge, culqitest.Card3DSFrictionless, culqitest.Card3DSTimeout, culqitest.Card3DSAuthError}
	for _, code := range culqitest.DeclineCards {
		card, ok := culqitest.DeclinedCard(code)
		require.True(t, ok)
		cards = append(cards, card)
	}
	for _, card := range cards {
		_, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: "ana@example.pe"})
		require.NoError(t, err, card.Last4())
	}
}

// With Before, All walks from the objects just newer than it toward the
// newest, as the fake pages before cursors.
func TestAllBeforeWalksTowardNewer(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	var ids []string
	for range 5 {
		ids = append(ids, newCustomer(t, c).ID)
	}
	var walked []string
	for cus, err := range c.Customers.All(ctx, &culqi.CustomerListParams{Limit: 2, Before: ids[1]}) {
		require.NoError(t, err)
		walked = append(walked, cus.ID)
	}
	assert.Equal(t, []string{ids[3], ids[2], ids[4]}, walked)
}

// The older name keeps working for one release.
func TestDeclineCardOlderName(t *testing.T) {
	t.Parallel()
	old, ok := culqitest.DeclineCard(culqi.DeclineStolenCard)
	require.True(t, ok)
	now, _ := culqitest.DeclinedCard(culqi.DeclineStolenCard)
	assert.Equal(t, now.Number, old.Number)
}
