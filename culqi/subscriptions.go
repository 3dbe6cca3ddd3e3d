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
	Object string `json:"object,omitempty"`
	ID     string `json:"id"`
	// Status is an integer whose meanings Culqi does not document.
	Status          int  `json:"status"`
	CreationDate    Time `json:"creation_date"`
	NextBillingDate Time `json:"next_billing_date"`
	CurrentPeriod   int  `json:"current_period"`
	TrialStart      Time `json:"trial_start"`
	TrialEnd        Time `json:"trial_end"`
	// ActiveCard is kept raw (an id or an object).
	ActiveCard json.RawMessage `json:"active_card,omitempty"`
	Plan       *Plan           `json:"plan"`
	// Periods is kept raw.
	Periods  json.RawMessage `json:"periods,omitempty"`
	Metadata Metadata        `json:"metadata"`
}

// SubscriptionParams subscribes a saved card to a plan.
type SubscriptionParams struct {
	// CardID is the saved card (crd_…); the customer is the card's.
	CardID string
	// PlanID is the plan (pln_…).
	PlanID string
	// TermsAccepted must be true: the payer accepted the terms (tyc).
	TermsAccepted bool
	Metadata      map[string]string
}

type subscriptionBody struct {
	CardID   string            `json:"card_id"`
	PlanID   string            `json:"plan_id"`
	TyC      bool              `json:"tyc"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// SubscriptionUpdateParams changes a subscription's card and metadata.
type SubscriptionUpdateParams struct {
	CardID   string            `json:"card_id,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// SubscriptionListParams filters Subscriptions.List; zero values are not sent.
type SubscriptionListParams struct {
	Limit            int       `url:"limit,omitempty"`
	Before           string    `url:"before,omitempty"`
	After            string    `url:"after,omitempty"`
	PlanID           string    `url:"plan_id,omitempty"`
	Status           int       `url:"status,omitempty"`
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	CreationDateTo   time.Time `url:"creation_date_to,unix,omitempty"`
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

// Update changes a subscription's card and/or metadata.
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
		Body: p, Idempotent: true}, out); err != nil {
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
	return list[Subscription](ctx, s.c, "/v2/recurrent/subscriptions", &q, q.Limit)
}

// All walks every subscription matching p, fetching pages lazily.
func (s *SubscriptionService) All(ctx context.Context, p *SubscriptionListParams) iter.Seq2[*Subscription, error] {
	var q SubscriptionListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, func(ctx context.Context, after string) (*Page[Subscription], error) {
		qq := q
		if after != "" {
			qq.After, qq.Before = after, ""
		}
		return s.List(ctx, &qq)
	})
}
