package nominapp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/validate"
	"github.com/latampay/latampay-go/internal/wire"
)

// PaymentType is a subscription period.
type PaymentType string

// The two subscription periods, the only valid values.
const (
	// Monthly is a monthly subscription ("month").
	Monthly PaymentType = "month"
	// Yearly is a yearly subscription ("year").
	Yearly PaymentType = "year"
)

// PaymentStatus is a payment's state as Nominapp reports it. It is an open
// type: a value without a constant here decodes as is.
type PaymentStatus string

// Payment statuses. Only StatusApproved means paid; StatusPending means the
// outcome comes later (read the company's subscription state then).
const (
	// StatusApproved: the payment was approved; the only paid status.
	StatusApproved PaymentStatus = "APPROVED"
	// StatusPending: the outcome comes later (automatic debits answer it).
	StatusPending PaymentStatus = "PENDING"
	// StatusDeclined: the card was declined; no money moved.
	StatusDeclined PaymentStatus = "DECLINED"
)

// Payment is the result of a card payment. Fields a case's response does
// not carry are zero. Nothing on it is the merchant's own: OrderID and
// TransactionID are the gateway's, PlanID and PaidWorkers the
// subscription's, so no reconciliation key can ride on a payment.
type Payment struct {
	// OrderID is the gateway order id, a numeric string ("846696993").
	OrderID string
	// TransactionID is the gateway transaction id (a UUID).
	TransactionID string
	// PlanID is the company's plan after the payment (extra workers and
	// subscription changes).
	PlanID string
	// Status is the payment's state; check it: a 2xx answer may carry a
	// declined payment.
	Status PaymentStatus
	// PaidWorkers is the number of people paid for, extra people included.
	PaidWorkers int
	// Value is the amount charged in whole Colombian pesos (COP), as the
	// server computed it, not cents.
	Value int64
}

// Declined reports whether the payment came back declined (Status
// StatusDeclined): a definite outcome, no money moved. A decline answered
// as an error list is a *Error instead (Error.Declined).
func (p *Payment) Declined() bool { return p != nil && p.Status == StatusDeclined }

// SoftDecline reports whether a declined payment may be approved on a later
// attempt. Nominapp gives no reason with a decline, so the SDK cannot tell
// and SoftDecline is always false: treat the decline as hard.
func (p *Payment) SoftDecline() bool { return false }

// SubscriptionPayment pays a recurring monthly or yearly subscription with a
// new card.
type SubscriptionPayment struct {
	// Card is charged; its HolderName is sent as payer_name and is required.
	Card Card
	// PlanID is the plan's UUID.
	PlanID string
	// PaidWorkers is the number of people to pay for; positive.
	PaidWorkers int
	// PaymentType is Monthly or Yearly.
	PaymentType PaymentType
}

// ExtraWorkersPayment is a one-off payment for extra people in a yearly
// plan. Nominapp takes the rest from the company's current subscription;
// payment_type is sent as "year".
type ExtraWorkersPayment struct {
	// Card is charged; HolderName is required.
	Card Card
	// PlanID is the company's current plan (a UUID).
	PlanID string
	// ExtraWorkers is the number of people to add; positive.
	ExtraWorkers int
}

// SubscriptionChange is a one-off payment for a change of plan or period
// (an upgrade).
type SubscriptionChange struct {
	// Card is charged; HolderName is required.
	Card Card
	// PaymentType is the company's current period, Monthly or Yearly.
	PaymentType PaymentType
	// ExtraWorkers is the number of people to add; zero for none (it is
	// sent as 0, as Nominapp asks).
	ExtraWorkers int
	// NewPlanID is the UUID of the plan to change to.
	NewPlanID string
	// NewPaymentType is the period to change to; send the current one to
	// keep it.
	NewPaymentType PaymentType
}

// StoredCardPayment pays a subscription with the card Nominapp stored from
// an earlier payment (action "reuse"); no card data is sent.
type StoredCardPayment struct {
	// PlanID is the plan's UUID.
	PlanID string
	// PaidWorkers is the number of people to pay for; positive.
	PaidWorkers int
	// PaymentType is Monthly or Yearly.
	PaymentType PaymentType
}

// CardUpdate replaces the stored card (action "update").
type CardUpdate struct {
	// Card becomes the stored card; HolderName is required.
	Card Card
	// PaymentType is the company's period, Monthly or Yearly.
	PaymentType PaymentType
}

