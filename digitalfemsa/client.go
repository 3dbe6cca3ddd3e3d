package digitalfemsa

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"sync"
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

// Option configures a Client; build one with the With… functions of this
// package. Options apply in order, a later one overriding an earlier one.
// Each provider package has its own Option type: another package's options
// do not compile here. The zero Option is refused by NewClient.
type Option struct{ apply transport.Option }

// Card is the payment card type shared by the latampay-go family (one type
// for all five packages). DigitalFemsa's API takes no raw card data, so no
// method of this package sends one. Fields: Number (the PAN; spaces and
// dashes ignored), CVV, ExpMonth (1-12), ExpYear (four digits, or 0-99 for
// 20YY), HolderName. Methods: Validate(now), Digits, Last4, Brand, Year,
// MonthMM, YearYYYY, YearYY, ExpiryMMYY, ExpiryYYMM. String, GoString and
// Format (every verb) print only the redacted "Card{visa ****4242
// 09/2027}"; LogValue logs brand, last4, exp_month and exp_year; MarshalJSON
// writes {"brand","last4","exp_month","exp_year"}: never the number or CVV.
type Card = card.Card

// WithBaseURL points the client at another origin, scheme://host[:port]
// (a test server such as digitalfemsatest, or a proxy); the API's paths
// ("/orders", ...) are appended, and a path in baseURL is kept as a prefix.
// http:// is accepted only for loopback hosts.
func WithBaseURL(baseURL string) Option { return Option{transport.WithBaseURL(baseURL)} }

// WithHTTPClient sets the *http.Client that does the I/O. It is copied when
// the option applies and never mutated: set its Transport first. The
// shorter of its Timeout and WithTimeout bounds an attempt. A nil client is
// an error.
func WithHTTPClient(c *http.Client) Option { return Option{transport.WithHTTPClient(c)} }

// WithMaxRetries sets how many times a repeatable request (a GET, PUT or
// DELETE that moves no money) is retried after the first attempt: default
// 2, 0 for none, negative is an error. Money-moving calls are never
// repeated once they may have reached DigitalFemsa, whatever n is.
func WithMaxRetries(n int) Option { return Option{transport.WithMaxRetries(n)} }

// WithRetryWait sets the bounds of the exponential backoff between retries.
// A Retry-After header is honoured but never waited on for longer than max.
// min above max is an error.
func WithRetryWait(min, max time.Duration) Option { return Option{transport.WithRetryWait(min, max)} }

// WithTimeout sets the per-attempt timeout (default DefaultTimeout); zero
// or negative is an error.
func WithTimeout(d time.Duration) Option { return Option{transport.WithTimeout(d)} }

// WithLogger logs each attempt (method, path, status, attempt, duration,
// request id) to l; never headers, bodies or keys. Silent by default.
func WithLogger(l *slog.Logger) Option { return Option{transport.WithLogger(l)} }

// WithAppInfo appends "name/version" to the User-Agent (which starts
// "latampay-go/<version>"). Both must be tokens without spaces, slashes or
// parentheses.
func WithAppInfo(name, version string) Option { return Option{transport.WithAppInfo(name, version)} }

// Sentinel errors shared by the whole latampay-go family: errors.Is with
// them holds for the same errors in every provider package.
var (
	// ErrOutcomeUnknown: a money-moving request (a payout order, an order
	// with charges, a refund, a cancellation) failed after it may have
	// reached DigitalFemsa. It was not retried. The error is an
	// *OutcomeUnknownError carrying the call's reconciliation key: pass it
	// to Orders.Reconcile or PayoutOrders.Reconcile before trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: client-side validation refused the params; nothing
	// was sent. The error is a *ParamError naming the field.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: a response body that is not the documented JSON
	// (or an object of another kind than the one asked for).
	ErrMalformedResponse = transport.ErrMalformedResponse
)

type languageKey struct{}
type childCompanyKey struct{}
type bearerKey struct{}

// WithLanguage sets the Accept-Language sent on every request: "es" (the
// API's default) or "en". It changes the human Message of error details;
// DebugMessage is always English. Any other value is an error.
func WithLanguage(lang string) Option {
	return Option{func(s *transport.Settings) error {
		switch lang {
		case "es", "en":
			s.SetExtra(languageKey{}, lang)
			return nil
		}
		return fmt.Errorf("digitalfemsa: WithLanguage: want \"es\" or \"en\", got %q", lang)
	}}
}

