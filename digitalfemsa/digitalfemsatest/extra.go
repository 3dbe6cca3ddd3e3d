package digitalfemsatest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// The operations that complete the API (charges, order actions and lines,
// customers' payment sources, fiscal entities and shipping contacts,
// checkouts, webhooks, event resend, transactions, transfers, logs) keep
// their state here, beside the Server, in the Collections of their
// declarations: one extras per Server.
type extras struct {
	s *Server

	checkouts        *fakeapi.Collection[checkout]
	webhooks         *fakeapi.Collection[webhook]
	transfers        *fakeapi.Collection[transfer]
	logs             *fakeapi.Collection[logEntry]
	paymentSources   *fakeapi.Collection[paymentSource]
	fiscalEntities   *fakeapi.Collection[fiscalEntity]
	shippingContacts *fakeapi.Collection[shippingContact]
	shippingLines    *fakeapi.Collection[orderLine]
	taxLines         *fakeapi.Collection[orderLine]
	discountLines    *fakeapi.Collection[orderLine]

	mu sync.Mutex
	// preauthorized holds the orders whose charges wait for a capture.
	preauthorized map[string]bool
}

// registerExtra declares the resources of extras and registers their
// routes written by hand, answering in d's conventions.
func (s *Server) registerExtra(d *fakeapi.Dialect) {
	x := &extras{s: s, preauthorized: map[string]bool{}}
	s.x = x

	x.handle("GET /charges", x.listCharges)
	x.handle("PUT /charges/{id}", x.updateCharge)
	x.handle("POST /orders/{id}/charges", x.addCharge)
	x.handle("POST /orders/{id}/cancel", x.cancelOrder)
	x.handle("POST /orders/{id}/capture", x.captureOrder)
	x.handle("DELETE /orders/{id}/refunds/{refund_id}", x.cancelRefund)
	x.handle("POST /orders/{id}/line_items", x.createLineItem)
	x.handle("PUT /orders/{id}/line_items/{line_id}", x.updateLineItem)
	x.handle("DELETE /orders/{id}/line_items/{line_id}", x.deleteLineItem)
	x.declareLines(d)

	x.declareCustomerChildren(d)

	x.declareCheckouts(d)

	x.declareWebhooks(d)
	x.handle("POST /webhooks/{id}/test", x.testWebhook)
	x.handle("POST /events/{event_id}/webhook_logs/{log_id}/resend", x.resendEvent)

	x.handle("GET /transactions", x.listTransactions)
	x.handle("GET /transactions/{id}", x.getTransaction)
	x.declareTransfers(d)
	x.declareLogs(d)
}

// handle registers a route of extras (logged, as every route is).
func (x *extras) handle(pattern string, h http.HandlerFunc) {
	x.s.handle(pattern, h)
}

// withLog makes h's requests and answers logs (GET /logs). Server.handle
// wraps every route in it.
func (s *Server) withLog(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if x := s.x; x != nil {
			x.logged(h)(w, r)
			return
		}
		h(w, r)
	}
}

// logged runs h and records the request and its answer as a log.
func (x *extras) logged(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var reqBody []byte
		if r.Body != nil {
			b, err := readAll(r)
			if err == nil {
				reqBody = b
			}
			r.Body = readCloser(b)
		}
		tee := &teeWriter{ResponseWriter: w, status: http.StatusOK}
		h(tee, r)
		x.record(r, reqBody, tee)
	}
}

type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (t *teeWriter) WriteHeader(code int) {
	t.status = code
	t.ResponseWriter.WriteHeader(code)
}

func (t *teeWriter) Write(p []byte) (int, error) {
	t.body.Write(p)
	return t.ResponseWriter.Write(p)
}

