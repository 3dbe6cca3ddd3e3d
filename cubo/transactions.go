package cubo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/validate"
	"github.com/latampay/latampay-go/internal/wire"
)

// Time is a timestamp decoded from Cubo's JSON (RFC 3339, e.g.
// "2025-02-10T22:27:17.317Z"; the family's decoder also reads Unix seconds
// or milliseconds and numeric strings). It is the family's shared type:
//
//	type Time struct {
//		time.Time // in UTC; the zero Time when the field was null, "" or absent
//	}
//
// so every time.Time method (Unix, Format, IsZero, …) works on it.
// MarshalJSON writes RFC 3339 with nanoseconds (null for the zero Time);
// UnmarshalJSON reads the forms above.
type Time = wire.Time

// Metadata is the free-form object attached to a payment link and echoed
// back by Cubo in the transaction and the webhook. It is the family's
// shared type:
//
//	type Metadata map[string]string
//
// Its UnmarshalJSON keeps a non-string value (a number, an object) as its
// compact JSON text instead of failing ({"n":12} gives "12"), a null value
// as "", and a top-level null, [] or "" as a nil map; EncodeValues writes
// it as query parameters.
type Metadata = wire.Metadata

// Status is a transaction status. It is another name for string, as the
// API contract gives Transaction.Status: values Cubo adds later (FAILED,
// DECLINED and PENDING have been reported by integrators) decode as they
// are. Only StatusSucceeded means the customer paid.
type Status = string

// Documented statuses.
const (
	// StatusSucceeded: the payment was approved.
	StatusSucceeded Status = "SUCCEEDED"
	// StatusRejected: the payment was declined.
	StatusRejected Status = "REJECTED"
)

// maxAmount is the largest amount sent: Cubo's server is JavaScript, where
// integers above 2^53-1 lose precision.
const maxAmount = 1<<53 - 1

// PaymentParams describes a direct card payment. Cubo takes no currency: the
// merchant account fixes it (USD in El Salvador, GTQ in Guatemala).
//
// Cubo answers 422 to any field it does not know, so exactly its documented
// fields are sent, and empty strings are left out. There is no merchant
// reference field on direct payments, and nothing the merchant sends comes
// back on the created transaction or can be looked up through the API, so
// these params have no ReconcileKey: put your order id in Description to
// search for it by hand in Cubo Admin.
type PaymentParams struct {
	// ClientName is the customer's name (optional).
	ClientName string
	// ClientEmail is the customer's email (optional).
	ClientEmail string
	// ClientPhone is the customer's phone with its country code, e.g.
	// "+50322577777" (optional).
	ClientPhone string
	// Description describes the payment (optional).
	Description string
	// Amount is in cents (100 = $1.00); it must be positive.
	Amount int64
	// Card is the card to charge; its HolderName is required (Cubo's
	// cardHolder).
	Card Card
}

// SubscriptionParams describes a subscription charged to a card: the
// payment's fields plus Cubo's installments.
//
// Cubo describes installments only as "cantidad de cuotas mensuales en las
// que se dividirá el pago" (the number of monthly installments the payment
// is divided into). Whether Amount is then the total divided among the
// installments or the amount of each one is not confirmed: the SDK sends
// both as given and computes nothing from them. Check how Cubo Admin shows
// the first charge before relying on either reading.
//
// Cubo documents a subscription "sin vencimiento" (charged monthly until
// cancelled) but not how to request one, and no endpoint to cancel a
// subscription; this SDK supports neither.
type SubscriptionParams struct {
	// PaymentParams holds the payment's fields, sent as for Create.
	PaymentParams
	// Installments is sent as Cubo's installments, "cantidad de cuotas
	// mensuales en las que se dividirá el pago" (see SubscriptionParams for
	// what is unconfirmed); at least 1.
	Installments int
}