// PaymentsService pays subscriptions on /v1/payments/credit_card:
// Client.Payments. Payments are never retried once they may have reached
// Nominapp (a timeout, a lost connection, a 5xx): the error then matches
// ErrOutcomeUnknown. A 401 for an expired session is the exception: the
// client logs in again and re-sends once. Its methods on a nil service, or
// on a Client not made by NewClient, return an error.
//
// Reconciling: Nominapp keeps nothing the merchant sets on a payment (the
// body carries only the card, the plan and head counts; the answer only
// the gateway's ids and the plan) and has no API to read a payment back,
// so the params have no ReconcileKey and there is no Reconcile. After
// ErrOutcomeUnknown, check the company's subscription in Nominapp's
// dashboard (or ask its support) around OutcomeUnknownError.SentAt before
// paying again.
type PaymentsService struct {
	client *Client
}

// PaymentService is the old name of PaymentsService.
//
// Deprecated: use PaymentsService.
type PaymentService = PaymentsService

// conn returns the transport, or an error for a nil or zero client.
func (s *PaymentsService) conn() (*transport.Client, error) {
	if s == nil {
		return nil, errNoClient
	}
	return s.client.conn()
}

const creditCardPath = "/v1/payments/credit_card"

// paymentRequest is the wire body, {"payment_info": {...}}.
type paymentRequest struct {
	PaymentInfo paymentInfo `json:"payment_info"`
}

// paymentInfo holds every key of every case; each method sets only its
// case's keys (the rest are omitted). It holds card digits: never print it.
type paymentInfo struct {
	Action             string             `json:"action,omitempty"`
	CardNumber         string             `json:"card_number,omitempty"`
	ExpirationDate     string             `json:"expiration_date,omitempty"`
	SecurityCode       string             `json:"security_code,omitempty"`
	PayerName          string             `json:"payer_name,omitempty"`
	PlanID             string             `json:"plan_id,omitempty"`
	PaidWorkers        int                `json:"paid_workers,omitempty"`
	PaymentType        PaymentType        `json:"payment_type,omitempty"`
	ExtraWorkersNumber *int               `json:"extra_workers_number,omitempty"`
	SubscriptionToPay  *subscriptionToPay `json:"subscription_to_pay,omitempty"`
}

type subscriptionToPay struct {
	PlanID           string      `json:"plan_id"`
	SubscriptionType PaymentType `json:"subscription_type"`
}

func (p *paymentInfo) setCard(c Card) {
	p.CardNumber = c.Digits()
	p.ExpirationDate = c.ExpiryMMYY()
	p.SecurityCode = c.CVV
	p.PayerName = strings.TrimSpace(c.HolderName)
}

// paymentWire is a payment as the wire has it, decoded leniently.
type paymentWire struct {
	OrderID       wire.StringOrNumber `json:"order_id"`
	TransactionID wire.StringOrNumber `json:"transaction_id"`
	PlanID        wire.StringOrNumber `json:"plan_id"`
	PaymentStatus PaymentStatus       `json:"payment_status"`
	PaidWorkers   wire.Int            `json:"paid_workers"`
	Value         wire.Int            `json:"value"`
}

// paymentEnvelope accepts the payment bare or inside {"data": …}. It also
// keeps the error members, so that the one decode of a 2xx answer tells a
// payment from an error sent with a 2xx (isObject).
type paymentEnvelope struct {
	paymentWire
	Data   *paymentWire    `json:"data"`
	Error  json.RawMessage `json:"error"`
	Errors json.RawMessage `json:"errors"`
}

// isObject is transport.Config.IsObject: a decoded 2xx answer that names a
// payment and carries no error member is the payment, and the error
// decoder does not read it again. Anything else (another call's answer,
// an error with a 2xx) goes to decodeError as before.
func isObject(out any) bool {
	e, ok := out.(*paymentEnvelope)
	if !ok {
		return false
	}
	w := &e.paymentWire
	if e.Data != nil {
		w = e.Data
	}
	return (w.OrderID != "" || w.TransactionID != "") && !nonEmptyJSON(e.Error) && !nonEmptyJSON(e.Errors)
}

func (e *paymentEnvelope) payment() *Payment {
	w := &e.paymentWire
	if e.Data != nil {
		w = e.Data
	}
	return &Payment{
		OrderID:       string(w.OrderID),
		TransactionID: string(w.TransactionID),
		PlanID:        string(w.PlanID),
		Status:        w.PaymentStatus,
		PaidWorkers:   int(w.PaidWorkers),
		Value:         int64(w.Value),
	}
}

// Validate runs the checks PaySubscription runs before any I/O: a valid,
// unexpired Card with a HolderName, a UUID PlanID, a positive PaidWorkers
// and a PaymentType of Monthly or Yearly. The error is a *ParamError
// naming the field.
func (p *SubscriptionPayment) Validate() error {
	if p == nil {
		return invalidParams("SubscriptionPayment", "is required")
	}
	return firstError(
		validCard(p.Card),
		validPlanID("PlanID", p.PlanID),
		positive("PaidWorkers", p.PaidWorkers),
		validPaymentType("PaymentType", p.PaymentType),
	)
}

