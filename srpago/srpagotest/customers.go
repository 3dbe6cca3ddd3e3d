package srpagotest

import (
	"encoding/json"
	"maps"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/wire"
)

type customer struct {
	ID         string
	Name       string
	Email      string
	DateCreate time.Time
	Metadata   map[string]any
	// Deleted counts the cards removed from the customer.
	Deleted int
}

// declareCustomers declares /v1/customer: created with a name and an
// e-mail address, updated with PUT (the fields sent and not empty),
// listed oldest first, read with their saved cards. Deleting one deletes
// its cards.
func (s *Server) declareCustomers() *fakeapi.Collection[customer] {
	return declare(s, fakeapi.Resource[customer]{
		Name: "customer", Label: "Cliente", Path: "/v1/customer",
		NewID: func() string { return "cus_" + uniqid() },
		ID:    func(c *customer) string { return c.ID },
		Copy: func(c *customer) customer {
			out := *c
			out.Metadata = maps.Clone(c.Metadata)
			return out
		},
		Serve:        fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		UpdateMethod: "PUT",
		CreateStatus: 200,
		Create:       s.createCustomer,
		Update:       updateCustomer,
		View: func(op fakeapi.Ops, c customer) any {
			if op == fakeapi.OpCreate {
				return c.wire(s, 1) // active is 1 on create, true elsewhere
			}
			return c.wire(s, true)
		},
		Metadata: func(c *customer, key string) (string, bool) {
			v, ok := customerMetadata(c.Metadata)[key]
			return v, ok
		},
		Changed: func(op fakeapi.Ops, c customer) {
			if op == fakeapi.OpDelete {
				for _, cr := range s.cardsOf(c.ID) {
					s.cards.Delete(cr.Token)
				}
			}
		},
	}, listing{}, nil)
}

// wire is the customer as the API shows it, with its saved cards.
func (c *customer) wire(s *Server, active any) map[string]any {
	cards := make([]any, 0)
	for _, cr := range s.cardsOf(c.ID) {
		cards = append(cards, cr.wire())
	}
	md := c.Metadata
	if md == nil {
		md = map[string]any{}
	}
	return map[string]any{
		"id": c.ID, "name": c.Name, "email": c.Email, "active": active,
		"date_create": c.DateCreate.Format(tsLayout), "sources": []any{}, "cards": cards,
		"metadata": md, "deactivated_cards": c.Deleted,
	}
}

// customerMetadata is the metadata as the srpago package reads it: every
// value a string, others as their JSON.
func customerMetadata(md map[string]any) wire.Metadata {
	var out wire.Metadata
	if b, err := json.Marshal(md); err == nil {
		_ = json.Unmarshal(b, &out)
	}
	return out
}

type customerBody struct {
	Name     *string        `json:"name"`
	Email    *string        `json:"email"`
	Metadata map[string]any `json:"metadata"`
}

func (s *Server) createCustomer(c *fakeapi.Call) (*customer, error) {
	var b customerBody
	if err := c.Decode(&b); err != nil {
		return nil, err
	}
	const msg = "name y email son obligatorios"
	switch {
	case b.Name == nil || *b.Name == "":
		return nil, &fakeapi.ParamError{Field: "name", Message: msg}
	case b.Email == nil || !strings.Contains(*b.Email, "@"):
		return nil, &fakeapi.ParamError{Field: "email", Message: msg}
	}
	return &customer{ID: c.NewID(), Name: *b.Name, Email: *b.Email, Metadata: b.Metadata, DateCreate: s.now()}, nil
}

// updateCustomer sets the name and e-mail sent non-empty and replaces
// the metadata when sent.
func updateCustomer(c *fakeapi.Call) (func(*customer) error, error) {
	var b customerBody
	if err := c.Decode(&b); err != nil {
		return nil, err
	}
	return func(cu *customer) error {
		if b.Name != nil && *b.Name != "" {
			cu.Name = *b.Name
		}
		if b.Email != nil && *b.Email != "" {
			cu.Email = *b.Email
		}
		if b.Metadata != nil {
			cu.Metadata = b.Metadata
		}
		return nil
	}, nil
}
