package srpago

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/wire"
)

// ChargesService charges card tokens and saved cards, and reverses
// charges. Its methods on a nil service return an error matching
// ErrNoClient.
type ChargesService service

// ChargeService is the old name of ChargesService.
//
// Deprecated: use ChargesService.
type ChargeService = ChargesService

// MinAmount is the smallest charge Sr. Pago accepts: $1.00 MXN, in cents.
const MinAmount = 100

// ChargeParams describes a card charge.
type ChargeParams struct {
	// Source is a single-use token "tok_…" or a saved card "crd_…".
	Source string
	// Amount in centavos (12345 = $123.45 MXN); at least MinAmount.
	Amount int64
	// Currency is "MXN", the only one Sr. Pago takes; empty means MXN.
	Currency string
	// Description is shown on the receipt and in listings; required.
	Description string
	// Reference is the merchant's reference number (reference.number),
	// which Operations report back; the order id when empty. When it is
	// set, the order id cannot be reported in it, so Create appends
	// " [<order id>]" to Description, where Charges.Reconcile finds it.
	Reference string
	// OrderID is your unique id for this charge attempt
	// (payment.external.transaction), up to 100 characters. Integrators
	// report that Sr. Pago refuses an OrderID it has already seen with
	// SwitchException (its own documentation does not say). That refusal
	// proves only that the id was used, not that the first charge went
	// through (a declined attempt may use it up too): confirm the charge
	// with Charges.Reconcile. Prefer ReconcileKey, which is the same
	// thing with the characters Reconcile accepts; set both only to the
	// same value.
	OrderID string
	// ReconcileKey is the key of this charge attempt for Charges.Reconcile:
	// 1 to 64 characters from A-Z a-z 0-9 . _ : -, checked before I/O. It is
	// sent as the order id (payment.external.transaction); an OrderID that
	// differs from it is refused. When both are empty the SDK generates one
	// (128 random bits); read it back from Charge.OrderID, or from the
	// *OutcomeUnknownError's Key when the outcome is unknown. Store it
	// before calling: it is what a crashed process reconciles with.
	ReconcileKey string
	// IP is the buyer's IP address, for anti-fraud.
	IP string
	// Months is the number of months without interest: 0 (none), 3, 6, 9
	// or 12.
	Months int
	// Metadata is the anti-fraud data Sr. Pago asks for on every
	// e-commerce charge; sent in plaintext beside the envelope.
	Metadata *ChargeMetadata
}

// chargeParamsFields names ChargeParams inside its Format method, where a
// local type takes the name.
type chargeParamsFields = ChargeParams

// Format prints the params with Source masked to its prefix and last four
// characters: a saved crd_ card can be charged again and again, so it stays
// out of logs like the card it stands for.
func (p ChargeParams) Format(f fmt.State, verb rune) {
	// Same name and fields but no methods: fmt prints it field by field
	// (%#v still shows srpago.ChargeParams) instead of calling Format again.
	type ChargeParams chargeParamsFields
	printed := ChargeParams(p)
	printed.Source = maskSource(p.Source)
	fmt.Fprintf(f, fmt.FormatString(f, verb), printed)
}

// maskSource keeps a token's "tok_" or "crd_" prefix and its last four
// characters; a short one is masked whole.
func maskSource(source string) string {
	const prefixLen, keep = len("tok_"), 4
	if len(source) <= prefixLen+keep {
		return strings.Repeat("*", len(source))
	}
	return source[:prefixLen] + strings.Repeat("*", len(source)-prefixLen-keep) + source[len(source)-keep:]
}

// Charge is the result of a charge or a reversal.
type Charge struct {
	// TransactionID is Sr. Pago's operation id (recipe.transaction, the
	// base64 of an integer, e.g. "NDcxODU2"): use it for Reverse and
	// Operations.Get.
	TransactionID string
	// AuthorizationCode is the bank's authorization code.
	AuthorizationCode string
	// OrderID is the echo of ChargeParams.OrderID (result.transaction).
	OrderID string
	// Amount charged in centavos, from the receipt (the amount asked for
	// when the receipt carries none).
	Amount int64
	// Currency is "MXN".
	Currency string
	// Approved is result.status: always true for a charge Create returns,
	// since a charge Sr. Pago does not confirm is an error.
	Approved bool
	// Method is "CARD" for a charge, "Reversal" for a reversal.
	Method string
	// Token is Sr. Pago's internal token of the operation.
	Token string
	// Card is the masked card number, e.g. "400010XXXXXX9134".
	Card string
	// CardType is the brand code.
	CardType CardType
	// Receipt is the full operation record (recipe) of a charge; nil for a
	// reversal.
	Receipt *Operation
}

