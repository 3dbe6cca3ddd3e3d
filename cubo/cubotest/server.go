package cubotest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/wire"
)

// APIKey is the key the fake accepts; any other X-API-KEY gets a 401.
const APIKey = "cubo_test_api_key"

// Test card numbers.
const (
	CardApproved          = "4000000000000416"
	CardInsufficientFunds = "4000000000000051"
	CardIssuerUnavailable = "4000000000000150"
	CardSuspectedFraud    = "4000000000000507"
)

// Currency is the currency of the fake's merchant account (El Salvador).
const Currency = "USD"

// StatusPending is the status the fake gives an unpaid link's transaction.
const StatusPending cubo.Status = "PENDING"

// declines maps the decline cards to Cubo's messages.
var declines = map[string]string{
	CardInsufficientFunds: "51 - FONDOS INSUFICIENTES",
	CardIssuerUnavailable: "15 - EMISOR NO DISPONIBLE",
	CardSuspectedFraud:    "05 - SOSPECHA DE FRAUDE",
}

// Payment is a direct card payment the fake received and processed.
type Payment struct {
	// ReferenceID is empty for a declined payment.
	ReferenceID string
	// AuthorizationCode is the issuer's code; empty for a declined payment.
	AuthorizationCode string
	// Status is StatusSucceeded or StatusRejected.
	Status cubo.Status
	// Message is Cubo's decline message, e.g. "51 - FONDOS INSUFICIENTES".
	Message string
	// Amount is in cents.
	Amount int64
	// Description is as sent.
	Description string
	// ClientEmail is as sent.
	ClientEmail string
	// Installments is set for subscription payments.
	Installments int
	// Last4 is the card's last four digits.
	Last4 string
	// ProcessedAt is the fake's clock when it answered.
	ProcessedAt time.Time

	seq uint64 // creation order among payments and links
}

// transaction is a payment link with its transaction.
type transaction struct {
	Token             string
	Subscription      bool
	Installments      int
	Description       string
	Amount            int64
	RedirectURI       string
	Metadata          map[string]any
	Status            cubo.Status
	ReferenceID       string
	AuthorizationCode string
	ProcessedAt       time.Time
	seq               uint64
}

// Server is the fake. Its embedded *fakeapi.Server gives URL, Close,
// InjectFault, ClearFaults, PendingFaults, Handled, Stats, SetClock,
// Requests, Reset and the webhook methods (DeliverWebhooks, Deliveries,
// WaitWebhooks, SetWebhookPolicy, EmitWebhook).
type Server struct {
	*fakeapi.Server

	links *fakeapi.Store[transaction]
	seq   atomic.Uint64

	mu       sync.Mutex
	payments []Payment
}

// DefaultWebhookPolicy is how the fake retries a webhook its receiver did not
// answer 2xx: Cubo retries (integrators use a 5xx to get another try) on a
// schedule it does not publish. The fake makes 4 tries, 20 ms apart and
// doubling; change it with Server.SetWebhookPolicy.
var DefaultWebhookPolicy = fakeapi.WebhookPolicy{Attempts: 4, Backoff: 20 * time.Millisecond}

// NewServer starts a fake Cubo API on a loopback port. Close it when done.
func NewServer() *Server {
	s := &Server{links: fakeapi.NewStore[transaction]()}
	s.Server = fakeapi.New(fakeapi.Config{
		Authenticate: func(r *http.Request) bool { return r.Header.Get("X-API-KEY") == APIKey },
		Unauthorized: func(w http.ResponseWriter, r *http.Request) {
			fakeapi.WriteJSON(w, http.StatusUnauthorized, map[string]any{"statusCode": 401, "message": "Unauthorized"})
		},
		NotFound: func(w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusNotFound, "Cannot "+r.Method+" "+r.URL.Path, "Not Found")
		},
		Public: []string{"GET /checkout/{token}", "POST /checkout/{token}"},
	})
	s.Handle("POST /api/v1/transactions", s.pay(false))
	s.Handle("POST /api/v1/transactions/subscription", s.pay(true))
	s.Handle("GET /api/v1/transactions/{token}", s.getTransaction)
	s.Handle("POST /api/v1/links/one-use", s.createLink(false))
	s.Handle("POST /api/v1/links/subscription", s.createLink(true))
	s.Handle("GET /checkout/{token}", s.checkoutPage)
	s.Handle("POST /checkout/{token}", s.checkoutPay)
	s.SetWebhookPolicy(DefaultWebhookPolicy)
	return s
}

