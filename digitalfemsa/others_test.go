package digitalfemsa

import (
	"encoding/json"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func assertWebhookKey(t *testing.T, k *WebhookKey) {
	t.Helper()
	assert.Equal(t, "62f6d5c3e4d2a3001b7d2b11", k.ID)
	assert.Equal(t, "webhook_key", k.Object)
	assert.True(t, k.Active)
	assert.False(t, k.Livemode)
	assert.Equal(t, int64(1660343747), k.CreatedAt.Unix())
	assert.True(t, k.DeactivatedAt.IsZero())
	assert.Equal(t, "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n", k.PublicKey)
}

func TestWebhookKeys(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on := true
	rec := respond(mt, "POST", "/webhook_keys", 200, webhookKeyJSON)
	k, err := c.WebhookKeys.Create(ctx, &WebhookKeyParams{Active: &on})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/webhook_keys", "", `{"active":true}`)
	assertWebhookKey(t, k)

	rec = respond(mt, "POST", "/webhook_keys", 200, webhookKeyJSON)
	_, err = c.WebhookKeys.Create(ctx, &WebhookKeyParams{})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/webhook_keys", "", `{}`)

	rec = respond(mt, "GET", "/webhook_keys/62f6d5c3e4d2a3001b7d2b11", 200, webhookKeyJSON)
	k, err = c.WebhookKeys.Get(ctx, "62f6d5c3e4d2a3001b7d2b11")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/webhook_keys/62f6d5c3e4d2a3001b7d2b11", "", "")
	assertWebhookKey(t, k)

	off := false
	rec = respond(mt, "PUT", "/webhook_keys/wk_1", 200, `{"id":"wk_1","object":"webhook_key","active":false,"deactivated_at":1660343800}`)
	k, err = c.WebhookKeys.Update(ctx, "wk_1", &WebhookKeyParams{Active: &off})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", "/webhook_keys/wk_1", "", `{"active":false}`)
	assert.False(t, k.Active)
	assert.Equal(t, int64(1660343800), k.DeactivatedAt.Unix())

	rec = respond(mt, "DELETE", "/webhook_keys/wk_1", 200, `{"id":"wk_1","object":"webhook_key","deleted":true}`)
	k, err = c.WebhookKeys.Delete(ctx, "wk_1")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", "/webhook_keys/wk_1", "", "")
	assert.True(t, k.Deleted)

	rec = respond(mt, "GET", "/webhook_keys", 200, listJSON(webhookKeyJSON, false, ""))
	page, err := c.WebhookKeys.List(ctx, &ListParams{Limit: 5})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/webhook_keys", "limit=5", "")
	require.Len(t, page.Data, 1)
	assertWebhookKey(t, page.Data[0])
}

func assertEvent(t *testing.T, ev *Event) {
	t.Helper()
	assert.Equal(t, "6463d6e35a4c3e001819e760", ev.ID)
	assert.Equal(t, "event", ev.Object)
	assert.Equal(t, EventCashoutConfirmed, ev.Type)
	assert.False(t, ev.Livemode)
	assert.Equal(t, int64(1684264675), ev.CreatedAt.Unix())
	assert.Equal(t, "successful", ev.WebhookStatus)
	require.Len(t, ev.WebhookLogs, 1)
	wl := ev.WebhookLogs[0]
	assert.Equal(t, "webhl_2tsv6NzWJHBWCkqGt", wl.ID)
	assert.Equal(t, "https://shop.example/hooks", wl.URL)
	assert.Equal(t, 0, wl.FailedAttempts)
	assert.Equal(t, int64(1684264676), wl.LastAttemptedAt.Unix())
	assert.Equal(t, 200, wl.LastHTTPResponseStatus)
	assert.Equal(t, "payout_order", ev.ObjectType())
	assert.JSONEq(t, `{"status":"pending"}`, string(ev.Data.PreviousAttributes))
	po, err := ev.PayoutOrder()
	require.NoError(t, err)
	assertPayoutOrder(t, po)
}

func TestEvents(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/events/6463d6e35a4c3e001819e760", 200, eventJSON)
	ev, err := c.Events.Get(ctx, "6463d6e35a4c3e001819e760")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/events/6463d6e35a4c3e001819e760", "", "")
	assertEvent(t, ev)

	rec = respond(mt, "GET", "/events", 200, listJSON(eventJSON, false, ""))
	page, err := c.Events.List(ctx, &ListParams{Search: "cashout"})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/events", "search=cashout", "")
	require.Len(t, page.Data, 1)
	assertEvent(t, page.Data[0])
}

func TestEventObjectHelpers(t *testing.T) {
	t.Parallel()
	var ev Event
	require.NoError(t, json.Unmarshal([]byte(`{"id":"e1","type":"order.paid","data":{"object":`+orderJSON+`}}`), &ev))
	assert.Equal(t, "order", ev.ObjectType())
	o, err := ev.Order()
	require.NoError(t, err)
	assertOrder(t, o)

	var empty Event
	require.NoError(t, json.Unmarshal([]byte(`{"id":"e2","type":"webhook_ping","data":{}}`), &empty))
	assert.Equal(t, "", empty.ObjectType())
	_, err = empty.PayoutOrder()
	assert.Error(t, err)
	var bad Event
	require.NoError(t, json.Unmarshal([]byte(`{"id":"e3","type":"x","data":{"object":{"amount":"lots"}}}`), &bad))
	_, err = bad.PayoutOrder()
	assert.Error(t, err)
}

func TestBalance(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/balance", 200, `{"available":[{"amount":413343,"currency":"MXN"},{"amount":100,"currency":"USD"}],
		"cashout_retention_amount":[{"amount":3000,"currency":"MXN"}],"conekta_retention":[{"amount":7,"currency":"MXN"}],
		"gateway":[{"amount":1,"currency":"MXN"}],"pending":[{"amount":2,"currency":"MXN"}],"retained":[{"amount":3,"currency":"MXN"}],
		"retention_amount":[{"amount":4,"currency":"MXN"}],"target_collateral_amount":{},"target_retention_amount":[{"amount":5,"currency":"MXN"}],
		"temporarily_retained":[{"amount":6,"currency":"MXN"}]}`)
	b, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/balance", "", "")
	assert.Equal(t, []Money{{413343, "MXN"}, {100, "USD"}}, b.Available)
	assert.Equal(t, int64(413343), b.AvailableIn("MXN"))
	assert.Equal(t, int64(0), b.AvailableIn("EUR"))
	assert.Equal(t, []Money{{3000, "MXN"}}, b.CashoutRetentionAmount)
	assert.Equal(t, []Money{{7, "MXN"}}, b.FemsaRetention, "conekta_retention is accepted")
	assert.Equal(t, []Money{{1, "MXN"}}, b.Gateway)
	assert.Equal(t, []Money{{2, "MXN"}}, b.Pending)
	assert.Equal(t, []Money{{3, "MXN"}}, b.Retained)
	assert.Equal(t, []Money{{4, "MXN"}}, b.RetentionAmount)
	assert.Equal(t, []Money{{5, "MXN"}}, b.TargetRetentionAmount)
	assert.Equal(t, []Money{{6, "MXN"}}, b.TemporarilyRetained)
	assert.JSONEq(t, `{}`, string(b.TargetCollateralAmount))

	var b2 Balance
	require.NoError(t, json.Unmarshal([]byte(`{"femsa_retention":[{"amount":9,"currency":"MXN"}]}`), &b2))
	assert.Equal(t, []Money{{9, "MXN"}}, b2.FemsaRetention)
}

// An answer that is no balance is an error, never a zero balance.
func TestBalanceEmptyAnswers(t *testing.T) {
	t.Parallel()
	for name, r := range map[string]httpmock.Responder{
		"204":          httpmock.NewStringResponder(204, ""),
		"200 empty":    httpmock.NewStringResponder(200, ""),
		"200 null":     httpmock.NewStringResponder(200, "null"),
		"200 {}":       httpmock.NewStringResponder(200, "{}"),
		"200 unknown":  httpmock.NewStringResponder(200, `{"foo":[]}`),
		"205":          httpmock.NewStringResponder(205, ""),
		"200 an array": httpmock.NewStringResponder(200, "[]"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			respondWith(mt, "GET", "/balance", r)
			b, err := c.Balance.Get(ctx)
			require.ErrorIs(t, err, ErrMalformedResponse)
			assert.Nil(t, b)
		})
	}
}

// An event's data.action and data.livemode, and a webhook log's
// response_data, decode.
func TestEventDataFields(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", "/events/6307a60c41de27127515a575", 200, `{"created_at":1661445644,"data":{"action":"ping","livemode":true},"id":"6307a60c41de27127515a575",
"livemode":true,"object":"event","type":"webhook_ping","webhook_status":"successful",
"webhook_logs":[{"failed_attempts":1,"id":"webhl_2svd2sh6GbqzyWBNZ","last_attempted_at":1669651274,"last_http_response_status":200,"object":"webhook_log",
"response_data":{"amount":3000,"payable":true},"url":"https://shop.example/hooks"}]}`)
	ev, err := c.Events.Get(ctx, "6307a60c41de27127515a575")
	require.NoError(t, err)
	assert.Equal(t, "ping", ev.Data.Action)
	assert.True(t, ev.Data.Livemode)
	require.Len(t, ev.WebhookLogs, 1)
	assert.JSONEq(t, `{"amount":3000,"payable":true}`, string(ev.WebhookLogs[0].ResponseData))
	assert.Equal(t, 1, ev.WebhookLogs[0].FailedAttempts)
}
