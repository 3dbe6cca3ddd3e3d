package digitalfemsa

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

// ParamError is the error of client-side validation (ErrInvalidParams):
// nothing was sent. Fields: Field names the refused field as the Go side
// spells it ("Amount", "LineItems[2].Quantity", "id"); Reason says what is
// wrong with it. Its message reads "digitalfemsa: invalid params: <Field>:
// <Reason>". errors.Is(err, ErrInvalidParams) holds; use errors.As to read
// the fields.
type ParamError = transport.ParamError

// OutcomeUnknownError is the error of a money-moving call that failed after
// it may have reached DigitalFemsa (ErrOutcomeUnknown): the money may or
// may not have moved, and the call was not repeated. Fields: Key is the
// call's reconciliation key (OrderParams.ReconcileKey or
// PayoutOrderParams.ReconcileKey, or the one the SDK generated; empty for a
// call that has none, such as a refund); Operation names the call
// ("orders.create", "payout_orders.create"); SentAt is when the SDK began
// sending it, the lower bound to pass to Reconcile; Err is the failure as
// it was seen (a *Error, a timeout, a malformed answer), reachable with
// errors.As and errors.Is.
//
// Check errors.Is(err, ErrOutcomeUnknown) first: when it holds the money
// may have moved, even if a *Error is inside (a 500 api_error, an error
// object sent with a 200).
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

// ErrNotFound matches DigitalFemsa's not-found answers (a 404,
// resource_not_found_error) and a Reconcile that finds no object carrying
// the key. It is one sentinel shared by the latampay-go family.
var ErrNotFound = transport.ErrNotFound

// invalidParams is the package's *ParamError, its message prefixed
// "digitalfemsa: ".
func invalidParams(field, reason string) error {
	return transport.NewParamError("digitalfemsa", field, reason)
}

// invalidParamsf is invalidParams with a formatted reason.
func invalidParamsf(field, format string, args ...any) error {
	return invalidParams(field, fmt.Sprintf(format, args...))
}

// pathID validates an id that goes into a URL path and escapes it: "", "."
// and ".." are refused before any I/O.
func pathID(field, id string) (string, error) {
	return transport.PathID("digitalfemsa", field, id)
}

// pathIDs is pathID over the field/id pairs of a nested resource's path
// (an order and one of its lines), the first refusal winning.
func pathIDs(pairs ...string) ([]string, error) {
	out := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		e, err := pathID(pairs[i], pairs[i+1])
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// Error types DigitalFemsa sends in Error.Type. Match on these, never on the
// prefix of a detail code: codes start with "femsa." or "conekta." and are
// best treated as opaque.
const (
	ErrorTypeMalformedRequest     = "malformed_request_error"     // 400
	ErrorTypeAuthentication       = "authentication_error"        // 401
	ErrorTypeProcessing           = "processing_error"            // 402, and 403 (sic)
	ErrorTypeResourceNotFound     = "resource_not_found_error"    // 404
	ErrorTypeConflict             = "conflict_error"              // 409 (the docs also spell it "conlict_error")
	ErrorTypeParameterValidation  = "parameter_validation_error"  // 422
	ErrorTypePreconditionRequired = "precondition_required_error" // 428
	ErrorTypeAPI                  = "api_error"                   // 500
)

// Error is an error response from DigitalFemsa. Use errors.As to get it.
// errors.Is(err, ErrNotFound) holds for a 404 or a resource_not_found_error.
// When the call moved money and the answer does not say what happened (a
// 5xx, an api_error), the *Error is inside an *OutcomeUnknownError: check
// ErrOutcomeUnknown first.
// StatusCode is usually 4xx or 5xx, but may be 2xx: DigitalFemsa's error
// object is an error whatever the status. When the body is not the
// documented error object (an HTML page from a proxy, an empty body) only
// StatusCode and Body are set.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Body is the raw response body (capped at 64 KiB, card numbers masked).
	Body []byte
	// Type is the error class, one of the ErrorType constants or another
	// value the API adds later.
	Type string
	// LogID names the request log (GET /logs/{id}); may be empty.
	LogID string
	// Details has one entry per problem.
	Details []ErrorDetail
	// Data is the object the request modified, when the API sends one
	// (a processing_error can still create a charge). Card numbers in it
	// are masked; a number that held one becomes its masked string.
	Data json.RawMessage
}