// Close shuts the fake down. A webhook delivery still waiting for its
// receiver is given up, so a receiver that never answers cannot hold Close.
func (s *Server) Close() { s.Server.Close() }

// Client returns a client of the fake: the test key, the fake's URL and
// HTTP client, millisecond retry waits, then opts.
func (s *Server) Client(opts ...cubo.Option) *cubo.Client {
	all := append([]cubo.Option{
		cubo.WithBaseURL(s.URL),
		cubo.WithHTTPClient(s.HTTPClient()),
		cubo.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := cubo.NewClient(APIKey, all...)
	if err != nil {
		panic("cubotest: " + err.Error())
	}
	return c
}

// Payments returns the direct payments received so far, oldest first
// (for reconciliation tests: a payment can exist although the client saw
// a fault).
func (s *Server) Payments() []Payment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Payment(nil), s.payments...)
}

// PaymentsByDescription returns the direct payments, approved or declined,
// whose Description contains substr, oldest first. Cubo has no API to list
// or search direct payments (they get no token that Transactions.Get
// could read), so after an ErrOutcomeUnknown a merchant reconciles in Cubo
// Admin by searching the description it sent; this method is the fake's
// stand-in for that search. Put a unique order id in Description and
// assert with len(PaymentsByDescription(orderID)).
func (s *Server) PaymentsByDescription(substr string) []Payment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Payment
	for _, p := range s.payments {
		if strings.Contains(p.Description, substr) {
			out = append(out, p)
		}
	}
	return out
}

// LinksByMetadata returns the payment intent tokens, sorted, of the links
// whose metadata holds key with the string value. A link whose creation
// ended in ErrOutcomeUnknown may exist although the client never saw its
// token, and Cubo has no API to search links; this is the fake's stand-in
// for finding it in Cubo Admin. Once found, Transactions.Get reads it.
func (s *Server) LinksByMetadata(key, value string) []string {
	all := s.links.List(func(t *transaction) bool {
		v, ok := t.Metadata[key].(string)
		return ok && v == value
	})
	out := make([]string, 0, len(all))
	for _, t := range all {
		out = append(out, t.Token)
	}
	sort.Strings(out)
	return out
}

// SetWebhookURL makes the fake post each webhook to url (as Cubo posts to
// the URL set in Cubo Admin); "" stops it. It is the older name of
// DeliverWebhooks: both set the same target, and Deliveries records every
// try.
func (s *Server) SetWebhookURL(url string) { s.DeliverWebhooks(url) }

// PayLink plays the customer paying link token on Cubo's checkout page with
// cardNumber (a test card). It settles the link's transaction (SUCCEEDED,
// or REJECTED for a decline card) and returns the webhook body Cubo would
// send. With a webhook URL (DeliverWebhooks or SetWebhookURL) it also
// delivers it there and waits for the delivery, retries included: an error
// reports a failed post or a non-2xx last answer. A receiver that does not
// answer within a few seconds, or before Close, counts as a failed post. A
// link can be paid once.
func (s *Server) PayLink(token, cardNumber string) ([]byte, error) {
	event, body, err := s.settle(token, cardNumber)
	if err != nil {
		return nil, err
	}
	if !s.EmitWebhook(event, body, nil) {
		return body, nil
	}
	// Close cancels the deliveries, so this wait ends with the fake.
	_ = s.WaitWebhooks(context.Background())
	var last *fakeapi.Delivery
	for _, d := range s.Deliveries() {
		if bytes.Equal(d.Body, body) {
			last = &d
		}
	}
	switch {
	case last == nil:
		return body, errors.New("cubotest: posting the webhook: no delivery was made")
	case last.Err != "":
		return body, fmt.Errorf("cubotest: posting the webhook: %s", last.Err)
	case last.Status < 200 || last.Status > 299:
		return body, fmt.Errorf("cubotest: webhook answered %d", last.Status)
	}
	return body, nil
}

// Webhook event names the fake gives its deliveries (Delivery.Event).
// Cubo's body names no event; these are the fake's labels.
const (
	// EventSucceeded: a link was paid.
	EventSucceeded = "payment.succeeded"
	// EventRejected: a link's payment was declined.
	EventRejected = "payment.rejected"
)

