package digitalfemsatest

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

func (s *Server) routes() {
	d := s.dialect()
	s.declareCustomers(d)

	s.declarePayoutOrders(d)
	s.declareOrders(d)

	s.declareWebhookKeys(d)
	s.declareEvents(d)

	s.handle("GET /balance", s.getBalance)
	s.registerExtra(d)
}

// ---- customers ----

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

// ---- payout orders ----

type payoutOrderReq struct {
	Currency     *string `json:"currency"`
	Amount       *int64  `json:"amount"`
	CustomerInfo *struct {
		CustomerID string `json:"customer_id"`
	} `json:"customer_info"`
	AllowedPayoutMethods []string `json:"allowed_payout_methods"`
	Reason               *string  `json:"reason"`
	Payout               *struct {
		PayoutMethod *struct {
			Type string `json:"type"`
		} `json:"payout_method"`
	} `json:"payout"`
	ExpiresAt *int64         `json:"expires_at"`
	Metadata  map[string]any `json:"metadata"`
}

// declarePayoutOrders declares /payout_orders: get and list. Creating one
// (it retains its amount from the balance) and cancelling it are written
// by hand on the Collection.
func (s *Server) declarePayoutOrders(d *fakeapi.Dialect) {
	s.payouts = fakeapi.Declare(s.Server, d, fakeapi.Resource[payoutOrder]{
		Name: "payout_order", Path: "/payout_orders", NewID: fakeapi.NewUUID,
		ID:    func(p *payoutOrder) string { return p.ID },
		Copy:  (*payoutOrder).clone,
		Serve: fakeapi.OpGet | fakeapi.OpList,
		Filters: search(func(p *payoutOrder) []string {
			fields := []string{p.ID, p.Reference, p.CustomerInfo.ID, p.CustomerInfo.Email}
			for _, v := range p.Metadata {
				fields = append(fields, fmt.Sprint(v))
			}
			return fields
		}),
		Metadata: func(p *payoutOrder, key string) (string, bool) { return metadataValue(p.Metadata, key) },
	})
	s.handle("POST /payout_orders", s.createPayoutOrder)
	s.handle("PUT /payout_orders/{id}/cancel", s.cancelPayoutOrder)
}

// defaultPayoutLifetime is the fake's lifetime of a reference when the
// request sets none (the API's own default is not documented).
const defaultPayoutLifetime = 48 * 60 * 60

