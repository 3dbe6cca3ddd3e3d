package culqi

import (
	"context"
	"encoding/json"
	"fmt"
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
	// Object is "charge".
	Object string `json:"object"`
	// ID is the charge's id (chr_…).
	ID string `json:"id"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Amount is the original amount in céntimos/cents.
	Amount int64 `json:"amount"`
	// AmountRefunded is the sum refunded so far, in céntimos/cents.
	AmountRefunded int64 `json:"amount_refunded"`
	// CurrentAmount is Amount less the refunds.
	CurrentAmount int64 `json:"current_amount"`
	// Installments is normalized by Culqi (0 sent → 1).
	Installments int `json:"installments"`
	// InstallmentsAmount is Culqi's approximate amount of one installment; nil when not sent.
	InstallmentsAmount *int64 `json:"installments_amount"`
	// CurrencyCode is CurrencyPEN or CurrencyUSD.
	CurrencyCode string `json:"currency_code"`
	// Email is empty on a declined charge.
	Email string `json:"email"`
	// Description is the one sent at creation; empty when none was.
	Description string `json:"description"`
	// Source is the token (or card) charged; its object is "token".
	Source *Token `json:"source"`
	// Outcome says whether the charge was authorized or declined.
	Outcome *Outcome `json:"outcome"`
	// FraudScore is 0–100; nil when Culqi sent null.
	FraudScore *float64 `json:"fraud_score"`
	// AntifraudDetails is the payer as Culqi recorded it (Phone, not PhoneNumber).
	AntifraudDetails *AntifraudDetails `json:"antifraud_details"`
	// Dispute is true once the payer disputed the charge.
	Dispute bool `json:"dispute"`
	// Capture is false for an authorization awaiting Capture; nil on a decline.
	Capture *bool `json:"capture"`
	// ReferenceCode is the processor's reference; empty on a decline.
	ReferenceCode string `json:"reference_code"`
	// AuthorizationCode is the issuer's authorization; empty on a decline.
	AuthorizationCode string `json:"authorization_code"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
	// TotalFee, TotalFeeTaxes and TransferAmount are computed by Culqi
	// asynchronously and may be nil at first.
	TotalFee *int64 `json:"total_fee"`
	// FeeDetails breaks TotalFee down; computed asynchronously like it.
	FeeDetails *FeeDetails `json:"fee_details"`
	// TotalFeeTaxes is the tax (IGV) on the fee, in céntimos/cents.
	TotalFeeTaxes *int64 `json:"total_fee_taxes"`
	// TransferAmount is what Culqi will deposit: Amount less the fee and its tax.
	TransferAmount *int64 `json:"transfer_amount"`
	// Paid is true once Culqi deposited the charge to the merchant.
	Paid bool `json:"paid"`
	// StatementDescriptor is the text on the payer's statement ("CULQI*").
	StatementDescriptor string `json:"statement_descriptor"`
	// TransferID is the deposit (Transfer) that paid the charge out; empty before.
	TransferID string `json:"transfer_id"`
	// Operations lists refunds and captures; absent on a create response.
	Operations []*Operation `json:"operations"`
	// CaptureDate is sent in milliseconds; zero until captured.
	CaptureDate Time `json:"capture_date"`
	// Duplicated says a charge with the same data happened before.
	Duplicated *bool `json:"duplicated"`
	// ActionCode is "REVIEW" when 3-D Secure is required (HTTP 200).
	ActionCode string `json:"action_code,omitempty"`
}

// Declined reports whether the charge was declined (Outcome type
// card_error): Culqi keeps declined charges, and Get and List return them.
// False for a nil *Charge.
func (c *Charge) Declined() bool {
	return c != nil && c.Outcome != nil && c.Outcome.Type == OutcomeCardError
}

// SoftDecline reports whether the charge was declined for a reason a later
// attempt may overcome (insufficient funds, the issuer unavailable, a
// processing error, a temporary block), as (*Error).SoftDecline does.
func (c *Charge) SoftDecline() bool { return c.Declined() && softDecline(c.Outcome.DeclineCode) }

// Outcome is the result of a charge.
type Outcome struct {
	// Type is OutcomeSuccess or OutcomeCardError.
	Type string `json:"type"`
	// Code is "AUT0000" on success, "card_declined" on a decline.
	Code string `json:"code"`
	// DeclineCode is the issuer's reason on a decline (DeclineStolenCard, …).
	DeclineCode string `json:"decline_code"`
	// MerchantMessage explains the result to the merchant (Spanish).
	MerchantMessage string `json:"merchant_message"`
	// UserMessage may be shown to the payer (Spanish).
	UserMessage string `json:"user_message"`
}

