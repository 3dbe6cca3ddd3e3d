package srpago

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The documented OXXO notification, with the type drift the reference notes
// (affiliation as a number, noSignature as a string).
const oxxoNotification = `{"transaction":"MjY2NzIxMw==","timestamp":"2019-02-01T14:46:36-06:00",
"payment_method":"OXX","authorization_code":"4460DDBC","status":"N","reference":{"description":"Pedido 77"},
"card":{"holder_name":"Banco pruebas","type":"OXXO","number":"0000","label":"","raw":"0000","noSignature":"0"},
"total":{"amount":"100.00","currency":"MXN"},"tip":{"amount":"0.00","currency":"MXN"},
"origin":{"location":{"latitude":"0.000000","longitude":"0.000000"}},"affiliation":0,
"url":"https://sandbox-connect.srpago.com/recipe/abc","hasDevolution":false}`

func TestParseWebhook(t *testing.T) {
	t.Parallel()
	op, err := ParseWebhook([]byte(oxxoNotification))
	require.NoError(t, err)
	assert.Equal(t, "MjY2NzIxMw==", op.TransactionID)
	assert.Equal(t, "OXX", op.PaymentMethod)
	assert.Equal(t, "4460DDBC", op.AuthorizationCode)
	assert.Equal(t, int64(10000), op.Amount)
	assert.Equal(t, "MXN", op.Currency)
	assert.Equal(t, "Pedido 77", op.Description)
	assert.Equal(t, 2019, op.Timestamp.Year())
	assert.Equal(t, "https://sandbox-connect.srpago.com/recipe/abc", op.ReceiptURL)
	assert.False(t, op.Reversed)
}

func TestParseWebhookRejects(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"not JSON":       `<html>`,
		"no transaction": `{"status":"N"}`,
		"an array":       `[{"transaction":"MjY2NzIxMw=="}]`,
	} {
		_, err := ParseWebhook([]byte(body))
		assert.ErrorIs(t, err, ErrInvalidWebhook, name)
		if err != nil {
			assert.NotContains(t, err.Error(), "4111111111111111", name)
		}
	}
}

func TestWebhooksUpdate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := reply(mt, http.MethodPut, testBase+"/v1/webhook/MQ==", 200, ok(accountInfo))
	a, err := c.Webhooks.Update(ctx, "MQ==", &WebhookParams{URL: "https://shop.example.mx/srpago"})
	require.NoError(t, err)
	r, body := rec.Last(t)
	assertHeaders(t, r, true)
	assert.JSONEq(t, `{"url":"https://shop.example.mx/srpago"}`, body)
	assert.Equal(t, "ana@example.mx", a.Email)

	for _, p := range []*WebhookParams{nil, {}, {URL: "http://shop.example.mx/x"}, {URL: "ftp://x/y"}, {URL: "/relative"},
		{URL: "https://user:pw@shop.example.mx/"}} {
		_, err := c.Webhooks.Update(ctx, "MQ==", p)
		assert.ErrorIs(t, err, ErrInvalidParams, "%+v", p)
	}
	assert.NoError(t, (&WebhookParams{URL: "http://127.0.0.1:8080/hook"}).Validate())
	for _, id := range []string{"", ".", ".."} {
		_, err := c.Webhooks.Update(ctx, id, &WebhookParams{URL: "https://shop.example.mx/x"})
		assert.ErrorIs(t, err, ErrInvalidParams)
	}
	assert.Equal(t, 1, rec.Count())
}
