package srpago

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/wire"
)

// ReferencesService creates payment references a buyer pays later: cash at
// a convenience store (OXXO) and SPEI bank transfers. Sr. Pago notifies the
// merchant's notification URL when one is paid (see ParseWebhook); paid
// references show in Payments.List with TypeStore. Its methods on a nil
// service return an error matching ErrNoClient.
//
// Sr. Pago's pages show the requests but not the answers of these two
// calls: the result types are read leniently, from every field name an
// integration has been seen to use, and each field says so.
type ReferencesService service

// StoreOXXO is the convenience store chain of a cash reference, the only
// one seen in Sr. Pago's integrations.
const StoreOXXO = "oxxo"

// CashReferenceParams describes a cash payment at a convenience store.
type CashReferenceParams struct {
	// Amount to pay in centavos (12345 = $123.45 MXN); at least MinAmount.
	Amount int64
	// Description is shown to the buyer and in listings; required.
	Description string
	// Store is the chain, StoreOXXO when empty.
	Store string
}

// Validate reports what CreateCash refuses before any I/O: a nil params,
// an Amount under MinAmount, an empty Description, a Store with spaces or
// other characters than letters, digits, "-" and "_".
func (p *CashReferenceParams) Validate() error {
	switch {
	case p == nil:
		return invalidParams("CashReferenceParams", "is nil")
	case p.Amount < MinAmount:
		return invalidParams("Amount", "must be at least 100 centavos ($1.00 MXN)")
	case strings.TrimSpace(p.Description) == "":
		return invalidParams("Description", "is required")
	case !isToken(p.Store):
		return invalidParams("Store", "must be a store code such as \"oxxo\"")
	}
	return nil
}

// isToken: empty, or letters, digits, '-' and '_' only.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return len(s) <= 32
}

// SPEIReferenceParams describes a SPEI bank transfer to receive.
type SPEIReferenceParams struct {
	// Amount to pay in centavos; at least MinAmount.
	Amount int64
	// Description is the transfer's concept; required.
	Description string
}

// Validate reports what CreateSPEI refuses before any I/O: a nil params,
// an Amount under MinAmount, an empty Description.
func (p *SPEIReferenceParams) Validate() error {
	switch {
	case p == nil:
		return invalidParams("SPEIReferenceParams", "is nil")
	case p.Amount < MinAmount:
		return invalidParams("Amount", "must be at least 100 centavos ($1.00 MXN)")
	case strings.TrimSpace(p.Description) == "":
		return invalidParams("Description", "is required")
	}
	return nil
}

// referenceBody is the body both calls send: the amount as a bare JSON
// number of pesos (not the {amount, currency} object of card charges).
type referenceBody struct {
	Payment struct {
		Reference struct {
			Description string `json:"description"`
		} `json:"reference"`
	} `json:"payment"`
	Total json.Number `json:"total"`
	Store string      `json:"store,omitempty"`
}

func newReferenceBody(amount int64, description, store string) *referenceBody {
	b := &referenceBody{Total: json.Number(wire.FormatCents(amount)), Store: store}
	b.Payment.Reference.Description = description
	return b
}

// CashReference is a reference to pay in cash at a store. Sr. Pago does not
// publish the answer's shape: each field is read from the names its
// integrations use, and is empty when none is present.
type CashReference struct {
	// Reference is the number the buyer gives at the till (reference,
	// reference.number, or barcode's number).
	Reference string
	// Barcode is the barcode's value, when sent (barcode).
	Barcode string
	// BarcodeURL is an image of the barcode, when sent (barcode_url).
	BarcodeURL string
	// TransactionID is Sr. Pago's operation id, when sent (transaction).
	TransactionID string
	// Store is the chain, e.g. "oxxo" (store; the one asked for when
	// absent).
	Store string
	// Amount to pay in centavos (total, amount or total.amount; the amount
	// asked for when absent).
	Amount int64
	// Currency is "MXN".
	Currency string
	// ExpiresAt is when the reference stops being payable (expiration,
	// expires, expiration_date); zero when not sent.
	ExpiresAt Time
	// URL is a printable payment slip, when sent (url).
	URL string
}

// SPEIReference is an account to receive a SPEI transfer. Its fields are
// read as CashReference's are.
type SPEIReference struct {
	// CLABE is the 18-digit account the buyer transfers to (clabe).
	CLABE string
	// Reference is the numeric reference to quote in the transfer, when
	// sent (reference, reference.number).
	Reference string
	// BankName is the receiving bank, e.g. "STP" (bank_name, bank).
	BankName string
	// Holder is the account holder's name, when sent (name, holder).
	Holder string
	// TransactionID is Sr. Pago's operation id, when sent (transaction).
	TransactionID string
	// Amount to transfer in centavos (as for CashReference).
	Amount int64
	// Currency is "MXN".
	Currency string
	// ExpiresAt is when the reference expires; zero when not sent.
	ExpiresAt Time
}

// wireReference reads both answers under every name seen.
type wireReference struct {
	Reference      json.RawMessage `json:"reference"`
	Barcode        json.RawMessage `json:"barcode"`
	BarcodeURL     flexString      `json:"barcode_url"`
	Transaction    flexString      `json:"transaction"`
	Store          flexString      `json:"store"`
	Total          json.RawMessage `json:"total"`
	Amount         json.RawMessage `json:"amount"`
	Currency       flexString      `json:"currency"`
	Expiration     Time            `json:"expiration"`
	Expires        Time            `json:"expires"`
	ExpirationDate Time            `json:"expiration_date"`
	URL            flexString      `json:"url"`
	CLABE          flexString      `json:"clabe"`
	BankName       flexString      `json:"bank_name"`
	Bank           flexString      `json:"bank"`
	Name           flexString      `json:"name"`
	Holder         flexString      `json:"holder"`
}