// ErrorDetail is one problem of an Error.
type ErrorDetail struct {
	// Code is a dotted code such as
	// "femsa.errors.parameter_validation.whitelist". Treat it as opaque.
	Code string `json:"code"`
	// Param is the offending parameter path ("payment_method.name"); ""
	// when the API sends null or nothing (a problem of no one parameter).
	// It stays a string, a type fixed by this release's API; Error.Body
	// holds the answer as sent, where null and "" differ.
	Param string `json:"param"`
	// Message is human text in the Accept-Language (WithLanguage).
	Message string `json:"message"`
	// DebugMessage is developer text, always English.
	DebugMessage string `json:"debug_message"`
}

// Error implements error. It never contains a credential, and card numbers
// the API echoes back are masked.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "digitalfemsa: HTTP %d", e.StatusCode)
	if e.Type != "" {
		b.WriteString(" " + transport.Mask(e.Type))
	}
	for i, d := range e.Details {
		if i == 0 {
			b.WriteString(":")
		} else {
			b.WriteString(";")
		}
		msg := d.DebugMessage
		if msg == "" {
			msg = d.Message
		}
		if msg != "" {
			b.WriteString(" " + transport.Mask(msg))
		}
		var extra []string
		if d.Code != "" {
			extra = append(extra, "code "+transport.Mask(d.Code))
		}
		if d.Param != "" {
			extra = append(extra, "param "+transport.Mask(d.Param))
		}
		if len(extra) > 0 {
			b.WriteString(" (" + strings.Join(extra, ", ") + ")")
		}
	}
	if e.LogID != "" {
		b.WriteString(" [log_id " + transport.Mask(e.LogID) + "]")
	}
	// Pieces masked one by one can still join into a card number ("HTTP
	// 422 " followed by a numeric type), so the whole text is masked too.
	return transport.Mask(b.String())
}

// Is makes errors.Is(err, ErrNotFound) hold for DigitalFemsa's not-found
// answer: HTTP 404 or the resource_not_found_error type.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && (e.StatusCode == http.StatusNotFound || e.Type == ErrorTypeResourceNotFound)
}

// Declined reports whether DigitalFemsa refused the payment: a
// processing_error (HTTP 402, or the error object on a 2xx). A 403 also
// carries processing_error (an IP not on the account's whitelist) and is
// no decline.
func (e *Error) Declined() bool {
	return e.Type == ErrorTypeProcessing && e.StatusCode != http.StatusForbidden
}

// SoftDecline reports whether the payment was declined and a later attempt
// may succeed: a detail code that names insufficient funds, an issuer or
// service that is unavailable, or a "try again". Codes are matched by
// their last segment, so both the "femsa." and "conekta." prefixes work.
func (e *Error) SoftDecline() bool {
	if !e.Declined() {
		return false
	}
	for _, d := range e.Details {
		if softDeclineCode(d.Code) {
			return true
		}
	}
	return false
}

// softDeclineCode reports whether a detail code names a transient decline.
func softDeclineCode(code string) bool {
	last := code[strings.LastIndexByte(code, '.')+1:]
	switch last {
	case "insufficient_funds", "try_again", "try_again_later", "issuer_unavailable", "unavailable", "processor_unavailable", "timeout":
		return true
	}
	return false
}

// HasCode reports whether any detail carries code.
func (e *Error) HasCode(code string) bool {
	for _, d := range e.Details {
		if d.Code == code {
			return true
		}
	}
	return false
}

type errorWire struct {
	Object  string          `json:"object"`
	Type    string          `json:"type"`
	LogID   string          `json:"log_id"`
	Details []ErrorDetail   `json:"details"`
	Data    json.RawMessage `json:"data"`
}

