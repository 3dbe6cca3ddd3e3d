package digitalfemsatest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// nullableStatus is a status the API sends as null while it is unset (an
// order's payment_status before it has charges).
type nullableStatus string

// MarshalJSON writes the unset status as null.
func (s nullableStatus) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

type order struct {
	ID             string         `json:"id"`
	Object         string         `json:"object"`
	Livemode       bool           `json:"livemode"`
	Amount         int64          `json:"amount"`
	AmountRefunded int64          `json:"amount_refunded"`
	Currency       string         `json:"currency"`
	PaymentStatus  nullableStatus `json:"payment_status"`
	IsRefundable   bool           `json:"is_refundable"`
	CreatedAt      int64          `json:"created_at"`
	UpdatedAt      int64          `json:"updated_at"`
	CustomerInfo   orderCustomer  `json:"customer_info"`
	Metadata       map[string]any `json:"metadata,omitempty"`
	LineItems      nested[item]   `json:"line_items"`
	Charges        nested[charge] `json:"charges"`
	// The order's lines besides its products, present once it has some:
	// discount_lines as DigitalFemsa's order_response lists them,
	// shipping_lines and tax_lines in the same list shape (Conekta's
	// order_response, which DigitalFemsa's derives from, has them).
	DiscountLines *nested[orderLine] `json:"discount_lines,omitempty"`
	ShippingLines *nested[orderLine] `json:"shipping_lines,omitempty"`
	TaxLines      *nested[orderLine] `json:"tax_lines,omitempty"`
}

// nested is a list inside an object. It carries no "total": the spec's
// nested lists have none.
type nested[T any] struct {
	Object  string `json:"object"`
	HasMore bool   `json:"has_more"`
	Data    []T    `json:"data"`
}

// clone copies a list of order lines (nil stays nil).
func (n *nested[T]) clone() *nested[T] {
	if n == nil {
		return nil
	}
	c := *n
	c.Data = append([]T{}, n.Data...)
	return &c
}

func newNested[T any](items []T) nested[T] {
	if items == nil {
		items = []T{}
	}
	return nested[T]{Object: "list", Data: items}
}

// orderCustomer is an order's customer_info. Phone is a string in the
// spec (not nullable): "" when the customer has none.
type orderCustomer struct {
	Object     string `json:"object"`
	CustomerID string `json:"customer_id,omitempty"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	Corporate  bool   `json:"corporate"`
}

// deref is *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

type item struct {
	ID          string         `json:"id"`
	Object      string         `json:"object"`
	Name        string         `json:"name"`
	UnitPrice   int64          `json:"unit_price"`
	Quantity    int            `json:"quantity"`
	SKU         string         `json:"sku,omitempty"`
	Brand       string         `json:"brand,omitempty"`
	Description string         `json:"description,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	ParentID    string         `json:"parent_id"`
	Metadata    map[string]any `json:"metadata,omitempty"`
}

type charge struct {
	ID          string `json:"id"`
	Object      string `json:"object"`
	Livemode    bool   `json:"livemode"`
	Amount      int64  `json:"amount"`
	Currency    string `json:"currency"`
	Status      string `json:"status"`
	OrderID     string `json:"order_id"`
	CustomerID  string `json:"customer_id"`
	Description string `json:"description"`
	// DeviceFingerprint is a non-nullable string in the spec; the fake
	// never learns one, so it is left out.
	DeviceFingerprint string           `json:"device_fingerprint,omitempty"`
	IsRefundable      bool             `json:"is_refundable"`
	CreatedAt         int64            `json:"created_at"`
	PaidAt            *int64           `json:"paid_at"`
	ReferenceID       *string          `json:"reference_id"`
	FailureCode       *string          `json:"failure_code"`
	FailureMessage    *string          `json:"failure_message"`
	PaymentMethod     map[string]any   `json:"payment_method"`
	Refunds           nested[refundWr] `json:"refunds"`
}

