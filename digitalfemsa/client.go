package digitalfemsa

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

// ProductionURL is the DigitalFemsa API origin. Sandbox and production share
// it: the private key selects the mode, and objects report it in Livemode.
const ProductionURL = "https://api.digitalfemsa.io"

// AcceptVersion is the versioned Accept header every request carries
// (API version 2.1.0).
const AcceptVersion = "application/vnd.app-v2.1.0+json"

// DefaultTimeout is the per-attempt timeout used when WithTimeout is not
// given. DigitalFemsa documents no gateway limit; one minute leaves room for
// a slow order or payout-order creation without ever waiting forever.
const DefaultTimeout = 60 * time.Second

// Option configures a Client. The shared options and the DigitalFemsa ones
// (WithLanguage, WithChildCompanyID) have this one type.
type Option = transport.Option

// Card is the payment card type shared by the latampay-go family.
type Card = card.Card

// Shared options, re-exported from the transport so every provider package
// offers the same names.
var (
	// WithBaseURL points the client at another origin (a test server).
	WithBaseURL = transport.WithBaseURL
	// WithHTTPClient sets the *http.Client that does the I/O (copied).
	WithHTTPClient = transport.WithHTTPClient
	// WithMaxRetries sets the retries after the first attempt (default 2).
	WithMaxRetries = transport.WithMaxRetries
	// WithRetryWait sets the backoff bounds.
	WithRetryWait = transport.WithRetryWait
	// WithTimeout sets the per-attempt timeout (default DefaultTimeout).
	WithTimeout = transport.WithTimeout
	// WithLogger logs each attempt (never headers, bodies or keys).
	WithLogger = transport.WithLogger
	// WithAppInfo appends name/version to the User-Agent.
	WithAppInfo = transport.WithAppInfo
)

// Sentinel errors shared by the whole latampay-go family.
var (
	// ErrOutcomeUnknown: a money-moving request (payout order, order,
	// refund, cancellation) failed after it may have reached DigitalFemsa.
	// It was not retried; reconcile (for example with PayoutOrders.List and
	// Search) before trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: client-side validation refused the params; nothing
	// was sent.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: a response body that is not the documented JSON.
	ErrMalformedResponse = transport.ErrMalformedResponse
)

type languageKey struct{}
type childCompanyKey struct{}

// WithLanguage sets the Accept-Language sent on every request: "es" (the
// API's default) or "en". It changes the human Message of error details;
// DebugMessage is always English.
func WithLanguage(lang string) Option {
	return func(s *transport.Settings) error {
		switch lang {
		case "es", "en":
			s.SetExtra(languageKey{}, lang)
			return nil
		}
		return fmt.Errorf("digitalfemsa: WithLanguage: want \"es\" or \"en\", got %q", lang)
	}
}

// WithChildCompanyID sends X-Child-Company-Id on every request, so a holding
// company processes requests on behalf of one of its child companies. The
// API spec leaves the header off a few operations (GET /balance, PUT
// /orders/{id}, webhook-key create/update/delete) without saying what the
// API does with it there; use a client without this option for those if
// they must act on the holding company itself.
func WithChildCompanyID(companyID string) Option {
	return func(s *transport.Settings) error {
		if companyID == "" || strings.ContainsAny(companyID, "\r\n") {
			return errors.New("digitalfemsa: WithChildCompanyID: empty or invalid company id")
		}
		s.SetExtra(childCompanyKey{}, companyID)
		return nil
	}
}

// Client is a DigitalFemsa API client. It is safe for concurrent use.
type Client struct {
	// Customers creates and manages customers (the people who withdraw cash).
	Customers *CustomersService
	// PayoutOrders creates, reads and cancels cash-out references.
	PayoutOrders *PayoutOrdersService
	// Orders creates and manages orders with cash or card charges.
	Orders *OrdersService
	// WebhookKeys manages the RSA keys that sign webhook notifications.
	WebhookKeys *WebhookKeysService
	// Events reads the events DigitalFemsa recorded.
	Events *EventsService
	// Balance reads the account balance.
	Balance *BalanceService
	// Charges lists and updates charges and adds charges to orders.
	Charges *ChargesService
	// LineItems adds, changes and removes the products of an order.
	LineItems *LineItemsService
	// ShippingLines adds, changes and removes an order's shipping charges.
	ShippingLines *ShippingLinesService
	// TaxLines adds, changes and removes an order's taxes.
	TaxLines *TaxLinesService
	// DiscountLines manages an order's discounts.
	DiscountLines *DiscountLinesService
	// PaymentSources saves payment methods on customers.
	PaymentSources *PaymentSourcesService
	// FiscalEntities manages customers' invoicing data.
	FiscalEntities *FiscalEntitiesService
	// ShippingContacts manages customers' shipping addresses.
	ShippingContacts *ShippingContactsService
	// Checkouts creates and manages payment links.
	Checkouts *CheckoutsService
	// Webhooks registers the endpoints events are sent to.
	Webhooks *WebhooksService
	// Transactions reads the movements of the balance.
	Transactions *TransactionsService
	// Transfers reads the payouts to the merchant's bank account.
	Transfers *TransfersService
	// Logs reads DigitalFemsa's records of API requests.
	Logs *LogsService

	t *transport.Client
}

