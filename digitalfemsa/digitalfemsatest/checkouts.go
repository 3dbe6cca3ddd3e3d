package digitalfemsatest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Checkout statuses the fake gives a payment link. "Issued" is the API's
// example; "Cancelled" is the fake's choice for a cancelled link.
const (
	CheckoutIssued    = "Issued"
	CheckoutCancelled = "Cancelled"
)

// checkout is a payment link (spec "checkout_response"); template is the
// order each payment creates.
type checkout struct {
	ID                    string         `json:"id"`
	Object                string         `json:"object"`
	Livemode              bool           `json:"livemode"`
	Name                  string         `json:"name"`
	Type                  string         `json:"type"`
	Status                string         `json:"status"`
	URL                   string         `json:"url"`
	Slug                  string         `json:"slug"`
	Recurrent             bool           `json:"recurrent"`
	PaymentsLimitCount    *int32         `json:"payments_limit_count"`
	PaidPaymentsCount     int            `json:"paid_payments_count"`
	AllowedPaymentMethods []string       `json:"allowed_payment_methods"`
	NeedsShippingContact  bool           `json:"needs_shipping_contact"`
	StartsAt              int64          `json:"starts_at,omitempty"`
	ExpiresAt             int64          `json:"expires_at"`
	CanNotExpire          bool           `json:"can_not_expire"`
	EmailsSent            int            `json:"emails_sent"`
	SMSSent               int            `json:"sms_sent"`
	Metadata              map[string]any `json:"metadata,omitempty"`

	template checkoutTemplateReq
}

// checkoutTemplateReq is a checkout's order_template.
type checkoutTemplateReq struct {
	Currency     *string `json:"currency"`
	CustomerInfo *struct {
		CustomerID *string `json:"customer_id"`
		Name       *string `json:"name"`
		Email      *string `json:"email"`
		Phone      *string `json:"phone"`
		Corporate  *bool   `json:"corporate"`
	} `json:"customer_info"`
	LineItems []lineItemReq  `json:"line_items"`
	Metadata  map[string]any `json:"metadata"`
}

// checkoutCreateReq is spec "checkout" (the create body).
type checkoutCreateReq struct {
	Name                  *string              `json:"name"`
	Type                  *string              `json:"type"`
	Recurrent             *bool                `json:"recurrent"`
	PaymentsLimitCount    *int32               `json:"payments_limit_count"`
	AllowedPaymentMethods []string             `json:"allowed_payment_methods"`
	NeedsShippingContact  *bool                `json:"needs_shipping_contact"`
	StartsAt              *int64               `json:"starts_at"`
	ExpiresAt             *int64               `json:"expires_at"`
	CanNotExpire          *bool                `json:"can_not_expire"`
	OrderTemplate         *checkoutTemplateReq `json:"order_template"`
}

func (req *checkoutCreateReq) check(now int64) *paramProblem {
	switch {
	case req.Name == nil || *req.Name == "":
		return missing("name")
	case req.Type == nil || *req.Type == "":
		return missing("type")
	case req.Recurrent == nil:
		return missing("recurrent")
	case req.AllowedPaymentMethods == nil:
		return missing("allowed_payment_methods")
	case req.NeedsShippingContact == nil:
		return missing("needs_shipping_contact")
	case req.ExpiresAt == nil:
		return missing("expires_at")
	case *req.ExpiresAt < now+24*60*60 || *req.ExpiresAt > now+366*24*60*60:
		// The API takes 2 to 365 days from the day after creation.
		return invalid("expires_at")
	case *req.Recurrent && (req.PaymentsLimitCount == nil || *req.PaymentsLimitCount < 1):
		return missing("payments_limit_count")
	case req.OrderTemplate == nil:
		return missing("order_template")
	}
	t := req.OrderTemplate
	switch {
	case t.Currency == nil || len(*t.Currency) != 3:
		return missing("order_template.currency")
	case len(t.LineItems) == 0:
		return missing("order_template.line_items")
	}
	for i, li := range t.LineItems {
		if li.Name == "" || li.UnitPrice == nil || *li.UnitPrice < 0 || li.Quantity == nil || *li.Quantity < 1 {
			return invalid(fmt.Sprintf("order_template.line_items.%d", i))
		}
	}
	if ci := t.CustomerInfo; ci != nil && ci.CustomerID == nil && (ci.Name == nil || ci.Email == nil || !strings.Contains(*ci.Email, "@")) {
		return missing("order_template.customer_info.email")
	}
	return nil
}

