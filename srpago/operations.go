package srpago

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/wire"
)

// OperationsService reads completed operations: the way to reconcile a
// charge whose outcome is unknown, and to answer a webhook safely. Its
// methods on a nil service return an error matching ErrNoClient.
type OperationsService service

// OperationService is the old name of OperationsService.
//
// Deprecated: use OperationsService.
type OperationService = OperationsService

// OperationStatus is an operation's status letter (open set).
type OperationStatus string

// StatusApproved is the status of every approved operation seen.
const StatusApproved OperationStatus = "N"

// Operation is a completed operation (the "recipe" of a charge).
type Operation struct {
	// TransactionID is Sr. Pago's id (base64 of an integer).
	TransactionID string
	// Timestamp is when the operation was carried out.
	Timestamp Time
	// PaymentMethod is how it was paid, e.g. "POS".
	PaymentMethod string
	// AuthorizationCode is the bank's authorization code.
	AuthorizationCode string
	// Status is the status letter; see IsApproved.
	Status OperationStatus
	// Description is the charge's reference.description.
	Description string
	// Reference is the charge's reference.number (the OrderID unless
	// ChargeParams.Reference was set).
	Reference string
	// Card is the card as Sr. Pago shows it (number masked or last four).
	Card OperationCard
	// Amount in centavos.
	Amount int64
	// Currency of Amount, "MXN".
	Currency string
	// Tip in centavos.
	Tip int64
	// Fee is Sr. Pago's fee in centavos, when listed.
	Fee int64
	// Commission is Sr. Pago's commission in centavos (store listings;
	// 0 when absent).
	Commission int64
	// Balance is what the merchant receives in centavos (web-checkout
	// listings; 0 when absent).
	Balance int64
	// Affiliation is the affiliation number Sr. Pago reports for the
	// operation.
	Affiliation string
	// TransactionType is Sr. Pago's type letter ("E" in every example
	// seen).
	TransactionType string
	// ReceiptURL is the receipt page.
	ReceiptURL string
	// Reversed is hasDevolution.
	Reversed bool
}

// IsApproved reports whether the status is StatusApproved.
func (o *Operation) IsApproved() bool { return o.Status == StatusApproved }

// OperationCard is the card of an operation.
type OperationCard struct {
	// HolderName is the cardholder's name.
	HolderName string
	// Type is the card brand.
	Type CardType
	// Number is the masked number or the last four digits.
	Number string
	// Label is the merchant's label for the card, often empty.
	Label string
}

type wireMoney struct {
	Amount   wire.Decimal `json:"amount"`
	Currency string       `json:"currency"`
}

type wireOperation struct {
	Transaction       flexString `json:"transaction"`
	Timestamp         Time       `json:"timestamp"`
	PaymentMethod     string     `json:"payment_method"`
	AuthorizationCode flexString `json:"authorization_code"`
	Status            flexString `json:"status"`
	Reference         struct {
		Description flexString `json:"description"`
		Number      flexString `json:"number"`
	} `json:"reference"`
	Card struct {
		HolderName string     `json:"holder_name"`
		Type       CardType   `json:"type"`
		Number     flexString `json:"number"`
		Label      string     `json:"label"`
	} `json:"card"`
	Total           wireMoney  `json:"total"`
	Tip             wireMoney  `json:"tip"`
	Fee             wireMoney  `json:"fee"`
	Commission      wireMoney  `json:"commission"`
	Balance         wireMoney  `json:"balance"`
	Affiliation     flexString `json:"affiliation"`
	TransactionType string     `json:"transaction_type"`
	URL             string     `json:"url"`
	HasDevolution   flexBool   `json:"hasDevolution"`
}

func (w *wireOperation) operation() *Operation {
	return &Operation{
		TransactionID:     string(w.Transaction),
		Timestamp:         w.Timestamp,
		PaymentMethod:     w.PaymentMethod,
		AuthorizationCode: string(w.AuthorizationCode),
		Status:            OperationStatus(w.Status),
		Description:       string(w.Reference.Description),
		Reference:         string(w.Reference.Number),
		Card: OperationCard{HolderName: w.Card.HolderName, Type: w.Card.Type,
			Number: string(w.Card.Number), Label: w.Card.Label},
		Amount:          w.Total.Amount.Cents(),
		Currency:        w.Total.Currency,
		Tip:             w.Tip.Amount.Cents(),
		Fee:             w.Fee.Amount.Cents(),
		Commission:      w.Commission.Amount.Cents(),
		Balance:         w.Balance.Amount.Cents(),
		Affiliation:     string(w.Affiliation),
		TransactionType: w.TransactionType,
		ReceiptURL:      w.URL,
		Reversed:        bool(w.HasDevolution),
	}
}

// UnmarshalJSON decodes the API's operation object (amounts as strings or
// numbers).
func (o *Operation) UnmarshalJSON(b []byte) error {
	var w wireOperation
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*o = *w.operation()
	return nil
}

