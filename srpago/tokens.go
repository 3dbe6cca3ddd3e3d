package srpago

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// TokenService tokenizes cards server-side through the encryption
// envelope. Tokenizing on a server puts it in PCI DSS scope; Sr. Pago's
// browser and mobile libraries produce the same tok_ without that.
// Its methods on a nil service return an error matching ErrNoClient.
type TokensService service

// TokenService is the old name of TokensService.
//
// Deprecated: use TokensService.
type TokenService = TokensService

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

// Validate reports what Create refuses before any I/O: a nil params, or a
// card that is not a valid, unexpired card with a holder name.
func (p *TokenParams) Validate() error { return p.validate(time.Now()) }

func (p *TokenParams) validate(now time.Time) error {
	if p == nil {
		return invalidParams("TokenParams", "is nil")
	}
	if err := transport.ValidateCard(p.Card, now); err != nil {
		var pe *transport.ParamError
		if errors.As(err, &pe) {
			return invalidParams(pe.Field, pe.Reason)
		}
		return err
	}
	if strings.TrimSpace(p.Card.HolderName) == "" {
		return invalidParams("Card.HolderName", "is required")
	}
	return nil
}

// Create tokenizes a card: POST /v1/token with the {key, data} envelope
// (RSA PKCS #1 v1.5 + AES-256-ECB). The token is single use. Like every
// POST it is retried only when the attempt provably did not reach Sr. Pago
// (no connection, or a 429): the API has no idempotency key, and a
// tokenization it carried out cannot be told apart from one it did not.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/metodos-de-pago/rsa
func (s *TokensService) Create(ctx context.Context, p *TokenParams) (*Token, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	if err := p.validate(c.now()); err != nil {
		return nil, err
	}
	body, err := c.seal(tokenPlain{HolderName: p.Card.HolderName, Number: p.Card.Digits(),
		CVV: p.Card.CVV, Expiration: p.Card.ExpiryYYMM()})
	if err != nil {
		return nil, err
	}
	tr, err := call[tokenResult](ctx, c, &transport.Request{Method: http.MethodPost, Path: "/v1/token", Body: body})
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
