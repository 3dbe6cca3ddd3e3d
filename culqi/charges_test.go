package culqi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChargesCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := on(mt, "POST", "https://api.culqi.com/v2/charges", 201, chargeJSON)
	f := false
	ch, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "richard@piedpiper.com",
		SourceID: "tkn_test_cQLnnGuahVeZOr9P", Description: "Venta de prueba", Installments: 2, Capture: &f,
		Metadata: map[string]string{"order_id": "0001"}, Recurrent: true, ReconcileKey: "pedido-0001",
		AntifraudDetails: &AntifraudDetails{FirstName: "Richard", LastName: "Piedpiper", Address: "Av Lima 123", AddressCity: "LIMA",
			CountryCode: "PE", PhoneNumber: "+51998989789", DeviceFingerprintID: "d3a1"}})
	require.NoError(t, err)
	r, body := cap.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.Equal(t, "recurrent", r.Header.Get("X-Charge-Channel"))
	assert.JSONEq(t, `{"amount":1000,"currency_code":"PEN","email":"richard@piedpiper.com","source_id":"tkn_test_cQLnnGuahVeZOr9P",
		"description":"Venta de prueba","installments":2,"capture":false,"metadata":{"order_id":"0001","latampay_key":"pedido-0001"},
		"antifraud_details":{"first_name":"Richard","last_name":"Piedpiper","address":"Av Lima 123","address_city":"LIMA",
		"country_code":"PE","phone_number":"+51998989789","device_finger_print_id":"d3a1"}}`, body)

	assert.Equal(t, "charge", ch.Object)
	assert.Equal(t, "chr_test_J1QRDJ2xZUXF0Ggv", ch.ID)
	assert.Equal(t, ms(1589341061000), ch.CreationDate.Time)
	assert.Equal(t, int64(1000), ch.Amount)
	assert.Equal(t, int64(100), ch.AmountRefunded)
	assert.Equal(t, int64(900), ch.CurrentAmount)
	assert.Equal(t, 1, ch.Installments)
	assert.Equal(t, int64(1000), *ch.InstallmentsAmount)
	assert.Equal(t, "PEN", ch.CurrencyCode)
	assert.Equal(t, "richard@piedpiper.com", ch.Email)
	assert.Equal(t, "Venta de prueba", ch.Description)
	assert.Equal(t, "tkn_test_cQLnnGuahVeZOr9P", ch.Source.ID)
	assert.Equal(t, Outcome{Type: OutcomeSuccess, Code: "AUT0000", MerchantMessage: "La operación de venta ha sido autorizada exitosamente",
		UserMessage: "Su compra ha sido exitosa."}, *ch.Outcome)
	assert.InDelta(t, 6.0, *ch.FraudScore, 0)
	assert.Equal(t, AntifraudDetails{FirstName: "Richard", LastName: "Piedpiper", Address: "Av Lima 123", AddressCity: "LIMA",
		CountryCode: "PE", Phone: "+51998989789", Object: "client"}, *ch.AntifraudDetails)
	assert.False(t, ch.Dispute)
	assert.False(t, *ch.Capture)
	assert.Equal(t, "Sn1NGJp47Y", ch.ReferenceCode)
	assert.Equal(t, "W7vqDp", ch.AuthorizationCode)
	assert.Equal(t, "0001", ch.Metadata["order_id"])
	assert.Equal(t, int64(47), *ch.TotalFee)
	assert.Equal(t, FixedFee{}, *ch.FeeDetails.FixedFee)
	assert.Equal(t, VariableFee{CurrencyCode: "PEN", Commission: 0.0399, Total: 40}, *ch.FeeDetails.VariableFee)
	assert.Equal(t, int64(7), *ch.TotalFeeTaxes)
	assert.Equal(t, int64(953), *ch.TransferAmount)
	assert.False(t, ch.Paid)
	assert.Equal(t, "CULQI*", ch.StatementDescriptor)
	assert.Empty(t, ch.TransferID)
	assert.Equal(t, ms(1589341062000), ch.CaptureDate.Time)
	assert.False(t, *ch.Duplicated)
	require.Len(t, ch.Operations, 1)
	op := ch.Operations[0]
	assert.Equal(t, "devolución", op.Type)
	assert.Equal(t, "ref_test_rXPsaM3AmvuRrHIh", op.ID)
	assert.Equal(t, int64(100), op.Amount)
	assert.Equal(t, int64(1), op.OperationID)
	assert.Equal(t, ms(1615131780000), op.CreationDate.Time)
	assert.Nil(t, op.TotalFeeTaxes)
	assert.Empty(t, ch.ActionCode)
}