// refundWr is a charge's refund as the spec's charge refunds list it:
// its currency and reason are kept (the ledger needs the currency) but
// not sent, since that shape has neither.
type refundWr struct {
	ID        string `json:"id"`
	Object    string `json:"object"`
	Amount    int64  `json:"amount"`
	Currency  string `json:"-"`
	Status    string `json:"status"`
	Reason    string `json:"-"`
	AuthCode  string `json:"auth_code"`
	Reference string `json:"reference,omitempty"`
	CreatedAt int64  `json:"created_at"`
	ExpiresAt int64  `json:"expires_at,omitempty"`
}

func (o *order) clone() order {
	c := *o
	// Copies are made non-nil: an empty list is [] on the wire, never null.
	c.LineItems.Data = append([]item{}, o.LineItems.Data...)
	c.DiscountLines, c.ShippingLines, c.TaxLines = o.DiscountLines.clone(), o.ShippingLines.clone(), o.TaxLines.clone()
	c.Charges.Data = make([]charge, len(o.Charges.Data))
	for i, ch := range o.Charges.Data {
		ch.Refunds.Data = append([]refundWr{}, ch.Refunds.Data...)
		ch.PaymentMethod = maps.Clone(ch.PaymentMethod)
		c.Charges.Data[i] = ch
	}
	return c
}

type orderReq struct {
	Currency     *string `json:"currency"`
	CustomerInfo *struct {
		CustomerID string  `json:"customer_id"`
		Name       string  `json:"name"`
		Email      string  `json:"email"`
		Phone      *string `json:"phone"`
		Corporate  bool    `json:"corporate"`
		Object     string  `json:"object"`
	} `json:"customer_info"`
	LineItems []lineItemReq `json:"line_items"`
	Charges   []struct {
		Amount        *int64 `json:"amount"`
		PaymentMethod *struct {
			Type            string `json:"type"`
			ExpiresAt       *int64 `json:"expires_at"`
			PaymentSourceID string `json:"payment_source_id"`
		} `json:"payment_method"`
		ReferenceID *string `json:"reference_id"`
	} `json:"charges"`
	Checkout             *checkoutReq          `json:"checkout"`
	DiscountLines        []discountLineReq     `json:"discount_lines"`
	TaxLines             []taxLineReq          `json:"tax_lines"`
	NeedsShippingContact *bool                 `json:"needs_shipping_contact"`
	ShippingContact      *shippingContactReq   `json:"shipping_contact"`
	ShippingLines        []shippingLineReq     `json:"shipping_lines"`
	FiscalEntity         *orderFiscalEntityReq `json:"fiscal_entity"`
	ProcessingMode       *string               `json:"processing_mode"`
	Metadata             map[string]any        `json:"metadata"`
	// update only
	ShippingContactID *string `json:"shipping_contact_id"`
	FiscalEntityID    *string `json:"fiscal_entity_id"`
	ReturnURL         *string `json:"return_url"`
	Status            *string `json:"status"`
}

// checkGroups finds the first problem in the nested groups of an order
// body, create or update.
func (req *orderReq) checkGroups() *paramProblem {
	var found []*paramProblem
	if req.Checkout != nil {
		found = append(found, req.Checkout.check("checkout"))
	}
	found = append(found,
		eachProblem("discount_lines", req.DiscountLines, (*discountLineReq).check),
		eachProblem("tax_lines", req.TaxLines, (*taxLineReq).check),
		eachProblem("shipping_lines", req.ShippingLines, (*shippingLineReq).check))
	if req.ShippingContact != nil {
		found = append(found, req.ShippingContact.check("shipping_contact"))
	}
	if req.FiscalEntity != nil {
		found = append(found, req.FiscalEntity.check("fiscal_entity"))
	}
	return firstProblem(found...)
}

