package cubo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/latampay/latampay-go/internal/wire"
)

// ErrInvalidWebhook reports a webhook body that is not a Cubo transaction
// notification (not a JSON object, or no identifier).
var ErrInvalidWebhook = errors.New("cubo: invalid webhook body")

// ErrWebhookMismatch reports that a webhook disagrees with the transaction
// Cubo's API returns for it: the webhook is not to be trusted.
var ErrWebhookMismatch = errors.New("cubo: webhook does not match the transaction")

// WebhookEvent is the notification Cubo posts to the URL configured in Cubo
// Admin (Developers → Webhooks) when a payment link's transaction ends.
//
// WEBHOOKS ARE NOT SIGNED. Cubo sends no signature, HMAC or shared secret,
// so anyone who knows your URL can post a body that says SUCCEEDED. Treat
// the event only as a hint that something changed: fetch the transaction
// with Transactions.Get(ctx, ev.Identifier) (or Transactions.VerifyWebhook)
// and act on what the API returns, never on the body. Cubo retries a
// webhook that gets a 5xx; answer 2xx once handled.
type WebhookEvent struct {
	// Identifier is the payment link's PaymentIntentToken.
	Identifier string
	// Status is the claimed outcome (StatusSucceeded, StatusRejected, …).
	Status Status
	// ReferenceID is the processor's reference.
	ReferenceID string
	// AuthorizationCode is the issuer's authorization code.
	AuthorizationCode string
	// ProcessedAt is when Cubo processed the payment.
	ProcessedAt Time
	// Amount is in cents: integrators report the webhook sends a JSON
	// integer of cents (unlike Transactions.Get's decimal string). Any
	// other form is ambiguous and leaves Amount 0 (see Raw).
	Amount int64
	// PaymentType is Cubo's payment type as sent.
	PaymentType string
	// Metadata is the object given when the link was created.
	Metadata Metadata
	// Raw is the body as received.
	Raw json.RawMessage
}

// webhookWire keeps every field but the identifier raw: each is decoded on
// its own and left zero when its type is unexpected, so one odd field
// cannot hide the identifier needed for the re-fetch.
type webhookWire struct {
	Identifier        wire.StringOrNumber `json:"identifier"`
	Status            json.RawMessage     `json:"status"`
	ReferenceID       json.RawMessage     `json:"referenceId"`
	AuthorizationCode json.RawMessage     `json:"authorizationCode"`
	ProcessedAt       json.RawMessage     `json:"processedAt"`
	Amount            json.RawMessage     `json:"amount"`
	PaymentType       json.RawMessage     `json:"paymentType"`
	Metadata          json.RawMessage     `json:"metadata"`
}

// ParseWebhook decodes the body of a Cubo webhook. It checks only that the
// body is a JSON object naming a transaction; IT DOES NOT AND CANNOT PROVE
// THAT CUBO SENT IT (Cubo does not sign webhooks). Re-fetch the transaction
// before trusting anything in it: see WebhookEvent and
// TransactionsService.VerifyWebhook.
//
// Fields whose form is unexpected (a status that is not a string; a
// reference, authorization code or payment type that is neither a string
// nor a number; a timestamp, metadata or amount in another shape) are left
// zero rather than failing, so that the identifier is always available for
// the re-fetch.
func ParseWebhook(body []byte) (*WebhookEvent, error) {
	var w webhookWire
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidWebhook, err)
	}
	if w.Identifier == "" {
		return nil, fmt.Errorf("%w: no identifier", ErrInvalidWebhook)
	}
	ev := &WebhookEvent{
		Identifier:        string(w.Identifier),
		ReferenceID:       lenientText(w.ReferenceID),
		AuthorizationCode: lenientText(w.AuthorizationCode),
		PaymentType:       lenientText(w.PaymentType),
		Raw:               bytes.Clone(body),
	}
	// A status is a word: a number in its place is no status.
	_ = json.Unmarshal(w.Status, &ev.Status)
	if len(w.ProcessedAt) > 0 {
		_ = json.Unmarshal(w.ProcessedAt, &ev.ProcessedAt)
	}
	if len(w.Metadata) > 0 {
		_ = json.Unmarshal(w.Metadata, &ev.Metadata)
	}
	ev.Amount = integerCents(w.Amount)
	return ev, nil
}

// lenientText reads a string or a number as text; any other JSON gives "".
func lenientText(raw json.RawMessage) string {
	var text wire.StringOrNumber
	if json.Unmarshal(raw, &text) != nil {
		return ""
	}
	return string(text)
}

// integerCents reads a JSON integer; anything else gives 0.
func integerCents(raw json.RawMessage) int64 {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || len(raw) > 18 {
		return 0
	}
	var n int64
	for i, c := range raw {
		if c < '0' || c > '9' || (i == 0 && c == '0' && len(raw) > 1) {
			return 0
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// VerifyWebhook fetches the transaction ev names (GET
// /api/v1/transactions/{paymentIntentToken}, through Get) and returns it:
// act on the returned Transaction, never on ev. Cubo does not sign its
// webhooks, so this re-fetch is the only verification there is. The answer must carry a
// paymentIntentToken equal to ev.Identifier (a missing one counts as not
// verified), the same status, and the same amount when both give one;
// otherwise the transaction is returned together with an error matching
// ErrWebhookMismatch; answer such a webhook without acting on it. An
// identifier Get refuses ("." or "..") is ErrInvalidParams.
func (s *TransactionsService) VerifyWebhook(ctx context.Context, ev *WebhookEvent) (*Transaction, error) {
	if ev == nil {
		return nil, fmt.Errorf("%w: nil event", ErrInvalidWebhook)
	}
	tx, err := s.Get(ctx, ev.Identifier)
	if err != nil {
		return nil, err
	}
	switch {
	case tx.PaymentIntentToken == "":
		return tx, fmt.Errorf("%w: the API answered no paymentIntentToken", ErrWebhookMismatch)
	case tx.PaymentIntentToken != ev.Identifier:
		return tx, fmt.Errorf("%w: token differs", ErrWebhookMismatch)
	case tx.Status != ev.Status:
		return tx, fmt.Errorf("%w: status %q, webhook says %q", ErrWebhookMismatch, tx.Status, ev.Status)
	case tx.Amount != 0 && ev.Amount != 0 && tx.Amount != ev.Amount:
		return tx, fmt.Errorf("%w: amount %d cents, webhook says %d", ErrWebhookMismatch, tx.Amount, ev.Amount)
	}
	return tx, nil
}
