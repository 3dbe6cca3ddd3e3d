package culqi

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Outcome types Culqi reports on a charge.
const (
	OutcomeSuccess   = "venta_exitosa" // the charge was authorized
	OutcomeCardError = "card_error"    // the charge was declined
)

// Charge is a Culqi charge (chr_…). A declined charge exists too: Create
// returns an *Error with its ChargeID, and Get returns it with an Outcome of
// type card_error.
type Charge struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Amount is the original amount in céntimos/cents.
	Amount         int64 `json:"amount"`
	AmountRefunded int64 `json:"amount_refunded"`
	// CurrentAmount is Amount less the refunds.
	CurrentAmount int64 `json:"current_amount"`
	// Installments is normalized by Culqi (0 sent → 1).
	Installments       int    `json:"installments"`
	InstallmentsAmount *int64 `json:"installments_amount"`
	CurrencyCode       string `json:"currency_code"`
	// Email is empty on a declined charge.
	Email       string `json:"email"`
	Description string `json:"description"`
	// Source is the token (or card) charged; its object is "token".
	Source  *Token   `json:"source"`
	Outcome *Outcome `json:"outcome"`
	// FraudScore is 0–100; nil when Culqi sent null.
	FraudScore       *float64          `json:"fraud_score"`
	AntifraudDetails *AntifraudDetails `json:"antifraud_details"`
	Dispute          bool              `json:"dispute"`
	// Capture is false for an authorization awaiting Capture; nil on a decline.
	Capture           *bool    `json:"capture"`
	ReferenceCode     string   `json:"reference_code"`
	AuthorizationCode string   `json:"authorization_code"`
	Metadata          Metadata `json:"metadata"`
	// TotalFee, TotalFeeTaxes and TransferAmount are computed by Culqi
	// asynchronously and may be nil at first.
	TotalFee            *int64      `json:"total_fee"`
	FeeDetails          *FeeDetails `json:"fee_details"`
	TotalFeeTaxes       *int64      `json:"total_fee_taxes"`
	TransferAmount      *int64      `json:"transfer_amount"`
	Paid                bool        `json:"paid"`
	StatementDescriptor string      `json:"statement_descriptor"`
	TransferID          string      `json:"transfer_id"`
	// Operations lists refunds and captures; absent on a create response.
	Operations  []*Operation `json:"operations"`
	CaptureDate Time         `json:"capture_date"`
	// Duplicated says a charge with the same data happened before.
	Duplicated *bool `json:"duplicated"`
	// ActionCode is "REVIEW" when 3-D Secure is required (HTTP 200).
	ActionCode string `json:"action_code,omitempty"`
}

// Outcome is the result of a charge.
type Outcome struct {
	// Type is OutcomeSuccess or OutcomeCardError.
	Type string `json:"type"`
	// Code is "AUT0000" on success, "card_declined" on a decline.
	Code            string `json:"code"`
	DeclineCode     string `json:"decline_code"`
	MerchantMessage string `json:"merchant_message"`
	UserMessage     string `json:"user_message"`
}

// AntifraudDetails describes the payer. In requests Culqi reads
// PhoneNumber and DeviceFingerprintID; in responses it returns Phone and
// Object ("client").
type AntifraudDetails struct {
	FirstName   string `json:"first_name,omitempty"`
	LastName    string `json:"last_name,omitempty"`
	Email       string `json:"email,omitempty"`
	Address     string `json:"address,omitempty"`
	AddressCity string `json:"address_city,omitempty"`
	// CountryCode is ISO 3166-1 alpha-2 ("PE").
	CountryCode string `json:"country_code,omitempty"`
	PhoneNumber string `json:"phone_number,omitempty"`
	// DeviceFingerprintID comes from Culqi3DS.generateDevice(); needed for 3DS.
	DeviceFingerprintID string `json:"device_finger_print_id,omitempty"`
	// Phone and Object appear in responses only.
	Phone  string `json:"phone,omitempty"`
	Object string `json:"object,omitempty"`
}

// FeeDetails breaks Culqi's fee down.
type FeeDetails struct {
	FixedFee    *FixedFee    `json:"fixed_fee"`
	VariableFee *VariableFee `json:"variable_fee"`
}

// FixedFee is the fixed part of the fee (often empty).
type FixedFee struct {
	Amount                   int64   `json:"amount"`
	CurrencyCode             string  `json:"currency_code"`
	ExchangeRate             float64 `json:"exchange_rate"`
	ExchangeRateCurrencyCode string  `json:"exchange_rate_currency_code"`
	Total                    int64   `json:"total"`
}

