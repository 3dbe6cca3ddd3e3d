package digitalfemsatest

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// PrivateKey is the API key the fake accepts (Basic "key:" or Bearer).
const PrivateKey = "key_test_digitalfemsatest"

// InitialBalance is the available MXN balance of a new fake, in cents
// (1,000,000.00 MXN). A payout order retains its amount from it.
const InitialBalance int64 = 100_000_000

// Statuses the fake gives a payout order that was withdrawn or that
// expired. DigitalFemsa documents neither value; they exercise the open
// PayoutOrderStatus type.
const (
	StatusWithdrawn digitalfemsa.PayoutOrderStatus = "withdrawn"
	StatusExpired   digitalfemsa.PayoutOrderStatus = "expired"
)

// Notification is an event as the fake delivered (or would deliver) it to
// a webhook endpoint: the raw body and its DIGEST header.
type Notification struct {
	// Event is the event as the SDK decodes it.
	Event *digitalfemsa.Event
	// Body is the raw JSON body the fake signed and delivered.
	Body []byte
	// Digest is the body's DIGEST header value (base64 RSA PKCS#1 v1.5
	// SHA-256), for digitalfemsa.VerifyWebhook.
	Digest string
	// DeliveryErr is set when a webhook URL is configured and the delivery
	// failed or was not answered with a 2xx.
	DeliveryErr error
}

// Server is the fake DigitalFemsa API. Its URL, Close, InjectFault,
// ClearFaults, SetClock, Handled, Stats, Requests, Reset, Deliveries,
// WaitWebhooks, SetWebhookPolicy and EmitWebhook come from the scaffold
// the five latampay-go fakes share (see Fault, Request and Delivery);
// DeliverWebhooks and WebhookURL are its own, since its events also go to
// the webhooks registered through the API.
type Server struct {
	*fakeapi.Server
	// x holds the routes and state of the spec's further operations
	// (extra.go); nil on a Server NewServer did not make.
	x *extras

	mu            sync.Mutex
	key           *rsa.PrivateKey
	pubPEM        []byte
	notifications []Notification

	// emitMu guards target and waitDelivery, and holds the scaffold's
	// delivery target on one receiver for the time of one EmitWebhook
	// call: the scaffold sends to a single target, and a DigitalFemsa
	// event goes to every registered webhook besides.
	emitMu sync.Mutex
	// target is the URL of DeliverWebhooks or SetWebhookURL ("" none).
	target string
	// waitDelivery: SetWebhookURL's events are delivered before the
	// state change that emits them returns (Notification.DeliveryErr).
	waitDelivery bool
	available    map[string]int64
	retained     map[string]int64

	// The declared resources' objects (routes.go), the fake's state.
	customers   *fakeapi.Collection[customer]
	payouts     *fakeapi.Collection[payoutOrder]
	orders      *fakeapi.Collection[order]
	webhookKeys *fakeapi.Collection[webhookKey]
	events      *fakeapi.Collection[event]
}

// NewServer starts a fake with a fresh 2048-bit RSA webhook key.
func NewServer() *Server {
	s := &Server{
		available: map[string]int64{"MXN": InitialBalance},
		retained:  map[string]int64{},
	}
	if _, err := s.RotateWebhookKey(); err != nil {
		panic("digitalfemsatest: generating the RSA key: " + err.Error())
	}
	s.Server = fakeapi.New(fakeapi.Config{
		Authenticate: authenticate,
		Unauthorized: func(w http.ResponseWriter, r *http.Request) {
			writeError(w, r, http.StatusUnauthorized, "authentication_error", "femsa.errors.authentication.missing_key", "",
				"Please include your access key in your request.", "Acceso no autorizado.")
		},
		NotFound: func(w http.ResponseWriter, r *http.Request) {
			writeError(w, r, http.StatusNotFound, "resource_not_found_error", "femsa.errors.resource_not_found.entity", "",
				"The resource was not found.", "El recurso no ha sido encontrado.")
		},
	})
	s.SetWebhookPolicy(DefaultWebhookPolicy)
	s.routes()
	return s
}

func (s *Server) routes() {
	d := s.dialect()
	s.declareCustomers(d)

	s.declarePayoutOrders(d)
	s.declareOrders(d)

	s.declareWebhookKeys(d)
	s.declareEvents(d)

	s.handle("GET /balance", s.getBalance)
	s.registerExtra(d)
}

