package nominapp

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/wire"
)

// Errors and the one rule for reading them: check errors.Is(err,
// ErrOutcomeUnknown) first. When it holds, the payment may have been made,
// even if a *Error is inside (a 5xx with an error list decodes as one).
// Only otherwise read *Error (Items, Declined), ErrInvalidParams
// (*ParamError) and ErrNotFound.

// Sentinel errors, one value shared by the whole latampay-go family.
var (
	// ErrOutcomeUnknown: a payment failed after it may have reached
	// Nominapp (a timeout, a lost connection, a 5xx, a 2xx that names no
	// payment). It was not retried; the error is an *OutcomeUnknownError.
	// Check it before anything else.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrInvalidParams: validation refused the params; nothing was sent.
	// The error is a *ParamError naming the field.
	ErrInvalidParams = transport.ErrInvalidParams
	// ErrMalformedResponse: a response body that could not be understood;
	// the error is a *MalformedResponseError.
	ErrMalformedResponse = transport.ErrMalformedResponse
	// ErrNotFound: errors.Is(err, ErrNotFound) holds for a *Error with
	// StatusCode 404 (a path or object Nominapp does not know).
	ErrNotFound = transport.ErrNotFound
)

// ParamError is the error of client-side validation; it matches
// ErrInvalidParams and nothing was sent. Its fields:
//
//	Field  string // the refused field as Go spells it: "PlanID", "Card.Number", "PaymentType"
//	Reason string // what is wrong with it, never its value
//
// Its message reads "nominapp: invalid params: PlanID: is required".
type ParamError = transport.ParamError

// OutcomeUnknownError is the error of a payment that failed after it may
// have reached Nominapp; it matches ErrOutcomeUnknown. Its fields:
//
//	Key       string    // the reconciliation key; always empty on Nominapp (see PaymentsService)
//	Operation string    // the call: "payments.pay_subscription", "payments.pay_extra_workers", "payments.change_subscription", "payments.pay_with_stored_card"
//	SentAt    time.Time // when the SDK began sending: the lower bound of a search in Nominapp's dashboard
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
//	Body        []byte // the start of the body (at most 512 bytes), card numbers masked; empty for a login
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

// invalidParams is a *ParamError whose message starts with "nominapp: ".
func invalidParams(field, reason string) error {
	return transport.NewParamError("nominapp", field, reason)
}

// Error is an error response from Nominapp:
//
//	{"error": [{"message": "no puede estar en blanco", "code": "0002", "object": "plan_id", "index": 0}]}
//
// Several items may come at once. A response that is not in that shape (an
// HTML page from a proxy, an empty body) gives an Error with only StatusCode
// and Body. Use errors.As to get it (after checking ErrOutcomeUnknown).
// Declined and SoftDecline classify a card refusal; errors.Is(err,
// ErrNotFound) holds for a 404.
type Error struct {
	// StatusCode is the HTTP status (422 for validation failures).
	StatusCode int
	// Items are the entries of the error list, in order.
	Items []ErrorItem
	// Body is the raw response body, capped at 64 KiB, card numbers masked.
	// It is empty in a login's error: a login answer may hold the token.
	Body []byte
}

// ErrorItem is one entry of Nominapp's error list.
type ErrorItem struct {
	// Code is the error code as sent, leading zeros kept ("0002" blank,
	// "0003" already taken, "0101" invalid email format).
	Code string
	// Message is Nominapp's text, in Spanish, with anything that looks
	// like a card number masked.
	Message string
	// Object names the field or resource the error is about.
	Object string
	// Index is the position of the record in a multi-record operation (0
	// for a single record).
	Index int
}

// Error implements error. Card numbers a message may echo are masked;
// credentials never appear.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("nominapp: HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" ")
		b.WriteString(t)
	}
	for i, it := range e.Items {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		if it.Code != "" {
			b.WriteString(it.Code)
			b.WriteString(" ")
		}
		if it.Object != "" {
			b.WriteString(it.Object)
			b.WriteString(": ")
		}
		b.WriteString(it.Message)
	}
	return transport.Mask(b.String())
}

// Code returns the first item's code, or "" when there is none.
func (e *Error) Code() string {
	if e == nil || len(e.Items) == 0 {
		return ""
	}
	return e.Items[0].Code
}

// Is makes errors.Is(err, ErrNotFound) hold for a 404.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && e.StatusCode == http.StatusNotFound
}

// cardObjects are the objects an error item names when the card itself was
// refused rather than a field of the request.
var cardObjects = map[string]bool{"credit_card": true, "payment": true, "transaction": true}

// validationCodes are Nominapp's documented field-validation codes: an item
// with one of them is a malformed request, never a decline.
var validationCodes = map[string]bool{"0002": true, "0003": true, "0101": true}

// Declined reports whether the error is a card decline: Nominapp (or its
// card gateway) refused the payment, a definite outcome with no money
// moved. Nominapp documents no decline codes, so this is the best reading
// of what it sends: a 4xx other than 401, 403, 404 and 429 whose items name
// the card, the payment or the transaction as their object ("credit_card")
// with a code that is not a field-validation code (0002 blank, 0003 taken,
// 0101 invalid email). A validation error on a field, a refused
// credential and server errors are not declines. It is false on a nil
// *Error. A decline answered with a 2xx comes back as a Payment instead
// (Payment.Declined).
func (e *Error) Declined() bool {
	if e == nil || e.StatusCode < 400 || e.StatusCode >= 500 {
		return false
	}
	switch e.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusTooManyRequests:
		return false
	}
	for _, it := range e.Items {
		if cardObjects[strings.ToLower(it.Object)] && !validationCodes[it.Code] {
			return true
		}
	}
	return false
}

