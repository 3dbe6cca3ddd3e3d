// Command webhookhandler is a Culqi webhook endpoint as a shop would run
// it, and the way to test one end to end against culqitest.
//
// The Handler checks the Basic Auth set in the Culqi panel (Culqi signs
// nothing), parses the event with culqi.ParseWebhook, fetches the object
// again with the secret key before believing it (the body proves nothing),
// acts once per event even when Culqi delivers it again, and answers 500
// when it could not act, so that Culqi tries again later.
//
// Offline (the default) it starts the culqitest fake, points the fake's
// webhooks at the handler, charges a card and waits for the delivery,
// then prints what the handler did. With CULQI_WEBHOOK_ADDR (":8080") and
// CULQI_SECRET_KEY it serves real deliveries until stopped, checking
// CULQI_WEBHOOK_USER and CULQI_WEBHOOK_PASSWORD when set.
package main

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// Paid is what the shop learns from a webhook: an order paid, by a charge
// or by a PagoEfectivo order.
type Paid struct {
	// EventID is the Culqi event that told (evt_…).
	EventID string
	// EventType is its type (charge.creation.succeeded, …).
	EventType string
	// ObjectID is the charge (chr_…) or order (ord_…) that was paid.
	ObjectID string
	// Amount is what was paid, in céntimos.
	Amount int64
	// Order is the shop's order number, from the charge's metadata
	// "order" or the Culqi order's order_number.
	Order string
}

// Handler receives Culqi's webhooks. Its zero value is not usable: set
// Client.
type Handler struct {
	// Client fetches the object an event names, with the secret key.
	Client *culqi.Client
	// User and Password are the Basic Auth set in the Culqi panel; empty,
	// none is checked.
	User, Password string

	mu   sync.Mutex
	done map[string]bool // event ids acted on
	paid []Paid
}

// maxBody bounds a delivery's body: Culqi's events are a few kilobytes.
const maxBody = 1 << 20

// ServeHTTP handles one delivery. Any 2xx tells Culqi the event arrived;
// anything else makes it try again.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if h.User != "" || h.Password != "" {
		u, p, ok := r.BasicAuth()
		if !ok || !equal(u, h.User) || !equal(p, h.Password) {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	ev, err := culqi.ParseWebhook(body)
	if err != nil {
		// Not a Culqi event: retrying will not make it one.
		http.Error(w, "not a Culqi event", http.StatusBadRequest)
		return
	}
	// One event at a time: a retry arriving while the first try still
	// runs waits, then finds the event done.
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.done[ev.ID] {
		w.WriteHeader(http.StatusOK) // delivered again: already acted on
		return
	}
	paid, err := h.act(r.Context(), ev)
	if err != nil {
		// The object could not be checked: Culqi will deliver again.
		http.Error(w, "try again later", http.StatusInternalServerError)
		return
	}
	if h.done == nil {
		h.done = map[string]bool{}
	}
	h.done[ev.ID] = true
	if paid != nil {
		h.paid = append(h.paid, *paid)
	}
	w.WriteHeader(http.StatusOK)
}

// act checks the event's object with Culqi and returns what was paid, if
// anything. Events the shop does not use are acknowledged and ignored.
func (h *Handler) act(ctx context.Context, ev *culqi.Event) (*Paid, error) {
	switch ev.Type {
	case culqi.EventChargeCreationSucceeded, culqi.EventChargeCaptureSucceeded:
		ch, err := h.Client.Charges.Get(ctx, ev.DataID())
		if err != nil {
			return nil, err
		}
		// A charge is paid when approved and captured (an authorization
		// is captured later, with its own event).
		if ch.Outcome == nil || ch.Outcome.Type != culqi.OutcomeSuccess || ch.Capture == nil || !*ch.Capture {
			return nil, nil
		}
		return &Paid{EventID: ev.ID, EventType: ev.Type, ObjectID: ch.ID, Amount: ch.Amount, Order: ch.Metadata["order"]}, nil
	case culqi.EventOrderStatusChanged:
		o, err := h.Client.Orders.Get(ctx, ev.DataID())
		if err != nil {
			return nil, err
		}
		if o.State != culqi.OrderPaid {
			return nil, nil
		}
		return &Paid{EventID: ev.ID, EventType: ev.Type, ObjectID: o.ID, Amount: o.Amount, Order: o.OrderNumber}, nil
	}
	return nil, nil
}

// Paid returns what the handler learnt was paid, in the order it learnt it.
func (h *Handler) Paid() []Paid {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Paid(nil), h.paid...)
}

// equal compares credentials in constant time, so that the answer's timing
// does not tell how much of a guess was right.
func equal(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func main() {
	if addr := os.Getenv("CULQI_WEBHOOK_ADDR"); addr != "" {
		if err := serve(addr); err != nil {
			fmt.Fprintln(os.Stderr, "webhookhandler:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webhookhandler:", err)
		os.Exit(1)
	}
}

// serve receives Culqi's real deliveries on addr.
func serve(addr string) error {
	sk := os.Getenv("CULQI_SECRET_KEY")
	if sk == "" {
		return errors.New("CULQI_WEBHOOK_ADDR needs CULQI_SECRET_KEY, to fetch each event's object from Culqi")
	}
	c, err := culqi.NewClient(sk)
	if err != nil {
		return err
	}
	defer c.Close()
	h := &Handler{Client: c, User: os.Getenv("CULQI_WEBHOOK_USER"), Password: os.Getenv("CULQI_WEBHOOK_PASSWORD")}
	fmt.Println("listening on", addr)
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}

// run is the offline demonstration: the fake delivers the event of a
// charge to the handler, which checks it and records the payment.
func run(out io.Writer) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	fake := culqitest.NewServer()
	defer fake.Close()
	client := fake.Client()

	h := &Handler{Client: client, User: "culqi", Password: "s3cret"}
	endpoint := httptest.NewServer(h)
	defer endpoint.Close()
	fake.SetWebhookAuth(h.User, h.Password) // as set in the Culqi panel
	fake.DeliverWebhooks(endpoint.URL + "/webhooks/culqi")

	email := "ana.quispe@example.pe"
	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.ApprovedCard(), Email: email})
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	ch, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 15000, CurrencyCode: culqi.CurrencyPEN, Email: email,
		SourceID: tok.ID, Description: "Zapatillas talla 40", Metadata: map[string]string{"order": "A-1001"}})
	if err != nil {
		return fmt.Errorf("charge: %w", err)
	}
	fmt.Fprintf(out, "charged %s: S/ %d.%02d for order A-1001\n", ch.ID, ch.Amount/100, ch.Amount%100)

	if err := fake.WaitWebhooks(ctx); err != nil {
		return fmt.Errorf("waiting for the delivery: %w", err)
	}
	for _, d := range fake.Deliveries() {
		fmt.Fprintf(out, "delivered %s (attempt %d): %d\n", d.Event, d.Attempt, d.Status)
	}
	paid := h.Paid()
	if len(paid) != 1 || paid[0].ObjectID != ch.ID {
		return fmt.Errorf("the handler recorded %d payments, want the charge %s", len(paid), ch.ID)
	}
	fmt.Fprintf(out, "handler: order %s paid, %d céntimos (%s, checked with Charges.Get)\n", paid[0].Order, paid[0].Amount, paid[0].EventType)
	return nil
}