// WithChildCompanyID makes a holding company act for one of its child
// companies: X-Child-Company-Id is sent on the operations whose API
// specification declares the header, and only there (GET /balance,
// PUT /orders/{id} and webhook-key create, update and delete do not
// declare it, so they always act for the holding company itself). An empty
// id or one with a line break is an error.
func WithChildCompanyID(companyID string) Option {
	return Option{func(s *transport.Settings) error {
		if companyID == "" || strings.ContainsAny(companyID, "\r\n") {
			return errors.New("digitalfemsa: WithChildCompanyID: empty or invalid company id")
		}
		s.SetExtra(childCompanyKey{}, companyID)
		return nil
	}}
}

// WithBearerAuth sends the private key as "Authorization: Bearer <key>",
// the scheme DigitalFemsa's OpenAPI specification declares, instead of the
// default HTTP Basic ("key:" with an empty password) that the API's guides
// and curl examples show. Both carry the same key.
func WithBearerAuth() Option {
	return Option{func(s *transport.Settings) error {
		s.SetExtra(bearerKey{}, true)
		return nil
	}}
}

// Client is a DigitalFemsa API client. It is safe for concurrent use. Build
// it with NewClient: a zero Client (or a nil *Client) answers every call
// with an error matching ErrNoClient.
type Client struct {
	// Customers creates and manages customers (the people who withdraw cash).
	Customers *CustomersService
	// PayoutOrders creates, reads and cancels cash-out references.
	PayoutOrders *PayoutOrdersService
	// Orders creates and manages orders with cash charges.
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

// ErrNoClient is the error of a call on a zero-value or nil Client (or a
// nil service): one not made by NewClient. Nothing is sent.
var ErrNoClient = transport.ErrNoClient

// errNoClient is ErrNoClient with the package's prefix.
var errNoClient = fmt.Errorf("digitalfemsa: %w", transport.ErrNoClient)

// NewClient returns a client authenticated with a private API key
// ("key_..."). The default per-attempt timeout is DefaultTimeout (60 s).
//
// Authentication is HTTP Basic with the key as the user name and an empty
// password ("key_xxx:"), the form the cash-out guide (the only DigitalFemsa
// source for payout orders) and the reference's curl examples use. The
// OpenAPI specification declares Bearer instead; WithBearerAuth sends that.
func NewClient(privateKey string, opts ...Option) (*Client, error) {
	if err := transport.CheckCredential("digitalfemsa: NewClient: private key", privateKey); err != nil {
		return nil, err
	}
	s, err := transport.Apply("digitalfemsa", opts, func(o Option) transport.Option { return o.apply })
	if err != nil {
		return nil, err
	}
	h := http.Header{}
	h.Set("Accept", AcceptVersion)
	if v, ok := s.Extra(languageKey{}).(string); ok {
		h.Set("Accept-Language", v)
	}
	auth := transport.BasicAuth(privateKey, "")
	if v, ok := s.Extra(bearerKey{}).(bool); ok && v {
		auth = transport.BearerAuth(privateKey)
	}
	tc, err := transport.New(transport.Config{
		Provider:    "digitalfemsa",
		BaseURL:     ProductionURL,
		Timeout:     DefaultTimeout,
		Auth:        auth,
		Header:      h,
		DecodeError: decodeError,
		// DigitalFemsa's error object can come with a 200; it must not
		// decode into an empty resource.
		CheckSuccess: true,
		IsObject:     isObject,
	}, s)
	if err != nil {
		return nil, err
	}
	child, _ := s.Extra(childCompanyKey{}).(string)
	t := &conn{Client: tc, child: child}
	c := &Client{t: tc}
	c.Customers = &CustomersService{c: t}
	c.PayoutOrders = &PayoutOrdersService{c: t}
	c.Orders = &OrdersService{c: t}
	c.WebhookKeys = &WebhookKeysService{c: t}
	c.Events = &EventsService{c: t}
	c.Balance = &BalanceService{c: t}
	c.Charges = &ChargesService{c: t}
	c.LineItems = &LineItemsService{c: t}
	c.ShippingLines = &ShippingLinesService{c: t}
	c.TaxLines = &TaxLinesService{c: t}
	c.DiscountLines = &DiscountLinesService{c: t}
	c.PaymentSources = &PaymentSourcesService{c: t}
	c.FiscalEntities = &FiscalEntitiesService{c: t}
	c.ShippingContacts = &ShippingContactsService{c: t}
	c.Checkouts = &CheckoutsService{c: t}
	c.Webhooks = &WebhooksService{c: t}
	c.Transactions = &TransactionsService{c: t}
	c.Transfers = &TransfersService{c: t}
	c.Logs = &LogsService{c: t}
	return c, nil
}

// String returns "digitalfemsa.Client{<origin>}" (the base URL it talks
// to), or "digitalfemsa.Client{}" for a nil or zero Client: never the key.
func (c *Client) String() string {
	if c == nil || c.t == nil {
		return "digitalfemsa.Client{}"
	}
	return "digitalfemsa.Client{" + c.t.BaseURL().String() + "}"
}

// GoString is String, so %#v shows no key either.
func (c *Client) GoString() string { return c.String() }

// Close releases the client: later calls fail with an error matching
// ErrClientClosed. A client made with WithHTTPClient leaves that client's
// transport as it is. Close on a nil or zero Client does nothing.
func (c *Client) Close() error {
	if c == nil || c.t == nil {
		return nil
	}
	return c.t.Close()
}

// ErrClientClosed is the error of a call on a closed Client.
var ErrClientClosed = transport.ErrClientClosed

// conn is what every service shares: the transport and the optional child
// company of WithChildCompanyID.
type conn struct {
	*transport.Client
	child string
}

// service is the shape of every service type (type XService service), so
// a nil service of any type converts to a nil *service for use.
type service struct{ c *conn }

// use returns s's connection, or an error matching ErrNoClient for a nil
// service or one of a zero Client: never a panic.
func use(s *service) (*conn, error) {
	if s == nil || s.c == nil || s.c.Client == nil {
		return nil, errNoClient
	}
	return s.c, nil
}

// childHeader is the X-Child-Company-Id header for an operation whose
// specification declares it, or nil when WithChildCompanyID was not given.
func (c *conn) childHeader() http.Header {
	if c.child == "" {
		return nil
	}
	return http.Header{"X-Child-Company-Id": {c.child}}
}

// doObject sends req and decodes the object it answers into a new T. A 2xx
// whose object has no id ({} or null), or whose "object" names another
// kind of resource (a charge where an order was asked for), is malformed:
// returning it would pass it off as the one asked for. As with an
// unreadable 2xx, the outcome of a request that is never repeated (a POST,
// a money-moving call) is then unknown.
func doObject[T any](ctx context.Context, c *conn, req *transport.Request, check func(*T) error) (*T, error) {
	var out T
	resp, err := c.Do(ctx, req, &out)
	if err != nil {
		return nil, err
	}
	if err := check(&out); err != nil {
		return nil, resp.MalformedFor(req, err)
	}
	return &out, nil
}

// isObject says whether a 2xx answer decoded into the value asked for is
// that object, so that it is not read again for an error: an object with
// its id, or a list with its data, whose "object" is not "error" (an error
// object has neither an id nor data). Answers without either (the balance)
// go on to the error check as before.
func isObject(out any) bool {
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return false
	}
	v = v.Elem()
	f := answerFieldsOf(v.Type())
	if f.object >= 0 && v.Field(f.object).String() == "error" {
		return false
	}
	if f.id >= 0 && v.Field(f.id).String() != "" {
		return true
	}
	return f.data >= 0 && !v.Field(f.data).IsNil()
}

// answerFields are the indexes (-1 for none) of a decoded type's ID and
// Object strings and Data slice.
type answerFields struct{ id, object, data int }

var answerFieldCache sync.Map // reflect.Type → answerFields

func answerFieldsOf(t reflect.Type) answerFields {
	if f, ok := answerFieldCache.Load(t); ok {
		return f.(answerFields)
	}
	f := answerFields{-1, -1, -1}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		switch {
		case sf.Name == "ID" && sf.Type.Kind() == reflect.String:
			f.id = i
		case sf.Name == "Object" && sf.Type.Kind() == reflect.String:
			f.object = i
		case sf.Name == "Data" && sf.Type.Kind() == reflect.Slice:
			f.data = i
		}
	}
	answerFieldCache.Store(t, f)
	return f
}

// checkObject is the check of doObject and list items: an id, and an
// "object" equal to want (or to one of its "|"-separated names) when the
// API sends one.
func checkObject(id, object, want string) error {
	if id == "" {
		return errors.New("the object has no id")
	}
	if object != "" && !strings.Contains("|"+want+"|", "|"+object+"|") {
		return fmt.Errorf("got a %q object where a %q was expected", transport.Mask(object), want)
	}
	return nil
}
