package culqi

import (
	"bytes"
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

func TestErrorShapes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		status  int
		body    string
		want    Error
		unknown bool // on a charge
	}{
		{"culqi object", 422, `{"object":"error","type":"parameter_error","code":"invalid_amount","param":"amount",
			"merchant_message":"El valor debe ser mayor o igual que '100'.","user_message":"Monto inválido"}`,
			Error{Type: ErrorTypeParameter, Code: "invalid_amount", Param: "amount", MerchantMessage: "El valor debe ser mayor o igual que '100'.", UserMessage: "Monto inválido"}, false},
		{"authentication", 401, `{"object":"error","type":"authentication_error","code":"invalid_key","merchant_message":"La llave no es válida."}`,
			Error{Type: ErrorTypeAuthentication, Code: "invalid_key", MerchantMessage: "La llave no es válida."}, false},
		{"card decline on a card", 400, `{"object":"error","type":"card_error","code":"card_declined","decline_code":"stolen_card","charge_id":"chr_test_1","merchant_message":"Robada","user_message":"Rechazada"}`,
			Error{Type: ErrorTypeCard, Code: "card_declined", DeclineCode: "stolen_card", ChargeID: "chr_test_1", MerchantMessage: "Robada", UserMessage: "Rechazada"}, false},
		{"limit", 429, `{"object":"error","type":"limit_api_error","merchant_message":"Demasiadas peticiones"}`,
			Error{Type: ErrorTypeLimitAPI, MerchantMessage: "Demasiadas peticiones"}, false},
		{"api_error", 500, `{"object":"error","type":"api_error","merchant_message":"Ups! Algo salió mal en Culqi."}`,
			Error{Type: ErrorTypeAPI, MerchantMessage: "Ups! Algo salió mal en Culqi."}, true},
		{"gateway", 504, `{"message": "Endpoint request timed out"}`, Error{MerchantMessage: "Endpoint request timed out"}, true},
		{"gateway 500", 500, `{"message":"Internal server error"}`, Error{MerchantMessage: "Internal server error"}, true},
		{"token host 504", 504, `{"object":"error","merchant_message":"Tiempo agotado","user_message":"Intente luego"}`,
			Error{MerchantMessage: "Tiempo agotado", UserMessage: "Intente luego"}, true},
		{"spring", 500, `{"timestamp":"2020-05-20T06:01:08.432+0000","status":500,"error":"Internal Server Error","message":"query did not return a unique result: 2","path":"/v2/tokens"}`,
			Error{MerchantMessage: "query did not return a unique result: 2"}, true},
		{"html", 502, `<html><body>Bad Gateway</body></html>`, Error{}, true},
		{"empty", 503, ``, Error{}, true},
		{"truncated", 500, `{"object":"error","type":"api_e`, Error{}, true},
		{"not found html", 404, `<h1>nope</h1>`, Error{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			on(mt, "POST", "https://api.culqi.com/v2/charges", tc.status, tc.body)
			on(mt, "GET", "https://api.culqi.com/v2/customers/cus_test_1", tc.status, tc.body)
			_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_x"})
			var ce *Error
			require.ErrorAs(t, err, &ce)
			want := tc.want
			want.StatusCode, want.RequestID, want.Body = tc.status, "10142130", []byte(tc.body)
			if tc.body == "" {
				want.Body = []byte{}
			}
			assert.Equal(t, want, *ce)
			assert.Equal(t, tc.unknown, errors.Is(err, ErrOutcomeUnknown))

			_, err = c.Customers.Get(ctx, "cus_test_1")
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.status, ce.StatusCode)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		})
	}
}

func TestMalformedSuccess(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "GET", "https://api.culqi.com/v2/charges/chr_test_1", 200, `<html>`)
	on(mt, "POST", "https://api.culqi.com/v2/charges", 201, `{"id":"chr_`)
	_, err := c.Charges.Get(ctx, "chr_test_1")
	assert.ErrorIs(t, err, ErrMalformedResponse)
	_, err = c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_x"})
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
}

