package digitalfemsatest

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

func (s *Server) routes() {
	s.handle("POST /customers", s.createCustomer)
	s.handle("GET /customers", s.listCustomers)
	s.handle("GET /customers/{id}", getByID(s.customers, "customer"))
	s.handle("PUT /customers/{id}", s.updateCustomer)
	// The spec's customer_response has no deleted: the customer is
	// answered as it was.
	s.handle("DELETE /customers/{id}", deleteByID(s.customers, "customer", func(c *customer) any { return c }))

	s.handle("POST /payout_orders", s.createPayoutOrder)
	s.handle("GET /payout_orders", s.listPayoutOrders)
	s.handle("GET /payout_orders/{id}", s.getPayoutOrder)
	s.handle("PUT /payout_orders/{id}/cancel", s.cancelPayoutOrder)

	s.handle("POST /orders", s.createOrder)
	s.handle("GET /orders", s.listOrders)
	s.handle("GET /orders/{id}", s.getOrder)
	s.handle("PUT /orders/{id}", s.updateOrder)
	s.handle("POST /orders/{id}/refunds", s.refundOrder)

	s.handle("POST /webhook_keys", s.createWebhookKey)
	s.handle("GET /webhook_keys", s.listWebhookKeys)
	s.handle("GET /webhook_keys/{id}", getByID(s.webhookKeys, "webhook_key"))
	s.handle("PUT /webhook_keys/{id}", s.updateWebhookKey)
	s.handle("DELETE /webhook_keys/{id}", deleteByID(s.webhookKeys, "webhook_key", func(k *webhookKey) any {
		return webhookKeyDeleted{ID: k.ID, Object: k.Object, Active: k.Active, Livemode: k.Livemode, CreatedAt: k.CreatedAt, Deleted: true}
	}))

	// An event's webhook_logs show the deliveries made so far.
	s.handle("GET /events", s.refreshingLogs(s.listEvents))
	s.handle("GET /events/{id}", s.refreshingLogs(getByID(s.events, "event")))

	s.handle("GET /balance", s.getBalance)
	s.registerExtra()
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

func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request) {
	var req customerReq
	if !readBody(w, r, &req) {
		return
	}
	if p := req.checkGroups(); p != nil {
		p.write(w, r)
		return
	}
	if req.Name == nil || *req.Name == "" {
		validationError(w, r, "name", "missing", "The parameter name is required.", "El parámetro name es requerido.")
		return
	}
	if req.Email == nil || !strings.Contains(*req.Email, "@") {
		validationError(w, r, "email", "invalid", "The parameter email is missing or invalid.", "El parámetro email falta o no es válido.")
		return
	}
	if req.Phone != nil && utf8.RuneCountInString(*req.Phone) > 19 {
		validationError(w, r, "phone", "invalid", "phone is longer than 19 characters.", "phone tiene más de 19 caracteres.")
		return
	}
	if !metadataOK(w, r, "metadata", req.Metadata) {
		return
	}
	c := &customer{ID: fakeapi.NewID("cus_", 17), Object: "customer", Name: *req.Name, Email: *req.Email, Phone: req.Phone,
		CreatedAt: s.Now().Unix(), Metadata: req.Metadata}
	if req.Corporate != nil {
		c.Corporate = *req.Corporate
	}
	if req.CustomReference != nil {
		c.CustomReference = *req.CustomReference
	}
	s.customers.Put(c.ID, c)
	snap := *c
	s.emit(digitalfemsa.EventCustomerCreated, snap)
	writeJSON(w, http.StatusOK, snap)
}

func (s *Server) updateCustomer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var req customerReq
	if !readBody(w, r, &req) {
		return
	}
	if p := req.checkGroups(); p != nil {
		p.write(w, r)
		return
	}
	if req.Email != nil && !strings.Contains(*req.Email, "@") {
		validationError(w, r, "email", "invalid", "The parameter email is invalid.", "El parámetro email no es válido.")
		return
	}
	if !metadataOK(w, r, "metadata", req.Metadata) {
		return
	}
	var snap customer
	ok, _ := s.customers.Update(id, func(c *customer) error {
		if req.Name != nil {
			c.Name = *req.Name
		}
		if req.Email != nil {
			c.Email = *req.Email
		}
		if req.Phone != nil {
			c.Phone = req.Phone
		}
		if req.Corporate != nil {
			c.Corporate = *req.Corporate
		}
		if req.CustomReference != nil {
			c.CustomReference = *req.CustomReference
		}
		if req.Metadata != nil {
			c.Metadata = req.Metadata
		}
		snap = *c
		return nil
	})
	if !ok {
		// The spec documents no 404 for this operation (401, 402, 422,
		// 500): a missing customer is its 422, still typed
		// resource_not_found_error.
		notFoundStatus(w, r, http.StatusUnprocessableEntity, "customer", id)
		return
	}
	writeJSON(w, http.StatusOK, snap)
}

