package digitalfemsatest

import (
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

// customerExists answers a 404 for a missing customer.
func (x *extras) customerExists(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if _, ok := x.s.customers.Get(id); !ok {
		notFound(w, r, "customer", id)
		return id, false
	}
	return id, true
}

// customerChild is a resource kept under a customer (a payment source, a
// fiscal entity, a shipping contact): its store, the path value naming it,
// the object a 404 names, and the customer it belongs to.
type customerChild[T any] struct {
	x      *extras
	store  *fakeapi.Store[T]
	key    string
	object string
	id     func(*T) string
	parent func(*T) string
}

// create is the POST handler: the customer must exist; read the body into
// req, let check refuse it, having answered, then store and answer what
// build makes of it for the customer.
func (k customerChild[T]) create(w http.ResponseWriter, r *http.Request, req any, check func() bool, build func(cid string) *T) {
	cid, ok := k.x.customerExists(w, r)
	if !ok {
		return
	}
	if !readBody(w, r, req) || !check() {
		return
	}
	v := build(cid)
	k.store.Put(k.id(v), v)
	writeJSON(w, http.StatusOK, *v)
}

// find answers 404 for a missing customer, or for an item missing or of
// another customer, and otherwise returns the item's id.
func (k customerChild[T]) find(w http.ResponseWriter, r *http.Request) (string, bool) {
	cid, ok := k.x.customerExists(w, r)
	if !ok {
		return "", false
	}
	id := r.PathValue(k.key)
	if v, ok := k.store.Snapshot(id); !ok || k.parent(&v) != cid {
		notFound(w, r, k.object, id)
		return "", false
	}
	return id, true
}

// update is the PUT handler: find the item, read the body into req, let
// check (when not nil) refuse it, having answered, then apply it and
// answer the item as it now is.
func (k customerChild[T]) update(w http.ResponseWriter, r *http.Request, req any, check func() bool, apply func(*T)) {
	id, ok := k.find(w, r)
	if !ok {
		return
	}
	if !readBody(w, r, req) {
		return
	}
	if check != nil && !check() {
		return
	}
	var snap T
	k.store.Update(id, func(v *T) error {
		apply(v)
		snap = *v
		return nil
	})
	writeJSON(w, http.StatusOK, snap)
}

// remove is the DELETE handler: find the item, remove it and answer it,
// marked by mark when not nil.
func (k customerChild[T]) remove(w http.ResponseWriter, r *http.Request, mark func(*T)) {
	id, ok := k.find(w, r)
	if !ok {
		return
	}
	snap, _ := k.store.Remove(id)
	if mark != nil {
		mark(&snap)
	}
	writeJSON(w, http.StatusOK, snap)
}

func (x *extras) createPaymentSource(w http.ResponseWriter, r *http.Request) {
	var req paymentSourceReq
	var now int64 // the clock is read once, after the body
	x.sources().create(w, r, &req, func() bool {
		if p := req.check(""); p != nil {
			p.param = "type"
			p.write(w, r)
			return false
		}
		if *req.Type != "cash" {
			validationError(w, r, "type", "invalid", "Only cash payment sources are supported.", "Solo se admiten fuentes de pago en efectivo.")
			return false
		}
		now = x.s.Now().Unix()
		if req.ExpiresAt != nil && *req.ExpiresAt != 0 && *req.ExpiresAt <= now {
			validationError(w, r, "expires_at", "invalid", "expires_at must be in the future.", "expires_at debe estar en el futuro.")
			return false
		}
		return true
	}, func(cid string) *paymentSource {
		ref := fakeapi.NewDigits(14)
		ps := &paymentSource{ID: fakeapi.NewID("src_", 17), Object: "payment_source", Type: "cash", CreatedAt: now, ParentID: cid,
			Reference: ref, Barcode: ref, BarcodeURL: "https://barcodes.digitalfemsa.io/" + ref + ".png", Provider: "Oxxo"}
		if req.ExpiresAt != nil {
			ps.ExpiresAt = *req.ExpiresAt
		}
		return ps
	})
}

func (x *extras) listPaymentSources(w http.ResponseWriter, r *http.Request) {
	cid, ok := x.customerExists(w, r)
	if !ok {
		return
	}
	lq, ok := parseList(w, r)
	if !ok {
		return
	}
	var out []*paymentSource
	x.paymentSources.List(func(p *paymentSource) bool {
		if p.ParentID == cid && matches(lq.search, p.ID, p.Reference) {
			cp := *p
			out = append(out, &cp)
		}
		return false
	})
	writePage(w, r, out, func(p *paymentSource) string { return p.ID }, lq)
}

// sources, entities and contacts are the customer children the handlers
// below find, update and remove.
func (x *extras) sources() customerChild[paymentSource] {
	return customerChild[paymentSource]{x: x, store: x.paymentSources, key: "source_id", object: "payment_source",
		id: func(p *paymentSource) string { return p.ID }, parent: func(p *paymentSource) string { return p.ParentID }}
}

func (x *extras) updatePaymentSource(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name *string `json:"name"`
	}
	x.sources().update(w, r, &req, nil, func(p *paymentSource) { setStr(&p.Name, req.Name) })
}

