package cubo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/validate"
	"github.com/latampay/latampay-go/internal/wire"
)

// maxDescription is the description length integrators keep to (Cubo
// publishes no limit; one integration truncates at 255 characters). The SDK
// refuses a longer one rather than cut it.
const maxDescription = 255

// LinkParams describes a hosted one-use payment link
// (POST /api/v1/links/one-use): Cubo hosts the card form, so no card data
// passes through your server.
//
// Cubo does not document the links API; these fields are the ones working
// integrations send. Items (a cart) and an expiry are left out on purpose:
// the type of an item's price is unconfirmed and Cubo answers 422 to any
// field or type it does not accept.
type LinkParams struct {
	// Description is shown to the customer; required, at most 255
	// characters.
	Description string
	// Amount is in cents; it must be positive.
	Amount int64
	// RedirectURI is where Cubo sends the customer after paying (optional
	// for one-use links, required for subscription links). The redirect is
	// not signed: never take it as proof of payment.
	RedirectURI string
	// Metadata is echoed back unchanged in the webhook and in
	// Transactions.Get: put your order id here. Optional.
	Metadata map[string]string
	// ClientName prefills the checkout (optional).
	ClientName string
	// ClientEmail prefills the checkout (optional).
	ClientEmail string
	// ClientPhone prefills the checkout, with its country code (optional).
	ClientPhone string
	// MonthlyInstallmentID selects an interest-free installment (MSI) plan
	// of your Cubo account; sent only when positive. One-use links only.
	MonthlyInstallmentID int
}

// SubscriptionLinkParams describes a hosted subscription payment link
// (POST /api/v1/links/subscription): the link's fields plus installments.
// RedirectURI is required.
//
// Cubo's only description of installments (on the direct subscription
// endpoint) is "cantidad de cuotas mensuales en las que se dividirá el
// pago" (the number of monthly installments the payment is divided into).
// Whether Amount is the total so divided or the amount of each installment
// is not confirmed; the SDK sends both as given and computes nothing from
// them.
type SubscriptionLinkParams struct {
	// LinkParams holds the link's fields, sent as for Create.
	LinkParams
	// Installments is sent as Cubo's installments, "cantidad de cuotas
	// mensuales en las que se dividirá el pago" (see SubscriptionLinkParams
	// for what is unconfirmed); at least 1.
	Installments int
}

// Link is a created payment link.
type Link struct {
	// RedirectURL is Cubo's checkout page (cuboRedirectUri): send the
	// customer there.
	RedirectURL string
	// PaymentIntentToken identifies the payment: pass it to
	// Transactions.Get; the webhook names it as its Identifier.
	PaymentIntentToken string
	// Raw is the JSON object Cubo answered (subscription links may carry
	// more fields, such as startingDate and endingDate, whose formats are
	// not documented).
	Raw json.RawMessage
}

type linkWire struct {
	CuboRedirectURI    string              `json:"cuboRedirectUri"`
	PaymentIntentToken wire.StringOrNumber `json:"paymentIntentToken"`
}

// UnmarshalJSON decodes Cubo's link JSON.
func (l *Link) UnmarshalJSON(data []byte) error {
	var w linkWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*l = Link{RedirectURL: w.CuboRedirectURI, PaymentIntentToken: string(w.PaymentIntentToken), Raw: bytes.Clone(data)}
	return nil
}

// LinksService creates hosted payment links: Client.Links. Its methods on a
// nil service, or on a Client not made by NewClient, return an error.
type LinksService struct{ c *Client }

// conn returns the transport, or an error for a nil or zero client.
func (s *LinksService) conn() (*transport.Client, error) {
	if s == nil {
		return nil, errNoClient
	}
	return s.c.conn()
}

// linkBody is the wire body of both link endpoints.
type linkBody struct {
	Description          string            `json:"description"`
	Amount               int64             `json:"amount"`
	RedirectURI          string            `json:"redirectUri,omitempty"`
	Metadata             map[string]string `json:"metadata,omitempty"`
	ClientName           string            `json:"clientName,omitempty"`
	ClientEmail          string            `json:"clientEmail,omitempty"`
	ClientPhone          string            `json:"clientPhone,omitempty"`
	MonthlyInstallmentID int               `json:"monthlyInstallmentId,omitempty"`
	Installments         int               `json:"installments,omitempty"`
}