// Client returns a client of the fake: PrivateKey, the fake's URL and HTTP
// client, millisecond retry waits, then opts.
func (s *Server) Client(opts ...digitalfemsa.Option) *digitalfemsa.Client {
	all := append([]digitalfemsa.Option{
		digitalfemsa.WithBaseURL(s.URL),
		digitalfemsa.WithHTTPClient(s.HTTPClient()),
		digitalfemsa.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := digitalfemsa.NewClient(PrivateKey, all...)
	if err != nil {
		panic("digitalfemsatest: " + err.Error())
	}
	return c
}

// WebhookPublicKeyPEM returns the PEM of the key that signs the fake's
// events now (what POST /webhook_keys returns as public_key).
func (s *Server) WebhookPublicKeyPEM() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Clone(s.pubPEM)
}

// SignWebhook signs body with the fake's current key and returns the DIGEST
// header value (base64 RSA PKCS#1 v1.5 SHA-256), for tests that build their
// own notifications.
func (s *Server) SignWebhook(body []byte) string {
	s.mu.Lock()
	k := s.key
	s.mu.Unlock()
	sum := sha256.Sum256(body)
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
	if err != nil {
		panic("digitalfemsatest: signing: " + err.Error())
	}
	return base64.StdEncoding.EncodeToString(sig)
}

// RotateWebhookKey replaces the signing key with a new one and returns its
// public PEM; notifications signed earlier still verify with the old PEM.
func (s *Server) RotateWebhookKey() ([]byte, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		return nil, err
	}
	p := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	s.mu.Lock()
	s.key, s.pubPEM = k, p
	s.mu.Unlock()
	return bytes.Clone(p), nil
}

// DefaultWebhookPolicy is the fake's retry of a failing receiver: three
// tries, 10 ms then 20 ms apart. DigitalFemsa documents no retry schedule
// (an event's webhook_logs count its failed attempts, and
// Events.Resend sends it again by hand); the fake retries a little, fast,
// so that a test sees both a retry and a final failure. Change it with
// SetWebhookPolicy.
var DefaultWebhookPolicy = WebhookPolicy{Attempts: 3, Backoff: 10 * time.Millisecond}

// DeliverWebhooks makes the fake POST every event to url from now on, in
// the background, signed (DIGEST header, the key of WebhookPublicKeyPEM)
// and retried per the policy; "" stops it. Deliveries records each try and
// WaitWebhooks waits for them. Webhooks registered with POST /webhooks
// (client.Webhooks.Create) receive the events they subscribe to as well,
// the same way.
func (s *Server) DeliverWebhooks(url string) {
	s.emitMu.Lock()
	s.target, s.waitDelivery = url, false
	s.emitMu.Unlock()
}

// WebhookURL returns the URL of DeliverWebhooks or SetWebhookURL ("" when
// none).
func (s *Server) WebhookURL() string {
	s.emitMu.Lock()
	defer s.emitMu.Unlock()
	return s.target
}

// SetWebhookURL is DeliverWebhooks whose deliveries end before the call
// that emits the event returns: MarkWithdrawn, MarkOrderPaid… then report
// a delivery that failed every try (Notification.DeliveryErr). "" stops
// deliveries.
func (s *Server) SetWebhookURL(u string) {
	s.emitMu.Lock()
	s.target, s.waitDelivery = u, u != ""
	s.emitMu.Unlock()
}

// emitTo starts the delivery of one event to target through the scaffold
// (retried per the policy, recorded in Deliveries).
func (s *Server) emitTo(target, event string, body []byte, header http.Header) {
	s.emitMu.Lock()
	defer s.emitMu.Unlock()
	s.Server.DeliverWebhooks(target)
	s.Server.EmitWebhook(event, body, header)
	s.Server.DeliverWebhooks("")
}

// Notifications returns every event notification so far, oldest first.
func (s *Server) Notifications() []Notification {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Notification(nil), s.notifications...)
}

// SetBalance sets the available balance in currency, in cents.
func (s *Server) SetBalance(currency string, cents int64) {
	s.mu.Lock()
	s.available[currency] = cents
	s.mu.Unlock()
}

// ---- helpers ----

func authenticate(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	if strings.HasPrefix(h, "Bearer ") {
		return strings.TrimPrefix(h, "Bearer ") == PrivateKey
	}
	user, pass, ok := r.BasicAuth()
	return ok && user == PrivateKey && pass == ""
}