// lineItems validates and builds line items.
func lineItems(req *orderReq, orderID string) ([]item, int64, error) {
	var items []item
	var total int64
	for i, li := range req.LineItems {
		p := fmt.Sprintf("line_items.%d", i)
		if li.Name == "" || li.UnitPrice == nil || *li.UnitPrice < 0 || li.Quantity == nil || *li.Quantity < 1 {
			return nil, 0, validationErr(p, "invalid", "Each line item needs name, unit_price >= 0 and quantity >= 1.", "Cada producto necesita name, unit_price >= 0 y quantity >= 1.")
		}
		items = append(items, item{ID: fakeapi.NewID("line_item_", 17), Object: "line_item", Name: li.Name, UnitPrice: int64(*li.UnitPrice),
			Quantity: int(*li.Quantity), SKU: li.SKU, Brand: li.Brand, Description: li.Description, Tags: li.Tags, ParentID: orderID, Metadata: li.Metadata})
		total += int64(*li.UnitPrice) * int64(*li.Quantity)
	}
	return items, total, nil
}

func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) {
	var req orderReq
	if !readBody(w, r, &req) {
		return
	}
	if req.ShippingContactID != nil || req.FiscalEntityID != nil || req.ReturnURL != nil || req.Status != nil {
		writeError(w, r, http.StatusUnprocessableEntity, "parameter_validation_error", "femsa.errors.parameter_validation.whitelist", "status",
			"An update-only parameter was sent on create.", "Se envió un parámetro que solo existe al actualizar.")
		return
	}
	if req.Currency == nil || len(*req.Currency) != 3 {
		validationError(w, r, "currency", "missing", "The parameter currency is required.", "El parámetro currency es requerido.")
		return
	}
	if req.CustomerInfo == nil || (req.CustomerInfo.CustomerID == "" && (req.CustomerInfo.Name == "" || req.CustomerInfo.Email == "")) {
		validationError(w, r, "customer_info", "missing", "customer_info needs customer_id, or name and email.", "customer_info requiere customer_id, o name y email.")
		return
	}
	if len(req.LineItems) == 0 {
		validationError(w, r, "line_items", "missing", "At least one line item is required.", "Se requiere al menos un producto.")
		return
	}
	if p := req.checkGroups(); p != nil {
		p.write(w, r)
		return
	}
	if len(req.Charges) > 0 && req.Checkout != nil {
		validationError(w, r, "checkout", "combo", "charges and checkout cannot be sent together.", "charges y checkout no pueden enviarse juntos.")
		return
	}
	if !metadataOK(w, r, "metadata", req.Metadata) {
		return
	}
	id := s.orders.NewID()
	items, total, err := lineItems(&req, id)
	if err != nil {
		writeFail(w, r, err)
		return
	}
	ci := orderCustomer{Object: "customer_info", Name: req.CustomerInfo.Name, Email: req.CustomerInfo.Email, Phone: deref(req.CustomerInfo.Phone), Corporate: req.CustomerInfo.Corporate}
	if cid := req.CustomerInfo.CustomerID; cid != "" {
		cus, ok := s.customers.Get(cid)
		if !ok {
			writeError(w, r, http.StatusNotFound, "resource_not_found_error", "femsa.errors.resource_not_found.entity", "customer_info.customer_id",
				"The customer "+cid+" was not found.", "No se encontró el cliente "+cid+".")
			return
		}
		ci = orderCustomer{Object: "customer_info", CustomerID: cus.ID, Name: cus.Name, Email: cus.Email, Phone: deref(cus.Phone), Corporate: cus.Corporate}
	}
	now := s.Now().Unix()
	o := &order{ID: id, Object: "order", Amount: total, Currency: *req.Currency, CreatedAt: now, UpdatedAt: now,
		CustomerInfo: ci, Metadata: req.Metadata, LineItems: newNested(items)}
	if x := s.x; x != nil {
		// The lines sent with the order are its first lines: kept where
		// the line routes find them, shown on the order, counted in its
		// amount (and so in a charge that takes the amount).
		x.addRequestLines(o, &req)
		total = o.Amount
	}
	var charges []charge
	for i, c := range req.Charges {
		p := fmt.Sprintf("charges.%d.payment_method", i)
		if c.PaymentMethod == nil || c.PaymentMethod.Type == "" {
			validationError(w, r, p+".type", "missing", "The charge payment_method.type is required.", "El tipo de pago del cargo es requerido.")
			return
		}
		amount := total
		if c.Amount != nil {
			amount = *c.Amount
		}
		ch := charge{ID: hexID(), Object: "charge", Amount: amount, Currency: o.Currency, OrderID: id, CustomerID: ci.CustomerID,
			Description: "Payment from order", CreatedAt: now, ReferenceID: c.ReferenceID, Refunds: newNested[refundWr](nil)}
		if code, ok := declineCode(c.PaymentMethod.Type, c.PaymentMethod.PaymentSourceID); ok {
			writeDecline(w, r, code, p+".payment_source_id")
			return
		}
		switch c.PaymentMethod.Type {
		case digitalfemsa.PaymentMethodCash:
			exp := now + 30*24*60*60
			if c.PaymentMethod.ExpiresAt != nil {
				exp = *c.PaymentMethod.ExpiresAt
			}
			ref := fakeapi.NewDigits(14)
			ch.Status = "pending_payment"
			ch.PaymentMethod = map[string]any{"object": "cash_payment", "type": "cash", "reference": ref,
				"barcode_url": "https://barcodes.digitalfemsa.io/" + ref + ".png", "expires_at": exp, "service_name": "OxxoPay", "store_name": "OXXO",
				"auth_code": nil, "cashier_id": nil, "store": nil}
		case cardType:
			if c.PaymentMethod.PaymentSourceID == "" {
				validationError(w, r, p+".payment_source_id", "missing", "A card charge needs payment_source_id.", "Un cargo con tarjeta requiere payment_source_id.")
				return
			}
			// DigitalFemsa documents no card charge (the SDK's card type
			// is deprecated); the fake keeps serving it for one release,
			// in the only charge payment_method shape the spec documents
			// (its discriminator allows the object "cash_payment" alone;
			// the type "card" tells the kind), with no card fields of its
			// own invention.
			ch.Status = "paid"
			ch.PaidAt = &now
			ch.IsRefundable = true
			ch.PaymentMethod = map[string]any{"object": "cash_payment", "type": "card", "auth_code": fakeapi.NewDigits(6),
				"cashier_id": nil, "store": nil}
		default:
			validationError(w, r, p+".type", "invalid", "Unsupported payment method type.", "Tipo de pago no soportado.")
			return
		}
		charges = append(charges, ch)
	}
	o.Charges = newNested(charges)
	o.PaymentStatus = orderPaymentStatus(o)
	o.IsRefundable = o.PaymentStatus == "paid"
	snap := s.orders.Put(o)
	s.emit(digitalfemsa.EventOrderCreated, snap)
	if snap.PaymentStatus == "paid" {
		s.emit(digitalfemsa.EventOrderPaid, snap)
	}
	writeJSON(w, http.StatusOK, snap)
}