func TestValidationBeforeIO(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	good := Card{Number: "4111111111111111", CVV: "123", ExpMonth: 9, ExpYear: 2099}
	charge := func(mod func(*ChargeParams)) func() error {
		return func() error {
			p := &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_test_x"}
			mod(p)
			_, err := c.Charges.Create(ctx, p)
			return err
		}
	}
	order := func(mod func(*OrderParams)) func() error {
		return func() error {
			p := &OrderParams{Amount: 1000, CurrencyCode: "PEN", Description: "Venta de prueba", OrderNumber: "o-1",
				ExpirationDate: time.Now().Add(time.Hour),
				ClientDetails:  ClientDetails{FirstName: "Ana", LastName: "Q", Email: "ana@example.pe", PhoneNumber: "999"}}
			mod(p)
			_, err := c.Orders.Create(ctx, p)
			return err
		}
	}
	big := map[string]string{}
	for i := range 21 {
		big[fmt.Sprint("k", i)] = "v"
	}
	long := func(n int) string { return string(bytes.Repeat([]byte("a"), n)) }
	cases := []struct {
		name, field string
		call        func() error
	}{
		{"nil charge", "ChargeParams", func() error { _, err := c.Charges.Create(ctx, nil); return err }},
		{"zero amount", "Amount", charge(func(p *ChargeParams) { p.Amount = 0 })},
		{"negative amount", "Amount", charge(func(p *ChargeParams) { p.Amount = -5 })},
		{"currency", "CurrencyCode", charge(func(p *ChargeParams) { p.CurrencyCode = "EUR" })},
		{"short email", "Email", charge(func(p *ChargeParams) { p.Email = "a@b" })},
		{"long email", "Email", charge(func(p *ChargeParams) { p.Email = long(45) + "@b.com" })},
		{"not an email", "Email", charge(func(p *ChargeParams) { p.Email = "ana.example.pe" })},
		{"no source", "SourceID", charge(func(p *ChargeParams) { p.SourceID = "" })},
		{"installments over 48", "Installments", charge(func(p *ChargeParams) { p.Installments = 49 })},
		{"short description", "Description", charge(func(p *ChargeParams) { p.Description = "abc" })},
		{"long description", "Description", charge(func(p *ChargeParams) { p.Description = long(81) })},
		{"too many keys", "Metadata", charge(func(p *ChargeParams) { p.Metadata = big })},
		{"long key", "Metadata", charge(func(p *ChargeParams) { p.Metadata = map[string]string{long(31): "v"} })},
		{"long value", "Metadata", charge(func(p *ChargeParams) { p.Metadata = map[string]string{"k": long(201)} })},
		{"luhn", "Card.Number", func() error {
			_, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111111111111112", CVV: "123", ExpMonth: 9, ExpYear: 2099}, Email: "ana@example.pe"})
			return err
		}},
		{"expired", "Card.ExpYear", func() error {
			_, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111111111111111", CVV: "123", ExpMonth: 1, ExpYear: 2020}, Email: "ana@example.pe"})
			return err
		}},
		// Luhn-valid and allowed by the family's 12–19, but Culqi takes 13–19.
		{"12 digits", "Card.Number", func() error {
			_, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "411111111117", CVV: "123", ExpMonth: 9, ExpYear: 2099}, Email: "ana@example.pe"})
			return err
		}},
		{"cvv", "Card.CVV", func() error {
			_, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111111111111111", CVV: "12", ExpMonth: 9, ExpYear: 2099}, Email: "ana@example.pe"})
			return err
		}},
		{"token email", "Email", func() error { _, err := c.Tokens.Create(ctx, &TokenParams{Card: good}); return err }},
		{"refund amount", "Amount", func() error {
			_, err := c.Refunds.Create(ctx, &RefundParams{ChargeID: "chr_x", Reason: ReasonDuplicate})
			return err
		}},
		{"refund charge", "ChargeID", func() error {
			_, err := c.Refunds.Create(ctx, &RefundParams{Amount: 1, Reason: ReasonDuplicate})
			return err
		}},
		{"refund reason", "Reason", func() error {
			_, err := c.Refunds.Create(ctx, &RefundParams{Amount: 1, ChargeID: "chr_x", Reason: "otro"})
			return err
		}},
		{"refund without reason", "Reason", func() error {
			_, err := c.Refunds.Create(ctx, &RefundParams{Amount: 1, ChargeID: "chr_x"})
			return err
		}},
		{"customer", "FirstName", func() error { _, err := c.Customers.Create(ctx, &CustomerParams{Email: "ana@example.pe"}); return err }},
		{"customer address over 50", "Address", func() error {
			_, err := c.Customers.Create(ctx, &CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe",
				Address: long(51), AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
			return err
		}},
		{"customer update address over 50", "Address", func() error {
			_, err := c.Customers.Update(ctx, "cus_x", &CustomerUpdateParams{Address: long(51)})
			return err
		}},
		{"customer update empty", "CustomerUpdateParams", func() error {
			_, err := c.Customers.Update(ctx, "cus_x", &CustomerUpdateParams{})
			return err
		}},
		{"card customer", "CustomerID", func() error { _, err := c.Cards.Create(ctx, &CardParams{TokenID: "tkn_x"}); return err }},
		{"card token", "TokenID", func() error { _, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_x"}); return err }},
		{"get id", "id", func() error { _, err := c.Charges.Get(ctx, ""); return err }},
		{"delete id", "id", func() error { return c.Customers.Delete(ctx, "") }},
		{"limit", "Limit", func() error { _, err := c.Charges.List(ctx, &ChargeListParams{Limit: 101}); return err }},
		{"order past", "ExpirationDate", func() error {
			_, err := c.Orders.Create(ctx, &OrderParams{Amount: 1000, CurrencyCode: "PEN", Description: "Venta de prueba",
				OrderNumber: "o-1", ExpirationDate: time.Now().Add(-time.Hour),
				ClientDetails: ClientDetails{FirstName: "Ana", LastName: "Q", Email: "ana@example.pe", PhoneNumber: "999"}})
			return err
		}},
		{"order description short", "Description", order(func(p *OrderParams) { p.Description = "Pan" })},
		{"order number over 36", "OrderNumber", order(func(p *OrderParams) { p.OrderNumber = long(37) })},
		{"order first name", "ClientDetails.FirstName", order(func(p *OrderParams) { p.ClientDetails.FirstName = "" })},
		{"order last name", "ClientDetails.LastName", order(func(p *OrderParams) { p.ClientDetails.LastName = "" })},
		{"order phone", "ClientDetails.PhoneNumber", order(func(p *OrderParams) { p.ClientDetails.PhoneNumber = "" })},
		{"order client", "ClientDetails.Email", func() error {
			_, err := c.Orders.Create(ctx, &OrderParams{Amount: 1000, CurrencyCode: "PEN", Description: "Venta de prueba",
				OrderNumber: "o-1", ExpirationDate: time.Now().Add(time.Hour), ClientDetails: ClientDetails{FirstName: "Ana", LastName: "Q", PhoneNumber: "999"}})
			return err
		}},
		{"plan interval", "IntervalUnitTime", func() error {
			_, err := c.Plans.Create(ctx, &PlanParams{Name: "Plan uno", ShortName: "plan-uno", Description: "Un plan", Amount: 1000, Currency: "PEN"})
			return err
		}},
		{"plan initial charge without cycles", "InitialCycles.Count", func() error {
			_, err := c.Plans.Create(ctx, &PlanParams{Name: "Plan uno", ShortName: "plan-uno", Description: "Un plan", Amount: 1000,
				Currency: "PEN", IntervalUnitTime: IntervalMonthly, IntervalCount: 1,
				InitialCycles: InitialCycles{HasInitialCharge: true, Amount: 500, IntervalUnitTime: IntervalMonthly}})
			return err
		}},
		{"plan update empty", "PlanUpdateParams", func() error {
			_, err := c.Plans.Update(ctx, "pln_x", &PlanUpdateParams{})
			return err
		}},
		{"plan update empty metadata", "PlanUpdateParams", func() error {
			_, err := c.Plans.Update(ctx, "pln_x", &PlanUpdateParams{Metadata: map[string]string{}})
			return err
		}},
		{"subscription tyc", "TermsAccepted", func() error {
			_, err := c.Subscriptions.Create(ctx, &SubscriptionParams{CardID: "crd_x", PlanID: "pln_x"})
			return err
		}},
		{"metadata nil params", "MetadataParams", func() error { _, err := c.Charges.Update(ctx, "chr_x", nil); return err }},
	}
	for _, tc := range cases {
		err := tc.call()
		require.Error(t, err, tc.name)
		assert.ErrorIs(t, err, ErrInvalidParams, tc.name)
		assert.Contains(t, err.Error(), tc.field, tc.name)
		assert.True(t, strings.HasPrefix(err.Error(), "culqi: invalid params: "), "%s: %v", tc.name, err)
		var pe *ParamError
		if assert.ErrorAs(t, err, &pe, tc.name) {
			assert.Equal(t, tc.field, pe.Field, tc.name)
			assert.NotEmpty(t, pe.Reason, tc.name)
		}
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

// Each params type's Validate is the check its method runs: the same
// error, before any I/O; valid params pass both.
func TestValidateIsTheMethodsCheck(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	future := time.Now().Add(time.Hour)
	cases := []struct {
		name     string
		validate func() error
		call     func() error
	}{
		{"charge", (&ChargeParams{Amount: 1000, CurrencyCode: "EUR"}).Validate,
			func() error {
				_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "EUR"})
				return err
			}},
		{"refund", (&RefundParams{Amount: 1, ChargeID: "chr_1", Reason: "otro"}).Validate, func() error {
			_, err := c.Refunds.Create(ctx, &RefundParams{Amount: 1, ChargeID: "chr_1", Reason: "otro"})
			return err
		}},
		{"token", (&TokenParams{Card: Card{Number: "4111111111111112"}}).Validate, func() error {
			_, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111111111111112"}})
			return err
		}},
		{"yape", (&YapeTokenParams{PhoneNumber: "12"}).Validate,
			func() error { _, err := c.Tokens.CreateYape(ctx, &YapeTokenParams{PhoneNumber: "12"}); return err }},
		{"customer", (&CustomerParams{}).Validate,
			func() error { _, err := c.Customers.Create(ctx, &CustomerParams{}); return err }},
		{"customer update", (&CustomerUpdateParams{}).Validate,
			func() error { _, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{}); return err }},
		{"card", func() error { return CheckCardParams(&CardParams{CustomerID: "cus_1"}) },
			func() error { _, err := c.Cards.Create(ctx, &CardParams{CustomerID: "cus_1"}); return err }},
		{"card update", (&CardUpdateParams{}).Validate,
			func() error { _, err := c.Cards.Update(ctx, "crd_1", &CardUpdateParams{}); return err }},
		{"plan", (&PlanParams{Name: "x"}).Validate, func() error { _, err := c.Plans.Create(ctx, &PlanParams{Name: "x"}); return err }},
		{"plan update", (&PlanUpdateParams{Status: 9}).Validate,
			func() error { _, err := c.Plans.Update(ctx, "pln_1", &PlanUpdateParams{Status: 9}); return err }},
		{"subscription", (&SubscriptionParams{CardID: "crd_1"}).Validate,
			func() error { _, err := c.Subscriptions.Create(ctx, &SubscriptionParams{CardID: "crd_1"}); return err }},
		{"subscription update", (&SubscriptionUpdateParams{}).Validate, func() error {
			_, err := c.Subscriptions.Update(ctx, "sxn_1", &SubscriptionUpdateParams{})
			return err
		}},
		{"legacy plan", (&LegacyPlanParams{Name: "Plan"}).Validate,
			func() error { _, err := c.LegacyPlans.Create(ctx, &LegacyPlanParams{Name: "Plan"}); return err }},
		{"legacy subscription", (&LegacySubscriptionParams{}).Validate, func() error {
			_, err := c.LegacySubscriptions.Create(ctx, &LegacySubscriptionParams{})
			return err
		}},
		{"order", (&OrderParams{Amount: 1000}).Validate,
			func() error { _, err := c.Orders.Create(ctx, &OrderParams{Amount: 1000}); return err }},
		{"order update", (&OrderUpdateParams{ExpirationDate: time.Now().Add(-time.Hour)}).Validate, func() error {
			_, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{ExpirationDate: time.Now().Add(-time.Hour)})
			return err
		}},
		{"order confirm", (&OrderConfirmParams{OrderID: ".."}).Validate,
			func() error { _, err := c.Orders.ConfirmTypes(ctx, &OrderConfirmParams{OrderID: ".."}); return err }},
		{"metadata", (&MetadataParams{Metadata: map[string]string{"": "v"}}).Validate, func() error {
			_, err := c.Charges.Update(ctx, "chr_1", &MetadataParams{Metadata: map[string]string{"": "v"}})
			return err
		}},
		{"charge list", (&ChargeListParams{Limit: 101}).Validate,
			func() error { _, err := c.Charges.List(ctx, &ChargeListParams{Limit: 101}); return err }},
		{"refund list", (&RefundListParams{Limit: -1}).Validate,
			func() error { _, err := c.Refunds.List(ctx, &RefundListParams{Limit: -1}); return err }},
		{"order list", (&OrderListParams{Limit: 101}).Validate,
			func() error { _, err := c.Orders.List(ctx, &OrderListParams{Limit: 101}); return err }},
		{"token list", (&TokenListParams{Limit: 101}).Validate,
			func() error { _, err := c.Tokens.List(ctx, &TokenListParams{Limit: 101}); return err }},
		{"customer list", (&CustomerListParams{Limit: 101}).Validate,
			func() error { _, err := c.Customers.List(ctx, &CustomerListParams{Limit: 101}); return err }},
		{"card list", (&CardListParams{Limit: 101}).Validate,
			func() error { _, err := c.Cards.List(ctx, &CardListParams{Limit: 101}); return err }},
		{"plan list", (&PlanListParams{Limit: 101}).Validate,
			func() error { _, err := c.Plans.List(ctx, &PlanListParams{Limit: 101}); return err }},
		{"subscription list", (&SubscriptionListParams{Limit: 101}).Validate, func() error {
			_, err := c.Subscriptions.List(ctx, &SubscriptionListParams{Limit: 101})
			return err
		}},
		{"event list", (&EventListParams{Limit: 101}).Validate,
			func() error { _, err := c.Events.List(ctx, &EventListParams{Limit: 101}); return err }},
		{"list", (&ListParams{Limit: 101}).Validate,
			func() error { _, err := c.Transfers.List(ctx, &ListParams{Limit: 101}); return err }},
	}
	for _, tc := range cases {
		want := tc.validate()
		require.Error(t, want, tc.name)
		assert.ErrorIs(t, want, ErrInvalidParams, tc.name)
		assert.EqualError(t, tc.call(), want.Error(), tc.name)
	}
	assert.Zero(t, mt.GetTotalCallCount())

	// Valid params pass, nil ones fail (nil list params mean no filters).
	valid := []func() error{
		(&ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_1"}).Validate,
		(&RefundParams{Amount: 1, ChargeID: "chr_1", Reason: ReasonDuplicate}).Validate,
		(&TokenParams{Card: Card{Number: "4111111111111111", CVV: "123", ExpMonth: 9, ExpYear: 2099}, Email: "ana@example.pe"}).Validate,
		(&OrderParams{Amount: 1000, CurrencyCode: "PEN", Description: "Venta de prueba", OrderNumber: "o-1", ExpirationDate: future,
			ClientDetails: ClientDetails{FirstName: "Ana", LastName: "Q", Email: "ana@example.pe", PhoneNumber: "999"}}).Validate,
		(&MetadataParams{}).Validate,
		(*ChargeListParams)(nil).Validate,
	}
	for i, v := range valid {
		assert.NoError(t, v(), i)
	}
	for _, v := range []func() error{(*ChargeParams)(nil).Validate, (*RefundParams)(nil).Validate, (*OrderParams)(nil).Validate,
		(*TokenParams)(nil).Validate, (*MetadataParams)(nil).Validate, (*PlanParams)(nil).Validate} {
		assert.ErrorIs(t, v(), ErrInvalidParams)
	}
}