// settle pays link token with cardNumber and returns the webhook's event
// name and body.
func (s *Server) settle(token, cardNumber string) (string, []byte, error) {
	var body []byte
	event := EventSucceeded
	found, err := s.links.Update(token, func(t *transaction) error {
		if t.Status != StatusPending {
			return fmt.Errorf("cubotest: link %s is already %s", token, t.Status)
		}
		t.ProcessedAt = s.Now().UTC()
		if _, declined := declines[cardNumber]; declined {
			t.Status = cubo.StatusRejected
			event = EventRejected
		} else {
			t.Status = cubo.StatusSucceeded
			t.ReferenceID = fakeapi.NewDigits(15)
			t.AuthorizationCode = fakeapi.NewDigits(6)
		}
		ev := map[string]any{
			"identifier":  t.Token,
			"status":      t.Status,
			"processedAt": t.ProcessedAt.Format(timeLayout),
			"amount":      t.Amount,
			"paymentType": "LINK",
		}
		if t.ReferenceID != "" {
			ev["referenceId"] = t.ReferenceID
			ev["authorizationCode"] = t.AuthorizationCode
		}
		if t.Metadata != nil {
			ev["metadata"] = t.Metadata
		}
		var err error
		body, err = json.Marshal(ev)
		return err
	})
	if !found {
		return "", nil, fmt.Errorf("cubotest: no link %q", token)
	}
	if err != nil {
		return "", nil, err
	}
	return event, body, nil
}

const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// writeError answers Cubo's envelope; message is a string or a []string.
func writeError(w http.ResponseWriter, status int, message any, name string) {
	body := map[string]any{"statusCode": status, "message": message}
	if name != "" {
		body["error"] = name
	}
	fakeapi.WriteJSON(w, status, body)
}

// readStrict decodes the body into fields, answering 422 for an unknown
// field and 400 for a body that is not a JSON object. It reports whether
// the handler may go on.
func readStrict(w http.ResponseWriter, r *http.Request, fields any) bool {
	err := fakeapi.ReadJSON(r, fields, true)
	if err == nil {
		return true
	}
	if name, ok := fakeapi.UnknownField(err); ok {
		writeError(w, http.StatusUnprocessableEntity, []string{"property " + name + " should not exist"}, "Unprocessable Entity")
		return false
	}
	writeError(w, http.StatusBadRequest, "Unexpected token in JSON body", "Bad Request")
	return false
}

// checker collects validation messages the way NestJS's ValidationPipe
// words them.
type checker struct{ msgs []string }

func (c *checker) add(m string) { c.msgs = append(c.msgs, m) }

// str checks a string field; required ones must be present and non-empty.
func (c *checker) str(name string, raw json.RawMessage, required bool) string {
	if len(raw) == 0 || string(raw) == "null" {
		if required {
			c.add(name + " should not be empty")
		}
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		c.add(name + " must be a string")
		return ""
	}
	if s == "" && required {
		c.add(name + " should not be empty")
	}
	return s
}

// integer checks a positive integer field.
func (c *checker) integer(name string, raw json.RawMessage, required bool) int64 {
	if len(raw) == 0 || string(raw) == "null" {
		if required {
			c.add(name + " should not be empty")
		}
		return 0
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		c.add(name + " must be an integer number")
		return 0
	}
	if n < 1 {
		c.add(name + " must be a positive number")
	}
	return n
}

func (c *checker) fail(w http.ResponseWriter) bool {
	if len(c.msgs) == 0 {
		return false
	}
	writeError(w, http.StatusBadRequest, c.msgs, "Bad Request")
	return true
}

type paymentFields struct {
	ClientName  json.RawMessage `json:"clientName"`
	ClientEmail json.RawMessage `json:"clientEmail"`
	ClientPhone json.RawMessage `json:"clientPhone"`
	Description json.RawMessage `json:"description"`
	Amount      json.RawMessage `json:"amount"`
	CardHolder  json.RawMessage `json:"cardHolder"`
	CardNumber  json.RawMessage `json:"cardNumber"`
	CVV         json.RawMessage `json:"cvv"`
	Month       json.RawMessage `json:"month"`
	Year        json.RawMessage `json:"year"`
}

type subscriptionFields struct {
	paymentFields
	Installments json.RawMessage `json:"installments"`
}