// AntifraudDetails describes the payer. In requests Culqi reads
// PhoneNumber and DeviceFingerprintID; in responses it returns Phone and
// Object ("client").
type AntifraudDetails struct {
	// FirstName is the payer's first name.
	FirstName string `json:"first_name,omitempty"`
	// LastName is the payer's last name.
	LastName string `json:"last_name,omitempty"`
	// Email is the payer's email.
	Email string `json:"email,omitempty"`
	// Address is the payer's street address.
	Address string `json:"address,omitempty"`
	// AddressCity is the payer's city.
	AddressCity string `json:"address_city,omitempty"`
	// CountryCode is ISO 3166-1 alpha-2 ("PE").
	CountryCode string `json:"country_code,omitempty"`
	// PhoneNumber is the payer's phone, as requests send it.
	PhoneNumber string `json:"phone_number,omitempty"`
	// DeviceFingerprintID comes from Culqi3DS.generateDevice(); needed for 3DS.
	DeviceFingerprintID string `json:"device_finger_print_id,omitempty"`
	// Phone and Object appear in responses only.
	Phone string `json:"phone,omitempty"`
	// Object is "client" in responses.
	Object string `json:"object,omitempty"`
}

// FeeDetails breaks Culqi's fee down.
type FeeDetails struct {
	// FixedFee is the fixed part; Culqi sends {} or null when there is none.
	FixedFee *FixedFee `json:"fixed_fee"`
	// VariableFee is the percentage part.
	VariableFee *VariableFee `json:"variable_fee"`
}

// FixedFee is the fixed part of the fee (often empty).
type FixedFee struct {
	// Amount is the fixed fee in its currency's minor units.
	Amount int64 `json:"amount"`
	// CurrencyCode is the fee's currency.
	CurrencyCode string `json:"currency_code"`
	// ExchangeRate converts the fee to ExchangeRateCurrencyCode.
	ExchangeRate float64 `json:"exchange_rate"`
	// ExchangeRateCurrencyCode is the currency ExchangeRate converts to.
	ExchangeRateCurrencyCode string `json:"exchange_rate_currency_code"`
	// Total is the fixed fee charged, in céntimos/cents.
	Total int64 `json:"total"`
}

// VariableFee is the percentage part of the fee.
type VariableFee struct {
	// CurrencyCode is the fee's currency.
	CurrencyCode string `json:"currency_code"`
	// Commission is a rate (0.0399); the wire spells it "commision".
	Commission float64 `json:"commision"`
	// Total is the variable fee charged, in céntimos/cents.
	Total int64 `json:"total"`
}

