package culqi

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Refund reasons to send. Culqi answers with a Spanish text instead
// ("Devolución solicitada por el comercio").
const (
	ReasonDuplicate       = "duplicado"
	ReasonFraudulent      = "fraudulento"
	ReasonCustomerRequest = "solicitud_comprador"
)

// Refund is a refund (ref_…) of a charge, full or partial.
type Refund struct {
	// Object is "refund".
	Object string `json:"object"`
	// ID is the refund's id (ref_…).
	ID string `json:"id"`
	// ChargeID is the refunded charge.
	ChargeID string `json:"charge_id"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Amount refunded, in céntimos/cents.
	Amount int64 `json:"amount"`
	// Reason is Culqi's text, not the value sent.
	Reason string `json:"reason"`
	// Metadata is the merchant's key → value data.
	Metadata Metadata `json:"metadata"`
}

// RefundParams refunds a charge.
type RefundParams struct {
	// Amount in céntimos/cents, positive; at most what remains of the charge.
	Amount int64
	// ChargeID is the charge to refund (chr_…).
	ChargeID string
	// Reason is ReasonDuplicate, ReasonFraudulent or ReasonCustomerRequest.
	Reason string
	// Metadata: at most 20 keys, keys up to 30 and values up to 200 characters.
	Metadata map[string]string
	// ReconcileKey identifies this refund for Refunds.Reconcile: your own
	// id or, when empty, one the SDK generates. 1 to 64 characters from
	// A-Z a-z 0-9 . _ : -; sent in the refund's metadata under
	// ReconcileMetadataKey ("latampay_key") and reported in the Key of an
	// *OutcomeUnknownError. Use a new key for every new refund.
	ReconcileKey string
}

// Validate runs the checks Refunds.Create makes before any I/O: a
// positive amount, a ChargeID, a known Reason, Culqi's metadata limits.
func (p *RefundParams) Validate() error {
	if p == nil {
		return invalidParams("RefundParams", "is nil")
	}
	if err := checkAmount("Amount", p.Amount); err != nil {
		return err
	}
	if p.ChargeID == "" {
		return invalidParams("ChargeID", "is required")
	}
	switch p.Reason {
	case ReasonDuplicate, ReasonFraudulent, ReasonCustomerRequest:
	default:
		return invalidParamsf("Reason", "must be %q, %q or %q", ReasonDuplicate, ReasonFraudulent, ReasonCustomerRequest)
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return err
	}
	return checkReconcileKey(p.ReconcileKey, p.Metadata)
}

type refundBody struct {
	Amount   int64             `json:"amount"`
	ChargeID string            `json:"charge_id"`
	Reason   string            `json:"reason"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// RefundListParams filters Refunds.List; zero values are not sent.
type RefundListParams struct {
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
	// Reason keeps the refunds sent with this reason (ReasonDuplicate, …).
	Reason string `url:"reason,omitempty"`
}

// Validate runs the check Refunds.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *RefundListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// RefundsService is the /v2/refunds API.
type RefundsService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *RefundsService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// RefundService is the former name of RefundsService.
//
// Deprecated: use RefundsService.
type RefundService = RefundsService

// Create refunds a charge. It moves money: never retried once it may have
// reached Culqi.
//
// Create sends POST /v2/refunds.
// Culqi reference: https://apidocs.culqi.com/ (section Devoluciones)
func (s *RefundsService) Create(ctx context.Context, p *RefundParams) (*Refund, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	key, md, err := reconcileMetadata(p.ReconcileKey, p.Metadata)
	if err != nil {
		return nil, err
	}
	out := new(Refund)
	_, err = s.client().do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/refunds", MovesMoney: true,
		Operation: "refunds.create", ReconcileKey: key,
		Body: refundBody{Amount: p.Amount, ChargeID: p.ChargeID, Reason: p.Reason, Metadata: md}}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a refund.
//
// Get sends GET /v2/refunds/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Devoluciones)
func (s *RefundsService) Get(ctx context.Context, id string) (*Refund, error) {
	return get[Refund](ctx, s.client(), "id", id, "refunds")
}

// Update sets metadata on a refund.
//
// Update sends PATCH /v2/refunds/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Devoluciones)
func (s *RefundsService) Update(ctx context.Context, id string, p *MetadataParams) (*Refund, error) {
	return updateMetadata[Refund](ctx, s.client(), "id", id, p, "refunds")
}

// Reconcile finds the refund created with the reconciliation key key (a
// RefundParams.ReconcileKey, or the Key of an *OutcomeUnknownError) by a
// call started at since (the error's SentAt). It returns the refund, or an
// error matching ErrNotFound when none carries the key. It never creates
// anything.
//
// It lists refunds with creation_date_from (a filter of Culqi's refund list
// in its 2022 API description) set to since less ReconcileClockSkew,
// newest first, 100 a page, fetched lazily, and matches the key in each
// refund's metadata; the walk also stops at the first refund older than
// the window. Culqi does not document how soon a refund shows in its list:
// on ErrNotFound shortly after the call, wait a minute and Reconcile again
// (Charges.Get also lists a charge's refunds under Operations); once you
// give up, refund anew with a NEW ReconcileKey.
//
// Reconcile sends GET /v2/refunds, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Devoluciones)
func (s *RefundsService) Reconcile(ctx context.Context, key string, since time.Time) (*Refund, error) {
	return reconcile(ctx, s.client(), "refund", key, since, func(from time.Time) iter.Seq2[*Refund, error] {
		return s.All(ctx, &RefundListParams{CreationDateFrom: from, Limit: 100})
	}, func(r *Refund) (Metadata, time.Time) { return r.Metadata, r.CreationDate.Time })
}

// List fetches one page of refunds. Nil params list without filters.
//
// List sends GET /v2/refunds.
// Culqi reference: https://apidocs.culqi.com/ (section Devoluciones)
func (s *RefundsService) List(ctx context.Context, p *RefundListParams) (*Page[Refund], error) {
	var q RefundListParams
	if p != nil {
		q = *p
	}
	return list[Refund](ctx, s.client(), "/v2/refunds", &q, q.Limit, q.Before != "")
}

// All walks every refund matching p, fetching pages lazily.
//
// All sends GET /v2/refunds, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Devoluciones)
func (s *RefundsService) All(ctx context.Context, p *RefundListParams) iter.Seq2[*Refund, error] {
	var q RefundListParams
	if p != nil {
		q = *p
	}
	return walkList[Refund](ctx, s.client(), "/v2/refunds", &q, q.Limit, q.After, q.Before)
}
