package digitalfemsatest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

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

func (x *extras) createWebhook(w http.ResponseWriter, r *http.Request) {
	var req struct {
		URL         *string `json:"url"`
		Synchronous *bool   `json:"synchronous"`
	}
	if !readBody(w, r, &req) {
		return
	}
	if !webhookURLOK(req.URL) {
		validationError(w, r, "url", "invalid", "The parameter url is missing or invalid.", "El parámetro url falta o no es válido.")
		return
	}
	if req.Synchronous == nil {
		validationError(w, r, "synchronous", "missing", "The parameter synchronous is required.", "El parámetro synchronous es requerido.")
		return
	}
	wh := &webhook{ID: hexID(), Object: "webhook", URL: *req.URL, Status: "listening", Synchronous: *req.Synchronous,
		DevelopmentEnabled: true, SubscribedEvents: append([]string(nil), defaultSubscribedEvents...)}
	x.webhooks.Put(wh.ID, wh)
	writeJSON(w, http.StatusOK, *wh)
}

func (x *extras) listWebhooks(w http.ResponseWriter, r *http.Request) {
	lq, ok := parseList(w, r)
	if !ok {
		return
	}
	byURL := r.URL.Query().Get("url")
	var out []*webhook
	x.webhooks.List(func(wh *webhook) bool {
		if (byURL == "" || wh.URL == byURL) && matches(lq.search, wh.ID, wh.URL) {
			cp := *wh
			cp.SubscribedEvents = append([]string(nil), wh.SubscribedEvents...)
			out = append(out, &cp)
		}
		return false
	})
	writePage(w, r, out, func(wh *webhook) string { return wh.ID }, lq)
}

func (x *extras) updateWebhook(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var req struct {
		URL         *string  `json:"url"`
		Synchronous *bool    `json:"synchronous"`
		Events      []string `json:"events"`
	}
	if !readBody(w, r, &req) {
		return
	}
	if !webhookURLOK(req.URL) {
		validationError(w, r, "url", "invalid", "The parameter url is missing or invalid.", "El parámetro url falta o no es válido.")
		return
	}
	var snap webhook
	ok, _ := x.webhooks.Update(id, func(wh *webhook) error {
		wh.URL = *req.URL
		if req.Synchronous != nil {
			wh.Synchronous = *req.Synchronous
		}
		if req.Events != nil {
			wh.SubscribedEvents = append([]string(nil), req.Events...)
		}
		snap = *wh
		snap.SubscribedEvents = append([]string(nil), wh.SubscribedEvents...)
		return nil
	})
	if !ok {
		notFound(w, r, "webhook", id)
		return
	}
	writeJSON(w, http.StatusOK, snap)
}

// testWebhook delivers a signed webhook_ping event to the webhook's URL
// (not recorded among the account's events, as the API's test is not).
func (x *extras) testWebhook(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	wh, ok := x.webhooks.Snapshot(id)
	if !ok {
		notFound(w, r, "webhook", id)
		return
	}
	ev := event{ID: hexID(), Object: "event", Type: string(digitalfemsa.EventWebhookPing), CreatedAt: x.s.Now().Unix(),
		Data:          map[string]any{"object": map[string]any{"id": wh.ID, "object": "webhook", "url": wh.URL}, "previous_attributes": map[string]any{}},
		WebhookStatus: "pending", WebhookLogs: []webhookLog{}}
	body, _ := json.Marshal(ev)
	status, err := fakeapi.PostWebhook(r.Context(), wh.URL, body, http.Header{"Digest": {x.s.SignWebhook(body)}})
	x.webhooks.Update(id, func(h *webhook) error {
		h.Status = "listening"
		if err != nil || status < 200 || status > 299 {
			h.Status = "failing"
		}
		wh = *h
		return nil
	})
	writeJSON(w, http.StatusOK, wh)
}

// resendEvent delivers an event again to the URL of one of its webhook
// logs and answers that log, updated.
func (x *extras) resendEvent(w http.ResponseWriter, r *http.Request) {
	evID, logID := r.PathValue("event_id"), r.PathValue("log_id")
	ev, ok := x.s.events.Snapshot(evID)
	if !ok {
		notFound(w, r, "event", evID)
		return
	}
	idx := -1
	for i, l := range ev.WebhookLogs {
		if l.ID == logID {
			idx = i
		}
	}
	if idx < 0 {
		notFound(w, r, "webhook_log", logID)
		return
	}
	target := ev.WebhookLogs[idx].URL
	// The body delivered is the event as first sent (without its logs).
	sent := ev
	sent.WebhookLogs = []webhookLog{}
	body, _ := json.Marshal(sent)
	status, err := fakeapi.PostWebhook(context.WithoutCancel(r.Context()), target, body, http.Header{"Digest": {x.s.SignWebhook(body)}})
	var lg webhookLog
	x.s.events.Update(evID, func(e *event) error {
		logs := append([]webhookLog(nil), e.WebhookLogs...)
		l := &logs[idx]
		l.LastAttemptedAt, l.LastHTTPResponseStatus = x.s.Now().Unix(), status
		if err != nil || status < 200 || status > 299 {
			l.FailedAttempts++
			e.WebhookStatus = "failing"
		} else {
			e.WebhookStatus = "successful"
		}
		e.WebhookLogs = logs
		lg = *l
		return nil
	})
	writeJSON(w, http.StatusOK, map[string]any{"id": lg.ID, "url": lg.URL, "failed_attempts": lg.FailedAttempts,
		"last_attempted_at": lg.LastAttemptedAt, "last_http_response_status": lg.LastHTTPResponseStatus, "response_data": map[string]any{}})
}
