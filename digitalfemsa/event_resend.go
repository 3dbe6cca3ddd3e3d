package digitalfemsa

import (
	"context"

	"github.com/latampay/latampay-go/internal/transport"
)

// Resend sends an event to a webhook again (POST
// /events/{event_id}/webhook_logs/{webhook_log_id}/resend, operation
// resendEvent) and returns the webhook log of that delivery. webhookLogID
// is one of the event's WebhookLogs. A POST: not repeated once it may have
// arrived, so a lost answer means at most one extra delivery.
func (s *EventsService) Resend(ctx context.Context, eventID, webhookLogID string) (*WebhookLog, error) {
	if s == nil || s.c == nil {
		return nil, errNoClientOps
	}
	ids, err := escapeIDs("EventID", eventID, "WebhookLogID", webhookLogID)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.c, &transport.Request{Method: "POST", Path: "/events/" + ids[0] + "/webhook_logs/" + ids[1] + "/resend"},
		"", func(l *WebhookLog) (string, string) { return l.ID, "" })
}
