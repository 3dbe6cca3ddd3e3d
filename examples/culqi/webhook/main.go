// Command webhook shows an http.Handler that receives Culqi events.
// Culqi signs nothing: the handler checks the optional Basic Auth set in the
// Culqi panel, parses the event (whose data may arrive as a JSON string) and
// would re-fetch the object with the secret key before acting on it.
//
// Offline (no CULQI_WEBHOOK_ADDR) it starts the handler on httptest, posts a
// sample event to itself, prints what it parsed and exits. With
// CULQI_WEBHOOK_ADDR (e.g. ":8080") it serves until stopped.
package main

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/latampay/latampay-go/culqi"
)

// handler accepts Culqi webhooks; user and password are the panel's Basic Auth.
func handler(user, password string, out io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if u, p, ok := r.BasicAuth(); user != "" && (!ok || !equal(u, user) || !equal(p, password)) {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		ev, err := culqi.ParseWebhook(body)
		if err != nil {
			http.Error(w, "not a Culqi event", http.StatusBadRequest)
			return
		}
		fmt.Fprintf(out, "event %s %s at %s: %s %s\n", ev.ID, ev.Type, ev.CreationDate.Format("2006-01-02 15:04:05"),
			ev.DataObject(), ev.DataID())
		switch ev.Type {
		case culqi.EventChargeCreationSucceeded:
			var ch culqi.Charge
			if err := ev.DecodeData(&ch); err == nil {
				fmt.Fprintf(out, "  charge of %d %s for %s (re-fetch it with Charges.Get before shipping)\n", ch.Amount, ch.CurrencyCode, ch.Email)
			}
		case culqi.EventOrderStatusChanged:
			fmt.Fprintln(out, "  order changed state: re-fetch it with Orders.Get")
		}
		w.WriteHeader(http.StatusOK) // any 2xx marks the delivery done
	})
}

// A sample delivery whose data is a JSON string, as Culqi sends it.
const sample = `{"object":"event","id":"evt_test_bV7SE39fcGodMPn4","type":"charge.creation.succeeded","creation_date":1507073604156,` +
	`"data":"{\"object\":\"charge\",\"id\":\"chr_test_WYfqyKDstbtAQc95\",\"amount\":15000,\"currency_code\":\"PEN\",\"email\":\"ana.quispe@example.pe\"}"}`

func main() {
	user, password := os.Getenv("CULQI_WEBHOOK_USER"), os.Getenv("CULQI_WEBHOOK_PASSWORD")
	if addr := os.Getenv("CULQI_WEBHOOK_ADDR"); addr != "" {
		fmt.Println("listening on", addr)
		if err := http.ListenAndServe(addr, handler(user, password, os.Stdout)); err != nil {
			fmt.Fprintln(os.Stderr, "webhook:", err)
			os.Exit(1)
		}
		return
	}
	user, password = "culqi", "s3cret"
	srv := httptest.NewServer(handler(user, password, os.Stdout))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewBufferString(sample))
	req.SetBasicAuth(user, password)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "webhook:", err)
		os.Exit(1)
	}
	resp.Body.Close()
	fmt.Println("delivery answered", resp.StatusCode)
	if resp.StatusCode != http.StatusOK {
		os.Exit(1)
	}
}

// equal compares credentials in constant time, so that response timing
// does not tell how much of a guess was right.
func equal(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