func (s *Server) pay(subscription bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var f subscriptionFields
		var target any = &f.paymentFields
		if subscription {
			target = &f
		}
		if !readStrict(w, r, target) {
			return
		}
		var c checker
		c.str("clientName", f.ClientName, false)
		email := c.str("clientEmail", f.ClientEmail, false)
		c.str("clientPhone", f.ClientPhone, false)
		desc := c.str("description", f.Description, false)
		amount := c.integer("amount", f.Amount, true)
		c.str("cardHolder", f.CardHolder, true)
		number := c.str("cardNumber", f.CardNumber, true)
		cvv := c.str("cvv", f.CVV, true)
		month := c.str("month", f.Month, true)
		year := c.str("year", f.Year, true)
		var installments int64
		if subscription {
			installments = c.integer("installments", f.Installments, true)
		}
		if number != "" && (cubo.Card{Number: number, CVV: "000", ExpMonth: 12, ExpYear: 9999}).Validate(time.Time{}) != nil {
			c.add("cardNumber must be a credit card")
		}
		if cvv != "" && (len(cvv) < 3 || len(cvv) > 4 || !allDigits(cvv)) {
			c.add("cvv must be a number string of 3 or 4 digits")
		}
		m, mErr := strconv.Atoi(month)
		if month != "" && (len(month) != 2 || mErr != nil || m < 1 || m > 12) {
			c.add("month must be a two-digit month (MM)")
		}
		if year != "" && (len(year) != 2 || !allDigits(year)) {
			c.add("year must be a two-digit year (YY)")
		}
		if c.fail(w) {
			return
		}
		now := s.Now().UTC()
		y, _ := strconv.Atoi(year)
		if time.Date(2000+y, time.Month(m)+1, 1, 0, 0, 0, 0, time.UTC).Before(now) {
			writeError(w, http.StatusBadRequest, []string{"card has expired"}, "Bad Request")
			return
		}
		p := Payment{Amount: amount, Description: desc, ClientEmail: email, Installments: int(installments),
			Last4: number[len(number)-4:], ProcessedAt: now}
		if msg, declined := declines[number]; declined {
			p.Status, p.Message = cubo.StatusRejected, msg
			s.record(p)
			writeError(w, http.StatusBadRequest, msg, "")
			return
		}
		p.Status, p.ReferenceID = cubo.StatusSucceeded, fakeapi.NewDigits(15)
		p.AuthorizationCode = fakeapi.NewDigits(6)
		s.record(p)
		fakeapi.WriteJSON(w, http.StatusCreated, map[string]any{
			"status":            p.Status,
			"referenceId":       p.ReferenceID,
			"authorizationCode": p.AuthorizationCode,
			"processedAt":       now.Format(timeLayout),
		})
	}
}

func (s *Server) record(p Payment) {
	p.seq = s.seq.Add(1)
	s.mu.Lock()
	s.payments = append(s.payments, p)
	s.mu.Unlock()
}

type linkFields struct {
	Description          json.RawMessage `json:"description"`
	Amount               json.RawMessage `json:"amount"`
	RedirectURI          json.RawMessage `json:"redirectUri"`
	Metadata             json.RawMessage `json:"metadata"`
	ClientName           json.RawMessage `json:"clientName"`
	ClientEmail          json.RawMessage `json:"clientEmail"`
	ClientPhone          json.RawMessage `json:"clientPhone"`
	MonthlyInstallmentID json.RawMessage `json:"monthlyInstallmentId"`
}

type subscriptionLinkFields struct {
	Description  json.RawMessage `json:"description"`
	Amount       json.RawMessage `json:"amount"`
	RedirectURI  json.RawMessage `json:"redirectUri"`
	Metadata     json.RawMessage `json:"metadata"`
	ClientName   json.RawMessage `json:"clientName"`
	ClientEmail  json.RawMessage `json:"clientEmail"`
	ClientPhone  json.RawMessage `json:"clientPhone"`
	Installments json.RawMessage `json:"installments"`
}

