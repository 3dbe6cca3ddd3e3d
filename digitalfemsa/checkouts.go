package digitalfemsa

import (
	"context"
	"fmt"
	"iter"
	"math"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// CheckoutTypePaymentLink is the checkout type of a payment link, the one
// the API documents.
const CheckoutTypePaymentLink = "PaymentLink"

// CheckoutParams creates a payment link: a page where customers pay, each
// payment creating an order from OrderTemplate.
type CheckoutParams struct {
	// Name is shown on the link's page; required.
	Name string
	// Type is the checkout type; empty means CheckoutTypePaymentLink.
	Type string
	// Recurrent lets the link be paid several times (PaymentsLimitCount
	// times); false makes it single use.
	Recurrent bool
	// PaymentsLimitCount is how many payments a recurrent link takes, 1 to
	// math.MaxInt32; required when Recurrent, not sent otherwise.
	PaymentsLimitCount int
	// AllowedPaymentMethods lists the methods the page offers; empty
	// means ["cash"].
	AllowedPaymentMethods []string
	// NeedsShippingContact asks the payer for a shipping address.
	NeedsShippingContact bool
	// StartsAt is when the link opens (optional).
	StartsAt time.Time
	// ExpiresAt is when the link closes; required, in the future (the API
	// accepts 2 to 365 days after the day of creation).
	ExpiresAt time.Time
	// CanNotExpire makes the link never expire.
	CanNotExpire bool
	// OrderTemplate is the order each payment creates; required.
	OrderTemplate CheckoutOrderTemplate
}

// CheckoutOrderTemplate is the order a payment link creates.
type CheckoutOrderTemplate struct {
	// Currency is a three-letter code; empty means "MXN".
	Currency string
	// CustomerInfo, when not nil, names the customer (CustomerID alone,
	// or Name and Email).
	CustomerInfo *CustomerInfo
	// LineItems holds at least one product.
	LineItems []LineItem
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check Checkouts.Create runs before any request.
func (p *CheckoutParams) Validate() error {
	return p.validate(time.Now())
}

func (p *CheckoutParams) validate(now time.Time) error {
	if p == nil {
		return paramError("CheckoutParams", "is nil")
	}
	if p.Name == "" {
		return paramError("Name", "is required")
	}
	if p.Recurrent && (p.PaymentsLimitCount < 1 || p.PaymentsLimitCount > math.MaxInt32) {
		return paramError("PaymentsLimitCount", fmt.Sprintf("must be 1 to %d for a recurrent link", math.MaxInt32))
	}
	if !p.Recurrent && p.PaymentsLimitCount != 0 {
		return paramError("PaymentsLimitCount", "applies to a recurrent link only")
	}
	if p.ExpiresAt.IsZero() {
		return paramError("ExpiresAt", "is required")
	}
	if !p.ExpiresAt.After(now) {
		return paramError("ExpiresAt", "must be in the future")
	}
	if !p.StartsAt.IsZero() && !p.StartsAt.Before(p.ExpiresAt) {
		return paramError("StartsAt", "must be before ExpiresAt")
	}
	for i, m := range p.AllowedPaymentMethods {
		if m == "" {
			return paramError(fmt.Sprintf("AllowedPaymentMethods[%d]", i), "is empty")
		}
	}
	t := &p.OrderTemplate
	if t.Currency != "" {
		if err := opsCurrency("OrderTemplate.Currency", t.Currency); err != nil {
			return err
		}
	}
	if t.CustomerInfo != nil {
		if err := checkCheckoutCustomer("OrderTemplate.CustomerInfo", t.CustomerInfo); err != nil {
			return err
		}
	}
	if len(t.LineItems) == 0 {
		return paramError("OrderTemplate.LineItems", "needs at least one item")
	}
	for i := range t.LineItems {
		if err := checkProduct(fmt.Sprintf("OrderTemplate.LineItems[%d].", i), &t.LineItems[i]); err != nil {
			return err
		}
	}
	return opsMetadata("OrderTemplate.Metadata", t.Metadata)
}

// checkCheckoutCustomer checks the two shapes the API takes: customer_id
// alone, or name and email (phone and corporate optional).
func checkCheckoutCustomer(field string, ci *CustomerInfo) error {
	if ci.CustomerID != "" {
		if ci.Name != "" || ci.Email != "" || ci.Phone != "" || ci.Corporate {
			return paramError(field, "give either CustomerID or Name/Email/Phone, not both")
		}
		return nil
	}
	if ci.Name == "" {
		return paramError(field+".Name", "is required without CustomerID")
	}
	if err := opsEmail(field+".Email", ci.Email); err != nil {
		return err
	}
	return opsLen(field+".Phone", ci.Phone, 0, maxPhone)
}

type checkoutWire struct {
	Name                  string               `json:"name"`
	Type                  string               `json:"type"`
	Recurrent             bool                 `json:"recurrent"`
	PaymentsLimitCount    int                  `json:"payments_limit_count,omitempty"`
	AllowedPaymentMethods []string             `json:"allowed_payment_methods"`
	NeedsShippingContact  bool                 `json:"needs_shipping_contact"`
	StartsAt              *int64               `json:"starts_at,omitempty"`
	ExpiresAt             int64                `json:"expires_at"`
	CanNotExpire          bool                 `json:"can_not_expire,omitempty"`
	OrderTemplate         checkoutTemplateWire `json:"order_template"`
}

type checkoutTemplateWire struct {
	Currency     string                `json:"currency"`
	CustomerInfo *checkoutCustomerWire `json:"customer_info,omitempty"`
	LineItems    []productBody         `json:"line_items"`
	Metadata     map[string]string     `json:"metadata,omitempty"`
}

type checkoutCustomerWire struct {
	CustomerID string `json:"customer_id,omitempty"`
	Name       string `json:"name,omitempty"`
	Email      string `json:"email,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Corporate  bool   `json:"corporate,omitempty"`
}

func (p *CheckoutParams) wire() *checkoutWire {
	w := &checkoutWire{Name: p.Name, Type: p.Type, Recurrent: p.Recurrent, PaymentsLimitCount: p.PaymentsLimitCount,
		AllowedPaymentMethods: copyStrings(p.AllowedPaymentMethods), NeedsShippingContact: p.NeedsShippingContact,
		StartsAt: unixPtr(p.StartsAt), ExpiresAt: p.ExpiresAt.Unix(), CanNotExpire: p.CanNotExpire}
	if w.Type == "" {
		w.Type = CheckoutTypePaymentLink
	}
	if len(w.AllowedPaymentMethods) == 0 {
		w.AllowedPaymentMethods = []string{PaymentMethodCash}
	}
	t := &p.OrderTemplate
	w.OrderTemplate = checkoutTemplateWire{Currency: t.Currency, Metadata: copyMetadata(t.Metadata)}
	if w.OrderTemplate.Currency == "" {
		w.OrderTemplate.Currency = "MXN"
	}
	if ci := t.CustomerInfo; ci != nil {
		w.OrderTemplate.CustomerInfo = &checkoutCustomerWire{CustomerID: ci.CustomerID, Name: ci.Name, Email: ci.Email, Phone: ci.Phone, Corporate: ci.Corporate}
	}
	for i := range t.LineItems {
		w.OrderTemplate.LineItems = append(w.OrderTemplate.LineItems, newProductBody(&t.LineItems[i]))
	}
	return w
}

// Checkout is a payment link.
type Checkout struct {
	// ID is the link's id (a UUID).
	ID string `json:"id"`
	// Object is "checkout".
	Object string `json:"object"`
	// Livemode is false for a sandbox link.
	Livemode bool `json:"livemode"`
	// Name is shown on the link's page.
	Name string `json:"name"`
	// Type is the checkout type, "PaymentLink".
	Type string `json:"type"`
	// Status is the link's state, for example "Issued" (an open set).
	Status string `json:"status"`
	// URL is the page customers pay at.
	URL string `json:"url"`
	// Slug is the last part of URL.
	Slug string `json:"slug"`
	// Recurrent links take several payments.
	Recurrent bool `json:"recurrent"`
	// PaymentsLimitCount is how many payments a recurrent link takes; nil
	// when the API sends null or nothing.
	PaymentsLimitCount *int `json:"payments_limit_count"`
	// PaidPaymentsCount is how many payments the link took so far.
	PaidPaymentsCount int `json:"paid_payments_count"`
	// AllowedPaymentMethods lists the methods the page offers.
	AllowedPaymentMethods []string `json:"allowed_payment_methods"`
	// NeedsShippingContact says the page asks for a shipping address.
	NeedsShippingContact bool `json:"needs_shipping_contact"`
	// StartsAt is when the link opens; zero when not set.
	StartsAt Time `json:"starts_at"`
	// ExpiresAt is when the link closes (see CanNotExpire).
	ExpiresAt Time `json:"expires_at"`
	// CanNotExpire says the link never expires.
	CanNotExpire bool `json:"can_not_expire"`
	// EmailsSent counts the times the link was emailed (Email).
	EmailsSent int `json:"emails_sent"`
	// SMSSent counts the times the link was sent by text message.
	SMSSent int `json:"sms_sent"`
	// SuccessURL is where the page sends a payer who paid; empty when
	// not set.
	SuccessURL string `json:"success_url"`
	// FailureURL is where the page sends a payer whose payment failed;
	// empty when not set.
	FailureURL string `json:"failure_url"`
	// Metadata is the link's metadata.
	Metadata Metadata `json:"metadata"`
}

// CheckoutsService is client.Checkouts: payment links.
type CheckoutsService struct{ c *transport.Client }

func (s *CheckoutsService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Create creates a payment link (POST /checkouts, operation
// createCheckout). It takes no money itself: each payment through the link
// creates an order.
func (s *CheckoutsService) Create(ctx context.Context, p *CheckoutParams) (*Checkout, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "POST", Path: "/checkouts", Body: p.wire()}, "checkout", checkoutIdent)
}

// Get fetches a payment link (GET /checkouts/{id}, operation getCheckout).
func (s *CheckoutsService) Get(ctx context.Context, id string) (*Checkout, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	cid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "GET", Path: "/checkouts/" + cid}, "checkout", checkoutIdent)
}

// Cancel closes a payment link (PUT /checkouts/{id}/cancel, operation
// cancelCheckout) and returns it.
func (s *CheckoutsService) Cancel(ctx context.Context, id string) (*Checkout, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	cid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "PUT", Path: "/checkouts/" + cid + "/cancel"}, "checkout", checkoutIdent)
}

// Email sends a payment link to an address (POST /checkouts/{id}/email,
// operation emailCheckout) and returns the link (EmailsSent counts it).
// A POST: not repeated, so a lost answer means at most one email.
func (s *CheckoutsService) Email(ctx context.Context, id, email string) (*Checkout, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	cid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	if err := opsEmail("email", email); err != nil {
		return nil, err
	}
	body := &struct {
		Email string `json:"email"`
	}{email}
	return callObject(ctx, s.tc(), &transport.Request{Method: "POST", Path: "/checkouts/" + cid + "/email", Body: body}, "checkout", checkoutIdent)
}

// List returns one page of payment links (GET /checkouts, operation
// getCheckouts).
func (s *CheckoutsService) List(ctx context.Context, p *ListParams) (*Page[Checkout], error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	if err := checkList(p); err != nil {
		return nil, err
	}
	q := listCopy(p, "")
	return fetchPage(ctx, s.tc(), "/checkouts", &q, q.Limit, checkoutKey)
}

// All walks every payment link (GET /checkouts).
func (s *CheckoutsService) All(ctx context.Context, p *ListParams) iter.Seq2[*Checkout, error] {
	if err := opsReady(s.tc()); err != nil {
		return failedWalk[Checkout](err)
	}
	if err := checkList(p); err != nil {
		return failedWalk[Checkout](err)
	}
	return walkPages(ctx, s.tc(), "/checkouts", limitOf(p), func(cursor string) any { q := listCopy(p, cursor); return &q }, checkoutKey)
}

func checkoutIdent(c *Checkout) (string, string) { return c.ID, c.Object }
func checkoutKey(c *Checkout) string             { return c.ID }