func TestErrorIsNotFound(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "GET", "https://api.culqi.com/v2/charges/chr_gone", 404, `{"object":"error","type":"resource_error",
		"merchant_message":"No existe el cargo"}`)
	on(mt, "GET", "https://api.culqi.com/v2/charges/chr_bad", 400, `{"object":"error","type":"invalid_request_error",
		"merchant_message":"Petición inválida"}`)
	_, err := c.Charges.Get(ctx, "chr_gone")
	assert.ErrorIs(t, err, ErrNotFound)
	var ce *Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 404, ce.StatusCode)
	_, err = c.Charges.Get(ctx, "chr_bad")
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrNotFound)
	for status, want := range map[int]bool{404: true, 400: false, 401: false, 500: false, 200: false} {
		assert.Equal(t, want, errors.Is(&Error{StatusCode: status}, ErrNotFound), status)
	}
	assert.False(t, (*Error)(nil).Is(ErrNotFound))
	assert.False(t, (&Error{StatusCode: 404}).Is(ErrInvalidParams))
}

func TestDeclines(t *testing.T) {
	t.Parallel()
	cases := []struct {
		typ, code      string
		declined, soft bool
	}{
		{ErrorTypeCard, DeclineInsufficientFunds, true, true},
		{ErrorTypeCard, DeclineIssuerNotAvailable, true, true},
		{ErrorTypeCard, DeclineProcessingError, true, true},
		{ErrorTypeCard, DeclineSoftBlock, true, true},
		{ErrorTypeCard, DeclineStolenCard, true, false},
		{ErrorTypeCard, DeclineLostCard, true, false},
		{ErrorTypeCard, DeclineExpiredCard, true, false},
		{ErrorTypeCard, DeclineFraudulent, true, false},
		{ErrorTypeCard, "", true, false},
		{ErrorTypeAPI, DeclineInsufficientFunds, false, false},
		{ErrorTypeParameter, "", false, false},
	}
	for _, tc := range cases {
		e := &Error{StatusCode: 402, Type: tc.typ, DeclineCode: tc.code}
		assert.Equal(t, tc.declined, e.Declined(), tc)
		assert.Equal(t, tc.soft, e.SoftDecline(), tc)
		outcome := OutcomeSuccess
		if tc.typ == ErrorTypeCard {
			outcome = OutcomeCardError
		}
		ch := &Charge{Outcome: &Outcome{Type: outcome, DeclineCode: tc.code}}
		assert.Equal(t, tc.declined, ch.Declined(), tc)
		assert.Equal(t, tc.soft, ch.SoftDecline(), tc)
	}
	var nilErr *Error
	var nilCharge *Charge
	assert.False(t, nilErr.Declined() || nilErr.SoftDecline() || nilCharge.Declined() || nilCharge.SoftDecline())
	assert.False(t, (&Charge{}).Declined())
}

