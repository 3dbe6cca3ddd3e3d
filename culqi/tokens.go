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
	// Object is "token".
	Object string `json:"object"`
	// ID is the token's id (tkn_…, ype_… for Yape).
	ID string `json:"id"`
	// Type is "card" (or "yape").
	Type string `json:"type"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Email is the card holder's email sent at creation.
	Email string `json:"email"`
	// CardNumber is masked by Culqi: "411111******1111".
	CardNumber string `json:"card_number"`
	// LastFour is the card number's last four digits.
	LastFour string `json:"last_four"`
	// Active is false once the token was used or expired.
	Active bool `json:"active"`
	// IIN describes the card's BIN; often null inside a charge's Source.
	IIN *IIN `json:"iin"`
	// Client is what Culqi saw of the device; often null inside a charge's Source.
	Client *TokenClient `json:"client"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
}

// IIN describes a card's BIN: brand, type, issuer, allowed installments.
type IIN struct {
	// Object is "iin".
	Object string `json:"object"`
	// BIN is the first six digits.
	BIN string `json:"bin"`
	// CardBrand: Visa, Mastercard, Amex, Diners (casing varies).
	CardBrand string `json:"card_brand"`
	// CardType: credito, debito, prepagada.
	CardType string `json:"card_type"`
	// CardCategory is the issuer's product (Clásica, Oro, …).
	CardCategory string `json:"card_category"`
	// Issuer is the bank that issued the card.
	Issuer *Issuer `json:"issuer"`
	// InstallmentsAllowed lists the installment counts the card accepts.
	InstallmentsAllowed []int `json:"installments_allowed"`
}

// Issuer is the bank that issued a card.
type Issuer struct {
	// Name of the bank.
	Name string `json:"name"`
	// Country of the bank, in Culqi's words ("PERU").
	Country string `json:"country"`
	// CountryCode is ISO 3166-1 alpha-2; may be empty.
	CountryCode string `json:"country_code"`
	// Website of the bank; often empty.
	Website string `json:"website"`
	// PhoneNumber of the bank; often empty.
	PhoneNumber string `json:"phone_number"`
}

// TokenClient is what Culqi saw of the device that created a token.
type TokenClient struct {
	// IP is the address the token was created from.
	IP string `json:"ip"`
	// IPCountry is that address's country.
	IPCountry string `json:"ip_country"`
	// IPCountryCode is that country's ISO 3166-1 alpha-2 code.
	IPCountryCode string `json:"ip_country_code"`
	// Browser is the user agent as Culqi classified it ("UNKNOWN" server-side).
	Browser string `json:"browser"`
	// DeviceFingerprint is the Culqi.js fingerprint, when there was one.
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
	Email string
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
}

// Validate runs the checks Tokens.Create makes before any I/O: the card
// (Luhn, 13 to 19 digits, not expired, a CVV), an email of 5–50
// characters, Culqi's metadata limits.
func (p *TokenParams) Validate() error { return p.validate(time.Now()) }

func (p *TokenParams) validate(now time.Time) error {
	if p == nil {
		return invalidParams("TokenParams", "is nil")
	}
	if err := asCulqi(transport.ValidateCard(p.Card, now)); err != nil {
		return err
	}
	// The family's rule starts at 12 digits; Culqi's token API at 13.
	if n := len(p.Card.Digits()); n < 13 {
		return invalidParamsf("Card.Number", "Culqi takes 13 to 19 digits, got %d", n)
	}
	if err := checkEmail("Email", p.Email, true); err != nil {
		return err
	}
	return checkMetadata(p.Metadata)
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
	// CardBrand keeps the tokens of one brand (Visa, Mastercard, Amex, Diners).
	CardBrand string `url:"card_brand,omitempty"`
	// CardType keeps the tokens of one card type (credito, debito, prepagada).
	CardType string `url:"card_type,omitempty"`
	// DeviceType keeps the tokens created on one kind of device (escritorio, movil, tablet).
	DeviceType string `url:"device_type,omitempty"`
	// BIN keeps the tokens whose card number starts with these six digits.
	BIN string `url:"bin,omitempty"`
	// CountryCode keeps the tokens of cards issued in one country (ISO 3166-1 alpha-2).
	CountryCode string `url:"country_code,omitempty"`
}

