package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
