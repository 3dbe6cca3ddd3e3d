package transport

import (
	"errors"
	"fmt"
	"time"
)

// ErrOutcomeUnknown reports that a request which must not be repeated (a
// charge, a payment, a payout) failed after it may have reached the provider.
// The money may or may not have moved; the SDK did not retry; the caller must
// reconcile through the provider's read APIs.
var ErrOutcomeUnknown = errors.New("latampay: outcome unknown: the request may have reached the provider and was not retried; reconcile before trying again")

// ErrNotFound reports that the provider has no such object: a 404, or the
// provider's documented equivalent, or Reconcile finding no object that
// carries the key.
var ErrNotFound = errors.New("latampay: not found")

// ErrInvalidParams reports that client-side validation refused the params.
// Nothing was sent. The wrapping error names the field.
var ErrInvalidParams = errors.New("latampay: invalid params")

// ErrMalformedResponse reports a response that could not be understood: a
// body that is not the JSON the API documents (an HTML page from a proxy,
// truncated JSON, an empty body where one was due) or one over the size cap.
var ErrMalformedResponse = errors.New("latampay: malformed response")

// ErrResponseTooLarge reports a response body over the size cap. It also
// matches ErrMalformedResponse.
var ErrResponseTooLarge = fmt.Errorf("%w: body exceeds the size cap", ErrMalformedResponse)

// InvalidParams returns an error for a refused field; it matches
// ErrInvalidParams and names the field.
func InvalidParams(field, reason string) error {
	return &ParamError{Field: field, Reason: reason}
}

// InvalidParamsf is InvalidParams with a formatted reason.
func InvalidParamsf(field, format string, args ...any) error {
	return &ParamError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// ParamError is the error of client-side validation: Field names what was
// refused. It matches ErrInvalidParams.
type ParamError struct {
	// Field names the refused field as the Go side spells it ("Amount",
	// "Card.Number", "Items[2].Quantity").
	Field string
	// Reason says what is wrong with it.
	Reason string

	provider string // the message prefix; "latampay" when empty
}

// NewParamError is a ParamError whose message starts with the provider
// package's name ("culqi: invalid params: Amount: must be positive").
func NewParamError(provider, field, reason string) *ParamError {
	return &ParamError{Field: field, Reason: reason, provider: provider}
}

// Error implements error.
func (e *ParamError) Error() string {
	p := e.provider
	if p == "" {
		p = "latampay"
	}
	return p + ": invalid params: " + e.Field + ": " + e.Reason
}

// Is makes errors.Is(err, ErrInvalidParams) hold.
func (e *ParamError) Is(target error) bool { return target == ErrInvalidParams }

// RequireID refuses an empty path identifier before any I/O.
func RequireID(field, id string) error {
	if id == "" {
		return InvalidParams(field, "is required")
	}
	return nil
}

// MalformedResponseError describes a response body that could not be decoded.
// It matches ErrMalformedResponse (and ErrResponseTooLarge when the body was
// over the cap).
type MalformedResponseError struct {
	StatusCode  int
	ContentType string
	// Body is the start of the raw body (at most 512 bytes), with anything
	// that looks like a card number masked.
	Body []byte
	Err  error
}

// Error implements error.
func (e *MalformedResponseError) Error() string {
	msg := fmt.Sprintf("latampay: malformed response (HTTP %d", e.StatusCode)
	if e.ContentType != "" {
		msg += ", " + e.ContentType
	}
	msg += ")"
	if e.Err != nil {
		// The cause may quote the body (a decoder's complaint about a
		// value): card numbers in it are masked like the body's.
		msg += ": " + Mask(e.Err.Error())
	}
	return msg
}

// Unwrap gives the sentinel and the cause.
func (e *MalformedResponseError) Unwrap() []error {
	return []error{ErrMalformedResponse, e.Err}
}

// OutcomeUnknownError is the error of a request that must not be repeated
// (a charge, a refund, a payout) and failed after it may have reached the
// provider: the money may or may not have moved. It matches
// ErrOutcomeUnknown, and the cause (a provider error, a *RequestError, a
// *MalformedResponseError, a context error) stays reachable with errors.As
// and errors.Is.
type OutcomeUnknownError struct {
	// Key is the call's reconciliation key (the one given in the params'
	// ReconcileKey, or the one the SDK generated), empty for calls that have
	// none. Pass it to the service's Reconcile.
	Key string
	// Operation names the call, "<service>.<method>" in lower case
	// ("charges.create").
	Operation string
	// SentAt is when the SDK began sending the call: the earliest time the
	// provider can have recorded it, the lower bound of a search.
	SentAt time.Time
	// Err is the failure as it was seen.
	Err error
}

// Error implements error.
func (e *OutcomeUnknownError) Error() string {
	msg := "outcome unknown (not retried; reconcile before repeating"
	if e.Key != "" {
		msg += ", key " + e.Key
	}
	msg += ")"
	if e.Operation != "" {
		msg = e.Operation + ": " + msg
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap gives the sentinel and the cause.
func (e *OutcomeUnknownError) Unwrap() []error { return []error{ErrOutcomeUnknown, e.Err} }

// OutcomeUnknown wraps err so that errors.Is(err, ErrOutcomeUnknown) holds
// while err stays reachable with errors.As and errors.Is. Prefer
// Response.OutcomeUnknown, which also names the call and its key.
func OutcomeUnknown(err error) error {
	if err == nil || errors.Is(err, ErrOutcomeUnknown) {
		return err
	}
	return &OutcomeUnknownError{Err: err}
}

// RequestError is a failure to get a response: the connection could not be
// made, was lost, or the attempt timed out. The message names the method and
// path, never the query or a credential.
type RequestError struct {
	Method string
	Path   string
	Err    error
}

// Error implements error.
func (e *RequestError) Error() string {
	return "latampay: " + e.Method + " " + e.Path + ": " + e.Err.Error()
}

// Unwrap gives the cause (context errors and net errors stay visible).
func (e *RequestError) Unwrap() error { return e.Err }

// Timeout reports whether the attempt ended on a timeout.
func (e *RequestError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.Err, &t) && t.Timeout()
}
