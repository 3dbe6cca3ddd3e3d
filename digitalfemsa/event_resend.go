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
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	ids, err := pathIDs("EventID", eventID, "WebhookLogID", webhookLogID)
	if err != nil {
		return nil, err
	}
	// The specification declares no X-Child-Company-Id here.
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/events/" + ids[0] + "/webhook_logs/" + ids[1] + "/resend"},
		webhookLogKind.check)
}

var webhookLogKind = kind[WebhookLog]{object: "webhook_log",
	id: func(l *WebhookLog) string { return l.ID }, obj: func(l *WebhookLog) string { return l.Object }}
