package digitalfemsatest

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Event types the fake emits for the order actions.
const (
	eventOrderCanceled digitalfemsa.EventType = "order.canceled"
	eventChargePaid    digitalfemsa.EventType = "charge.paid"
	eventChargeCreated digitalfemsa.EventType = "charge.created"
)

// errOrderHasCharges answers a change to the lines of an order that has
// charges, as the API refuses an order update then.
func errOrderHasCharges(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, http.StatusPreconditionRequired, "precondition_required_error",
		"femsa.errors.precondition_required.combo.order.cannot_be_updated_because_has_charge", "",
		"The order cannot be updated because it has a charge.", "La orden no puede actualizarse porque tiene un cargo.")
}

func precondition(w http.ResponseWriter, r *http.Request, code, msg, esMsg string) {
	writeError(w, r, http.StatusPreconditionRequired, "precondition_required_error", "femsa.errors.precondition_required."+code, "", msg, esMsg)
}

// ---- charges ----

func (x *extras) listCharges(w http.ResponseWriter, r *http.Request) {
	q := searched(r)
	var out []charge
	for _, o := range x.s.orders.All() {
		for _, c := range o.Charges.Data {
			if matches(q, c.ID, c.OrderID, c.CustomerID, strOf(c.ReferenceID), fmt.Sprint(c.PaymentMethod["reference"])) {
				out = append(out, listedCharge(c))
			}
		}
	}
	listDerived(w, r, out, func(c *charge) string { return c.ID })
}

func strOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// orderOfCharge finds the id of the order holding a charge.
func (x *extras) orderOfCharge(chargeID string) string {
	found := ""
	for _, o := range x.s.orders.All() {
		for _, c := range o.Charges.Data {
			if c.ID == chargeID {
				found = o.ID
			}
		}
	}
	return found
}

func (x *extras) updateCharge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var req struct {
		ReferenceID *string `json:"reference_id"`
	}
	if !readBody(w, r, &req) {
		return
	}
	var snap charge
	found := false
	if oid := x.orderOfCharge(id); oid != "" {
		x.s.orders.Update(oid, func(o *order) error {
			for i := range o.Charges.Data {
				if c := &o.Charges.Data[i]; c.ID == id {
					if req.ReferenceID != nil {
						ref := *req.ReferenceID
						c.ReferenceID = &ref
					}
					found = true
					snap = listedCharge(o.clone().Charges.Data[i])
				}
			}
			return nil
		})
	}
	if !found {
		notFound(w, r, "charge", id)
		return
	}
	writeJSON(w, http.StatusOK, snap)
}

// chargeReq is a charge added to an order (spec "charge_request").
type chargeReq struct {
	Amount        *int64 `json:"amount"`
	PaymentMethod *struct {
		Type            string  `json:"type"`
		ExpiresAt       *int64  `json:"expires_at"`
		PaymentSourceID *string `json:"payment_source_id"`
	} `json:"payment_method"`
	ReferenceID *string `json:"reference_id"`
}