// Validate runs the checks PayExtraWorkers runs before any I/O: a valid,
// unexpired Card with a HolderName, a UUID PlanID and a positive
// ExtraWorkers.
func (p *ExtraWorkersPayment) Validate() error {
	if p == nil {
		return invalidParams("ExtraWorkersPayment", "is required")
	}
	return firstError(
		validCard(p.Card),
		validPlanID("PlanID", p.PlanID),
		positive("ExtraWorkers", p.ExtraWorkers),
	)
}

// Validate runs the checks ChangeSubscription runs before any I/O: a
// valid, unexpired Card with a HolderName, PaymentType and NewPaymentType
// of Monthly or Yearly, ExtraWorkers not negative and a UUID NewPlanID.
func (p *SubscriptionChange) Validate() error {
	if p == nil {
		return invalidParams("SubscriptionChange", "is required")
	}
	var extraErr error
	if p.ExtraWorkers < 0 {
		extraErr = invalidParams("ExtraWorkers", "must not be negative")
	}
	return firstError(
		validCard(p.Card),
		validPaymentType("PaymentType", p.PaymentType),
		extraErr,
		validPlanID("NewPlanID", p.NewPlanID),
		validPaymentType("NewPaymentType", p.NewPaymentType),
	)
}

// Validate runs the checks PayWithStoredCard runs before any I/O: a UUID
// PlanID, a positive PaidWorkers and a PaymentType of Monthly or Yearly.
func (p *StoredCardPayment) Validate() error {
	if p == nil {
		return invalidParams("StoredCardPayment", "is required")
	}
	return firstError(
		validPlanID("PlanID", p.PlanID),
		positive("PaidWorkers", p.PaidWorkers),
		validPaymentType("PaymentType", p.PaymentType),
	)
}

// Validate runs the checks UpdateCard runs before any I/O: a valid,
// unexpired Card with a HolderName and a PaymentType of Monthly or Yearly.
func (p *CardUpdate) Validate() error {
	if p == nil {
		return invalidParams("CardUpdate", "is required")
	}
	return firstError(
		validCard(p.Card),
		validPaymentType("PaymentType", p.PaymentType),
	)
}

// PaySubscription pays a monthly or yearly subscription with a new card:
// POST /v1/payments/credit_card with payment_info {card_number,
// expiration_date, security_code, payer_name, plan_id, paid_workers,
// payment_type}. Nominapp stores the card for PayWithStoredCard.
//
// Nominapp API docs: https://docs.aleluya.com/reference/createcreditcardpayment
//
// Check Payment.Status (or Payment.Declined): a 2xx may carry a declined
// or pending payment. The request is never repeated once it may have
// reached Nominapp: an *OutcomeUnknownError (Operation
// "payments.pay_subscription") then says when it was sent. Nothing the
// merchant sets survives on the payment, so there is no ReconcileKey (see
// PaymentsService).
func (s *PaymentsService) PaySubscription(ctx context.Context, p *SubscriptionPayment) (*Payment, error) {
	tc, err := s.conn()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	info := paymentInfo{PlanID: p.PlanID, PaidWorkers: p.PaidWorkers, PaymentType: p.PaymentType}
	info.setCard(p.Card)
	return pay(ctx, tc, "payments.pay_subscription", &info)
}

// PayExtraWorkers pays once for extra people in a yearly plan: POST
// /v1/payments/credit_card with payment_info {card fields, plan_id,
// payment_type "year", extra_workers_number}.
//
// Nominapp API docs: https://docs.aleluya.com/reference/createcreditcardpayment
//
// Outcomes and reconciling are as for PaySubscription (Operation
// "payments.pay_extra_workers").
func (s *PaymentsService) PayExtraWorkers(ctx context.Context, p *ExtraWorkersPayment) (*Payment, error) {
	tc, err := s.conn()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	extra := p.ExtraWorkers
	info := paymentInfo{PlanID: p.PlanID, PaymentType: Yearly, ExtraWorkersNumber: &extra}
	info.setCard(p.Card)
	return pay(ctx, tc, "payments.pay_extra_workers", &info)
}

