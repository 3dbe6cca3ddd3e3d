package cubotest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/wire"
)

// A link is paid on Cubo's hosted checkout, by the customer: these routes
// and PayLink settle the link's transaction and emit Cubo's webhook. They
// are not the API (no key, an HTML page), so they stay hand-written, on
// the links' Collection.

// Webhook event names the fake gives its deliveries (Delivery.Event).
// Cubo's body names no event; these are the fake's labels.
const (
	// EventSucceeded: a link was paid.
	EventSucceeded = "payment.succeeded"
	// EventRejected: a link's payment was declined.
	EventRejected = "payment.rejected"
)

// PayLink plays the customer paying link token on Cubo's checkout page with
// cardNumber (a test card). It settles the link's transaction (SUCCEEDED,
// or REJECTED for a decline card) and returns the webhook body Cubo would
// send. With a webhook URL (DeliverWebhooks or SetWebhookURL) it also
// delivers it there and waits for the delivery, retries included: an error
// reports a failed post or a non-2xx last answer. A receiver that does not
// answer within a few seconds, or before Close, counts as a failed post. A
// link can be paid once.
func (s *Server) PayLink(token, cardNumber string) ([]byte, error) {
	event, body, err := s.settle(token, cardNumber)
	if err != nil {
		return nil, err
	}
	if !s.EmitWebhook(event, body, nil) {
		return body, nil
	}
	// Close cancels the deliveries, so this wait ends with the fake.
	_ = s.WaitWebhooks(context.Background())
	last, ok := s.LastDelivery(body)
	switch {
	case !ok:
		return body, errors.New("cubotest: posting the webhook: no delivery was made")
	case last.Err != "":
		return body, fmt.Errorf("cubotest: posting the webhook: %s", last.Err)
	case last.Status < 200 || last.Status > 299:
		return body, fmt.Errorf("cubotest: webhook answered %d", last.Status)
	}
	return body, nil
}

// settle pays link token with cardNumber and returns the webhook's event
// name and body.
func (s *Server) settle(token, cardNumber string) (string, []byte, error) {
	var body []byte
	event := EventSucceeded
	_, found, err := s.links.Update(token, func(t *transaction) error {
		if t.Status != StatusPending {
			return fmt.Errorf("cubotest: link %s is already %s", token, t.Status)
		}
		t.ProcessedAt = s.Now().UTC()
		if _, declined := declines[cardNumber]; declined {
			t.Status = cubo.StatusRejected
			event = EventRejected
		} else {
			t.Status = cubo.StatusSucceeded
			t.ReferenceID = fakeapi.NewDigits(15)
			t.AuthorizationCode = fakeapi.NewDigits(6)
		}
		ev := map[string]any{
			"identifier":  t.Token,
			"status":      t.Status,
			"processedAt": t.ProcessedAt.Format(timeLayout),
			"amount":      t.Amount,
			"paymentType": "LINK",
		}
		if t.ReferenceID != "" {
			ev["referenceId"] = t.ReferenceID
			ev["authorizationCode"] = t.AuthorizationCode
		}
		if t.Metadata != nil {
			ev["metadata"] = t.Metadata
		}
		var err error
		body, err = json.Marshal(ev)
		return err
	})
	if !found {
		return "", nil, fmt.Errorf("cubotest: no link %q", token)
	}
	if err != nil {
		return "", nil, err
	}
	return event, body, nil
}

// checkoutPage is the fake's hosted checkout (a link's cuboRedirectUri): a
// form asking for a card number.
func (s *Server) checkoutPage(w http.ResponseWriter, r *http.Request) {
	t, ok := s.links.Get(r.PathValue("token"))
	if !ok {
		http.Error(w, "unknown payment link", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><title>Cubo (fake) checkout</title><h1>%s</h1><p>%s %s</p>`+
		`<form method="post"><input name="cardNumber" value="%s"><button>Pay</button></form>`,
		html.EscapeString(t.Description), wire.FormatCents(t.Amount), Currency, CardApproved)
}

// checkoutPay pays a link with the form's cardNumber (see PayLink) and
// sends the customer to the link's redirectUri. The webhook goes out in
// the background (EmitWebhook): Cubo notifies the merchant on its own schedule
// (integrators report that it retries), not within the customer's request,
// so a slow receiver must not hold the customer's page.
func (s *Server) checkoutPay(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	event, body, err := s.settle(token, r.FormValue("cardNumber"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	// Nobody waits for this delivery: Deliveries records how it went.
	s.EmitWebhook(event, body, nil)
	if t, _ := s.links.Get(token); t.RedirectURI != "" {
		http.Redirect(w, r, t.RedirectURI, http.StatusSeeOther)
		return
	}
	_, _ = io.WriteString(w, "paid")
}