// Operation is a refund or capture recorded on a charge.
type Operation struct {
	// Type is e.g. "devolución" for a refund.
	Type string `json:"type"`
	// ID is the refund's id (ref_…) or the capture's.
	ID string `json:"id"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Amount is the amount of the operation, in céntimos/cents.
	Amount int64 `json:"amount"`
	// OperationID numbers the charge's operations from 1.
	OperationID int64 `json:"operation_id"`
	// FixedFee and VariableFee are kept raw: Culqi has only been seen
	// sending null here.
	FixedFee json.RawMessage `json:"fixed_fee"`
	// VariableFee is kept raw, like FixedFee.
	VariableFee json.RawMessage `json:"variable_fee"`
	// TotalFeeTaxes is the tax on the operation's fee; nil when not sent.
	TotalFeeTaxes *int64 `json:"total_fee_taxes"`
	// TransferAmount is the operation's effect on the deposit; nil when not sent.
	TransferAmount *int64 `json:"transfer_amount"`
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
	Capture *bool
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
	// AntifraudDetails describes the payer (needed for 3DS).
	AntifraudDetails *AntifraudDetails
	// Authentication3DS is set on the second request after a REVIEW answer.
	Authentication3DS *Authentication3DS
	// Recurrent marks a merchant-initiated charge of a saved card with the
	// header X-Charge-Channel: recurrent.
	Recurrent bool
	// ReconcileKey identifies this charge for Charges.Reconcile: your own
	// id for the payment (an order number) or, when empty, one the SDK
	// generates (128 random bits). 1 to 64 characters from A-Z a-z 0-9
	// . _ : - (Culqi keeps metadata values of up to 200, so it is never
	// cut). It is sent in the charge's metadata under ReconcileMetadataKey
	// ("latampay_key", which takes one of the 20 metadata keys) and
	// reported in the Key of an *OutcomeUnknownError. Store it, with the
	// time, before calling; use a new key for every new attempt to charge.
	ReconcileKey string
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

// Validate runs the checks Charges.Create makes before any I/O: a positive
// amount, PEN or USD, an email of 5–50 characters, a source, a
// description of 5–80 characters when set, 0–48 installments, Culqi's
// metadata limits, a valid ReconcileKey that agrees with the metadata.
func (p *ChargeParams) Validate() error {
	if p == nil {
		return invalidParams("ChargeParams", "is nil")
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
		return invalidParams("SourceID", "is required (a tkn_, crd_ or ype_ id)")
	}
	if err := checkLen("Description", p.Description, 5, 80, false); err != nil {
		return err
	}
	if p.Installments < 0 || p.Installments > 48 {
		return invalidParamsf("Installments", "must be 0 to 48, got %d", p.Installments)
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return err
	}
	return checkReconcileKey(p.ReconcileKey, p.Metadata)
}

// ChargeListParams filters Charges.List; zero values are not sent, dates go
// out as Unix seconds.
type ChargeListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id; All then walks toward newer ones.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
	// Email keeps the charges of this payer.
	Email string `url:"email,omitempty"`
	// CurrencyCode keeps the charges in CurrencyPEN or CurrencyUSD.
	CurrencyCode string `url:"currency_code,omitempty"`
	// CreationDateFrom keeps objects created at or after it (sent as Unix seconds).
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	// CreationDateTo keeps objects created at or before it (sent as Unix seconds).
	CreationDateTo time.Time `url:"creation_date_to,unix,omitempty"`
	// Amount keeps the charges of exactly this amount, in céntimos/cents.
	Amount int64 `url:"amount,omitempty"`
	// MinAmount keeps the charges of at least this amount.
	MinAmount int64 `url:"min_amount,omitempty"`
	// MaxAmount keeps the charges of at most this amount.
	MaxAmount int64 `url:"max_amount,omitempty"`
	// Installments keeps the charges in this many installments.
	Installments int `url:"installments,omitempty"`
	// CardBrand keeps the charges of one brand (Visa, Mastercard, Amex, Diners).
	CardBrand string `url:"card_brand,omitempty"`
	// CardType keeps the charges of one card type (credito, debito, prepagada).
	CardType string `url:"card_type,omitempty"`
	// CountryCode keeps the charges of cards issued in one country (ISO 3166-1 alpha-2).
	CountryCode string `url:"country_code,omitempty"`
	// Code keeps the charges with this outcome code (AUT0000, card_declined).
	Code string `url:"code,omitempty"`
	// DeclineCode keeps the charges declined with this code (DeclineStolenCard, …).
	DeclineCode string `url:"decline_code,omitempty"`
	// CustomerID keeps the charges of one customer's saved cards.
	CustomerID string `url:"customer_id,omitempty"`
	// Reference keeps the charge with this processor reference code.
	Reference string `url:"reference,omitempty"`
}

// Validate runs the check Charges.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *ChargeListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// ChargesService is the /v2/charges API.
type ChargesService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *ChargesService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// ChargeService is the former name of ChargesService.
//
// Deprecated: use ChargesService.
type ChargeService = ChargesService

// Create charges a source. It is never retried once it may have reached
// Culqi: an unknown outcome is an *OutcomeUnknownError (matching
// ErrOutcomeUnknown) whose Key and SentAt go to Reconcile. The params are
// never changed: the ReconcileKey (given or generated) is added to a copy
// of the metadata.
//
// Three outcomes: a *Charge (HTTP 201, check Outcome); a *Charge together
// with an *AuthenticationRequiredError matching ErrAuthenticationRequired
// (HTTP 200, action_code REVIEW: run 3-D Secure and send the same params
// again with Authentication3DS); or an error — a decline is an *Error with
// Type card_error, a DeclineCode and the ChargeID (HTTP 402). An HTTP 200
// without action_code REVIEW is not documented by Culqi: it matches
// ErrOutcomeUnknown.
//
// Create sends POST /v2/charges.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/cargo-unico/cargos
func (s *ChargesService) Create(ctx context.Context, p *ChargeParams) (*Charge, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	key, md, err := reconcileMetadata(p.ReconcileKey, p.Metadata)
	if err != nil {
		return nil, err
	}
	body := chargeBody{Amount: p.Amount, CurrencyCode: p.CurrencyCode, Email: p.Email, SourceID: p.SourceID,
		Description: p.Description, Installments: p.Installments, Capture: p.Capture, Metadata: md,
		AntifraudDetails: toAntifraudBody(p.AntifraudDetails), Authentication3DS: p.Authentication3DS}
	req := &transport.Request{Method: http.MethodPost, Path: "/v2/charges", Body: body, MovesMoney: true,
		Operation: "charges.create", ReconcileKey: key}
	if p.Recurrent {
		req.Header = http.Header{"X-Charge-Channel": {"recurrent"}}
	}
	out := new(Charge)
	resp, err := s.client().do(ctx, req, out)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		if out.ActionCode != ActionCodeReview {
			return nil, unexpectedOK(resp)
		}
		return out, &AuthenticationRequiredError{ActionCode: out.ActionCode, RequestID: transport.Mask(resp.RequestID)}
	}
	return out, nil
}

// unexpectedOK is the error of an HTTP 200 without action_code REVIEW on
// charge or card creation. Culqi documents 200 only for the 3-D Secure
// challenge and answers a created object with 201, so such an answer says
// nothing known about a request that may have moved money.
func unexpectedOK(resp *transport.Response) error {
	return resp.OutcomeUnknown(resp.Malformed(fmt.Errorf(
		"HTTP 200 without action_code %q (Culqi answers a created object with 201)", ActionCodeReview)))
}

// Get fetches a charge.
//
// Get sends GET /v2/charges/{id}.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/cargo-unico/cargos
func (s *ChargesService) Get(ctx context.Context, id string) (*Charge, error) {
	return get[Charge](ctx, s.client(), "id", id, "charges")
}

// Update sets metadata on a charge (retried like a GET).
//
// Update sends PATCH /v2/charges/{id}.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/cargo-unico/cargos
func (s *ChargesService) Update(ctx context.Context, id string, p *MetadataParams) (*Charge, error) {
	return updateMetadata[Charge](ctx, s.client(), "id", id, p, "charges")
}

// Capture captures an authorized charge (created with Capture false) in
// full. It moves money: never retried once it may have reached Culqi.
//
// Capture sends POST /v2/charges/{id}/capture.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/cargo-unico/cargos
func (s *ChargesService) Capture(ctx context.Context, id string) (*Charge, error) {
	pth, err := objectPath("id", id, "charges")
	if err != nil {
		return nil, err
	}
	out := new(Charge)
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: pth + "/capture", Operation: "charges.capture",
		MovesMoney: true}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Reconcile finds the charge created with the reconciliation key key (a
// ChargeParams.ReconcileKey, or the Key of an *OutcomeUnknownError) by a
// call started at since (the error's SentAt, or the time you stored before
// calling). It returns the charge — check Outcome or Declined: a declined
// charge exists too — or an error matching ErrNotFound when no charge
// carries the key. It never creates anything.
//
// It lists charges with creation_date_from set to since less
// ReconcileClockSkew (5 minutes, for a clock ahead of Culqi's), newest
// first, 100 a page, fetched lazily, and matches the key in each charge's
// metadata. creation_date_from is the filter the official Culqi SDKs
// validate for this list; Culqi's own reference does not document it, so
// the walk also stops at the first charge older than the window, and
// matching is always on the metadata, never on the filter. Culqi does not
// document how soon a new charge shows in its list: when the answer is
// ErrNotFound shortly after the call, wait a minute and Reconcile again;
// once you give up, charge anew with a NEW ReconcileKey. A since in the
// future, a zero since or an invalid key is refused before any I/O.
//
// Reconcile sends GET /v2/charges, once per page.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/cargo-unico/cargos
func (s *ChargesService) Reconcile(ctx context.Context, key string, since time.Time) (*Charge, error) {
	return reconcile(ctx, s.client(), "charge", key, since, func(from time.Time) iter.Seq2[*Charge, error] {
		return s.All(ctx, &ChargeListParams{CreationDateFrom: from, Limit: 100})
	}, func(ch *Charge) (Metadata, time.Time) { return ch.Metadata, ch.CreationDate.Time })
}

// List fetches one page of charges, newest first (declined ones included).
// Nil params list without filters.
//
// List sends GET /v2/charges.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/cargo-unico/cargos
func (s *ChargesService) List(ctx context.Context, p *ChargeListParams) (*Page[Charge], error) {
	var q ChargeListParams
	if p != nil {
		q = *p
	}
	return list[Charge](ctx, s.client(), "/v2/charges", &q, q.Limit, q.Before != "")
}

// All walks every charge matching p, fetching pages lazily.
//
// All sends GET /v2/charges, once per page.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/cargo-unico/cargos
func (s *ChargesService) All(ctx context.Context, p *ChargeListParams) iter.Seq2[*Charge, error] {
	var q ChargeListParams
	if p != nil {
		q = *p
	}
	return walkList[Charge](ctx, s.client(), "/v2/charges", &q, q.Limit, q.After, q.Before)
}
