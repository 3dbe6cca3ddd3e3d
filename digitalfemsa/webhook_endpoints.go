package digitalfemsa

import (
	"context"
	"iter"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/validate"
)

// WebhookParams registers a URL that receives events.
type WebhookParams struct {
	// URL receives the events: an absolute https:// URL without credentials
	// (http:// only for a loopback host, in tests); required.
	URL string
	// Synchronous asks DigitalFemsa to wait for the endpoint's answer
	// before it answers the request that caused the event; always sent.
	Synchronous bool
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check Webhooks.Create runs before any request.
func (p *WebhookParams) Validate() error {
	if p == nil {
		return invalidParams("WebhookParams", "is nil")
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
		return invalidParams("WebhookUpdateParams", "is nil")
	}
	if err := checkWebhookURL(p.URL); err != nil {
		return err
	}
	for _, e := range p.Events {
		if e == "" {
			return invalidParams("Events", "has an empty event type")
		}
	}
	return nil
}

func checkWebhookURL(raw string) error { return validate.WebhookURL("digitalfemsa", "URL", raw) }

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
	// ListParams pages the list (Limit, Next, Previous, Search).
	ListParams
	// URL keeps the webhooks whose URL matches.
	URL string `url:"url,omitempty"`
}

// WebhooksService is client.Webhooks: the endpoints events are sent to.
// Verify what they receive with VerifyWebhook.
type WebhooksService service

// webhookKind: a webhook answer may say "event" as its object (the
// specification's own example of a webhook does). X-Child-Company-Id is
// declared on get, list and update only: create, delete and test always act
// for the holding company.
var webhookKind = kind[Webhook]{path: "/webhooks", object: "webhook|event", child: true,
	id: func(w *Webhook) string { return w.ID }, obj: func(w *Webhook) string { return w.Object }}

// Create registers a webhook (POST /webhooks, operation createWebhook).
func (s *WebhooksService) Create(ctx context.Context, p *WebhookParams) (*Webhook, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &struct {
		URL         string `json:"url"`
		Synchronous bool   `json:"synchronous"`
	}{p.URL, p.Synchronous}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/webhooks", Body: body}, webhookKind.check)
}

// Get fetches a webhook (GET /webhooks/{id}, operation getWebhook).
func (s *WebhooksService) Get(ctx context.Context, id string) (*Webhook, error) {
	return s.one(ctx, "GET", id, "", nil)
}

// Update changes a webhook (PUT /webhooks/{id}, operation updateWebhook).
func (s *WebhooksService) Update(ctx context.Context, id string, p *WebhookUpdateParams) (*Webhook, error) {
	if _, err := use((*service)(s)); err != nil {
		return nil, err
	}
	if _, err := pathID("id", id); err != nil {
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
	return s.one(ctx, "DELETE", id, "", nil)
}

// Test makes DigitalFemsa send a test event to the webhook (POST
// /webhooks/{id}/test, operation testWebhook) and returns the webhook.
func (s *WebhooksService) Test(ctx context.Context, id string) (*Webhook, error) {
	return s.one(ctx, "POST", id, "/test", nil)
}

func (s *WebhooksService) one(ctx context.Context, method, id, suffix string, body any) (*Webhook, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	wid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: method, Path: "/webhooks/" + wid + suffix}
	if method == "GET" || method == "PUT" {
		req.Header = webhookKind.header(c)
	}
	if body != nil {
		req.Body = body
	}
	return doObject(ctx, c, req, webhookKind.check)
}

// List returns one page of webhooks (GET /webhooks, operation
// getWebhooks).
func (s *WebhooksService) List(ctx context.Context, p *WebhookListParams) (*Page[Webhook], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return listQuery(ctx, c, webhookKind, p.paging(), p.query)
}

// All walks every webhook, sending GET /webhooks once per page, lazily.
func (s *WebhooksService) All(ctx context.Context, p *WebhookListParams) iter.Seq2[*Webhook, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[Webhook](err)
	}
	if err := p.Validate(); err != nil {
		return errSeq[Webhook](err)
	}
	return allQuery(ctx, c, webhookKind, p.paging(), p.query)
}

// Validate checks p as List and All do before any I/O: its paging params
// (ListParams.Validate). A nil *WebhookListParams is valid.
func (p *WebhookListParams) Validate() error {
	return p.paging().Validate()
}

// paging is p's paging params (nil for a nil p).
func (p *WebhookListParams) paging() *ListParams {
	if p == nil {
		return nil
	}
	lp := p.ListParams
	return &lp
}

// query is the query of one page: p's URL filter with that page's paging
// params.
func (p *WebhookListParams) query(lp ListParams) any {
	var q WebhookListParams
	if p != nil {
		q = *p
	}
	q.ListParams = lp
	return &q
}
