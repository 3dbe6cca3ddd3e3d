package srpago

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// storeListing is the documented STORE listing (one OXXO operation).
const storeListing = `{"total":842,"sales":"707305.04","transferences":"401.49","commissions":{"amount":"21.50","currency":"MXN"},
 "operations":[{"transaction":"MjY2NzIxMw==","timestamp":"2019-02-01T14:46:36-06:00","payment_method":"OXX",
  "authorization_code":"4460DDBC","status":"N","reference":{"description":"Pedido 77"},
  "card":{"holder_name":"Banco pruebas","type":"OXXO","number":"0000","label":"","raw":"0000"},
  "total":{"amount":"100.00","currency":"MXN"},"tip":{"amount":"0.00","currency":"MXN"},
  "fee":{"amount":"3.50","currency":"MXN"},
  "fee_details":[{"type":"fee","percentage":"3.5","amount":"3.50","description":"x"}],
  "origin":{"location":{"latitude":"0","longitude":"0"}},"affiliation":"0","url":"https://sandbox-connect.srpago.com/recipe/a",
  "hasDevolution":false,"commission":{"amount":"3.50","currency":"MXN"}}]}`

// expressListing is the documented ECOMMERCE listing: numeric amounts, an
// integer status and a total of 0 beside a non-empty list.
const expressListing = `{"total":0,"operations":[{"status":1,"total":{"amount":121,"currency":"MXN"},
 "balance":{"amount":117.5,"currency":"MXN"},"timestamp":"2020-05-01T10:00:00-05:00",
 "reference":{"description":"Checkout","number":"c-1"},"url":"https://sandbox-api.srpago.com/web/checkout/abc"}]}`

func TestPaymentsListStore(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := reply(mt, http.MethodGet, testBase+"/v1/payment", 200, ok(storeListing))
	page, err := c.Payments.List(ctx, &PaymentListParams{Type: TypeStore, Limit: 1, Offset: 3})
	require.NoError(t, err)
	r, _ := rec.Last(t)
	assertHeaders(t, r, false)
	assert.Equal(t, "limit=1&offset=3&type=STORE", r.URL.RawQuery)
	require.Len(t, page.Data, 1)
	op := page.Data[0]
	assert.Equal(t, "MjY2NzIxMw==", op.TransactionID)
	assert.Equal(t, "OXX", op.PaymentMethod)
	assert.Equal(t, CardType("OXXO"), op.Card.Type)
	assert.Equal(t, int64(10000), op.Amount)
	assert.Equal(t, int64(350), op.Fee)
	assert.Equal(t, int64(350), op.Commission)
	assert.True(t, op.IsApproved())
	assert.Equal(t, 842, page.Total)
	assert.True(t, page.HasMore)
	assert.Equal(t, int64(70730504), page.Sales)
	assert.Equal(t, int64(40149), page.Transferences)
	assert.Equal(t, int64(2150), page.Commissions)
}

func TestPaymentsListEcommerce(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := reply(mt, http.MethodGet, testBase+"/v1/payment", 200, ok(expressListing))
	page, err := c.Payments.List(ctx, &PaymentListParams{Type: TypeEcommerce})
	require.NoError(t, err)
	r, _ := rec.Last(t)
	assert.Equal(t, "type=ECOMMERCE", r.URL.RawQuery)
	require.Len(t, page.Data, 1)
	op := page.Data[0]
	assert.Equal(t, OperationStatus("1"), op.Status)
	assert.Equal(t, int64(12100), op.Amount)
	assert.Equal(t, int64(11750), op.Balance)
	assert.Equal(t, "c-1", op.Reference)
	assert.Equal(t, "https://sandbox-api.srpago.com/web/checkout/abc", op.ReceiptURL)
	assert.Equal(t, 0, page.Total)
	assert.True(t, page.HasMore, "a total of 0 is not trusted")
	assert.Zero(t, page.Sales)

	c2, mt2 := setup(t)
	reply(mt2, http.MethodGet, testBase+"/v1/payment", 200, ok(`{"total":3}`))
	_, err = c2.Payments.List(ctx, &PaymentListParams{Type: TypeStore})
	assert.ErrorIs(t, err, ErrMalformedResponse, "no list is not an empty page")
}

func TestPaymentsAll(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	pages := map[string]string{
		"limit=2&type=STORE":          `{"total":3,"operations":[{"transaction":"MQ=="},{"transaction":"Mg=="}]}`,
		"limit=2&offset=2&type=STORE": `{"total":3,"operations":[{"transaction":"Mw=="}]}`,
	}
	var seen []string
	mt.RegisterResponder(http.MethodGet, testBase+"/v1/payment", func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.URL.RawQuery)
		return httpmockString(ok(pages[r.URL.RawQuery]))(r)
	})
	var ids []string
	for op, err := range c.Payments.All(ctx, &PaymentListParams{Type: TypeStore, Limit: 2}) {
		require.NoError(t, err)
		ids = append(ids, op.TransactionID)
	}
	assert.Equal(t, []string{"MQ==", "Mg==", "Mw=="}, ids)
	assert.Equal(t, []string{"limit=2&type=STORE", "limit=2&offset=2&type=STORE"}, seen)

	for _, p := range []*PaymentListParams{nil, {}, {Type: "OTHER"}, {Type: TypeStore, Limit: -1}} {
		_, err := c.Payments.List(ctx, p)
		assert.ErrorIs(t, err, ErrInvalidParams)
		assert.Error(t, p.Validate())
	}
	assert.Equal(t, 2, calls(mt))
}