// hexID returns a 24-hex id (the Mongo-style ids of events, charges and
// keys).
func hexID() string { return fakeapi.NewHex(12) }

// ---- emitting events ----

// emit records an event about obj and delivers it when a webhook URL is set.
func (s *Server) emit(typ digitalfemsa.EventType, obj any) Notification {
	now := s.Now().Unix()
	ev := &event{ID: hexID(), Object: "event", Type: string(typ), CreatedAt: now,
		Data: map[string]any{"object": obj, "previous_attributes": map[string]any{}}, WebhookStatus: "pending", WebhookLogs: []webhookLog{}}
	body, _ := json.Marshal(ev)
	n := Notification{Body: body, Digest: s.SignWebhook(body)}
	var parsed digitalfemsa.Event
	if json.Unmarshal(body, &parsed) == nil {
		n.Event = &parsed
	}
	s.emitMu.Lock()
	target, wait := s.target, s.waitDelivery
	s.emitMu.Unlock()
	targets := s.webhookTargets(string(typ), target)
	for _, t := range targets {
		ev.WebhookLogs = append(ev.WebhookLogs, webhookLog{ID: fakeapi.NewID("webhl_", 17), Object: "webhook_log", URL: t})
	}
	s.events.Put(ev)
	for _, t := range targets {
		s.emitTo(t, string(typ), body, http.Header{"Digest": {n.Digest}})
	}
	if wait && target != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := s.WaitWebhooks(ctx)
		cancel()
		if err == nil {
			err = s.deliveryErr(ev.ID, target)
		}
		n.DeliveryErr = err
	}
	s.mu.Lock()
	s.notifications = append(s.notifications, n)
	s.mu.Unlock()
	return n
}

// webhookTargets are the URLs an event of type typ goes to: target (every
// event), then each registered webhook subscribed to typ, each URL once.
func (s *Server) webhookTargets(typ, target string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(u string) {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	add(target)
	if x := s.x; x != nil {
		for _, wh := range x.webhooks.All() {
			if slices.Contains(wh.SubscribedEvents, typ) {
				add(wh.URL)
			}
		}
	}
	return out
}

// deliveriesOf returns the delivery tries of event id to url, in order.
func (s *Server) deliveriesOf(id, url string) []Delivery {
	var out []Delivery
	for _, d := range s.Deliveries() {
		var ev struct {
			ID string `json:"id"`
		}
		if d.URL == url && json.Unmarshal(d.Body, &ev) == nil && ev.ID == id {
			out = append(out, d)
		}
	}
	return out
}

// deliveryErr says why the last try to deliver event id to url failed
// (nil when it succeeded).
func (s *Server) deliveryErr(id, url string) error {
	ds := s.deliveriesOf(id, url)
	if len(ds) == 0 {
		return fmt.Errorf("digitalfemsatest: event %s was not delivered to the webhook", id)
	}
	last := ds[len(ds)-1]
	switch {
	case last.Err != "":
		return fmt.Errorf("digitalfemsatest: webhook delivery: %s", last.Err)
	case last.Status < 200 || last.Status > 299:
		return fmt.Errorf("digitalfemsatest: webhook answered HTTP %d", last.Status)
	}
	return nil
}

// refreshWebhookLogs brings every event's webhook_logs and webhook_status
// up to date with the deliveries made so far, before the events are read.
func (s *Server) refreshWebhookLogs() {
	for _, e := range s.events.All() {
		id := e.ID
		s.events.Update(id, func(e *event) error {
			if len(e.WebhookLogs) == 0 {
				return nil
			}
			logs := append([]webhookLog(nil), e.WebhookLogs...)
			status := "successful"
			for i := range logs {
				l := &logs[i]
				ds := s.deliveriesOf(id, l.URL)
				l.FailedAttempts = 0
				for _, d := range ds {
					if d.Err != "" || d.Status < 200 || d.Status > 299 {
						l.FailedAttempts++
					}
				}
				if len(ds) == 0 {
					if status == "successful" {
						status = "pending"
					}
					continue
				}
				last := ds[len(ds)-1]
				l.LastAttemptedAt, l.LastHTTPResponseStatus = last.Time.Unix(), last.Status
				if last.Err != "" || last.Status < 200 || last.Status > 299 {
					status = "failing"
				}
			}
			e.WebhookLogs, e.WebhookStatus = logs, status
			return nil
		})
	}
}
