package srpago

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

// ParamError is the error of params refused before any I/O: Field names
// the field ("Amount", "Card.Number", "ReconcileKey"), Reason says what is
// wrong with it. errors.Is(err, ErrInvalidParams) holds for it; its message
// starts "srpago: ". Every params type's Validate returns one.
type ParamError = transport.ParamError

// OutcomeUnknownError is the error of a money-moving call (a charge, a
// reversal, a cash or SPEI reference) that failed after it may have reached
// Sr. Pago: the money may or may not have moved. errors.Is(err,
// ErrOutcomeUnknown) holds for it. Fields: Key is the call's reconciliation
// key (ChargeParams.ReconcileKey, or the one the SDK generated; pass it to
// Charges.Reconcile), Operation names the call ("charges.create"), SentAt is
// when the SDK began sending it (the lower bound for Reconcile's since), Err
// is the failure as it was seen (an *Error, a *MalformedResponseError, a
// timeout…), reachable with errors.As.
//
// Check errors.Is(err, ErrOutcomeUnknown) first: when it holds the money may
// have moved, even if a *Error is inside.
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

// ErrNotFound matches Sr. Pago's answers for something that does not
// exist: an HTTP 404, and the HTTP 500 InvalidTransactionException that
// Operations.Get gets for an unknown operation. Charges.Reconcile's "no
// charge carries this key" matches it too. It is the value every package
// of the family shares.
var ErrNotFound = transport.ErrNotFound

// invalidParams is the package's *ParamError, its message prefixed
// "srpago: ".
func invalidParams(field, reason string) error {
	return transport.NewParamError("srpago", field, reason)
}

// Error codes Sr. Pago sends in error.code (open set: others decode fine).
const (
	CodeInvalidParam            = "InvalidParamException"
	CodeInvalidEncryption       = "InvalidEncryptionException"
	CodePaymentFilter           = "PaymentFilterException"
	CodeSuspectedFraud          = "SuspectedFraudException"
	CodeInvalidTransaction      = "InvalidTransactionException"
	CodePayment                 = "PaymentException"
	CodeSwitch                  = "SwitchException"
	CodeInternalError           = "InternalErrorException"
	CodeInvalidCard             = "InvalidCardException"
	CodeTokenAlreadyUsed        = "TokenAlreadyUsedException"
	CodeInvalidAuthCode         = "InvalidAuthCodeException"
	CodeCardInformationNotFound = "CardInformationNotFoundException"
	CodeNotAuthorizedAccount    = "NotAuthorizedAccountException"
)

// definiteCodes name an outcome: the request was refused or declined, so
// nothing happened and nothing is pending. InternalErrorException and codes
// not listed here do not, on a 2xx or a 5xx.
var definiteCodes = map[string]bool{
	CodeInvalidParam: true, CodeInvalidEncryption: true, CodePaymentFilter: true,
	CodeSuspectedFraud: true, CodeInvalidTransaction: true, CodePayment: true,
	CodeSwitch: true, CodeInvalidCard: true, CodeTokenAlreadyUsed: true,
	CodeInvalidAuthCode: true, CodeCardInformationNotFound: true, CodeNotAuthorizedAccount: true,
}

// Error is an error answered by Sr. Pago: the {"success": false, "error":
// {…}} envelope, whatever the HTTP status (Sr. Pago sends declines and
// validation errors with HTTP 500), or an unreadable non-2xx response, which
// then has only StatusCode, Body and RequestID. Every text field has card
// numbers masked: Sr. Pago echoes them in its messages.
type Error struct {
	// StatusCode is the HTTP status (200 when the error came in a 200).
	StatusCode int
	// Body is the raw response body, capped at 64 KiB, card numbers masked.
	Body []byte
	// Code is error.code, e.g. "PaymentException" (see the Code constants).
	Code string
	// Message is error.message.
	Message string
	// Description is error.description.
	Description string
	// BankCode is error.detail.code: the issuer's ISO 8583 response code
	// for a decline, e.g. "51" (insufficient funds).
	BankCode string
	// BankMessage is error.detail.message.
	BankMessage string
	// RequestID is Sr. Pago's trace id from the X-App-Request header.
	RequestID string

	// missing is set by the lookups for which InvalidTransactionException
	// means "no such operation".
	missing bool
}

