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
	Object   string `json:"object"`
	ID       string `json:"id"`
	ChargeID string `json:"charge_id"`
	// CreationDate is sent in milliseconds.
	CreationDate Time  `json:"creation_date"`
	Amount       int64 `json:"amount"`
	// Reason is Culqi's text, not the value sent.
	Reason   string   `json:"reason"`
	Metadata Metadata `json:"metadata"`
}

// RefundParams refunds a charge.
type RefundParams struct {
	// Amount in céntimos/cents, positive; at most what remains of the charge.
	Amount   int64
	ChargeID string
	// Reason is ReasonDuplicate, ReasonFraudulent or ReasonCustomerRequest.
	Reason   string
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
	Limit            int       `url:"limit,omitempty"`
	Before           string    `url:"before,omitempty"`
	After            string    `url:"after,omitempty"`
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	CreationDateTo   time.Time `url:"creation_date_to,unix,omitempty"`
	Reason           string    `url:"reason,omitempty"`
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
	return list[Refund](ctx, s.c, "/v2/refunds", &q, q.Limit)
}

// All walks every refund matching p, fetching pages lazily.
func (s *RefundService) All(ctx context.Context, p *RefundListParams) iter.Seq2[*Refund, error] {
	var q RefundListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, func(ctx context.Context, after string) (*Page[Refund], error) {
		qq := q
		if after != "" {
			qq.After, qq.Before = after, ""
		}
		return s.List(ctx, &qq)
	})
}
