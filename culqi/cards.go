package culqi

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// SavedCard is a card saved on a customer (crd_…), usable as a charge
// SourceID for one-click and recurring charges.
type SavedCard struct {
	// Object is "card".
	Object string `json:"object"`
	// ID is the saved card's id (crd_…).
	ID string `json:"id"`
	// Active is false once the card can no longer be charged.
	Active bool `json:"active"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// CustomerID is the customer the card belongs to.
	CustomerID string `json:"customer_id"`
	// Source is the token the card was saved from.
	Source *Token `json:"source"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
	// ActionCode is "REVIEW" when 3-D Secure is required (HTTP 200).
	ActionCode string `json:"action_code,omitempty"`
}

// CardParams saves a tokenized card on a customer.
type CardParams struct {
	// CustomerID is the customer to save the card on (cus_…).
	CustomerID string
	// TokenID is an unused card token (tkn_…).
	TokenID string
	// Validate: Culqi runs a small validation charge (refunded at once)
	// unless false. Nil sends nothing (Culqi's default, true).
	Validate *bool
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
	// DeviceFingerprintID comes from Culqi3DS.generateDevice().
	DeviceFingerprintID string
	// Authentication3DS is set on the second request after a REVIEW answer.
	Authentication3DS *Authentication3DS
}

// CheckCardParams runs the checks Cards.Create makes before any I/O: a
// CustomerID, a TokenID, Culqi's metadata limits. (CardParams has no
// Validate method: its Validate field, Culqi's "validate" flag, holds the
// name.)
func CheckCardParams(p *CardParams) error { return checkCardParams(p) }

func checkCardParams(p *CardParams) error {
	if p == nil {
		return invalidParams("CardParams", "is nil")
	}
	if p.CustomerID == "" {
		return invalidParams("CustomerID", "is required")
	}
	if p.TokenID == "" {
		return invalidParams("TokenID", "is required")
	}
	return checkMetadata(p.Metadata)
}

type cardBody struct {
	CustomerID          string             `json:"customer_id"`
	TokenID             string             `json:"token_id"`
	Validate            *bool              `json:"validate,omitempty"`
	Metadata            map[string]string  `json:"metadata,omitempty"`
	DeviceFingerprintID string             `json:"device_finger_print_id,omitempty"`
	Authentication3DS   *Authentication3DS `json:"authentication_3DS,omitempty"`
}

// CardUpdateParams updates a saved card: its metadata and/or a new token.
type CardUpdateParams struct {
	// TokenID replaces the card's token when set.
	TokenID string
	// Metadata adds or replaces these keys.
	Metadata map[string]string
}

// Validate runs the checks Cards.Update makes before any I/O: something
// to set, Culqi's metadata limits.
func (p *CardUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("CardUpdateParams", "is nil")
	}
	if p.TokenID == "" && p.Metadata == nil {
		return invalidParams("CardUpdateParams", "sets nothing")
	}
	return checkMetadata(p.Metadata)
}

type cardUpdateBody struct {
	TokenID  string            `json:"token_id,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// CardListParams filters Cards.List; zero values are not sent.
type CardListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id; All then walks toward newer ones.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
	// CreationDateFrom keeps objects created at or after it (sent as Unix seconds).
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	// CreationDateTo keeps objects created at or before it (sent as Unix seconds).
	CreationDateTo time.Time `url:"creation_date_to,unix,omitempty"`
	// CardBrand keeps the cards of one brand (Visa, Mastercard, Amex, Diners).
	CardBrand string `url:"card_brand,omitempty"`
	// CardType keeps the cards of one type (credito, debito, prepagada).
	CardType string `url:"card_type,omitempty"`
	// DeviceType keeps the cards tokenized on one kind of device (escritorio, movil, tablet).
	DeviceType string `url:"device_type,omitempty"`
	// BIN keeps the cards whose number starts with these six digits.
	BIN string `url:"bin,omitempty"`
	// CountryCode keeps the cards issued in one country (ISO 3166-1 alpha-2).
	CountryCode string `url:"country_code,omitempty"`
}

// Validate runs the check Cards.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *CardListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// CardsService is the /v2/cards API.
type CardsService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *CardsService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// CardService is the former name of CardsService.
//
// Deprecated: use CardsService.
type CardService = CardsService

// Create saves a card. Culqi validates it with a small charge, so it is
// never retried once it may have reached Culqi. A declined card is an
// *Error (HTTP 400, Type card_error, DeclineCode, ChargeID); an HTTP 200
// with action_code REVIEW means 3-D Secure is required: the card is
// returned with an *AuthenticationRequiredError matching
// ErrAuthenticationRequired. Any other HTTP 200 matches ErrOutcomeUnknown.
//
// Create sends POST /v2/cards.
// Culqi reference: https://apidocs.culqi.com/ (section Tarjetas)
func (s *CardsService) Create(ctx context.Context, p *CardParams) (*SavedCard, error) {
	if err := checkCardParams(p); err != nil {
		return nil, err
	}
	body := cardBody{CustomerID: p.CustomerID, TokenID: p.TokenID, Validate: p.Validate, Metadata: p.Metadata,
		DeviceFingerprintID: p.DeviceFingerprintID, Authentication3DS: p.Authentication3DS}
	out := new(SavedCard)
	resp, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/cards", Body: body, MovesMoney: true,
		Operation: "cards.create"}, out)
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

// Get fetches a saved card.
//
// Get sends GET /v2/cards/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Tarjetas)
func (s *CardsService) Get(ctx context.Context, id string) (*SavedCard, error) {
	return get[SavedCard](ctx, s.client(), "id", id, "cards")
}

// Update sets metadata and/or swaps the card's token. A metadata-only
// update is retried like a GET; one with a (single-use) token is not.
//
// Update sends PATCH /v2/cards/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Tarjetas)
func (s *CardsService) Update(ctx context.Context, id string, p *CardUpdateParams) (*SavedCard, error) {
	pth, err := objectPath("id", id, "cards")
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	out := new(SavedCard)
	_, err = s.client().do(ctx, &transport.Request{Method: http.MethodPatch, Path: pth,
		Body: cardUpdateBody{TokenID: p.TokenID, Metadata: p.Metadata}, Idempotent: p.TokenID == ""}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes a saved card.
//
// Delete sends DELETE /v2/cards/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Tarjetas)
func (s *CardsService) Delete(ctx context.Context, id string) error {
	_, err := del(ctx, s.client(), "id", id, "cards")
	return err
}

// List fetches one page of saved cards. Nil params list without filters.
//
// List sends GET /v2/cards.
// Culqi reference: https://apidocs.culqi.com/ (section Tarjetas)
func (s *CardsService) List(ctx context.Context, p *CardListParams) (*Page[SavedCard], error) {
	var q CardListParams
	if p != nil {
		q = *p
	}
	return list[SavedCard](ctx, s.client(), "/v2/cards", &q, q.Limit, q.Before != "")
}

// All walks every saved card matching p, fetching pages lazily.
//
// All sends GET /v2/cards, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Tarjetas)
func (s *CardsService) All(ctx context.Context, p *CardListParams) iter.Seq2[*SavedCard, error] {
	var q CardListParams
	if p != nil {
		q = *p
	}
	return walkList[SavedCard](ctx, s.client(), "/v2/cards", &q, q.Limit, q.After, q.Before)
}