// An unknown outcome is both an *OutcomeUnknownError and, inside, Culqi's
// *Error: the documented rule checks ErrOutcomeUnknown first.
func TestOutcomeUnknownErrorReachable(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "POST", "https://api.culqi.com/v2/charges", 504, `{"message":"Endpoint request timed out"}`)
	before := time.Now()
	_, err := c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_1"})
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var u *OutcomeUnknownError
	require.ErrorAs(t, err, &u)
	assert.False(t, u.SentAt.Before(before.Add(-time.Second)))
	var ce *Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 504, ce.StatusCode)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// The bounds Culqi takes are sent: 13 digits, a 50-character address.
func TestCulqiBoundsAreSent(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	tok := on(mt, "POST", "https://secure.culqi.com/v2/tokens", 201, tokenJSON)
	cus := on(mt, "POST", "https://api.culqi.com/v2/customers", 201, customerJSON)
	_, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111111111119", CVV: "123", ExpMonth: 9, ExpYear: 2099}, Email: "ana@example.pe"})
	require.NoError(t, err)
	address := string(bytes.Repeat([]byte("a"), 50))
	_, err = c.Customers.Create(ctx, &CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe",
		Address: address, AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
	require.NoError(t, err)
	_, body := tok.Last(t)
	assert.Contains(t, body, `"card_number":"4111111111119"`)
	_, body = cus.Last(t)
	assert.Contains(t, body, `"address":"`+address+`"`)
}

// A 2xx answer is a success only when it holds the object asked for: an
// error envelope, the gateway's message, null, {} or an object without an
// id are errors, never an empty object or an empty page. On a refund (money)
// the outcome is unknown unless the envelope names a definite one.
func TestErrorsUnder2xx(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		body      string
		want      *Error // nil: malformed
		definite  bool
		getStatus int
	}{
		{"culqi error object", `{"object":"error","type":"resource_error","merchant_message":"No se encontró."}`,
			&Error{Type: ErrorTypeResource, MerchantMessage: "No se encontró."}, true, 200},
		{"api_error without object", `{"type":"api_error","merchant_message":"Ups! Algo salió mal en Culqi."}`,
			&Error{Type: ErrorTypeAPI, MerchantMessage: "Ups! Algo salió mal en Culqi."}, false, 200},
		{"gateway message", `{"message":"Endpoint request timed out"}`, &Error{MerchantMessage: "Endpoint request timed out"}, false, 200},
		{"spring error", `{"timestamp":"2020-05-20T06:01:08.432+0000","status":500,"error":"Internal Server Error","message":"boom","path":"/v2/x"}`,
			&Error{MerchantMessage: "boom"}, false, 201},
		{"null", `null`, nil, false, 200},
		{"empty object", `{}`, nil, false, 200},
		{"object without id", `{"object":"charge","amount":1000}`, nil, false, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			gets := on(mt, "GET", "https://api.culqi.com/v2/charges/chr_test_1", tc.getStatus, tc.body)
			on(mt, "GET", "https://api.culqi.com/v2/charges", tc.getStatus, tc.body)
			on(mt, "POST", "https://api.culqi.com/v2/refunds", 201, tc.body)
			on(mt, "POST", "https://api.culqi.com/v2/customers", 201, tc.body)

			ch, err := c.Charges.Get(ctx, "chr_test_1")
			assert.Nil(t, ch)
			assertUnder2xx(t, err, tc.want, tc.getStatus)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, 1, gets.Count(), "a 2xx is not retried")

			page, err := c.Charges.List(ctx, nil)
			assert.Nil(t, page)
			assertUnder2xx(t, err, tc.want, tc.getStatus)

			ref, err := c.Refunds.Create(ctx, &RefundParams{Amount: 100, ChargeID: "chr_test_1", Reason: ReasonDuplicate})
			assert.Nil(t, ref)
			assertUnder2xx(t, err, tc.want, 201)
			assert.Equal(t, !tc.definite, errors.Is(err, ErrOutcomeUnknown))

			cus, err := c.Customers.Create(ctx, &CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe",
				Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
			assert.Nil(t, cus)
			assertUnder2xx(t, err, tc.want, 201)
		})
	}
}

