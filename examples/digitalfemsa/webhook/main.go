// Command webhook shows how to receive DigitalFemsa notifications safely:
// the handler reads the raw body once, checks the DIGEST header (an RSA
// PKCS#1 v1.5 SHA-256 signature) against the public key of every active
// webhook key, and only then acts on the event. A tampered notification and
// one signed with an unknown key are refused; after a key rotation both the
// old and the new key verify.
//
// Without DIGITALFEMSA_PRIVATE_KEY it runs offline: the in-memory fake
// (digitalfemsatest) creates a payout order, "withdraws" it at the store and
// posts the signed cashout.confirmed event to a local handler. With
// DIGITALFEMSA_PRIVATE_KEY it loads the account's active webhook keys and
// serves the handler on DIGITALFEMSA_WEBHOOK_ADDR (default :8080) until
// interrupted.
//
//	go run ./examples/digitalfemsa/webhook
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"sync"
	"time"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/digitalfemsa/digitalfemsatest"
)

func main() {
	var err error
	if key := os.Getenv("DIGITALFEMSA_PRIVATE_KEY"); key != "" {
		err = serve(key)
	} else {
		err = offline()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// handle is where an application acts on a verified event.
func handle(_ context.Context, ev *digitalfemsa.Event) error {
	switch ev.Type {
	case digitalfemsa.EventCashoutConfirmed, digitalfemsa.EventCashoutCanceled:
		po, err := ev.PayoutOrder()
		if err != nil {
			return err // answered 500: DigitalFemsa will deliver it again
		}
		fmt.Printf("  handler: %s  payout order %s reference %s is now %s\n", ev.Type, po.ID, po.Reference, po.Status)
	default:
		fmt.Printf("  handler: %s (%s)\n", ev.Type, ev.ObjectType())
	}
	return nil
}

// activeKeys returns the PEM of every active webhook key of the account.
func activeKeys(ctx context.Context, client *digitalfemsa.Client) ([][]byte, error) {
	var pems [][]byte
	for k, err := range client.WebhookKeys.All(ctx, &digitalfemsa.ListParams{Limit: 50}) {
		if err != nil {
			return nil, err
		}
		if k.Active && k.PublicKey != "" {
			pems = append(pems, []byte(k.PublicKey))
		}
	}
	return pems, nil
}

func serve(key string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	client, err := digitalfemsa.NewClient(key)
	if err != nil {
		return err
	}
	pems, err := activeKeys(ctx, client)
	if err != nil {
		return fmt.Errorf("loading webhook keys: %w", err)
	}
	if len(pems) == 0 {
		return errors.New("the account has no active webhook key: create one with client.WebhookKeys.Create")
	}
	addr := os.Getenv("DIGITALFEMSA_WEBHOOK_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	hs := &http.Server{Addr: addr, Handler: digitalfemsa.WebhookHandler(handle, pems...), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(shut)
	}()
	fmt.Printf("verifying with %d key(s); listening on %s\n", len(pems), addr)
	if err := hs.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func offline() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv := digitalfemsatest.NewServer()
	defer srv.Close()
	client := srv.Client()
	fmt.Println("DIGITALFEMSA_PRIVATE_KEY is not set: running against the in-memory fake at", srv.URL)

	// 1. Create a webhook key; its public_key is what verifies signatures.
	if _, err := client.WebhookKeys.Create(ctx, &digitalfemsa.WebhookKeyParams{}); err != nil {
		return err
	}
	pems, err := activeKeys(ctx, client)
	if err != nil {
		return err
	}
	fmt.Printf("webhook keys: %d active\n", len(pems))

	// 2. Serve the handler and let the fake deliver to it.
	var mu sync.Mutex
	var seen []digitalfemsa.EventType
	hook := httptest.NewServer(digitalfemsa.WebhookHandler(func(ctx context.Context, ev *digitalfemsa.Event) error {
		mu.Lock()
		seen = append(seen, ev.Type)
		mu.Unlock()
		return handle(ctx, ev)
	}, pems...))
	defer hook.Close()
	srv.SetWebhookURL(hook.URL)
	fmt.Println("webhook endpoint:", hook.URL)

	cus, err := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	if err != nil {
		return err
	}
	po, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{Amount: 50000, CustomerID: cus.ID, Reason: "Retiro de saldo"})
	if err != nil {
		return err
	}
	fmt.Printf("payout order %s reference %s (%s)\n", po.ID, po.Reference, po.Status)
	n, err := srv.MarkWithdrawn(po.ID)
	if err != nil {
		return fmt.Errorf("delivering cashout.confirmed: %w", err)
	}

	// 3. A tampered body and a foreign signature are refused with 400.
	tampered := bytes.Replace(n.Body, []byte(`"amount":50000`), []byte(`"amount":5000000`), 1)
	if code := post(hook.URL, tampered, n.Digest); code != http.StatusBadRequest {
		return fmt.Errorf("a tampered notification was answered %d", code)
	}
	fmt.Println("tampered notification: refused (400)")
	other := digitalfemsatest.NewServer()
	foreign := other.SignWebhook(n.Body)
	other.Close()
	if code := post(hook.URL, n.Body, foreign); code != http.StatusBadRequest {
		return fmt.Errorf("a notification signed with an unknown key was answered %d", code)
	}
	fmt.Println("unknown signing key:   refused (400)")

	// 4. Rotation: the account signs with a new key; verify with old and new.
	newPEM, err := srv.RotateWebhookKey()
	if err != nil {
		return err
	}
	rotated := append(append([][]byte{}, pems...), newPEM)
	body := []byte(`{"id":"6463d6e35a4c3e001819e761","object":"event","type":"webhook_ping","livemode":false,"created_at":1700000000,"data":{"object":{"object":"webhook"}}}`)
	if _, err := digitalfemsa.VerifyWebhook(body, srv.SignWebhook(body), pems...); !errors.Is(err, digitalfemsa.ErrWebhookSignature) {
		return fmt.Errorf("the old key alone should not verify the new signature: %v", err)
	}
	ev, err := digitalfemsa.VerifyWebhook(body, srv.SignWebhook(body), rotated...)
	if err != nil {
		return fmt.Errorf("after rotation: %w", err)
	}
	if _, err := digitalfemsa.VerifyWebhook(n.Body, n.Digest, rotated...); err != nil {
		return fmt.Errorf("an old notification after rotation: %w", err)
	}
	fmt.Printf("after rotation: %s verifies with the key set (old + new)\n", ev.Type)

	mu.Lock()
	defer mu.Unlock()
	if len(seen) == 0 || seen[len(seen)-1] != digitalfemsa.EventCashoutConfirmed {
		return fmt.Errorf("the handler did not see cashout.confirmed (saw %v)", seen)
	}
	fmt.Printf("handled %d verified event(s): %v\n", len(seen), seen)
	return nil
}

func post(url string, body []byte, digest string) int {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Digest", digest)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
