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
// When the body is not the documented error object (an HTML page from a
// proxy, an empty body) only StatusCode and Body are set.
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
	// Param is the offending parameter path ("payment_method.name"), if any.
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

// decodeError is the transport hook: every non-2xx becomes *Error. A 5xx
// never names a definite outcome (api_error is an internal failure, and a
// gateway page is not DigitalFemsa's answer at all); 4xx errors do.
func decodeError(resp *transport.Response) (error, bool) {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil, true
	}
	e := &Error{StatusCode: resp.StatusCode, Body: resp.SafeBody()}
	var w errorWire
	if json.Unmarshal(resp.Body, &w) == nil && (w.Type != "" || w.Object == "error" || len(w.Details) > 0) {
		// Any string may echo a card number back; keep none. Masking
		// leaves the documented types and codes unchanged.
		e.Type, e.LogID, e.Details = transport.Mask(w.Type), transport.Mask(w.LogID), w.Details
		for i := range e.Details {
			d := &e.Details[i]
			d.Code, d.Param = transport.Mask(d.Code), transport.Mask(d.Param)
			d.Message, d.DebugMessage = transport.Mask(d.Message), transport.Mask(d.DebugMessage)
		}
		if len(w.Data) > 0 && string(w.Data) != "null" {
			e.Data = maskJSON(w.Data)
		}
	}
	return e, resp.StatusCode < http.StatusInternalServerError
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
