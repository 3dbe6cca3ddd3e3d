package cubotest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

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

	seq uint64 // creation order among payments and links; the store's key
}

// declarePayments declares direct payments for their state only: they
// are made at POST /api/v1/transactions and /subscription, money routes
// with test-card rules (pay), and Cubo has no route that reads them.
func (s *Server) declarePayments(d *fakeapi.Dialect) *fakeapi.Collection[Payment] {
	return fakeapi.Declare(s.Server, d, fakeapi.Resource[Payment]{
		Name: "payment", Label: "Payment", Path: "/api/v1/transactions",
		ID: func(p *Payment) string { return strconv.FormatUint(p.seq, 10) },
	})
}

// Payments returns the direct payments received so far, oldest first
// (for reconciliation tests: a payment can exist although the client saw
// a fault).
func (s *Server) Payments() []Payment { return s.payments.All() }

// PaymentsByDescription returns the direct payments, approved or declined,
// whose Description contains substr, oldest first. Cubo has no API to list
// or search direct payments (they get no token that Transactions.Get
// could read), so after an ErrOutcomeUnknown a merchant reconciles in Cubo
// Admin by searching the description it sent; this method is the fake's
// stand-in for that search. Put a unique order id in Description and
// assert with len(PaymentsByDescription(orderID)).
func (s *Server) PaymentsByDescription(substr string) []Payment {
	return s.payments.Select(func(p *Payment) bool { return strings.Contains(p.Description, substr) })
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

// pay serves POST /api/v1/transactions (and /subscription): a card
// payment, approved or declined by the test-card rules, and recorded
// either way.
func (s *Server) pay(subscription bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var f subscriptionFields
		var target any = &f.paymentFields
		if subscription {
			target = &f
		}
		if err := readBody(r)(target); err != nil {
			s.payments.Fail(w, r, err)
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
		if err := c.err(); err != nil {
			s.payments.Fail(w, r, err)
			return
		}
		now := s.Now().UTC()
		y, _ := strconv.Atoi(year)
		if time.Date(2000+y, time.Month(m)+1, 1, 0, 0, 0, 0, time.UTC).Before(now) {
			s.payments.Fail(w, r, invalid{"card has expired"})
			return
		}
		p := Payment{Amount: amount, Description: desc, ClientEmail: email, Installments: int(installments),
			Last4: number[len(number)-4:], ProcessedAt: now}
		if msg, declined := declines[number]; declined {
			p.Status, p.Message = cubo.StatusRejected, msg
			s.record(p)
			// A decline's message is one string, with no error name.
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
	s.payments.Put(&p)
}
