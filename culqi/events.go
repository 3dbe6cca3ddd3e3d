package culqi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"
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
	var o struct {
		Object string `json:"object"`
	}
	_ = json.Unmarshal(e.Data, &o)
	return o.Object
}

// DataID returns the "id" field of Data.
func (e *Event) DataID() string {
	var o struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(e.Data, &o)
	return o.ID
}

// DecodeData decodes Data into v (a *Charge, *Order, …).
func (e *Event) DecodeData(v any) error {
	if len(e.Data) == 0 {
		return errors.New("culqi: event has no data")
	}
	return json.Unmarshal(e.Data, v)
}

// ParseEvent decodes a webhook body. Culqi signs nothing: protect the
// endpoint with the optional Basic Auth of the Culqi panel and, before
// acting on an event, fetch its object again with the secret key.
func ParseEvent(body []byte) (*Event, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("%w: empty webhook body", ErrMalformedResponse)
	}
	var e Event
	if err := json.Unmarshal(body, &e); err != nil {
		return nil, fmt.Errorf("%w: webhook body: %v", ErrMalformedResponse, err)
	}
	if e.Object != "" && e.Object != "event" {
		return nil, fmt.Errorf("%w: webhook body is a %q, not an event", ErrMalformedResponse, e.Object)
	}
	if e.Type == "" {
		return nil, fmt.Errorf("%w: webhook body has no event type", ErrMalformedResponse)
	}
	return &e, nil
}

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

// EventService is the /v2/events API.
type EventService struct{ c *Client }

// Get fetches an event.
func (s *EventService) Get(ctx context.Context, id string) (*Event, error) {
	return get[Event](ctx, s.c, "id", id, "events")
}

// List fetches one page of events. Nil params list without filters.
func (s *EventService) List(ctx context.Context, p *EventListParams) (*Page[Event], error) {
	var q EventListParams
	if p != nil {
		q = *p
	}
	return list[Event](ctx, s.c, "/v2/events", &q, q.Limit, q.Before != "")
}

// All walks every event matching p, fetching pages lazily.
func (s *EventService) All(ctx context.Context, p *EventListParams) iter.Seq2[*Event, error] {
	var q EventListParams
	if p != nil {
		q = *p
	}
	return walk(ctx, q.Limit, q.Before != "", func(ctx context.Context, pc pageCursor) (*Page[Event], error) {
		qq := q
		pc.apply(&qq.After, &qq.Before)
		return s.List(ctx, &qq)
	})
}
