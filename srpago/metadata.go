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

// wireMetadata is the anti-fraud block as Sr. Pago reads it (the "-D"
// suffixes on billing keys are the API's). Typed structs, not maps: they
// encode without a map's sorting and allocations. Fields are in key order,
// so the bytes are those a map would give.
type wireMetadata struct {
	Billing       *wireBilling  `json:"billing,omitempty"`
	BrowserCookie string        `json:"browserCookie,omitempty"`
	Items         *wireItems    `json:"items,omitempty"`
	Member        *wireMember   `json:"member,omitempty"`
	OrderMessage  string        `json:"orderMessage,omitempty"`
	SalesTax      string        `json:"salesTax,omitempty"`
	Shipping      *wireShipping `json:"shipping,omitempty"`
}

type wireBilling struct {
	Address    string `json:"billingAddress-D,omitempty"`
	Address2   string `json:"billingAddress2-D,omitempty"`
	City       string `json:"billingCity-D,omitempty"`
	Country    string `json:"billingCountry-D,omitempty"`
	Email      string `json:"billingEmailAddress,omitempty"`
	FirstName  string `json:"billingFirstName-D,omitempty"`
	LastName   string `json:"billingLastName-D,omitempty"`
	MiddleName string `json:"billingMiddleName-D,omitempty"`
	Phone      string `json:"billingPhoneNumber-D,omitempty"`
	PostalCode string `json:"billingPostalCode-D,omitempty"`
	State      string `json:"billingState-D,omitempty"`
}

type wireMember struct {
	Latitude     string `json:"latitude,omitempty"`
	Longitude    string `json:"longitude,omitempty"`
	AddressLine1 string `json:"memberAddressLine1,omitempty"`
	AddressLine2 string `json:"memberAddressLine2,omitempty"`
	City         string `json:"memberCity,omitempty"`
	Country      string `json:"memberCountry,omitempty"`
	Email        string `json:"memberEmailAddress,omitempty"`
	FirstName    string `json:"memberFirstName,omitempty"`
	FullName     string `json:"memberFullName,omitempty"`
	ID           string `json:"memberId,omitempty"`
	LastName     string `json:"memberLastName,omitempty"`
	LoggedIn     string `json:"memberLoggedIn"`
	MiddleName   string `json:"memberMiddleName,omitempty"`
	Phone        string `json:"memberPhone,omitempty"`
	PostalCode   string `json:"memberPostalCode,omitempty"`
	State        string `json:"memberState,omitempty"`
}

type wireShipping struct {
	Address    string `json:"shippingAddress,omitempty"`
	Address2   string `json:"shippingAddress2,omitempty"`
	City       string `json:"shippingCity,omitempty"`
	Country    string `json:"shippingCountry,omitempty"`
	Email      string `json:"shippingEmailAddress,omitempty"`
	FirstName  string `json:"shippingFirstName,omitempty"`
	LastName   string `json:"shippingLastName,omitempty"`
	MiddleName string `json:"shippingMiddleName,omitempty"`
	Phone      string `json:"shippingPhoneNumber,omitempty"`
	PostalCode string `json:"shippingPostalCode,omitempty"`
	State      string `json:"shippingState,omitempty"`
}

type wireItems struct {
	Item []wireItem `json:"item"`
}

type wireItem struct {
	BrandName       string `json:"itemBrandName,omitempty"`
	Category        string `json:"itemCategory,omitempty"`
	Description     string `json:"itemDescription,omitempty"`
	MeasurementUnit string `json:"itemMeasurementUnit,omitempty"`
	Number          string `json:"itemNumber,omitempty"`
	Price           string `json:"itemPrice"`
	Quantity        string `json:"itemQuantity"`
	Tax             string `json:"itemTax"`
}

// wire maps the metadata to Sr. Pago's keys. A nil *ChargeMetadata sends
// {}.
func (m *ChargeMetadata) wire() *wireMetadata {
	out := &wireMetadata{}
	if m == nil {
		return out
	}
	if b := m.Billing; b != nil {
		out.Billing = &wireBilling{Email: b.Email, FirstName: b.FirstName, MiddleName: b.MiddleName, LastName: b.LastName,
			Address: b.Address, Address2: b.Address2, City: b.City, State: b.State, PostalCode: b.PostalCode,
			Country: b.Country, Phone: b.Phone}
	}
	if mb := m.Member; mb != nil {
		logged := "No"
		if mb.LoggedIn {
			logged = "Yes"
		}
		out.Member = &wireMember{LoggedIn: logged, ID: mb.ID, FullName: mb.FullName, FirstName: mb.FirstName,
			MiddleName: mb.MiddleName, LastName: mb.LastName, Email: mb.Email, AddressLine1: mb.AddressLine1,
			AddressLine2: mb.AddressLine2, City: mb.City, State: mb.State, Country: mb.Country,
			PostalCode: mb.PostalCode, Phone: mb.Phone, Latitude: mb.Latitude, Longitude: mb.Longitude}
	}
	if s := m.Shipping; s != nil {
		out.Shipping = &wireShipping{FirstName: s.FirstName, MiddleName: s.MiddleName, LastName: s.LastName,
			Email: s.Email, Address: s.Address, Address2: s.Address2, City: s.City, State: s.State,
			PostalCode: s.PostalCode, Country: s.Country, Phone: s.Phone}
	}
	if len(m.Items) > 0 {
		items := make([]wireItem, len(m.Items))
		for i, it := range m.Items {
			items[i] = wireItem{Number: it.Number, Description: it.Description, Price: wire.FormatCents(it.Price),
				Quantity: strconv.Itoa(it.Quantity), MeasurementUnit: it.MeasurementUnit, BrandName: it.BrandName,
				Category: it.Category, Tax: wire.FormatCents(it.Tax)}
		}
		out.Items = &wireItems{Item: items}
	}
	if m.SalesTax != 0 {
		out.SalesTax = wire.FormatCents(m.SalesTax)
	}
	out.BrowserCookie, out.OrderMessage = m.BrowserCookie, m.OrderMessage
	return out
}