// Validate runs the check Tokens.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *TokenListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// TokensService is the /v2/tokens API.
type TokensService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *TokensService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// TokenService is the former name of TokensService.
//
// Deprecated: use TokensService.
type TokenService = TokensService

// Create tokenizes a card: POST https://secure.culqi.com/v2/tokens with the
// public key (WithPublicKey; without it, ErrInvalidParams). Like every POST
// it is retried only when it provably did not reach Culqi (or on 429); a
// 5xx or a lost answer matches ErrOutcomeUnknown, and creating another
// token is then safe: an unused one expires after 5 minutes.
//
// Create sends POST https://secure.culqi.com/v2/tokens.
// Culqi reference: https://apidocs.culqi.com/ (section Tokens)
func (s *TokensService) Create(ctx context.Context, p *TokenParams) (*Token, error) {
	if err := s.client().requirePublicKey(); err != nil {
		return nil, err
	}
	if err := p.validate(s.client().clock()); err != nil {
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
	_, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/tokens", Body: body, Operation: "tokens.create",
		BaseURL: s.client().secure, Auth: s.client().publicAuth.Authenticator}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a token.
//
// Get sends GET /v2/tokens/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Tokens)
func (s *TokensService) Get(ctx context.Context, id string) (*Token, error) {
	return get[Token](ctx, s.client(), "id", id, "tokens")
}

// Update sets metadata on a token.
//
// Update sends PATCH /v2/tokens/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Tokens)
func (s *TokensService) Update(ctx context.Context, id string, p *MetadataParams) (*Token, error) {
	return updateMetadata[Token](ctx, s.client(), "id", id, p, "tokens")
}

// List fetches one page of tokens, newest first. Nil params list without filters.
//
// List sends GET /v2/tokens.
// Culqi reference: https://apidocs.culqi.com/ (section Tokens)
func (s *TokensService) List(ctx context.Context, p *TokenListParams) (*Page[Token], error) {
	var q TokenListParams
	if p != nil {
		q = *p
	}
	return list[Token](ctx, s.client(), "/v2/tokens", &q, q.Limit, q.Before != "")
}

// All walks every token matching p, fetching pages lazily.
//
// All sends GET /v2/tokens, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Tokens)
func (s *TokensService) All(ctx context.Context, p *TokenListParams) iter.Seq2[*Token, error] {
	var q TokenListParams
	if p != nil {
		q = *p
	}
	return walkList[Token](ctx, s.client(), "/v2/tokens", &q, q.Limit, q.After, q.Before)
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
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
}

// Validate runs the checks Tokens.CreateYape makes before any I/O: a
// 9-digit phone number, a 6-digit OTP, a positive amount, Culqi's
// metadata limits.
func (p *YapeTokenParams) Validate() error {
	if p == nil {
		return invalidParams("YapeTokenParams", "is nil")
	}
	if !allDigits(p.PhoneNumber) || len(p.PhoneNumber) != 9 {
		return invalidParams("PhoneNumber", "must be 9 digits")
	}
	if !allDigits(p.OTP) || len(p.OTP) != 6 {
		return invalidParams("OTP", "must be 6 digits")
	}
	if err := checkAmount("Amount", p.Amount); err != nil {
		return err
	}
	return checkMetadata(p.Metadata)
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
//
// CreateYape sends POST https://secure.culqi.com/v2/tokens/yape.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/cargo-unico/tokens-yape/
func (s *TokensService) CreateYape(ctx context.Context, p *YapeTokenParams) (*Token, error) {
	if err := s.client().requirePublicKey(); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	out := new(Token)
	_, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/tokens/yape", Operation: "tokens.createyape", BaseURL: s.client().secure,
		Auth: s.client().publicAuth.Authenticator, Body: yapeBody{NumberPhone: p.PhoneNumber, OTP: p.OTP,
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
