package digitalfemsatest

import (
	"maps"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// customer is a customer as the API answers it.
type customer struct {
	ID              string         `json:"id"`
	Object          string         `json:"object"`
	Livemode        bool           `json:"livemode"`
	Name            string         `json:"name"`
	Email           string         `json:"email"`
	Phone           *string        `json:"phone"`
	Corporate       bool           `json:"corporate"`
	CustomReference string         `json:"custom_reference"`
	CreatedAt       int64          `json:"created_at"`
	Metadata        map[string]any `json:"metadata,omitempty"`
}

type customerReq struct {
	Name                     *string                   `json:"name"`
	Email                    *string                   `json:"email"`
	Phone                    *string                   `json:"phone"`
	Corporate                *bool                     `json:"corporate"`
	CustomReference          *string                   `json:"custom_reference"`
	Metadata                 map[string]any            `json:"metadata"`
	PaymentSources           []paymentSourceReq        `json:"payment_sources"`
	FiscalEntities           []customerFiscalEntityReq `json:"fiscal_entities"`
	ShippingContacts         []shippingContactReq      `json:"shipping_contacts"`
	DefaultPaymentSourceID   *string                   `json:"default_payment_source_id"`
	DefaultFiscalEntityID    *string                   `json:"default_fiscal_entity_id"`
	DefaultShippingContactID *string                   `json:"default_shipping_contact_id"`
}

// checkGroups finds the first problem in the nested groups of a customer
// body, create or update.
func (req *customerReq) checkGroups() *paramProblem {
	return firstProblem(
		eachProblem("payment_sources", req.PaymentSources, (*paymentSourceReq).check),
		eachProblem("fiscal_entities", req.FiscalEntities, (*customerFiscalEntityReq).check),
		eachProblem("shipping_contacts", req.ShippingContacts, (*shippingContactReq).check))
}

// declareCustomers declares /customers. The spec's customer_response has
// no deleted: a deleted customer is answered as it was.
func (s *Server) declareCustomers(d *fakeapi.Dialect) {
	// The spec documents no 404 for a customer update (401, 402, 422,
	// 500): a missing customer is its 422, still typed
	// resource_not_found_error.
	d = variant(d, func(c *fakeapi.Dialect) {
		c.NotFound = func(w http.ResponseWriter, r *http.Request, res fakeapi.Info, id string) {
			status := http.StatusNotFound
			if r.Method == http.MethodPut {
				status = http.StatusUnprocessableEntity
			}
			notFoundErr(status, res.Label, id).write(w, r)
		}
	})
	s.customers = fakeapi.Declare(s.Server, d, fakeapi.Resource[customer]{
		Name: "customer", Path: "/customers", IDPrefix: "cus_", IDLength: 17,
		ID:           func(c *customer) string { return c.ID },
		Copy:         func(c *customer) customer { out := *c; out.Metadata = maps.Clone(c.Metadata); return out },
		Serve:        fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		CreateStatus: http.StatusOK, UpdateMethod: http.MethodPut,
		Create:   s.createCustomer,
		Update:   s.updateCustomer,
		Filters:  search(func(c *customer) []string { return []string{c.ID, c.Name, c.Email} }),
		Metadata: func(c *customer, key string) (string, bool) { return metadataValue(c.Metadata, key) },
		Changed: func(op fakeapi.Ops, c customer) {
			if op == fakeapi.OpCreate {
				s.emit(digitalfemsa.EventCustomerCreated, c)
			}
		},
	})
}

func (s *Server) createCustomer(c *fakeapi.Call) (*customer, error) {
	var req customerReq
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if p := req.checkGroups(); p != nil {
		return nil, p.err()
	}
	if req.Name == nil || *req.Name == "" {
		return nil, validationErr("name", "missing", "The parameter name is required.", "El parámetro name es requerido.")
	}
	if req.Email == nil || !strings.Contains(*req.Email, "@") {
		return nil, validationErr("email", "invalid", "The parameter email is missing or invalid.", "El parámetro email falta o no es válido.")
	}
	if req.Phone != nil && utf8.RuneCountInString(*req.Phone) > 19 {
		return nil, validationErr("phone", "invalid", "phone is longer than 19 characters.", "phone tiene más de 19 caracteres.")
	}
	if err := metadataErr("metadata", req.Metadata); err != nil {
		return nil, err
	}
	cus := &customer{ID: c.NewID(), Object: "customer", Name: *req.Name, Email: *req.Email, Phone: req.Phone,
		CreatedAt: s.Now().Unix(), Metadata: req.Metadata}
	if req.Corporate != nil {
		cus.Corporate = *req.Corporate
	}
	if req.CustomReference != nil {
		cus.CustomReference = *req.CustomReference
	}
	return cus, nil
}

func (s *Server) updateCustomer(c *fakeapi.Call) (func(*customer) error, error) {
	var req customerReq
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if p := req.checkGroups(); p != nil {
		return nil, p.err()
	}
	if req.Email != nil && !strings.Contains(*req.Email, "@") {
		return nil, validationErr("email", "invalid", "The parameter email is invalid.", "El parámetro email no es válido.")
	}
	if err := metadataErr("metadata", req.Metadata); err != nil {
		return nil, err
	}
	return func(c *customer) error {
		setStr(&c.Name, req.Name)
		setStr(&c.Email, req.Email)
		if req.Phone != nil {
			c.Phone = req.Phone
		}
		if req.Corporate != nil {
			c.Corporate = *req.Corporate
		}
		setStr(&c.CustomReference, req.CustomReference)
		if req.Metadata != nil {
			c.Metadata = req.Metadata
		}
		return nil
	}, nil
}
