package digitalfemsatest

import (
	"net/http"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// webhookKey is a webhook key as GET /webhook_keys/{id} answers it.
type webhookKey struct {
	ID            string `json:"id"`
	Object        string `json:"object"`
	Active        bool   `json:"active"`
	Livemode      bool   `json:"livemode"`
	CreatedAt     int64  `json:"created_at"`
	DeactivatedAt *int64 `json:"deactivated_at"`
	PublicKey     string `json:"public_key"`
}

// webhookKeyCreated is POST /webhook_keys' answer: the spec's
// webhook-key_create_response has no deactivated_at.
type webhookKeyCreated struct {
	ID        string `json:"id"`
	Object    string `json:"object"`
	Active    bool   `json:"active"`
	Livemode  bool   `json:"livemode"`
	CreatedAt int64  `json:"created_at"`
	PublicKey string `json:"public_key"`
}

// webhookKeyDeleted is DELETE /webhook_keys/{id}'s answer: the spec's
// webhook-key_delete_response has deleted, and neither public_key nor
// deactivated_at.
type webhookKeyDeleted struct {
	ID        string `json:"id"`
	Object    string `json:"object"`
	Active    bool   `json:"active"`
	Livemode  bool   `json:"livemode"`
	CreatedAt int64  `json:"created_at"`
	Deleted   bool   `json:"deleted"`
}

// declareWebhookKeys declares /webhook_keys. Its create and delete answer
// the spec's own shapes (webhookKeyCreated, webhookKeyDeleted).
func (s *Server) declareWebhookKeys(d *fakeapi.Dialect) {
	s.webhookKeys = fakeapi.Declare(s.Server, d, fakeapi.Resource[webhookKey]{
		Name: "webhook_key", Path: "/webhook_keys", NewID: hexID,
		ID:           func(k *webhookKey) string { return k.ID },
		Serve:        fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		CreateStatus: http.StatusOK, UpdateMethod: http.MethodPut,
		Create:  s.createWebhookKey,
		Update:  s.updateWebhookKey,
		Filters: search(func(k *webhookKey) []string { return []string{k.ID} }),
		View: func(op fakeapi.Ops, k webhookKey) any {
			switch op {
			case fakeapi.OpCreate:
				return webhookKeyCreated{ID: k.ID, Object: k.Object, Active: k.Active, Livemode: k.Livemode, CreatedAt: k.CreatedAt, PublicKey: k.PublicKey}
			case fakeapi.OpDelete:
				return webhookKeyDeleted{ID: k.ID, Object: k.Object, Active: k.Active, Livemode: k.Livemode, CreatedAt: k.CreatedAt, Deleted: true}
			}
			return k
		},
	})
}

func (s *Server) createWebhookKey(c *fakeapi.Call) (*webhookKey, error) {
	var req struct {
		Active *bool `json:"active"`
	}
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	k := &webhookKey{ID: c.NewID(), Object: "webhook_key", Active: true, CreatedAt: s.Now().Unix(), PublicKey: string(s.WebhookPublicKeyPEM())}
	if req.Active != nil && !*req.Active {
		k.Active = false
		t := k.CreatedAt
		k.DeactivatedAt = &t
	}
	return k, nil
}

func (s *Server) updateWebhookKey(c *fakeapi.Call) (func(*webhookKey) error, error) {
	var req struct {
		Active *bool `json:"active"`
	}
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	return func(k *webhookKey) error {
		if req.Active != nil && *req.Active != k.Active {
			k.Active = *req.Active
			k.DeactivatedAt = nil
			if !k.Active {
				t := s.Now().Unix()
				k.DeactivatedAt = &t
			}
		}
		return nil
	}, nil
}