// Is makes errors.Is(err, ErrNotFound) hold for a 404 and for the
// InvalidTransactionException of an operation lookup.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && (e.StatusCode == http.StatusNotFound || e.missing)
}

// markMissing flags err, when it is the *Error of Sr. Pago's
// InvalidTransactionException, as "no such operation".
func markMissing(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Code == CodeInvalidTransaction {
		e.missing = true
	}
	return err
}

// Error describes the failure without credentials or card numbers.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("srpago: ")
	switch {
	case e.Code != "":
		b.WriteString(transport.Mask(e.Code))
	default:
		b.WriteString("HTTP " + strconv.Itoa(e.StatusCode))
		if t := http.StatusText(e.StatusCode); t != "" {
			b.WriteString(" " + t)
		}
	}
	msg := e.Message
	if msg == "" {
		msg = e.Description
	}
	if msg != "" {
		b.WriteString(": " + transport.Mask(msg))
	}
	if e.BankCode != "" || e.BankMessage != "" {
		b.WriteString(" (bank code " + transport.Mask(e.BankCode))
		if e.BankMessage != "" {
			b.WriteString(": " + transport.Mask(e.BankMessage))
		}
		b.WriteString(")")
	}
	if e.Code != "" {
		b.WriteString(" [HTTP " + strconv.Itoa(e.StatusCode))
		if e.RequestID != "" {
			b.WriteString(", request " + transport.Mask(e.RequestID))
		}
		b.WriteString("]")
	} else if e.RequestID != "" {
		b.WriteString(" [request " + transport.Mask(e.RequestID) + "]")
	}
	return b.String()
}

// Declined reports whether the bank or Sr. Pago's anti-fraud refused the
// payment: PaymentException (a bank decline, BankCode says why),
// SuspectedFraudException, PaymentFilterException, InvalidCardException.
// It is false for a nil *Error.
func (e *Error) Declined() bool {
	if e == nil {
		return false
	}
	switch e.Code {
	case CodePayment, CodeSuspectedFraud, CodePaymentFilter, CodeInvalidCard:
		return true
	}
	return false
}

// softDeclines are ISO 8583 response codes for which the same card may
// succeed later: funds, limits, the issuer being unavailable.
var softDeclines = map[string]bool{
	"51": true, // insufficient funds
	"61": true, // exceeds withdrawal amount limit
	"65": true, // exceeds withdrawal frequency limit
	"91": true, // issuer or switch inoperative
	"96": true, // system malfunction
	"19": true, // re-enter transaction
	"05": true, // do not honour (generic; often temporary)
}

// hardDeclines are response codes that will not change by retrying the
// same card: lost or stolen, closed, invalid or expired card, or a card not
// allowed for this kind of transaction.
var hardDeclines = map[string]bool{
	"04": true, // pick up card
	"07": true, // pick up card, special condition
	"12": true, // invalid transaction
	"14": true, // invalid card number
	"15": true, // no such issuer
	"41": true, // lost card
	"43": true, // stolen card
	"54": true, // expired card
	"57": true, // transaction not permitted to cardholder
	"62": true, // restricted card
}

// SoftDecline reports whether the payment was declined and a later attempt
// with the same card may succeed: a PaymentException whose bank code says
// insufficient funds, a limit reached, the issuer unavailable or "try
// again" (51, 61, 65, 91, 96, 19, 05). A recurring biller should try again
// in a day or so rather than ask for a new card. It is false for a nil
// *Error.
func (e *Error) SoftDecline() bool {
	return e != nil && e.Code == CodePayment && softDeclines[normBankCode(e.BankCode)]
}

// IsDecline reports whether the payment was declined.
//
// Deprecated: use Declined.
func (e *Error) IsDecline() bool { return e.Declined() }

// RetryLater reports whether a decline may succeed later.
//
// Deprecated: use SoftDecline.
func (e *Error) RetryLater() bool { return e.SoftDecline() }

