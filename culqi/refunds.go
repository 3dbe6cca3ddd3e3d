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

// RefundService is the /v2/refunds API.
type RefundService struct{ c *Client }

// Create refunds a charge. It moves money: never retried once it may have
// reached Culqi.
func (s *RefundService) Create(ctx context.Context, p *RefundParams) (*Refund, error) {
	if p == nil {
		return nil, transport.InvalidParams("RefundParams", "is nil")
	}
	if err := checkAmount("Amount", p.Amount); err != nil {
		return nil, err
	}
	if p.ChargeID == "" {
		return nil, transport.InvalidParams("ChargeID", "is required")
	}
	switch p.Reason {
	case ReasonDuplicate, ReasonFraudulent, ReasonCustomerRequest:
	default:
		return nil, transport.InvalidParamsf("Reason", "must be %q, %q or %q", ReasonDuplicate, ReasonFraudulent, ReasonCustomerRequest)
	}
	if err := checkMetadata(p.Metadata); err != nil {
		return nil, err
	}
	out := new(Refund)
	_, err := s.c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "/v2/refunds", MovesMoney: true,
		Body: refundBody{Amount: p.Amount, ChargeID: p.ChargeID, Reason: p.Reason, Metadata: p.Metadata}}, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get fetches a refund.
func (s *RefundService) Get(ctx context.Context, id string) (*Refund, error) {
	return get[Refund](ctx, s.c, "id", id, "refunds")
}

// Update sets metadata on a refund.
func (s *RefundService) Update(ctx context.Context, id string, p *MetadataParams) (*Refund, error) {
	return updateMetadata[Refund](ctx, s.c, "id", id, p, "refunds")
}

// List fetches one page of refunds. Nil params list without filters.
func (s *RefundService) List(ctx context.Context, p *RefundListParams) (*Page[Refund], error) {
	var q RefundListParams
	if p != nil {
		q = *p
	}
	return list[Refund](ctx, s.c, "/v2/refunds", &q, q.Limit, q.Before != "")
}

// All walks every refund matching p, fetching pages lazily.
func (s *RefundService) All(ctx context.Context, p *RefundListParams) iter.Seq2[*Refund, error] {
	var q RefundListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, q.Before != "", func(ctx context.Context, pc pageCursor) (*Page[Refund], error) {
		qq := q
		pc.apply(&qq.After, &qq.Before)
		return s.List(ctx, &qq)
	})
}
