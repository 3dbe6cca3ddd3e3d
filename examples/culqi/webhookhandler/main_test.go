package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// setup starts the fake and the handler on httptest, with the fake's
// webhooks pointed at it.
func setup(t *testing.T, opts ...culqi.Option) (*culqitest.Server, *culqi.Client, *Handler) {
	t.Helper()
	fake := culqitest.NewServer()
	t.Cleanup(fake.Close)
	client := fake.Client(opts...)
	h := &Handler{Client: client, User: "culqi", Password: "s3cret"}
	endpoint := httptest.NewServer(h)
	t.Cleanup(endpoint.Close) // runs before fake.Close: deliveries end first
	fake.SetWebhookAuth("culqi", "s3cret")
	fake.DeliverWebhooks(endpoint.URL + "/webhooks/culqi")
	return fake, client, h
}

func waitDeliveries(t *testing.T, fake *culqitest.Server) []culqitest.Delivery {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := fake.WaitWebhooks(ctx); err != nil {
		t.Fatal("deliveries still running:", err)
	}
	return fake.Deliveries()
}

func charge(t *testing.T, c *culqi.Client, card culqi.Card, order string, capture bool) (*culqi.Charge, error) {
	t.Helper()
	ctx := context.Background()
	tok, err := c.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: "ana@example.pe"})
	if err != nil {
		t.Fatal(err)
	}
	return c.Charges.Create(ctx, &culqi.ChargeParams{Amount: 15000, CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.pe",
		SourceID: tok.ID, Capture: &capture, Metadata: map[string]string{"order": order}})
}

// A charge made on the fake reaches the handler as Culqi's webhook; the
// handler checks it and records the payment, once.
func TestHandlerSeesTheCharge(t *testing.T) {
	t.Parallel()
	fake, client, h := setup(t)
	ch, err := charge(t, client, culqitest.ApprovedCard(), "A-1", true)
	if err != nil {
		t.Fatal(err)
	}
	ds := waitDeliveries(t, fake)
	if len(ds) != 1 || ds[0].Event != culqi.EventChargeCreationSucceeded || ds[0].Status != http.StatusOK {
		t.Fatalf("deliveries = %+v, want one charge.creation.succeeded answered 200", ds)
	}
	paid := h.Paid()
	want := Paid{EventType: culqi.EventChargeCreationSucceeded, ObjectID: ch.ID, Amount: 15000, Order: "A-1"}
	if len(paid) != 1 {
		t.Fatalf("paid = %+v, want one payment", paid)
	}
	if !strings.HasPrefix(paid[0].EventID, "evt_test_") {
		t.Errorf("EventID = %q", paid[0].EventID)
	}
	paid[0].EventID = ""
	if paid[0] != want {
		t.Errorf("paid = %+v, want %+v", paid[0], want)
	}
	// The handler fetched the charge before believing the event.
	var fetched bool
	for _, r := range fake.Requests() {
		if r.Method == http.MethodGet && r.Path == "/v2/charges/"+ch.ID {
			fetched = true
		}
	}
	if !fetched {
		t.Error("the handler acted without fetching the charge")
	}

	// Delivered again (Culqi may): acknowledged, not acted on twice.
	fake.EmitWebhook(ds[0].Event, ds[0].Body, ds[0].Header)
	waitDeliveries(t, fake)
	if n := len(h.Paid()); n != 1 {
		t.Errorf("after a second delivery of the same event: %d payments, want 1", n)
	}
}

// An authorization is paid only once captured; a decline never is.
func TestHandlerAuthorizeCaptureAndDecline(t *testing.T) {
	t.Parallel()
	fake, client, h := setup(t)
	ch, err := charge(t, client, culqitest.ApprovedCard(), "A-2", false)
	if err != nil {
		t.Fatal(err)
	}
	declined, _ := culqitest.DeclinedCard(culqi.DeclineInsufficientFunds)
	if _, err := charge(t, client, declined, "A-3", true); err == nil {
		t.Fatal("the decline card was charged")
	}
	waitDeliveries(t, fake)
	if paid := h.Paid(); len(paid) != 0 {
		t.Fatalf("paid before capture: %+v", paid)
	}
	if _, err := client.Charges.Capture(context.Background(), ch.ID); err != nil {
		t.Fatal(err)
	}
	waitDeliveries(t, fake)
	paid := h.Paid()
	if len(paid) != 1 || paid[0].EventType != culqi.EventChargeCaptureSucceeded || paid[0].Order != "A-2" {
		t.Fatalf("paid = %+v, want the capture of A-2", paid)
	}
}

