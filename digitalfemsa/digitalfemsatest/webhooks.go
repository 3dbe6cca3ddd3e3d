package digitalfemsatest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// defaultSubscribedEvents are the event types a new webhook receives.
var defaultSubscribedEvents = []string{
	string(digitalfemsa.EventOrderCreated), string(digitalfemsa.EventOrderPaid), string(digitalfemsa.EventOrderRefunded),
	string(eventOrderCanceled), string(eventChargeCreated), string(eventChargePaid),
	string(digitalfemsa.EventCashoutConfirmed), string(digitalfemsa.EventCashoutCanceled),
}

// webhook is spec "webhook_response".
type webhook struct {
	ID                 string   `json:"id"`
	Object             string   `json:"object"`
	Livemode           bool     `json:"livemode"`
	URL                string   `json:"url"`
	Status             string   `json:"status"`
	Synchronous        bool     `json:"synchronous"`
	DevelopmentEnabled bool     `json:"development_enabled"`
	ProductionEnabled  bool     `json:"production_enabled"`
	SubscribedEvents   []string `json:"subscribed_events"`
	Deleted            bool     `json:"deleted,omitempty"`
}

func webhookURLOK(u *string) bool {
	if u == nil {
		return false
	}
	p, err := url.Parse(*u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// declareWebhooks declares /webhooks: the endpoints the fake delivers
// events to besides DeliverWebhooks' URL. A deleted webhook is answered
// marked deleted.
func (x *extras) declareWebhooks(d *fakeapi.Dialect) {
	filters := search(func(wh *webhook) []string { return []string{wh.ID, wh.URL} })
	filters["url"] = func(wh *webhook, u string) bool { return wh.URL == u }
	x.webhooks = fakeapi.Declare(x.s.Server, d, fakeapi.Resource[webhook]{
		Name: "webhook", Path: "/webhooks", NewID: hexID,
		ID: func(wh *webhook) string { return wh.ID },
		Copy: func(wh *webhook) webhook {
			out := *wh
			out.SubscribedEvents = append([]string(nil), wh.SubscribedEvents...)
			return out
		},
		Serve:        fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		CreateStatus: http.StatusOK, UpdateMethod: http.MethodPut,
		Create:  x.createWebhook,
		Update:  x.updateWebhook,
		Filters: filters,
		View: func(op fakeapi.Ops, wh webhook) any {
			wh.Deleted = op == fakeapi.OpDelete
			return wh
		},
	})
}

// errWebhookURL refuses a webhook's missing or invalid url.
var errWebhookURL = validationErr("url", "invalid", "The parameter url is missing or invalid.", "El parámetro url falta o no es válido.")

func (x *extras) createWebhook(c *fakeapi.Call) (*webhook, error) {
	var req struct {
		URL         *string `json:"url"`
		Synchronous *bool   `json:"synchronous"`
	}
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if !webhookURLOK(req.URL) {
		return nil, errWebhookURL
	}
	if req.Synchronous == nil {
		return nil, validationErr("synchronous", "missing", "The parameter synchronous is required.", "El parámetro synchronous es requerido.")
	}
	return &webhook{ID: c.NewID(), Object: "webhook", URL: *req.URL, Status: "listening", Synchronous: *req.Synchronous,
		DevelopmentEnabled: true, SubscribedEvents: append([]string(nil), defaultSubscribedEvents...)}, nil
}

func (x *extras) updateWebhook(c *fakeapi.Call) (func(*webhook) error, error) {
	var req struct {
		URL         *string  `json:"url"`
		Synchronous *bool    `json:"synchronous"`
		Events      []string `json:"events"`
	}
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if !webhookURLOK(req.URL) {
		return nil, errWebhookURL
	}
	return func(wh *webhook) error {
		wh.URL = *req.URL
		if req.Synchronous != nil {
			wh.Synchronous = *req.Synchronous
		}
		if req.Events != nil {
			wh.SubscribedEvents = append([]string(nil), req.Events...)
		}
		return nil
	}, nil
}

// testWebhook delivers a signed webhook_ping event to the webhook's URL
// through the fake's delivery (recorded in Deliveries, retried per its
// policy; not recorded among the account's events, as the API's test is
// not), and answers the webhook with the status its answer gave it.
func (x *extras) testWebhook(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	wh, ok := x.webhooks.Get(id)
	if !ok {
		x.webhooks.NotFound(w, r, id)
		return
	}
	ev := event{ID: hexID(), Object: "event", Type: string(digitalfemsa.EventWebhookPing), CreatedAt: x.s.Now().Unix(),
		Data:          map[string]any{"object": map[string]any{"id": wh.ID, "object": "webhook", "url": wh.URL}, "previous_attributes": map[string]any{}},
		WebhookStatus: "pending", WebhookLogs: []webhookLog{}}
	body, _ := json.Marshal(ev)
	x.s.emitTo(wh.URL, ev.Type, body, http.Header{"Digest": {x.s.SignWebhook(body)}})
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
	err := x.s.WaitWebhooks(ctx)
	cancel()
	if err == nil {
		err = x.s.deliveryErr(ev.ID, wh.URL)
	}
	wh, _, _ = x.webhooks.Update(id, func(h *webhook) error {
		h.Status = "listening"
		if err != nil {
			h.Status = "failing"
		}
		return nil
	})
	writeJSON(w, http.StatusOK, wh)
}

// resendEvent delivers an event again to the URL of one of its webhook
// logs (through the fake's delivery, retried per its policy, recorded in
// Deliveries), waits for the delivery, and answers that log, updated.
func (x *extras) resendEvent(w http.ResponseWriter, r *http.Request) {
	evID, logID := r.PathValue("event_id"), r.PathValue("log_id")
	ev, ok := x.s.events.Get(evID)
	if !ok {
		x.s.events.NotFound(w, r, evID)
		return
	}
	var target string
	for _, l := range ev.WebhookLogs {
		if l.ID == logID {
			target = l.URL
		}
	}
	if target == "" {
		notFound(w, r, "webhook_log", logID)
		return
	}
	// The body delivered is the event as first sent (without its logs).
	sent := ev
	sent.WebhookStatus, sent.WebhookLogs = "pending", []webhookLog{}
	body, _ := json.Marshal(sent)
	x.s.emitTo(target, ev.Type, body, http.Header{"Digest": {x.s.SignWebhook(body)}})
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
	_ = x.s.WaitWebhooks(ctx) // on a timeout, the log shows the tries so far
	cancel()
	x.s.refreshWebhookLogs()
	ev, _ = x.s.events.Get(evID)
	var lg webhookLog
	for _, l := range ev.WebhookLogs {
		if l.ID == logID {
			lg = l
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": lg.ID, "url": lg.URL, "failed_attempts": lg.FailedAttempts,
		"last_attempted_at": lg.LastAttemptedAt, "last_http_response_status": lg.LastHTTPResponseStatus, "response_data": map[string]any{}})
}
