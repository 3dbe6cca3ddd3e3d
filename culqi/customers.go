package culqi

import (
	"context"
	"iter"
	"net/http"

	"github.com/latampay/latampay-go/internal/transport"
)

// Customer is a customer (cus_…). Culqi returns the name, address and phone
// inside AntifraudDetails (the phone as Phone).
type Customer struct {
	// Object is "customer".
	Object string `json:"object"`
	// ID is the customer's id (cus_…).
	ID string `json:"id"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Email is the customer's email.
	Email string `json:"email"`
	// AntifraudDetails holds the name, address and phone (as Phone).
	AntifraudDetails *AntifraudDetails `json:"antifraud_details"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
	// Cards are the saved cards; Get and List fill it, Create does not.
	Cards []*SavedCard `json:"cards"`
}

// CustomerParams creates a customer; Culqi requires every field but Metadata.
type CustomerParams struct {
	FirstName   string // 2–50 characters
	LastName    string // 2–50 characters
	Email       string // 5–50 characters
	Address     string // 2–50 characters
	AddressCity string // 2–50 characters
	CountryCode string // ISO 3166-1 alpha-2, "PE"
	PhoneNumber string // 5–15 characters
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
}

// CustomerUpdateParams updates a customer: only non-empty fields are sent.
type CustomerUpdateParams struct {
	// FirstName, 2–50 characters.
	FirstName string
	// LastName, 2–50 characters.
	LastName string
	// Email, 5–50 characters.
	Email string
	// Address, 2–50 characters.
	Address string
	// AddressCity, 2–50 characters.
	AddressCity string
	// CountryCode is ISO 3166-1 alpha-2 ("PE").
	CountryCode string
	// PhoneNumber, 5–15 characters.
	PhoneNumber string
	// Metadata adds or replaces these keys.
	Metadata map[string]string
}

type customerBody struct {
	FirstName   string            `json:"first_name,omitempty"`
	LastName    string            `json:"last_name,omitempty"`
	Email       string            `json:"email,omitempty"`
	Address     string            `json:"address,omitempty"`
	AddressCity string            `json:"address_city,omitempty"`
	CountryCode string            `json:"country_code,omitempty"`
	PhoneNumber string            `json:"phone_number,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

// Validate runs the checks Customers.Create makes before any I/O: every
// field present and within Culqi's lengths, a valid email, Culqi's
// metadata limits.
func (p *CustomerParams) Validate() error {
	if p == nil {
		return invalidParams("CustomerParams", "is nil")
	}
	b := customerBody(*p)
	return checkCustomer(&b, true)
}

// Validate runs the checks Customers.Update makes before any I/O: the
// fields set within Culqi's lengths, something to set.
func (p *CustomerUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("CustomerUpdateParams", "is nil")
	}
	b := customerBody(*p)
	if err := checkCustomer(&b, false); err != nil {
		return err
	}
	if b.FirstName+b.LastName+b.Email+b.Address+b.AddressCity+b.CountryCode+b.PhoneNumber == "" && len(b.Metadata) == 0 {
		return invalidParams("CustomerUpdateParams", "sets nothing")
	}
	return nil
}

func checkCustomer(b *customerBody, required bool) error {
	checks := []error{
		checkLen("FirstName", b.FirstName, 2, 50, required),
		checkLen("LastName", b.LastName, 2, 50, required),
		checkEmail("Email", b.Email, required),
		checkLen("Address", b.Address, 2, 50, required),
		checkLen("AddressCity", b.AddressCity, 2, 50, required),
		checkLen("CountryCode", b.CountryCode, 2, 2, required),
		checkLen("PhoneNumber", b.PhoneNumber, 5, 15, required),
		checkMetadata(b.Metadata),
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	return nil
}

// CustomerListParams filters Customers.List; zero values are not sent.
type CustomerListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id; All then walks toward newer ones.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
	// FirstName keeps the customers with this first name.
	FirstName string `url:"first_name,omitempty"`
	// LastName keeps the customers with this last name.
	LastName string `url:"last_name,omitempty"`
	// Email keeps the customers with this email.
	Email string `url:"email,omitempty"`
	// Address keeps the customers with this address.
	Address string `url:"address,omitempty"`
	// AddressCity keeps the customers in this city.
	AddressCity string `url:"address_city,omitempty"`
	// PhoneNumber keeps the customers with this phone.
	PhoneNumber string `url:"phone_number,omitempty"`
	// CountryCode keeps the customers of one country (ISO 3166-1 alpha-2).
	CountryCode string `url:"country_code,omitempty"`
}

// Validate runs the check Customers.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *CustomerListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// CustomersService is the /v2/customers API.
type CustomersService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *CustomersService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// CustomerService is the former name of CustomersService.
//
// Deprecated: use CustomersService.
type CustomerService = CustomersService

// Create creates a customer.
//
// Create sends POST /v2/customers.
// Culqi reference: https://apidocs.culqi.com/ (section Clientes)
func (s *CustomersService) Create(ctx context.Context, p *CustomerParams) (*Customer, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	b := customerBody(*p)
	out := new(Customer)
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/customers", Body: &b,
		Operation: "customers.create"}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a customer with its saved cards.
//
// Get sends GET /v2/customers/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Clientes)
func (s *CustomersService) Get(ctx context.Context, id string) (*Customer, error) {
	return get[Customer](ctx, s.client(), "id", id, "customers")
}

// Update changes the fields set in p; the others keep their value. Only a
// metadata-only update is retried after it may have reached Culqi
// (an unknown outcome of any other update matches ErrOutcomeUnknown).
//
// Update sends PATCH /v2/customers/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Clientes)
func (s *CustomersService) Update(ctx context.Context, id string, p *CustomerUpdateParams) (*Customer, error) {
	pth, err := objectPath("id", id, "customers")
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	b := customerBody(*p)
	out := new(Customer)
	metadataOnly := b.FirstName+b.LastName+b.Email+b.Address+b.AddressCity+b.CountryCode+b.PhoneNumber == ""
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPatch, Path: pth, Body: &b,
		Idempotent: metadataOnly}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes a customer (Culqi cancels what depends on it).
//
// Delete sends DELETE /v2/customers/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Clientes)
func (s *CustomersService) Delete(ctx context.Context, id string) error {
	_, err := del(ctx, s.client(), "id", id, "customers")
	return err
}

// List fetches one page of customers. Nil params list without filters.
//
// List sends GET /v2/customers.
// Culqi reference: https://apidocs.culqi.com/ (section Clientes)
func (s *CustomersService) List(ctx context.Context, p *CustomerListParams) (*Page[Customer], error) {
	var q CustomerListParams
	if p != nil {
		q = *p
	}
	return list[Customer](ctx, s.client(), "/v2/customers", &q, q.Limit, q.Before != "")
}

// All walks every customer matching p, fetching pages lazily.
//
// All sends GET /v2/customers, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Clientes)
func (s *CustomersService) All(ctx context.Context, p *CustomerListParams) iter.Seq2[*Customer, error] {
	var q CustomerListParams
	if p != nil {
		q = *p
	}
	return walkList[Customer](ctx, s.client(), "/v2/customers", &q, q.Limit, q.After, q.Before)
}