// A PagoEfectivo order is paid when order.status.changed says so, and
// Orders.Get confirms it.
func TestHandlerOrderPaid(t *testing.T) {
	t.Parallel()
	fake, client, h := setup(t)
	o, err := client.Orders.Create(context.Background(), &culqi.OrderParams{Amount: 5000, CurrencyCode: "PEN",
		Description: "Pedido 77", OrderNumber: "ped-77", ExpirationDate: time.Now().Add(24 * time.Hour),
		ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.PayOrder(o.ID); err != nil {
		t.Fatal(err)
	}
	waitDeliveries(t, fake)
	paid := h.Paid()
	if len(paid) != 1 || paid[0].ObjectID != o.ID || paid[0].Order != "ped-77" || paid[0].Amount != 5000 {
		t.Fatalf("paid = %+v, want order ped-77", paid)
	}
}

// When Culqi cannot be asked, the handler answers 500 and the fake, like
// Culqi, delivers again; the second try succeeds.
func TestHandlerRetriedWhenItCannotCheck(t *testing.T) {
	t.Parallel()
	fake, client, h := setup(t, culqi.WithMaxRetries(0))
	fake.InjectFault(culqitest.Fault{Kind: culqitest.FaultStatus, Status: http.StatusServiceUnavailable, Match: "GET /v2/charges/"})
	if _, err := charge(t, client, culqitest.ApprovedCard(), "A-4", true); err != nil {
		t.Fatal(err)
	}
	ds := waitDeliveries(t, fake)
	var statuses []int
	for _, d := range ds {
		statuses = append(statuses, d.Status)
	}
	if len(statuses) != 2 || statuses[0] != http.StatusInternalServerError || statuses[1] != http.StatusOK {
		t.Fatalf("delivery statuses = %v, want [500 200]", statuses)
	}
	if n := len(h.Paid()); n != 1 {
		t.Errorf("%d payments, want 1", n)
	}
}

// Deliveries without the panel's Basic Auth are refused, and nothing is
// acted on.
func TestHandlerRefusesWrongAuth(t *testing.T) {
	t.Parallel()
	fake, client, h := setup(t)
	fake.SetWebhookAuth("culqi", "guess")
	if _, err := charge(t, client, culqitest.ApprovedCard(), "A-5", true); err != nil {
		t.Fatal(err)
	}
	ds := waitDeliveries(t, fake)
	if len(ds) == 0 {
		t.Fatal("no delivery reached the handler")
	}
	for _, d := range ds {
		if d.Status != http.StatusUnauthorized {
			t.Errorf("delivery answered %d, want 401", d.Status)
		}
	}
	if paid := h.Paid(); len(paid) != 0 {
		t.Errorf("acted on an unauthenticated delivery: %+v", paid)
	}
}

// What is not a Culqi delivery gets a 4xx.
func TestHandlerRefusesNonEvents(t *testing.T) {
	t.Parallel()
	h := &Handler{User: "culqi", Password: "s3cret"}
	for _, tc := range []struct {
		name, method, body string
		auth               bool
		want               int
	}{
		{"GET", http.MethodGet, "", true, http.StatusMethodNotAllowed},
		{"no auth", http.MethodPost, `{"object":"event","id":"evt_test_1","type":"charge.creation.succeeded","data":"{}"}`, false, http.StatusUnauthorized},
		{"not JSON", http.MethodPost, "<html>", true, http.StatusBadRequest},
		{"not an event", http.MethodPost, `{"object":"charge","id":"chr_test_1"}`, true, http.StatusBadRequest},
		{"empty", http.MethodPost, "", true, http.StatusBadRequest},
		{"unused type", http.MethodPost, `{"object":"event","id":"evt_test_2","type":"customer.creation.succeeded","data":"{}"}`, true, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "/webhooks/culqi", strings.NewReader(tc.body))
			if tc.auth {
				req.SetBasicAuth("culqi", "s3cret")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Errorf("status %d, want %d", rec.Code, tc.want)
			}
		})
	}
	if len(h.Paid()) != 0 {
		t.Error("acted on a non-payment")
	}
}

// The program itself runs offline and succeeds.
func TestRunOffline(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"delivered charge.creation.succeeded (attempt 1): 200", "handler: order A-1001 paid, 15000 céntimos"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
