package srpago

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/latampay/latampay-go/internal/transport"
	"github.com/latampay/latampay-go/internal/validate"
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
//
// Reference: https://devcenter.srpago.com/en/docs/library/webhook/webhook/
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

// WebhooksService changes where Sr. Pago posts its notifications. Its
// methods on a nil service return an error matching ErrNoClient.
type WebhooksService service

// WebhookParams is the new notification URL.
type WebhookParams struct {
	// URL receives the notifications; an absolute https:// URL (http://
	// only for a loopback host, in tests).
	URL string
}

// Validate reports what Update refuses before any I/O: a nil params, a URL
// that is not absolute https:// (or http:// on a loopback host).
func (p *WebhookParams) Validate() error {
	if p == nil {
		return invalidParams("WebhookParams", "is nil")
	}
	return validate.WebhookURL("srpago", "URL", p.URL)
}

// Update sets the notification URL of the webhook id: PUT /v1/webhook/{id}
// with {"url"}. Sr. Pago's page describes it as the URL for notifications
// of rejected transactions, gives "MQ==" as an example id, and shows the
// account object as its answer, which is what Update returns (read as
// leniently as Account.Get's). An id of "." or ".." is refused before I/O.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/account/webhook-4
func (s *WebhooksService) Update(ctx context.Context, id string, p *WebhookParams) (*Account, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	eid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return call[Account](ctx, c, &transport.Request{Method: http.MethodPut, Path: "/v1/webhook/" + eid,
		Body: map[string]string{"url": p.URL}})
}
