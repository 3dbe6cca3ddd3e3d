package srpago

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

// CardsService attaches single-use tokens to customers as permanent saved
// cards (crd_…), the source of recurring charges. Its methods on a nil
// service return an error matching ErrNoClient.
type CardsService service

// CardService is the old name of CardsService.
//
// Deprecated: use CardsService.
type CardService = CardsService

// CardType is Sr. Pago's card brand code (open set).
type CardType string

// Card brand codes.
const (
	CardTypeVisa       CardType = "VISA"
	CardTypeMastercard CardType = "MAST"
	CardTypeAmex       CardType = "AMEX"
	CardTypeCarnet     CardType = "CRNT"
)

// SavedCard is a card attached to a customer.
type SavedCard struct {
	// Token is the permanent card token, "crd_…": charge it with
	// ChargeParams.Source.
	Token string `json:"token"`
	// HolderName is the cardholder's name.
	HolderName string `json:"holder_name"`
	// Type is the card brand.
	Type CardType `json:"type"`
	// Number is masked by Sr. Pago, e.g. "448553XXXXXX8329".
	Number string `json:"number"`
	// Expiration is YYMM, e.g. "2303".
	Expiration string `json:"expiration"`
	// CountryCode is the issuing country, e.g. "MX".
	CountryCode string `json:"country_code"`
	// BankName is the issuer.
	BankName string `json:"bank_name"`
	// Funding is CREDIT or DEBIT.
	Funding string `json:"funding"`
	// Status is "chargeable" for a usable card.
	Status string `json:"status"`
}

// cardsPath is /v1/customer/{id}/cards, the id checked and escaped.
func cardsPath(customerID string) (string, error) {
	id, err := pathID("customerID", customerID)
	return "/v1/customer/" + id + "/cards", err
}

// cardPath is /v1/customer/{id}/cards/{crd}, both checked and escaped.
func cardPath(customerID, cardToken string) (string, error) {
	base, err := cardsPath(customerID)
	if err != nil {
		return "", err
	}
	crd, err := pathID("cardToken", cardToken)
	return base + "/" + crd, err
}

// Add attaches a single-use card token (tok_…) to a customer and returns
// the saved card, whose Token (crd_…) can be charged again and again:
// POST /v1/customer/{id}/cards. The tok_ is spent even if this fails after
// reaching Sr. Pago, so the request is never repeated then.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/customer-card-add
func (s *CardsService) Add(ctx context.Context, customerID, tokenID string) (*SavedCard, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	path, err := cardsPath(customerID)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(tokenID, "tok_") {
		return nil, invalidParams("tokenID", `must be a card token "tok_…"`)
	}
	ac, err := call[addedCard](ctx, c, &transport.Request{Method: http.MethodPost, Path: path,
		Body: map[string]string{"token": tokenID}})
	if err != nil {
		return nil, err
	}
	return &ac.SavedCard, nil
}

// addedCard is the result of Add: the card object (what the API sends) or
// an array holding it (what its documentation shows). Without a crd_ token
// it is malformed.
type addedCard struct{ SavedCard }

var errNoCardToken = errors.New("no saved card token in the response")

// UnmarshalJSON reads either shape.
func (a *addedCard) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var arr []SavedCard
		if err := json.Unmarshal(b, &arr); err != nil {
			return err
		}
		if len(arr) > 0 {
			a.SavedCard = arr[0]
		}
	} else if err := json.Unmarshal(b, &a.SavedCard); err != nil {
		return err
	}
	if a.Token == "" {
		return errNoCardToken
	}
	return nil
}

// SavedCardList is a customer's saved cards. Sr. Pago answers the whole
// list at once (no paging), so HasMore is always false; it is there so
// that every List of the family reads the same.
type SavedCardList struct {
	// Data are the customer's saved cards; empty, never nil, for none.
	Data []*SavedCard
	// HasMore is false: the list is never cut into pages.
	HasMore bool
}

// ListPage returns a customer's saved cards as a page, the shape every
// other List of the family has: GET /v1/customer/{id}/cards. Sr. Pago
// documents no answer for it (its PHP SDK calls it): an array of card
// objects or an object holding one under "cards" or "data" are both read;
// anything else is an error matching ErrMalformedResponse.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/customer-card-add
func (s *CardsService) ListPage(ctx context.Context, customerID string) (*SavedCardList, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	path, err := cardsPath(customerID)
	if err != nil {
		return nil, err
	}
	l, err := call[list[SavedCard]](ctx, c, &transport.Request{Method: http.MethodGet, Path: path})
	if err != nil {
		return nil, err
	}
	if l.items == nil {
		l.items = []*SavedCard{}
	}
	return &SavedCardList{Data: l.items}, nil
}

// List returns a customer's saved cards as a slice: GET
// /v1/customer/{id}/cards, read as ListPage reads it. It keeps the slice
// form the published contract of this release fixes; ListPage gives the
// family's page shape.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/customer-card-add
func (s *CardsService) List(ctx context.Context, customerID string) ([]*SavedCard, error) {
	l, err := s.ListPage(ctx, customerID)
	if err != nil {
		return nil, err
	}
	return l.Data, nil
}

// Get fetches one saved card: GET /v1/customer/{id}/cards/{crd}. An unknown
// card is an error matching ErrNotFound when Sr. Pago answers 404.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/customer-card-add
func (s *CardsService) Get(ctx context.Context, customerID, cardToken string) (*SavedCard, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	path, err := cardPath(customerID, cardToken)
	if err != nil {
		return nil, err
	}
	sc, err := call[savedCardResult](ctx, c, &transport.Request{Method: http.MethodGet, Path: path})
	if err != nil {
		return nil, err
	}
	out := SavedCard(*sc)
	return &out, nil
}

// savedCardResult is a SavedCard that must be an object.
type savedCardResult SavedCard

var errNotObject = errors.New("the result is not an object")

// UnmarshalJSON requires a JSON object.
func (r *savedCardResult) UnmarshalJSON(b []byte) error {
	if b = bytes.TrimSpace(b); len(b) == 0 || b[0] != '{' {
		return errNotObject
	}
	return json.Unmarshal(b, (*SavedCard)(r))
}

// Delete removes a saved card from a customer:
// DELETE /v1/customer/{id}/cards/{crd}.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/cliente/customer-card-add
func (s *CardsService) Delete(ctx context.Context, customerID, cardToken string) error {
	c, err := (*service)(s).client()
	if err != nil {
		return err
	}
	path, err := cardPath(customerID, cardToken)
	if err != nil {
		return err
	}
	return c.send(ctx, &transport.Request{Method: http.MethodDelete, Path: path})
}