func (x *extras) addCharge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var req chargeReq
	if !readBody(w, r, &req) {
		return
	}
	if req.PaymentMethod == nil || req.PaymentMethod.Type == "" {
		validationError(w, r, "payment_method.type", "missing", "The parameter payment_method.type is required.", "El parámetro payment_method.type es requerido.")
		return
	}
	if req.PaymentMethod.Type != digitalfemsa.PaymentMethodCash {
		validationError(w, r, "payment_method.type", "invalid", "Unsupported payment method type.", "Tipo de pago no soportado.")
		return
	}
	if req.Amount != nil && *req.Amount < 1 {
		validationError(w, r, "amount", "invalid", "The amount must be positive.", "El monto debe ser positivo.")
		return
	}
	if sid := req.PaymentMethod.PaymentSourceID; sid != nil {
		if code, ok := declineCode(req.PaymentMethod.Type, *sid); ok {
			writeDecline(w, r, code, "payment_method.payment_source_id")
			return
		}
	}
	var source *paymentSource
	if sid := req.PaymentMethod.PaymentSourceID; sid != nil {
		ps, ok := x.paymentSources.Get(*sid)
		if !ok {
			writeError(w, r, http.StatusNotFound, "resource_not_found_error", "femsa.errors.resource_not_found.entity", "payment_method.payment_source_id",
				"The payment source "+*sid+" was not found.", "No se encontró la fuente de pago "+*sid+".")
			return
		}
		source = &ps
	}
	now := x.s.Now().Unix()
	var snap charge
	var problem string
	_, ok, _ := x.s.orders.Update(id, func(o *order) error {
		switch o.PaymentStatus {
		case "canceled", "paid", "partially_refunded", "refunded", "expired":
			problem = "status"
			return nil
		}
		if source != nil && source.ParentID != o.CustomerInfo.CustomerID {
			problem = "source"
			return nil
		}
		owed := o.Amount
		for _, c := range o.Charges.Data {
			if c.Status != "canceled" {
				owed -= c.Amount
			}
		}
		amount := owed
		if req.Amount != nil {
			amount = *req.Amount
		}
		if amount < 1 || amount > owed {
			problem = "amount"
			return nil
		}
		ch := charge{ID: hexID(), Object: "charge", Amount: amount, Currency: o.Currency, OrderID: o.ID, CustomerID: o.CustomerInfo.CustomerID,
			CreatedAt: now, ReferenceID: req.ReferenceID, Status: "pending_payment", Refunds: newNested[refundWr](nil)}
		exp := now + 30*24*60*60
		if req.PaymentMethod.ExpiresAt != nil {
			exp = *req.PaymentMethod.ExpiresAt
		}
		ref := fakeapi.NewDigits(14)
		if source != nil {
			// A saved cash source is paid with its own, lasting reference.
			ref = source.Reference
		}
		ch.PaymentMethod = map[string]any{"object": "cash_payment", "type": "cash", "reference": ref,
			"barcode_url": "https://barcodes.digitalfemsa.io/" + ref + ".png", "expires_at": exp, "service_name": "OxxoPay", "store_name": "OXXO"}
		o.Charges = newNested(append(append([]charge(nil), o.Charges.Data...), ch))
		o.PaymentStatus = orderPaymentStatus(o)
		o.UpdatedAt = now
		snap = o.clone().Charges.Data[len(o.Charges.Data)-1]
		return nil
	})
	switch {
	case !ok:
		x.s.orders.NotFound(w, r, id)
	case problem == "status":
		precondition(w, r, "order.cannot_add_charge", "A charge cannot be added to this order.", "No se puede agregar un cargo a esta orden.")
	case problem == "source":
		validationError(w, r, "payment_method.payment_source_id", "invalid", "The payment source is not the order customer's.",
			"La fuente de pago no es del cliente de la orden.")
	case problem == "amount":
		validationError(w, r, "amount", "invalid", "The amount exceeds what the order owes.", "El monto excede lo que debe la orden.")
	default:
		x.s.emit(eventChargeCreated, snap)
		writeJSON(w, http.StatusOK, chargeOrderAnswer(snap))
	}
}

// chargeOrderAnswer is a charge as POST /orders/{id}/charges answers it
// (spec "charge_order_response"): refunds as a bare array, no null
// failure_code or failure_message (they are plain strings there), no
// is_refundable.
func chargeOrderAnswer(c charge) map[string]any {
	var m map[string]any
	b, _ := json.Marshal(c)
	_ = json.Unmarshal(b, &m)
	refunds := []any{}
	if r, ok := m["refunds"].(map[string]any); ok {
		if d, ok := r["data"].([]any); ok {
			refunds = d
		}
	}
	m["refunds"] = refunds
	for _, k := range []string{"failure_code", "failure_message"} {
		if m[k] == nil {
			delete(m, k)
		}
	}
	// The schema of this answer has no is_refundable (a new charge is
	// not paid yet anyway).
	delete(m, "is_refundable")
	return m
}

// listedCharge is a charge as GET /charges and PUT /charges/{id} answer it:
// its refunds list always has a data array.
func listedCharge(c charge) charge {
	if c.Refunds.Data == nil {
		c.Refunds.Data = []refundWr{}
	}
	return c
}

