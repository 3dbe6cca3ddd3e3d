package digitalfemsatest

import (
	"fmt"
	"net/http"
	"unicode/utf8"
)

// The groups nested in order and customer bodies, typed after the API spec
// so that the strict decoder refuses an unknown field inside them (the 422
// whitelist error the API gives at the top level) and a value of the wrong
// type (422). Their check methods find the required fields left out and
// the amounts out of range; the fake keeps none of these groups.

// paramProblem is the first parameter of a request the fake refuses.
type paramProblem struct {
	param string
	// missing says the parameter was left out; otherwise its value is
	// invalid.
	missing bool
}

func missing(param string) *paramProblem { return &paramProblem{param: param, missing: true} }
func invalid(param string) *paramProblem { return &paramProblem{param: param} }

// err is the problem as the API's 422.
func (p *paramProblem) err() *apiError {
	if p.missing {
		return validationErr(p.param, "missing", "The parameter "+p.param+" is required.", "El parámetro "+p.param+" es requerido.")
	}
	return validationErr(p.param, "invalid", "The parameter "+p.param+" is invalid.", "El parámetro "+p.param+" no es válido.")
}

// write answers the problem with the API's 422.
func (p *paramProblem) write(w http.ResponseWriter, r *http.Request) { p.err().write(w, r) }

// firstProblem returns the first problem found, or nil.
func firstProblem(found ...*paramProblem) *paramProblem {
	for _, p := range found {
		if p != nil {
			return p
		}
	}
	return nil
}

// requireText reports a required string left out or empty.
func requireText(param string, v *string) *paramProblem {
	if v == nil || *v == "" {
		return missing(param)
	}
	return nil
}

// requireAmount reports a required amount in cents left out or negative
// (discount, tax and shipping amounts are 0 or more).
func requireAmount(param string, v *int64) *paramProblem {
	switch {
	case v == nil:
		return missing(param)
	case *v < 0:
		return invalid(param)
	}
	return nil
}

// eachProblem checks every item of a list group, naming items by index
// ("tax_lines.0.amount").
func eachProblem[T any](param string, items []T, check func(*T, string) *paramProblem) *paramProblem {
	for i := range items {
		if p := check(&items[i], fmt.Sprintf("%s.%d", param, i)); p != nil {
			return p
		}
	}
	return nil
}

// lineItemReq is a product (spec "product"): unit_price and quantity are
// int32, so a larger number is refused while decoding.
type lineItemReq struct {
	Name        string         `json:"name"`
	UnitPrice   *int32         `json:"unit_price"`
	Quantity    *int32         `json:"quantity"`
	SKU         string         `json:"sku"`
	Brand       string         `json:"brand"`
	Description string         `json:"description"`
	Tags        []string       `json:"tags"`
	Metadata    map[string]any `json:"metadata"`
}

// checkoutReq is an order's checkout (spec "order_checkout_request").
type checkoutReq struct {
	AllowedPaymentMethods []string `json:"allowed_payment_methods"`
	ExpiresAt             *int64   `json:"expires_at"`
	FailureURL            *string  `json:"failure_url"`
	Name                  *string  `json:"name"`
	OnDemandEnabled       *bool    `json:"on_demand_enabled"`
	SuccessURL            *string  `json:"success_url"`
	Type                  *string  `json:"type"`
}

func (c *checkoutReq) check(param string) *paramProblem {
	if c.AllowedPaymentMethods == nil {
		return missing(param + ".allowed_payment_methods")
	}
	return nil
}

// discountLineReq is one of an order's discount_lines.
type discountLineReq struct {
	Amount *int64  `json:"amount"`
	Code   *string `json:"code"`
	Type   *string `json:"type"`
}

func (d *discountLineReq) check(param string) *paramProblem {
	return firstProblem(requireAmount(param+".amount", d.Amount), requireText(param+".code", d.Code), requireText(param+".type", d.Type))
}

// taxLineReq is one of an order's tax_lines.
type taxLineReq struct {
	Amount      *int64         `json:"amount"`
	Description *string        `json:"description"`
	Metadata    map[string]any `json:"metadata"`
}

func (t *taxLineReq) check(param string) *paramProblem {
	if p := firstProblem(requireAmount(param+".amount", t.Amount), requireText(param+".description", t.Description)); p != nil {
		return p
	}
	if utf8.RuneCountInString(*t.Description) < 2 {
		return invalid(param + ".description")
	}
	return nil
}

