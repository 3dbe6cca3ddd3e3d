package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEventsResend(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	path := "/events/6463d6e35a4c3e001819e760/webhook_logs/webhl_2tsv6NzWJHBWCkqGt/resend"
	rec := respond(mt, "POST", path, 200, `{"id":"webhl_2tsv6NzWJHBWCkqGt","url":"https://shop.example/hooks","failed_attempts":1,
		"last_attempted_at":1684264676,"last_http_response_status":200,"response_data":{"ok":true}}`)
	lg, err := c.Events.Resend(ctx, "6463d6e35a4c3e001819e760", "webhl_2tsv6NzWJHBWCkqGt")
	require.NoError(t, err)
	checkRequest(t, rec, "POST", path, "", "")
	assert.Equal(t, "webhl_2tsv6NzWJHBWCkqGt", lg.ID)
	assert.Equal(t, "https://shop.example/hooks", lg.URL)
	assert.Equal(t, 1, lg.FailedAttempts)
	assert.Equal(t, int64(1684264676), lg.LastAttemptedAt.Unix())
	assert.Equal(t, 200, lg.LastHTTPResponseStatus)

	// A POST: a failure after it may have arrived is not repeated.
	rec = respond(mt, "POST", "/events/ev_1/webhook_logs/wl_1/resend", 503, "")
	_, err = c.Events.Resend(ctx, "ev_1", "wl_1")
	require.Error(t, err)
	assert.Equal(t, 1, rec.Count())

	_, err = c.Events.Resend(ctx, "ev_1", "")
	assertParamField(t, err, "WebhookLogID")
}