func TestChargesCreateMinimalBody(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := on(mt, "POST", "https://api.culqi.com/v2/charges", 201, chargeJSON)
	p := &ChargeParams{Amount: 10000, CurrencyCode: "USD", Email: "ana@example.pe", SourceID: "crd_test_x"}
	_, err := c.Charges.Create(ctx, p)
	require.NoError(t, err)
	r, body := cap.Last(t)
	assert.Empty(t, r.Header.Get("X-Charge-Channel"))
	// Without a ReconcileKey the SDK generates one: 128 random bits, URL-safe.
	key := sentKey(t, body)
	assert.Regexp(t, `^[A-Za-z0-9_-]{22}$`, key)
	assert.JSONEq(t, `{"amount":10000,"currency_code":"USD","email":"ana@example.pe","source_id":"crd_test_x",
		"metadata":{"latampay_key":"`+key+`"}}`, body)
	assert.Empty(t, p.ReconcileKey, "the params are not changed")
	assert.Nil(t, p.Metadata, "the params are not changed")
}

func TestChargesCreate3DSReview(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := on(mt, "POST", "https://api.culqi.com/v2/charges", 200, `{"action_code":"REVIEW","user_message":"Autenticación requerida"}`)
	params := &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "review@culqi.com", SourceID: "tkn_test_x", ReconcileKey: "k3ds"}
	ch, err := c.Charges.Create(ctx, params)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrAuthenticationRequired)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	var ar *AuthenticationRequiredError
	require.ErrorAs(t, err, &ar)
	assert.Equal(t, "REVIEW", ar.ActionCode)
	assert.Equal(t, "10142130", ar.RequestID)
	require.NotNil(t, ch)
	assert.Equal(t, ActionCodeReview, ch.ActionCode)

	_, first := cap.Last(t)
	assert.NotContains(t, first, "authentication_3DS")

	// The same params again, with what the 3DS library returned.
	params.Authentication3DS = &Authentication3DS{ECI: "05", XID: "x1", CAVV: "c1", ProtocolVersion: "2.1.0", DirectoryServerTransactionID: "ds1"}
	second := on(mt, "POST", "https://api.culqi.com/v2/charges", 201, chargeJSON)
	ch, err = c.Charges.Create(ctx, params)
	require.NoError(t, err)
	assert.Equal(t, "chr_test_J1QRDJ2xZUXF0Ggv", ch.ID)
	require.Equal(t, 1, second.Count())
	_, body := second.Last(t)
	assert.JSONEq(t, `{"amount":1000,"currency_code":"PEN","email":"review@culqi.com","source_id":"tkn_test_x",
		"metadata":{"latampay_key":"k3ds"},"authentication_3DS":{"eci":"05","xid":"x1","cavv":"c1","protocolVersion":"2.1.0","directoryServerTransactionId":"ds1"}}`, body)
}