func (x *extras) record(r *http.Request, reqBody []byte, t *teeWriter) {
	now := x.s.Now()
	l := &logEntry{ID: hexID(), CreatedAt: now.Unix(), UpdatedAt: now.UTC().Format("2006-01-02T15:04:05.000Z"),
		Method: r.Method, URL: r.URL.Path, Status: strconv.Itoa(t.status), Version: "2.1.0", IPAddress: "127.0.0.1",
		QueryString: map[string]any{}, RequestHeaders: map[string]string{}, ResponseHeaders: map[string]string{},
		RequestBody: jsonOrEmpty(reqBody), ResponseBody: jsonOrEmpty(t.body.Bytes()), SearchableTags: []string{}}
	for k, v := range r.URL.Query() {
		l.QueryString[k] = v[0]
	}
	for k := range r.Header {
		v := r.Header.Get(k)
		if strings.EqualFold(k, "Authorization") {
			v = "[redacted]" // the fake never keeps a key
		}
		l.RequestHeaders[k] = v
	}
	for k := range t.Header() {
		l.ResponseHeaders[k] = t.Header().Get(k)
	}
	// The ids a merchant searches by: the path's and the answer's.
	for _, seg := range strings.Split(r.URL.Path, "/") {
		if strings.Contains(seg, "_") || len(seg) >= 20 {
			l.SearchableTags = append(l.SearchableTags, seg)
		}
	}
	var ans struct {
		ID     string `json:"id"`
		Object string `json:"object"`
	}
	if json.Unmarshal(t.body.Bytes(), &ans) == nil && ans.ID != "" {
		l.LoggableID, l.LoggableType = &ans.ID, &ans.Object
		l.SearchableTags = append(l.SearchableTags, ans.ID)
	}
	x.logs.Put(l)
}

func jsonOrEmpty(b []byte) json.RawMessage {
	if len(bytes.TrimSpace(b)) == 0 || !json.Valid(b) || bytes.TrimSpace(b)[0] != '{' {
		return json.RawMessage(`{}`)
	}
	return json.RawMessage(bytes.Clone(b))
}

// logEntry is a log (spec "log_response").
type logEntry struct {
	ID              string            `json:"id"`
	CreatedAt       int64             `json:"created_at"`
	UpdatedAt       string            `json:"updated_at"`
	Livemode        bool              `json:"livemode"`
	Method          string            `json:"method"`
	URL             string            `json:"url"`
	Status          string            `json:"status"`
	Version         string            `json:"version"`
	IPAddress       string            `json:"ip_address"`
	LoggableID      *string           `json:"loggable_id"`
	LoggableType    *string           `json:"loggable_type"`
	OAuthTokenID    *string           `json:"oauth_token_id"`
	UserAccountID   string            `json:"user_account_id"`
	Related         string            `json:"related"`
	SearchableTags  []string          `json:"searchable_tags"`
	QueryString     map[string]any    `json:"query_string"`
	RequestHeaders  map[string]string `json:"request_headers"`
	ResponseHeaders map[string]string `json:"response_headers"`
	RequestBody     json.RawMessage   `json:"request_body"`
	ResponseBody    json.RawMessage   `json:"response_body"`
}

// declareLogs declares /logs, read only: every other request becomes a
// log (logged). Reading the logs is not logged: a log of every read of
// the logs would only bury the requests they are read for. The API lists
// logs newest first.
func (x *extras) declareLogs(d *fakeapi.Dialect) {
	d = variant(d, func(c *fakeapi.Dialect) {
		c.Wrap = versioned
		c.NewestFirst = true
	})
	x.logs = fakeapi.Declare(x.s.Server, d, fakeapi.Resource[logEntry]{
		Name: "log", Path: "/logs", NewID: hexID,
		ID:      func(l *logEntry) string { return l.ID },
		Serve:   fakeapi.OpGet | fakeapi.OpList,
		Filters: search(func(l *logEntry) []string { return append([]string{l.ID, l.URL}, l.SearchableTags...) }),
	})
}

// readAll reads a request body (at most 1 MiB, as the strict decoder does).
func readAll(r *http.Request) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r.Body, 1<<20))
}

// readCloser gives a handler the body again after the log read it.
func readCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
