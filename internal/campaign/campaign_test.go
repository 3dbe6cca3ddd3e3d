package campaign

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/leakcheck"
	"github.com/latampay/latampay-go/internal/transport"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

type apiError struct{ status int }

func (e *apiError) Error() string { return http.StatusText(e.status) }

// A minimal payments API: the campaign runs over the bare transport, so a
// fault in the driver or the retry rules shows here before any provider.
func TestCampaignOverTheTransport(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	ledger := map[string]int{}
	fake := fakeapi.New(fakeapi.Config{})
	defer fake.Close()
	fake.Handle("POST /v1/payments", func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Key string }
		if err := fakeapi.ReadJSON(r, &body, true); err != nil {
			fakeapi.WriteJSON(w, 400, map[string]string{"error": err.Error()})
			return
		}
		mu.Lock()
		ledger[body.Key]++
		mu.Unlock()
		fakeapi.WriteJSON(w, 201, map[string]string{"id": "pay_" + body.Key})
	})
	fake.Handle("GET /v1/payments", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n := ledger[r.URL.Query().Get("key")]
		mu.Unlock()
		fakeapi.WriteJSON(w, 200, map[string]int{"count": n})
	})
	fake.Handle("GET /v1/status", func(w http.ResponseWriter, r *http.Request) {
		fakeapi.WriteJSON(w, 200, map[string]string{"status": "up"})
	})

	const attemptTimeout = 80 * time.Millisecond
	s, err := transport.NewSettings(
		transport.WithBaseURL(fake.URL),
		transport.WithHTTPClient(&http.Client{Transport: CountAttempts(fake.HTTPClient().Transport)}),
		transport.WithRetryWait(time.Millisecond, 3*time.Millisecond),
		transport.WithTimeout(attemptTimeout),
	)
	if err != nil {
		t.Fatal(err)
	}
	client, err := transport.New(transport.Config{Provider: "campaign", DecodeError: func(r *transport.Response) (error, bool) {
		return &apiError{status: r.StatusCode}, r.StatusCode < 500
	}}, s)
	if err != nil {
		t.Fatal(err)
	}
	ops := []Op{
		{Name: "pay", Run: func(ctx context.Context, key string) error {
			var out struct{ ID string }
			_, err := client.Do(ctx, &transport.Request{Method: "POST", Path: "/v1/payments", Body: map[string]string{"key": key}, MovesMoney: true}, &out)
			return err
		}, Reconcile: func(ctx context.Context, key string) (bool, error) {
			var out struct{ Count int }
			_, err := client.Do(ctx, &transport.Request{Method: "GET", Path: "/v1/payments", Query: url.Values{"key": {key}}}, &out)
			return out.Count > 0, err
		}},
		{Name: "status", Repeatable: true, Run: func(ctx context.Context, key string) error {
			var out struct{ Status string }
			_, err := client.Do(ctx, &transport.Request{Method: "GET", Path: "/v1/status"}, &out)
			return err
		}},
	}
	rep := Run(t, Config{
		Ops:  ops,
		Fake: fake,
		Seed: 7,
		Executed: func(key string) int {
			mu.Lock()
			defer mu.Unlock()
			return ledger[key]
		},
		StatusOf: func(err error) (int, bool) {
			var ae *apiError
			if errors.As(err, &ae) {
				return ae.status, true
			}
			return 0, false
		},
		MaxRetries:     transport.DefaultMaxRetries,
		AttemptTimeout: attemptTimeout,
	})
	rep.Check(t, 500)
}