func (s *Server) createLink(subscription bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var f subscriptionLinkFields
		if subscription {
			if !readStrict(w, r, &f) {
				return
			}
		} else {
			var one linkFields
			if !readStrict(w, r, &one) {
				return
			}
			f = subscriptionLinkFields{Description: one.Description, Amount: one.Amount, RedirectURI: one.RedirectURI,
				Metadata: one.Metadata, ClientName: one.ClientName, ClientEmail: one.ClientEmail, ClientPhone: one.ClientPhone}
			if len(one.MonthlyInstallmentID) > 0 {
				var c checker
				c.integer("monthlyInstallmentId", one.MonthlyInstallmentID, false)
				if c.fail(w) {
					return
				}
			}
		}
		var c checker
		t := transaction{Token: newToken(), Subscription: subscription, Status: StatusPending}
		t.Description = c.str("description", f.Description, true)
		t.Amount = c.integer("amount", f.Amount, true)
		t.RedirectURI = c.str("redirectUri", f.RedirectURI, subscription)
		c.str("clientName", f.ClientName, false)
		c.str("clientEmail", f.ClientEmail, false)
		c.str("clientPhone", f.ClientPhone, false)
		if subscription {
			t.Installments = int(c.integer("installments", f.Installments, true))
		}
		if len(f.Metadata) > 0 && string(f.Metadata) != "null" {
			if json.Unmarshal(f.Metadata, &t.Metadata) != nil {
				c.add("metadata must be an object")
			}
		}
		if c.fail(w) {
			return
		}
		t.seq = s.seq.Add(1)
		s.links.Put(t.Token, &t)
		fakeapi.WriteJSON(w, http.StatusCreated, map[string]any{
			"cuboRedirectUri":    s.URL + "/checkout/" + t.Token,
			"paymentIntentToken": t.Token,
		})
	}
}

func (s *Server) getTransaction(w http.ResponseWriter, r *http.Request) {
	var out map[string]any
	found, _ := s.links.Update(r.PathValue("token"), func(t *transaction) error {
		out = map[string]any{
			"status":             t.Status,
			"paymentIntentToken": t.Token,
			"currency":           Currency,
			"amount":             wire.FormatCents(t.Amount),
		}
		if t.Metadata != nil {
			out["metadata"] = t.Metadata
		}
		if !t.ProcessedAt.IsZero() {
			out["processedAt"] = t.ProcessedAt.Format(timeLayout)
		}
		if t.ReferenceID != "" {
			out["referenceId"] = t.ReferenceID
			out["authorizationCode"] = t.AuthorizationCode
		}
		return nil
	})
	if !found {
		writeError(w, http.StatusNotFound, "Transaction not found", "Not Found")
		return
	}
	fakeapi.WriteJSON(w, http.StatusOK, out)
}

// checkoutPage is the fake's hosted checkout (a link's cuboRedirectUri): a
// form asking for a card number.
func (s *Server) checkoutPage(w http.ResponseWriter, r *http.Request) {
	t, ok := s.links.Get(r.PathValue("token"))
	if !ok {
		http.Error(w, "unknown payment link", http.StatusNotFound)
		return
	}
	var desc string
	var amount int64
	s.links.Update(t.Token, func(t *transaction) error { desc, amount = t.Description, t.Amount; return nil })
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><title>Cubo (fake) checkout</title><h1>%s</h1><p>%s %s</p>`+
		`<form method="post"><input name="cardNumber" value="%s"><button>Pay</button></form>`,
		html.EscapeString(desc), wire.FormatCents(amount), Currency, CardApproved)
}

// checkoutPay pays a link with the form's cardNumber (see PayLink) and
// sends the customer to the link's redirectUri. The webhook goes out in
// the background (EmitWebhook): Cubo notifies the merchant on its own schedule
// (integrators report that it retries), not within the customer's request,
// so a slow receiver must not hold the customer's page.
func (s *Server) checkoutPay(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	event, body, err := s.settle(token, r.FormValue("cardNumber"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	// Nobody waits for this delivery: Deliveries records how it went.
	s.EmitWebhook(event, body, nil)
	var redirect string
	s.links.Update(token, func(t *transaction) error { redirect = t.RedirectURI; return nil })
	if redirect != "" {
		http.Redirect(w, r, redirect, http.StatusSeeOther)
		return
	}
	_, _ = io.WriteString(w, "paid")
}

// Links returns the tokens of the links created so far, sorted.
func (s *Server) Links() []string {
	all := s.links.List(nil)
	out := make([]string, 0, len(all))
	for _, t := range all {
		out = append(out, t.Token)
	}
	sort.Strings(out)
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// newToken returns a payment intent token (Cubo's format is not
// documented; the fake uses a UUID-like string).
func newToken() string {
	id := fakeapi.NewID("", 32)
	return id[:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:]
}