// DoNotRetry reports whether a decline is final for this card (stolen,
// lost, invalid, expired, restricted, flagged as fraud): charging it again
// will fail and may hurt the merchant's standing; ask for another card.
// Declined() && !SoftDecline() is the family-wide test; this one is
// narrower, true only for the codes known to be final.
func (e *Error) DoNotRetry() bool {
	if e == nil {
		return false
	}
	switch e.Code {
	case CodeSuspectedFraud, CodeInvalidCard:
		return true
	case CodePayment:
		return hardDeclines[normBankCode(e.BankCode)]
	}
	return false
}

func normBankCode(c string) string {
	if len(c) == 1 {
		return "0" + c
	}
	return c
}

// wireError is the error envelope; detail's members arrive as strings or
// numbers.
type wireError struct {
	Success *bool `json:"success"`
	Error   *struct {
		Code        flexString      `json:"code"`
		Message     flexString      `json:"message"`
		Description flexString      `json:"description"`
		Detail      json.RawMessage `json:"detail"`
	} `json:"error"`
}

// successFalse reports whether some "success" key of the body is followed
// by false, without decoding the body: DecodeError runs on every 2xx. Every
// occurrence counts, since a nested object (customer metadata) may hold a
// "success" of its own before the envelope's; a false alarm costs only the
// full decode that settles it.
func successFalse(body []byte) bool {
	const key = `"success"`
	for {
		i := bytes.Index(body, []byte(key))
		if i < 0 {
			return false
		}
		body = body[i+len(key):]
		if valueIsFalse(body) {
			return true
		}
	}
}

// valueIsFalse: b, after a key, continues with `:` and false.
func valueIsFalse(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', ':':
			continue
		}
		return c == 'f'
	}
	return false
}

// decodeError is the transport hook: the typed error of a response, and
// whether it names a definite outcome.
func decodeError(resp *transport.Response) (error, bool) {
	ok2xx := resp.StatusCode >= 200 && resp.StatusCode < 300
	if ok2xx && !successFalse(resp.Body) {
		return nil, true
	}
	e := &Error{StatusCode: resp.StatusCode, Body: resp.SafeBody(), RequestID: transport.Mask(resp.RequestID)}
	var w wireError
	decoded := json.Unmarshal(resp.Body, &w) == nil && w.Error != nil
	if decoded {
		// Sr. Pago echoes card numbers in its messages; masked here, no
		// field of the error (and so no %#v of it) can show one. Masking
		// leaves the documented codes unchanged.
		e.Code = transport.Mask(string(w.Error.Code))
		e.Message = transport.Mask(string(w.Error.Message))
		e.Description = transport.Mask(string(w.Error.Description))
		bankCode, bankMessage := decodeDetail(w.Error.Detail)
		e.BankCode, e.BankMessage = transport.Mask(bankCode), transport.Mask(bankMessage)
	}
	if ok2xx && e.Code == "" && (w.Success == nil || *w.Success) {
		return nil, true
	}
	// Only Sr. Pago's own error names an outcome: a refusal with a 4xx, or
	// a code that names one whatever the status (it sends declines with 500
	// and 200). A body that is not its envelope (a proxy's page, a bare
	// {"success": false}) says nothing about what happened, and a 408 is a
	// proxy giving up on a request that may still be running.
	switch {
	case !decoded, resp.StatusCode == http.StatusRequestTimeout:
		return e, false
	case resp.StatusCode >= 400 && resp.StatusCode < 500:
		return e, true
	}
	return e, definiteCodes[e.Code]
}

// decodeDetail reads error.detail: an object {code, message}, or a bare
// string message.
func decodeDetail(raw json.RawMessage) (code, msg string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", ""
	}
	switch raw[0] {
	case '{':
		var d struct {
			Code    flexString `json:"code"`
			Message flexString `json:"message"`
		}
		if json.Unmarshal(raw, &d) == nil {
			return string(d.Code), string(d.Message)
		}
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return "", s
		}
	}
	return "", ""
}