// Transaction is a Cubo transaction. Nothing on it is set by the merchant
// except Metadata (payment links only).
//
// A direct payment answers Status, ReferenceID, AuthorizationCode and
// ProcessedAt. A lookup by payment intent token (Get) answers Status,
// PaymentIntentToken, Currency and Amount (and Metadata for payment links);
// fields Cubo did not send are zero.
type Transaction struct {
	// Status is the outcome; only StatusSucceeded means paid.
	Status Status
	// ReferenceID is the processor's reference, a 15-digit string.
	ReferenceID string
	// AuthorizationCode is the issuer's authorization code.
	AuthorizationCode string
	// ProcessedAt is when Cubo processed the payment.
	ProcessedAt Time
	// PaymentIntentToken identifies a payment link's transaction.
	PaymentIntentToken string
	// Currency is the alphabetic currency code, e.g. "USD" or "GTQ".
	Currency string
	// Amount is in cents. Get's response gives it as a decimal string in
	// major units ("10.00"), converted exactly; an amount sent as a JSON
	// number is ambiguous (cents or major units?) and is left 0 (see Raw).
	Amount int64
	// Metadata is the object given when the payment link was created.
	Metadata Metadata
	// Raw is the JSON object Cubo answered, for fields this type does not
	// model.
	Raw json.RawMessage
}

// Succeeded reports whether the transaction was approved.
func (t *Transaction) Succeeded() bool { return t != nil && t.Status == StatusSucceeded }

// statusDeclined is the other decline status integrators report besides
// StatusRejected (unverified, so not a documented constant).
const statusDeclined Status = "DECLINED"

// Declined reports whether the transaction is a decline that came back as
// an object rather than a *Error: Status StatusRejected (or "DECLINED",
// which integrators report). A definite outcome: no money moved. Other
// statuses that are not StatusSucceeded ("FAILED", "PENDING", values Cubo
// adds later) are neither approvals nor declines the SDK can vouch for.
func (t *Transaction) Declined() bool {
	return t != nil && (t.Status == StatusRejected || t.Status == statusDeclined)
}

// SoftDecline reports whether a declined transaction may be approved on a
// later attempt. Cubo gives no decline code with a rejected transaction, so
// the SDK cannot tell and SoftDecline is always false: treat it as hard.
// A decline that arrives as a *Error carries its code (Error.SoftDecline).
func (t *Transaction) SoftDecline() bool { return false }

// transactionWire is the JSON of a transaction.
type transactionWire struct {
	Status             Status              `json:"status"`
	ReferenceID        wire.StringOrNumber `json:"referenceId"`
	AuthorizationCode  wire.StringOrNumber `json:"authorizationCode"`
	ProcessedAt        Time                `json:"processedAt"`
	PaymentIntentToken wire.StringOrNumber `json:"paymentIntentToken"`
	Currency           string              `json:"currency"`
	Amount             majorAmount         `json:"amount"`
	Metadata           Metadata            `json:"metadata"`
}

// UnmarshalJSON decodes Cubo's transaction JSON.
func (t *Transaction) UnmarshalJSON(data []byte) error {
	var w transactionWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*t = Transaction{
		Status:             w.Status,
		ReferenceID:        string(w.ReferenceID),
		AuthorizationCode:  string(w.AuthorizationCode),
		ProcessedAt:        w.ProcessedAt,
		PaymentIntentToken: string(w.PaymentIntentToken),
		Currency:           w.Currency,
		Amount:             int64(w.Amount),
		Metadata:           w.Metadata,
		Raw:                json.RawMessage(bytes.Clone(data)),
	}
	return nil
}

// majorAmount is an amount sent as a decimal string in major units
// ("10.00"), decoded to cents exactly. A JSON number is left 0: Cubo sends
// cents as numbers elsewhere (the webhook), so its unit is unknown.
type majorAmount int64

// UnmarshalJSON converts a decimal string to cents.
func (m *majorAmount) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '"' {
		return nil
	}
	s, err := wire.Unquote(data)
	if err != nil {
		return err
	}
	if s == "" {
		return nil
	}
	cents, err := wire.ParseDecimal(s)
	if err != nil {
		return err
	}
	*m = majorAmount(cents)
	return nil
}