// wireCharge is the result of POST /payment/card and of a reversal.
type wireCharge struct {
	Token             flexString     `json:"token"`
	Transaction       flexString     `json:"transaction"`
	Status            flexBool       `json:"status"`
	Method            string         `json:"method"`
	AutorizationCode  flexString     `json:"autorization_code"` // sic
	AuthorizationCode flexString     `json:"authorization_code"`
	Card              flexString     `json:"card"`
	CardType          CardType       `json:"card_type"`
	Recipe            *wireOperation `json:"recipe"`
}

func (w *wireCharge) charge() *Charge {
	ch := &Charge{
		OrderID:           string(w.Transaction),
		AuthorizationCode: string(w.AutorizationCode),
		Approved:          bool(w.Status),
		Method:            w.Method,
		Token:             string(w.Token),
		Card:              string(w.Card),
		CardType:          w.CardType,
	}
	if ch.AuthorizationCode == "" {
		ch.AuthorizationCode = string(w.AuthorizationCode)
	}
	if w.Recipe != nil {
		op := w.Recipe.operation()
		ch.Receipt = op
		ch.TransactionID = op.TransactionID
		ch.Amount = op.Amount
		ch.Currency = op.Currency
		if op.AuthorizationCode != "" {
			ch.AuthorizationCode = op.AuthorizationCode
		}
	}
	return ch
}

type chargeAmount struct {
	Amount   wire.Decimal `json:"amount"`
	Currency string       `json:"currency"`
	Months   int          `json:"months,omitempty"`
}

type chargePlain struct {
	Recurrent string       `json:"recurrent"`
	Payment   chargePay    `json:"payment"`
	Total     chargeAmount `json:"total"`
}

type chargePay struct {
	External  chargeExternal  `json:"external"`
	Reference chargeReference `json:"reference"`
	Total     chargeAmount    `json:"total"`
	Tip       chargeAmount    `json:"tip"`
	Origin    chargeOrigin    `json:"origin"`
}

type chargeExternal struct {
	Transaction    string `json:"transaction"`
	ApplicationKey string `json:"application_key"`
}

type chargeReference struct {
	Number      string `json:"number"`
	Description string `json:"description"`
}

type chargeOrigin struct {
	IP       string         `json:"ip,omitempty"`
	Location chargeLocation `json:"location"`
}

type chargeLocation struct {
	Latitude  string `json:"latitude"`
	Longitude string `json:"longitude"`
}

// Validate reports what Create refuses before any I/O: a nil params, a
// Source that is not tok_… or crd_…, an Amount under MinAmount, a Currency
// other than MXN, an empty Description, Months other than 0, 3, 6, 9 or 12,
// an IP that is not one, an OrderID over 100 characters, a ReconcileKey
// that is not 1–64 characters from A-Z a-z 0-9 . _ : - or that differs
// from OrderID.
func (p *ChargeParams) Validate() error {
	switch {
	case p == nil:
		return invalidParams("ChargeParams", "is nil")
	case p.Source == "":
		return invalidParams("Source", "is required")
	case !strings.HasPrefix(p.Source, "tok_") && !strings.HasPrefix(p.Source, "crd_"):
		return invalidParams("Source", `must be a card token "tok_…" or a saved card "crd_…"`)
	case p.Amount < MinAmount:
		return invalidParams("Amount", "must be at least 100 centavos ($1.00 MXN)")
	case p.Currency != "" && p.Currency != "MXN":
		return invalidParams("Currency", `must be "MXN"`)
	case strings.TrimSpace(p.Description) == "":
		return invalidParams("Description", "is required")
	case p.Months != 0 && p.Months != 3 && p.Months != 6 && p.Months != 9 && p.Months != 12:
		return invalidParams("Months", "must be 0, 3, 6, 9 or 12")
	case p.IP != "" && net.ParseIP(p.IP) == nil:
		return invalidParams("IP", "is not an IP address")
	case len(p.OrderID) > 100:
		return invalidParams("OrderID", "is longer than 100 characters")
	case p.ReconcileKey != "" && p.OrderID != "" && p.ReconcileKey != p.OrderID:
		return invalidParams("ReconcileKey", "differs from OrderID (the key is sent as the order id: set one, or both to the same value)")
	case p.ReconcileKey != "":
		return transport.CheckReconcileKey("srpago", "ReconcileKey", p.ReconcileKey, reconcileKeyMax)
	}
	return nil
}