// MarkChargePaid records that the customer paid a pending cash charge at
// the store: the charge becomes paid, the order too once every charge is,
// and charge.paid (and order.paid) events are emitted and delivered. It
// returns the order.paid notification, or the charge.paid one while the
// order still owes.
func (s *Server) MarkChargePaid(chargeID string) (*Notification, error) {
	x := s.x
	if x == nil {
		return nil, errors.New("digitalfemsatest: MarkChargePaid: the Server was not made by NewServer")
	}
	oid := x.orderOfCharge(chargeID)
	if oid == "" {
		return nil, fmt.Errorf("digitalfemsatest: no charge %q", chargeID)
	}
	var snap order
	var ch charge
	var stateErr error
	s.orders.Update(oid, func(o *order) error {
		for i := range o.Charges.Data {
			c := &o.Charges.Data[i]
			if c.ID != chargeID {
				continue
			}
			if c.Status != "pending_payment" {
				stateErr = fmt.Errorf("digitalfemsatest: charge %s is %s", chargeID, c.Status)
				return nil
			}
			now := s.Now().Unix()
			c.Status, c.PaidAt = "paid", &now
			o.PaymentStatus = orderPaymentStatus(o)
			o.IsRefundable = o.PaymentStatus == "paid"
			o.UpdatedAt = now
			ch = *c
		}
		snap = o.clone()
		return nil
	})
	if stateErr != nil {
		return nil, stateErr
	}
	n := s.emit(eventChargePaid, ch)
	if snap.PaymentStatus == "paid" {
		n = s.emit(digitalfemsa.EventOrderPaid, snap)
	}
	return &n, n.DeliveryErr
}

// PreAuthorize puts every pending charge of an order on hold, as a
// pre-authorized card payment is, until Orders.Capture takes the money:
// the charges and the order become "pre_authorized".
func (s *Server) PreAuthorize(orderID string) error {
	x := s.x
	if x == nil {
		return errors.New("digitalfemsatest: PreAuthorize: the Server was not made by NewServer")
	}
	var stateErr error
	_, ok, _ := s.orders.Update(orderID, func(o *order) error {
		if o.PaymentStatus != "pending_payment" {
			stateErr = fmt.Errorf("digitalfemsatest: order %s is %q, not pending_payment", orderID, o.PaymentStatus)
			return nil
		}
		for i := range o.Charges.Data {
			if o.Charges.Data[i].Status == "pending_payment" {
				o.Charges.Data[i].Status = "pre_authorized"
			}
		}
		o.PaymentStatus = "pre_authorized"
		return nil
	})
	if !ok {
		return fmt.Errorf("digitalfemsatest: no order %q", orderID)
	}
	if stateErr != nil {
		return stateErr
	}
	x.mu.Lock()
	x.preauthorized[orderID] = true
	x.mu.Unlock()
	return nil
}

// ---- order actions ----

func (x *extras) cancelOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var problem bool
	snap, ok, _ := x.s.orders.Update(id, func(o *order) error {
		switch o.PaymentStatus {
		case "paid", "partially_refunded", "refunded", "canceled":
			problem = true
			return nil
		}
		now := x.s.Now().Unix()
		for i := range o.Charges.Data {
			o.Charges.Data[i].Status = "canceled"
		}
		o.PaymentStatus, o.IsRefundable, o.UpdatedAt = "canceled", false, now
		return nil
	})
	switch {
	case !ok:
		x.s.orders.NotFound(w, r, id)
	case problem:
		precondition(w, r, "order.cannot_be_canceled", "Only an unpaid order can be canceled.", "Solo una orden sin pagar puede cancelarse.")
	default:
		x.mu.Lock()
		delete(x.preauthorized, id)
		x.mu.Unlock()
		x.s.emit(eventOrderCanceled, snap)
		writeJSON(w, http.StatusOK, snap)
	}
}