// TransactionsService charges cards and reads transactions: Client.Transactions.
// Its methods on a nil service, or on a Client not made by NewClient, return
// an error.
type TransactionsService struct{ c *Client }

// conn returns the transport, or an error for a nil or zero client.
func (s *TransactionsService) conn() (*transport.Client, func() time.Time, error) {
	if s == nil {
		return nil, nil, errNoClient
	}
	tc, err := s.c.conn()
	if err != nil {
		return nil, nil, err
	}
	now := s.c.now
	if now == nil {
		now = time.Now
	}
	return tc, now, nil
}

// paymentBody is the wire body of both direct payment endpoints: exactly
// Cubo's documented fields, empty strings left out.
type paymentBody struct {
	ClientName   string `json:"clientName,omitempty"`
	ClientEmail  string `json:"clientEmail,omitempty"`
	ClientPhone  string `json:"clientPhone,omitempty"`
	Description  string `json:"description,omitempty"`
	Amount       int64  `json:"amount"`
	CardHolder   string `json:"cardHolder"`
	CardNumber   string `json:"cardNumber"`
	CVV          string `json:"cvv"`
	Month        string `json:"month"`
	Year         string `json:"year"`
	Installments int    `json:"installments,omitempty"`
}

// String keeps the card out of any accidental print.
func (paymentBody) String() string { return "cubo.paymentBody{[REDACTED]}" }

// GoString keeps the card out of %#v.
func (b paymentBody) GoString() string { return b.String() }

// Validate runs the checks Create runs before any I/O: a positive Amount
// within what Cubo's JavaScript server holds exactly (2^53-1), a valid and
// unexpired Card with a HolderName, and a ClientEmail that looks like an
// address when given. The error is a *ParamError naming the field.
func (p *PaymentParams) Validate() error { return p.validate(time.Now()) }

func (p *PaymentParams) validate(now time.Time) error {
	if p == nil {
		return invalidParams("PaymentParams", "is nil")
	}
	if err := validateAmount(p.Amount); err != nil {
		return err
	}
	if err := validate.Card("cubo", p.Card, now, "cardHolder"); err != nil {
		return err
	}
	if p.ClientEmail != "" && !validate.Email(p.ClientEmail) {
		return invalidParams("ClientEmail", "is not an email address")
	}
	return nil
}

// Validate runs the checks CreateSubscription runs before any I/O: those
// of PaymentParams.Validate and at least one installment.
func (p *SubscriptionParams) Validate() error { return p.validate(time.Now()) }

func (p *SubscriptionParams) validate(now time.Time) error {
	if p == nil {
		return invalidParams("SubscriptionParams", "is nil")
	}
	if err := p.PaymentParams.validate(now); err != nil {
		return err
	}
	if p.Installments < 1 {
		return invalidParams("Installments", "must be at least 1")
	}
	return nil
}

func validateAmount(amount int64) error {
	if amount <= 0 {
		return invalidParams("Amount", "must be a positive number of cents")
	}
	if amount > maxAmount {
		return invalidParams("Amount", "is too large")
	}
	return nil
}

func newPaymentBody(p *PaymentParams) *paymentBody {
	return &paymentBody{
		ClientName:  p.ClientName,
		ClientEmail: p.ClientEmail,
		ClientPhone: p.ClientPhone,
		Description: p.Description,
		Amount:      p.Amount,
		CardHolder:  p.Card.HolderName,
		CardNumber:  p.Card.Digits(),
		CVV:         p.Card.CVV,
		Month:       p.Card.MonthMM(),
		Year:        p.Card.YearYY(),
	}
}

