package culqi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/latampay/latampay-go/internal/transport"
)

// Event types Culqi documents (the list is open: unknown types decode fine).
const (
	EventChargeCreationSucceeded       = "charge.creation.succeeded"
	EventChargeCreationFailed          = "charge.creation.failed"
	EventChargeCaptureSucceeded        = "charge.capture.succeeded"
	EventRefundCreationSucceeded       = "refund.creation.succeeded"
	EventCustomerCreationSucceeded     = "customer.creation.succeeded"
	EventCardCreationSucceeded         = "card.creation.succeeded"
	EventSubscriptionCreationSucceeded = "subscription.creation.succeeded"
	EventSubscriptionChargeSucceeded   = "subscription.charge.succeeded"
	EventSubscriptionChargeFailed      = "subscription.charge.failed"
	EventOrderStatusChanged            = "order.status.changed"
)

// Event is a Culqi event (evt_…), from Events or a webhook delivery.
type Event struct {
	// Object is "event".
	Object string `json:"object"`
	// ID is the event's id (evt_…).
	ID string `json:"id"`
	// Type is e.g. EventChargeCreationSucceeded.
	Type string `json:"type"`
	// CreationDate is sent in milliseconds.
	CreationDate Time `json:"creation_date"`
	// Data is the event's object as JSON. Culqi sends it either as an
	// object or as a JSON-encoded string; Data always holds the JSON itself.
	// Its shape is not guaranteed to match the REST objects (older webhooks
	// use camelCase keys): re-fetch the object by id when in doubt.
	Data json.RawMessage `json:"data"`
}

// UnmarshalJSON accepts data as an object or as a JSON string.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	if d := bytes.TrimSpace(p.Data); len(d) > 0 && d[0] == '"' {
		var s string
		if err := json.Unmarshal(d, &s); err != nil {
			return err
		}
		switch t := bytes.TrimSpace([]byte(s)); {
		case len(t) == 0 || string(t) == "null":
			p.Data = nil
		case !json.Valid(t):
			return fmt.Errorf("culqi: event data is a string that is not JSON")
		default:
			p.Data = json.RawMessage(t)
		}
	} else if string(d) == "null" {
		p.Data = nil
	}
	*e = Event(p)
	return nil
}

// MarshalJSON writes Data as it is (an object). Data that is itself a JSON
// string is written encoded once more, so that UnmarshalJSON, which unwraps
// a string, gives the same Data back.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	p := plain(e)
	if d := bytes.TrimSpace(p.Data); len(d) == 0 {
		p.Data = json.RawMessage("null")
	} else if d[0] == '"' {
		b, err := json.Marshal(string(d))
		if err != nil {
			return nil, err
		}
		p.Data = b
	}
	return json.Marshal(p)
}

// DataObject returns the "object" field of Data ("charge", "order", …).
func (e *Event) DataObject() string {
	if e == nil {
		return ""
	}
	var o struct {
		Object string `json:"object"`
	}
	_ = json.Unmarshal(e.Data, &o)
	return o.Object
}

// DataID returns the "id" field of Data.
func (e *Event) DataID() string {
	if e == nil {
		return ""
	}
	var o struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(e.Data, &o)
	return o.ID
}

// DecodeData decodes Data into v (a *Charge, *Order, …).
//
// A Data that does not decode into v is an error matching
// ErrMalformedResponse; its message never quotes a card number.
func (e *Event) DecodeData(v any) error {
	if e == nil || len(e.Data) == 0 {
		return errors.New("culqi: event has no data")
	}
	if err := json.Unmarshal(e.Data, v); err != nil {
		return fmt.Errorf("culqi: %w: event data: %s", ErrMalformedResponse, transport.Mask(err.Error()))
	}
	return nil
}

// ParseWebhook decodes the body of a webhook delivery into its Event (data
// as an object or as a JSON string; Event.Data holds the JSON either way).
// Culqi signs nothing: protect the endpoint with the optional Basic Auth
// of the Culqi panel and, before acting on an event, fetch its object
// again with the secret key (Charges.Get, Orders.Get…). A body that is
// empty, not JSON, not an event or without a type is an error matching
// ErrMalformedResponse; the error never quotes a card number.
// Culqi reference: https://docs.culqi.com/es/documentacion/pagos-online/webhooks
func ParseWebhook(body []byte) (*Event, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("culqi: %w: empty webhook body", ErrMalformedResponse)
	}
	var e Event
	if err := json.Unmarshal(body, &e); err != nil {
		return nil, fmt.Errorf("culqi: %w: webhook body: %s", ErrMalformedResponse, transport.Mask(err.Error()))
	}
	if e.Object != "" && e.Object != "event" {
		return nil, fmt.Errorf("culqi: %w: webhook body is a %q, not an event", ErrMalformedResponse, transport.Mask(e.Object))
	}
	if e.Type == "" {
		return nil, fmt.Errorf("culqi: %w: webhook body has no event type", ErrMalformedResponse)
	}
	return &e, nil
}

// ParseEvent is the former name of ParseWebhook.
//
// Deprecated: use ParseWebhook.
func ParseEvent(body []byte) (*Event, error) { return ParseWebhook(body) }

// EventListParams filters Events.List; zero values are not sent.
type EventListParams struct {
	// Limit is the page size, 1 to 100 (0 = Culqi's default, 50).
	Limit int `url:"limit,omitempty"`
	// Before returns objects newer than this id; All then walks toward newer ones.
	Before string `url:"before,omitempty"`
	// After returns objects older than this id (the next page).
	After string `url:"after,omitempty"`
	// Type keeps the events of one type (EventChargeCreationSucceeded, …).
	Type string `url:"type,omitempty"`
	// CreationDateFrom keeps objects created at or after it (sent as Unix seconds).
	CreationDateFrom time.Time `url:"creation_date_from,unix,omitempty"`
	// CreationDateTo keeps objects created at or before it (sent as Unix seconds).
	CreationDateTo time.Time `url:"creation_date_to,unix,omitempty"`
}

// Validate runs the check Events.List and All make before any I/O: a Limit of 0 to
// 100. Nil params are valid (no filters).
func (p *EventListParams) Validate() error {
	if p == nil {
		return nil
	}
	return checkLimit(p.Limit)
}

// EventsService is the /v2/events API.
type EventsService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *EventsService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// EventService is the former name of EventsService.
//
// Deprecated: use EventsService.
type EventService = EventsService

// Get fetches an event.
//
// Get sends GET /v2/events/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Eventos)
func (s *EventsService) Get(ctx context.Context, id string) (*Event, error) {
	return get[Event](ctx, s.client(), "id", id, "events")
}

// List fetches one page of events. Nil params list without filters.
//
// List sends GET /v2/events.
// Culqi reference: https://apidocs.culqi.com/ (section Eventos)
func (s *EventsService) List(ctx context.Context, p *EventListParams) (*Page[Event], error) {
	var q EventListParams
	if p != nil {
		q = *p
	}
	return list[Event](ctx, s.client(), "/v2/events", &q, q.Limit, q.Before != "")
}

// All walks every event matching p, fetching pages lazily.
//
// All sends GET /v2/events, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Eventos)
func (s *EventsService) All(ctx context.Context, p *EventListParams) iter.Seq2[*Event, error] {
	var q EventListParams
	if p != nil {
		q = *p
	}
	return walkList[Event](ctx, s.client(), "/v2/events", &q, q.Limit, q.After, q.Before)
}
