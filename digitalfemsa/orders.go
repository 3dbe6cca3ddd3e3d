package digitalfemsa

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Payment method types of an order charge.
const (
	// PaymentMethodCash is a cash payment at a store (OXXO); the charge's
	// PaymentMethod carries the reference and barcode.
	PaymentMethodCash = "cash"
	// PaymentMethodCard asks for a card charge.
	//
	// Deprecated: DigitalFemsa's API specification documents cash payment
	// methods only (payment_method_cash) and no card charge; this type came
	// from Conekta, the API DigitalFemsa's derives from, and may be refused.
	// Use PaymentMethodCash. It stays for one release.
	PaymentMethodCard = "card"
)

// OrderPaymentStatus is an order's payment_status; an open set.
type OrderPaymentStatus string

// Some order payment statuses.
const (
	OrderPaymentStatusPendingPayment    OrderPaymentStatus = "pending_payment"
	OrderPaymentStatusPaid              OrderPaymentStatus = "paid"
	OrderPaymentStatusPartiallyRefunded OrderPaymentStatus = "partially_refunded"
	OrderPaymentStatusRefunded          OrderPaymentStatus = "refunded"
	OrderPaymentStatusExpired           OrderPaymentStatus = "expired"
	OrderPaymentStatusCanceled          OrderPaymentStatus = "canceled"
)

// String returns the status as sent. Through it, fmt prints an
// Order.PaymentStatus as the status, or as "<nil>" when the API sent null.
func (s OrderPaymentStatus) String() string { return string(s) }

// RefundReason is the reason of a refund.
type RefundReason string

// Refund reasons the API accepts.
const (
	RefundRequestedByClient     RefundReason = "requested_by_client"
	RefundCannotBeFulfilled     RefundReason = "cannot_be_fulfilled"
	RefundDuplicatedTransaction RefundReason = "duplicated_transaction"
	RefundSuspectedFraud        RefundReason = "suspected_fraud"
	RefundOther                 RefundReason = "other"
)

// refundReasonList names the accepted reasons in validation errors.
const refundReasonList = "requested_by_client, cannot_be_fulfilled, duplicated_transaction, suspected_fraud, other"

// valid reports whether r is a reason the API accepts (a closed set).
func (r RefundReason) valid() bool {
	switch r {
	case RefundRequestedByClient, RefundCannotBeFulfilled, RefundDuplicatedTransaction, RefundSuspectedFraud, RefundOther:
		return true
	}
	return false
}

// OrderParams creates an order.
type OrderParams struct {
	// Currency is a three-letter code; empty means "MXN".
	Currency string
	// CustomerInfo names an existing customer or describes a new one.
	CustomerInfo CustomerInfo
	// LineItems holds at least one product.
	LineItems []LineItem
	// Charges pays the order (cash references).
	Charges []ChargeParams
	// Metadata holds at most 100 keys, the reconciliation key included.
	Metadata map[string]string
	// ReconcileKey is your own id for this order (1 to 64 characters from
	// A-Z a-z 0-9 . _ : -), or empty for one the SDK generates. It is sent
	// as the metadata entry "latampay_key" (a Metadata entry under that
	// key must then be the same; given alone, it is the key) and reported
	// in an *OutcomeUnknownError; pass it to Orders.Reconcile. Store it,
	// with the time, before calling Create.
	ReconcileKey string
}

// OrderUpdateParams changes an order; empty fields are left unchanged, and
// at least one must be set.
type OrderUpdateParams struct {
	// Currency replaces the three-letter currency code.
	Currency string
	// CustomerInfo, when not nil, replaces the order's customer.
	CustomerInfo *CustomerInfo
	// LineItems, when not empty, replaces the products.
	LineItems []LineItem
	// Metadata replaces the metadata; at most 100 keys.
	Metadata map[string]string
}

// CustomerInfo is either CustomerID alone or Name and Email (Phone and
// Corporate optional).
type CustomerInfo struct {
	// CustomerID names an existing customer; give nothing else with it.
	CustomerID string
	// Name of a new customer (required without CustomerID).
	Name string
	// Email of a new customer (required without CustomerID): name@domain.
	Email string
	// Phone of a new customer, at most 19 characters.
	Phone string
	// Corporate marks a new customer that is a company.
	Corporate bool
}

