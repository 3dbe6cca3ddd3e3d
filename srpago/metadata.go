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
	Billing  *Billing
	Member   *Member
	Shipping *Shipping
	Items    []Item
	// SalesTax in centavos.
	SalesTax      int64
	BrowserCookie string
	OrderMessage  string
}

// Billing is the billing contact of a charge.
type Billing struct {
	Email, FirstName, MiddleName, LastName string
	Address, Address2, City, State         string
	PostalCode, Country, Phone             string
}

// Member is the merchant's account of the buyer.
type Member struct {
	LoggedIn                                    bool
	ID, FullName, FirstName, MiddleName         string
	LastName, Email, AddressLine1, AddressLine2 string
	City, State, Country, PostalCode, Phone     string
	Latitude, Longitude                         string
}

// Shipping is the delivery contact of a charge.
type Shipping struct {
	FirstName, MiddleName, LastName, Email string
	Address, Address2, City, State         string
	PostalCode, Country, Phone             string
}

// Item is one line of the order.
type Item struct {
	Number, Description string
	// Price in centavos.
	Price           int64
	Quantity        int
	MeasurementUnit string
	BrandName       string
	Category        string
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