// Get fetches one operation: GET /v1/operations/{transactionID}. Sr. Pago
// answers an unknown id with an HTTP 500 InvalidTransactionException: that
// *Error matches ErrNotFound here.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/operaciones/operaciones/
func (s *OperationsService) Get(ctx context.Context, transactionID string) (*Operation, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	id, err := pathID("transactionID", transactionID)
	if err != nil {
		return nil, err
	}
	op, err := call[Operation](ctx, c, &transport.Request{Method: http.MethodGet, Path: "/v1/operations/" + id})
	if err != nil {
		return nil, markMissing(err)
	}
	return op, nil
}

// Charge methods for OperationListParams.ChargeMethod.
const (
	ChargeMethodCard = "CARD"
	ChargeMethodSPEI = "SPE"
)

// OperationListParams filters and pages the operation list.
type OperationListParams struct {
	// StartDate and EndDate bound the operations by calendar date in
	// Mexico City, where Sr. Pago keeps its dates: each is converted to
	// America/Mexico_City before its date is taken, whatever its
	// time.Location. An Operation.Timestamp (decoded in UTC) passed back
	// thus searches the operation's own day. Build other dates in Mexico
	// City time: midnight UTC is the previous evening there.
	StartDate, EndDate time.Time
	// CardType filters by brand (VISA, MAST, AMEX, CRNT).
	CardType CardType
	// Operator filters by the operator's e-mail.
	Operator string
	// ChargeMethod is CARD or SPE.
	ChargeMethod string
	// Limit is the page size; 0 lets the API choose.
	Limit int
	// Offset skips that many operations.
	Offset int
}

// OperationList is one page of operations.
type OperationList struct {
	// Data are the operations of this page.
	Data []*Operation
	// HasMore says whether a further page may exist, decided as for
	// CustomerList.HasMore (a total of 0 is ignored: the API sends it
	// beside non-empty lists).
	HasMore bool
	// Total is the API's count of matching operations (not always
	// reliable).
	Total int
}

// Validate reports what List refuses before any I/O: a negative Limit or
// Offset, an EndDate before StartDate.
func (p *OperationListParams) Validate() error {
	if p == nil {
		return nil
	}
	_, err := p.query()
	return err
}

func (p *OperationListParams) query() (url.Values, error) {
	q, err := pageQuery(p.Limit, p.Offset)
	if err != nil {
		return nil, err
	}
	start, end := mexicoCityDate(p.StartDate), mexicoCityDate(p.EndDate)
	// The dates compare as text (YYYY-MM-DD): two instants of one day
	// are a valid one-day range.
	if start != "" && end != "" && end < start {
		return nil, invalidParams("EndDate", "is before StartDate")
	}
	if start != "" {
		q.Set("start_date", start)
	}
	if end != "" {
		q.Set("end_date", end)
	}
	if p.CardType != "" {
		q.Set("card_type", string(p.CardType))
	}
	if p.Operator != "" {
		q.Set("operator", p.Operator)
	}
	if p.ChargeMethod != "" {
		q.Set("charge_method", p.ChargeMethod)
	}
	return q, nil
}

// mexicoCity is Sr. Pago's time zone, loaded once. Without a time zone
// database it is UTC-6, Mexico City's offset all year since daylight saving
// time ended there in 2022.
var mexicoCity = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation("America/Mexico_City"); err == nil {
		return loc
	}
	return time.FixedZone("CST", -6*60*60)
})

// mexicoCityDate is t's calendar date in Mexico City, "" for the zero time.
func mexicoCityDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(mexicoCity()).Format(time.DateOnly)
}

// List returns one page of successful operations: GET /v1/operations with
// start_date, end_date, card_type, operator, charge_method, limit, offset.
// A result holding no list is an error matching ErrMalformedResponse, never
// an empty page: reconciliation must not read "not charged" from it.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/operaciones/operaciones/
func (s *OperationsService) List(ctx context.Context, p *OperationListParams) (*OperationList, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if p == nil {
		p = &OperationListParams{}
	}
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	return operationPage(ctx, c, q, p.Limit, p.Offset)
}

// operationPage fetches the page of operations query asks for: limit and
// offset are its paging values.
func operationPage(ctx context.Context, c *Client, query any, limit, offset int) (*OperationList, error) {
	l, err := call[list[wireOperation]](ctx, c, &transport.Request{Method: http.MethodGet, Path: "/v1/operations", Query: query})
	if err != nil {
		return nil, err
	}
	return &OperationList{Data: operations(l.items), Total: max(l.total, 0), HasMore: more(len(l.items), limit, offset, l.total)}, nil
}

// All walks every matching operation from p.Offset on, one page of p.Limit
// at a time (GET /v1/operations, as List). A page that repeats the previous
// one ends the walk with an error matching ErrMalformedResponse.
func (s *OperationsService) All(ctx context.Context, p *OperationListParams) iter.Seq2[*Operation, error] {
	var base OperationListParams
	if p != nil {
		base = *p
	}
	q, qerr := base.query()
	return walkOffsets(ctx, (*service)(s), base.Limit, base.Offset, func(o *Operation) string { return o.TransactionID }, q, qerr,
		func(ctx context.Context, c *Client, query string, offset int) ([]*Operation, bool, error) {
			page, err := operationPage(ctx, c, query, base.Limit, offset)
			if err != nil {
				return nil, false, err
			}
			return page.Data, page.HasMore, nil
		})
}