func (s *Server) createPayoutOrder(w http.ResponseWriter, r *http.Request) {
	var req payoutOrderReq
	if !readBody(w, r, &req) {
		return
	}
	switch {
	case req.Currency == nil || len(*req.Currency) != 3:
		validationError(w, r, "currency", "missing", "The parameter currency is missing or invalid.", "El parámetro currency falta o no es válido.")
		return
	case req.Amount == nil || *req.Amount <= 0:
		validationError(w, r, "amount", "missing", "The parameter amount is missing or invalid.", "El parámetro amount falta o no es válido.")
		return
	case *req.Amount%100 != 0:
		validationError(w, r, "amount", "invalid", "The amount must be whole pesos (end in 00).", "El monto debe terminar en 00.")
		return
	case req.CustomerInfo == nil || req.CustomerInfo.CustomerID == "":
		validationError(w, r, "customer_info.customer_id", "missing", "The parameter customer_info.customer_id is required.", "El parámetro customer_info.customer_id es requerido.")
		return
	case len(req.AllowedPayoutMethods) == 0:
		validationError(w, r, "allowed_payout_methods", "missing", "The parameter allowed_payout_methods is required.", "El parámetro allowed_payout_methods es requerido.")
		return
	case req.Reason == nil || *req.Reason == "" || utf8.RuneCountInString(*req.Reason) > 40:
		validationError(w, r, "reason", "invalid", "The reason is required and at most 40 characters.", "El motivo es requerido y de máximo 40 caracteres.")
		return
	case req.Payout == nil || req.Payout.PayoutMethod == nil || req.Payout.PayoutMethod.Type == "":
		validationError(w, r, "payout.payout_method.type", "missing", "The parameter payout.payout_method.type is required.", "El parámetro payout.payout_method.type es requerido.")
		return
	}
	if !metadataOK(w, r, "metadata", req.Metadata) {
		return
	}
	now := s.Now().Unix()
	exp := now + defaultPayoutLifetime
	if req.ExpiresAt != nil {
		if *req.ExpiresAt <= now {
			validationError(w, r, "expires_at", "invalid", "expires_at must be in the future.", "expires_at debe estar en el futuro.")
			return
		}
		exp = *req.ExpiresAt
	}
	cus, ok := s.customers.Get(req.CustomerInfo.CustomerID)
	if !ok {
		writeError(w, r, http.StatusNotFound, "resource_not_found_error", "femsa.errors.resource_not_found.entity", "customer_info.customer_id",
			"The customer "+req.CustomerInfo.CustomerID+" was not found.", "No se encontró el cliente "+req.CustomerInfo.CustomerID+".")
		return
	}
	cur, amount := *req.Currency, *req.Amount
	s.mu.Lock()
	enough := s.available[cur] >= amount
	if enough {
		s.available[cur] -= amount
		s.retained[cur] += amount
	}
	s.mu.Unlock()
	if !enough {
		// The fake's rule: a reference retains its amount from the balance.
		writeError(w, r, http.StatusPaymentRequired, "processing_error", "femsa.errors.processing.balance.insufficient_funds", "amount",
			"The available balance does not cover the payout.", "El saldo disponible no cubre el retiro.")
		return
	}
	id := s.payouts.NewID()
	method := req.Payout.PayoutMethod.Type
	p := &payoutOrder{ID: id, Object: "payout_order", Amount: amount, Currency: cur, AllowedPayoutMethods: req.AllowedPayoutMethods,
		Reference: fakeapi.NewDigits(16), Reason: *req.Reason, Status: string(digitalfemsa.PayoutOrderStatusPending),
		CreatedAt: now, UpdatedAt: now, ExpiresAt: exp, Metadata: req.Metadata,
		CustomerInfo: payoutCustomer{Object: "customer_info", ID: cus.ID, Name: cus.Name, Email: cus.Email, Phone: cus.Phone, Corporate: cus.Corporate},
		Payouts: []payout{{ID: fakeapi.NewID("payout_", 17), Object: "payout", Amount: amount, Currency: cur, Status: "open",
			ExpiresAt: exp, PayoutOrderID: id, PayoutMethod: payoutMethod{Object: "payout_method", Type: method}}}}
	snap := s.payouts.Put(p)
	writeJSON(w, http.StatusOK, snap)
}

func (s *Server) cancelPayoutOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var snap payoutOrder
	var already, final bool
	_, ok, _ := s.payouts.Update(id, func(p *payoutOrder) error {
		switch {
		case p.Status == string(digitalfemsa.PayoutOrderStatusCancelled):
			already = true
			p.cancels++
		case !digitalfemsa.PayoutOrderStatus(p.Status).Active():
			final = true
		default:
			s.settle(p, string(digitalfemsa.PayoutOrderStatusCancelled), true)
			p.cancels++
		}
		snap = p.clone()
		return nil
	})
	switch {
	case !ok:
		s.payouts.NotFound(w, r, id)
	case final:
		writeError(w, r, http.StatusPreconditionRequired, "precondition_required_error",
			"femsa.errors.precondition_required.payout_order.cannot_be_cancelled", "id",
			"The payout order is "+snap.Status+" and cannot be cancelled.", "La orden de retiro está "+snap.Status+" y no puede cancelarse.")
	default:
		if !already {
			s.emit(digitalfemsa.EventCashoutCanceled, snap)
		}
		writeJSON(w, http.StatusOK, snap)
	}
}
