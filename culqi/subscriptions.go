package culqi

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Subscription is a subscription of the recurrent API (sxn_…). Culqi has
// not published its schema; fields seen in community models are typed, and
// the periods are kept raw.
type Subscription struct {
	// Object is "subscription" when Culqi sends it.
	Object string `json:"object,omitempty"`
	// ID is the subscription's id (sxn_…).
	ID string `json:"id"`
	// Status is an integer whose meanings Culqi does not document.
	Status int `json:"status"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// NextBillingDate is the next charge's date.
	NextBillingDate Time `json:"next_billing_date"`
	// CurrentPeriod numbers the period under way.
	CurrentPeriod int `json:"current_period"`
	// TrialStart is when a free trial began; zero without one.
	TrialStart Time `json:"trial_start"`
	// TrialEnd is when a free trial ends; zero without one.
	TrialEnd Time `json:"trial_end"`
	// ActiveCard is kept raw (an id or an object).
	ActiveCard json.RawMessage `json:"active_card,omitempty"`
	// Plan is the plan subscribed to, when Culqi sends it.
	Plan *Plan `json:"plan"`
	// Periods is kept raw.
	Periods json.RawMessage `json:"periods,omitempty"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
}

// SubscriptionParams subscribes a saved card to a plan.
type SubscriptionParams struct {
	// CardID is the saved card (crd_…); the customer is the card's.
	CardID string
	// PlanID is the plan (pln_…).
	PlanID string
	// TermsAccepted must be true: the payer accepted the terms (tyc).
	TermsAccepted bool
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
}

// Validate runs the checks Subscriptions.Create makes before any I/O.
func (p *SubscriptionParams) Validate() error {
	if p == nil {
		return invalidParams("SubscriptionParams", "is nil")
	}
	if p.CardID == "" {
		return invalidParams("CardID", "is required")
	}
	if p.PlanID == "" {
		return invalidParams("PlanID", "is required")
	}
	if !p.TermsAccepted {
		return invalidParams("TermsAccepted", "must be true (Culqi requires tyc: true)")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return err
	}
	return nil
}

type subscriptionBody struct {
	CardID   string            `json:"card_id"`
	PlanID   string            `json:"plan_id"`
	TyC      bool              `json:"tyc"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// SubscriptionUpdateParams changes a subscription's card and metadata.
type SubscriptionUpdateParams struct {
	// CardID moves the subscription to another saved card (crd_…); empty is not sent.
	CardID string `json:"card_id,omitempty"`
	// Metadata adds or replaces these keys.
	Metadata map[string]string `json:"metadata,omitempty"`
}

// Validate runs the checks Subscriptions.Update makes before any I/O.
func (p *SubscriptionUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("SubscriptionUpdateParams", "is nil")
	}
	if p.CardID == "" && p.Metadata == nil {
		return invalidParams("SubscriptionUpdateParams", "sets nothing")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return err
	}
	return nil
}

// SubscriptionListParams filters Subscriptions.List; zero values are not sent.
type SubscriptionListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id; All then walks toward newer ones.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
	// PlanID keeps the subscriptions to one plan.
	PlanID string `url:"plan_id,omitempty"`
	// Status keeps the subscriptions with one status code.
	Status int `url:"status,omitempty"`
	// CreationDateFrom keeps objects created at or after it (sent as Unix seconds).
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	// CreationDateTo keeps objects created at or before it (sent as Unix seconds).
	CreationDateTo time.Time `url:"creation_date_to,unix,omitempty"`
}

// Validate runs the check Subscriptions.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *SubscriptionListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// SubscriptionsService is the /v2/recurrent/subscriptions API.
type SubscriptionsService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *SubscriptionsService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// SubscriptionService is the former name of SubscriptionsService.
//
// Deprecated: use SubscriptionsService.
type SubscriptionService = SubscriptionsService

// Create subscribes a card to a plan. It may charge the card at once, so it
// is never retried once it may have reached Culqi.
//
// Create sends POST /v2/recurrent/subscriptions/create.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *SubscriptionsService) Create(ctx context.Context, p *SubscriptionParams) (*Subscription, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	out := new(Subscription)
	_, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/recurrent/subscriptions/create", Operation: "subscriptions.create",
		Body: subscriptionBody{CardID: p.CardID, PlanID: p.PlanID, TyC: true, Metadata: p.Metadata}, MovesMoney: true}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a subscription.
//
// Get sends GET /v2/recurrent/subscriptions/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *SubscriptionsService) Get(ctx context.Context, id string) (*Subscription, error) {
	return get[Subscription](ctx, s.client(), "id", id, "recurrent", "subscriptions")
}

// Update changes a subscription's card and/or metadata. Only a
// metadata-only update is retried after it may have reached Culqi
// (an unknown outcome of any other update matches ErrOutcomeUnknown).
//
// Update sends PATCH /v2/recurrent/subscriptions/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *SubscriptionsService) Update(ctx context.Context, id string, p *SubscriptionUpdateParams) (*Subscription, error) {
	pth, err := objectPath("id", id, "recurrent", "subscriptions")
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	out := new(Subscription)
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPatch, Path: pth,
		Body: p, Idempotent: p.CardID == ""}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Cancel cancels a subscription (DELETE).
//
// Cancel sends DELETE /v2/recurrent/subscriptions/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *SubscriptionsService) Cancel(ctx context.Context, id string) (*DeleteResult, error) {
	return del(ctx, s.client(), "id", id, "recurrent", "subscriptions")
}

// List fetches one page of subscriptions. Nil params list without filters.
//
// List sends GET /v2/recurrent/subscriptions.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *SubscriptionsService) List(ctx context.Context, p *SubscriptionListParams) (*Page[Subscription], error) {
	var q SubscriptionListParams
	if p != nil {
		q = *p
	}
	return list[Subscription](ctx, s.client(), "/v2/recurrent/subscriptions", &q, q.Limit, q.Before != "")
}

// All walks every subscription matching p, fetching pages lazily.
//
// All sends GET /v2/recurrent/subscriptions, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *SubscriptionsService) All(ctx context.Context, p *SubscriptionListParams) iter.Seq2[*Subscription, error] {
	var q SubscriptionListParams
	if p != nil {
		q = *p
	}
	return walkList[Subscription](ctx, s.client(), "/v2/recurrent/subscriptions", &q, q.Limit, q.After, q.Before)
}
