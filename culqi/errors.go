package culqi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

// ParamError is the error of client-side validation, returned before any
// I/O (Validate and every method that sends params). Fields:
//
//	Field  string // the refused field as Go spells it ("Amount", "ClientDetails.Email")
//	Reason string // what is wrong with it
//
// Its message reads "culqi: invalid params: <Field>: <Reason>";
// errors.Is(err, ErrInvalidParams) holds.
type ParamError = transport.ParamError

// OutcomeUnknownError is the error of a request that must not be repeated
// (Charges.Create, Charges.Capture, Refunds.Create, Orders.Create,
// Orders.Confirm, Cards.Create…) and failed after it may have reached Culqi:
// the money may or may not have moved. errors.Is(err, ErrOutcomeUnknown)
// holds. Fields:
//
//	Key       string    // the call's reconciliation key (ReconcileKey, or the one the SDK made); "" for calls without one
//	Operation string    // the call, "charges.create", "refunds.create", "orders.create"…
//	SentAt    time.Time // when the SDK began sending: the lower bound of a search
//	Err       error     // the failure as seen (a *Error, a timeout, a malformed answer…), reachable with errors.As
//
// Pass Key and SentAt to the service's Reconcile.
//
// The rule for an error that is both: check errors.Is(err,
// ErrOutcomeUnknown) first. When it holds the money may have moved, even
// if a *Error is inside (a 502, 503 or 504 from Culqi's gateway, an
// api_error): reconcile, never charge again blindly.
type OutcomeUnknownError = transport.OutcomeUnknownError

// MalformedResponseError describes an answer that could not be decoded; it
// matches ErrMalformedResponse. Its fields:
//
//	StatusCode  int    // the HTTP status
//	ContentType string // the Content-Type header
//	Body        []byte // the start of the body (at most 512 bytes), card numbers and credentials masked
//	Err         error  // the decoder's complaint
type MalformedResponseError = transport.MalformedResponseError

// RequestError is a failure to get an answer at all: the connection could
// not be made, was lost, or the attempt timed out. Its fields:
//
//	Method string // the HTTP method
//	Path   string // the request path, without the query
//	Err    error  // the cause; context and net errors stay visible
//
// Its Timeout method reports whether the attempt ended on a timeout.
type RequestError = transport.RequestError

// StatusError is an answer no payment API gives: a redirect, which the SDK
// never follows (following one could send a charge, or a card, twice or
// elsewhere), or an informational status as the final answer. On a call
// that moves money it comes inside an OutcomeUnknownError. Its fields:
//
//	StatusCode int    // the HTTP status (3xx, or 1xx)
//	Host       string // the host a redirect pointed to ("" when none); never the whole Location
type StatusError = transport.StatusError

// invalidParams is the *ParamError of a refused field, in culqi's words.
func invalidParams(field, reason string) error {
	return transport.NewParamError("culqi", field, reason)
}

// invalidParamsf is invalidParams with a formatted reason.
func invalidParamsf(field, format string, args ...any) error {
	return invalidParams(field, fmt.Sprintf(format, args...))
}

// asCulqi gives a validation error made by shared code the package's
// prefix: the family's card rules answer in their own words.
func asCulqi(err error) error {
	var pe *ParamError
	if errors.As(err, &pe) {
		return invalidParams(pe.Field, pe.Reason)
	}
	return err
}

// Error types Culqi sends in the "type" field of its error object.
const (
	ErrorTypeInvalidRequest = "invalid_request_error" // 400: malformed request
	ErrorTypeAuthentication = "authentication_error"  // 401: bad key (also a bad route or payload)
	ErrorTypeCard           = "card_error"            // 402 on charges, 400 on card creation: a decline
	ErrorTypeResource       = "resource_error"        // 404: not found or not allowed in its state
	ErrorTypeParameter      = "parameter_error"       // 422: an invalid parameter
	ErrorTypeLimitAPI       = "limit_api_error"       // 429: too many requests
	ErrorTypeAPI            = "api_error"             // 500/503: Culqi-side failure, outcome unknown
)