// decodeError is the transport hook (CheckSuccess is set, so it sees 2xx
// responses too). Every non-2xx becomes *Error, and so does a 2xx whose body
// is DigitalFemsa's error object: a 200 saying "error" is no success.
//
// Whether the error names a definite outcome: only DigitalFemsa's own error
// object can say what happened, so a proxy's page or an empty body never
// does; a 5xx never does (api_error is an internal failure that may have
// come after the work was done), nor a 408 (the request was cut off in
// flight); on a 2xx the error type decides.
func decodeError(resp *transport.Response) (error, bool) {
	success := resp.StatusCode >= 200 && resp.StatusCode < 300
	if success && !mayHoldErrorObject(resp.Body) {
		return nil, true
	}
	var w errorWire
	decoded := json.Unmarshal(resp.Body, &w) == nil
	if success {
		if decoded && w.Object == "error" {
			return newError(resp, &w), definiteType(w.Type)
		}
		if !decoded && isErrorObject(resp.Body) {
			// An error object with a field of an unexpected shape: still
			// no success, and nothing in it can be trusted to say more.
			return &Error{StatusCode: resp.StatusCode, Body: resp.SafeBody()}, false
		}
		return nil, true
	}
	if !decoded || (w.Type == "" && w.Object != "error" && len(w.Details) == 0) {
		return &Error{StatusCode: resp.StatusCode, Body: resp.SafeBody()}, false
	}
	definite := resp.StatusCode < http.StatusInternalServerError && resp.StatusCode != http.StatusRequestTimeout
	return newError(resp, &w), definite
}

// mayHoldErrorObject is a cheap filter that spares a resource a second full
// parse: "object":"error" needs the bytes error, or a \u escape spelling
// them.
func mayHoldErrorObject(body []byte) bool {
	return bytes.Contains(body, []byte("error")) || bytes.Contains(body, []byte(`\u`))
}

// isErrorObject reports whether body is a JSON object whose "object" is
// "error", whatever its other fields hold.
func isErrorObject(body []byte) bool {
	var probe struct {
		Object string `json:"object"`
	}
	return json.Unmarshal(body, &probe) == nil && probe.Object == "error"
}

// definiteType reports whether an error type sent with a 2xx names a
// definite outcome: the client-side classes do; api_error and a type the
// SDK does not know do not, since the work may have been done anyway.
func definiteType(typ string) bool {
	switch typ {
	case ErrorTypeMalformedRequest, ErrorTypeAuthentication, ErrorTypeProcessing, ErrorTypeResourceNotFound,
		ErrorTypeConflict, "conlict_error", ErrorTypeParameterValidation, ErrorTypePreconditionRequired:
		return true
	}
	return false
}

// newError builds the *Error of a decoded error object.
func newError(resp *transport.Response, w *errorWire) *Error {
	// Any string may echo a card number back; keep none. Masking leaves the
	// documented types and codes unchanged.
	e := &Error{StatusCode: resp.StatusCode, Body: resp.SafeBody(), Type: transport.Mask(w.Type), LogID: transport.Mask(w.LogID), Details: w.Details}
	for i := range e.Details {
		d := &e.Details[i]
		d.Code, d.Param = transport.Mask(d.Code), transport.Mask(d.Param)
		d.Message, d.DebugMessage = transport.Mask(d.Message), transport.Mask(d.DebugMessage)
	}
	if len(w.Data) > 0 && string(w.Data) != "null" {
		e.Data = maskJSON(w.Data)
	}
	return e
}

// maskJSON returns raw with every card number in its decoded strings, keys
// and numbers masked. Text without a card number or a \u escape is returned
// byte for byte; otherwise it is decoded, masked and encoded again (a number
// that holds a card number becomes its masked string). Invalid JSON gives
// nil.
func maskJSON(raw []byte) json.RawMessage {
	masked := card.MaskPANBytes(raw)
	if bytes.Equal(masked, raw) && !bytes.Contains(raw, []byte(`\u`)) {
		if !json.Valid(raw) {
			return nil
		}
		return bytes.Clone(raw)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil || dec.More() {
		return nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(maskValue(v)) != nil {
		return nil
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

func maskValue(v any) any {
	switch x := v.(type) {
	case string:
		return transport.Mask(x)
	case json.Number:
		if m := transport.Mask(string(x)); m != string(x) {
			return m
		}
		return x
	case []any:
		for i := range x {
			x[i] = maskValue(x[i])
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[transport.Mask(k)] = maskValue(val)
		}
		return out
	}
	return v
}
