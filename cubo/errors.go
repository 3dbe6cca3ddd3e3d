package cubo

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

// Errors and the one rule for reading them: check errors.Is(err,
// ErrOutcomeUnknown) first. When it holds, the money may have moved, even if
// a *Error is inside (a 502 from a gateway decodes as one): reconcile
// before charging again. Only otherwise read *Error (Declined, SoftDecline,
// Code), ErrInvalidParams (*ParamError) and ErrNotFound.

// Sentinel errors, one value shared by the whole latampay-go family (so
// errors.Is(err, cubo.ErrOutcomeUnknown) and errors.Is(err,
// culqi.ErrOutcomeUnknown) are the same test).
var (
	// ErrOutcomeUnknown: a payment failed after it may have reached Cubo
	// (a timeout, a dropped connection, a 502/503/504, a 2xx that names no
	// outcome). It was not retried; the money may or may not have moved.
	// The error is an *OutcomeUnknownError. Check it before anything else.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: client-side validation refused the params; nothing
	// was sent. The error is a *ParamError naming the field.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: Cubo's answer could not be understood (not
	// JSON, cut off, over the size cap, or without the fields a success
	// needs). The error is a *MalformedResponseError.
	ErrMalformedResponse = transport.ErrMalformedResponse
	// ErrNotFound: Cubo has no such object. errors.Is(err, ErrNotFound)
	// holds for a *Error with StatusCode 404 (an unknown payment intent
	// token), also when Cubo sends its 404 envelope with a 2xx.
	ErrNotFound = transport.ErrNotFound
)

// ParamError is the error of client-side validation; it matches
// ErrInvalidParams and nothing was sent. Its fields:
//
//	Field  string // the refused field as Go spells it: "Amount", "Card.Number", "paymentIntentToken"
//	Reason string // what is wrong with it, never its value
//
// Its message reads "cubo: invalid params: Amount: must be a positive
// number of cents".
type ParamError = transport.ParamError

// OutcomeUnknownError is the error of a payment (or link creation) that
// failed after it may have reached Cubo; it matches ErrOutcomeUnknown. Its
// fields:
//
//	Key       string    // the reconciliation key; always empty on Cubo (see TransactionsService.Create)
//	Operation string    // the call: "transactions.create", "transactions.create_subscription", "links.create", "links.create_subscription"
//	SentAt    time.Time // when the SDK began sending: the lower bound of a search in Cubo Admin
//	Err       error     // the failure as seen: a *Error, a *RequestError, a *MalformedResponseError, a context error
//
// Err stays reachable with errors.As and errors.Is.
type OutcomeUnknownError = transport.OutcomeUnknownError

// StatusError is an answer no payment API gives: a redirect, which the SDK
// never follows (following one could send a charge, or a card, twice or
// elsewhere), or an informational status as the final answer. On a call
// that moves money it comes inside an OutcomeUnknownError. Its fields:
//
//	StatusCode int    // the HTTP status (3xx, or 1xx)
//	Host       string // the host a redirect pointed to ("" when none); never the whole Location
type StatusError = transport.StatusError

// MalformedResponseError describes an answer that could not be decoded; it
// matches ErrMalformedResponse. Its fields:
//
//	StatusCode  int    // the HTTP status
//	ContentType string // the Content-Type header
//	Body        []byte // the start of the body (at most 512 bytes), card numbers masked
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

// invalidParams is a *ParamError whose message starts with "cubo: ".
func invalidParams(field, reason string) error {
	return transport.NewParamError("cubo", field, reason)
}

