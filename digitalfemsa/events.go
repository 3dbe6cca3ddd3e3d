package digitalfemsa

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/latampay/latampay-go/internal/transport"
)

// EventType is an event's type; an open set.
type EventType string

// Some event types.
const (
	// EventCashoutConfirmed: a payout-order reference was withdrawn.
	EventCashoutConfirmed EventType = "cashout.confirmed"
	// EventCashoutCanceled: a payout-order reference was cancelled.
	EventCashoutCanceled EventType = "cashout.canceled"
	EventOrderCreated    EventType = "order.created"
	EventOrderPaid       EventType = "order.paid"
	EventOrderRefunded   EventType = "order.refunded"
	EventOrderExpired    EventType = "order.expired"
	EventCustomerCreated EventType = "customer.created"
	EventWebhookPing     EventType = "webhook_ping"
)

// Event is something that happened on the account, as GET /events and
// webhook notifications carry it.
type Event struct {
	// ID is the event id (24 hex digits).
	ID string `json:"id"`
	// Object is "event"; the SDK refuses an answer of another kind.
	Object string `json:"object"`
	// Type says what happened (the EventType constants, or another value).
	Type EventType `json:"type"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// CreatedAt is when it happened.
	CreatedAt Time `json:"created_at"`
	// Data is the payload.
	Data EventData `json:"data"`
	// WebhookStatus is the delivery status, such as "successful".
	WebhookStatus string `json:"webhook_status"`
	// WebhookLogs are the delivery attempts.
	WebhookLogs []WebhookLog `json:"webhook_logs"`
}

// EventData is the payload of an event.
type EventData struct {
	// Object is the resource the event is about, raw (decode it with
	// Event.PayoutOrder, Event.Order or Event.DecodeObject).
	Object json.RawMessage `json:"object"`
	// PreviousAttributes holds changed fields' old values, when sent.
	PreviousAttributes json.RawMessage `json:"previous_attributes"`
	// Action is what the event did, such as "ping"; "" when not sent.
	Action string `json:"action"`
	// Livemode is the payload's mode, when sent.
	Livemode bool `json:"livemode"`
}

// WebhookLog is one delivery attempt of an event.
type WebhookLog struct {
	// ID is the log's id ("webhl_...").
	ID string `json:"id"`
	// Object is "webhook_log".
	Object string `json:"object"`
	// URL is the webhook's URL.
	URL string `json:"url"`
	// FailedAttempts counts the failed deliveries.
	FailedAttempts int `json:"failed_attempts"`
	// LastAttemptedAt is when the last delivery was tried.
	LastAttemptedAt Time `json:"last_attempted_at"`
	// LastHTTPResponseStatus is the HTTP status the webhook answered.
	LastHTTPResponseStatus int `json:"last_http_response_status"`
	// ResponseData is the webhook's answer as DigitalFemsa recorded it, an
	// object of any shape kept raw (card numbers masked); nil when absent.
	ResponseData json.RawMessage `json:"response_data"`
}

// UnmarshalJSON masks card numbers in ResponseData: it holds whatever the
// merchant's endpoint answered.
func (l *WebhookLog) UnmarshalJSON(data []byte) error {
	type plain WebhookLog
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	*l = WebhookLog(p)
	if len(l.ResponseData) > 0 {
		l.ResponseData = maskJSON(l.ResponseData)
	}
	return nil
}

// ObjectType returns the "object" discriminator of Data.Object
// ("payout_order", "order", ...), or "".
func (e *Event) ObjectType() string {
	var o struct {
		Object string `json:"object"`
	}
	_ = json.Unmarshal(e.Data.Object, &o)
	return o.Object
}

// DecodeObject decodes Data.Object into v.
func (e *Event) DecodeObject(v any) error {
	if len(e.Data.Object) == 0 || string(e.Data.Object) == "null" {
		return fmt.Errorf("digitalfemsa: event %s has no data.object", transport.Mask(e.ID))
	}
	if err := json.Unmarshal(e.Data.Object, v); err != nil {
		// The decoder's text may quote a value of the body: masked, and
		// the cause not wrapped.
		return fmt.Errorf("digitalfemsa: event %s data.object: %s", transport.Mask(e.ID), transport.Mask(err.Error()))
	}
	return nil
}

// PayoutOrder decodes Data.Object as a payout order (cashout.* events).
func (e *Event) PayoutOrder() (*PayoutOrder, error) {
	var p PayoutOrder
	if err := e.DecodeObject(&p); err != nil {
		return nil, err
	}
	return &p, nil
}

// Order decodes Data.Object as an order (order.* events).
func (e *Event) Order() (*Order, error) {
	var o Order
	if err := e.DecodeObject(&o); err != nil {
		return nil, err
	}
	return &o, nil
}

// EventsService is client.Events: what happened on the account.
type EventsService service

var eventKind = kind[Event]{path: "/events", object: "event", child: true,
	id: func(e *Event) string { return e.ID }, obj: func(e *Event) string { return e.Object }}

// Get sends GET /events/{id}.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getevent
func (s *EventsService) Get(ctx context.Context, id string) (*Event, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	pid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "GET", Path: "/events/" + pid, Header: eventKind.header(c)}, eventKind.check)
}

// List sends GET /events and returns one page, newest first.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getevents
func (s *EventsService) List(ctx context.Context, p *ListParams) (*Page[Event], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return list(ctx, c, eventKind, p)
}

// All walks every event, sending GET /events once per page, lazily.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getevents
func (s *EventsService) All(ctx context.Context, p *ListParams) iter.Seq2[*Event, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[Event](err)
	}
	return all(ctx, c, eventKind, p)
}
