package fakeapi

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"time"
)

// WebhookPolicy is how a fake delivers its events: how often it tries a
// receiver that does not answer 2xx, and how long it waits in between (the
// providers wait minutes to hours; a fake compresses that).
type WebhookPolicy struct {
	// Attempts is the number of tries per event (at least 1).
	Attempts int
	// Backoff is the wait before the second try; it doubles after each.
	Backoff time.Duration
}

// Delivery is one try to deliver an event.
type Delivery struct {
	// URL the event was POSTed to.
	URL string
	// Event names the event ("charge.succeeded"), as the fake's provider
	// calls it.
	Event string
	// Body is the JSON the receiver was sent; Header the extra headers
	// (a signature).
	Body   []byte
	Header http.Header
	// Attempt counts from 1.
	Attempt int
	// Status is the receiver's answer; 0 when it could not be reached
	// (Err says why).
	Status int
	Err    string
	// Time is when the try was made.
	Time time.Time
}

// webhooks is the delivery state of one fake.
type webhooks struct {
	mu         sync.Mutex
	target     string
	policy     WebhookPolicy
	deliveries []Delivery
	pending    sync.WaitGroup
	ctx        context.Context
	cancel     context.CancelFunc
}

// DeliverWebhooks makes the fake POST its events to url from now on, as
// the provider would (an empty url stops it). Deliveries run in the
// background; WaitWebhooks waits for them.
func (s *Server) DeliverWebhooks(url string) {
	s.hooks.mu.Lock()
	s.hooks.target = url
	s.hooks.mu.Unlock()
}

// WebhookURL returns where events go ("" when nowhere).
func (s *Server) WebhookURL() string {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return s.hooks.target
}

// Deliveries returns every delivery try so far, in the order made.
func (s *Server) Deliveries() []Delivery {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return append([]Delivery(nil), s.hooks.deliveries...)
}

// LastDelivery returns the last try of the event whose body is body (its
// outcome: delivered, refused or failed), and false when none was made.
func (s *Server) LastDelivery(body []byte) (Delivery, bool) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	for i := len(s.hooks.deliveries) - 1; i >= 0; i-- {
		if d := s.hooks.deliveries[i]; bytes.Equal(d.Body, body) {
			return d, true
		}
	}
	return Delivery{}, false
}

// WaitWebhooks waits until every event emitted so far was delivered or
// given up on, or ctx ends.
func (s *Server) WaitWebhooks(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		s.hooks.pending.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// SetWebhookPolicy sets how events are retried (a provider fake sets its
// provider's behaviour).
func (s *Server) SetWebhookPolicy(p WebhookPolicy) {
	if p.Attempts < 1 {
		p.Attempts = 1
	}
	s.hooks.mu.Lock()
	s.hooks.policy = p
	s.hooks.mu.Unlock()
}

// EmitWebhook delivers one event to the DeliverWebhooks target, if any, in
// the background, retrying a receiver that does not answer 2xx as the
// policy says. It reports whether a delivery was started.
func (s *Server) EmitWebhook(event string, body []byte, header http.Header) bool {
	h := &s.hooks
	h.mu.Lock()
	target, policy, ctx := h.target, h.policy, h.ctx
	if target == "" {
		h.mu.Unlock()
		return false
	}
	h.pending.Add(1)
	h.mu.Unlock()
	if policy.Attempts < 1 {
		policy.Attempts = 1
	}
	go func() {
		defer h.pending.Done()
		wait := policy.Backoff
		for attempt := 1; attempt <= policy.Attempts; attempt++ {
			status, err := PostWebhook(ctx, target, body, header)
			d := Delivery{URL: target, Event: event, Body: body, Header: header.Clone(), Attempt: attempt, Status: status, Time: s.Now()}
			if err != nil {
				d.Err = err.Error()
			}
			h.mu.Lock()
			h.deliveries = append(h.deliveries, d)
			h.mu.Unlock()
			if err == nil && status >= 200 && status < 300 {
				return
			}
			if attempt == policy.Attempts {
				return
			}
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return
			}
			wait *= 2
		}
	}()
	return true
}