// SoftDecline reports whether a decline may be approved on a later
// attempt. Nominapp gives no reason with a decline (no issuer code), so the
// SDK cannot tell and SoftDecline is always false: treat every decline as
// hard and ask for another card.
func (e *Error) SoftDecline() bool { return false }

// errorItemWire decodes one entry leniently: code may be a string or a
// number, index a number or a numeric string.
type errorItemWire struct {
	Message wire.StringOrNumber `json:"message"`
	Code    wire.StringOrNumber `json:"code"`
	Object  wire.StringOrNumber `json:"object"`
	Index   wire.Int            `json:"index"`
}

// errorBody is the error envelope. "error" is a list in Nominapp's docs; a
// single object, a plain string, an "errors" list, a Rails map of fields to
// messages or a bare "message" are accepted too, since Rails front ends
// answer those for 401, 404 and 422.
type errorBody struct {
	Error   json.RawMessage     `json:"error"`
	Errors  json.RawMessage     `json:"errors"`
	Message wire.StringOrNumber `json:"message"`
}

// parseItems reads the error list of body; ok is false when body is not an
// error envelope.
func parseItems(body []byte) (items []ErrorItem, ok bool) {
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err != nil {
		return nil, false
	}
	raw := eb.Error
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		raw = eb.Errors
	}
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		// no list
	case raw[0] == '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return nil, false
		}
		for _, r := range list {
			if it, ok := parseItem(r); ok {
				items = append(items, it)
			}
		}
		return items, true
	case raw[0] == '{' && !isItem(raw):
		items = parseFieldErrors(raw)
		return items, len(items) > 0
	default:
		if it, ok := parseItem(raw); ok {
			return []ErrorItem{it}, true
		}
		return nil, false
	}
	if eb.Message != "" {
		return []ErrorItem{{Message: transport.Mask(string(eb.Message))}}, true
	}
	return nil, false
}

// itemKeys are the members of one documented error entry.
var itemKeys = []string{"message", "code", "object", "index"}

// isItem says whether the object raw is one error entry rather than a
// Rails-style map of field names to messages.
func isItem(raw json.RawMessage) bool {
	var members map[string]json.RawMessage
	if json.Unmarshal(raw, &members) != nil {
		return false
	}
	for _, k := range itemKeys {
		if _, ok := members[k]; ok {
			return true
		}
	}
	return false
}

// parseFieldErrors reads the Rails shape {"plan_id": ["no existe", …], …}:
// one item per message, Object set to the field. A single string instead
// of a list is accepted. Fields come in body order (a decoder, not a map,
// so the error text is stable).
func parseFieldErrors(raw json.RawMessage) []ErrorItem {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil
	}
	var items []ErrorItem
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return items
		}
		field, _ := keyTok.(string)
		var value json.RawMessage
		if dec.Decode(&value) != nil {
			return items
		}
		var messages []json.RawMessage
		if json.Unmarshal(value, &messages) != nil {
			messages = []json.RawMessage{value}
		}
		for _, m := range messages {
			it, ok := parseItem(m)
			if !ok || (it.Message == "" && it.Code == "") {
				continue
			}
			if it.Object == "" {
				it.Object = transport.Mask(field)
			}
			items = append(items, it)
		}
	}
	return items
}

func parseItem(raw json.RawMessage) (ErrorItem, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ErrorItem{}, false
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return ErrorItem{}, false
		}
		return ErrorItem{Message: transport.Mask(s)}, true
	case '{':
		var w errorItemWire
		if json.Unmarshal(raw, &w) != nil {
			return ErrorItem{}, false
		}
		return ErrorItem{
			Code:    transport.Mask(string(w.Code)),
			Message: transport.Mask(string(w.Message)),
			Object:  transport.Mask(string(w.Object)),
			Index:   int(w.Index),
		}, true
	}
	return ErrorItem{}, false
}

// errorMarker is the key every error envelope has; a 2xx body without it is
// a success and is not parsed twice.
var errorMarker = []byte(`"error`)

// decodeError is the transport's DecodeError hook. On a 2xx it reports an
// error only when the body is an error envelope with items. A decoded error
// list names a definite outcome unless it came with a 5xx.
func decodeError(resp *transport.Response) (error, bool) {
	success := resp.StatusCode >= 200 && resp.StatusCode < 300
	if success {
		if !bytes.Contains(resp.Body, errorMarker) {
			return nil, true
		}
		items, ok := parseItems(resp.Body)
		if !ok || len(items) == 0 || !hasErrorKey(resp.Body) {
			return nil, true
		}
		return &Error{StatusCode: resp.StatusCode, Items: items, Body: resp.SafeBody()}, true
	}
	e := &Error{StatusCode: resp.StatusCode, Body: resp.SafeBody()}
	items, ok := parseItems(resp.Body)
	if ok {
		e.Items = items
	}
	return e, ok && len(items) > 0 && resp.StatusCode < 500
}

// hasErrorKey: a 2xx counts as an error only with a non-empty "error" or
// "errors" member, never for a bare "message" (the card update's success
// answer is {"message": "La tarjeta de crédito ha sido actualizada."}).
func hasErrorKey(body []byte) bool {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil {
		return false
	}
	return nonEmptyJSON(eb.Error) || nonEmptyJSON(eb.Errors)
}

// nonEmptyJSON: a member present with something in it (not null, "", [] or
// {}).
func nonEmptyJSON(r json.RawMessage) bool {
	s := string(bytes.TrimSpace(r))
	return s != "" && s != "null" && s != "[]" && s != `""` && s != "{}"
}
