package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const webhookJSON = `{"id":"6307a60c41de27127515a575","object":"webhook","livemode":true,"url":"https://shop.example/hooks","status":"listening",
"synchronous":true,"development_enabled":true,"production_enabled":true,"subscribed_events":["order.paid","charge.paid"],"deleted":true}`

var wantWebhook = Webhook{ID: "6307a60c41de27127515a575", Object: "webhook", Livemode: true, URL: "https://shop.example/hooks", Status: "listening",
	Synchronous: true, DevelopmentEnabled: true, ProductionEnabled: true, SubscribedEvents: []string{"order.paid", "charge.paid"}, Deleted: boolPtr(true)}

func TestWebhooks(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	one := "/webhooks/6307a60c41de27127515a575"
	rec := respond(mt, "POST", "/webhooks", 200, webhookJSON)
	wh, err := c.Webhooks.Create(ctx, &WebhookParams{URL: "https://shop.example/hooks"})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/webhooks", "", `{"url":"https://shop.example/hooks","synchronous":false}`)
	assert.Equal(t, wantWebhook, *wh)

	rec = respond(mt, "GET", one, 200, webhookJSON)
	wh, err = c.Webhooks.Get(ctx, "6307a60c41de27127515a575")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", one, "", "")
	assert.Equal(t, wantWebhook, *wh)

	rec = respond(mt, "PUT", one, 200, webhookJSON)
	wh, err = c.Webhooks.Update(ctx, "6307a60c41de27127515a575", &WebhookUpdateParams{URL: "https://shop.example/hooks", Synchronous: boolPtr(true),
		Events: []string{"order.paid", "charge.paid"}})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", one, "", `{"url":"https://shop.example/hooks","synchronous":true,"events":["order.paid","charge.paid"]}`)
	assert.Equal(t, wantWebhook, *wh)

	rec = respond(mt, "POST", one+"/test", 200, webhookJSON)
	wh, err = c.Webhooks.Test(ctx, "6307a60c41de27127515a575")
	require.NoError(t, err)
	checkRequest(t, rec, "POST", one+"/test", "", "")
	assert.Equal(t, wantWebhook, *wh)

	rec = respond(mt, "DELETE", one, 200, webhookJSON)
	wh, err = c.Webhooks.Delete(ctx, "6307a60c41de27127515a575")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", one, "", "")
	assert.Equal(t, wantWebhook, *wh)

	// The spec's own example names the object "event"; another is refused.
	respond(mt, "GET", "/webhooks/w2", 200, `{"id":"w2","object":"event","url":"https://a.example","deleted":null}`)
	wh, err = c.Webhooks.Get(ctx, "w2")
	require.NoError(t, err)
	assert.Nil(t, wh.Deleted)
	respond(mt, "GET", "/webhooks/w3", 200, `{"id":"w3","object":"order"}`)
	_, err = c.Webhooks.Get(ctx, "w3")
	assert.ErrorIs(t, err, ErrMalformedResponse)

	rec = respond(mt, "GET", "/webhooks", 200, listJSON(webhookJSON, false, ""))
	pg, err := c.Webhooks.List(ctx, &WebhookListParams{ListParams: ListParams{Limit: 5, Search: "shop"}, URL: "https://shop.example/hooks"})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/webhooks", "limit=5&search=shop&url=https%3A%2F%2Fshop.example%2Fhooks", "")
	require.Len(t, pg.Data, 1)
	assert.Equal(t, wantWebhook, *pg.Data[0])
	for wh, err := range c.Webhooks.All(ctx, nil) {
		require.NoError(t, err)
		assert.Equal(t, wantWebhook, *wh)
	}
}

func TestWebhookParamsValidate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for _, u := range []string{"", "shop.example/hooks", "ftp://shop.example", "https://", "http://[::1", "http://shop.example/hooks", "https://user:pass@shop.example/hooks"} {
		p := &WebhookParams{URL: u}
		assertParamField(t, p.Validate(), "URL")
		_, err := c.Webhooks.Create(ctx, p)
		assertParamField(t, err, "URL")
		_, err = c.Webhooks.Update(ctx, "w1", &WebhookUpdateParams{URL: u})
		assertParamField(t, err, "URL")
	}
	var nilp *WebhookParams
	assertParamField(t, nilp.Validate(), "WebhookParams")
	_, err := c.Webhooks.Update(ctx, "w1", nil)
	assertParamField(t, err, "WebhookUpdateParams")
	_, err = c.Webhooks.Update(ctx, "w1", &WebhookUpdateParams{URL: "https://a.example", Events: []string{""}})
	assertParamField(t, err, "Events")
	_, err = c.Webhooks.Test(ctx, "..")
	assertParamField(t, err, "id")
	_, err = c.Webhooks.List(ctx, &WebhookListParams{ListParams: ListParams{Limit: 251}})
	assertParamField(t, err, "Limit")
	for _, err := range c.Webhooks.All(ctx, &WebhookListParams{ListParams: ListParams{Next: "a", Previous: "b"}}) {
		assertParamField(t, err, "Next")
	}
	assert.Zero(t, mt.GetTotalCallCount())
}
