package culqi

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Plan statuses of the recurrent API (meanings inferred: Culqi does not
// document them).
const (
	PlanStatusActive   = 1
	PlanStatusInactive = 2
)

// Interval units of the recurrent API (interval_unit_time); the mapping
// comes from community code, not from Culqi's documentation.
const (
	IntervalDaily      = 1
	IntervalWeekly     = 2
	IntervalMonthly    = 3
	IntervalYearly     = 4
	IntervalQuarterly  = 5
	IntervalSemiannual = 6
)

// Plan is a plan of the recurrent API (/v2/recurrent/plans, pln_…).
type Plan struct {
	// Object is "plan" when Culqi sends it.
	Object string `json:"object,omitempty"`
	// ID is the plan's id (pln_…).
	ID string `json:"id"`
	// Name is the plan's name.
	Name string `json:"name"`
	// ShortName is the plan's short name (a slug).
	ShortName string `json:"short_name"`
	// Description is the plan's description.
	Description string `json:"description"`
	// Amount is charged each interval, in céntimos/cents.
	Amount int64 `json:"amount"`
	// Currency is CurrencyPEN or CurrencyUSD.
	Currency string `json:"currency"`
	// IntervalUnitTime is IntervalDaily … IntervalSemiannual.
	IntervalUnitTime int `json:"interval_unit_time"`
	// IntervalCount is how many interval units lie between charges.
	IntervalCount int `json:"interval_count"`
	// InitialCycles describes the cycles before the regular amount applies.
	InitialCycles *InitialCycles `json:"initial_cycles"`
	// Image is the plan's image URL, when set.
	Image string `json:"image"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
	// TotalSubscriptions counts the plan's subscriptions.
	TotalSubscriptions int `json:"total_subscriptions"`
	// Status is PlanStatusActive or PlanStatusInactive.
	Status int `json:"status"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Slug is Culqi's URL-safe name for the plan.
	Slug string `json:"slug"`
}

// InitialCycles configures a plan's first cycles.
type InitialCycles struct {
	// Count is the number of initial cycles, 0–9999; at least 1 with HasInitialCharge.
	Count int `json:"count"`
	// HasInitialCharge says whether the initial cycles are charged Amount.
	HasInitialCharge bool `json:"has_initial_charge"`
	// Amount charged in each initial cycle, in céntimos/cents; 0 without an initial charge.
	Amount int64 `json:"amount"`
	// IntervalUnitTime of the initial cycles, IntervalDaily … IntervalSemiannual.
	IntervalUnitTime int `json:"interval_unit_time"`
}

// PlanParams creates a plan (POST /v2/recurrent/plans/create).
type PlanParams struct {
	Name        string // 5–50 characters
	ShortName   string // 5–50 characters, a slug
	Description string // 5–250 characters
	// Amount in céntimos/cents, positive.
	Amount int64
	// Currency is CurrencyPEN or CurrencyUSD (the wire names it "currency").
	Currency string
	// IntervalUnitTime is IntervalDaily … IntervalSemiannual.
	IntervalUnitTime int
	// IntervalCount, 0–9999.
	IntervalCount int
	// InitialCycles configures the cycles before the regular amount applies.
	InitialCycles InitialCycles
	// Image is a URL, optional.
	Image string
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
}

// Validate runs the checks Plans.Create makes before any I/O.
func (p *PlanParams) Validate() error {
	if p == nil {
		return invalidParams("PlanParams", "is nil")
	}
	for _, err := range []error{
		checkLen("Name", p.Name, 5, 50, true),
		checkLen("ShortName", p.ShortName, 5, 50, true),
		checkLen("Description", p.Description, 5, 250, true),
		checkAmount("Amount", p.Amount),
		checkCurrency("Currency", p.Currency),
		checkLen("Image", p.Image, 5, 250, false),
		checkMetadata(p.Metadata),
	} {
		if err != nil {
			return err
		}
	}
	if p.IntervalUnitTime < 1 || p.IntervalUnitTime > 6 {
		return invalidParams("IntervalUnitTime", "must be 1 to 6")
	}
	if p.IntervalCount < 0 || p.IntervalCount > 9999 {
		return invalidParams("IntervalCount", "must be 0 to 9999")
	}
	if ic := p.InitialCycles; ic.Count < 0 || ic.Count > 9999 || ic.Amount < 0 ||
		(ic.IntervalUnitTime != 0 && (ic.IntervalUnitTime < 1 || ic.IntervalUnitTime > 6)) {
		return invalidParams("InitialCycles", "count 0–9999, amount not negative, interval unit 1–6")
	}
	if ic := p.InitialCycles; ic.HasInitialCharge && ic.Count < 1 {
		return invalidParams("InitialCycles.Count", "must be 1 to 9999 with HasInitialCharge")
	}
	return nil
}

type planBody struct {
	Name             string            `json:"name"`
	ShortName        string            `json:"short_name"`
	Description      string            `json:"description"`
	Amount           int64             `json:"amount"`
	Currency         string            `json:"currency"`
	IntervalUnitTime int               `json:"interval_unit_time"`
	IntervalCount    int               `json:"interval_count"`
	InitialCycles    InitialCycles     `json:"initial_cycles"`
	Image            string            `json:"image,omitempty"`
	Metadata         map[string]string `json:"metadata,omitempty"`
}

// PlanUpdateParams updates a plan; only set fields are sent.
type PlanUpdateParams struct {
	// Name, 5–50 characters; empty is not sent.
	Name string `json:"name,omitempty"`
	// ShortName, 5–50 characters; empty is not sent.
	ShortName string `json:"short_name,omitempty"`
	// Description, 5–250 characters; empty is not sent.
	Description string `json:"description,omitempty"`
	// Status is PlanStatusActive or PlanStatusInactive; 0 is not sent.
	Status int `json:"status,omitempty"`
	// Image is a URL; empty is not sent.
	Image string `json:"image,omitempty"`
	// Metadata adds or replaces these keys.
	Metadata map[string]string `json:"metadata,omitempty"`
}

// Validate runs the checks Plans.Update makes before any I/O: something
// to set, a known Status, Culqi's metadata limits.
func (p *PlanUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("PlanUpdateParams", "is nil")
	}
	metadataOnly := p.Name+p.ShortName+p.Description+p.Image == "" && p.Status == 0
	if metadataOnly && len(p.Metadata) == 0 {
		return invalidParams("PlanUpdateParams", "sets nothing")
	}
	if p.Status != 0 && p.Status != PlanStatusActive && p.Status != PlanStatusInactive {
		return invalidParams("Status", "must be 1 or 2")
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return err
	}
	return nil
}

