package digitalfemsa

import (
	"context"

	"github.com/latampay/latampay-go/internal/transport"
)

// OrderCaptureParams captures a pre-authorized order.
type OrderCaptureParams struct {
	// Amount to capture in cents, at least 1; required by the API.
	Amount int64
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check Capture runs before any request.
func (p *OrderCaptureParams) Validate() error {
	if p == nil {
		return paramError("OrderCaptureParams", "is nil")
	}
	if p.Amount < 1 {
		return paramError("Amount", "must be at least 1 cent")
	}
	return nil
}

// Cancel cancels an order that is not paid yet (POST /orders/{id}/cancel,
// operation CancelOrder) and returns it. A POST: it is not repeated once it
// may have arrived; read the order (Get) to learn an unknown outcome.
func (s *OrdersService) Cancel(ctx context.Context, id string) (*Order, error) {
	if s == nil || s.c == nil {
		return nil, errNoClientOps
	}
	oid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.c, &transport.Request{Method: "POST", Path: "/orders/" + oid + "/cancel",
		Operation: "orders.cancel"}, "order", orderIdent)
}

// Capture captures a pre-authorized order (POST /orders/{id}/capture,
// operation ordersCreateCapture) and returns it. It moves money: once it
// may have reached DigitalFemsa it is never repeated, and an unknown
// outcome is ErrOutcomeUnknown (read the order before capturing again).
func (s *OrdersService) Capture(ctx context.Context, id string, p *OrderCaptureParams) (*Order, error) {
	if s == nil || s.c == nil {
		return nil, errNoClientOps
	}
	oid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	body := &struct {
		Amount int64 `json:"amount"`
	}{p.Amount}
	return callObject(ctx, s.c, &transport.Request{Method: "POST", Path: "/orders/" + oid + "/capture", Body: body,
		MovesMoney: true, Operation: "orders.capture"}, "order", orderIdent)
}

// CancelRefund cancels a refund that is still pending (DELETE
// /orders/{id}/refunds/{refund_id}, operation orderCancelRefund) and
// returns the order. It moves money back, so it is never repeated once it
// may have arrived (ErrOutcomeUnknown), although DELETE usually is.
func (s *OrdersService) CancelRefund(ctx context.Context, orderID, refundID string) (*Order, error) {
	if s == nil || s.c == nil {
		return nil, errNoClientOps
	}
	ids, err := escapeIDs("OrderID", orderID, "RefundID", refundID)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.c, &transport.Request{Method: "DELETE", Path: "/orders/" + ids[0] + "/refunds/" + ids[1],
		MovesMoney: true, Operation: "refunds.cancel"}, "order", orderIdent)
}

func orderIdent(o *Order) (string, string) { return o.ID, o.Object }