// Culqi documents HTTP 200 on charge and card creation only for the 3-D
// Secure challenge (action_code REVIEW); a created object comes with 201.
// Any other 200 says nothing known about a request that may have moved
// money.
func TestCreateAnswered200(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		body        string
		review      bool // ErrAuthenticationRequired with the object
		malformed   bool
		providerErr bool // an *Error from the body
	}{
		{"review", `{"action_code":"REVIEW","user_message":"Autenticación requerida"}`, true, false, false},
		{"a charge, not a review", chargeJSON, false, true, false},
		{"a saved card, not a review", cardJSON, false, true, false},
		{"another action code", `{"action_code":"CHALLENGE"}`, false, true, false},
		{"empty object", `{}`, false, true, false},
		{"null", `null`, false, true, false},
		{"api_error envelope", `{"object":"error","type":"api_error","merchant_message":"Ups! Algo salió mal en Culqi."}`, false, false, true},
		{"gateway timeout message", `{"message":"Endpoint request timed out"}`, false, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			charges := on(mt, "POST", "https://api.culqi.com/v2/charges", 200, tc.body)
			cards := on(mt, "POST", "https://api.culqi.com/v2/cards", 200, tc.body)
			ch, chErr := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "review@culqi.com", SourceID: "tkn_test_x"})
			card, cardErr := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_test_x", TokenID: "tkn_test_x"})
			for _, err := range []error{chErr, cardErr} {
				require.Error(t, err)
				assert.Equal(t, tc.review, errors.Is(err, ErrAuthenticationRequired), err)
				assert.Equal(t, !tc.review, errors.Is(err, ErrOutcomeUnknown), err)
				assert.Equal(t, tc.malformed, errors.Is(err, ErrMalformedResponse), err)
				var ce *Error
				if assert.Equal(t, tc.providerErr, errors.As(err, &ce), err) && tc.providerErr {
					assert.Equal(t, 200, ce.StatusCode)
				}
			}
			if tc.review {
				require.NotNil(t, ch)
				require.NotNil(t, card)
				assert.Equal(t, ActionCodeReview, ch.ActionCode)
				assert.Equal(t, ActionCodeReview, card.ActionCode)
			} else {
				assert.Nil(t, ch)
				assert.Nil(t, card)
			}
			assert.Equal(t, 1, charges.Count())
			assert.Equal(t, 1, cards.Count())
		})
	}
}

func TestCharges3DSSecondRequestBody(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := on(mt, "POST", "https://api.culqi.com/v2/cards", 201, `{"object":"card","id":"crd_test_1"}`)
	_, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_test_1", TokenID: "tkn_test_1", DeviceFingerprintID: "fp",
		Authentication3DS: &Authentication3DS{ECI: "05", XID: "x1", CAVV: "c1", ProtocolVersion: "2.1.0", DirectoryServerTransactionID: "ds1"}})
	require.NoError(t, err)
	_, body := cap.Last(t)
	assert.JSONEq(t, `{"customer_id":"cus_test_1","token_id":"tkn_test_1","device_finger_print_id":"fp",
		"authentication_3DS":{"eci":"05","xid":"x1","cavv":"c1","protocolVersion":"2.1.0","directoryServerTransactionId":"ds1"}}`, body)
}