// Validate runs the checks Create runs before any I/O: a Description of 1
// to 255 characters, a positive Amount, an absolute http(s) RedirectURI
// when given, a ClientEmail that looks like an address when given, and no
// negative MonthlyInstallmentID. The error is a *ParamError naming the
// field.
func (p *LinkParams) Validate() error {
	if p == nil {
		return invalidParams("LinkParams", "is nil")
	}
	if p.Description == "" {
		return invalidParams("Description", "is required")
	}
	if utf8.RuneCountInString(p.Description) > maxDescription {
		return invalidParams("Description", "is longer than "+strconv.Itoa(maxDescription)+" characters")
	}
	if err := validateAmount(p.Amount); err != nil {
		return err
	}
	if p.RedirectURI != "" {
		u, err := url.Parse(p.RedirectURI)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return invalidParams("RedirectURI", "must be an absolute http(s) URL")
		}
	}
	if p.ClientEmail != "" && !validate.Email(p.ClientEmail) {
		return invalidParams("ClientEmail", "is not an email address")
	}
	if p.MonthlyInstallmentID < 0 {
		return invalidParams("MonthlyInstallmentID", "must not be negative")
	}
	return nil
}

// Validate runs the checks CreateSubscription runs before any I/O: those
// of LinkParams.Validate, a RedirectURI (required here), no
// MonthlyInstallmentID, and at least one installment.
func (p *SubscriptionLinkParams) Validate() error {
	if p == nil {
		return invalidParams("SubscriptionLinkParams", "is nil")
	}
	if err := p.LinkParams.Validate(); err != nil {
		return err
	}
	if p.RedirectURI == "" {
		return invalidParams("RedirectURI", "is required for subscription links")
	}
	if p.MonthlyInstallmentID != 0 {
		return invalidParams("MonthlyInstallmentID", "is not supported on subscription links")
	}
	if p.Installments < 1 {
		return invalidParams("Installments", "must be at least 1")
	}
	return nil
}

func newLinkBody(p *LinkParams) *linkBody {
	b := &linkBody{
		Description:          p.Description,
		Amount:               p.Amount,
		RedirectURI:          p.RedirectURI,
		ClientName:           p.ClientName,
		ClientEmail:          p.ClientEmail,
		ClientPhone:          p.ClientPhone,
		MonthlyInstallmentID: p.MonthlyInstallmentID,
	}
	if len(p.Metadata) > 0 {
		b.Metadata = p.Metadata // only read by json.Marshal; never modified
	}
	return b
}

// Create creates a one-use payment link: POST /api/v1/links/one-use. Cubo
// documents no reference page for it; the fields are the ones working
// integrations send. Send the customer to Link.RedirectURL; learn the
// outcome from the webhook (re-fetched with Transactions.VerifyWebhook) or
// by polling Transactions.Get with Link.PaymentIntentToken.
//
// Creating a link moves no money, but it is a POST that is not repeated
// once it may have reached Cubo: a lost answer, or a 2xx without
// cuboRedirectUri or paymentIntentToken, gives an *OutcomeUnknownError
// (Operation "links.create"), and a link may then exist that you never
// saw.
//
// Reconciling: Metadata survives (Transactions.Get and the webhook echo
// it), so it ties a link's payment to your order; but Cubo has no endpoint
// to list or search links, so a link whose creation is unknown cannot be
// found through the API. Nobody can pay it either (its URL never reached
// a customer): create a new link. There is no ReconcileKey.
func (s *LinksService) Create(ctx context.Context, params *LinkParams) (*Link, error) {
	tc, err := s.conn()
	if err != nil {
		return nil, err
	}
	if err := params.Validate(); err != nil {
		return nil, err
	}
	return createLink(ctx, tc, "links.create", "/api/v1/links/one-use", newLinkBody(params))
}

// CreateSubscription creates a subscription payment link: POST
// /api/v1/links/subscription, with installments and redirectUri. Cubo
// documents no reference page for it. Outcomes, retries and reconciling
// are as for Create (Operation "links.create_subscription").
func (s *LinksService) CreateSubscription(ctx context.Context, params *SubscriptionLinkParams) (*Link, error) {
	tc, err := s.conn()
	if err != nil {
		return nil, err
	}
	if err := params.Validate(); err != nil {
		return nil, err
	}
	body := newLinkBody(&params.LinkParams)
	body.Installments = params.Installments
	return createLink(ctx, tc, "links.create_subscription", "/api/v1/links/subscription", body)
}

func createLink(ctx context.Context, tc *transport.Client, op, path string, body *linkBody) (*Link, error) {
	l := new(Link)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: body, Operation: op}
	resp, err := tc.Do(ctx, req, l)
	if err != nil {
		return nil, err
	}
	if l.RedirectURL == "" || l.PaymentIntentToken == "" {
		return nil, resp.MalformedFor(req, errors.New("no cuboRedirectUri or paymentIntentToken in a successful response"))
	}
	return l, nil
}