// Decline codes Culqi sends in DeclineCode (of an Error or an Outcome).
const (
	DeclineExpiredCard            = "expired_card"
	DeclineStolenCard             = "stolen_card"
	DeclineLostCard               = "lost_card"
	DeclineInsufficientFunds      = "insufficient_funds"
	DeclineContactIssuer          = "contact_issuer"
	DeclineInvalidCVV             = "invalid_cvv"
	DeclineIncorrectCVV           = "incorrect_cvv"
	DeclineTooManyAttemptsCVV     = "too_many_attempts_cvv"
	DeclineIssuerNotAvailable     = "issuer_not_available"
	DeclineIssuerDeclineOperation = "issuer_decline_operation"
	DeclineInvalidCard            = "invalid_card"
	DeclineProcessingError        = "processing_error"
	DeclineFraudulent             = "fraudulent"
	DeclineCulqiCard              = "culqi_card"
	DeclineSoftBlock              = "soft_block"
)

// Error is an error answer from Culqi. Three body shapes become an Error:
// Culqi's error object (every field below), the API gateway's
// {"message": …} (in MerchantMessage, e.g. a 504 "Endpoint request timed
// out"), and a raw Spring Boot error {timestamp, status, error, message,
// path} (message in MerchantMessage). Any other body (HTML, empty,
// truncated) leaves only StatusCode, Body and RequestID set. These shapes
// are errors under a 2xx status too (StatusCode 200), and so is a delete
// answered with deleted: false (its merchant_message in MerchantMessage,
// or a note saying so when Culqi sent none).
//
// A declined charge (HTTP 402) or card (HTTP 400) has Type "card_error",
// Code "card_declined", a DeclineCode and the ChargeID of the declined
// charge, which exists and can be fetched.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Type is the error class (ErrorTypeCard, …).
	Type string
	// Code is the error code (card_declined, invalid_key, invalid_amount, …).
	Code string
	// DeclineCode is the issuer's reason on a decline (DeclineStolenCard, …).
	DeclineCode string
	// MerchantMessage explains the error to the merchant (Spanish).
	MerchantMessage string
	// UserMessage may be shown to the payer (Spanish).
	UserMessage string
	// Param names the offending parameter.
	Param string
	// ChargeID is the declined charge.
	ChargeID string
	// RequestID is the X-Culqi-Tracking-Id header: give it to Culqi support.
	RequestID string
	// Body is the raw response body, capped at 64 KiB, card numbers masked.
	Body []byte
}

// Error describes the error without secrets: anything in it that looks like
// a card number (in Culqi's messages, codes or the tracking id) is masked.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "culqi: HTTP %d", e.StatusCode)
	if e.Type != "" {
		b.WriteString(" " + e.Type)
	}
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.DeclineCode != "" {
		b.WriteString(" (" + e.DeclineCode + ")")
	}
	if e.Param != "" {
		b.WriteString(" param " + e.Param)
	}
	if e.MerchantMessage != "" {
		b.WriteString(": " + e.MerchantMessage)
	}
	if e.ChargeID != "" {
		b.WriteString(" [charge " + e.ChargeID + "]")
	}
	if e.RequestID != "" {
		b.WriteString(" [tracking id " + e.RequestID + "]")
	}
	// Masked as a whole: a card number could also be split across two
	// provider-sent fields, or sit in a field users print on their own.
	return transport.Mask(b.String())
}

// Declined reports whether the error is a decline: the issuer or Culqi's
// antifraud refused the card (Type card_error). False for a nil *Error.
func (e *Error) Declined() bool { return e != nil && e.Type == ErrorTypeCard }

// SoftDecline reports whether the error is a decline that a later attempt
// may overcome: insufficient funds, the issuer unavailable, a processing
// error, a temporary block. A later attempt is a new charge with a new
// token (a token is single use) and a new ReconcileKey.
func (e *Error) SoftDecline() bool { return e.Declined() && softDecline(e.DeclineCode) }

// softDecline lists the decline codes that say "try again later".
func softDecline(code string) bool {
	switch code {
	case DeclineInsufficientFunds, DeclineIssuerNotAvailable, DeclineProcessingError, DeclineSoftBlock:
		return true
	}
	return false
}

