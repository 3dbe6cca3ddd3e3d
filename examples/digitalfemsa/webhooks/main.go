// Command webhooks manages DigitalFemsa webhooks: it starts a local
// endpoint that verifies every notification (DIGEST header, RSA key from
// the webhook keys), registers it, sends a test event, changes the events
// it receives, resends a failed delivery, and removes the webhook.
//
// It runs against the in-memory fake (digitalfemsatest): a real webhook
// needs a public URL, which this program does not have.
//
//	go run ./examples/digitalfemsa/webhooks
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"time"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()

	// The endpoint: verify with the public keys of the webhook keys (all of
	// them, so a rotation loses nothing), then answer 2xx.
	key, err := client.WebhookKeys.Create(ctx, &digitalfemsa.WebhookKeyParams{})
	if err != nil {
		return fmt.Errorf("creating a webhook key: %w", err)
	}
	var (
		mu   sync.Mutex
		down = true // the endpoint fails at first, to show a resend
		seen []string
	)
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ev, err := digitalfemsa.VerifyWebhook(body, r.Header.Get("Digest"), []byte(key.PublicKey))
		if err != nil {
			http.Error(w, "bad signature", http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if down && ev.Type != digitalfemsa.EventWebhookPing {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		seen = append(seen, string(ev.Type))
		w.WriteHeader(http.StatusOK)
	}))
	defer endpoint.Close()

	wh, err := client.Webhooks.Create(ctx, &digitalfemsa.WebhookParams{URL: endpoint.URL + "/hooks"})
	if err != nil {
		return fmt.Errorf("registering the webhook: %w", err)
	}
	fmt.Printf("webhook   %s  %s  status %s  %d event types\n", wh.ID, wh.URL, wh.Status, len(wh.SubscribedEvents))

	if wh, err = client.Webhooks.Test(ctx, wh.ID); err != nil {
		return fmt.Errorf("testing the webhook: %w", err)
	}
	fmt.Printf("test      status %s\n", wh.Status)

	yes := true
	wh, err = client.Webhooks.Update(ctx, wh.ID, &digitalfemsa.WebhookUpdateParams{
		URL: wh.URL, Synchronous: &yes, Events: []string{string(digitalfemsa.EventOrderPaid), string(digitalfemsa.EventCustomerCreated)},
	})
	if err != nil {
		return fmt.Errorf("updating the webhook: %w", err)
	}
	fmt.Printf("updated   synchronous %v  events %v\n", wh.Synchronous, wh.SubscribedEvents)

	// An event whose delivery fails, then a resend once the endpoint is up.
	// (The fake delivers to the URL given to SetWebhookURL.)
	srv.SetWebhookURL(wh.URL)
	if _, err := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"}); err != nil {
		return err
	}
	page, err := client.Events.List(ctx, &digitalfemsa.ListParams{Limit: 1})
	if err != nil || len(page.Data) == 0 || len(page.Data[0].WebhookLogs) == 0 {
		return fmt.Errorf("no event to resend (%v)", err)
	}
	ev := page.Data[0]
	fmt.Printf("event     %s  %s  delivery %s\n", ev.ID, ev.Type, ev.WebhookStatus)
	mu.Lock()
	down = false
	mu.Unlock()
	lg, err := client.Events.Resend(ctx, ev.ID, ev.WebhookLogs[0].ID)
	if err != nil {
		return fmt.Errorf("resending: %w", err)
	}
	fmt.Printf("resent    HTTP %d  failed attempts %d\n", lg.LastHTTPResponseStatus, lg.FailedAttempts)

	n := 0
	for w, err := range client.Webhooks.All(ctx, nil) {
		if err != nil {
			return err
		}
		n++
		fmt.Printf("listed    %s  %s\n", w.ID, w.URL)
	}
	if _, err := client.Webhooks.Delete(ctx, wh.ID); err != nil {
		return fmt.Errorf("removing the webhook: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	fmt.Printf("removed   %s; the endpoint verified %v\n", wh.ID, seen)
	if lg.LastHTTPResponseStatus != http.StatusOK || n != 1 || len(seen) != 2 {
		return fmt.Errorf("unexpected: resend HTTP %d, %d webhooks, %d verified events", lg.LastHTTPResponseStatus, n, len(seen))
	}
	return nil
}