// cardType is the SDK's deprecated card payment type, still served.
const cardType = "card"

func orderPaymentStatus(o *order) nullableStatus {
	if len(o.Charges.Data) == 0 {
		return ""
	}
	for _, c := range o.Charges.Data {
		if c.Status != "paid" {
			return "pending_payment"
		}
	}
	switch {
	case o.AmountRefunded == 0:
		return "paid"
	case o.AmountRefunded >= o.Amount:
		return "refunded"
	}
	return "partially_refunded"
}

// declareOrders declares /orders: get, list and update. An order's
// creation (its charges, with the fake's declines), refunds and actions
// are written by hand on the Collection.
func (s *Server) declareOrders(d *fakeapi.Dialect) {
	s.orders = fakeapi.Declare(s.Server, d, fakeapi.Resource[order]{
		Name: "order", Path: "/orders", IDPrefix: "ord_", IDLength: 17,
		ID:           func(o *order) string { return o.ID },
		Copy:         (*order).clone,
		Serve:        fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate,
		UpdateMethod: http.MethodPut,
		Update:       s.updateOrder,
		Filters: search(func(o *order) []string {
			return []string{o.ID, o.CustomerInfo.CustomerID, o.CustomerInfo.Email}
		}),
		Metadata: func(o *order, key string) (string, bool) { return metadataValue(o.Metadata, key) },
	})
	s.handle("POST /orders", s.createOrder)
	s.handle("POST /orders/{id}/refunds", s.refundOrder)
}