// Is makes errors.Is(err, ErrNotFound) hold for Culqi's 404 answers: the
// object does not exist or is not visible to this key. Culqi also answers
// 404 (resource_error) for an object in a state that does not allow the
// call, such as deleting a paid order; MerchantMessage tells them apart.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && e != nil && e.StatusCode == http.StatusNotFound
}

type wireError struct {
	Object          string `json:"object"`
	Type            string `json:"type"`
	Code            string `json:"code"`
	DeclineCode     string `json:"decline_code"`
	MerchantMessage string `json:"merchant_message"`
	UserMessage     string `json:"user_message"`
	Param           string `json:"param"`
	ChargeID        string `json:"charge_id"`
	// the gateway's and Spring Boot's shapes
	Message json.RawMessage `json:"message"`
	Err     string          `json:"error"`
	Path    string          `json:"path"`
}

// decodeError is the transport's DecodeError hook, which sees every
// response (Config.CheckSuccess). It never panics. It returns an *Error for
// every non-2xx response, and for a 2xx one whose body is an error
// (errorInSuccess); nil for any other 2xx. definite is true only for a
// Culqi error object that names an outcome (anything but api_error).
func decodeError(resp *transport.Response) (error, bool) {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 && !errorInSuccess(resp.Body) {
		return nil, true
	}
	e := &Error{StatusCode: resp.StatusCode, RequestID: transport.Mask(resp.RequestID), Body: resp.SafeBody()}
	var w wireError
	body := bytes.TrimSpace(resp.Body)
	if len(body) > 0 && body[0] == '{' && json.Unmarshal(body, &w) == nil {
		m := transport.Mask
		e.Type, e.Code, e.DeclineCode = m(w.Type), m(w.Code), m(w.DeclineCode)
		e.MerchantMessage, e.UserMessage = m(w.MerchantMessage), m(w.UserMessage)
		e.Param, e.ChargeID = m(w.Param), m(w.ChargeID)
		if e.MerchantMessage == "" && len(w.Message) > 0 {
			var s string
			if json.Unmarshal(w.Message, &s) == nil {
				e.MerchantMessage = m(s)
			} else {
				e.MerchantMessage = m(string(w.Message))
			}
		}
	}
	definite := e.Type != "" && e.Type != ErrorTypeAPI
	return e, definite
}

// present records that a key was in a body, without keeping its value.
type present bool

// UnmarshalJSON implements json.Unmarshaler.
func (p *present) UnmarshalJSON([]byte) error { *p = true; return nil }

// successShape holds what tells an error body from a Culqi object.
type successShape struct {
	Object     string  `json:"object"`
	Type       string  `json:"type"`
	ActionCode string  `json:"action_code"`
	ID         present `json:"id"`
	Data       present `json:"data"`
	Message    present `json:"message"`
	Err        present `json:"error"`
}

// errorInSuccess reports whether a 2xx body is an error, as Culqi's gateway
// and backend sometimes send: Culqi's error object (object "error", or an
// error type such as api_error with no object), or the gateway's
// {"message": …} and Spring Boot's {…, "error", "message"}, which carry no
// object, id, data or action_code. A body that is not a JSON object is left
// to the decode of the answer, which reports it.
func errorInSuccess(body []byte) bool {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' || !mayHoldError(body) {
		return false
	}
	var w successShape
	if json.Unmarshal(body, &w) != nil {
		return false
	}
	if w.Object == "error" {
		return true
	}
	if w.Object != "" || w.ID || w.Data || w.ActionCode != "" {
		return false
	}
	return strings.HasSuffix(w.Type, "_error") || bool(w.Message) || bool(w.Err)
}

// Every error body holds one of these: "error" (an object name or Spring
// Boot's key), _error" (the end of an error type) or "message" (the
// gateway's key; merchant_message and user_message do not match it).
var errorMarkers = [][]byte{[]byte(`"error"`), []byte(`_error"`), []byte(`"message"`)}

// mayHoldError spares a successful answer (every charge created) a second
// decode: a body with none of errorMarkers is not an error.
func mayHoldError(body []byte) bool {
	for _, m := range errorMarkers {
		if bytes.Contains(body, m) {
			return true
		}
	}
	return false
}
