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

// CardService is the /v2/cards API.
type CardService struct{ c *Client }

// Create saves a card. Culqi validates it with a small charge, so it is
// never retried once it may have reached Culqi. A declined card is an
// *Error (HTTP 400, Type card_error, DeclineCode, ChargeID); an HTTP 200
// with action_code REVIEW means 3-D Secure is required: the card is
// returned with an *AuthenticationRequiredError matching
// ErrAuthenticationRequired. Any other HTTP 200 matches ErrOutcomeUnknown.
func (s *CardService) Create(ctx context.Context, p *CardParams) (*SavedCard, error) {
	if p == nil {
		return nil, transport.InvalidParams("CardParams", "is nil")
	}
	if p.CustomerID == "" {
		return nil, transport.InvalidParams("CustomerID", "is required")
	}
	if p.TokenID == "" {
		return nil, transport.InvalidParams("TokenID", "is required")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	body := cardBody{CustomerID: p.CustomerID, TokenID: p.TokenID, Validate: p.Validate, Metadata: p.Metadata,
		DeviceFingerprintID: p.DeviceFingerprintID, Authentication3DS: p.Authentication3DS}
	out := new(SavedCard)
	resp, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/cards", Body: body, MovesMoney: true}, out)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		if out.ActionCode != ActionCodeReview {
			return nil, unexpectedOK(resp)
		}
		return out, &AuthenticationRequiredError{ActionCode: out.ActionCode, RequestID: resp.RequestID}
	}
	return out, nil
}

// Get fetches a saved card.
func (s *CardService) Get(ctx context.Context, id string) (*SavedCard, error) {
	return get[SavedCard](ctx, s.c, "id", id, "cards")
}

// Update sets metadata and/or swaps the card's token. A metadata-only
// update is retried like a GET; one with a (single-use) token is not.
func (s *CardService) Update(ctx context.Context, id string, p *CardUpdateParams) (*SavedCard, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, transport.InvalidParams("CardUpdateParams", "is nil")
	}
	if p.TokenID == "" && p.Metadata == nil {
		return nil, transport.InvalidParams("CardUpdateParams", "sets nothing")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	out := new(SavedCard)
	_, err := s.c.do(ctx, &transport.Request{Method: http.MethodPatch, Path: path("cards", id),
		Body: cardUpdateBody{TokenID: p.TokenID, Metadata: p.Metadata}, Idempotent: p.TokenID == ""}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes a saved card.
func (s *CardService) Delete(ctx context.Context, id string) error {
	_, err := del(ctx, s.c, "id", id, "cards")
	return err
}

// List fetches one page of saved cards. Nil params list without filters.
func (s *CardService) List(ctx context.Context, p *CardListParams) (*Page[SavedCard], error) {
	var q CardListParams
	if p != nil {
		q = *p
	}
	return list[SavedCard](ctx, s.c, "/v2/cards", &q, q.Limit, q.Before != "")
}

// All walks every saved card matching p, fetching pages lazily.
func (s *CardService) All(ctx context.Context, p *CardListParams) iter.Seq2[*SavedCard, error] {
	var q CardListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, q.Before != "", func(ctx context.Context, pc pageCursor) (*Page[SavedCard], error) {
		qq := q
		pc.apply(&qq.After, &qq.Before)
		return s.List(ctx, &qq)
	})
}