// LineItem is one product of an order.
type LineItem struct {
	// Name is shown in the order; required.
	Name string
	// UnitPrice in cents, 0 to math.MaxInt32 (the API's int32).
	UnitPrice int64
	// Quantity is 1 to math.MaxInt32 (the API's int32).
	Quantity int
	// SKU is your stock keeping unit for the product.
	SKU string
	// Brand is the product's brand.
	Brand string
	// Description is at most 250 characters.
	Description string
	// Tags are 2 to 249 characters each.
	Tags []string
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// ChargeParams is one charge of a new order.
type ChargeParams struct {
	// Amount in cents; zero lets the API charge the order total.
	Amount int64
	// Type is PaymentMethodCash (another type the API documents later
	// passes through; PaymentMethodCard is deprecated).
	Type string
	// ExpiresAt is when a cash reference expires (optional).
	ExpiresAt time.Time
	// PaymentSourceID names a payment source saved on the customer (a
	// recurrent cash reference); optional.
	PaymentSourceID string
	// ReferenceID is your own reference for the charge.
	ReferenceID string
}

// RefundParams refunds (part of) a paid order.
type RefundParams struct {
	// Amount in cents, positive.
	Amount int64
	// Reason is required: one of the RefundReason constants, the only
	// values the API accepts.
	Reason RefundReason
	// ChargeID selects the charge when the order has several (optional).
	ChargeID string
	// ExpiresAt bounds a cash refund (optional).
	ExpiresAt time.Time
}

// Order is a DigitalFemsa order. A field the API documents as nullable is
// a pointer, nil when the API sends null or leaves it out.
type Order struct {
	// ID is the order id ("ord_...").
	ID string `json:"id"`
	// Object is "order"; the SDK refuses an answer of another kind.
	Object string `json:"object"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// Amount is the order total in cents.
	Amount int64 `json:"amount"`
	// AmountRefunded is the total refunded so far, in cents.
	AmountRefunded int64 `json:"amount_refunded"`
	// Currency is the ISO 4217 code ("MXN").
	Currency string `json:"currency"`
	// PaymentStatus is nil when the API sends null: an order without
	// payment information yet (no charges).
	PaymentStatus *OrderPaymentStatus `json:"payment_status"`
	// SplitPayment says whether the order is paid in several charges; nil
	// when the API sends null or nothing.
	SplitPayment *bool `json:"split_payment"`
	// IsRefundable says whether Refund may be called now.
	IsRefundable bool `json:"is_refundable"`
	// CreatedAt is when the order was created.
	CreatedAt Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt Time `json:"updated_at"`
	// CustomerInfo is the customer the order belongs to.
	CustomerInfo OrderCustomer `json:"customer_info"`
	// ShippingContact is where the order ships, nil when none.
	ShippingContact *ShippingContactInfo `json:"shipping_contact"`
	// Channel is where the order was made (a checkout, the API), nil when
	// not sent.
	Channel *Channel `json:"channel"`
	// FiscalEntity is the billing identity, nil when none.
	FiscalEntity *OrderFiscalEntity `json:"fiscal_entity"`
	// Checkout is the payment link or hosted checkout the order came
	// from, nil when none.
	Checkout *OrderCheckout `json:"checkout"`
	// Metadata is the order's metadata (the reconciliation key among it,
	// under "latampay_key").
	Metadata Metadata `json:"metadata"`
	// LineItems are the products.
	LineItems *NestedList[OrderLineItem] `json:"line_items"`
	// DiscountLines are the discounts, nil when none were sent.
	DiscountLines *NestedList[DiscountLineInfo] `json:"discount_lines"`
	// ShippingLines are the shipping charges, nil when none were sent.
	// DigitalFemsa's specification leaves them out of its order object
	// (Conekta's, which it derives from, lists them there), so a real
	// answer may lack them: ShippingLines.Create answers each line too.
	ShippingLines *NestedList[ShippingLine] `json:"shipping_lines"`
	// TaxLines are the taxes, nil when none were sent; like
	// ShippingLines, absent from the specification's order object.
	TaxLines *NestedList[TaxLine] `json:"tax_lines"`
	// Charges are the order's charges (cash references), nil when none.
	Charges *NestedList[Charge] `json:"charges"`
	// PartialReference describes a partial-cash payment; its shape is not
	// fixed by the API, so it is kept raw (nil when null or absent).
	PartialReference json.RawMessage `json:"partial_reference"`
	// PaymentsInfo summarises the payments of the order; its shape is not
	// fixed by the API, so it is kept raw (nil when null or absent).
	PaymentsInfo json.RawMessage `json:"payments_info"`
}

// UnmarshalJSON decodes an order; a null partial_reference or
// payments_info gives nil.
func (o *Order) UnmarshalJSON(data []byte) error {
	type plain Order
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	*o = Order(p)
	o.PartialReference = nilIfNull(o.PartialReference)
	o.PaymentsInfo = nilIfNull(o.PaymentsInfo)
	return nil
}

// nilIfNull turns the JSON text null into nil.
func nilIfNull(raw json.RawMessage) json.RawMessage {
	if string(raw) == "null" {
		return nil
	}
	return raw
}

// CustomerInfoKind tells the two shapes of an order's customer_info apart.
type CustomerInfoKind string

// The shapes of customer_info.
const (
	// CustomerInfoByID is a reference to a stored customer: CustomerID is
	// set and no name or email came with it.
	CustomerInfoByID CustomerInfoKind = "customer_id"
	// CustomerInfoInline carries the customer's data (Name, Email, Phone,
	// Corporate), with or without a CustomerID.
	CustomerInfoInline CustomerInfoKind = "inline"
)

// OrderCustomer is the customer_info of an order, in either of its shapes
// (switch on Kind).
type OrderCustomer struct {
	// Object is "customer_info" when sent.
	Object string `json:"object"`
	// CustomerID is the stored customer's id ("cus_..."), empty when the
	// order carries the customer's data only.
	CustomerID string `json:"customer_id"`
	// Name is the customer's name.
	Name string `json:"name"`
	// Email is the customer's address.
	Email string `json:"email"`
	// Phone is the customer's phone (a string; "" when none).
	Phone string `json:"phone"`
	// Corporate marks a company.
	Corporate bool `json:"corporate"`
	// CustomerCustomReference is the customer's own reference; nil when
	// the API sends null or nothing (none was given).
	CustomerCustomReference *string `json:"customer_custom_reference"`
}

// Kind reports which shape of customer_info c is.
func (c *OrderCustomer) Kind() CustomerInfoKind {
	if c.CustomerID != "" && c.Name == "" && c.Email == "" {
		return CustomerInfoByID
	}
	return CustomerInfoInline
}

// Channel is where an order or charge was made.
type Channel struct {
	// ID is the channel id ("channel_...").
	ID string `json:"id"`
	// Segment is the kind of channel, such as "Checkout".
	Segment string `json:"segment"`
	// CheckoutRequestID is the checkout's id, when it came from one.
	CheckoutRequestID string `json:"checkout_request_id"`
	// CheckoutRequestType is the checkout's type, such as "HostedPayment"
	// or "Integration".
	CheckoutRequestType string `json:"checkout_request_type"`
}

// PostalAddress is an address as the API returns it (shipping contacts and
// fiscal entities).
type PostalAddress struct {
	// Object is "shipping_address", "fiscal_entity_address" or empty.
	Object string `json:"object"`
	// Street1 is the street and number.
	Street1 string `json:"street1"`
	// Street2 is the rest of the address; nil when the API sends null or
	// nothing.
	Street2 *string `json:"street2"`
	// ExternalNumber is the building's outside number (fiscal addresses).
	ExternalNumber string `json:"external_number"`
	// PostalCode is the postal code ("06100").
	PostalCode string `json:"postal_code"`
	// City is the city.
	City string `json:"city"`
	// State is the state.
	State string `json:"state"`
	// Country is an ISO 3166-1 alpha-2 code ("MX").
	Country string `json:"country"`
	// Residential says whether the address is a home; nil when null.
	Residential *bool `json:"residential"`
}

// ShippingContactInfo is a shipping contact as orders and customers embed
// it.
type ShippingContactInfo struct {
	// ID is the contact id ("ship_cont_...").
	ID string `json:"id"`
	// Object is "shipping_contact".
	Object string `json:"object"`
	// CreatedAt is when the contact was created.
	CreatedAt Time `json:"created_at"`
	// Phone is the receiver's phone.
	Phone string `json:"phone"`
	// Receiver is who receives the shipment.
	Receiver string `json:"receiver"`
	// BetweenStreets describes the cross streets; nil when the API sends
	// null or nothing.
	BetweenStreets *string `json:"between_streets"`
	// Address is the shipping address.
	Address *PostalAddress `json:"address"`
	// ParentID is the customer the contact belongs to.
	ParentID string `json:"parent_id"`
	// Default marks the customer's default contact; nil when null.
	Default *bool `json:"default"`
	// Deleted is true on a deleted contact; nil when null.
	Deleted *bool `json:"deleted"`
	// Metadata is the contact's metadata.
	Metadata Metadata `json:"metadata"`
}

// OrderFiscalEntity is the billing identity of an order.
type OrderFiscalEntity struct {
	// ID is the fiscal entity's id ("fis_ent_...").
	ID string `json:"id"`
	// Object is "fiscal_entity".
	Object string `json:"object"`
	// CreatedAt is when it was created.
	CreatedAt Time `json:"created_at"`
	// Name is the legal name; nil when null.
	Name *string `json:"name"`
	// TaxID is the tax id (RFC in Mexico); nil when null.
	TaxID *string `json:"tax_id"`
	// Email is the billing address; nil when null.
	Email *string `json:"email"`
	// Phone is the billing phone; nil when null.
	Phone *string `json:"phone"`
	// Address is the fiscal address.
	Address *PostalAddress `json:"address"`
	// Metadata is the entity's metadata.
	Metadata Metadata `json:"metadata"`
}

// OrderCheckout is the checkout (payment link or hosted checkout) an order
// belongs to.
type OrderCheckout struct {
	// ID is the checkout id (a UUID).
	ID string `json:"id"`
	// Object is "checkout".
	Object string `json:"object"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// Name is the checkout's name.
	Name string `json:"name"`
	// Type is "PaymentLink", "HostedPayment" or another value.
	Type string `json:"type"`
	// Status is the checkout's status, such as "Issued".
	Status string `json:"status"`
	// URL is the page the customer pays on.
	URL string `json:"url"`
	// Slug is the last part of URL.
	Slug string `json:"slug"`
	// AllowedPaymentMethods lists the payment method types offered ("cash").
	AllowedPaymentMethods []string `json:"allowed_payment_methods"`
	// Recurrent says whether the link can be paid several times.
	Recurrent bool `json:"recurrent"`
	// CanNotExpire says whether the link never expires.
	CanNotExpire bool `json:"can_not_expire"`
	// NeedsShippingContact says whether the customer must give a shipping
	// contact.
	NeedsShippingContact bool `json:"needs_shipping_contact"`
	// OnDemandEnabled is nil when null.
	OnDemandEnabled *bool `json:"on_demand_enabled"`
	// IsRedirectOnFailure says whether a failure redirects to FailureURL.
	IsRedirectOnFailure bool `json:"is_redirect_on_failure"`
	// SuccessURL is where the customer goes after paying.
	SuccessURL string `json:"success_url"`
	// FailureURL is where the customer goes after a failure.
	FailureURL string `json:"failure_url"`
	// StartsAt is when the link starts to accept payments.
	StartsAt Time `json:"starts_at"`
	// ExpiresAt is when it stops.
	ExpiresAt Time `json:"expires_at"`
	// EmailsSent counts the emails sent for it.
	EmailsSent int `json:"emails_sent"`
	// SMSSent counts the text messages sent for it.
	SMSSent int `json:"sms_sent"`
	// Metadata is the checkout's metadata.
	Metadata Metadata `json:"metadata"`
}

// DiscountLineInfo is a discount line as an order embeds it.
type DiscountLineInfo struct {
	// ID is the discount line's id ("dis_lin_...").
	ID string `json:"id"`
	// Object is "discount_line".
	Object string `json:"object"`
	// Amount is the discount in cents.
	Amount int64 `json:"amount"`
	// Code is the discount's code.
	Code string `json:"code"`
	// Type is "loyalty", "campaign", "coupon" or "sign".
	Type string `json:"type"`
	// ParentID is the order id.
	ParentID string `json:"parent_id"`
}

// OrderLineItem is a line item as the API returns it.
type OrderLineItem struct {
	// ID is the line item's id ("line_item_...").
	ID string `json:"id"`
	// Object is "line_item".
	Object string `json:"object"`
	// Name is the product's name.
	Name string `json:"name"`
	// UnitPrice is in cents.
	UnitPrice int64 `json:"unit_price"`
	// Quantity is how many units.
	Quantity int `json:"quantity"`
	// SKU is the stock keeping unit.
	SKU string `json:"sku"`
	// Brand is the product's brand.
	Brand string `json:"brand"`
	// Description describes the product.
	Description string `json:"description"`
	// Tags are the product's tags.
	Tags []string `json:"tags"`
	// ParentID is the order id.
	ParentID string `json:"parent_id"`
	// Metadata is the product's metadata.
	Metadata Metadata `json:"metadata"`
}

// ChargeStatus values a charge may have; Status is an open set.
const (
	// ChargeStatusPendingPayment: a cash reference waiting to be paid.
	ChargeStatusPendingPayment = "pending_payment"
	// ChargeStatusPaid: the charge is paid.
	ChargeStatusPaid = "paid"
	// ChargeStatusDeclined: the charge was refused.
	ChargeStatusDeclined = "declined"
)

// Charge is a charge of an order.
type Charge struct {
	// ID is the charge id (24 hex digits).
	ID string `json:"id"`
	// Object is "charge".
	Object string `json:"object"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// Amount is in cents.
	Amount int64 `json:"amount"`
	// Currency is the ISO 4217 code ("MXN").
	Currency string `json:"currency"`
	// Status is "pending_payment", "paid", "declined", "refunded",
	// "partially_refunded" or another value.
	Status string `json:"status"`
	// OrderID is the order the charge belongs to.
	OrderID string `json:"order_id"`
	// CustomerID is the order's customer, when stored.
	CustomerID string `json:"customer_id"`
	// Description describes the charge ("Payment from order").
	Description string `json:"description"`
	// DeviceFingerprint is the payer's device fingerprint; nil when null.
	DeviceFingerprint *string `json:"device_fingerprint"`
	// FailureCode says why the charge failed; nil when the API sends
	// null (a charge that has not failed).
	FailureCode *string `json:"failure_code"`
	// FailureMessage explains FailureCode; nil when null.
	FailureMessage *string `json:"failure_message"`
	// ReferenceID is your own reference (ChargeParams.ReferenceID); nil
	// when the API sends null (none was given).
	ReferenceID *string `json:"reference_id"`
	// IsRefundable says whether the charge can be refunded now.
	IsRefundable bool `json:"is_refundable"`
	// Channel is where the charge was made, nil when not sent.
	Channel *Channel `json:"channel"`
	// CreatedAt is when the charge was created.
	CreatedAt Time `json:"created_at"`
	// PaidAt is when it was paid; zero while unpaid (null).
	PaidAt Time `json:"paid_at"`
	// PaymentMethod is how the charge is paid (switch on its Kind).
	PaymentMethod ChargePaymentMethod `json:"payment_method"`
	// Refunds are the charge's refunds ([] when none).
	Refunds *NestedList[Refund] `json:"refunds"`
}

// Declined reports whether the charge was refused.
func (c *Charge) Declined() bool { return c.Status == ChargeStatusDeclined }

// SoftDecline reports whether the charge was refused and a later attempt
// may succeed (its failure code names insufficient funds, an unavailable
// issuer or service, or a "try again").
func (c *Charge) SoftDecline() bool {
	return c.Declined() && c.FailureCode != nil && softDeclineCode(*c.FailureCode)
}

// PaymentMethodKind is what kind of payment method a charge's
// payment_method is, read from its object and type.
type PaymentMethodKind string

// The kinds of a charge's payment method.
const (
	// PaymentKindCash is a cash reference paid at a store (OXXO): the
	// only kind DigitalFemsa's API specification documents.
	PaymentKindCash PaymentMethodKind = "cash"
	// PaymentKindCard is a card payment. DigitalFemsa documents none: it
	// is what an order made with the deprecated PaymentMethodCard reports.
	PaymentKindCard PaymentMethodKind = "card"
	// PaymentKindUnknown is any other shape; read Raw.
	PaymentKindUnknown PaymentMethodKind = "unknown"
)

// ChargePaymentMethod is how a charge is paid. It is a union keyed by
// object and type: switch on Kind. A cash method (object "cash_payment" or
// "payment_source", type "cash" or an OXXO type) has Reference,
// BarcodeURL, ExpiresAt, ServiceName, StoreName and, once paid, AuthCode,
// CashierID and Store. Another shape is PaymentKindUnknown, with its
// Object and Type kept.
type ChargePaymentMethod struct {
	// Object is "cash_payment" or "payment_source" for cash.
	Object string `json:"object"`
	// Type is "cash", "oxxo_recurrent", "partial_cash" or another value.
	Type string `json:"type"`
	// Reference is the number the customer pays with at the store.
	Reference string `json:"reference"`
	// BarcodeURL is an image of the reference's barcode.
	BarcodeURL string `json:"barcode_url"`
	// ExpiresAt is when the reference stops being payable.
	ExpiresAt Time `json:"expires_at"`
	// ServiceName is the cash service ("OxxoPay").
	ServiceName string `json:"service_name"`
	// StoreName is the store chain ("OXXO").
	StoreName string `json:"store_name"`
	// AuthCode is the store's authorization code once paid; nil when null.
	AuthCode *string `json:"auth_code"`
	// CashierID is the cashier who took the payment; nil when null.
	CashierID *string `json:"cashier_id"`
	// Store is the store that took the payment; nil when null.
	Store *string `json:"store"`
	// Last4 is a card's last four digits.
	//
	// Deprecated: DigitalFemsa documents no card charges, and no cash
	// method carries it; it stays for one release.
	Last4 string `json:"last4"`
	// Brand is a card's brand.
	//
	// Deprecated: as Last4.
	Brand string `json:"brand"`
}

// Kind reports which kind of payment method m is.
func (m *ChargePaymentMethod) Kind() PaymentMethodKind {
	switch {
	case m.Object == "card_payment" || m.Type == PaymentMethodCard || m.Type == "credit" || m.Type == "debit":
		return PaymentKindCard
	case m.Object == "cash_payment" || m.Type == PaymentMethodCash || m.Type == "oxxo" || m.Type == "oxxo_cash" ||
		m.Type == "oxxo_recurrent" || m.Type == "partial_cash" || m.Reference != "":
		return PaymentKindCash
	}
	return PaymentKindUnknown
}

// Refund is a refund of a charge.
type Refund struct {
	// ID is the refund's id.
	ID string `json:"id"`
	// Object is "refund".
	Object string `json:"object"`
	// Amount is in cents; the API sends it negative (a refund of 150.00 is
	// -15000) or positive depending on the record.
	Amount int64 `json:"amount"`
	// Currency is the ISO 4217 code, when sent.
	Currency string `json:"currency"`
	// Status is "pending", "refunded" or another value.
	Status string `json:"status"`
	// Reason is one of the RefundReason values, when sent.
	Reason string `json:"reason"`
	// AuthCode is the refund's authorization code.
	AuthCode string `json:"auth_code"`
	// PayoutID is the payout a cash refund is handed out through.
	PayoutID string `json:"payout_id"`
	// Reference is the cash refund's reference, presented at the store.
	Reference string `json:"reference"`
	// CreatedAt is when the refund was made.
	CreatedAt Time `json:"created_at"`
	// ExpiresAt bounds a cash refund.
	ExpiresAt Time `json:"expires_at"`
}

type orderWire struct {
	Currency     string            `json:"currency,omitempty"`
	CustomerInfo *customerInfoWire `json:"customer_info,omitempty"`
	LineItems    []lineItemWire    `json:"line_items,omitempty"`
	Charges      []chargeWire      `json:"charges,omitempty"`
	Metadata     map[string]string `json:"metadata,omitempty"`
}

type customerInfoWire struct {
	CustomerID string `json:"customer_id,omitempty"`
	Name       string `json:"name,omitempty"`
	Email      string `json:"email,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Corporate  bool   `json:"corporate,omitempty"`
}

type lineItemWire struct {
	Name        string            `json:"name"`
	UnitPrice   int64             `json:"unit_price"`
	Quantity    int               `json:"quantity"`
	SKU         string            `json:"sku,omitempty"`
	Brand       string            `json:"brand,omitempty"`
	Description string            `json:"description,omitempty"`
	Tags        []string          `json:"tags,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

type chargeWire struct {
	Amount        int64             `json:"amount,omitempty"`
	PaymentMethod paymentMethodWire `json:"payment_method"`
	ReferenceID   string            `json:"reference_id,omitempty"`
}

type paymentMethodWire struct {
	Type            string `json:"type"`
	ExpiresAt       int64  `json:"expires_at,omitempty"`
	PaymentSourceID string `json:"payment_source_id,omitempty"`
}

type refundWire struct {
	Amount    int64  `json:"amount"`
	Reason    string `json:"reason"`
	ChargeID  string `json:"charge_id,omitempty"`
	ExpiresAt int64  `json:"expires_at,omitempty"`
}

func (ci *CustomerInfo) wire(field string) (*customerInfoWire, error) {
	if ci.CustomerID != "" {
		if ci.Name != "" || ci.Email != "" || ci.Phone != "" || ci.Corporate {
			return nil, invalidParams(field, "give either CustomerID or Name/Email/Phone, not both")
		}
		return &customerInfoWire{CustomerID: ci.CustomerID}, nil
	}
	if ci.Name == "" {
		return nil, invalidParams(field+".Name", "is required without CustomerID")
	}
	if ci.Email == "" {
		return nil, invalidParams(field+".Email", "is required without CustomerID")
	}
	if err := checkEmail(field+".Email", ci.Email); err != nil {
		return nil, err
	}
	if err := checkLen(field+".Phone", ci.Phone, 0, maxPhone); err != nil {
		return nil, err
	}
	return &customerInfoWire{Name: ci.Name, Email: ci.Email, Phone: ci.Phone, Corporate: ci.Corporate}, nil
}

func lineItemsWire(items []LineItem) ([]lineItemWire, error) {
	out := make([]lineItemWire, len(items))
	for i := range items {
		li := &items[i]
		if err := checkProduct("", li); err != nil {
			// The field's place is named on this path only: an order of
			// many items pays nothing for the labels when all is well.
			return nil, checkProduct("LineItems["+strconv.Itoa(i)+"].", li)
		}
		// The body is encoded at once and never changed, so the caller's
		// tags and metadata are shared, not copied.
		out[i] = lineItemWire{Name: li.Name, UnitPrice: li.UnitPrice, Quantity: li.Quantity, SKU: li.SKU,
			Brand: li.Brand, Description: li.Description, Tags: li.Tags, Metadata: li.Metadata}
	}
	return out, nil
}

func (ch *ChargeParams) wire(f string, now time.Time) (chargeWire, error) {
	if ch.Amount < 0 {
		return chargeWire{}, invalidParams(f+".Amount", "must be positive (or 0 for the order total)")
	}
	if ch.Type == "" {
		return chargeWire{}, invalidParams(f+".Type", "is required (cash)")
	}
	if ch.Type == PaymentMethodCard && ch.PaymentSourceID == "" {
		return chargeWire{}, invalidParams(f+".PaymentSourceID", "is required for a card charge")
	}
	if !ch.ExpiresAt.IsZero() && !ch.ExpiresAt.After(now) {
		return chargeWire{}, invalidParams(f+".ExpiresAt", "must be in the future")
	}
	return chargeWire{Amount: ch.Amount, ReferenceID: ch.ReferenceID,
		PaymentMethod: paymentMethodWire{Type: ch.Type, ExpiresAt: unixOrZero(ch.ExpiresAt), PaymentSourceID: ch.PaymentSourceID}}, nil
}

func (p *OrderParams) wire(now time.Time, key string) (*orderWire, error) {
	if p == nil {
		return nil, invalidParams("OrderParams", "is nil")
	}
	cur := p.Currency
	if cur == "" {
		cur = "MXN"
	}
	if err := checkCurrency("Currency", cur); err != nil {
		return nil, err
	}
	ci, err := p.CustomerInfo.wire("CustomerInfo")
	if err != nil {
		return nil, err
	}
	if len(p.LineItems) == 0 {
		return nil, invalidParams("LineItems", "needs at least one item")
	}
	items, err := lineItemsWire(p.LineItems)
	if err != nil {
		return nil, err
	}
	md := transport.WithReconcileKey(p.Metadata, key)
	w := &orderWire{Currency: cur, CustomerInfo: ci, LineItems: items, Metadata: md}
	for i := range p.Charges {
		cw, err := p.Charges[i].wire(fmt.Sprintf("Charges[%d]", i), now)
		if err != nil {
			return nil, err
		}
		w.Charges = append(w.Charges, cw)
	}
	if err := checkMetadata("Metadata", md); err != nil {
		return nil, err
	}
	return w, nil
}

// Validate checks p as Create does before any I/O (see OrderParams for the
// rules), the ReconcileKey included.
func (p *OrderParams) Validate() error {
	if p == nil {
		return invalidParams("OrderParams", "is nil")
	}
	key, err := reconcileKeyOf(p.ReconcileKey, p.Metadata)
	if err != nil {
		return err
	}
	_, err = p.wire(time.Now(), key)
	return err
}

// Validate checks one charge as OrderParams.Validate does (the field names
// in its errors start "Charges[0]").
func (p *ChargeParams) Validate() error {
	if p == nil {
		return invalidParams("ChargeParams", "is nil")
	}
	_, err := p.wire("Charges[0]", time.Now())
	return err
}

// Validate checks p as Update does before any I/O: at least one field set,
// and each set field as OrderParams.Validate checks it.
func (p *OrderUpdateParams) Validate() error {
	_, err := p.wire()
	return err
}

func (p *OrderUpdateParams) wire() (*orderWire, error) {
	if p == nil {
		return nil, invalidParams("OrderUpdateParams", "is nil")
	}
	// Empty fields are left out of the body: an update setting none of them
	// would send {} and change nothing.
	if p.Currency == "" && p.CustomerInfo == nil && len(p.LineItems) == 0 && len(p.Metadata) == 0 {
		return nil, invalidParams("OrderUpdateParams", "sets nothing")
	}
	w := &orderWire{Currency: p.Currency, Metadata: copyMetadata(p.Metadata)}
	if p.Currency != "" {
		if err := checkCurrency("Currency", p.Currency); err != nil {
			return nil, err
		}
	}
	if p.CustomerInfo != nil {
		ci, err := p.CustomerInfo.wire("CustomerInfo")
		if err != nil {
			return nil, err
		}
		w.CustomerInfo = ci
	}
	if len(p.LineItems) > 0 {
		items, err := lineItemsWire(p.LineItems)
		if err != nil {
			return nil, err
		}
		w.LineItems = items
	}
	if err := checkMetadata("Metadata", p.Metadata); err != nil {
		return nil, err
	}
	return w, nil
}

// Validate checks p as Refund does before any I/O: a positive Amount, a
// Reason among the RefundReason constants, an ExpiresAt in the future when
// set.
func (p *RefundParams) Validate() error {
	if p == nil {
		return invalidParams("RefundParams", "is nil")
	}
	if p.Amount <= 0 {
		return invalidParams("Amount", "must be positive")
	}
	if p.Reason == "" {
		return invalidParams("Reason", "is required")
	}
	if !p.Reason.valid() {
		return invalidParams("Reason", "must be one of the RefundReason constants ("+refundReasonList+")")
	}
	if !p.ExpiresAt.IsZero() && !p.ExpiresAt.After(time.Now()) {
		return invalidParams("ExpiresAt", "must be in the future")
	}
	return nil
}

// OrdersService is client.Orders: orders and their cash charges and
// refunds.
type OrdersService service

var orderKind = kind[Order]{path: "/orders", object: "order", child: true,
	id: func(o *Order) string { return o.ID }, obj: func(o *Order) string { return o.Object }}

// Create sends POST /orders. With charges it may take money, so it is never
// repeated once it may have reached DigitalFemsa (ErrOutcomeUnknown).
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/createorder
func (s *OrdersService) Create(ctx context.Context, p *OrderParams) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, invalidParams("OrderParams", "is nil")
	}
	key, err := reconcileKeyOf(p.ReconcileKey, p.Metadata)
	if err != nil {
		return nil, err
	}
	body, err := p.wire(time.Now(), key)
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/orders", Body: body, MovesMoney: true, Header: orderKind.header(c),
		Operation: "orders.create", ReconcileKey: key}, orderKind.check)
}

// Reconcile finds the order created with key (OrderParams.ReconcileKey, or
// OutcomeUnknownError.Key) on or after since, the time the Create call
// began (OutcomeUnknownError.SentAt). It sends GET /orders, a page of 250
// at a time, lazily, and returns the order whose metadata "latampay_key" is
// key, or an error matching ErrNotFound. It never creates anything.
//
// DigitalFemsa has no server-side filter on metadata (search matches
// "mail, reference etc.", not metadata), so Reconcile reads the list
// itself, comparing the key exactly. It stops early only at an order
// created before since minus ReconcileClockSkew once the pages have shown
// themselves newest first; otherwise it reads to the end. DigitalFemsa
// documents no delay before a created order shows in the list: on
// ErrNotFound either wait and reconcile again (an order caught in flight
// may show a moment later), or give up and create the order anew with a
// NEW key.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getorders
func (s *OrdersService) Reconcile(ctx context.Context, key string, since time.Time) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return reconcile(ctx, c, orderKind, "orders", key, since,
		func(o *Order) (string, time.Time) { return o.Metadata[ReconcileMetadataKey], o.CreatedAt.Time })
}

// Get sends GET /orders/{id}.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getorderbyid
func (s *OrdersService) Get(ctx context.Context, id string) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "GET", Path: "/orders/" + pid, Header: orderKind.header(c)}, orderKind.check)
}

// Update sends PUT /orders/{id}. Params that set no field are refused with
// ErrInvalidParams, before any request. The specification declares no
// X-Child-Company-Id here, so the header is never sent.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/updateorder
func (s *OrdersService) Update(ctx context.Context, id string, p *OrderUpdateParams) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	w, err := p.wire()
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "PUT", Path: "/orders/" + pid, Body: w}, orderKind.check)
}

// Refund sends POST /orders/{id}/refunds and returns the order. It moves
// money: never repeated once it may have arrived.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/orderrefund
func (s *OrdersService) Refund(ctx context.Context, id string, p *RefundParams) (*Order, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &refundWire{Amount: p.Amount, Reason: string(p.Reason), ChargeID: p.ChargeID, ExpiresAt: unixOrZero(p.ExpiresAt)}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: "/orders/" + pid + "/refunds", Body: body, MovesMoney: true,
		Operation: "orders.refund", Header: orderKind.header(c)}, orderKind.check)
}

// List sends GET /orders and returns one page, newest first.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getorders
func (s *OrdersService) List(ctx context.Context, p *ListParams) (*Page[Order], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return list(ctx, c, orderKind, p)
}

// All walks every order, sending GET /orders once per page, lazily.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getorders
func (s *OrdersService) All(ctx context.Context, p *ListParams) iter.Seq2[*Order, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[Order](err)
	}
	return all(ctx, c, orderKind, p)
}
