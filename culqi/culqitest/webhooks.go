package culqitest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// WebhookPolicy is how the fake retries a webhook delivery. Its fields:
// Attempts int (tries per event, at least 1); Backoff time.Duration (the
// wait before the second try, doubled after each). Set it with
// Server.SetWebhookPolicy.
type WebhookPolicy = fakeapi.WebhookPolicy

// CulqiWebhookPolicy is the policy a new fake uses. Culqi documents only
// that a delivery is done when the receiver answers 2xx; it publishes no
// retry schedule. The fake tries an event three times, 10 ms then 20 ms
// apart, so that a test sees a failed delivery retried without waiting.
var CulqiWebhookPolicy = WebhookPolicy{Attempts: 3, Backoff: 10 * time.Millisecond}

// declareEvents declares /v2/events, read and listed: one event per
// change of state (Server.event records them).
func (s *Server) declareEvents() {
	s.events = s.declare(fakeapi.Resource[object]{
		Name: "event", Label: "el evento", Path: "/v2/events", IDPrefix: "evt_test_",
		Serve:   fakeapi.OpGet | fakeapi.OpList,
		Filters: filters("type"),
	})
}

// declareTransfers declares /v2/transfers, read and listed; it stays
// empty, as the fake settles nothing.
func (s *Server) declareTransfers() {
	s.transfers = s.declare(fakeapi.Resource[object]{
		Name: "transfer", Label: "la transferencia", Path: "/v2/transfers",
		Serve:   fakeapi.OpGet | fakeapi.OpList,
		Filters: filters(),
	})
}

// deliver POSTs an event to the DeliverWebhooks target as Culqi sends
// it: the event envelope with its data as a JSON-encoded string (not an
// object), with the Basic Auth of SetWebhookAuth when set. Culqi signs
// nothing. The data is the object as the REST API answers it (snake_case);
// Culqi's one published sample, from 2017, used internal camelCase names
// inside data, and whether current deliveries do is undocumented, which is
// why handlers should fetch the object again before acting on an event.
func (s *Server) deliver(typ string, evt object) {
	data, err := json.Marshal(evt["data"])
	if err != nil {
		return
	}
	evt["data"] = string(data)
	body, err := json.Marshal(evt)
	if err != nil {
		return
	}
	s.mu.Lock()
	user, password := s.hookUser, s.hookPassword
	s.mu.Unlock()
	header := http.Header{}
	if user != "" || password != "" {
		r := &http.Request{Header: header}
		r.SetBasicAuth(user, password)
	}
	s.EmitWebhook(typ, body, header)
}

// SetWebhookAuth makes every webhook delivery carry HTTP Basic Auth with
// user and password, as Culqi's panel optionally sets it (the only way a
// receiver can tell a Culqi delivery from another POST). Empty user and
// password send none, the default. The header shows in Deliveries.
func (s *Server) SetWebhookAuth(user, password string) {
	s.mu.Lock()
	s.hookUser, s.hookPassword = user, password
	s.mu.Unlock()
}

// ErrOrderState is the error PayOrder and ExpireOrder return for an order
// that is not pending (created, already paid, expired or deleted).
var ErrOrderState = errors.New("culqitest: the order is not pending")

// PayOrder marks the pending order id paid, as when the payer pays its CIP
// at a bank or agent, and emits order.status.changed (delivered to the
// DeliverWebhooks target): Culqi tells a merchant that an order was paid
// only by that webhook, and its integration environment never pays orders
// by itself. It returns the order as it now reads; the fake charges no fee
// on orders, so its fee fields stay null. An unknown id is an error
// matching culqi.ErrNotFound, an order that is not pending ErrOrderState.
func (s *Server) PayOrder(id string) (*culqi.Order, error) {
	return s.settleOrder(id, culqi.OrderPaid)
}

// ExpireOrder marks the pending order id expired, as when its
// expiration_date passes unpaid, and emits order.status.changed. Errors
// as PayOrder.
func (s *Server) ExpireOrder(id string) (*culqi.Order, error) {
	return s.settleOrder(id, culqi.OrderExpired)
}

func (s *Server) settleOrder(id, state string) (*culqi.Order, error) {
	now := s.Now().Unix()
	out, found, err := s.orders.Update(id, func(o *object) error {
		if (*o)["state"] != culqi.OrderPending {
			return ErrOrderState
		}
		(*o)["state"], (*o)["updated_at"] = state, now
		if state == culqi.OrderPaid {
			(*o)["paid_at"] = now
		}
		return nil
	})
	switch {
	case !found:
		return nil, fmt.Errorf("culqitest: order %q: %w", id, culqi.ErrNotFound)
	case err != nil:
		return nil, err
	}
	s.event(culqi.EventOrderStatusChanged, out)
	return fakeapi.As[culqi.Order](out), nil
}