// ChangeSubscription pays once for a change of plan or period: POST
// /v1/payments/credit_card with payment_info {card fields, payment_type,
// extra_workers_number, subscription_to_pay {plan_id, subscription_type}};
// no top-level plan_id is sent.
//
// Nominapp API docs: https://docs.aleluya.com/reference/createcreditcardpayment
//
// Outcomes and reconciling are as for PaySubscription (Operation
// "payments.change_subscription").
func (s *PaymentsService) ChangeSubscription(ctx context.Context, p *SubscriptionChange) (*Payment, error) {
	tc, err := s.conn()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	extra := p.ExtraWorkers
	info := paymentInfo{
		PaymentType:        p.PaymentType,
		ExtraWorkersNumber: &extra,
		SubscriptionToPay:  &subscriptionToPay{PlanID: p.NewPlanID, SubscriptionType: p.NewPaymentType},
	}
	info.setCard(p.Card)
	return pay(ctx, tc, "payments.change_subscription", &info)
}

// PayWithStoredCard pays a subscription with the stored card: POST
// /v1/payments/credit_card with payment_info {action "reuse", plan_id,
// paid_workers, payment_type}; no card data is sent.
//
// Nominapp API docs: https://docs.aleluya.com/reference/createcreditcardpayment
//
// Outcomes and reconciling are as for PaySubscription (Operation
// "payments.pay_with_stored_card").
func (s *PaymentsService) PayWithStoredCard(ctx context.Context, p *StoredCardPayment) (*Payment, error) {
	tc, err := s.conn()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return pay(ctx, tc, "payments.pay_with_stored_card", &paymentInfo{Action: "reuse", PlanID: p.PlanID, PaidWorkers: p.PaidWorkers, PaymentType: p.PaymentType})
}

// UpdateCard replaces the stored card: PUT /v1/payments/credit_card with
// payment_info {action "update", card fields, payment_type}.
//
// Nominapp API docs: https://docs.aleluya.com/reference/createcreditcardpayment
//
// It charges nothing; setting the same card twice is harmless, so like
// every PUT it is retried on connection errors and 5xx. A 2xx whose body
// is not JSON (a proxy's maintenance page, a cut-off answer) does not
// confirm the update: it is an error matching ErrMalformedResponse, and
// the call may be repeated. A 204 No Content confirms it.
func (s *PaymentsService) UpdateCard(ctx context.Context, p *CardUpdate) error {
	tc, err := s.conn()
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	info := paymentInfo{Action: "update", PaymentType: p.PaymentType}
	info.setCard(p.Card)
	// Nominapp confirms with {"message": …}, or with a bare 204 (a PUT's
	// standard "done"). The transport refuses a 2xx that is not JSON (an
	// HTML page sent with 200); an empty 200 is no confirmation either.
	resp, err := tc.Do(ctx, &transport.Request{
		Method:    http.MethodPut,
		Path:      creditCardPath,
		Body:      &paymentRequest{PaymentInfo: info},
		Operation: "payments.update_card",
	}, nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNoContent && len(bytes.TrimSpace(resp.Body)) == 0 {
		return resp.Malformed(errors.New("an empty answer is no confirmation"))
	}
	return nil
}

func pay(ctx context.Context, tc *transport.Client, op string, info *paymentInfo) (*Payment, error) {
	var out paymentEnvelope
	req := &transport.Request{
		Method:     http.MethodPost,
		Path:       creditCardPath,
		Body:       &paymentRequest{PaymentInfo: *info},
		MovesMoney: true,
		Operation:  op,
	}
	resp, err := tc.Do(ctx, req, &out)
	if err != nil {
		return nil, err
	}
	p := out.payment()
	if p.Status == "" && p.OrderID == "" && p.TransactionID == "" {
		// A 2xx that names no payment: it may or may not have been made.
		return nil, resp.MalformedFor(req, errors.New("the response names no payment"))
	}
	return p, nil
}

// Validation, before any I/O.

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// validCard applies the family's card rules (field names "Card.Number",
// "Card.ExpMonth", "Card.ExpYear", "Card.CVV") and requires the holder
// name Nominapp receives as payer_name ("Card.HolderName").
func validCard(c Card) error { return validate.Card("nominapp", c, time.Now(), "payer_name") }

func validPlanID(field, id string) error {
	if id == "" {
		return invalidParams(field, "is required")
	}
	if !isUUID(id) {
		return invalidParams(field, "must be a UUID (8-4-4-4-12 hexadecimal digits)")
	}
	return nil
}

func positive(field string, n int) error {
	if n <= 0 {
		return invalidParams(field, "must be positive")
	}
	return nil
}

func validPaymentType(field string, t PaymentType) error {
	switch t {
	case Monthly, Yearly:
		return nil
	case "":
		return invalidParams(field, `is required ("month" or "year")`)
	}
	return invalidParams(field, `must be "month" or "year"`)
}

// isUUID accepts the canonical textual form, either case.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
