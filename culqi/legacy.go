package culqi

import (
	"context"
	"iter"
	"net/http"

	"github.com/latampay/latampay-go/internal/transport"
)

// Legacy plan intervals to send; Culqi answers with "Días", "Semanas", …
const (
	LegacyIntervalDays   = "dias"
	LegacyIntervalWeeks  = "semanas"
	LegacyIntervalMonths = "meses"
	LegacyIntervalYears  = "años"
)

// LegacyPlan is a plan of the retired /v2/plans API.
type LegacyPlan struct {
	// Object is "plan".
	Object string `json:"object"`
	// ID is the plan's id (pln_…).
	ID string `json:"id"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Name is the plan's name.
	Name string `json:"name"`
	// Amount is charged each interval, in céntimos/cents.
	Amount int64 `json:"amount"`
	// CurrencyCode is CurrencyPEN or CurrencyUSD.
	CurrencyCode string `json:"currency_code"`
	// Interval is Culqi's text ("Días", "Meses", …).
	Interval string `json:"interval"`
	// IntervalCount is how many Intervals lie between charges.
	IntervalCount int `json:"interval_count"`
	// Limit is the number of charges; 0 when unlimited.
	Limit int `json:"limit"`
	// TrialDays is the free trial before the first charge.
	TrialDays int `json:"trial_days"`
	// TotalSubscriptions counts the plan's subscriptions.
	TotalSubscriptions int `json:"total_subscriptions"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
}

// LegacyPlanParams creates a legacy plan.
type LegacyPlanParams struct {
	// Name, 2–50 characters.
	Name string
	// Amount in céntimos/cents, positive.
	Amount int64
	// CurrencyCode is CurrencyPEN or CurrencyUSD.
	CurrencyCode string
	// Interval is LegacyIntervalDays … LegacyIntervalYears.
	Interval string
	// IntervalCount, 1–999: how many Intervals lie between charges.
	IntervalCount int
	// Limit is the number of charges; 0 = unlimited (not sent).
	Limit int
	// TrialDays is the free trial before the first charge; 0 is not sent.
	TrialDays int
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
}

// Validate runs the checks LegacyPlans.Create makes before any I/O.
func (p *LegacyPlanParams) Validate() error {
	if p == nil {
		return invalidParams("LegacyPlanParams", "is nil")
	}
	for _, err := range []error{checkLen("Name", p.Name, 2, 50, true), checkAmount("Amount", p.Amount),
		checkCurrency("CurrencyCode", p.CurrencyCode), checkMetadata(p.Metadata)} {
		if err != nil {
			return err
		}
	}
	switch p.Interval {
	case LegacyIntervalDays, LegacyIntervalWeeks, LegacyIntervalMonths, LegacyIntervalYears:
	default:
		return invalidParams("Interval", "must be dias, semanas, meses or años")
	}
	if p.IntervalCount < 1 || p.IntervalCount > 999 || p.Limit < 0 || p.TrialDays < 0 {
		return invalidParams("IntervalCount", "must be 1 to 999 (Limit and TrialDays not negative)")
	}
	return nil
}

type legacyPlanBody struct {
	Name          string            `json:"name"`
	Amount        int64             `json:"amount"`
	CurrencyCode  string            `json:"currency_code"`
	Interval      string            `json:"interval"`
	IntervalCount int               `json:"interval_count"`
	Limit         int               `json:"limit,omitempty"`
	TrialDays     int               `json:"trial_days,omitempty"`
	Metadata      map[string]string `json:"metadata,omitempty"`
}

// LegacyPlansService is the retired /v2/plans API.
type LegacyPlansService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *LegacyPlansService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// LegacyPlanService is the former name of LegacyPlansService.
//
// Deprecated: use LegacyPlansService.
type LegacyPlanService = LegacyPlansService

// Create creates a legacy plan.
//
// Create sends POST /v2/plans.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *LegacyPlansService) Create(ctx context.Context, p *LegacyPlanParams) (*LegacyPlan, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	out := new(LegacyPlan)
	_, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/plans", Operation: "legacyplans.create", Body: legacyPlanBody{
		Name: p.Name, Amount: p.Amount, CurrencyCode: p.CurrencyCode, Interval: p.Interval,
		IntervalCount: p.IntervalCount, Limit: p.Limit, TrialDays: p.TrialDays, Metadata: p.Metadata}}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a legacy plan.
//
// Get sends GET /v2/plans/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *LegacyPlansService) Get(ctx context.Context, id string) (*LegacyPlan, error) {
	return get[LegacyPlan](ctx, s.client(), "id", id, "plans")
}

// Update sets metadata on a legacy plan.
//
// Update sends PATCH /v2/plans/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *LegacyPlansService) Update(ctx context.Context, id string, p *MetadataParams) (*LegacyPlan, error) {
	return updateMetadata[LegacyPlan](ctx, s.client(), "id", id, p, "plans")
}

// Delete deletes a legacy plan (and cancels its subscriptions).
//
// Delete sends DELETE /v2/plans/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *LegacyPlansService) Delete(ctx context.Context, id string) error {
	_, err := del(ctx, s.client(), "id", id, "plans")
	return err
}

// List fetches one page of legacy plans. Nil params list without filters.
//
// List sends GET /v2/plans.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *LegacyPlansService) List(ctx context.Context, p *ListParams) (*Page[LegacyPlan], error) {
	var q ListParams
	if p != nil {
		q = *p
	}
	return list[LegacyPlan](ctx, s.client(), "/v2/plans", &q, q.Limit, q.Before != "")
}

