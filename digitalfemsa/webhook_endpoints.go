package digitalfemsa

import (
	"context"
	"iter"
	"net/url"

	"github.com/latampay/latampay-go/internal/transport"
)

// WebhookParams registers a URL that receives events.
type WebhookParams struct {
	// URL receives the events: an absolute http or https URL; required.
	URL string
	// Synchronous asks DigitalFemsa to wait for the endpoint's answer
	// before it answers the request that caused the event; always sent.
	Synchronous bool
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check Webhooks.Create runs before any request.
func (p *WebhookParams) Validate() error {
	if p == nil {
		return paramError("WebhookParams", "is nil")
	}
	return checkWebhookURL(p.URL)
}

// WebhookUpdateParams changes a webhook. The API requires the URL on every
// update; give the current one to keep it.
type WebhookUpdateParams struct {
	// URL is the (new) endpoint; required.
	URL string
	// Synchronous, when not nil, sets whether calls wait for the endpoint.
	Synchronous *bool
	// Events, when not empty, replaces the event types the webhook
	// receives (EventType values such as "order.paid").
	Events []string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check Webhooks.Update runs before any request.
func (p *WebhookUpdateParams) Validate() error {
	if p == nil {
		return paramError("WebhookUpdateParams", "is nil")
	}
	if err := checkWebhookURL(p.URL); err != nil {
		return err
	}
	for _, e := range p.Events {
		if e == "" {
			return paramError("Events", "has an empty event type")
		}
	}
	return nil
}

func checkWebhookURL(raw string) error {
	if raw == "" {
		return paramError("URL", "is required")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return paramError("URL", "must be an absolute http or https URL")
	}
	return nil
}

// Webhook is an endpoint registered to receive events.
type Webhook struct {
	// ID is the webhook's id (24 hex digits).
	ID string `json:"id"`
	// Object is "webhook" (the API's own example says "event").
	Object string `json:"object"`
	// Livemode is false for a sandbox webhook.
	Livemode bool `json:"livemode"`
	// URL receives the events.
	URL string `json:"url"`
	// Status is the endpoint's state, for example "listening" (an open
	// set).
	Status string `json:"status"`
	// Synchronous says calls wait for the endpoint's answer.
	Synchronous bool `json:"synchronous"`
	// DevelopmentEnabled says the webhook receives sandbox events.
	DevelopmentEnabled bool `json:"development_enabled"`
	// ProductionEnabled says the webhook receives live events.
	ProductionEnabled bool `json:"production_enabled"`
	// SubscribedEvents lists the event types it receives.
	SubscribedEvents []string `json:"subscribed_events"`
	// Deleted is true on the webhook Delete returns; nil when the API
	// sends null or nothing.
	Deleted *bool `json:"deleted"`
}

// WebhookListParams selects a page of webhooks.
type WebhookListParams struct {
	ListParams
	// URL keeps the webhooks whose URL matches.
	URL string `url:"url,omitempty"`
}

// WebhooksService is client.Webhooks: the endpoints events are sent to.
// Verify what they receive with VerifyWebhook.
type WebhooksService struct{ c *transport.Client }

func (s *WebhooksService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Create registers a webhook (POST /webhooks, operation createWebhook).
func (s *WebhooksService) Create(ctx context.Context, p *WebhookParams) (*Webhook, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &struct {
		URL         string `json:"url"`
		Synchronous bool   `json:"synchronous"`
	}{p.URL, p.Synchronous}
	return callObject(ctx, s.tc(), &transport.Request{Method: "POST", Path: "/webhooks", Body: body}, webhookObjects, webhookIdent)
}

// Get fetches a webhook (GET /webhooks/{id}, operation getWebhook).
func (s *WebhooksService) Get(ctx context.Context, id string) (*Webhook, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	return s.one(ctx, "GET", id, "", nil)
}

// Update changes a webhook (PUT /webhooks/{id}, operation updateWebhook).
func (s *WebhooksService) Update(ctx context.Context, id string, p *WebhookUpdateParams) (*Webhook, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	if _, err := escapeID("id", id); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &struct {
		URL         string   `json:"url"`
		Synchronous *bool    `json:"synchronous,omitempty"`
		Events      []string `json:"events,omitempty"`
	}{p.URL, copyBool(p.Synchronous), copyStrings(p.Events)}
	return s.one(ctx, "PUT", id, "", body)
}

// Delete removes a webhook (DELETE /webhooks/{id}, operation
// deleteWebhook) and returns it.
func (s *WebhooksService) Delete(ctx context.Context, id string) (*Webhook, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	return s.one(ctx, "DELETE", id, "", nil)
}

// Test makes DigitalFemsa send a test event to the webhook (POST
// /webhooks/{id}/test, operation testWebhook) and returns the webhook.
func (s *WebhooksService) Test(ctx context.Context, id string) (*Webhook, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	return s.one(ctx, "POST", id, "/test", nil)
}

func (s *WebhooksService) one(ctx context.Context, method, id, suffix string, body any) (*Webhook, error) {
	wid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: method, Path: "/webhooks/" + wid + suffix}
	if body != nil {
		req.Body = body
	}
	return callObject(ctx, s.tc(), req, webhookObjects, webhookIdent)
}

// List returns one page of webhooks (GET /webhooks, operation
// getWebhooks).
func (s *WebhooksService) List(ctx context.Context, p *WebhookListParams) (*Page[Webhook], error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	q := webhookQuery(p, "")
	if err := checkList(&q.ListParams); err != nil {
		return nil, err
	}
	return fetchPage(ctx, s.tc(), "/webhooks", &q, q.Limit, webhookKey)
}

// All walks every webhook (GET /webhooks).
func (s *WebhooksService) All(ctx context.Context, p *WebhookListParams) iter.Seq2[*Webhook, error] {
	if err := opsReady(s.tc()); err != nil {
		return failedWalk[Webhook](err)
	}
	q := webhookQuery(p, "")
	if err := checkList(&q.ListParams); err != nil {
		return failedWalk[Webhook](err)
	}
	return walkPages(ctx, s.tc(), "/webhooks", q.Limit, func(cursor string) any { q := webhookQuery(p, cursor); return &q }, webhookKey)
}

func webhookQuery(p *WebhookListParams, cursor string) WebhookListParams {
	var q WebhookListParams
	if p != nil {
		q = *p
	}
	q.ListParams = listCopy(&q.ListParams, cursor)
	return q
}

// webhookObjects are the object names a webhook answer may carry: the
// spec's own example of a webhook says "event".
const webhookObjects = "webhook|event"

func webhookIdent(w *Webhook) (string, string) { return w.ID, w.Object }
func webhookKey(w *Webhook) string             { return w.ID }
