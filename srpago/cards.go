package srpago

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

// CardService attaches single-use tokens to customers as permanent saved
// cards (crd_…), the source of recurring charges.
type CardService struct{ c *Client }

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

func cardsPath(customerID string) string {
	return "/v1/customer/" + url.PathEscape(customerID) + "/cards"
}

// Add attaches a single-use card token (tok_…) to a customer and returns
// the saved card, whose Token (crd_…) can be charged again and again:
// POST /v1/customer/{id}/cards. The tok_ is spent even if this fails after
// reaching Sr. Pago, so the request is never repeated then.
func (s *CardService) Add(ctx context.Context, customerID, tokenID string) (*SavedCard, error) {
	if err := transport.RequireID("customerID", customerID); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(tokenID, "tok_") {
		return nil, transport.InvalidParams("tokenID", `must be a card token "tok_…"`)
	}
	ac, err := call[addedCard](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: cardsPath(customerID),
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

// List returns a customer's saved cards: GET /v1/customer/{id}/cards.
func (s *CardService) List(ctx context.Context, customerID string) ([]*SavedCard, error) {
	if err := transport.RequireID("customerID", customerID); err != nil {
		return nil, err
	}
	l, err := call[list[SavedCard]](ctx, s.c, &transport.Request{Method: http.MethodGet, Path: cardsPath(customerID)})
	if err != nil {
		return nil, err
	}
	if l.items == nil {
		l.items = []*SavedCard{}
	}
	return l.items, nil
}

// Get fetches one saved card: GET /v1/customer/{id}/cards/{crd}.
func (s *CardService) Get(ctx context.Context, customerID, cardToken string) (*SavedCard, error) {
	if err := transport.RequireID("customerID", customerID); err != nil {
		return nil, err
	}
	if err := transport.RequireID("cardToken", cardToken); err != nil {
		return nil, err
	}
	return call[SavedCard](ctx, s.c, &transport.Request{Method: http.MethodGet,
		Path: cardsPath(customerID) + "/" + url.PathEscape(cardToken)})
}

// Delete removes a saved card from a customer:
// DELETE /v1/customer/{id}/cards/{crd}.
func (s *CardService) Delete(ctx context.Context, customerID, cardToken string) error {
	if err := transport.RequireID("customerID", customerID); err != nil {
		return err
	}
	if err := transport.RequireID("cardToken", cardToken); err != nil {
		return err
	}
	return s.c.send(ctx, &transport.Request{Method: http.MethodDelete,
		Path: cardsPath(customerID) + "/" + url.PathEscape(cardToken)})
}
