package digitalfemsa

import (
	"context"
	"iter"
	"net/url"

	"github.com/latampay/latampay-go/internal/transport"
)

// WebhookKeyParams creates or updates a webhook key.
type WebhookKeyParams struct {
	// Active switches the key on or off; nil leaves the API default (true)
	// on create and the current value on update.
	Active *bool
}

// WebhookKey is an RSA key pair DigitalFemsa signs webhooks with; the API
// keeps the private half and shows the public half as PEM.
type WebhookKey struct {
	ID            string `json:"id"`
	Object        string `json:"object"`
	Active        bool   `json:"active"`
	Livemode      bool   `json:"livemode"`
	CreatedAt     Time   `json:"created_at"`
	DeactivatedAt Time   `json:"deactivated_at"`
	// PublicKey is the PEM to pass to VerifyWebhook.
	PublicKey string `json:"public_key"`
	// Deleted is true on the object Delete returns.
	Deleted bool `json:"deleted"`
}

type webhookKeyWire struct {
	Active *bool `json:"active,omitempty"`
}

// WebhookKeysService is client.WebhookKeys.
type WebhookKeysService struct{ c *transport.Client }

// Create creates a webhook key (POST /webhook_keys).
func (s *WebhookKeysService) Create(ctx context.Context, p *WebhookKeyParams) (*WebhookKey, error) {
	if p == nil {
		return nil, transport.InvalidParams("WebhookKeyParams", "is nil")
	}
	body := webhookKeyWire{Active: copyBool(p.Active)}
	return doObject(ctx, s.c, &transport.Request{Method: "POST", Path: "/webhook_keys", Body: &body}, webhookKeyID)
}

// Get fetches a webhook key (GET /webhook_keys/{id}).
func (s *WebhookKeysService) Get(ctx context.Context, id string) (*WebhookKey, error) {
	return s.one(ctx, "GET", id, nil)
}

// Update switches a webhook key on or off (PUT /webhook_keys/{id}). Params
// without Active set nothing and are refused with ErrInvalidParams, before
// any request.
func (s *WebhookKeysService) Update(ctx context.Context, id string, p *WebhookKeyParams) (*WebhookKey, error) {
	if p == nil {
		return nil, transport.InvalidParams("WebhookKeyParams", "is nil")
	}
	// Active is the only field a key has to change; without it the body is
	// {} and the update changes nothing.
	if p.Active == nil {
		return nil, transport.InvalidParams("WebhookKeyParams.Active", "is nil: an update sets nothing")
	}
	return s.one(ctx, "PUT", id, &webhookKeyWire{Active: copyBool(p.Active)})
}

// Delete deletes a webhook key (DELETE /webhook_keys/{id}).
func (s *WebhookKeysService) Delete(ctx context.Context, id string) (*WebhookKey, error) {
	return s.one(ctx, "DELETE", id, nil)
}

func (s *WebhookKeysService) one(ctx context.Context, method, id string, body any) (*WebhookKey, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	req := &transport.Request{Method: method, Path: "/webhook_keys/" + url.PathEscape(id)}
	if body != nil {
		req.Body = body
	}
	return doObject(ctx, s.c, req, webhookKeyID)
}

// List returns one page of webhook keys (GET /webhook_keys).
func (s *WebhookKeysService) List(ctx context.Context, p *ListParams) (*Page[WebhookKey], error) {
	return list(ctx, s.c, "/webhook_keys", p, webhookKeyID)
}

// All walks every webhook key.
func (s *WebhookKeysService) All(ctx context.Context, p *ListParams) iter.Seq2[*WebhookKey, error] {
	return all(ctx, s.c, "/webhook_keys", p, webhookKeyID)
}

func webhookKeyID(k *WebhookKey) string { return k.ID }

func copyBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}
