package digitalfemsatest

import (
	"net/http"

	"github.com/latampay/latampay-go/digitalfemsa"
)

// DigitalFemsa takes cash only: its specification documents no card
// charge and it publishes no test cards, so the fake's "test cards" are
// the charges below, each with the outcome the fake gives it (the table
// of the package doc). The declines are the fake's own triggers: a charge
// that names one of these payment source ids is refused before anything is
// created, with DigitalFemsa's 402 processing_error.

// DeclinedPaymentSource is a payment source id whose charges (cash, or the
// deprecated card type) the fake declines: 402 processing_error, a hard
// decline (Error.Declined true, Error.SoftDecline false).
const DeclinedPaymentSource = "src_test_declined"

// UnavailablePaymentSource is a payment source id whose charges the fake
// refuses as a service that is unavailable for now: 402 processing_error
// with a "try_again" code (Error.Declined and Error.SoftDecline true).
const UnavailablePaymentSource = "src_test_unavailable"

// The detail codes of the fake's declines, for DeclinedCard.
const (
	// CodeDeclined: a cash charge on DeclinedPaymentSource.
	CodeDeclined = "femsa.errors.processing.charge.declined"
	// CodeTryAgain: a cash charge on UnavailablePaymentSource.
	CodeTryAgain = "femsa.errors.processing.charge.try_again"
	// CodeCardDeclined: a charge of the deprecated card type on
	// DeclinedPaymentSource.
	CodeCardDeclined = "femsa.errors.processing.charge.card_payment.declined"
)

// ApprovedCard returns the charge the fake accepts, named after the
// family's helper: DigitalFemsa has no card, so it is a cash charge
// (PaymentMethodCash), answered as a pending OXXO reference that
// MarkOrderPaid or MarkChargePaid pays. Use it in OrderParams.Charges.
func ApprovedCard() digitalfemsa.ChargeParams {
	return digitalfemsa.ChargeParams{Type: digitalfemsa.PaymentMethodCash}
}

// DeclinedCard returns a charge the fake refuses with detail code (one of
// the Code… constants), and whether the fake has that decline. Named after
// the family's helper, it is a charge on one of the fake's decline payment
// sources: DigitalFemsa has no card.
func DeclinedCard(code string) (digitalfemsa.ChargeParams, bool) {
	switch code {
	case CodeDeclined:
		return digitalfemsa.ChargeParams{Type: digitalfemsa.PaymentMethodCash, PaymentSourceID: DeclinedPaymentSource}, true
	case CodeTryAgain:
		return digitalfemsa.ChargeParams{Type: digitalfemsa.PaymentMethodCash, PaymentSourceID: UnavailablePaymentSource}, true
	case CodeCardDeclined:
		return digitalfemsa.ChargeParams{Type: cardType, PaymentSourceID: DeclinedPaymentSource}, true
	}
	return digitalfemsa.ChargeParams{}, false
}

// declineCode is the decline a charge of type typ on payment source sid
// gets, if any.
func declineCode(typ, sid string) (string, bool) {
	switch {
	case sid == DeclinedPaymentSource && typ == cardType:
		return CodeCardDeclined, true
	case sid == DeclinedPaymentSource:
		return CodeDeclined, true
	case sid == UnavailablePaymentSource:
		return CodeTryAgain, true
	}
	return "", false
}

// writeDecline answers DigitalFemsa's 402 processing_error with code.
func writeDecline(w http.ResponseWriter, r *http.Request, code, param string) {
	if code == CodeTryAgain {
		writeError(w, r, http.StatusPaymentRequired, "processing_error", code, param,
			"The payment service is unavailable; try again later.", "El servicio de pago no está disponible; intenta más tarde.")
		return
	}
	writeError(w, r, http.StatusPaymentRequired, "processing_error", code, param,
		"The charge was declined.", "El cargo fue declinado.")
}
