package culqi

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokensCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := on(mt, "POST", "https://secure.culqi.com/v2/tokens", 201, tokenJSON)
	tok, err := c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111 1111 1111 1111", CVV: "123", ExpMonth: 9, ExpYear: 2099},
		Email: "richard@piedpiper.com", Metadata: map[string]string{"order": "42"}})
	require.NoError(t, err)
	r, body := cap.Last(t)
	assertHeaders(t, r, testPK, true)
	assert.JSONEq(t, `{"card_number":"4111111111111111","cvv":"123","expiration_month":"09","expiration_year":"2099",
		"email":"richard@piedpiper.com","metadata":{"order":"42"}}`, body)
	assert.Equal(t, "tkn_test_cQLnnGuahVeZOr9P", tok.ID)
	assert.Equal(t, "token", tok.Object)
	assert.Equal(t, "card", tok.Type)
	assert.Equal(t, ms(1589341057000), tok.CreationDate.Time)
	assert.Equal(t, "richard@piedpiper.com", tok.Email)
	assert.Equal(t, "411111******1111", tok.CardNumber)
	assert.Equal(t, "1111", tok.LastFour)
	assert.True(t, tok.Active)
	require.NotNil(t, tok.IIN)
	assert.Equal(t, IIN{Object: "iin", BIN: "411111", CardBrand: "Visa", CardType: "credito", CardCategory: "Clásica",
		Issuer: &Issuer{Name: "BBVA", Country: "PERU", CountryCode: "PE"}, InstallmentsAllowed: []int{2, 4, 6}}, *tok.IIN)
	assert.Equal(t, TokenClient{IP: "190.237.22.191", IPCountry: "Peru", IPCountryCode: "PE", Browser: "UNKNOWN", DeviceType: "Escritorio"}, *tok.Client)
	assert.Equal(t, Metadata{"order": "42", "n": "7"}, tok.Metadata)
}

func TestTokensCreateNeedsPublicKey(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c, err := NewClient(testSK, WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	_, err = c.Tokens.Create(ctx, &TokenParams{Card: Card{Number: "4111111111111111", CVV: "123", ExpMonth: 9, ExpYear: 2099}, Email: "a@b.pe"})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "PublicKey")
	_, err = c.Orders.Confirm(ctx, "ord_test_x")
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestTokensReadUpdateList(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	get := on(mt, "GET", "https://api.culqi.com/v2/tokens/tkn_test_cQLnnGuahVeZOr9P", 200, tokenJSON)
	tok, err := c.Tokens.Get(ctx, "tkn_test_cQLnnGuahVeZOr9P")
	require.NoError(t, err)
	assert.Equal(t, "tkn_test_cQLnnGuahVeZOr9P", tok.ID)
	r, body := get.Last(t)
	assertHeaders(t, r, testSK, false)
	assert.Empty(t, body)

	patch := on(mt, "PATCH", "https://api.culqi.com/v2/tokens/tkn_test_cQLnnGuahVeZOr9P", 200, tokenJSON)
	_, err = c.Tokens.Update(ctx, "tkn_test_cQLnnGuahVeZOr9P", &MetadataParams{Metadata: map[string]string{"order_id": "0001"}})
	require.NoError(t, err)
	r, body = patch.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.JSONEq(t, `{"metadata":{"order_id":"0001"}}`, body)

	list := on(mt, "GET", "https://api.culqi.com/v2/tokens", 200, `{"data":[`+tokenJSON+`],"paging":{"previous":null,"next":null,"cursors":{"before":"tkn_test_cQLnnGuahVeZOr9P","after":"tkn_test_cQLnnGuahVeZOr9P"},"remaining_items":0}}`)
	page, err := c.Tokens.List(ctx, &TokenListParams{Limit: 10, CardBrand: "Visa", CreationDateFrom: time.Unix(1600000000, 0)})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.False(t, page.HasMore)
	r, _ = list.Last(t)
	assert.Equal(t, "card_brand=Visa&creation_date_from=1600000000&limit=10", r.URL.RawQuery)
}

func TestTokensCreateYape(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := on(mt, "POST", "https://secure.culqi.com/v2/tokens/yape", 201, `{"object":"token","id":"ype_test_0123456789abcdef","type":"yape"}`)
	tok, err := c.Tokens.CreateYape(ctx, &YapeTokenParams{PhoneNumber: "900000001", OTP: "425251", Amount: 36200})
	require.NoError(t, err)
	assert.Equal(t, "ype_test_0123456789abcdef", tok.ID)
	r, body := cap.Last(t)
	assertHeaders(t, r, testPK, true)
	assert.JSONEq(t, `{"number_phone":"900000001","otp":"425251","amount":"36200"}`, body)
	_, err = c.Tokens.CreateYape(ctx, &YapeTokenParams{PhoneNumber: "900000001", OTP: "42", Amount: 36200})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// A card token is a POST like a charge: API.md §3 repeats it only when it
// provably did not reach Culqi, or after a 429 (the request was refused).
func TestTokenCreateRetriedOnlyWhenRefused(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		first   httpmock.Responder
		calls   int
		unknown bool
	}{
		{"503", httpmock.NewStringResponder(503, `{"message":"Service Unavailable"}`), 1, true},
		{"500 spring error", httpmock.NewStringResponder(500, `{"status":500,"error":"Internal Server Error","message":"x","path":"/v2/tokens"}`), 1, true},
		{"connection reset after sending", httpmock.NewErrorResponder(errors.New("connection reset by peer")), 1, true},
		{"429", httpmock.NewStringResponder(429, `{"object":"error","type":"limit_api_error","merchant_message":"Demasiadas peticiones"}`), 2, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t, WithMaxRetries(2))
			mt.RegisterResponder("POST", "https://secure.culqi.com/v2/tokens", tc.first.Then(httpmock.NewStringResponder(201, tokenJSON)))
			tok, err := c.Tokens.Create(context.Background(), &TokenParams{Card: Card{Number: "4111111111111111", CVV: "123", ExpMonth: 12, ExpYear: 2099}, Email: "ana@example.pe"})
			assert.Equal(t, tc.calls, mt.GetTotalCallCount())
			if tc.unknown {
				assert.ErrorIs(t, err, ErrOutcomeUnknown)
				assert.Nil(t, tok)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "tkn_test_cQLnnGuahVeZOr9P", tok.ID)
		})
	}
}
