package digitalfemsa

import (
	"context"

	"github.com/latampay/latampay-go/internal/transport"
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
		return paramError(field+".Street1", "is required")
	case a.PostalCode == "":
		return paramError(field+".PostalCode", "is required")
	case a.City == "":
		return paramError(field+".City", "is required")
	case a.Country == "":
		return paramError(field+".Country", "is required")
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
		return paramError("FiscalEntityParams", "is nil")
	}
	if err := p.Address.check("Address"); err != nil {
		return err
	}
	if p.Email != "" {
		if err := opsEmail("Email", p.Email); err != nil {
			return err
		}
	}
	return opsMetadata("Metadata", p.Metadata)
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
		return paramError("FiscalEntityUpdateParams", "is nil")
	}
	if p.Address == nil && p.TaxID+p.Email+p.Phone+p.CompanyName == "" && len(p.Metadata) == 0 {
		return paramError("FiscalEntityUpdateParams", "sets nothing")
	}
	if p.Address != nil {
		if err := p.Address.check("Address"); err != nil {
			return err
		}
	}
	if p.Email != "" {
		if err := opsEmail("Email", p.Email); err != nil {
			return err
		}
	}
	return opsMetadata("Metadata", p.Metadata)
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
type FiscalEntitiesService struct{ c *transport.Client }

func (s *FiscalEntitiesService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Create adds a fiscal entity to a customer (POST
// /customers/{id}/fiscal_entities, operation CreateCustomerFiscalEntities).
func (s *FiscalEntitiesService) Create(ctx context.Context, customerID string, p *FiscalEntityParams) (*FiscalEntity, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	cid, err := escapeID("CustomerID", customerID)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	addr := p.Address
	body := &fiscalEntityWire{Address: &addr, TaxID: p.TaxID, Name: p.Name, Email: p.Email, Phone: p.Phone, Metadata: copyMetadata(p.Metadata)}
	return callObject(ctx, s.tc(), &transport.Request{Method: "POST", Path: "/customers/" + cid + "/fiscal_entities", Body: body}, fiscalEntityObjects, fiscalEntityIdent)
}

// Update changes a customer's fiscal entity (PUT
// /customers/{id}/fiscal_entities/{fiscal_entities_id}, operation
// UpdateCustomerFiscalEntities).
func (s *FiscalEntitiesService) Update(ctx context.Context, customerID, id string, p *FiscalEntityUpdateParams) (*FiscalEntity, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	ids, err := escapeIDs("CustomerID", customerID, "id", id)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &fiscalEntityWire{TaxID: p.TaxID, Email: p.Email, Phone: p.Phone, CompanyName: p.CompanyName, Metadata: copyMetadata(p.Metadata)}
	if p.Address != nil {
		addr := *p.Address
		body.Address = &addr
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "PUT", Path: "/customers/" + ids[0] + "/fiscal_entities/" + ids[1], Body: body}, fiscalEntityObjects, fiscalEntityIdent)
}

// fiscalEntityObjects are the object names a fiscal entity answer may
// carry: the spec's example of the create answer says "shipping_contact".
const fiscalEntityObjects = "fiscal_entities|fiscal_entity|shipping_contact"

func fiscalEntityIdent(f *FiscalEntity) (string, string) { return f.ID, f.Object }