// Create charges a card once: POST /api/v1/transactions.
//
// Cubo API docs: https://developers.cubopago.com/endpoints/post-payment
//
// An approval returns the Transaction (Status StatusSucceeded). A decline
// is a *Error, e.g. Code "51", Message "FONDOS INSUFICIENTES" (see
// Error.Declined): a definite outcome, no money moved. The request is
// never repeated once it may have reached Cubo: a timeout, a dropped
// connection or a 502/503/504 gives an *OutcomeUnknownError (matching
// ErrOutcomeUnknown, Operation "transactions.create", SentAt set), and so
// does a 2xx without a status.
//
// Reconciling: nothing the merchant sends survives on the created
// transaction or can be searched through Cubo's API (no list endpoint, no
// reference field, no lookup of a direct payment), so there is no
// ReconcileKey and no Reconcile. After an unknown outcome, search Cubo
// Admin for the Description, the amount and the time from SentAt before
// charging again.
func (s *TransactionsService) Create(ctx context.Context, params *PaymentParams) (*Transaction, error) {
	tc, now, err := s.conn()
	if err != nil {
		return nil, err
	}
	if err := params.validate(now()); err != nil {
		return nil, err
	}
	return pay(ctx, tc, "transactions.create", "/api/v1/transactions", newPaymentBody(params))
}

// CreateSubscription charges the first installment of a subscription:
// POST /api/v1/transactions/subscription, with installments.
//
// Cubo API docs: https://developers.cubopago.com/endpoints/post-payment-subscription
//
// Outcomes, retries and reconciling are as for Create (Operation
// "transactions.create_subscription"): nothing the merchant sends can be
// read back through the API.
func (s *TransactionsService) CreateSubscription(ctx context.Context, params *SubscriptionParams) (*Transaction, error) {
	tc, now, err := s.conn()
	if err != nil {
		return nil, err
	}
	if err := params.validate(now()); err != nil {
		return nil, err
	}
	body := newPaymentBody(&params.PaymentParams)
	body.Installments = params.Installments
	return pay(ctx, tc, "transactions.create_subscription", "/api/v1/transactions/subscription", body)
}

func pay(ctx context.Context, tc *transport.Client, op, path string, body *paymentBody) (*Transaction, error) {
	tx := new(Transaction)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: body, MovesMoney: true, Operation: op}
	resp, err := tc.Do(ctx, req, tx)
	if err != nil {
		return nil, err
	}
	if tx.Status == "" {
		// A 2xx that names no outcome: the payment may have gone through.
		return nil, resp.MalformedFor(req, errors.New("no transaction status in a successful response"))
	}
	return tx, nil
}

// Get reads a transaction by its payment intent token (the token a payment
// link returns, and the webhook's identifier): GET
// /api/v1/transactions/{paymentIntentToken}. Cubo documents no reference
// page for it; integrators use it to confirm webhooks.
//
// An unknown token is a *Error with StatusCode 404 that matches
// ErrNotFound, also when Cubo sends its error body with a 2xx. Any other
// 2xx without a status is a *MalformedResponseError (ErrMalformedResponse),
// never an empty Transaction. Lookups are retried on connection errors,
// 429 and 5xx.
//
// An empty token, "." or ".." is refused with ErrInvalidParams before any
// I/O: the last two would make the path name another resource, and the
// token often comes from an unsigned webhook. Any other token is
// path-escaped.
func (s *TransactionsService) Get(ctx context.Context, paymentIntentToken string) (*Transaction, error) {
	tc, _, err := s.conn()
	if err != nil {
		return nil, err
	}
	id, err := transport.PathID("cubo", "paymentIntentToken", paymentIntentToken)
	if err != nil {
		return nil, err
	}
	tx := new(Transaction)
	resp, err := tc.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/api/v1/transactions/" + id, Operation: "transactions.get"}, tx)
	if err != nil {
		return nil, err
	}
	if tx.Status == "" {
		if e := errorIn2xx(resp); e != nil {
			return nil, e
		}
		// A lookup moves no money: malformed, not an unknown outcome.
		return nil, resp.Malformed(errors.New("no transaction status in a successful response"))
	}
	return tx, nil
}
