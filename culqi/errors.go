package culqi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

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
// truncated) leaves only StatusCode, Body and RequestID set.
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

// Declined reports whether the error is a card decline.
func (e *Error) Declined() bool { return e.Type == ErrorTypeCard }

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

// decodeError is the transport's DecodeError hook. It never panics and
// returns an *Error for every non-2xx response; definite is true only for a
// Culqi error object that names an outcome (anything but api_error).
func decodeError(resp *transport.Response) (error, bool) {
	e := &Error{StatusCode: resp.StatusCode, RequestID: resp.RequestID, Body: resp.SafeBody()}
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