func (s *Server) updateOrder(c *fakeapi.Call) (func(*order) error, error) {
	var req orderReq
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if p := req.checkGroups(); p != nil {
		return nil, p.err()
	}
	if err := metadataErr("metadata", req.Metadata); err != nil {
		return nil, err
	}
	var items []item
	var total int64
	if len(req.LineItems) > 0 {
		var err error
		if items, total, err = lineItems(&req, c.ID); err != nil {
			return nil, err
		}
	}
	// The spec lists no 428 for an order update (only for charge creation,
	// cancel and capture): an order with a pending charge is updated too.
	return func(o *order) error {
		if req.Currency != nil {
			o.Currency = *req.Currency
		}
		if req.Metadata != nil {
			o.Metadata = req.Metadata
		}
		if items != nil {
			o.LineItems, o.Amount = newNested(items), total
		}
		if ci := req.CustomerInfo; ci != nil {
			o.CustomerInfo = orderCustomer{Object: "customer_info", CustomerID: ci.CustomerID, Name: ci.Name, Email: ci.Email, Phone: deref(ci.Phone), Corporate: ci.Corporate}
		}
		o.UpdatedAt = s.Now().Unix()
		return nil
	}, nil
}

var refundReasons = map[string]bool{"requested_by_client": true, "cannot_be_fulfilled": true, "duplicated_transaction": true, "suspected_fraud": true, "other": true}

func (s *Server) refundOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var req struct {
		Amount    *int64  `json:"amount"`
		Reason    *string `json:"reason"`
		ChargeID  *string `json:"charge_id"`
		ExpiresAt *int64  `json:"expires_at"`
	}
	if !readBody(w, r, &req) {
		return
	}
	if req.Amount == nil || *req.Amount < 1 {
		validationError(w, r, "amount", "missing", "The parameter amount is required.", "El parámetro amount es requerido.")
		return
	}
	if req.Reason == nil || !refundReasons[*req.Reason] {
		validationError(w, r, "reason", "invalid", "The parameter reason is missing or invalid.", "El parámetro reason falta o no es válido.")
		return
	}
	var problem string
	snap, ok, _ := s.orders.Update(id, func(o *order) error {
		if o.PaymentStatus != "paid" && o.PaymentStatus != "partially_refunded" {
			problem = "not_paid"
			return nil
		}
		if *req.Amount > o.Amount-o.AmountRefunded {
			problem = "amount"
			return nil
		}
		idx := 0
		if req.ChargeID != nil {
			idx = -1
			for i, c := range o.Charges.Data {
				if c.ID == *req.ChargeID {
					idx = i
				}
			}
			if idx < 0 {
				problem = "charge"
				return nil
			}
		}
		now := s.Now().Unix()
		rf := refundWr{ID: fakeapi.NewID("rfnd_", 17), Object: "refund", Amount: *req.Amount, Currency: o.Currency, Status: "refunded",
			Reason: *req.Reason, AuthCode: fakeapi.NewDigits(6), CreatedAt: now}
		if req.ExpiresAt != nil {
			rf.ExpiresAt = *req.ExpiresAt
		}
		ch := &o.Charges.Data[idx]
		if ch.PaymentMethod["type"] == "cash" {
			// A cash refund is handed out with a reference of its own.
			rf.Reference = fakeapi.NewDigits(14)
		}
		ch.Refunds = newNested(append(append([]refundWr(nil), ch.Refunds.Data...), rf))
		ch.IsRefundable = o.AmountRefunded+*req.Amount < o.Amount
		o.AmountRefunded += *req.Amount
		o.PaymentStatus = orderPaymentStatus(o)
		o.IsRefundable = o.AmountRefunded < o.Amount
		o.UpdatedAt = now
		return nil
	})
	switch {
	case !ok:
		s.orders.NotFound(w, r, id)
	case problem == "not_paid":
		writeError(w, r, http.StatusPreconditionRequired, "precondition_required_error", "femsa.errors.precondition_required.order.not_paid", "",
			"Only a paid order can be refunded.", "Solo una orden pagada puede reembolsarse.")
	case problem == "amount":
		validationError(w, r, "amount", "exceeds_refundable", "The amount exceeds what can be refunded.", "El monto excede lo reembolsable.")
	case problem == "charge":
		validationError(w, r, "charge_id", "invalid", "No such charge in this order.", "No existe ese cargo en la orden.")
	default:
		typ := digitalfemsa.EventType("order.partially_refunded")
		if snap.PaymentStatus == "refunded" {
			typ = digitalfemsa.EventOrderRefunded
		}
		s.emit(typ, snap)
		writeJSON(w, http.StatusOK, snap)
	}
}

