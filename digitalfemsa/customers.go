package digitalfemsa

import (
	"context"
	"iter"
	"net/url"

	"github.com/latampay/latampay-go/internal/transport"
)

// CustomerParams creates a customer. Name and Email are required:
// DigitalFemsa emails notifications and the cash-out reference to Email,
// which must look like an address (name@domain).
type CustomerParams struct {
	// Name is the customer's name, 1 to 250 characters.
	Name string
	// Email receives the cash-out reference: name@domain, at most 250
	// characters.
	Email string
	// Phone is optional, at most 19 characters; it is sent as given.
	Phone string
	// Corporate marks a company rather than a person.
	Corporate bool
	// CustomReference is your own id for the customer.
	CustomReference string
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// CustomerUpdateParams changes a customer; empty fields are left unchanged,
// and at least one must be set.
type CustomerUpdateParams struct {
	// Name replaces the customer's name.
	Name string
	// Email replaces the address; when given it must be name@domain.
	Email string
	// Phone replaces the phone, at most 19 characters.
	Phone string
	// Corporate, when not nil, sets whether the customer is a company.
	Corporate *bool
	// CustomReference replaces your own id for the customer.
	CustomReference string
	// Metadata replaces the metadata; at most 100 keys.
	Metadata map[string]string
}

// Customer is a DigitalFemsa customer.
type Customer struct {
	ID              string   `json:"id"`
	Object          string   `json:"object"`
	Livemode        bool     `json:"livemode"`
	Name            string   `json:"name"`
	Email           string   `json:"email"`
	Phone           string   `json:"phone"`
	Corporate       bool     `json:"corporate"`
	CustomReference string   `json:"custom_reference"`
	CreatedAt       Time     `json:"created_at"`
	Metadata        Metadata `json:"metadata"`
	// Deleted is true on the object Delete returns.
	Deleted                  bool   `json:"deleted"`
	DefaultPaymentSourceID   string `json:"default_payment_source_id"`
	DefaultShippingContactID string `json:"default_shipping_contact_id"`
	DefaultFiscalEntityID    string `json:"default_fiscal_entity_id"`
}

type customerWire struct {
	Name            string            `json:"name,omitempty"`
	Email           string            `json:"email,omitempty"`
	Phone           string            `json:"phone,omitempty"`
	Corporate       *bool             `json:"corporate,omitempty"`
	CustomReference string            `json:"custom_reference,omitempty"`
	Metadata        map[string]string `json:"metadata,omitempty"`
}

const maxPhone = 19

// CustomersService is client.Customers.
type CustomersService struct{ c *transport.Client }

// Create creates a customer (POST /customers). A create that fails with an
// unknown outcome is not repeated (a POST).
func (s *CustomersService) Create(ctx context.Context, p *CustomerParams) (*Customer, error) {
	if p == nil {
		return nil, transport.InvalidParams("CustomerParams", "is nil")
	}
	if err := checkLen("Name", p.Name, 1, 250); err != nil {
		return nil, err
	}
	if err := checkLen("Email", p.Email, 1, 250); err != nil {
		return nil, err
	}
	if err := checkEmail("Email", p.Email); err != nil {
		return nil, err
	}
	if err := checkLen("Phone", p.Phone, 0, maxPhone); err != nil {
		return nil, err
	}
	if err := checkMetadata("Metadata", p.Metadata); err != nil {
		return nil, err
	}
	body := customerWire{Name: p.Name, Email: p.Email, Phone: p.Phone, CustomReference: p.CustomReference, Metadata: copyMetadata(p.Metadata)}
	if p.Corporate {
		t := true
		body.Corporate = &t
	}
	return doObject(ctx, s.c, &transport.Request{Method: "POST", Path: "/customers", Body: &body}, customerID)
}

// Get fetches a customer (GET /customers/{id}).
func (s *CustomersService) Get(ctx context.Context, id string) (*Customer, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	return doObject(ctx, s.c, &transport.Request{Method: "GET", Path: "/customers/" + url.PathEscape(id)}, customerID)
}

// Update changes a customer (PUT /customers/{id}). Params that set no
// field are refused with ErrInvalidParams, before any request.
func (s *CustomersService) Update(ctx context.Context, id string, p *CustomerUpdateParams) (*Customer, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, transport.InvalidParams("CustomerUpdateParams", "is nil")
	}
	// Empty fields are left out of the body: an update setting none of them
	// would send {} and change nothing.
	if p.Name+p.Email+p.Phone+p.CustomReference == "" && p.Corporate == nil && len(p.Metadata) == 0 {
		return nil, transport.InvalidParams("CustomerUpdateParams", "sets nothing")
	}
	if p.Email != "" {
		if err := checkEmail("Email", p.Email); err != nil {
			return nil, err
		}
	}
	if err := checkLen("Phone", p.Phone, 0, maxPhone); err != nil {
		return nil, err
	}
	if err := checkMetadata("Metadata", p.Metadata); err != nil {
		return nil, err
	}
	body := customerWire{Name: p.Name, Email: p.Email, Phone: p.Phone, Corporate: p.Corporate, CustomReference: p.CustomReference, Metadata: copyMetadata(p.Metadata)}
	if p.Corporate != nil {
		v := *p.Corporate
		body.Corporate = &v
	}
	return doObject(ctx, s.c, &transport.Request{Method: "PUT", Path: "/customers/" + url.PathEscape(id), Body: &body}, customerID)
}

// Delete deletes a customer (DELETE /customers/{id}) and returns it as the
// API last saw it.
func (s *CustomersService) Delete(ctx context.Context, id string) (*Customer, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	return doObject(ctx, s.c, &transport.Request{Method: "DELETE", Path: "/customers/" + url.PathEscape(id)}, customerID)
}

// List returns one page of customers (GET /customers).
func (s *CustomersService) List(ctx context.Context, p *ListParams) (*Page[Customer], error) {
	return list(ctx, s.c, "/customers", p, customerID)
}

// All walks every customer, page by page.
func (s *CustomersService) All(ctx context.Context, p *ListParams) iter.Seq2[*Customer, error] {
	return all(ctx, s.c, "/customers", p, customerID)
}

func customerID(c *Customer) string { return c.ID }