// NewClient returns a client authenticated with a private API key
// ("key_..."). The default per-attempt timeout is DefaultTimeout (60 s).
//
// Authentication is HTTP Basic with the key as the user name and an empty
// password ("key_xxx:"). The docs show both Basic and Bearer; Basic is the
// form the cash-out guide (the only DigitalFemsa source for payout orders,
// which are missing from the OpenAPI spec) and the reference's curl examples
// use, and the one the API-key object documents for its token.
func NewClient(privateKey string, opts ...Option) (*Client, error) {
	if err := transport.CheckCredential("digitalfemsa: NewClient: private key", privateKey); err != nil {
		return nil, err
	}
	s, err := transport.NewSettings(opts...)
	if err != nil {
		return nil, err
	}
	h := http.Header{}
	h.Set("Accept", AcceptVersion)
	if v, ok := s.Extra(languageKey{}).(string); ok {
		h.Set("Accept-Language", v)
	}
	if v, ok := s.Extra(childCompanyKey{}).(string); ok {
		h.Set("X-Child-Company-Id", v)
	}
	t, err := transport.New(transport.Config{
		Provider:    "digitalfemsa",
		BaseURL:     ProductionURL,
		Timeout:     DefaultTimeout,
		Auth:        transport.BasicAuth(privateKey, ""),
		Header:      h,
		DecodeError: decodeError,
		// DigitalFemsa's error object can come with a 200; it must not
		// decode into an empty resource.
		CheckSuccess: true,
	}, s)
	if err != nil {
		return nil, err
	}
	c := &Client{t: t}
	c.Customers = &CustomersService{c: t}
	c.PayoutOrders = &PayoutOrdersService{c: t}
	c.Orders = &OrdersService{c: t}
	c.WebhookKeys = &WebhookKeysService{c: t}
	c.Events = &EventsService{c: t}
	c.Balance = &BalanceService{c: t}
	c.Charges = &ChargesService{c: c.t}
	c.LineItems = &LineItemsService{c: c.t}
	c.ShippingLines = &ShippingLinesService{c: c.t}
	c.TaxLines = &TaxLinesService{c: c.t}
	c.DiscountLines = &DiscountLinesService{c: c.t}
	c.PaymentSources = &PaymentSourcesService{c: c.t}
	c.FiscalEntities = &FiscalEntitiesService{c: c.t}
	c.ShippingContacts = &ShippingContactsService{c: c.t}
	c.Checkouts = &CheckoutsService{c: c.t}
	c.Webhooks = &WebhooksService{c: c.t}
	c.Transactions = &TransactionsService{c: c.t}
	c.Transfers = &TransfersService{c: c.t}
	c.Logs = &LogsService{c: c.t}
	return c, nil
}

// String keeps the key out of fmt output.
func (c *Client) String() string { return "digitalfemsa.Client{" + c.t.BaseURL().String() + "}" }

// GoString keeps the key out of %#v.
func (c *Client) GoString() string { return c.String() }

// doObject sends req and decodes the object it answers into a new T. A 2xx
// whose object has no id ({} or null) is malformed: returning it would pass
// an empty resource off as the one asked for. As with an unreadable 2xx, the
// outcome of a request that is never repeated (a POST or PATCH, a
// money-moving call) is then unknown.
func doObject[T any](ctx context.Context, c *transport.Client, req *transport.Request, idOf func(*T) string) (*T, error) {
	var out T
	resp, err := c.Do(ctx, req, &out)
	if err != nil {
		return nil, err
	}
	if idOf(&out) == "" {
		return nil, resp.MalformedFor(req, errors.New("the object has no id"))
	}
	return &out, nil
}