func (s *Server) getBalance(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	avail, ret := moneyList(s.available), moneyList(s.retained)
	s.mu.Unlock()
	empty := []map[string]any{}
	writeJSON(w, http.StatusOK, map[string]any{
		"available": avail, "cashout_retention_amount": ret, "pending": empty, "retained": empty,
		"retention_amount": empty, "target_retention_amount": empty, "temporarily_retained": empty,
		"gateway": empty, "conekta_retention": empty, "target_collateral_amount": map[string]any{},
	})
}

func moneyList(m map[string]int64) []map[string]any {
	out := []map[string]any{}
	for _, cur := range []string{"MXN", "USD"} {
		if v, ok := m[cur]; ok {
			out = append(out, map[string]any{"amount": v, "currency": cur})
		}
	}
	for cur, v := range m {
		if cur != "MXN" && cur != "USD" {
			out = append(out, map[string]any{"amount": v, "currency": strings.ToUpper(cur)})
		}
	}
	return out
}

// MarkOrderPaid records that the customer paid every pending cash charge of
// an order at the store: the charges turn "paid" with paid_at and the
// store's auth_code, cashier_id and store, the order "paid" and
// refundable, and an order.paid event (data.object is the order) is signed
// and delivered. It fails for an unknown order or one with no pending
// charge.
func (s *Server) MarkOrderPaid(id string) (*Notification, error) {
	var stateErr error
	snap, ok, _ := s.orders.Update(id, func(o *order) error {
		now := s.Now().Unix()
		paid := 0
		for i := range o.Charges.Data {
			ch := &o.Charges.Data[i]
			if ch.Status != "pending_payment" {
				continue
			}
			ch.Status, ch.PaidAt, ch.IsRefundable = "paid", &now, true
			pm := maps.Clone(ch.PaymentMethod)
			pm["auth_code"], pm["cashier_id"], pm["store"] = fakeapi.NewDigits(6), "OXXO01010", "10MON50"+fakeapi.NewDigits(3)
			ch.PaymentMethod = pm
			paid++
		}
		if paid == 0 {
			stateErr = fmt.Errorf("digitalfemsatest: order %s has no pending charge", id)
			return nil
		}
		o.PaymentStatus = orderPaymentStatus(o)
		o.IsRefundable = o.PaymentStatus == "paid"
		o.UpdatedAt = now
		return nil
	})
	if !ok {
		return nil, fmt.Errorf("digitalfemsatest: no order %q", id)
	}
	if stateErr != nil {
		return nil, stateErr
	}
	n := s.emit(digitalfemsa.EventOrderPaid, snap)
	return &n, n.DeliveryErr
}