// VariableFee is the percentage part of the fee.
type VariableFee struct {
	CurrencyCode string `json:"currency_code"`
	// Commission is a rate (0.0399); the wire spells it "commision".
	Commission float64 `json:"commision"`
	Total      int64   `json:"total"`
}

// Operation is a refund or capture recorded on a charge.
type Operation struct {
	// Type is e.g. "devolución" for a refund.
	Type         string `json:"type"`
	ID           string `json:"id"`
	CreationDate Time   `json:"creation_date"`
	Amount       int64  `json:"amount"`
	OperationID  int64  `json:"operation_id"`
	// FixedFee and VariableFee are kept raw: Culqi has only been seen
	// sending null here.
	FixedFee       json.RawMessage `json:"fixed_fee"`
	VariableFee    json.RawMessage `json:"variable_fee"`
	TotalFeeTaxes  *int64          `json:"total_fee_taxes"`
	TransferAmount *int64          `json:"transfer_amount"`
}

// ChargeParams creates a charge.
type ChargeParams struct {
	// Amount in céntimos/cents, positive.
	Amount int64
	// CurrencyCode is CurrencyPEN or CurrencyUSD.
	CurrencyCode string
	// Email of the payer, 5 to 50 characters.
	Email string
	// SourceID is a token (tkn_…, single use), a saved card (crd_…) or a
	// Yape token (ype_…).
	SourceID string
	// Description, 5 to 80 characters when set.
	Description string
	// Installments must be one of the token's IIN.InstallmentsAllowed; 0 is not sent.
	Installments int
	// Capture false only authorizes; capture within 4 days with
	// Charges.Capture. Nil sends nothing (Culqi's default, true).
	Capture  *bool
	Metadata map[string]string
	// AntifraudDetails describes the payer (needed for 3DS).
	AntifraudDetails *AntifraudDetails
	// Authentication3DS is set on the second request after a REVIEW answer.
	Authentication3DS *Authentication3DS
	// Recurrent marks a merchant-initiated charge of a saved card with the
	// header X-Charge-Channel: recurrent.
	Recurrent bool
}

type chargeBody struct {
	Amount            int64              `json:"amount"`
	CurrencyCode      string             `json:"currency_code"`
	Email             string             `json:"email"`
	SourceID          string             `json:"source_id"`
	Description       string             `json:"description,omitempty"`
	Installments      int                `json:"installments,omitempty"`
	Capture           *bool              `json:"capture,omitempty"`
	Metadata          map[string]string  `json:"metadata,omitempty"`
	AntifraudDetails  *antifraudBody     `json:"antifraud_details,omitempty"`
	Authentication3DS *Authentication3DS `json:"authentication_3DS,omitempty"`
}

type antifraudBody struct {
	FirstName           string `json:"first_name,omitempty"`
	LastName            string `json:"last_name,omitempty"`
	Email               string `json:"email,omitempty"`
	Address             string `json:"address,omitempty"`
	AddressCity         string `json:"address_city,omitempty"`
	CountryCode         string `json:"country_code,omitempty"`
	PhoneNumber         string `json:"phone_number,omitempty"`
	DeviceFingerprintID string `json:"device_finger_print_id,omitempty"`
}

func toAntifraudBody(a *AntifraudDetails) *antifraudBody {
	if a == nil {
		return nil
	}
	phone := a.PhoneNumber
	if phone == "" {
		phone = a.Phone
	}
	return &antifraudBody{FirstName: a.FirstName, LastName: a.LastName, Email: a.Email, Address: a.Address,
		AddressCity: a.AddressCity, CountryCode: a.CountryCode, PhoneNumber: phone, DeviceFingerprintID: a.DeviceFingerprintID}
}

func (p *ChargeParams) validate() error {
	if p == nil {
		return transport.InvalidParams("ChargeParams", "is nil")
	}
	if err := checkAmount("Amount", p.Amount); err != nil {
		return err
	}
	if err := checkCurrency("CurrencyCode", p.CurrencyCode); err != nil {
		return err
	}
	if err := checkEmail("Email", p.Email, true); err != nil {
		return err
	}
	if p.SourceID == "" {
		return transport.InvalidParams("SourceID", "is required (a tkn_, crd_ or ype_ id)")
	}
	if err := checkLen("Description", p.Description, 5, 80, false); err != nil {
		return err
	}
	if p.Installments < 0 || p.Installments > 48 {
		return transport.InvalidParamsf("Installments", "must be 0 to 48, got %d", p.Installments)
	}
	return checkMetadata(p.Metadata)
}

