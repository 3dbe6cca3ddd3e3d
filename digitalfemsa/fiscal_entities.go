package digitalfemsa

import (
	"context"
)

// FiscalAddress is the tax address of a customer's fiscal entity. Street1,
// PostalCode, City and Country are required.
type FiscalAddress struct {
	// Street1 is the street and number; required.
	Street1 string `json:"street1"`
	// Street2 is the neighbourhood or second line.
	Street2 string `json:"street2,omitempty"`
	// PostalCode is required.
	PostalCode string `json:"postal_code"`
	// City is required.
	City string `json:"city"`
	// State is the state or province.
	State string `json:"state,omitempty"`
	// Country is required (for example "MX").
	Country string `json:"country"`
	// Residential marks a home address.
	Residential bool `json:"residential,omitempty"`
	// ExternalNumber is the building's outside number.
	ExternalNumber string `json:"external_number,omitempty"`
}

func (a *FiscalAddress) check(field string) error {
	switch {
	case a.Street1 == "":
		return invalidParams(field+".Street1", "is required")
	case a.PostalCode == "":
		return invalidParams(field+".PostalCode", "is required")
	case a.City == "":
		return invalidParams(field+".City", "is required")
	case a.Country == "":
		return invalidParams(field+".Country", "is required")
	}
	return nil
}

// FiscalEntityParams adds a fiscal entity (the data for invoices) to a
// customer.
type FiscalEntityParams struct {
	// Address is the tax address; required.
	Address FiscalAddress
	// TaxID is the RFC (Mexican tax id).
	TaxID string
	// Name is the legal name.
	Name string
	// Email receives invoices.
	Email string
	// Phone is a contact phone.
	Phone string
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check FiscalEntities.Create runs before any request.
func (p *FiscalEntityParams) Validate() error {
	if p == nil {
		return invalidParams("FiscalEntityParams", "is nil")
	}
	return checkFiscal(&p.Address, p.Email, p.Metadata)
}

// checkFiscal is the check create and update share: the address (when one
// is given), the email (when set) and the metadata, in that order.
func checkFiscal(addr *FiscalAddress, email string, metadata map[string]string) error {
	if addr != nil {
		if err := addr.check("Address"); err != nil {
			return err
		}
	}
	if email != "" {
		if err := checkEmail("Email", email); err != nil {
			return err
		}
	}
	return checkMetadata("Metadata", metadata)
}

// FiscalEntityUpdateParams changes a fiscal entity; empty fields are left
// unchanged, and at least one must be set. The API names the legal name
// company_name here (and name on create).
type FiscalEntityUpdateParams struct {
	// Address, when not nil, replaces the tax address (its required
	// fields apply).
	Address *FiscalAddress
	// TaxID replaces the RFC.
	TaxID string
	// Email replaces the address that receives invoices.
	Email string
	// Phone replaces the contact phone.
	Phone string
	// CompanyName replaces the legal name.
	CompanyName string
	// Metadata replaces the metadata; at most 100 keys.
	Metadata map[string]string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check FiscalEntities.Update runs before any request.
func (p *FiscalEntityUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("FiscalEntityUpdateParams", "is nil")
	}
	if p.Address == nil && p.TaxID+p.Email+p.Phone+p.CompanyName == "" && len(p.Metadata) == 0 {
		return invalidParams("FiscalEntityUpdateParams", "sets nothing")
	}
	return checkFiscal(p.Address, p.Email, p.Metadata)
}

// FiscalEntity is a customer's invoicing data.
type FiscalEntity struct {
	// ID is the entity's id ("fis_ent_...").
	ID string `json:"id"`
	// Object is "fiscal_entities" in the API's examples.
	Object string `json:"object"`
	// CreatedAt is when it was added.
	CreatedAt Time `json:"created_at"`
	// ParentID is the customer's id.
	ParentID string `json:"parent_id"`
	// Default marks the customer's default fiscal entity.
	Default bool `json:"default"`
	// Address is the tax address.
	Address FiscalAddress `json:"address"`
	// TaxID is the RFC; empty when absent.
	TaxID string `json:"tax_id"`
	// Name is the legal name; empty when absent.
	Name string `json:"name"`
	// Email receives invoices; empty when absent.
	Email string `json:"email"`
	// Phone is a contact phone; empty when absent.
	Phone string `json:"phone"`
	// Metadata is as sent.
	Metadata Metadata `json:"metadata"`
}

type fiscalEntityWire struct {
	Address     *FiscalAddress    `json:"address,omitempty"`
	TaxID       string            `json:"tax_id,omitempty"`
	Name        string            `json:"name,omitempty"`
	Email       string            `json:"email,omitempty"`
	Phone       string            `json:"phone,omitempty"`
	CompanyName string            `json:"company_name,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

// FiscalEntitiesService is client.FiscalEntities: customers' invoicing
// data.
type FiscalEntitiesService service

// fiscalEntities: the API's examples name a fiscal entity
// "fiscal_entities", and the specification's example of the create answer
// says "shipping_contact"; all three are accepted.
var fiscalEntities = customerSub(kind[FiscalEntity]{object: "fiscal_entities|fiscal_entity|shipping_contact", child: true,
	id: func(f *FiscalEntity) string { return f.ID }, obj: func(f *FiscalEntity) string { return f.Object }}, "fiscal_entities")

// Create adds a fiscal entity to a customer (POST
// /customers/{id}/fiscal_entities, operation CreateCustomerFiscalEntities).
func (s *FiscalEntitiesService) Create(ctx context.Context, customerID string, p *FiscalEntityParams) (*FiscalEntity, error) {
	return fiscalEntities.create(ctx, (*service)(s), customerID, p, func() any {
		addr := p.Address
		return &fiscalEntityWire{Address: &addr, TaxID: p.TaxID, Name: p.Name, Email: p.Email, Phone: p.Phone, Metadata: copyMetadata(p.Metadata)}
	})
}

// Update changes a customer's fiscal entity (PUT
// /customers/{id}/fiscal_entities/{fiscal_entities_id}, operation
// UpdateCustomerFiscalEntities).
func (s *FiscalEntitiesService) Update(ctx context.Context, customerID, id string, p *FiscalEntityUpdateParams) (*FiscalEntity, error) {
	return fiscalEntities.update(ctx, (*service)(s), customerID, id, p, func() any {
		body := &fiscalEntityWire{TaxID: p.TaxID, Email: p.Email, Phone: p.Phone, CompanyName: p.CompanyName, Metadata: copyMetadata(p.Metadata)}
		if p.Address != nil {
			addr := *p.Address
			body.Address = &addr
		}
		return body
	})
}