// Error is an error response from Cubo. Cubo answers errors with a
// NestJS-style body:
//
//	{"statusCode":400,"message":"51 - FONDOS INSUFICIENTES"}
//	{"statusCode":400,"message":["amount must be an integer number"],"error":"Bad Request"}
//
// A decline carries a "NN - TEXT" message: Code is "51" and Message
// "FONDOS INSUFICIENTES", exactly as Cubo sent them (codes may be letters,
// such as "SM" or "SH"; texts are Cubo's own, not ISO-8583's). A validation
// failure may carry a list of messages instead. When the body is not such an
// envelope (an HTML page from a proxy, an empty body), only StatusCode and
// Body are set.
//
// Use errors.As to get it (after checking ErrOutcomeUnknown: see the rule
// at the top of this file). Declined and SoftDecline classify declines
// without changing Cubo's text; errors.Is(err, ErrNotFound) holds for a
// 404.
type Error struct {
	// StatusCode is the HTTP status, or the body's statusCode when Cubo
	// sends its error body with a 2xx (see TransactionsService.Get).
	StatusCode int
	// Body is the raw response body, capped at 64 KiB, with anything that
	// looks like a card number masked.
	Body []byte
	// Code is the NN of a "NN - TEXT" message ("51", "SM"); empty when the
	// message has no such code (a validation error, "MF: custom_rule…").
	Code string
	// Message is the text after " - " of a coded message, or the whole
	// message otherwise; for a list of messages, the list joined with ", ".
	// Cubo's text is kept as sent, except that anything that looks like a
	// card number is masked (here, in Messages, ErrorName and Body).
	Message string
	// Messages holds the messages when Cubo sent a list.
	Messages []string
	// ErrorName is the envelope's "error" field when present, e.g.
	// "Bad Request" (card numbers masked).
	ErrorName string
}

// Error returns "cubo: HTTP 400: 51 - FONDOS INSUFICIENTES". Card numbers
// Cubo might echo are masked.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("cubo: HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	switch {
	case e.Code != "":
		b.WriteString(": ")
		b.WriteString(e.Code)
		b.WriteString(" - ")
		b.WriteString(e.Message)
	case e.Message != "":
		b.WriteString(": ")
		b.WriteString(e.Message)
	case e.ErrorName != "":
		b.WriteString(": ")
		b.WriteString(e.ErrorName)
	}
	return transport.Mask(b.String())
}

// Declined reports whether the error is a card decline: the issuer or
// Cubo's fraud rules refused the payment, a definite outcome (no money
// moved). A "NN - TEXT" message is a decline, whatever its code (05, 14,
// 15, 34, 41, 43, 51, 59, 63, SM, SH and codes Cubo has not documented),
// and so is a message containing "MF: custom_rule" (a block by Cubo's
// fraud rules). Validation errors, a refused API key and server errors are
// not. It reads Code, Message and Messages and changes none of them; it is
// false on a nil *Error.
func (e *Error) Declined() bool {
	if e == nil {
		return false
	}
	if e.Code != "" || strings.Contains(e.Message, fraudRule) {
		return true
	}
	for _, m := range e.Messages {
		if strings.Contains(m, fraudRule) {
			return true
		}
	}
	return false
}

// SoftDecline reports whether the error is a decline that a later attempt
// may turn into an approval: codes 15 (EMISOR NO DISPONIBLE, issuer
// unavailable) and 51 (FONDOS INSUFICIENTES, insufficient funds). Every
// other decline is hard: do not try the card again, ask for another one.
// Cubo publishes no code list, so an undocumented code counts as hard.
// Retrying still needs the customer's consent, and repeated attempts look
// like card testing to Cubo's fraud engine.
func (e *Error) SoftDecline() bool {
	return e != nil && e.Code != "" && softCodes[e.Code]
}

// Is makes errors.Is(err, ErrNotFound) hold for a 404 (an unknown payment
// intent token), also when Cubo sent its 404 envelope with a 2xx.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && e.StatusCode == http.StatusNotFound
}

// softCodes are the decline codes seen from Cubo whose meaning is
// temporary. Cubo does not publish its code list; any other code is treated
// as hard, the conservative reading.
var softCodes = map[string]bool{
	"15": true, // EMISOR NO DISPONIBLE (issuer unavailable)
	"51": true, // FONDOS INSUFICIENTES (insufficient funds)
}

// fraudRule is the marker of a block by Cubo's fraud rules (MaxMind
// minFraud custom rules).
const fraudRule = "MF: custom_rule"

// DeclineClass classifies an error as a soft decline, a hard decline, or no
// decline at all.
//
// Deprecated: use Error.Declined and Error.SoftDecline, the decline API of
// every latampay-go package.
type DeclineClass int

const (
	// NotDeclined: not a card decline.
	//
	// Deprecated: use !Error.Declined().
	NotDeclined DeclineClass = iota
	// SoftDecline: a decline a later attempt may turn into an approval.
	//
	// Deprecated: use Error.SoftDecline.
	SoftDecline
	// HardDecline: a decline; do not try this card again.
	//
	// Deprecated: use Error.Declined() && !Error.SoftDecline().
	HardDecline
)