// textOrNumber reads raw as a string or number, or, for an object, its
// "number" member (a reference may be {"number", "description"}).
func textOrNumber(raw json.RawMessage) string {
	var s flexString
	if json.Unmarshal(raw, &s) == nil && s != "" {
		return string(s)
	}
	var obj struct {
		Number flexString `json:"number"`
	}
	if json.Unmarshal(raw, &obj) == nil {
		return string(obj.Number)
	}
	return ""
}

// money reads an amount as a number, a numeric string or an {amount,
// currency} object; ok is false when raw holds none.
func money(raw json.RawMessage) (cents int64, currency string, ok bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, "", false
	}
	var d wire.Decimal
	if json.Unmarshal(raw, &d) == nil {
		return d.Cents(), "", true
	}
	var m wireMoney
	if json.Unmarshal(raw, &m) == nil && m.Amount != 0 {
		return m.Amount.Cents(), m.Currency, true
	}
	return 0, "", false
}

func (w *wireReference) expires() Time {
	for _, t := range []Time{w.Expiration, w.Expires, w.ExpirationDate} {
		if !t.IsZero() {
			return t
		}
	}
	return Time{}
}

func (w *wireReference) amount(asked int64) (int64, string) {
	for _, raw := range []json.RawMessage{w.Total, w.Amount} {
		if c, cur, ok := money(raw); ok {
			if cur == "" {
				cur = string(w.Currency)
			}
			if cur == "" {
				cur = "MXN"
			}
			return c, cur
		}
	}
	return asked, "MXN"
}

// referenceResult is a result that must be a JSON object.
type referenceResult struct{ wireReference }

// UnmarshalJSON requires an object.
func (r *referenceResult) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || b[0] != '{' {
		return errNotObject
	}
	return json.Unmarshal(b, &r.wireReference)
}

var (
	errNoCashReference = errors.New("the result holds no reference or barcode")
	errNoCLABE         = errors.New("the result holds no CLABE")
)

// CreateCash creates a reference to pay in cash at a convenience store:
// POST /v1/payment/convenience-store with {"payment": {"reference":
// {"description"}}, "total": <pesos>, "store": "oxxo"}. Sr. Pago later
// collects money against it, so the call is never repeated once it may
// have reached Sr. Pago (a lost answer is an error matching
// ErrOutcomeUnknown: look for the payment in Payments.List with TypeStore
// before creating another). An answer holding no reference is malformed
// and, for the same reason, also matches ErrOutcomeUnknown. The call has
// no reconciliation key: its request carries no merchant id that Sr. Pago
// reports back, and an unpaid reference shows in no listing.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/operaciones/stores
func (s *ReferencesService) CreateCash(ctx context.Context, p *CashReferenceParams) (*CashReference, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	store := p.Store
	if store == "" {
		store = StoreOXXO
	}
	req := &transport.Request{Method: http.MethodPost, Path: "/v1/payment/convenience-store",
		Body: newReferenceBody(p.Amount, p.Description, store), MovesMoney: true, Operation: "references.cash"}
	w, resp, err := do[referenceResult](ctx, c, req)
	if err != nil {
		return nil, err
	}
	ref := &CashReference{
		Reference: textOrNumber(w.Reference), Barcode: textOrNumber(w.Barcode), BarcodeURL: string(w.BarcodeURL),
		TransactionID: string(w.Transaction), Store: string(w.Store), ExpiresAt: w.expires(), URL: string(w.URL),
	}
	if ref.Reference == "" {
		ref.Reference = ref.Barcode
	}
	if ref.Reference == "" {
		return nil, resp.MalformedFor(req, errNoCashReference)
	}
	if ref.Store == "" {
		ref.Store = store
	}
	ref.Amount, ref.Currency = w.amount(p.Amount)
	return ref, nil
}

// CreateSPEI creates a reference to receive a SPEI bank transfer:
// POST /v1/payment/spei with {"payment": {"reference": {"description"}},
// "total": <pesos>}. Like CreateCash it is never repeated once it may have
// reached Sr. Pago, and an answer holding no CLABE is malformed and matches
// ErrOutcomeUnknown. Like CreateCash it has no reconciliation key.
//
// Reference: https://devcenter.srpago.com/docs/librerias/pagos-spei/pagos-spei/
func (s *ReferencesService) CreateSPEI(ctx context.Context, p *SPEIReferenceParams) (*SPEIReference, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	req := &transport.Request{Method: http.MethodPost, Path: "/v1/payment/spei",
		Body: newReferenceBody(p.Amount, p.Description, ""), MovesMoney: true, Operation: "references.spei"}
	w, resp, err := do[referenceResult](ctx, c, req)
	if err != nil {
		return nil, err
	}
	ref := &SPEIReference{
		CLABE: string(w.CLABE), Reference: textOrNumber(w.Reference), BankName: string(w.BankName),
		Holder: string(w.Name), TransactionID: string(w.Transaction), ExpiresAt: w.expires(),
	}
	if ref.CLABE == "" {
		return nil, resp.MalformedFor(req, errNoCLABE)
	}
	if ref.BankName == "" {
		ref.BankName = string(w.Bank)
	}
	if ref.Holder == "" {
		ref.Holder = string(w.Holder)
	}
	ref.Amount, ref.Currency = w.amount(p.Amount)
	return ref, nil
}
