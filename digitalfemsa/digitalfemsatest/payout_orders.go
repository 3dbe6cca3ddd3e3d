package digitalfemsatest

import (
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// payoutOrder is a payout order as the API answers it.
type payoutOrder struct {
	ID                   string         `json:"id"`
	Object               string         `json:"object"`
	Livemode             bool           `json:"livemode"`
	Amount               int64          `json:"amount"`
	Currency             string         `json:"currency"`
	AllowedPayoutMethods []string       `json:"allowed_payout_methods"`
	Reference            string         `json:"reference"`
	Reason               string         `json:"reason"`
	Status               string         `json:"status"`
	CreatedAt            int64          `json:"created_at"`
	UpdatedAt            int64          `json:"updated_at"`
	ExpiresAt            int64          `json:"expires_at"`
	CustomerInfo         payoutCustomer `json:"customer_info"`
	Metadata             map[string]any `json:"metadata,omitempty"`
	Payouts              []payout       `json:"payouts"`

	// cancels counts the cancel requests answered with 200 (see Ledger).
	cancels int
}

type payoutCustomer struct {
	Object    string  `json:"object"`
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Email     string  `json:"email"`
	Phone     *string `json:"phone"`
	Corporate bool    `json:"corporate"`
}

type payout struct {
	ID            string       `json:"id"`
	Object        string       `json:"object"`
	Amount        int64        `json:"amount"`
	Currency      string       `json:"currency"`
	Livemode      bool         `json:"livemode"`
	Status        string       `json:"status"`
	ExpiresAt     int64        `json:"expires_at"`
	PayoutOrderID string       `json:"payout_order_id"`
	PayoutMethod  payoutMethod `json:"payout_method"`
}

type payoutMethod struct {
	Object string `json:"object"`
	Type   string `json:"type"`
}

func (p *payoutOrder) clone() payoutOrder {
	c := *p
	c.AllowedPayoutMethods = append([]string(nil), p.AllowedPayoutMethods...)
	c.Payouts = append([]payout(nil), p.Payouts...)
	return c
}

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
	var already, final bool
	snap, ok, _ := s.payouts.Update(id, func(p *payoutOrder) error {
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

// MarkWithdrawn records that the customer withdrew a pending payout order
// at the store: status StatusWithdrawn, the retention consumed, and a
// cashout.confirmed event (data.object is the payout order), signed and
// delivered.
func (s *Server) MarkWithdrawn(id string) (*Notification, error) {
	return s.finishPayout(id, StatusWithdrawn, digitalfemsa.EventCashoutConfirmed, false)
}

// MarkExpired records that a pending payout order expired unclaimed: status
// StatusExpired, the funds released, and a cashout.canceled event (the
// fake's choice: no expiry event is documented).
func (s *Server) MarkExpired(id string) (*Notification, error) {
	return s.finishPayout(id, StatusExpired, digitalfemsa.EventCashoutCanceled, true)
}

func (s *Server) finishPayout(id string, st digitalfemsa.PayoutOrderStatus, typ digitalfemsa.EventType, release bool) (*Notification, error) {
	var stateErr error
	snap, ok, _ := s.payouts.Update(id, func(p *payoutOrder) error {
		if !digitalfemsa.PayoutOrderStatus(p.Status).Active() {
			stateErr = fmt.Errorf("digitalfemsatest: payout order %s is %s", id, p.Status)
			return nil
		}
		s.settle(p, string(st), release)
		return nil
	})
	if !ok {
		return nil, fmt.Errorf("digitalfemsatest: no payout order %q", id)
	}
	if stateErr != nil {
		return nil, stateErr
	}
	n := s.emit(typ, snap)
	return &n, n.DeliveryErr
}

// settle ends a payout order; called inside the store's Update.
func (s *Server) settle(p *payoutOrder, status string, release bool) {
	now := s.Now().Unix()
	p.Status, p.UpdatedAt = status, now
	for i := range p.Payouts {
		p.Payouts[i].Status = status
	}
	s.mu.Lock()
	s.retained[p.Currency] -= p.Amount
	if release {
		s.available[p.Currency] += p.Amount
	}
	s.mu.Unlock()
}
