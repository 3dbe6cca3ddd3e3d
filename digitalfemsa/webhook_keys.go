package digitalfemsa

import (
	"context"
	"iter"

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
	// ID is the key's id (24 hex digits).
	ID string `json:"id"`
	// Object is "webhook_key"; the SDK refuses an answer of another kind.
	Object string `json:"object"`
	// Active says whether DigitalFemsa signs with it.
	Active bool `json:"active"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// CreatedAt is when it was created.
	CreatedAt Time `json:"created_at"`
	// DeactivatedAt is when it was switched off; zero while active (null).
	DeactivatedAt Time `json:"deactivated_at"`
	// PublicKey is the PEM to pass to VerifyWebhook.
	PublicKey string `json:"public_key"`
	// Deleted is true on the object Delete returns.
	Deleted bool `json:"deleted"`
}

type webhookKeyWire struct {
	Active *bool `json:"active,omitempty"`
}

// WebhookKeysService is client.WebhookKeys: the RSA keys that sign webhook
// notifications.
type WebhookKeysService service

// webhookKeyKind: the specification declares X-Child-Company-Id on the
// reads only (get, list), not on create, update or delete.
var webhookKeyKind = kind[WebhookKey]{path: "/webhook_keys", object: "webhook_key", child: true,
	id: func(k *WebhookKey) string { return k.ID }, obj: func(k *WebhookKey) string { return k.Object }}

// Validate checks p as Create does before any I/O: p must not be nil (an
// empty WebhookKeyParams creates an active key).
func (p *WebhookKeyParams) Validate() error {
	if p == nil {
		return invalidParams("WebhookKeyParams", "is nil")
	}
	return nil
}

// Create sends POST /webhook_keys.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/createwebhookkey
func (s *WebhookKeysService) Create(ctx context.Context, p *WebhookKeyParams) (*WebhookKey, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := webhookKeyWire{Active: copyBool(p.Active)}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/webhook_keys", Body: &body}, webhookKeyKind.check)
}

// Get sends GET /webhook_keys/{id}.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getwebhookkey
func (s *WebhookKeysService) Get(ctx context.Context, id string) (*WebhookKey, error) {
	return s.one(ctx, "GET", id, nil)
}

// Update sends PUT /webhook_keys/{id}, switching the key on or off. Params
// without Active set nothing and are refused with ErrInvalidParams, before
// any request.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/updatewebhookkey
func (s *WebhookKeysService) Update(ctx context.Context, id string, p *WebhookKeyParams) (*WebhookKey, error) {
	if _, err := use((*service)(s)); err != nil {
		return nil, err
	}
	if _, err := pathID("id", id); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	// Active is the only field a key has to change; without it the body is
	// {} and the update changes nothing.
	if p.Active == nil {
		return nil, invalidParams("WebhookKeyParams.Active", "is nil: an update sets nothing")
	}
	return s.one(ctx, "PUT", id, &webhookKeyWire{Active: copyBool(p.Active)})
}

// Delete sends DELETE /webhook_keys/{id}.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/deletewebhookkey
func (s *WebhookKeysService) Delete(ctx context.Context, id string) (*WebhookKey, error) {
	return s.one(ctx, "DELETE", id, nil)
}

func (s *WebhookKeysService) one(ctx context.Context, method, id string, body any) (*WebhookKey, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: method, Path: "/webhook_keys/" + pid}
	if method == "GET" {
		req.Header = webhookKeyKind.header(c)
	}
	if body != nil {
		req.Body = body
	}
	return doObject(ctx, c, req, webhookKeyKind.check)
}

// List sends GET /webhook_keys and returns one page.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getwebhookkeys
func (s *WebhookKeysService) List(ctx context.Context, p *ListParams) (*Page[WebhookKey], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return list(ctx, c, webhookKeyKind, p)
}

// All walks every webhook key, sending GET /webhook_keys once per page,
// lazily.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getwebhookkeys
func (s *WebhookKeysService) All(ctx context.Context, p *ListParams) iter.Seq2[*WebhookKey, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[WebhookKey](err)
	}
	return all(ctx, c, webhookKeyKind, p)
}

func copyBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}