func (x *extras) captureOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var req struct {
		Amount *int64 `json:"amount"`
	}
	if !readBody(w, r, &req) {
		return
	}
	if req.Amount == nil || *req.Amount < 1 {
		validationError(w, r, "amount", "missing", "The parameter amount is required and at least 1.", "El parámetro amount es requerido y al menos 1.")
		return
	}
	x.mu.Lock()
	held := x.preauthorized[id]
	x.mu.Unlock()
	var problem string
	snap, ok, _ := x.s.orders.Update(id, func(o *order) error {
		if !held || o.PaymentStatus != "pre_authorized" {
			problem = "state"
			return nil
		}
		if *req.Amount > o.Amount {
			problem = "amount"
			return nil
		}
		now := x.s.Now().Unix()
		for i := range o.Charges.Data {
			if c := &o.Charges.Data[i]; c.Status == "pre_authorized" {
				c.Status, c.PaidAt = "paid", &now
			}
		}
		o.Amount = *req.Amount
		o.PaymentStatus = orderPaymentStatus(o)
		o.IsRefundable = o.PaymentStatus == "paid"
		o.UpdatedAt = now
		return nil
	})
	switch {
	case !ok:
		x.s.orders.NotFound(w, r, id)
	case problem == "state":
		precondition(w, r, "order.not_pre_authorized", "Only a pre-authorized order can be captured.", "Solo una orden preautorizada puede capturarse.")
	case problem == "amount":
		validationError(w, r, "amount", "invalid", "The amount exceeds the order's.", "El monto excede el de la orden.")
	default:
		x.mu.Lock()
		delete(x.preauthorized, id)
		x.mu.Unlock()
		x.s.emit(digitalfemsa.EventOrderPaid, snap)
		writeJSON(w, http.StatusOK, snap)
	}
}

// cancelRefund cancels a refund that is not complete: a cash refund whose
// reference has not expired (the customer has not collected it yet).
func (x *extras) cancelRefund(w http.ResponseWriter, r *http.Request) {
	id, refundID := r.PathValue("id"), r.PathValue("refund_id")
	problem := "refund"
	snap, ok, _ := x.s.orders.Update(id, func(o *order) error {
		now := x.s.Now().Unix()
		for i := range o.Charges.Data {
			c := &o.Charges.Data[i]
			for j := range c.Refunds.Data {
				rf := &c.Refunds.Data[j]
				if rf.ID != refundID {
					continue
				}
				if rf.Status == "canceled" || rf.ExpiresAt == 0 || rf.ExpiresAt <= now {
					problem = "state"
					return nil
				}
				problem = ""
				rf.Status = "canceled"
				o.AmountRefunded -= rf.Amount
				o.PaymentStatus = orderPaymentStatus(o)
				o.IsRefundable = o.AmountRefunded < o.Amount
				o.UpdatedAt = now
			}
		}
		return nil
	})
	switch {
	case !ok:
		x.s.orders.NotFound(w, r, id)
	case problem == "refund":
		notFound(w, r, "refund", refundID)
	case problem == "state":
		precondition(w, r, "refund.cannot_be_canceled", "Only a pending cash refund can be canceled.", "Solo un reembolso en efectivo pendiente puede cancelarse.")
	default:
		writeJSON(w, http.StatusOK, snap)
	}
}

// ---- line items ----

// changeLines runs change on an order without charges and recomputes its
// amount; ok=false after answering.
func (x *extras) changeLines(w http.ResponseWriter, r *http.Request, orderID string, change func(o *order) bool) bool {
	var hasCharges, done bool
	_, found, _ := x.s.orders.Update(orderID, func(o *order) error {
		if len(o.Charges.Data) > 0 {
			hasCharges = true
			return nil
		}
		if !change(o) {
			return nil
		}
		done = true
		x.syncLines(o)
		o.Amount = x.orderTotal(o)
		o.UpdatedAt = x.s.Now().Unix()
		return nil
	})
	switch {
	case !found:
		x.s.orders.NotFound(w, r, orderID)
		return false
	case hasCharges:
		errOrderHasCharges(w, r)
		return false
	}
	return done
}

// orderTotal is the products plus shipping and taxes, less discounts.
func (x *extras) orderTotal(o *order) int64 {
	var total int64
	for _, it := range o.LineItems.Data {
		total += it.UnitPrice * int64(it.Quantity)
	}
	sum := func(lines *fakeapi.Collection[orderLine]) (n int64) {
		for _, l := range lines.Select(func(l *orderLine) bool { return l.ParentID == o.ID }) {
			n += l.Amount
		}
		return n
	}
	total += sum(x.shippingLines) + sum(x.taxLines) - sum(x.discountLines)
	if total < 0 {
		total = 0
	}
	return total
}

