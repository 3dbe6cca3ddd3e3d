package digitalfemsa

import (
	"context"
	"iter"

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
//
// Name, Email and Phone are plain strings, a type fixed by this release's
// API, although the API may send null for each: a null arrives as "", so
// "" means "null or empty". The other nullable fields are pointers, nil
// for null.
type Customer struct {
	// ID is the customer id ("cus_...").
	ID string `json:"id"`
	// Object is "customer"; the SDK refuses an answer of another kind.
	Object string `json:"object"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// Name is the customer's name; "" when the API sends null.
	Name string `json:"name"`
	// Email receives notifications and cash-out references; "" when the
	// API sends null.
	Email string `json:"email"`
	// Phone is the customer's phone, as given; "" when the API sends null.
	Phone string `json:"phone"`
	// Corporate marks a company.
	Corporate bool `json:"corporate"`
	// CustomReference is your own id for the customer.
	CustomReference string `json:"custom_reference"`
	// CreatedAt is when the customer was created.
	CreatedAt Time `json:"created_at"`
	// Metadata is the customer's metadata.
	Metadata Metadata `json:"metadata"`
	// Deleted is true on the object Delete returns, whether or not the
	// answer says so (the specification's customer has no such field).
	Deleted bool `json:"deleted"`
	// DefaultPaymentSourceID is the default saved payment source; "" when
	// none.
	DefaultPaymentSourceID string `json:"default_payment_source_id"`
	// DefaultShippingContactID is the default shipping contact; nil when
	// the API sends null (the customer has none).
	DefaultShippingContactID *string `json:"default_shipping_contact_id"`
	// DefaultFiscalEntityID is the default fiscal entity; nil when the API
	// sends null (the customer has none).
	DefaultFiscalEntityID *string `json:"default_fiscal_entity_id"`
	// PaymentSources are the customer's saved payment sources; nil when
	// null or absent.
	PaymentSources *NestedList[CustomerPaymentSource] `json:"payment_sources"`
	// ShippingContacts are the customer's shipping contacts; nil when null
	// or absent.
	ShippingContacts *NestedList[ShippingContactInfo] `json:"shipping_contacts"`
	// FiscalEntities are the customer's billing identities; nil when null
	// or absent.
	FiscalEntities *NestedList[CustomerFiscalEntity] `json:"fiscal_entities"`
}

// CustomerPaymentSource is a payment source as a customer embeds it: a
// saved cash reference (type "cash" or "oxxo_recurrent").
type CustomerPaymentSource struct {
	// ID is the payment source's id ("src_...").
	ID string `json:"id"`
	// Object is "payment_source".
	Object string `json:"object"`
	// Type is "cash", "oxxo_recurrent" or another value.
	Type string `json:"type"`
	// CreatedAt is when it was saved.
	CreatedAt Time `json:"created_at"`
	// ParentID is the customer id.
	ParentID string `json:"parent_id"`
	// Reference is the number the customer pays with at the store.
	Reference string `json:"reference"`
	// Barcode is the reference as a barcode value.
	Barcode string `json:"barcode"`
	// BarcodeURL is an image of the barcode.
	BarcodeURL string `json:"barcode_url"`
	// ExpiresAt is when the reference expires; zero when it does not (0).
	ExpiresAt Time `json:"expires_at"`
	// Provider is the cash network ("Oxxo").
	Provider string `json:"provider"`
}

// CustomerFiscalEntity is a billing identity as a customer embeds it.
type CustomerFiscalEntity struct {
	// ID is the fiscal entity's id ("fis_ent_...").
	ID string `json:"id"`
	// Object is "fiscal_entity" (the API's own example says
	// "shipping_contact").
	Object string `json:"object"`
	// CreatedAt is when it was created.
	CreatedAt Time `json:"created_at"`
	// ParentID is the customer id.
	ParentID string `json:"parent_id"`
	// Default marks the customer's default entity.
	Default bool `json:"default"`
	// Name is the legal name.
	Name string `json:"name"`
	// TaxID is the tax id (RFC in Mexico).
	TaxID string `json:"tax_id"`
	// Email is the billing address.
	Email string `json:"email"`
	// Phone is the billing phone.
	Phone string `json:"phone"`
	// Address is the fiscal address.
	Address *PostalAddress `json:"address"`
	// Metadata is the entity's metadata.
	Metadata Metadata `json:"metadata"`
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

// CustomersService is client.Customers: customers, the people who pay
// orders and withdraw cash.
type CustomersService service

var customerKind = kind[Customer]{path: "/customers", object: "customer", child: true,
	id: func(c *Customer) string { return c.ID }, obj: func(c *Customer) string { return c.Object }}

// Validate checks p as Create does before any I/O: Name 1 to 250
// characters, Email an address of at most 250, Phone at most 19, Metadata
// at most 100 keys.
func (p *CustomerParams) Validate() error {
	if p == nil {
		return invalidParams("CustomerParams", "is nil")
	}
	if err := checkLen("Name", p.Name, 1, 250); err != nil {
		return err
	}
	if err := checkLen("Email", p.Email, 1, 250); err != nil {
		return err
	}
	if err := checkEmail("Email", p.Email); err != nil {
		return err
	}
	if err := checkLen("Phone", p.Phone, 0, maxPhone); err != nil {
		return err
	}
	return checkMetadata("Metadata", p.Metadata)
}

// Create sends POST /customers. A create that fails with an unknown
// outcome is not repeated (a POST).
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/createcustomer
func (s *CustomersService) Create(ctx context.Context, p *CustomerParams) (*Customer, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := customerWire{Name: p.Name, Email: p.Email, Phone: p.Phone, CustomReference: p.CustomReference, Metadata: copyMetadata(p.Metadata)}
	if p.Corporate {
		t := true
		body.Corporate = &t
	}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/customers", Body: &body, Header: customerKind.header(c)}, customerKind.check)
}

// Get sends GET /customers/{id}.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getcustomerbyid
func (s *CustomersService) Get(ctx context.Context, id string) (*Customer, error) {
	return s.one(ctx, "GET", id, nil)
}

// Validate checks p as Update does before any I/O: at least one field set,
// Email an address when given, Phone at most 19 characters, Metadata at
// most 100 keys.
func (p *CustomerUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("CustomerUpdateParams", "is nil")
	}
	// Empty fields are left out of the body: an update setting none of them
	// would send {} and change nothing.
	if p.Name+p.Email+p.Phone+p.CustomReference == "" && p.Corporate == nil && len(p.Metadata) == 0 {
		return invalidParams("CustomerUpdateParams", "sets nothing")
	}
	if p.Email != "" {
		if err := checkEmail("Email", p.Email); err != nil {
			return err
		}
	}
	if err := checkLen("Phone", p.Phone, 0, maxPhone); err != nil {
		return err
	}
	return checkMetadata("Metadata", p.Metadata)
}

// Update sends PUT /customers/{id}. Params that set no field are refused
// with ErrInvalidParams, before any request.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/updatecustomer
func (s *CustomersService) Update(ctx context.Context, id string, p *CustomerUpdateParams) (*Customer, error) {
	if _, err := use((*service)(s)); err != nil {
		return nil, err
	}
	if _, err := pathID("id", id); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := customerWire{Name: p.Name, Email: p.Email, Phone: p.Phone, CustomReference: p.CustomReference, Metadata: copyMetadata(p.Metadata)}
	if p.Corporate != nil {
		v := *p.Corporate
		body.Corporate = &v
	}
	return s.one(ctx, "PUT", id, &body)
}

// Delete sends DELETE /customers/{id} and returns the customer as the API
// last saw it.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/deletecustomerbyid
func (s *CustomersService) Delete(ctx context.Context, id string) (*Customer, error) {
	cus, err := s.one(ctx, "DELETE", id, nil)
	if err != nil {
		return nil, err
	}
	// A 2xx to DELETE is the deletion: the answer need not say it.
	cus.Deleted = true
	return cus, nil
}

func (s *CustomersService) one(ctx context.Context, method, id string, body any) (*Customer, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: method, Path: "/customers/" + pid, Header: customerKind.header(c)}
	if body != nil {
		req.Body = body
	}
	return doObject(ctx, c, req, customerKind.check)
}

// List sends GET /customers and returns one page.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getcustomers
func (s *CustomersService) List(ctx context.Context, p *ListParams) (*Page[Customer], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return list(ctx, c, customerKind, p)
}

// All walks every customer, sending GET /customers once per page, lazily.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getcustomers
func (s *CustomersService) All(ctx context.Context, p *ListParams) iter.Seq2[*Customer, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[Customer](err)
	}
	return all(ctx, c, customerKind, p)
}