// ChargeListParams filters Charges.List; zero values are not sent, dates go
// out as Unix seconds.
type ChargeListParams struct {
	Limit            int       `url:"limit,omitempty"`
	Before           string    `url:"before,omitempty"`
	After            string    `url:"after,omitempty"`
	Email            string    `url:"email,omitempty"`
	CurrencyCode     string    `url:"currency_code,omitempty"`
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	CreationDateTo   time.Time `url:"creation_date_to,unix,omitempty"`
	Amount           int64     `url:"amount,omitempty"`
	MinAmount        int64     `url:"min_amount,omitempty"`
	MaxAmount        int64     `url:"max_amount,omitempty"`
	Installments     int       `url:"installments,omitempty"`
	CardBrand        string    `url:"card_brand,omitempty"`
	CardType         string    `url:"card_type,omitempty"`
	CountryCode      string    `url:"country_code,omitempty"`
	Code             string    `url:"code,omitempty"`
	DeclineCode      string    `url:"decline_code,omitempty"`
	CustomerID       string    `url:"customer_id,omitempty"`
	Reference        string    `url:"reference,omitempty"`
}

// ChargeService is the /v2/charges API.
type ChargeService struct{ c *Client }

// Create charges a source. It is never retried once it may have reached
// Culqi (an unknown outcome matches ErrOutcomeUnknown: reconcile with List).
//
// Three outcomes: a *Charge (HTTP 201, check Outcome); a *Charge together
// with an *AuthenticationRequiredError matching ErrAuthenticationRequired
// (HTTP 200, action_code REVIEW: run 3-D Secure and send the same params
// again with Authentication3DS); or an error — a decline is an *Error with
// Type card_error, a DeclineCode and the ChargeID (HTTP 402).
func (s *ChargeService) Create(ctx context.Context, p *ChargeParams) (*Charge, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	body := chargeBody{Amount: p.Amount, CurrencyCode: p.CurrencyCode, Email: p.Email, SourceID: p.SourceID,
		Description: p.Description, Installments: p.Installments, Capture: p.Capture, Metadata: p.Metadata,
		AntifraudDetails: toAntifraudBody(p.AntifraudDetails), Authentication3DS: p.Authentication3DS}
	req := &transport.Request{Method: http.MethodPost, Path: "/v2/charges", Body: body, MovesMoney: true}
	if p.Recurrent {
		req.Header = http.Header{"X-Charge-Channel": {"recurrent"}}
	}
	out := new(Charge)
	resp, err := s.c.do(ctx, req, out)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		return out, &AuthenticationRequiredError{ActionCode: out.ActionCode, RequestID: resp.RequestID}
	}
	return out, nil
}

// Get fetches a charge.
func (s *ChargeService) Get(ctx context.Context, id string) (*Charge, error) {
	return get[Charge](ctx, s.c, "id", id, "charges")
}

// Update sets metadata on a charge (retried like a GET).
func (s *ChargeService) Update(ctx context.Context, id string, p *MetadataParams) (*Charge, error) {
	return updateMetadata[Charge](ctx, s.c, "id", id, p, "charges")
}

// Capture captures an authorized charge (created with Capture false) in
// full. It moves money: never retried once it may have reached Culqi.
func (s *ChargeService) Capture(ctx context.Context, id string) (*Charge, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	out := new(Charge)
	if _, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: path("charges", id, "capture"),
		MovesMoney: true}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// List fetches one page of charges, newest first (declined ones included).
// Nil params list without filters.
func (s *ChargeService) List(ctx context.Context, p *ChargeListParams) (*Page[Charge], error) {
	var q ChargeListParams
	if p != nil {
		q = *p
	}
	return list[Charge](ctx, s.c, "/v2/charges", &q, q.Limit)
}

// All walks every charge matching p, fetching pages lazily.
func (s *ChargeService) All(ctx context.Context, p *ChargeListParams) iter.Seq2[*Charge, error] {
	var q ChargeListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, func(ctx context.Context, after string) (*Page[Charge], error) {
		qq := q
		if after != "" {
			qq.After, qq.Before = after, ""
		}
		return s.List(ctx, &qq)
	})
}