func TestChargesDecline402(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "POST", "https://api.culqi.com/v2/charges", 402, `{"object":"error","type":"card_error","charge_id":"chr_test_kGTkGldFzAO4v73Q",
		"code":"card_declined","decline_code":"insufficient_funds","merchant_message":"Fondos insuficientes.","user_message":"Su tarjeta no tiene fondos suficientes."}`)
	ch, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_x"})
	assert.Nil(t, ch)
	var ce *Error
	require.ErrorAs(t, err, &ce)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 402, ce.StatusCode)
	assert.Equal(t, ErrorTypeCard, ce.Type)
	assert.Equal(t, "card_declined", ce.Code)
	assert.Equal(t, DeclineInsufficientFunds, ce.DeclineCode)
	assert.Equal(t, "chr_test_kGTkGldFzAO4v73Q", ce.ChargeID)
	assert.Equal(t, "Fondos insuficientes.", ce.MerchantMessage)
	assert.Equal(t, "Su tarjeta no tiene fondos suficientes.", ce.UserMessage)
	assert.Equal(t, "10142130", ce.RequestID)
	assert.True(t, ce.Declined())
	assert.Contains(t, ce.Error(), "insufficient_funds")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestChargesNeverRetried(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503, 504} {
		c, mt := setup(t, WithMaxRetries(3))
		mt.RegisterResponder("POST", "https://api.culqi.com/v2/charges",
			httpmock.NewStringResponder(status, `{"message":"Endpoint request timed out"}`).Then(httpmock.NewStringResponder(201, chargeJSON)))
		_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_x"})
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrOutcomeUnknown, "status %d", status)
		var ce *Error
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, status, ce.StatusCode)
		assert.Equal(t, "Endpoint request timed out", ce.MerchantMessage)
		assert.Equal(t, 1, mt.GetTotalCallCount(), "status %d", status)
	}
	// An api_error names no outcome either; a connection error neither.
	c, mt := setup(t, WithMaxRetries(3))
	mt.RegisterResponder("POST", "https://api.culqi.com/v2/charges", httpmock.NewStringResponder(500,
		`{"object":"error","type":"api_error","merchant_message":"Ups! Algo salió mal en Culqi."}`))
	mt.RegisterResponder("POST", "https://api.culqi.com/v2/refunds", httpmock.NewErrorResponder(errors.New("connection reset by peer")))
	mt.RegisterResponder("POST", "https://api.culqi.com/v2/charges/chr_test_x/capture", httpmock.NewStringResponder(503, ``))
	_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_x"})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	_, err = c.Refunds.Create(ctx, &RefundParams{Amount: 100, ChargeID: "chr_test_x", Reason: ReasonDuplicate})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	_, err = c.Charges.Capture(ctx, "chr_test_x")
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

