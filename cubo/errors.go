package cubo

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/transport"
)

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
// Use errors.As to get it; Decline, IsSoftDecline and IsHardDecline classify
// declines without changing Cubo's text.
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

// DeclineClass classifies an error as a soft decline, a hard decline, or no
// decline at all.
type DeclineClass int

const (
	// NotDeclined: not a card decline (a validation error, a bad API key,
	// a server error, or no Cubo error at all).
	NotDeclined DeclineClass = iota
	// SoftDecline: the issuer may approve the same card later (insufficient
	// funds, issuer unavailable). Retrying still needs the customer's
	// consent, and repeated attempts look like card testing to Cubo's fraud
	// engine.
	SoftDecline
	// HardDecline: do not try this card again; ask for another one. Every
	// coded decline that is not known to be soft is hard, including codes
	// Cubo has not documented.
	HardDecline
)

// String returns "not declined", "soft decline" or "hard decline".
func (d DeclineClass) String() string {
	switch d {
	case SoftDecline:
		return "soft decline"
	case HardDecline:
		return "hard decline"
	}
	return "not declined"
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

// Decline classifies the error. A "NN - TEXT" message is a decline: soft for
// codes 15 and 51, hard for every other code (05, 14, 34, 41, 43, 59, 63,
// SM, SH and anything undocumented). A message containing
// "MF: custom_rule" (a fraud-rule block) is a hard decline. Anything else is
// NotDeclined. It reads Code and Message and changes neither.
func (e *Error) Decline() DeclineClass {
	if e == nil {
		return NotDeclined
	}
	if e.Code != "" {
		if softCodes[e.Code] {
			return SoftDecline
		}
		return HardDecline
	}
	if strings.Contains(e.Message, fraudRule) {
		return HardDecline
	}
	for _, m := range e.Messages {
		if strings.Contains(m, fraudRule) {
			return HardDecline
		}
	}
	return NotDeclined
}

// Declined reports whether err holds a Cubo *Error that is a card decline.
func Declined(err error) bool { return declineOf(err) != NotDeclined }

// IsSoftDecline reports whether err holds a Cubo *Error that is a soft
// decline (see Error.Decline).
func IsSoftDecline(err error) bool { return declineOf(err) == SoftDecline }

// IsHardDecline reports whether err holds a Cubo *Error that is a hard
// decline (see Error.Decline).
func IsHardDecline(err error) bool { return declineOf(err) == HardDecline }

func declineOf(err error) DeclineClass {
	var e *Error
	if errors.As(err, &e) {
		return e.Decline()
	}
	return NotDeclined
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
	e := &Error{StatusCode: resp.StatusCode, Body: safeBody(resp.Body)}
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

// safeBody is the body kept in an Error: card numbers masked over the whole
// body first, then cut to transport.ErrorBodyLimit. (Response.SafeBody cuts
// first, so a card number straddling the limit would keep its leading
// digits unmasked.)
func safeBody(b []byte) []byte {
	b = card.MaskPANBytes(b)
	if len(b) > transport.ErrorBodyLimit {
		b = b[:transport.ErrorBodyLimit]
	}
	return bytes.Clone(b)
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
	return e, e.Decline() != NotDeclined
}
