package digitalfemsatest

import (
	"net/http"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// event is an event the fake recorded, as GET /events answers it.
type event struct {
	ID            string         `json:"id"`
	Object        string         `json:"object"`
	Type          string         `json:"type"`
	Livemode      bool           `json:"livemode"`
	CreatedAt     int64          `json:"created_at"`
	Data          map[string]any `json:"data"`
	WebhookStatus string         `json:"webhook_status"`
	WebhookLogs   []webhookLog   `json:"webhook_logs"`
}

// webhookLog is an event's deliveries to one URL.
type webhookLog struct {
	ID                     string `json:"id"`
	Object                 string `json:"object"`
	URL                    string `json:"url"`
	FailedAttempts         int    `json:"failed_attempts"`
	LastAttemptedAt        int64  `json:"last_attempted_at"`
	LastHTTPResponseStatus int    `json:"last_http_response_status"`
}

// declareEvents declares /events, read only: the fake records an event
// when its state changes (emit). An event read shows its webhook_logs as
// the deliveries made so far left them.
func (s *Server) declareEvents(d *fakeapi.Dialect) {
	d = wrapBefore(d, func(http.ResponseWriter, *http.Request) bool { s.refreshWebhookLogs(); return true })
	s.events = fakeapi.Declare(s.Server, d, fakeapi.Resource[event]{
		Name: "event", Path: "/events", NewID: hexID,
		ID: func(e *event) string { return e.ID },
		Copy: func(e *event) event {
			out := *e
			out.WebhookLogs = append([]webhookLog{}, e.WebhookLogs...)
			return out
		},
		Serve:   fakeapi.OpGet | fakeapi.OpList,
		Filters: search(func(e *event) []string { return []string{e.ID, e.Type} }),
	})
}