func assertUnder2xx(t *testing.T, err error, want *Error, status int) {
	t.Helper()
	require.Error(t, err)
	if want == nil {
		assert.ErrorIs(t, err, ErrMalformedResponse)
		return
	}
	var ce *Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, status, ce.StatusCode)
	assert.Equal(t, want.Type, ce.Type)
	assert.Equal(t, want.MerchantMessage, ce.MerchantMessage)
	assert.Equal(t, "10142130", ce.RequestID)
}

// A card number in the tracking-id header is masked in the *Error and in
// AuthenticationRequiredError.
func TestRequestIDMasked(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	const pan = "4000020000000000"
	mt.RegisterResponder("GET", "https://api.culqi.com/v2/charges/chr_1", httpmock.NewStringResponder(404,
		`{"object":"error","type":"resource_error","merchant_message":"No existe"}`).HeaderSet(http.Header{"X-Culqi-Tracking-Id": {pan}}))
	mt.RegisterResponder("POST", "https://api.culqi.com/v2/charges", httpmock.NewStringResponder(200,
		`{"object":"charge","action_code":"REVIEW"}`).HeaderSet(http.Header{"X-Culqi-Tracking-Id": {"trk " + pan}}))
	_, err := c.Charges.Get(ctx, "chr_1")
	var ce *Error
	require.ErrorAs(t, err, &ce)
	assert.NotContains(t, ce.RequestID, pan)
	assert.NotEmpty(t, ce.RequestID)
	assert.NotContains(t, err.Error(), pan)
	_, err = c.Charges.Create(ctx, &ChargeParams{Amount: 1000, CurrencyCode: "PEN", Email: "ana@example.pe", SourceID: "tkn_1"})
	var ae *AuthenticationRequiredError
	require.ErrorAs(t, err, &ae)
	assert.NotContains(t, ae.RequestID, pan)
	assert.NotContains(t, err.Error(), pan)
}

