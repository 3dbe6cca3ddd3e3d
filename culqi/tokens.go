package culqi

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Token is a single-use card token (tkn_…), valid for 5 minutes. Charges
// embed their source token in the same shape.
type Token struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Type is "card" (or "yape").
	Type string `json:"type"`
	// CreationDate is sent in milliseconds.
	CreationDate Time   `json:"creation_date"`
	Email        string `json:"email"`
	// CardNumber is masked by Culqi: "411111******1111".
	CardNumber string `json:"card_number"`
	LastFour   string `json:"last_four"`
	// Active is false once the token was used or expired.
	Active   bool         `json:"active"`
	IIN      *IIN         `json:"iin"`
	Client   *TokenClient `json:"client"`
	Metadata Metadata     `json:"metadata"`
}

// IIN describes a card's BIN: brand, type, issuer, allowed installments.
type IIN struct {
	Object string `json:"object"`
	// BIN is the first six digits.
	BIN string `json:"bin"`
	// CardBrand: Visa, Mastercard, Amex, Diners (casing varies).
	CardBrand string `json:"card_brand"`
	// CardType: credito, debito, prepagada.
	CardType     string  `json:"card_type"`
	CardCategory string  `json:"card_category"`
	Issuer       *Issuer `json:"issuer"`
	// InstallmentsAllowed lists the installment counts the card accepts.
	InstallmentsAllowed []int `json:"installments_allowed"`
}

// Issuer is the bank that issued a card.
type Issuer struct {
	Name        string `json:"name"`
	Country     string `json:"country"`
	CountryCode string `json:"country_code"`
	Website     string `json:"website"`
	PhoneNumber string `json:"phone_number"`
}

// TokenClient is what Culqi saw of the device that created a token.
type TokenClient struct {
	IP                string `json:"ip"`
	IPCountry         string `json:"ip_country"`
	IPCountryCode     string `json:"ip_country_code"`
	Browser           string `json:"browser"`
	DeviceFingerprint string `json:"device_fingerprint"`
	// DeviceType: Escritorio, Movil, Tablet.
	DeviceType string `json:"device_type"`
}

// TokenParams creates a card token. Creating tokens server-side puts the
// merchant in PCI DSS scope (SAQ-D); browsers normally use Culqi Checkout.
type TokenParams struct {
	// Card is validated (Luhn, expiry, CVV) before sending.
	Card Card
	// Email of the card holder, 5 to 50 characters.
	Email    string
	Metadata map[string]string
}

type tokenBody struct {
	CardNumber      string            `json:"card_number"`
	CVV             string            `json:"cvv"`
	ExpirationMonth string            `json:"expiration_month"`
	ExpirationYear  string            `json:"expiration_year"`
	Email           string            `json:"email"`
	Metadata        map[string]string `json:"metadata,omitempty"`
}

// TokenListParams filters Tokens.List; zero values are not sent.
type TokenListParams struct {
	Limit            int       `url:"limit,omitempty"`
	Before           string    `url:"before,omitempty"`
	After            string    `url:"after,omitempty"`
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	CreationDateTo   time.Time `url:"creation_date_to,unix,omitempty"`
	CardBrand        string    `url:"card_brand,omitempty"`
	CardType         string    `url:"card_type,omitempty"`
	DeviceType       string    `url:"device_type,omitempty"`
	BIN              string    `url:"bin,omitempty"`
	CountryCode      string    `url:"country_code,omitempty"`
}

// TokenService is the /v2/tokens API.
type TokenService struct{ c *Client }

