package digitalfemsa

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