// reconcileKeyMax is the longest ReconcileKey: the family's limit, well
// within the 100 characters of an order id.
const reconcileKeyMax = transport.ReconcileKeyMax

// key is the charge's order id and reconciliation key: ReconcileKey,
// else OrderID, else a fresh key.
func (p *ChargeParams) key() string {
	switch {
	case p.ReconcileKey != "":
		return p.ReconcileKey
	case p.OrderID != "":
		return p.OrderID
	}
	return transport.NewReconcileKey()
}

// keyMarker is what Create appends to the description when Reference
// takes reference.number, so that the key still shows in Operations.
func keyMarker(key string) string { return " [" + key + "]" }

var errUnconfirmedReversal = errors.New(`the result confirms no reversal (no "status": true)`)

var errUnconfirmedCharge = errors.New(`the result confirms no charge (no "status": true with a "recipe.transaction")`)

// NewOrderID returns a random order id ("lp_" + 24 hex digits). Charges.Create
// no longer needs one: without OrderID and ReconcileKey it generates a
// reconciliation key (22 URL-safe characters) and sends it as the order id.
func NewOrderID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "lp_" + hex.EncodeToString(b[:])
}

// Create charges a token or a saved card: POST /v1/payment/card with the
// encrypted envelope and the plaintext anti-fraud metadata. It moves money:
// it is never repeated once it may have reached Sr. Pago, and a failure
// with an unknown outcome is an *OutcomeUnknownError (matching
// ErrOutcomeUnknown) whose Key is the order id sent and whose SentAt is when
// sending began: pass both to Reconcile before charging again. A
// SwitchException for a resent order id says only that the id was used,
// not that the first attempt was approved.
// A decline is an *Error with Code "PaymentException" and the bank's
// BankCode. A 200 that does not confirm the charge (result.status not true,
// or no recipe.transaction) is a malformed response matching
// ErrOutcomeUnknown.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/metodos-de-pago/pago-con-tarjeta
func (s *ChargesService) Create(ctx context.Context, p *ChargeParams) (*Charge, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	orderID := p.key()
	ref, description := p.Reference, p.Description
	if ref == "" {
		ref = orderID
	} else {
		description += keyMarker(orderID)
	}
	total := chargeAmount{Amount: wire.Decimal(p.Amount), Currency: "MXN"}
	payTotal := total
	payTotal.Months = p.Months
	plain := chargePlain{
		Recurrent: p.Source,
		Payment: chargePay{
			External:  chargeExternal{Transaction: orderID, ApplicationKey: c.secrets.appKey},
			Reference: chargeReference{Number: ref, Description: description},
			Total:     payTotal,
			Tip:       chargeAmount{Currency: "MXN"},
			Origin:    chargeOrigin{IP: p.IP, Location: chargeLocation{Latitude: "0.00000", Longitude: "0.00000"}},
		},
		Total: total,
	}
	body, err := c.seal(plain)
	if err != nil {
		return nil, err
	}
	body.Metadata = p.Metadata.wire()
	req := &transport.Request{Method: http.MethodPost, Path: "/v1/payment/card", Body: body, MovesMoney: true,
		Operation: "charges.create", ReconcileKey: orderID}
	w, resp, err := do[wireCharge](ctx, c, req)
	if err != nil {
		return nil, err
	}
	if !bool(w.Status) || w.Recipe == nil || w.Recipe.Transaction == "" {
		// Without both, the answer neither confirms a charge nor names a
		// decline: the money may have moved.
		return nil, resp.MalformedFor(req, errUnconfirmedCharge)
	}
	ch := w.charge()
	if ch.OrderID == "" {
		ch.OrderID = orderID
	}
	if ch.Amount == 0 {
		ch.Amount, ch.Currency = p.Amount, "MXN"
	}
	return ch, nil
}

