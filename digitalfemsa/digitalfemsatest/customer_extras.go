package digitalfemsatest

import (
	"maps"
	"net/http"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// ---- payment sources ----

// paymentSource is a cash reference saved on a customer (spec
// "payment_method_cash_response").
type paymentSource struct {
	ID         string `json:"id"`
	Object     string `json:"object"`
	Type       string `json:"type"`
	CreatedAt  int64  `json:"created_at"`
	ParentID   string `json:"parent_id"`
	Reference  string `json:"reference"`
	Barcode    string `json:"barcode"`
	BarcodeURL string `json:"barcode_url"`
	ExpiresAt  int64  `json:"expires_at"`
	Provider   string `json:"provider"`
	// Name is what the merchant called it (PUT); the spec's response has
	// no such field, so it is kept but not answered.
	Name string `json:"-"`
}

// declareCustomerChildren declares the resources kept under a customer:
// payment sources, fiscal entities and shipping contacts. Their routes
// answer a 404 for a missing customer first, then reach only the
// customer's own objects.
func (x *extras) declareCustomerChildren(d *fakeapi.Dialect) {
	d = wrapBefore(d, func(w http.ResponseWriter, r *http.Request) bool {
		id := r.PathValue("id")
		if _, ok := x.s.customers.Get(id); !ok {
			notFound(w, r, "customer", id)
			return false
		}
		return true
	})
	x.paymentSources = fakeapi.Declare(x.s.Server, d, fakeapi.Resource[paymentSource]{
		Name: "payment_source", Path: "/customers/{id}/payment_sources", IDParam: "source_id", IDPrefix: "src_", IDLength: 17,
		ID:    func(p *paymentSource) string { return p.ID },
		Scope: func(r *http.Request, p *paymentSource) bool { return p.ParentID == r.PathValue("id") },
		Serve: fakeapi.OpCreate | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete, CreateStatus: http.StatusOK, UpdateMethod: http.MethodPut,
		Create:  x.createPaymentSource,
		Update:  x.updatePaymentSource,
		Filters: search(func(p *paymentSource) []string { return []string{p.ID, p.Reference} }),
	})
	x.fiscalEntities = fakeapi.Declare(x.s.Server, d, fakeapi.Resource[fiscalEntity]{
		Name: "fiscal_entity", Path: "/customers/{id}/fiscal_entities", IDParam: "fiscal_id", IDPrefix: "fis_ent_", IDLength: 17,
		ID:    func(f *fiscalEntity) string { return f.ID },
		Copy:  func(f *fiscalEntity) fiscalEntity { out := *f; out.Metadata = maps.Clone(f.Metadata); return out },
		Scope: func(r *http.Request, f *fiscalEntity) bool { return f.ParentID == r.PathValue("id") },
		Serve: fakeapi.OpCreate | fakeapi.OpUpdate, CreateStatus: http.StatusOK, UpdateMethod: http.MethodPut,
		Create: x.createFiscalEntity,
		Update: x.updateFiscalEntity,
	})
	x.shippingContacts = fakeapi.Declare(x.s.Server, d, fakeapi.Resource[shippingContact]{
		Name: "shipping_contact", Path: "/customers/{id}/shipping_contacts", IDParam: "contact_id", IDPrefix: "ship_cont_", IDLength: 17,
		ID:    func(c *shippingContact) string { return c.ID },
		Copy:  func(c *shippingContact) shippingContact { out := *c; out.Metadata = maps.Clone(c.Metadata); return out },
		Scope: func(r *http.Request, c *shippingContact) bool { return c.ParentID == r.PathValue("id") },
		Serve: fakeapi.OpCreate | fakeapi.OpUpdate | fakeapi.OpDelete, CreateStatus: http.StatusOK, UpdateMethod: http.MethodPut,
		Create: x.createShippingContact,
		Update: x.updateShippingContact,
		// A deleted contact is answered marked deleted.
		View: func(op fakeapi.Ops, c shippingContact) any {
			if op == fakeapi.OpDelete {
				c.Deleted = true
			}
			return c
		},
	})
}

// theirs refuses, with the item's 404, an update of an item the
// customer does not have: the API looks the item up before it reads the
// body, where the declared update reads the body first.
func theirs[T any](items *fakeapi.Collection[T], c *fakeapi.Call, parent func(*T) string) error {
	if v, ok := items.Get(c.ID); !ok || parent(&v) != c.R.PathValue("id") {
		return notFoundErr(http.StatusNotFound, c.Info.Label, c.ID)
	}
	return nil
}

func (x *extras) createPaymentSource(c *fakeapi.Call) (*paymentSource, error) {
	var req paymentSourceReq
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if p := req.check(""); p != nil {
		p.param = "type"
		return nil, p.err()
	}
	if *req.Type != "cash" {
		return nil, validationErr("type", "invalid", "Only cash payment sources are supported.", "Solo se admiten fuentes de pago en efectivo.")
	}
	now := x.s.Now().Unix()
	if req.ExpiresAt != nil && *req.ExpiresAt != 0 && *req.ExpiresAt <= now {
		return nil, validationErr("expires_at", "invalid", "expires_at must be in the future.", "expires_at debe estar en el futuro.")
	}
	ref := fakeapi.NewDigits(14)
	ps := &paymentSource{ID: c.NewID(), Object: "payment_source", Type: "cash", CreatedAt: now, ParentID: c.R.PathValue("id"),
		Reference: ref, Barcode: ref, BarcodeURL: "https://barcodes.digitalfemsa.io/" + ref + ".png", Provider: "Oxxo"}
	if req.ExpiresAt != nil {
		ps.ExpiresAt = *req.ExpiresAt
	}
	return ps, nil
}

func (x *extras) updatePaymentSource(c *fakeapi.Call) (func(*paymentSource) error, error) {
	if err := theirs(x.paymentSources, c, func(p *paymentSource) string { return p.ParentID }); err != nil {
		return nil, err
	}
	var req struct {
		Name *string `json:"name"`
	}
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	return func(p *paymentSource) error { setStr(&p.Name, req.Name); return nil }, nil
}

// ---- fiscal entities ----

// fiscalEntity is a customer's invoicing data (spec
// "create_customer_fiscal_entities_response").
type fiscalEntity struct {
	ID        string             `json:"id"`
	Object    string             `json:"object"`
	CreatedAt int64              `json:"created_at"`
	ParentID  string             `json:"parent_id"`
	Default   bool               `json:"default"`
	Address   customerAddressReq `json:"address"`
	TaxID     *string            `json:"tax_id,omitempty"`
	Name      *string            `json:"name,omitempty"`
	Email     *string            `json:"email,omitempty"`
	Phone     *string            `json:"phone,omitempty"`
	Metadata  map[string]any     `json:"metadata,omitempty"`
}

func (x *extras) createFiscalEntity(c *fakeapi.Call) (*fiscalEntity, error) {
	var req struct {
		customerFiscalEntityReq
		Name *string `json:"name"`
	}
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if req.CompanyName != nil {
		// company_name is an update field; create names it "name".
		return nil, whitelistErr("company_name")
	}
	if p := req.check(""); p != nil {
		p.param = p.param[1:]
		return nil, p.err()
	}
	if err := metadataErr("metadata", req.Metadata); err != nil {
		return nil, err
	}
	cid := c.R.PathValue("id")
	first := len(x.fiscalEntities.Select(func(f *fiscalEntity) bool { return f.ParentID == cid })) == 0
	return &fiscalEntity{ID: c.NewID(), Object: "fiscal_entities", CreatedAt: x.s.Now().Unix(), ParentID: cid, Default: first,
		Address: *req.Address, TaxID: req.TaxID, Name: req.Name, Email: req.Email, Phone: req.Phone, Metadata: req.Metadata}, nil
}

func (x *extras) updateFiscalEntity(c *fakeapi.Call) (func(*fiscalEntity) error, error) {
	if err := theirs(x.fiscalEntities, c, func(f *fiscalEntity) string { return f.ParentID }); err != nil {
		return nil, err
	}
	var req customerFiscalEntityReq
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if req.Address != nil {
		if p := req.check(""); p != nil {
			p.param = p.param[1:]
			return nil, p.err()
		}
	}
	if err := metadataErr("metadata", req.Metadata); err != nil {
		return nil, err
	}
	return func(f *fiscalEntity) error {
		if req.Address != nil {
			f.Address = *req.Address
		}
		for _, kv := range []struct {
			dst **string
			v   *string
		}{{&f.TaxID, req.TaxID}, {&f.Email, req.Email}, {&f.Phone, req.Phone}, {&f.Name, req.CompanyName}} {
			if kv.v != nil {
				v := *kv.v
				*kv.dst = &v
			}
		}
		if req.Metadata != nil {
			f.Metadata = req.Metadata
		}
		return nil
	}, nil
}

// ---- shipping contacts ----

// shippingContact is a customer's shipping address (spec
// "customer_shipping_contacts_response").
type shippingContact struct {
	ID             string          `json:"id"`
	Object         string          `json:"object"`
	CreatedAt      int64           `json:"created_at"`
	ParentID       string          `json:"parent_id"`
	Default        bool            `json:"default"`
	Deleted        bool            `json:"deleted"`
	Phone          string          `json:"phone,omitempty"`
	Receiver       string          `json:"receiver,omitempty"`
	BetweenStreets *string         `json:"between_streets"`
	Address        shippingAddress `json:"address"`
	Metadata       map[string]any  `json:"metadata,omitempty"`
}

type shippingAddress struct {
	Object      string `json:"object"`
	Street1     string `json:"street1,omitempty"`
	Street2     string `json:"street2,omitempty"`
	PostalCode  string `json:"postal_code,omitempty"`
	City        string `json:"city,omitempty"`
	State       string `json:"state,omitempty"`
	Country     string `json:"country,omitempty"`
	Residential *bool  `json:"residential"`
}

func (a *shippingAddress) apply(req *shippingAddressReq) {
	a.Object = "shipping_address"
	setStr(&a.Street1, req.Street1)
	setStr(&a.Street2, req.Street2)
	setStr(&a.PostalCode, req.PostalCode)
	setStr(&a.City, req.City)
	setStr(&a.State, req.State)
	setStr(&a.Country, req.Country)
	if req.Residential != nil {
		v := *req.Residential
		a.Residential = &v
	}
}

func (c *shippingContact) apply(req *shippingContactReq) {
	setStr(&c.Phone, req.Phone)
	setStr(&c.Receiver, req.Receiver)
	if req.BetweenStreets != nil {
		v := *req.BetweenStreets
		c.BetweenStreets = &v
	}
	if req.Address != nil {
		c.Address.apply(req.Address)
	}
	if req.Default != nil {
		c.Default = *req.Default
	}
	if req.Metadata != nil {
		c.Metadata = req.Metadata
	}
}

func (x *extras) createShippingContact(c *fakeapi.Call) (*shippingContact, error) {
	var req shippingContactReq
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if p := req.check(""); p != nil {
		p.param = "address"
		return nil, p.err()
	}
	if err := metadataErr("metadata", req.Metadata); err != nil {
		return nil, err
	}
	sc := &shippingContact{ID: c.NewID(), Object: "shipping_contact", CreatedAt: x.s.Now().Unix(), ParentID: c.R.PathValue("id")}
	sc.apply(&req)
	return sc, nil
}

func (x *extras) updateShippingContact(c *fakeapi.Call) (func(*shippingContact) error, error) {
	if err := theirs(x.shippingContacts, c, func(sc *shippingContact) string { return sc.ParentID }); err != nil {
		return nil, err
	}
	var req shippingContactReq
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if req.Metadata != nil {
		// The update body of the spec has no metadata.
		return nil, whitelistErr("metadata")
	}
	return func(sc *shippingContact) error { sc.apply(&req); return nil }, nil
}