func (x *extras) createLineItem(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var li lineItemReq
	if !readBody(w, r, &li) {
		return
	}
	if li.Name == "" || li.UnitPrice == nil || *li.UnitPrice < 0 || li.Quantity == nil || *li.Quantity < 1 {
		validationError(w, r, "line_item", "invalid", "A line item needs name, unit_price >= 0 and quantity >= 1.", "Un producto necesita name, unit_price >= 0 y quantity >= 1.")
		return
	}
	var snap item
	if !x.changeLines(w, r, id, func(o *order) bool {
		it := item{ID: fakeapi.NewID("line_item_", 17), Object: "line_item", Name: li.Name, UnitPrice: int64(*li.UnitPrice), Quantity: int(*li.Quantity),
			SKU: li.SKU, Brand: li.Brand, Description: li.Description, Tags: li.Tags, ParentID: o.ID, Metadata: li.Metadata}
		o.LineItems = newNested(append(append([]item(nil), o.LineItems.Data...), it))
		snap = it
		return true
	}) {
		return
	}
	writeJSON(w, http.StatusOK, snap)
}

func (x *extras) updateLineItem(w http.ResponseWriter, r *http.Request) {
	id, lineID := r.PathValue("id"), r.PathValue("line_id")
	var req struct {
		Name        *string        `json:"name"`
		UnitPrice   *int64         `json:"unit_price"`
		Quantity    *int32         `json:"quantity"`
		SKU         *string        `json:"sku"`
		Brand       *string        `json:"brand"`
		Description *string        `json:"description"`
		Tags        []string       `json:"tags"`
		Metadata    map[string]any `json:"metadata"`
	}
	if !readBody(w, r, &req) {
		return
	}
	if (req.UnitPrice != nil && *req.UnitPrice < 0) || (req.Quantity != nil && *req.Quantity < 1) {
		validationError(w, r, "line_item", "invalid", "unit_price must be >= 0 and quantity >= 1.", "unit_price debe ser >= 0 y quantity >= 1.")
		return
	}
	var snap item
	missingItem := false
	if !x.changeLines(w, r, id, func(o *order) bool {
		items := append([]item(nil), o.LineItems.Data...)
		for i := range items {
			it := &items[i]
			if it.ID != lineID {
				continue
			}
			setStr(&it.Name, req.Name)
			setStr(&it.SKU, req.SKU)
			setStr(&it.Brand, req.Brand)
			setStr(&it.Description, req.Description)
			if req.UnitPrice != nil {
				it.UnitPrice = *req.UnitPrice
			}
			if req.Quantity != nil {
				it.Quantity = int(*req.Quantity)
			}
			if req.Tags != nil {
				it.Tags = req.Tags
			}
			if req.Metadata != nil {
				it.Metadata = req.Metadata
			}
			o.LineItems = newNested(items)
			snap = *it
			return true
		}
		missingItem = true
		return false
	}) {
		if missingItem {
			notFound(w, r, "line_item", lineID)
		}
		return
	}
	writeJSON(w, http.StatusOK, snap)
}

func (x *extras) deleteLineItem(w http.ResponseWriter, r *http.Request) {
	id, lineID := r.PathValue("id"), r.PathValue("line_id")
	var snap item
	missingItem := false
	if !x.changeLines(w, r, id, func(o *order) bool {
		var keep []item
		for _, it := range o.LineItems.Data {
			if it.ID == lineID {
				snap = it
				continue
			}
			keep = append(keep, it)
		}
		if snap.ID == "" {
			missingItem = true
			return false
		}
		o.LineItems = newNested(keep)
		return true
	}) {
		if missingItem {
			notFound(w, r, "line_item", lineID)
		}
		return
	}
	writeJSON(w, http.StatusOK, snap)
}