// Create tokenizes a card: POST https://secure.culqi.com/v2/tokens with the
// public key (WithPublicKey; without it, ErrInvalidParams).
func (s *TokenService) Create(ctx context.Context, p *TokenParams) (*Token, error) {
	if p == nil {
		return nil, transport.InvalidParams("TokenParams", "is nil")
	}
	if err := s.c.requirePublicKey(); err != nil {
		return nil, err
	}
	if err := transport.ValidateCard(p.Card, s.c.now()); err != nil {
		return nil, err
	}
	if err := checkEmail("Email", p.Email, true); err != nil {
		return nil, err
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	body := tokenBody{
		CardNumber:      p.Card.Digits(),
		CVV:             p.Card.CVV,
		ExpirationMonth: p.Card.MonthMM(),
		ExpirationYear:  p.Card.YearYYYY(),
		Email:           p.Email,
		Metadata:        p.Metadata,
	}
	out := new(Token)
	// A card token moves no money and bills nothing: repeating the request
	// after a 5xx or a lost answer at worst leaves an unused token behind,
	// so it is retried like a read (as Sr. Pago's tokens are).
	_, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/tokens", Body: body,
		BaseURL: s.c.secure, Auth: s.c.publicAuth.Authenticator, Idempotent: true}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a token.
func (s *TokenService) Get(ctx context.Context, id string) (*Token, error) {
	return get[Token](ctx, s.c, "id", id, "tokens")
}

// Update sets metadata on a token.
func (s *TokenService) Update(ctx context.Context, id string, p *MetadataParams) (*Token, error) {
	return updateMetadata[Token](ctx, s.c, "id", id, p, "tokens")
}

// List fetches one page of tokens, newest first. Nil params list without filters.
func (s *TokenService) List(ctx context.Context, p *TokenListParams) (*Page[Token], error) {
	var q TokenListParams
	if p != nil {
		q = *p
	}
	return list[Token](ctx, s.c, "/v2/tokens", &q, q.Limit)
}

// All walks every token matching p, fetching pages lazily.
func (s *TokenService) All(ctx context.Context, p *TokenListParams) iter.Seq2[*Token, error] {
	var q TokenListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, func(ctx context.Context, after string) (*Page[Token], error) {
		qq := q
		if after != "" {
			qq.After, qq.Before = after, ""
		}
		return s.List(ctx, &qq)
	})
}

// YapeTokenParams creates a Yape token (ype_…), usable as a charge SourceID.
type YapeTokenParams struct {
	// PhoneNumber is the payer's Yape number (test: 900000001).
	PhoneNumber string
	// OTP is the 6-digit approval code from the Yape app.
	OTP string
	// Amount in céntimos, the amount to charge; sent as a string, as Culqi expects.
	Amount int64
	// Fingerprint is an optional device fingerprint.
	Fingerprint string
	Metadata    map[string]string
}

type yapeBody struct {
	NumberPhone string            `json:"number_phone"`
	OTP         string            `json:"otp"`
	Amount      string            `json:"amount"`
	Fingerprint string            `json:"fingerprint,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

// CreateYape creates a Yape token: POST https://secure.culqi.com/v2/tokens/yape
// with the public key. Culqi has not published the response shape; it is
// decoded as a Token.
func (s *TokenService) CreateYape(ctx context.Context, p *YapeTokenParams) (*Token, error) {
	if p == nil {
		return nil, transport.InvalidParams("YapeTokenParams", "is nil")
	}
	if err := s.c.requirePublicKey(); err != nil {
		return nil, err
	}
	if !allDigits(p.PhoneNumber) || len(p.PhoneNumber) != 9 {
		return nil, transport.InvalidParams("PhoneNumber", "must be 9 digits")
	}
	if !allDigits(p.OTP) || len(p.OTP) != 6 {
		return nil, transport.InvalidParams("OTP", "must be 6 digits")
	}
	if err := checkAmount("Amount", p.Amount); err != nil {
		return nil, err
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	out := new(Token)
	_, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/tokens/yape", BaseURL: s.c.secure,
		Auth: s.c.publicAuth.Authenticator, Body: yapeBody{NumberPhone: p.PhoneNumber, OTP: p.OTP,
			Amount: strconv.FormatInt(p.Amount, 10), Fingerprint: p.Fingerprint, Metadata: p.Metadata}}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