// All walks every legacy plan, fetching pages lazily.
//
// All sends GET /v2/plans, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *LegacyPlansService) All(ctx context.Context, p *ListParams) iter.Seq2[*LegacyPlan, error] {
	return walkSimple[LegacyPlan](ctx, s.client(), "/v2/plans", p)
}

// LegacySubscription is a subscription of the retired /v2/subscriptions API.
type LegacySubscription struct {
	// Object is "subscription".
	Object string `json:"object"`
	// ID is the subscription's id (sub_…).
	ID string `json:"id"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Status is Culqi's text: Activa, Cancelada, Finalizada.
	Status string `json:"status"`
	// CurrentPeriod numbers the period under way.
	CurrentPeriod int `json:"current_period"`
	// TotalPeriod is the number of periods (the plan's Limit).
	TotalPeriod int `json:"total_period"`
	// CurrentPeriodStart is sent in milliseconds.
	CurrentPeriodStart Time `json:"current_period_start"`
	// CurrentPeriodEnd is sent in milliseconds.
	CurrentPeriodEnd Time `json:"current_period_end"`
	// CancelAtPeriodEnd is true when the subscription ends with the current period.
	CancelAtPeriodEnd bool `json:"cancel_at_period_end"`
	// CancelAt is when it was cancelled; zero while active.
	CancelAt Time `json:"cancel_at"`
	// EndedAt is when the last period ends.
	EndedAt Time `json:"ended_at"`
	// NextBillingDate is the next charge's date.
	NextBillingDate Time `json:"next_billing_date"`
	// TrialStart is when the free trial began.
	TrialStart Time `json:"trial_start"`
	// TrialEnd is when the free trial ends.
	TrialEnd Time `json:"trial_end"`
	// Charges are the subscription's charges so far.
	Charges []*Charge `json:"charges"`
	// Plan is the plan subscribed to.
	Plan *LegacyPlan `json:"plan"`
	// Card is the saved card charged.
	Card *SavedCard `json:"card"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
}

// LegacySubscriptionParams subscribes a saved card to a legacy plan.
type LegacySubscriptionParams struct {
	// CardID is the saved card to charge (crd_…).
	CardID string
	// PlanID is the legacy plan (pln_…).
	PlanID string
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
}

// Validate runs the checks LegacySubscriptions.Create makes before any I/O.
func (p *LegacySubscriptionParams) Validate() error {
	if p == nil {
		return invalidParams("LegacySubscriptionParams", "is nil")
	}
	if p.CardID == "" {
		return invalidParams("CardID", "is required")
	}
	if p.PlanID == "" {
		return invalidParams("PlanID", "is required")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return err
	}
	return nil
}

type legacySubscriptionBody struct {
	CardID   string            `json:"card_id"`
	PlanID   string            `json:"plan_id"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// LegacySubscriptionsService is the retired /v2/subscriptions API.
type LegacySubscriptionsService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *LegacySubscriptionsService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// LegacySubscriptionService is the former name of LegacySubscriptionsService.
//
// Deprecated: use LegacySubscriptionsService.
type LegacySubscriptionService = LegacySubscriptionsService

// Create subscribes a card to a legacy plan; never retried once it may
// have reached Culqi.
//
// Create sends POST /v2/subscriptions.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *LegacySubscriptionsService) Create(ctx context.Context, p *LegacySubscriptionParams) (*LegacySubscription, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	out := new(LegacySubscription)
	_, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/subscriptions", MovesMoney: true,
		Operation: "legacysubscriptions.create",
		Body:      legacySubscriptionBody{CardID: p.CardID, PlanID: p.PlanID, Metadata: p.Metadata}}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a legacy subscription.
//
// Get sends GET /v2/subscriptions/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *LegacySubscriptionsService) Get(ctx context.Context, id string) (*LegacySubscription, error) {
	return get[LegacySubscription](ctx, s.client(), "id", id, "subscriptions")
}

// Update sets metadata on a legacy subscription.
//
// Update sends PATCH /v2/subscriptions/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *LegacySubscriptionsService) Update(ctx context.Context, id string, p *MetadataParams) (*LegacySubscription, error) {
	return updateMetadata[LegacySubscription](ctx, s.client(), "id", id, p, "subscriptions")
}

// Cancel cancels a legacy subscription (DELETE).
//
// Cancel sends DELETE /v2/subscriptions/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *LegacySubscriptionsService) Cancel(ctx context.Context, id string) (*DeleteResult, error) {
	return del(ctx, s.client(), "id", id, "subscriptions")
}

// List fetches one page of legacy subscriptions. Nil params list without filters.
//
// List sends GET /v2/subscriptions.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *LegacySubscriptionsService) List(ctx context.Context, p *ListParams) (*Page[LegacySubscription], error) {
	var q ListParams
	if p != nil {
		q = *p
	}
	return list[LegacySubscription](ctx, s.client(), "/v2/subscriptions", &q, q.Limit, q.Before != "")
}

// All walks every legacy subscription, fetching pages lazily.
//
// All sends GET /v2/subscriptions, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Suscripciones)
func (s *LegacySubscriptionsService) All(ctx context.Context, p *ListParams) iter.Seq2[*LegacySubscription, error] {
	return walkSimple[LegacySubscription](ctx, s.client(), "/v2/subscriptions", p)
}

// walkSimple is All for the lists that take plain ListParams: the list at
// path p.
func walkSimple[T any](ctx context.Context, c *Client, p string, lp *ListParams) iter.Seq2[*T, error] {
	var q ListParams
	if lp != nil {
		q = *lp
	}
	return walkList[T](ctx, c, p, &q, q.Limit, q.After, q.Before)
}
