package transport

import (
	"errors"
	"fmt"
)

// ErrOutcomeUnknown reports that a request which must not be repeated (a
// charge, a payment, a payout) failed after it may have reached the provider.
// The money may or may not have moved; the SDK did not retry; the caller must
// reconcile through the provider's read APIs.
var ErrOutcomeUnknown = errors.New("latampay: outcome unknown: the request may have reached the provider and was not retried; reconcile before trying again")

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
	Field  string
	Reason string
}

// Error implements error.
func (e *ParamError) Error() string {
	return "latampay: invalid params: " + e.Field + ": " + e.Reason
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

// outcomeUnknownError wraps the error of a non-repeatable request that may
// have reached the provider.
type outcomeUnknownError struct{ err error }

func (e *outcomeUnknownError) Error() string {
	return "latampay: outcome unknown (not retried; reconcile before repeating): " + e.err.Error()
}

func (e *outcomeUnknownError) Unwrap() []error { return []error{ErrOutcomeUnknown, e.err} }

// OutcomeUnknown wraps err so that errors.Is(err, ErrOutcomeUnknown) holds
// while err stays reachable with errors.As and errors.Is.
func OutcomeUnknown(err error) error {
	if err == nil || errors.Is(err, ErrOutcomeUnknown) {
		return err
	}
	return &outcomeUnknownError{err: err}
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