func TestChargeGetRetried(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithMaxRetries(2))
	mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges/chr_test_J1QRDJ2xZUXF0Ggv",
		httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`).Then(httpmock.NewStringResponder(200, chargeJSON)))
	ch, err := c.Charges.Get(ctx, "chr_test_J1QRDJ2xZUXF0Ggv")
	require.NoError(t, err)
	assert.Equal(t, "chr_test_J1QRDJ2xZUXF0Ggv", ch.ID)
	assert.Equal(t, 2, mt.GetTotalCallCount())

	// A metadata update may be repeated too.
	mt.RegisterResponder("PATCH", "https://api.culqi.com/v2/charges/chr_test_J1QRDJ2xZUXF0Ggv",
		httpmock.NewStringResponder(502, ``).Then(httpmock.NewStringResponder(200, chargeJSON)))
	_, err = c.Charges.Update(ctx, "chr_test_J1QRDJ2xZUXF0Ggv", &MetadataParams{Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	assert.Equal(t, 4, mt.GetTotalCallCount())
}

func TestChargesCaptureUpdate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cp := on(mt, "POST", "https://api.culqi.com/v2/charges/chr_test_J1QRDJ2xZUXF0Ggv/capture", 201, chargeJSON)
	ch, err := c.Charges.Capture(ctx, "chr_test_J1QRDJ2xZUXF0Ggv")
	require.NoError(t, err)
	assert.Equal(t, int64(1000), ch.Amount)
	r, body := cp.Last(t)
	assertHeaders(t, r, testSK, false)
	assert.Empty(t, body)

	up := on(mt, "PATCH", "https://api.culqi.com/v2/charges/chr_test_J1QRDJ2xZUXF0Ggv", 200, chargeJSON)
	ch, err = c.Charges.Update(ctx, "chr_test_J1QRDJ2xZUXF0Ggv", &MetadataParams{Metadata: map[string]string{"order_id": "0001"}})
	require.NoError(t, err)
	assert.Equal(t, "0001", ch.Metadata["order_id"])
	_, body = up.Last(t)
	assert.JSONEq(t, `{"metadata":{"order_id":"0001"}}`, body)
}

func TestChargesListQuery(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := on(mt, "GET", "https://api.culqi.com/v2/charges", 200, `{"data":[],"paging":{"previous":null,"next":null,"cursors":{"before":null,"after":null},"remaining_items":0}}`)
	p := &ChargeListParams{Limit: 25, Email: "ana@example.pe", CurrencyCode: "PEN",
		CreationDateFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), CreationDateTo: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	before := *p
	page, err := c.Charges.List(ctx, p)
	require.NoError(t, err)
	assert.Empty(t, page.Data)
	assert.False(t, page.HasMore)
	r, _ := cap.Last(t)
	assert.Equal(t, "creation_date_from=1767225600&creation_date_to=1769904000&currency_code=PEN&email=ana%40example.pe&limit=25", r.URL.RawQuery)
	assert.Equal(t, before, *p)

	_, err = c.Charges.List(ctx, nil)
	require.NoError(t, err)
	r, _ = cap.Last(t)
	assert.Empty(t, r.URL.RawQuery)
}

// page is a page of charges as Culqi sends it: cursors.before is the first
// (newest) id, cursors.after the last (oldest); next stays set.
func page(ids []string, after string, remaining string) string {
	data := ""
	for i, id := range ids {
		if i > 0 {
			data += ","
		}
		data += `{"object":"charge","id":"` + id + `","amount":100,"creation_date":1615131661000}`
	}
	next := `"https://api.culqi.com/v2/charges?limit=2&after=` + after + `"`
	before, cur := `null`, `"`+after+`"`
	if len(ids) > 0 {
		before = `"` + ids[0] + `"`
	}
	if after == "" {
		next, cur = "null", "null"
	}
	return `{"data":[` + data + `],"paging":{"previous":null,"next":` + next + `,"cursors":{"before":` + before + `,"after":` + cur + `},"remaining_items":` + remaining + `}}`
}

func TestChargesAllPaging(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		pages []string
		want  int
		calls int
	}{
		// Culqi leaves next set on the last page; remaining_items 0 ends it.
		{"remaining zero", []string{page([]string{"c1", "c2"}, "c2", "2"), page([]string{"c3", "c4"}, "c4", "0")}, 4, 2},
		{"short page", []string{page([]string{"c1", "c2"}, "c2", "null"), page([]string{"c3"}, "c3", "null")}, 3, 2},
		{"empty page", []string{page([]string{"c1", "c2"}, "c2", "null"), page(nil, "", "0")}, 2, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			var seen []string
			mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges", func(r *http.Request) (*http.Response, error) {
				seen = append(seen, r.URL.RawQuery)
				i := len(seen) - 1
				if i >= len(tc.pages) {
					return httpmock.NewStringResponse(500, `{"message":"walked too far"}`), nil
				}
				return httpmock.NewStringResponse(200, tc.pages[i]), nil
			})
			p := &ChargeListParams{Limit: 2, After: "chr_x"}
			n := 0
			for ch, err := range c.Charges.All(ctx, p) {
				require.NoError(t, err)
				require.NotNil(t, ch)
				n++
			}
			assert.Equal(t, tc.want, n)
			assert.Equal(t, tc.calls, mt.GetTotalCallCount())
			assert.Equal(t, "after=chr_x&limit=2", seen[0])
			assert.Equal(t, "after=c2&limit=2", seen[1])
			assert.Equal(t, "chr_x", p.After) // params untouched
			assert.Empty(t, p.Before)
		})
	}
}

// With Before, the first page holds charges newer than it: the walk goes
// on toward newer ones on cursors.before (Culqi's previous link), never
// back over Before into the older charges the caller left out.
func TestChargesAllBeforeWalksTowardNewer(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		pages   []string
		want    []string
		queries []string
	}{
		{"short page ends it", []string{page([]string{"c4", "c3"}, "c3", "5"), page([]string{"c6", "c5"}, "c5", "7"), page([]string{"c7"}, "c7", "9")},
			[]string{"c4", "c3", "c6", "c5", "c7"}, []string{"before=chr_x&limit=2", "before=c4&limit=2", "before=c6&limit=2"}},
		// remaining_items was only seen counting older charges: a 0 here
		// does not stop the walk, an empty page does.
		{"remaining zero is not trusted", []string{page([]string{"c4", "c3"}, "c3", "0"), page(nil, "", "0")},
			[]string{"c4", "c3"}, []string{"before=chr_x&limit=2", "before=c4&limit=2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			var queries []string
			mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges", func(r *http.Request) (*http.Response, error) {
				queries = append(queries, r.URL.RawQuery)
				if len(queries) > len(tc.pages) {
					return httpmock.NewStringResponse(500, `{"message":"walked too far"}`), nil
				}
				return httpmock.NewStringResponse(200, tc.pages[len(queries)-1]), nil
			})
			p := &ChargeListParams{Limit: 2, Before: "chr_x"}
			var got []string
			for ch, err := range c.Charges.All(ctx, p) {
				require.NoError(t, err)
				got = append(got, ch.ID)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.queries, queries)
			assert.Equal(t, "chr_x", p.Before) // params untouched
		})
	}
}

func TestChargesAllStopsOnErrorAndBreak(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges",
		httpmock.NewStringResponder(200, page([]string{"c1", "c2"}, "c2", "5")).Then(httpmock.NewStringResponder(404,
			`{"object":"error","type":"resource_error","merchant_message":"no"}`)))
	var errs int
	n := 0
	for _, err := range c.Charges.All(ctx, &ChargeListParams{Limit: 2}) {
		if err != nil {
			errs++
			var ce *Error
			assert.ErrorAs(t, err, &ce)
			continue
		}
		n++
	}
	assert.Equal(t, 2, n)
	assert.Equal(t, 1, errs)

	c2, mt2 := setup(t)
	mt2.RegisterResponder("GET", "https://api.culqi.com/v2/charges", httpmock.NewStringResponder(200, page([]string{"c1", "c2"}, "c2", "5")))
	for range c2.Charges.All(ctx, &ChargeListParams{Limit: 2}) {
		break
	}
	assert.Equal(t, 1, mt2.GetTotalCallCount())
}

// Reconcile asks Culqi for the charges created since the call less the
// clock-skew margin, 100 a page, and follows the after cursor until the
// key turns up in a charge's metadata.
func TestChargesReconcileQueryAndPaging(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	since := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	from := since.Add(-5 * time.Minute).Unix()
	page := func(first, n int, key string, remaining int) string {
		var items []string
		for i := first; i < first+n; i++ {
			k := fmt.Sprintf("otra-%d", i)
			if i == first+n-1 && key != "" {
				k = key
			}
			items = append(items, fmt.Sprintf(`{"object":"charge","id":"chr_%03d","amount":%d,"creation_date":%d,"metadata":{"latampay_key":%q}}`,
				i, 1000+i, (since.Unix()+int64(1000-i))*1000, k))
		}
		return fmt.Sprintf(`{"data":[%s],"paging":{"cursors":{"before":"chr_%03d","after":"chr_%03d"},"remaining_items":%d}}`,
			strings.Join(items, ","), first, first+n-1, remaining)
	}
	var queries []string
	mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges", func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		if r.URL.Query().Get("after") == "" {
			return httpmock.NewStringResponse(200, page(0, 100, "", 5)), nil
		}
		return httpmock.NewStringResponse(200, page(100, 5, "pedido-42", 0)), nil
	})
	ch, err := c.Charges.Reconcile(ctx, "pedido-42", since)
	require.NoError(t, err)
	assert.Equal(t, "chr_104", ch.ID)
	assert.Equal(t, int64(1104), ch.Amount)
	assert.Equal(t, []string{
		fmt.Sprintf("creation_date_from=%d&limit=100", from),
		fmt.Sprintf("after=chr_099&creation_date_from=%d&limit=100", from),
	}, queries)

	// Not on any page: ErrNotFound after the last one.
	queries = nil
	_, err = c.Charges.Reconcile(ctx, "pedido-43", since)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Len(t, queries, 2)
}

// If Culqi ignored creation_date_from, the walk stops at the first charge
// older than the window instead of reading the whole history.
func TestChargesReconcileStopsAtOlderCharges(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	since := time.Now().Add(-time.Minute)
	// A full page (so HasMore holds), all but its first charge from before
	// the window.
	items := []string{fmt.Sprintf(`{"object":"charge","id":"chr_0","creation_date":%d,"metadata":{"latampay_key":"otra"}}`, since.UnixMilli())}
	for i := 1; i < 100; i++ {
		items = append(items, fmt.Sprintf(`{"object":"charge","id":"chr_%d","creation_date":%d,"metadata":{}}`,
			i, since.Add(-time.Duration(i)*time.Hour).UnixMilli()))
	}
	rec := on(mt, "GET", "https://api.culqi.com/v2/charges", 200, `{"data":[`+strings.Join(items, ",")+`],
		"paging":{"cursors":{"before":"chr_0","after":"chr_99"},"remaining_items":500}}`)
	_, err := c.Charges.Reconcile(ctx, "pedido-1", since)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), `"pedido-1"`)
	assert.Equal(t, 1, rec.Count())
}

// The key and the metadata must agree, and the key needs a free metadata
// slot; a key given only in the metadata is the call's key.
func TestChargesReconcileKeyAndMetadata(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := on(mt, "POST", "https://api.culqi.com/v2/charges", 201, chargeJSON)
	base := func() *ChargeParams {
		return &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_1"}
	}
	full := map[string]string{}
	for i := range 20 {
		full[fmt.Sprint("k", i)] = "v"
	}
	nineteen := map[string]string{}
	for i := range 19 {
		nineteen[fmt.Sprint("k", i)] = "v"
	}
	bad := []struct {
		name, field string
		mod         func(*ChargeParams)
	}{
		{"differs", "ReconcileKey", func(p *ChargeParams) {
			p.ReconcileKey, p.Metadata = "a", map[string]string{ReconcileMetadataKey: "b"}
		}},
		{"bad in metadata", `Metadata["latampay_key"]`, func(p *ChargeParams) { p.Metadata = map[string]string{ReconcileMetadataKey: "a b"} }},
		{"empty in metadata", `Metadata["latampay_key"]`, func(p *ChargeParams) { p.Metadata = map[string]string{ReconcileMetadataKey: ""} }},
		{"no slot left", "Metadata", func(p *ChargeParams) { p.Metadata = full }},
		{"too long", "ReconcileKey", func(p *ChargeParams) { p.ReconcileKey = strings.Repeat("x", 65) }},
		{"bad characters", "ReconcileKey", func(p *ChargeParams) { p.ReconcileKey = "pedido/1" }},
	}
	for _, tc := range bad {
		p := base()
		tc.mod(p)
		_, err := c.Charges.Create(ctx, p)
		var pe *ParamError
		require.ErrorAs(t, err, &pe, tc.name)
		assert.Equal(t, tc.field, pe.Field, tc.name)
		assert.EqualError(t, p.Validate(), err.Error(), tc.name)
	}
	assert.Zero(t, cap.Count())

	good := []struct {
		name, key string
		mod       func(*ChargeParams)
	}{
		{"same in both", "k-1", func(p *ChargeParams) {
			p.ReconcileKey, p.Metadata = "k-1", map[string]string{ReconcileMetadataKey: "k-1"}
		}},
		{"metadata only", "k-2", func(p *ChargeParams) { p.Metadata = map[string]string{ReconcileMetadataKey: "k-2", "x": "y"} }},
		{"nineteen keys", "k-3", func(p *ChargeParams) { p.ReconcileKey, p.Metadata = "k-3", nineteen }},
	}
	for _, tc := range good {
		p := base()
		tc.mod(p)
		before := fmt.Sprint(p.Metadata)
		_, err := c.Charges.Create(ctx, p)
		require.NoError(t, err, tc.name)
		_, body := cap.Last(t)
		assert.Equal(t, tc.key, sentKey(t, body), tc.name)
		assert.Equal(t, before, fmt.Sprint(p.Metadata), "%s: the caller's metadata is not changed", tc.name)
	}
	assert.Len(t, nineteen, 19)
}