// String returns "not declined", "soft decline" or "hard decline".
//
// Deprecated: DeclineClass is deprecated.
func (d DeclineClass) String() string {
	switch d {
	case SoftDecline:
		return "soft decline"
	case HardDecline:
		return "hard decline"
	}
	return "not declined"
}

// Decline classifies the error as NotDeclined, SoftDecline or HardDecline.
//
// Deprecated: use Declined and SoftDecline.
func (e *Error) Decline() DeclineClass {
	switch {
	case !e.Declined():
		return NotDeclined
	case e.SoftDecline():
		return SoftDecline
	}
	return HardDecline
}

// Declined reports whether err holds a Cubo *Error that is a card decline.
//
// Deprecated: use errors.As to get the *Error, then its Declined method.
func Declined(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Declined()
}

// IsSoftDecline reports whether err holds a Cubo *Error that is a soft
// decline.
//
// Deprecated: use errors.As to get the *Error, then its SoftDecline method.
func IsSoftDecline(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.SoftDecline()
}

// IsHardDecline reports whether err holds a Cubo *Error that is a hard
// decline.
//
// Deprecated: use errors.As to get the *Error, then Declined() &&
// !SoftDecline().
func IsHardDecline(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Declined() && !e.SoftDecline()
}

// errorEnvelope is Cubo's error body; message is a string or a list.
type errorEnvelope struct {
	StatusCode json.RawMessage `json:"statusCode"`
	Message    json.RawMessage `json:"message"`
	Error      json.RawMessage `json:"error"`
}

// splitCoded splits "NN - TEXT" (NN: two ASCII digits or capital letters) into its
// code and text; ok is false for any other shape.
func splitCoded(msg string) (code, text string, ok bool) {
	if len(msg) < 6 || msg[2:5] != " - " || !isAlnum(msg[0]) || !isAlnum(msg[1]) {
		return "", "", false
	}
	return msg[:2], msg[5:], true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
}

// parseError builds an *Error from any response; it never fails.
func parseError(resp *transport.Response) *Error {
	e := &Error{StatusCode: resp.StatusCode, Body: resp.SafeBody()}
	var env errorEnvelope
	if json.Unmarshal(resp.Body, &env) != nil {
		return e
	}
	if json.Unmarshal(env.Error, &e.ErrorName) == nil {
		e.ErrorName = transport.Mask(e.ErrorName)
	}
	var one string
	var list []string
	switch {
	case json.Unmarshal(env.Message, &one) == nil:
		one = transport.Mask(one)
		if code, text, ok := splitCoded(one); ok {
			e.Code, e.Message = code, text
		} else {
			e.Message = one
		}
	case json.Unmarshal(env.Message, &list) == nil && list != nil:
		for i := range list {
			list[i] = transport.Mask(list[i])
		}
		e.Messages = list
		e.Message = strings.Join(list, ", ")
	}
	return e
}

// errorIn2xx reads Cubo's error envelope sent with a 2xx status, as a
// lookup may answer {"statusCode":404,"message":"Transaction not found"}
// with a 200. It returns nil unless the body has an error statusCode (4xx
// or 5xx) and a message. StatusCode is then the envelope's, so the error
// reads like the one the same body gives with its proper status.
func errorIn2xx(resp *transport.Response) *Error {
	var env errorEnvelope
	if json.Unmarshal(resp.Body, &env) != nil {
		return nil
	}
	var status int
	if json.Unmarshal(env.StatusCode, &status) != nil || status < 400 || status > 599 {
		return nil
	}
	e := parseError(resp)
	if e.Message == "" {
		return nil
	}
	e.StatusCode = status
	return e
}

// decodeError is the transport hook. An error names a definite outcome for
// any 4xx except 408 (a decline, a validation failure, a refused key: the
// payment did not happen). 408, 502, 503 and 504 never do, whatever the body
// (a gateway may have cut Cubo's answer). Other 5xx do only when the body is
// a coded decline.
func decodeError(resp *transport.Response) (error, bool) {
	e := parseError(resp)
	switch {
	case resp.StatusCode == http.StatusRequestTimeout:
		return e, false
	case resp.StatusCode < 500:
		return e, true
	case resp.StatusCode == http.StatusBadGateway, resp.StatusCode == http.StatusServiceUnavailable,
		resp.StatusCode == http.StatusGatewayTimeout:
		return e, false
	}
	return e, e.Declined()
}