// shippingLineReq is one of an order's shipping_lines.
type shippingLineReq struct {
	Amount         *int64         `json:"amount"`
	Carrier        *string        `json:"carrier"`
	TrackingNumber *string        `json:"tracking_number"`
	Method         *string        `json:"method"`
	Description    *string        `json:"description"`
	Metadata       map[string]any `json:"metadata"`
}

func (s *shippingLineReq) check(param string) *paramProblem {
	return requireAmount(param+".amount", s.Amount)
}

// shippingContactReq is an order's shipping_contact or one of a customer's
// shipping_contacts (spec "customer_shipping_contacts_request").
type shippingContactReq struct {
	Phone          *string             `json:"phone"`
	Receiver       *string             `json:"receiver"`
	BetweenStreets *string             `json:"between_streets"`
	Address        *shippingAddressReq `json:"address"`
	ParentID       *string             `json:"parent_id"`
	Default        *bool               `json:"default"`
	Deleted        *bool               `json:"deleted"`
	Metadata       map[string]any      `json:"metadata"`
}

// shippingAddressReq is a shipping contact's address; the spec requires
// none of its fields.
type shippingAddressReq struct {
	Street1     *string `json:"street1"`
	Street2     *string `json:"street2"`
	PostalCode  *string `json:"postal_code"`
	City        *string `json:"city"`
	State       *string `json:"state"`
	Country     *string `json:"country"`
	Residential *bool   `json:"residential"`
}

func (s *shippingContactReq) check(param string) *paramProblem {
	if s.Address == nil {
		return missing(param + ".address")
	}
	return nil
}

// orderFiscalEntityReq is an order's fiscal_entity.
type orderFiscalEntityReq struct {
	Address  *fiscalAddressReq `json:"address"`
	Email    *string           `json:"email"`
	Name     *string           `json:"name"`
	Phone    *string           `json:"phone"`
	TaxID    *string           `json:"tax_id"`
	Metadata map[string]any    `json:"metadata"`
}

// fiscalAddressReq is the address of an order's fiscal entity.
type fiscalAddressReq struct {
	Street1        *string `json:"street1"`
	Street2        *string `json:"street2"`
	PostalCode     *string `json:"postal_code"`
	City           *string `json:"city"`
	State          *string `json:"state"`
	Country        *string `json:"country"`
	ExternalNumber *string `json:"external_number"`
}

func (f *orderFiscalEntityReq) check(param string) *paramProblem {
	if f.Address == nil {
		return missing(param + ".address")
	}
	a := f.Address
	return firstProblem(requireFiscalAddress(param+".address", a.Street1, a.PostalCode, a.City, a.Country),
		requireText(param+".address.external_number", a.ExternalNumber))
}

// requireFiscalAddress checks the address lines every fiscal entity needs.
func requireFiscalAddress(param string, street1, postalCode, city, country *string) *paramProblem {
	return firstProblem(requireText(param+".street1", street1), requireText(param+".postal_code", postalCode),
		requireText(param+".city", city), requireText(param+".country", country))
}

// customerFiscalEntityReq is one of a customer's fiscal_entities: the
// current spec names the legal name "name"; the older "company_name"
// (still on the update request) is accepted too.
type customerFiscalEntityReq struct {
	Address     *customerAddressReq `json:"address"`
	TaxID       *string             `json:"tax_id"`
	Email       *string             `json:"email"`
	Phone       *string             `json:"phone"`
	Name        *string             `json:"name"`
	CompanyName *string             `json:"company_name"`
	Metadata    map[string]any      `json:"metadata"`
}

// customerAddressReq is the address of a customer's fiscal entity.
type customerAddressReq struct {
	Street1     *string `json:"street1"`
	Street2     *string `json:"street2"`
	PostalCode  *string `json:"postal_code"`
	City        *string `json:"city"`
	State       *string `json:"state"`
	Country     *string `json:"country"`
	Residential *bool   `json:"residential"`
	// ExternalNumber is echoed in the fiscal entity's answer, where it is
	// an optional non-nullable string: left out when not given.
	ExternalNumber *string `json:"external_number,omitempty"`
}

func (f *customerFiscalEntityReq) check(param string) *paramProblem {
	if f.Address == nil {
		return missing(param + ".address")
	}
	a := f.Address
	return requireFiscalAddress(param+".address", a.Street1, a.PostalCode, a.City, a.Country)
}

// paymentSourceReq is one of a customer's payment_sources (cash).
type paymentSourceReq struct {
	Type      *string `json:"type"`
	ExpiresAt *int64  `json:"expires_at"`
}

func (p *paymentSourceReq) check(param string) *paramProblem {
	return requireText(param+".type", p.Type)
}
