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

// SubscriptionService is the /v2/recurrent/subscriptions API.
type SubscriptionService struct{ c *Client }

// Create subscribes a card to a plan. It may charge the card at once, so it
// is never retried once it may have reached Culqi.
func (s *SubscriptionService) Create(ctx context.Context, p *SubscriptionParams) (*Subscription, error) {
	if p == nil {
		return nil, transport.InvalidParams("SubscriptionParams", "is nil")
	}
	if p.CardID == "" {
		return nil, transport.InvalidParams("CardID", "is required")
	}
	if p.PlanID == "" {
		return nil, transport.InvalidParams("PlanID", "is required")
	}
	if !p.TermsAccepted {
		return nil, transport.InvalidParams("TermsAccepted", "must be true (Culqi requires tyc: true)")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	out := new(Subscription)
	_, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/recurrent/subscriptions/create",
		Body: subscriptionBody{CardID: p.CardID, PlanID: p.PlanID, TyC: true, Metadata: p.Metadata}, MovesMoney: true}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a subscription.
func (s *SubscriptionService) Get(ctx context.Context, id string) (*Subscription, error) {
	return get[Subscription](ctx, s.c, "id", id, "recurrent", "subscriptions")
}

// Update changes a subscription's card and/or metadata. Only a
// metadata-only update is retried after it may have reached Culqi
// (API.md §3).
func (s *SubscriptionService) Update(ctx context.Context, id string, p *SubscriptionUpdateParams) (*Subscription, error) {
	if err := transport.RequireID("id", id); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, transport.InvalidParams("SubscriptionUpdateParams", "is nil")
	}
	if p.CardID == "" && p.Metadata == nil {
		return nil, transport.InvalidParams("SubscriptionUpdateParams", "sets nothing")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	out := new(Subscription)
	if _, err := s.c.do(ctx, &transport.Request{Method: http.MethodPatch, Path: path("recurrent", "subscriptions", id),
		Body: p, Idempotent: p.CardID == ""}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Cancel cancels a subscription (DELETE).
func (s *SubscriptionService) Cancel(ctx context.Context, id string) (*DeleteResult, error) {
	return del(ctx, s.c, "id", id, "recurrent", "subscriptions")
}

// List fetches one page of subscriptions. Nil params list without filters.
func (s *SubscriptionService) List(ctx context.Context, p *SubscriptionListParams) (*Page[Subscription], error) {
	var q SubscriptionListParams
	if p != nil {
		q = *p
	}
	return list[Subscription](ctx, s.c, "/v2/recurrent/subscriptions", &q, q.Limit, q.Before != "")
}

// All walks every subscription matching p, fetching pages lazily.
func (s *SubscriptionService) All(ctx context.Context, p *SubscriptionListParams) iter.Seq2[*Subscription, error] {
	var q SubscriptionListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, q.Before != "", func(ctx context.Context, pc pageCursor) (*Page[Subscription], error) {
		qq := q
		pc.apply(&qq.After, &qq.Before)
		return s.List(ctx, &qq)
	})
}