func (x *extras) deletePaymentSource(w http.ResponseWriter, r *http.Request) {
	x.sources().remove(w, r, nil)
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

func (x *extras) createFiscalEntity(w http.ResponseWriter, r *http.Request) {
	var req struct {
		customerFiscalEntityReq
		Name *string `json:"name"`
	}
	x.entities().create(w, r, &req, func() bool {
		if req.CompanyName != nil {
			// company_name is an update field; create names it "name".
			writeError(w, r, http.StatusUnprocessableEntity, "parameter_validation_error", "femsa.errors.parameter_validation.whitelist", "company_name",
				"The parameter company_name is not allowed.", "El parámetro company_name no está permitido.")
			return false
		}
		if p := req.check(""); p != nil {
			p.param = p.param[1:]
			p.write(w, r)
			return false
		}
		return metadataOK(w, r, "metadata", req.Metadata)
	}, func(cid string) *fiscalEntity {
		first := len(x.fiscalEntities.List(func(f *fiscalEntity) bool { return f.ParentID == cid })) == 0
		return &fiscalEntity{ID: fakeapi.NewID("fis_ent_", 17), Object: "fiscal_entities", CreatedAt: x.s.Now().Unix(), ParentID: cid, Default: first,
			Address: *req.Address, TaxID: req.TaxID, Name: req.Name, Email: req.Email, Phone: req.Phone, Metadata: req.Metadata}
	})
}

func (x *extras) entities() customerChild[fiscalEntity] {
	return customerChild[fiscalEntity]{x: x, store: x.fiscalEntities, key: "fiscal_id", object: "fiscal_entity",
		id: func(f *fiscalEntity) string { return f.ID }, parent: func(f *fiscalEntity) string { return f.ParentID }}
}

func (x *extras) updateFiscalEntity(w http.ResponseWriter, r *http.Request) {
	var req customerFiscalEntityReq
	x.entities().update(w, r, &req, func() bool {
		if req.Address != nil {
			if p := req.check(""); p != nil {
				p.param = p.param[1:]
				p.write(w, r)
				return false
			}
		}
		return metadataOK(w, r, "metadata", req.Metadata)
	}, func(f *fiscalEntity) {
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
	})
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

func (x *extras) createShippingContact(w http.ResponseWriter, r *http.Request) {
	var req shippingContactReq
	x.contacts().create(w, r, &req, func() bool {
		if p := req.check(""); p != nil {
			p.param = "address"
			p.write(w, r)
			return false
		}
		return metadataOK(w, r, "metadata", req.Metadata)
	}, func(cid string) *shippingContact {
		sc := &shippingContact{ID: fakeapi.NewID("ship_cont_", 17), Object: "shipping_contact", CreatedAt: x.s.Now().Unix(), ParentID: cid}
		sc.apply(&req)
		return sc
	})
}

func (x *extras) contacts() customerChild[shippingContact] {
	return customerChild[shippingContact]{x: x, store: x.shippingContacts, key: "contact_id", object: "shipping_contact",
		id: func(c *shippingContact) string { return c.ID }, parent: func(c *shippingContact) string { return c.ParentID }}
}

func (x *extras) updateShippingContact(w http.ResponseWriter, r *http.Request) {
	var req shippingContactReq
	x.contacts().update(w, r, &req, func() bool {
		if req.Metadata != nil {
			// The update body of the spec has no metadata.
			writeError(w, r, http.StatusUnprocessableEntity, "parameter_validation_error", "femsa.errors.parameter_validation.whitelist", "metadata",
				"The parameter metadata is not allowed.", "El parámetro metadata no está permitido.")
			return false
		}
		return true
	}, func(c *shippingContact) { c.apply(&req) })
}

func (x *extras) deleteShippingContact(w http.ResponseWriter, r *http.Request) {
	x.contacts().remove(w, r, func(c *shippingContact) { c.Deleted = true })
}