// Objects that hold error-like words are not errors: a declined charge
// (outcome type card_error), a token (type "card"), a delete's message.
func TestObjectsUnder2xxAreNotErrors(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	declined := `{"object":"charge","id":"chr_test_d","outcome":{"type":"card_error","code":"card_declined",
		"decline_code":"stolen_card","merchant_message":"Robada","user_message":"Rechazada"},"capture":null}`
	on(mt, "GET", "https://api.culqi.com/v2/charges/chr_test_d", 200, declined)
	on(mt, "GET", "https://api.culqi.com/v2/tokens/tkn_test_cQLnnGuahVeZOr9P", 200, tokenJSON)
	ch, err := c.Charges.Get(ctx, "chr_test_d")
	require.NoError(t, err)
	assert.Equal(t, OutcomeCardError, ch.Outcome.Type)
	_, err = c.Tokens.Get(ctx, "tkn_test_cQLnnGuahVeZOr9P")
	require.NoError(t, err)
	assert.True(t, errorInSuccess([]byte(`{"type":"api_error"}`)))
	assert.False(t, errorInSuccess([]byte(`{"object":"charge","id":"c","outcome":{"type":"card_error"}}`)))
	assert.False(t, errorInSuccess([]byte(`{"id":"c","message":"x"}`)))
}