// declareCheckouts declares /checkouts, the payment links; cancelling
// one, emailing it and paying it (PayCheckout) are written by hand.
func (x *extras) declareCheckouts(d *fakeapi.Dialect) {
	x.checkouts = fakeapi.Declare(x.s.Server, d, fakeapi.Resource[checkout]{
		Name: "checkout", Path: "/checkouts", NewID: fakeapi.NewUUID,
		ID:           func(c *checkout) string { return c.ID },
		Serve:        fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList,
		CreateStatus: http.StatusOK,
		Create:       x.createCheckout,
		Filters:      search(func(c *checkout) []string { return []string{c.ID, c.Name, c.Slug} }),
	})
	x.handle("PUT /checkouts/{id}/cancel", x.cancelCheckout)
	x.handle("POST /checkouts/{id}/email", x.emailCheckout)
}

func (x *extras) createCheckout(c *fakeapi.Call) (*checkout, error) {
	var req checkoutCreateReq
	if err := c.Decode(&req); err != nil {
		return nil, err
	}
	if p := req.check(x.s.Now().Unix()); p != nil {
		return nil, p.err()
	}
	if ci := req.OrderTemplate.CustomerInfo; ci != nil && ci.CustomerID != nil {
		if _, ok := x.s.customers.Get(*ci.CustomerID); !ok {
			return nil, notFoundErr(http.StatusNotFound, "customer", *ci.CustomerID)
		}
	}
	if err := metadataErr("order_template.metadata", req.OrderTemplate.Metadata); err != nil {
		return nil, err
	}
	id := c.NewID()
	slug := strings.ReplaceAll(id, "-", "")
	ch := &checkout{ID: id, Object: "checkout", Name: *req.Name, Type: *req.Type, Status: CheckoutIssued, URL: "https://pay.digitalfemsa.io/link/" + slug,
		Slug: slug, Recurrent: *req.Recurrent, AllowedPaymentMethods: req.AllowedPaymentMethods, NeedsShippingContact: *req.NeedsShippingContact,
		ExpiresAt: *req.ExpiresAt, Metadata: req.OrderTemplate.Metadata, template: *req.OrderTemplate}
	if *req.Recurrent {
		ch.PaymentsLimitCount = req.PaymentsLimitCount
	}
	if req.StartsAt != nil {
		ch.StartsAt = *req.StartsAt
	}
	if req.CanNotExpire != nil {
		ch.CanNotExpire = *req.CanNotExpire
	}
	return ch, nil
}

func (x *extras) cancelCheckout(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	snap, ok, _ := x.checkouts.Update(id, func(c *checkout) error {
		c.Status = CheckoutCancelled
		return nil
	})
	if !ok {
		x.checkouts.NotFound(w, r, id)
		return
	}
	writeJSON(w, http.StatusOK, snap)
}

func (x *extras) emailCheckout(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var req struct {
		Email *string `json:"email"`
	}
	if !readBody(w, r, &req) {
		return
	}
	if req.Email == nil || !strings.Contains(*req.Email, "@") {
		validationError(w, r, "email", "invalid", "The parameter email is missing or invalid.", "El parámetro email falta o no es válido.")
		return
	}
	var cancelled bool
	snap, ok, _ := x.checkouts.Update(id, func(c *checkout) error {
		if c.Status == CheckoutCancelled {
			cancelled = true
			return nil
		}
		c.EmailsSent++
		return nil
	})
	switch {
	case !ok:
		x.checkouts.NotFound(w, r, id)
	case cancelled:
		precondition(w, r, "checkout.cancelled", "The payment link is cancelled.", "La liga de pago está cancelada.")
	default:
		writeJSON(w, http.StatusOK, snap)
	}
}