func (s *Server) listCustomers(w http.ResponseWriter, r *http.Request) {
	lq, ok := parseList(w, r)
	if !ok {
		return
	}
	var snaps []*customer
	s.customers.List(func(c *customer) bool {
		if matches(lq.search, c.ID, c.Name, c.Email) {
			cp := *c
			snaps = append(snaps, &cp)
		}
		return false
	})
	writePage(w, r, snaps, func(c *customer) string { return c.ID }, lq)
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
	var cus customer
	if ok, _ := s.customers.Update(req.CustomerInfo.CustomerID, func(c *customer) error { cus = *c; return nil }); !ok {
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
	id := fakeapi.NewUUID()
	method := req.Payout.PayoutMethod.Type
	p := &payoutOrder{ID: id, Object: "payout_order", Amount: amount, Currency: cur, AllowedPayoutMethods: req.AllowedPayoutMethods,
		Reference: fakeapi.NewDigits(16), Reason: *req.Reason, Status: string(digitalfemsa.PayoutOrderStatusPending),
		CreatedAt: now, UpdatedAt: now, ExpiresAt: exp, Metadata: req.Metadata,
		CustomerInfo: payoutCustomer{Object: "customer_info", ID: cus.ID, Name: cus.Name, Email: cus.Email, Phone: cus.Phone, Corporate: cus.Corporate},
		Payouts: []payout{{ID: fakeapi.NewID("payout_", 17), Object: "payout", Amount: amount, Currency: cur, Status: "open",
			ExpiresAt: exp, PayoutOrderID: id, PayoutMethod: payoutMethod{Object: "payout_method", Type: method}}}}
	s.payouts.Put(id, p)
	snap := p.clone()
	writeJSON(w, http.StatusOK, snap)
}

func (s *Server) getPayoutOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var snap payoutOrder
	if ok, _ := s.payouts.Update(id, func(p *payoutOrder) error { snap = p.clone(); return nil }); !ok {
		notFound(w, r, "payout_order", id)
		return
	}
	writeJSON(w, http.StatusOK, snap)
}

func (s *Server) cancelPayoutOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var snap payoutOrder
	var already, final bool
	ok, _ := s.payouts.Update(id, func(p *payoutOrder) error {
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
		notFound(w, r, "payout_order", id)
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

func (s *Server) listPayoutOrders(w http.ResponseWriter, r *http.Request) {
	lq, ok := parseList(w, r)
	if !ok {
		return
	}
	var snaps []*payoutOrder
	s.payouts.List(func(p *payoutOrder) bool {
		fields := []string{p.ID, p.Reference, p.CustomerInfo.ID, p.CustomerInfo.Email}
		for _, v := range p.Metadata {
			fields = append(fields, fmt.Sprint(v))
		}
		if matches(lq.search, fields...) {
			cp := p.clone()
			snaps = append(snaps, &cp)
		}
		return false
	})
	writePage(w, r, snaps, func(p *payoutOrder) string { return p.ID }, lq)
}

// getByID answers the stored object the path's id names, or DigitalFemsa's
// 404 naming kind.
func getByID[T any](store *fakeapi.Store[T], kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		snap, ok := store.Snapshot(id)
		if !ok {
			notFound(w, r, kind, id)
			return
		}
		writeJSON(w, http.StatusOK, snap)
	}
}

// deleteByID removes the object the path's id names and answers it as
// answer shapes it (marked deleted where the spec's answer has deleted),
// or DigitalFemsa's 404 naming kind.
func deleteByID[T any](store *fakeapi.Store[T], kind string, answer func(*T) any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		snap, ok := store.Remove(id)
		if !ok {
			notFound(w, r, kind, id)
			return
		}
		writeJSON(w, http.StatusOK, answer(&snap))
	}
}

// refreshingLogs brings the events' webhook logs up to date before h.
func (s *Server) refreshingLogs(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.refreshWebhookLogs()
		h(w, r)
	}
}
