package srpago

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

// TokenService tokenizes cards server-side through the encryption
// envelope. Tokenizing on a server puts it in PCI DSS scope; Sr. Pago's
// browser and mobile libraries produce the same tok_ without that.
type TokenService struct{ c *Client }

// TokenParams is the card to tokenize.
type TokenParams struct {
	// Card needs Number, CVV, ExpMonth, ExpYear and HolderName.
	Card Card
}

// Token is a single-use card token.
type Token struct {
	// ID is "tok_…": attach it with Cards.Add or charge it once.
	ID string `json:"token"`
	// BankName is the issuer, when Sr. Pago reports it.
	BankName string `json:"bank_name,omitempty"`
}

// tokenPlain is the encrypted body of POST /v1/token.
type tokenPlain struct {
	HolderName string `json:"cardholder_name"`
	Number     string `json:"number"`
	CVV        string `json:"cvv"`
	Expiration string `json:"expiration"`
}

// Create tokenizes a card: POST /v1/token with the {key, data} envelope
// (RSA PKCS #1 v1.5 + AES-256-ECB). The token is single use. Like every
// POST it is retried only when the attempt provably did not reach Sr. Pago
// (no connection, or a 429): the API has no idempotency key, and a
// tokenization it carried out cannot be told apart from one it did not.
func (s *TokenService) Create(ctx context.Context, p *TokenParams) (*Token, error) {
	if p == nil {
		return nil, transport.InvalidParams("TokenParams", "is nil")
	}
	if err := transport.ValidateCard(p.Card, s.c.now()); err != nil {
		return nil, err
	}
	if strings.TrimSpace(p.Card.HolderName) == "" {
		return nil, transport.InvalidParams("Card.HolderName", "is required")
	}
	body, err := s.c.seal(tokenPlain{HolderName: p.Card.HolderName, Number: p.Card.Digits(),
		CVV: p.Card.CVV, Expiration: p.Card.ExpiryYYMM()})
	if err != nil {
		return nil, err
	}
	tr, err := call[tokenResult](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: "/v1/token", Body: body})
	if err != nil {
		return nil, err
	}
	t := Token(*tr)
	return &t, nil
}

// tokenResult is a Token that must carry its tok_.
type tokenResult Token

var errNoToken = errors.New("no token in the response")

// UnmarshalJSON decodes the token and requires its id.
func (t *tokenResult) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*Token)(t)); err != nil {
		return err
	}
	if t.ID == "" {
		return errNoToken
	}
	return nil
}