// PayCheckout records that a customer paid a payment link in cash: the
// fake creates a paid order from the link's order template (with a
// checkout channel), counts the payment on the link, and emits order.paid.
// A cancelled or expired link, or a single-use or limited link already
// used up, is refused. It returns the order's id.
func (s *Server) PayCheckout(checkoutID string) (string, error) {
	x := s.x
	if x == nil {
		return "", errors.New("digitalfemsatest: PayCheckout: the Server was not made by NewServer")
	}
	now := s.Now().Unix()
	var tpl checkoutTemplateReq
	var stateErr error
	_, ok, _ := x.checkouts.Update(checkoutID, func(c *checkout) error {
		limit := 1
		if c.Recurrent && c.PaymentsLimitCount != nil {
			limit = int(*c.PaymentsLimitCount)
		}
		switch {
		case c.Status == CheckoutCancelled:
			stateErr = fmt.Errorf("digitalfemsatest: payment link %s is cancelled", checkoutID)
		case !c.CanNotExpire && now >= c.ExpiresAt:
			stateErr = fmt.Errorf("digitalfemsatest: payment link %s expired", checkoutID)
		case c.PaidPaymentsCount >= limit:
			stateErr = fmt.Errorf("digitalfemsatest: payment link %s took its %d payments", checkoutID, limit)
		default:
			c.PaidPaymentsCount++
			tpl = c.template
		}
		return nil
	})
	if !ok {
		return "", fmt.Errorf("digitalfemsatest: no payment link %q", checkoutID)
	}
	if stateErr != nil {
		return "", stateErr
	}
	id := s.orders.NewID()
	var items []item
	var total int64
	for _, li := range tpl.LineItems {
		items = append(items, item{ID: fakeapi.NewID("line_item_", 17), Object: "line_item", Name: li.Name, UnitPrice: int64(*li.UnitPrice),
			Quantity: int(*li.Quantity), SKU: li.SKU, Brand: li.Brand, Description: li.Description, Tags: li.Tags, ParentID: id, Metadata: li.Metadata})
		total += int64(*li.UnitPrice) * int64(*li.Quantity)
	}
	ci := orderCustomer{Object: "customer_info", Name: "Cliente liga de pago", Email: "pago@example.mx"}
	if c := tpl.CustomerInfo; c != nil {
		if c.CustomerID != nil {
			if cus, ok := s.customers.Get(*c.CustomerID); ok {
				ci = orderCustomer{Object: "customer_info", CustomerID: cus.ID, Name: cus.Name, Email: cus.Email, Corporate: cus.Corporate}
			}
		} else {
			ci = orderCustomer{Object: "customer_info", Name: strOf(c.Name), Email: strOf(c.Email)}
		}
	}
	ref := fakeapi.NewDigits(14)
	ch := charge{ID: hexID(), Object: "charge", Amount: total, Currency: strOf(tpl.Currency), OrderID: id, CustomerID: ci.CustomerID,
		CreatedAt: now, PaidAt: &now, Status: "paid", Refunds: newNested[refundWr](nil),
		PaymentMethod: map[string]any{"object": "cash_payment", "type": "cash", "reference": ref,
			"barcode_url": "https://barcodes.digitalfemsa.io/" + ref + ".png", "expires_at": now + 24*60*60, "service_name": "OxxoPay", "store_name": "OXXO"}}
	o := &order{ID: id, Object: "order", Amount: total, Currency: strOf(tpl.Currency), CreatedAt: now, UpdatedAt: now, CustomerInfo: ci,
		Metadata: tpl.Metadata, LineItems: newNested(items), Charges: newNested([]charge{ch})}
	o.PaymentStatus = orderPaymentStatus(o)
	o.IsRefundable = true
	snap := s.orders.Put(o)
	s.emit(digitalfemsa.EventOrderPaid, snap)
	return id, nil
}