// PlanListParams filters Plans.List; zero values are not sent.
type PlanListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id; All then walks toward newer ones.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
	// Status keeps the plans in PlanStatusActive or PlanStatusInactive.
	Status int `url:"status,omitempty"`
	// MinAmount keeps the plans of at least this amount, in céntimos/cents.
	MinAmount int64 `url:"min_amount,omitempty"`
	// MaxAmount keeps the plans of at most this amount.
	MaxAmount int64 `url:"max_amount,omitempty"`
	// CreationDateFrom keeps objects created at or after it (sent as Unix seconds).
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	// CreationDateTo keeps objects created at or before it (sent as Unix seconds).
	CreationDateTo time.Time `url:"creation_date_to,unix,omitempty"`
}

// Validate runs the check Plans.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *PlanListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// PlansService is the /v2/recurrent/plans API.
type PlansService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *PlansService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// PlanService is the former name of PlansService.
//
// Deprecated: use PlansService.
type PlanService = PlansService

// Create creates a plan.
//
// Create sends POST /v2/recurrent/plans/create.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *PlansService) Create(ctx context.Context, p *PlanParams) (*Plan, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := planBody{Name: p.Name, ShortName: p.ShortName, Description: p.Description, Amount: p.Amount,
		Currency: p.Currency, IntervalUnitTime: p.IntervalUnitTime, IntervalCount: p.IntervalCount,
		InitialCycles: p.InitialCycles, Image: p.Image, Metadata: p.Metadata}
	out := new(Plan)
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/recurrent/plans/create", Body: body,
		Operation: "plans.create"}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a plan.
//
// Get sends GET /v2/recurrent/plans/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *PlansService) Get(ctx context.Context, id string) (*Plan, error) {
	return get[Plan](ctx, s.client(), "id", id, "recurrent", "plans")
}

// Update changes a plan's name, short name, description, status, image or
// metadata; params that set none of them are refused before sending. Only
// a metadata-only update is retried after it may have reached Culqi
// (an unknown outcome of any other update matches ErrOutcomeUnknown).
//
// Update sends PATCH /v2/recurrent/plans/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *PlansService) Update(ctx context.Context, id string, p *PlanUpdateParams) (*Plan, error) {
	pth, err := objectPath("id", id, "recurrent", "plans")
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	metadataOnly := p.Name+p.ShortName+p.Description+p.Image == "" && p.Status == 0
	out := new(Plan)
	if _, err := s.client().do(ctx, &transport.Request{Method: http.MethodPatch, Path: pth,
		Body: p, Idempotent: metadataOnly}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes a plan.
//
// Delete sends DELETE /v2/recurrent/plans/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *PlansService) Delete(ctx context.Context, id string) error {
	_, err := del(ctx, s.client(), "id", id, "recurrent", "plans")
	return err
}

// List fetches one page of plans. Nil params list without filters.
//
// List sends GET /v2/recurrent/plans.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *PlansService) List(ctx context.Context, p *PlanListParams) (*Page[Plan], error) {
	var q PlanListParams
	if p != nil {
		q = *p
	}
	return list[Plan](ctx, s.client(), "/v2/recurrent/plans", &q, q.Limit, q.Before != "")
}

// All walks every plan matching p, fetching pages lazily.
//
// All sends GET /v2/recurrent/plans, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Planes)
func (s *PlansService) All(ctx context.Context, p *PlanListParams) iter.Seq2[*Plan, error] {
	var q PlanListParams
	if p != nil {
		q = *p
	}
	return walkList[Plan](ctx, s.client(), "/v2/recurrent/plans", &q, q.Limit, q.After, q.Before)
}