func setStr(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

// ---- shipping, tax and discount lines ----

// orderLine is a shipping_line, tax_line or discount_line; each kind
// answers only its own fields.
type orderLine struct {
	ID             string         `json:"id"`
	Object         string         `json:"object"`
	ParentID       string         `json:"parent_id"`
	Amount         int64          `json:"amount"`
	Carrier        string         `json:"carrier,omitempty"`
	TrackingNumber string         `json:"tracking_number,omitempty"`
	Method         string         `json:"method,omitempty"`
	Description    string         `json:"description,omitempty"`
	Code           string         `json:"code,omitempty"`
	Type           string         `json:"type,omitempty"`
	Metadata       map[string]any `json:"metadata,omitempty"`
}

var discountTypes = map[string]bool{"loyalty": true, "campaign": true, "coupon": true, "sign": true}

// decodeLine reads a line body of kind (the object name) onto l; create
// says whether the kind's required fields must be there. ok=false after
// answering.
func decodeLine(w http.ResponseWriter, r *http.Request, kind string, l *orderLine, create bool) bool {
	var p *paramProblem
	switch kind {
	case "shipping_line":
		var req shippingLineReq
		if !readBody(w, r, &req) {
			return false
		}
		// The API takes the whole shipping line on update too.
		if p = req.check("amount"); p == nil {
			l.Amount = *req.Amount
			l.Carrier, l.TrackingNumber, l.Method, l.Description = strOf(req.Carrier), strOf(req.TrackingNumber), strOf(req.Method), strOf(req.Description)
			l.Metadata = req.Metadata
		}
		if p != nil {
			p.param = "amount"
		}
	case "tax_line":
		var req taxLineReq
		if !readBody(w, r, &req) {
			return false
		}
		switch {
		case create:
			p = req.check("")
		case req.Amount != nil && *req.Amount < 0:
			p = invalid(".amount")
		case req.Description != nil && len([]rune(*req.Description)) < 2:
			p = invalid(".description")
		}
		if p == nil {
			if req.Amount != nil {
				l.Amount = *req.Amount
			}
			setStr(&l.Description, req.Description)
			if req.Metadata != nil {
				l.Metadata = req.Metadata
			}
		} else {
			p.param = p.param[1:]
		}
	case "discount_line":
		var req discountLineReq
		if !readBody(w, r, &req) {
			return false
		}
		switch {
		case create:
			p = req.check("")
		case req.Amount != nil && *req.Amount < 0:
			p = invalid(".amount")
		}
		if p == nil && req.Type != nil && !discountTypes[*req.Type] {
			p = invalid(".type")
		}
		if p == nil {
			if req.Amount != nil {
				l.Amount = *req.Amount
			}
			setStr(&l.Code, req.Code)
			setStr(&l.Type, req.Type)
		} else {
			p.param = p.param[1:]
		}
	}
	if p != nil {
		p.write(w, r)
		return false
	}
	return true
}

// declareLines declares an order's shipping, tax and discount lines,
// under /orders/{id}/, scoped to the order, the order's 404 answered
// first. Reading a discount line (get, list) is declared; creating,
// changing and deleting any line are written by hand (lineRoutes): each
// recomputes the order's amount from its lines under the order's lock,
// refused once the order has charges, where the scaffold changes a line
// under the line's own lock.
func (x *extras) declareLines(d *fakeapi.Dialect) {
	d = wrapBefore(d, func(w http.ResponseWriter, r *http.Request) bool {
		id := r.PathValue("id")
		if _, ok := x.s.orders.Get(id); !ok {
			x.s.orders.NotFound(w, r, id)
			return false
		}
		return true
	})
	declare := func(path, idParam, kind, prefix string, serve fakeapi.Ops) *fakeapi.Collection[orderLine] {
		lines := fakeapi.Declare(x.s.Server, d, fakeapi.Resource[orderLine]{
			Name: kind, Path: "/orders/{id}/" + path, IDParam: idParam, IDPrefix: prefix, IDLength: 17,
			ID:      func(l *orderLine) string { return l.ID },
			Copy:    func(l *orderLine) orderLine { out := *l; out.Metadata = maps.Clone(l.Metadata); return out },
			Scope:   func(r *http.Request, l *orderLine) bool { return l.ParentID == r.PathValue("id") },
			Serve:   serve,
			Filters: search(func(l *orderLine) []string { return []string{l.ID, l.Code} }),
		})
		x.lineRoutes(lines, path, idParam)
		return lines
	}
	x.shippingLines = declare("shipping_lines", "shipping_id", "shipping_line", "ship_lin_", 0)
	x.taxLines = declare("tax_lines", "tax_id", "tax_line", "tax_lin_", 0)
	x.discountLines = declare("discount_lines", "discount_lines_id", "discount_line", "dis_lin_", fakeapi.OpGet|fakeapi.OpList)
}

// lineRoutes registers the create, update and delete routes of one kind
// of order line, under the route patterns the fake has always had
// (/orders/{id}/path/{idParam}: Server.Handled counts them).
func (x *extras) lineRoutes(lines *fakeapi.Collection[orderLine], path, idParam string) {
	base := "/orders/{id}/" + path
	kind := lines.Info().Name
	x.handle("POST "+base, func(w http.ResponseWriter, r *http.Request) {
		orderID := r.PathValue("id")
		l := orderLine{ID: lines.NewID(), Object: kind, ParentID: orderID}
		if !decodeLine(w, r, kind, &l, true) {
			return
		}
		if !x.changeLines(w, r, orderID, func(o *order) bool { lines.Put(&l); return true }) {
			return
		}
		writeJSON(w, http.StatusOK, l)
	})
	// find answers the line of the order, or a 404.
	find := func(w http.ResponseWriter, r *http.Request) (orderLine, bool) {
		orderID, lineID := r.PathValue("id"), r.PathValue(idParam)
		if _, ok := x.s.orders.Get(orderID); !ok {
			x.s.orders.NotFound(w, r, orderID)
			return orderLine{}, false
		}
		l, ok := lines.Get(lineID)
		if !ok || l.ParentID != orderID {
			lines.NotFound(w, r, lineID)
			return orderLine{}, false
		}
		return l, true
	}
	x.handle("PUT "+base+"/{"+idParam+"}", func(w http.ResponseWriter, r *http.Request) {
		l, ok := find(w, r)
		if !ok || !decodeLine(w, r, kind, &l, false) {
			return
		}
		if !x.changeLines(w, r, l.ParentID, func(o *order) bool { lines.Put(&l); return true }) {
			return
		}
		writeJSON(w, http.StatusOK, l)
	})
	x.handle("DELETE "+base+"/{"+idParam+"}", func(w http.ResponseWriter, r *http.Request) {
		l, ok := find(w, r)
		if !ok || !x.changeLines(w, r, l.ParentID, func(o *order) bool { lines.Delete(l.ID); return true }) {
			return
		}
		writeJSON(w, http.StatusOK, l)
	})
}

// addRequestLines stores the shipping, tax and discount lines of an order
// create body as the order's lines, and shows them on o with its amount.
func (x *extras) addRequestLines(o *order, req *orderReq) {
	put := func(lines *fakeapi.Collection[orderLine], l orderLine) {
		l.ID, l.ParentID = lines.NewID(), o.ID
		lines.Put(&l)
	}
	for _, l := range req.ShippingLines {
		put(x.shippingLines, orderLine{Object: "shipping_line", Amount: *l.Amount, Carrier: strOf(l.Carrier),
			TrackingNumber: strOf(l.TrackingNumber), Method: strOf(l.Method), Description: strOf(l.Description), Metadata: l.Metadata})
	}
	for _, l := range req.TaxLines {
		put(x.taxLines, orderLine{Object: "tax_line", Amount: *l.Amount, Description: strOf(l.Description), Metadata: l.Metadata})
	}
	for _, l := range req.DiscountLines {
		put(x.discountLines, orderLine{Object: "discount_line", Amount: *l.Amount, Code: strOf(l.Code), Type: strOf(l.Type)})
	}
	x.syncLines(o)
	o.Amount = x.orderTotal(o)
}

// syncLines shows on o its shipping, tax and discount lines as the line
// stores hold them (a list only for a kind the order has).
func (x *extras) syncLines(o *order) {
	of := func(lines *fakeapi.Collection[orderLine]) *nested[orderLine] {
		out := lines.Select(func(l *orderLine) bool { return l.ParentID == o.ID })
		if len(out) == 0 {
			return nil
		}
		n := newNested(out)
		return &n
	}
	o.ShippingLines, o.TaxLines, o.DiscountLines = of(x.shippingLines), of(x.taxLines), of(x.discountLines)
}
