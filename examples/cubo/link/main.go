// Command link shows Cubo hosted payment links: create a one-use link, send
// the customer to its URL, receive Cubo's webhook and — because Cubo's
// webhooks are NOT signed — re-fetch the transaction before trusting it.
// It also creates a subscription link.
//
// Without CUBO_API_KEY it runs offline against the in-memory fake
// (cubotest), which plays the customer and posts the webhook to a local
// handler. With CUBO_API_KEY it calls Cubo at CUBO_BASE_URL (default:
// cubo.SandboxURL), prints the checkout URL and the link's current status.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
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

	var (
		client *cubo.Client
		srv    *cubotest.Server
	)
	if key := os.Getenv("CUBO_API_KEY"); key != "" {
		base := os.Getenv("CUBO_BASE_URL")
		if base == "" {
			base = cubo.SandboxURL
		}
		var err error
		if client, err = cubo.NewClient(key, cubo.WithBaseURL(base), cubo.WithAppInfo("cubo-link-example", "1.0")); err != nil {
			return err
		}
		fmt.Println("mode: live Cubo API at", base)
	} else {
		srv = cubotest.NewServer()
		defer srv.Close()
		client = srv.Client()
		fmt.Println("mode: offline (cubotest fake)")
	}

	link, err := client.Links.Create(ctx, &cubo.LinkParams{
		Description: "Order 1004: 2 coffees",
		Amount:      450, // $4.50
		RedirectURI: "https://shop.example.com/orders/1004/thanks",
		Metadata:    map[string]string{"orderId": "1004"},
		ClientEmail: "ana@example.com",
	})
	if err != nil {
		return fmt.Errorf("creating the link: %w", err)
	}
	fmt.Println("link created; send the customer to:", link.RedirectURL)
	fmt.Println("payment intent token:", link.PaymentIntentToken)

	if srv == nil {
		tx, err := client.Transactions.Get(ctx, link.PaymentIntentToken)
		if err != nil {
			return fmt.Errorf("reading the link's transaction: %w", err)
		}
		fmt.Printf("current status: %s (amount %d cents %s)\n", tx.Status, tx.Amount, tx.Currency)
		return nil
	}

	// Your webhook endpoint. It never trusts the body: it re-fetches.
	verified := make(chan *cubo.Transaction, 1)
	hookErr := make(chan error, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "read", http.StatusBadRequest)
			return
		}
		ev, err := cubo.ParseWebhook(body)
		if err != nil {
			http.Error(w, "not a Cubo webhook", http.StatusBadRequest)
			hookErr <- err
			return
		}
		fmt.Printf("webhook received (unsigned, not trusted): %s says %s\n", ev.Identifier, ev.Status)
		tx, err := client.Transactions.VerifyWebhook(r.Context(), ev)
		if err != nil {
			// Tell Cubo to retry later (5xx) when the API could not be read;
			// a mismatch is answered 2xx and ignored.
			if errors.Is(err, cubo.ErrWebhookMismatch) {
				w.WriteHeader(http.StatusOK)
			} else {
				http.Error(w, "retry", http.StatusServiceUnavailable)
			}
			hookErr <- err
			return
		}
		w.WriteHeader(http.StatusOK)
		verified <- tx
	}))
	defer hook.Close()
	srv.SetWebhookURL(hook.URL)

	fmt.Println("(the fake plays the customer paying with", cubotest.CardApproved+")")
	if _, err := srv.PayLink(link.PaymentIntentToken, cubotest.CardApproved); err != nil {
		return err
	}
	select {
	case tx := <-verified:
		fmt.Printf("verified with GET /api/v1/transactions/{token}: %s, $%d.%02d %s, order %s, reference %s\n",
			tx.Status, tx.Amount/100, tx.Amount%100, tx.Currency, tx.Metadata["orderId"], tx.ReferenceID)
		if !tx.Succeeded() || tx.Amount != 450 {
			return fmt.Errorf("unexpected transaction: %s %d", tx.Status, tx.Amount)
		}
	case err := <-hookErr:
		return fmt.Errorf("webhook: %w", err)
	case <-ctx.Done():
		return ctx.Err()
	}

	// A forged webhook is caught by the re-fetch.
	forged := []byte(`{"identifier":"` + link.PaymentIntentToken + `","status":"SUCCEEDED","amount":1}`)
	ev, err := cubo.ParseWebhook(forged)
	if err != nil {
		return err
	}
	if _, err := client.Transactions.VerifyWebhook(ctx, ev); !errors.Is(err, cubo.ErrWebhookMismatch) {
		return fmt.Errorf("a forged webhook was not caught: %v", err)
	}
	fmt.Println("a forged webhook claiming a payment of $0.01 was caught by the re-fetch")

	sub, err := client.Links.CreateSubscription(ctx, &cubo.SubscriptionLinkParams{
		LinkParams: cubo.LinkParams{
			Description: "Coffee club, monthly",
			Amount:      1500,
			RedirectURI: "https://shop.example.com/club/welcome",
			Metadata:    map[string]string{"member": "42"},
		},
		Installments: 6,
	})
	if err != nil {
		return fmt.Errorf("creating the subscription link: %w", err)
	}
	fmt.Println("subscription link ($15.00, 6 installments):", sub.RedirectURL)
	return nil
}
