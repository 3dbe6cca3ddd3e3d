package srpago

import (
	"strconv"

	"github.com/latampay/latampay-go/internal/wire"
)

// ChargeMetadata is the anti-fraud data of a charge. Sr. Pago requires it
// on every e-commerce card charge; it travels in plaintext beside the
// encrypted envelope, so it must never hold card data. Every field is
// optional; the more is sent, the fewer legitimate charges are filtered.
type ChargeMetadata struct {
	// Billing is the billing contact (metadata.billing).
	Billing *Billing
	// Member is the buyer's account with the merchant (metadata.member).
	Member *Member
	// Shipping is the delivery contact (metadata.shipping).
	Shipping *Shipping
	// Items are the order lines (metadata.items.item).
	Items []Item
	// SalesTax in centavos.
	SalesTax int64
	// BrowserCookie identifies the buyer's browser.
	BrowserCookie string
	// OrderMessage is the buyer's note on the order.
	OrderMessage string
}

// Billing is the billing contact of a charge. The wire keys of all but
// Email carry Sr. Pago's "-D" suffix, e.g. billingFirstName-D.
type Billing struct {
	// Email is billingEmailAddress.
	Email string
	// FirstName is the billing contact's first name.
	FirstName string
	// MiddleName is the billing contact's middle name.
	MiddleName string
	// LastName is the billing contact's last name.
	LastName string
	// Address is the first line of the billing address.
	Address string
	// Address2 is the second line of the billing address.
	Address2 string
	// City of the billing address.
	City string
	// State of the billing address.
	State string
	// PostalCode of the billing address.
	PostalCode string
	// Country of the billing address, e.g. "MX".
	Country string
	// Phone is billingPhoneNumber-D.
	Phone string
}

// Member is the merchant's account of the buyer.
type Member struct {
	// LoggedIn says whether the buyer was signed in (sent as "Yes"/"No").
	LoggedIn bool
	// ID is the merchant's id of the buyer (memberId).
	ID string
	// FullName is the buyer's full name.
	FullName string
	// FirstName is the buyer's first name.
	FirstName string
	// MiddleName is the buyer's middle name.
	MiddleName string
	// LastName is the buyer's last name.
	LastName string
	// Email is memberEmailAddress.
	Email string
	// AddressLine1 is the first line of the buyer's address.
	AddressLine1 string
	// AddressLine2 is the second line of the buyer's address.
	AddressLine2 string
	// City of the buyer's address.
	City string
	// State of the buyer's address.
	State string
	// Country of the buyer's address, e.g. "MX".
	Country string
	// PostalCode of the buyer's address.
	PostalCode string
	// Phone is the buyer's phone number.
	Phone string
	// Latitude of the buyer's device, as text.
	Latitude string
	// Longitude of the buyer's device, as text.
	Longitude string
}

// Shipping is the delivery contact of a charge.
type Shipping struct {
	// FirstName is the recipient's first name.
	FirstName string
	// MiddleName is the recipient's middle name.
	MiddleName string
	// LastName is the recipient's last name.
	LastName string
	// Email is shippingEmailAddress.
	Email string
	// Address is the first line of the delivery address.
	Address string
	// Address2 is the second line of the delivery address.
	Address2 string
	// City of the delivery address.
	City string
	// State of the delivery address.
	State string
	// PostalCode of the delivery address.
	PostalCode string
	// Country of the delivery address, e.g. "MX".
	Country string
	// Phone is shippingPhoneNumber.
	Phone string
}

// Item is one line of the order.
type Item struct {
	// Number is the merchant's item number or SKU.
	Number string
	// Description is what was sold.
	Description string
	// Price in centavos.
	Price int64
	// Quantity is the number of units.
	Quantity int
	// MeasurementUnit is the unit of Quantity.
	MeasurementUnit string
	// BrandName is the item's brand.
	BrandName string
	// Category is the merchant's category of the item.
	Category string
	// Tax in centavos.
	Tax int64
}

// wire maps the metadata to Sr. Pago's keys (the "-D" suffixes on billing
// keys are the API's). A nil *ChargeMetadata sends {}.
func (m *ChargeMetadata) wire() map[string]any {
	out := map[string]any{}
	if m == nil {
		return out
	}
	if b := m.Billing; b != nil {
		out["billing"] = compact(map[string]string{
			"billingEmailAddress": b.Email, "billingFirstName-D": b.FirstName,
			"billingMiddleName-D": b.MiddleName, "billingLastName-D": b.LastName,
			"billingAddress-D": b.Address, "billingAddress2-D": b.Address2,
			"billingCity-D": b.City, "billingState-D": b.State,
			"billingPostalCode-D": b.PostalCode, "billingCountry-D": b.Country,
			"billingPhoneNumber-D": b.Phone,
		})
	}
	if mb := m.Member; mb != nil {
		logged := "No"
		if mb.LoggedIn {
			logged = "Yes"
		}
		out["member"] = compact(map[string]string{
			"memberLoggedIn": logged, "memberId": mb.ID, "memberFullName": mb.FullName,
			"memberFirstName": mb.FirstName, "memberMiddleName": mb.MiddleName,
			"memberLastName": mb.LastName, "memberEmailAddress": mb.Email,
			"memberAddressLine1": mb.AddressLine1, "memberAddressLine2": mb.AddressLine2,
			"memberCity": mb.City, "memberState": mb.State, "memberCountry": mb.Country,
			"memberPostalCode": mb.PostalCode, "memberPhone": mb.Phone,
			"latitude": mb.Latitude, "longitude": mb.Longitude,
		})
	}
	if s := m.Shipping; s != nil {
		out["shipping"] = compact(map[string]string{
			"shippingFirstName": s.FirstName, "shippingMiddleName": s.MiddleName,
			"shippingLastName": s.LastName, "shippingEmailAddress": s.Email,
			"shippingAddress": s.Address, "shippingAddress2": s.Address2,
			"shippingCity": s.City, "shippingState": s.State,
			"shippingPostalCode": s.PostalCode, "shippingCountry": s.Country,
			"shippingPhoneNumber": s.Phone,
		})
	}
	if len(m.Items) > 0 {
		items := make([]map[string]string, 0, len(m.Items))
		for _, it := range m.Items {
			items = append(items, compact(map[string]string{
				"itemNumber": it.Number, "itemDescription": it.Description,
				"itemPrice": wire.FormatCents(it.Price), "itemQuantity": strconv.Itoa(it.Quantity),
				"itemMeasurementUnit": it.MeasurementUnit, "itemBrandName": it.BrandName,
				"itemCategory": it.Category, "itemTax": wire.FormatCents(it.Tax),
			}))
		}
		out["items"] = map[string]any{"item": items}
	}
	if m.SalesTax != 0 {
		out["salesTax"] = wire.FormatCents(m.SalesTax)
	}
	if m.BrowserCookie != "" {
		out["browserCookie"] = m.BrowserCookie
	}
	if m.OrderMessage != "" {
		out["orderMessage"] = m.OrderMessage
	}
	return out
}

// compact drops empty values.
func compact(m map[string]string) map[string]string {
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}