// Reverse cancels a charge in full: GET
// /v1/operations/apply-reversal/{transactionID}, where transactionID is
// Charge.TransactionID. Sr. Pago allows it only for same-day operations
// (InvalidAuthCodeException otherwise) and has no refund endpoint. It moves
// money although it is a GET: never repeated once it may have reached Sr.
// Pago. A 200 whose result.status is not true confirms no reversal and
// names no refusal: a malformed response matching ErrOutcomeUnknown. An
// id of "." or ".." (which would change the path) is refused before I/O.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/operaciones/operaciones/
func (s *ChargesService) Reverse(ctx context.Context, transactionID string) (*Charge, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	id, err := pathID("transactionID", transactionID)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: http.MethodGet, Path: "/v1/operations/apply-reversal/" + id,
		MovesMoney: true, Operation: "charges.reverse"}
	w, resp, err := do[wireCharge](ctx, c, req)
	if err != nil {
		return nil, err
	}
	if !bool(w.Status) {
		return nil, resp.MalformedFor(req, errUnconfirmedReversal)
	}
	ch := w.charge()
	if ch.TransactionID == "" {
		ch.TransactionID = transactionID
	}
	return ch, nil
}

// reconcilePageSize is the page Reconcile walks Operations with.
var reconcilePageSize = 100

// Reconcile finds the charge made with key (ChargeParams.ReconcileKey, the
// order id, or the Key of an *OutcomeUnknownError) among the operations
// since since, the time the call was started (the SentAt of that error).
// It never charges anything. It walks GET /v1/operations lazily with the
// filters Sr. Pago documents, start_date (the Mexico City date of since
// less ReconcileClockSkew) and charge_method CARD, and matches an
// operation whose reference.number is the key (what Create sends when
// ChargeParams.Reference is empty) or whose description ends in " [key]"
// (what Create appends when Reference is set). The Charge it returns is
// built from that operation: its Receipt is the operation, OrderID the key.
//
// Sr. Pago's operation list holds successful operations only, and its
// references say nothing on how soon a new one appears there. So an error
// matching ErrNotFound means: no approved charge carries the key yet. A
// declined charge never shows (its decline was a definite error, not an
// unknown outcome). A charge that was still being processed may show a
// little later: reconcile again after a few minutes, and only then give up
// and charge anew, with a NEW key (the old one may be refused with
// SwitchException). A key that is not 1–64 characters from A-Z a-z 0-9 .
// _ : -, or a since in the future, is refused before any I/O.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/operaciones/operaciones/
func (s *ChargesService) Reconcile(ctx context.Context, key string, since time.Time) (*Charge, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if err := transport.CheckReconcileKey("srpago", "key", key, reconcileKeyMax); err != nil {
		return nil, err
	}
	if err := transport.CheckReconcileSince("srpago", since, c.now()); err != nil {
		return nil, err
	}
	start := since.Add(-transport.ReconcileClockSkew)
	p := &OperationListParams{StartDate: start, ChargeMethod: ChargeMethodCard, Limit: reconcilePageSize}
	marker := keyMarker(key)
	for op, err := range c.Operations.All(ctx, p) {
		if err != nil {
			return nil, fmt.Errorf("srpago: charges.reconcile: %w", err)
		}
		if op.Reference == key || strings.HasSuffix(op.Description, marker) {
			return op.charge(key), nil
		}
	}
	return nil, fmt.Errorf("srpago: charges.reconcile: no approved charge with key %q since %s: %w",
		key, mexicoCityDate(start), ErrNotFound)
}

// charge is the Charge an operation found by Reconcile stands for.
func (o *Operation) charge(key string) *Charge {
	return &Charge{TransactionID: o.TransactionID, AuthorizationCode: o.AuthorizationCode, OrderID: key,
		Amount: o.Amount, Currency: o.Currency, Approved: o.IsApproved(), Method: "CARD",
		Card: o.Card.Number, CardType: o.Card.Type, Receipt: o}
}
