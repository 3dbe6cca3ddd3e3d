package srpago

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/latampay/latampay-go/internal/transport"
)

// ErrInvalidWebhook reports a notification body that is not an operation.
var ErrInvalidWebhook = errors.New("srpago: invalid webhook notification")

// ParseWebhook decodes the body Sr. Pago POSTs to the notification URL set in
// its dashboard: an operation object (transaction, status, total,
// reference…), with no event type.
//
// Sr. Pago does not sign notifications: no header, no shared secret.
// Anyone who finds the URL can post to it. Treat the result as a hint only:
// fetch the operation with Operations.Get(ctx, op.TransactionID) and act
// on what that returns, answer 2xx quickly, and make the handler
// idempotent (the same operation may arrive more than once).
func ParseWebhook(body []byte) (*Operation, error) {
	var op Operation
	if err := json.Unmarshal(body, &op); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInvalidWebhook, transport.Mask(err.Error()))
	}
	if op.TransactionID == "" {
		return nil, fmt.Errorf("%w: no transaction id", ErrInvalidWebhook)
	}
	return &op, nil
}
