package srpagotest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago"
)

// SessionLifetime is how long a connection token of the fake's login
// lives: 30 days, as the one recorded from Sr. Pago's sandbox.
const SessionLifetime = 30 * 24 * time.Hour

// ReferenceLifetime is how long a cash or SPEI reference of the fake stays
// payable (Sr. Pago does not document it).
const ReferenceLifetime = 72 * time.Hour

type session struct{ expires time.Time }

// authenticate accepts HTTP Basic application key and secret, or a
// connection token of the login that has not expired.
func (s *Server) authenticate(r *http.Request) bool {
	if u, p, ok := r.BasicAuth(); ok {
		return u == AppKey && p == AppSecret
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return false
	}
	sess, ok := s.sessions.Snapshot(tok)
	return ok && s.Now().Before(sess.expires)
}

// login answers POST /v1/auth/login/application: HTTP Basic only (a
// connection token cannot log in again), {"connection": {"token",
// "expires"}} instead of "result".
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if u, p, ok := r.BasicAuth(); !ok || u != AppKey || p != AppSecret {
		s.fail(w, http.StatusUnauthorized, "InvalidCredentialsException", "Credenciales inválidas", nil)
		return
	}
	var b struct {
		Bundle *string `json:"application_bundle"`
	}
	if err := fakeapi.ReadJSON(r, &b, false); err != nil {
		s.invalidParam(w, "JSON inválido")
		return
	}
	tok := fakeapi.NewHex(32)
	expires := s.now().Add(SessionLifetime)
	s.sessions.Put(tok, &session{expires: expires})
	w.Header().Set(srpago.RequestIDHeader, s.requestID())
	fakeapi.WriteJSON(w, http.StatusOK, map[string]any{"success": true,
		"connection": map[string]any{"token": tok, "expires": expires.Format(tsLayout)}})
}

// Logins counts the connection tokens the fake has issued.
func (s *Server) Logins() int { return s.sessions.Len() }

// ExpireSessions ends every connection token now, as if their 30 days had
// passed: the next call with one gets a 401.
func (s *Server) ExpireSessions() {
	past := s.Now().Add(-time.Second)
	// List runs keep under the store's lock: the change is atomic with
	// the reads of authenticate.
	s.sessions.List(func(sess *session) bool {
		sess.expires = past
		return false
	})
}

// --- cash and SPEI references ---

type reference struct {
	Kind        string // "cash" or "spei"
	Number      string
	Barcode     string
	CLABE       string
	Store       string
	Transaction string
	Desc        string
	Amount      int64
	Created     time.Time
	Expires     time.Time
	Paid        bool
	PaidAt      time.Time
	AuthCode    string
}

type referenceBody struct {
	Payment struct {
		Reference struct {
			Description string `json:"description"`
		} `json:"reference"`
	} `json:"payment"`
	Total json.RawMessage `json:"total"`
	Store string          `json:"store"`
}

// readReference reads and checks a reference request; it answers the
// error itself.
func (s *Server) readReference(w http.ResponseWriter, r *http.Request) (*referenceBody, int64, bool) {
	var b referenceBody
	if err := fakeapi.ReadJSON(r, &b, false); err != nil {
		s.invalidParam(w, "JSON inválido")
		return nil, 0, false
	}
	var total wire.Decimal
	if len(b.Total) == 0 || json.Unmarshal(b.Total, &total) != nil || total.Cents() < 100 {
		s.invalidParam(w, "total total must be greater than 1.00")
		return nil, 0, false
	}
	if strings.TrimSpace(b.Payment.Reference.Description) == "" {
		s.invalidParam(w, "payment.reference.description es obligatorio")
		return nil, 0, false
	}
	return &b, total.Cents(), true
}

func (s *Server) newReference(kind string, b *referenceBody, amount int64) *reference {
	s.mu.Lock()
	s.seq++
	tx := base64.StdEncoding.EncodeToString([]byte(strconv.Itoa(s.seq)))
	s.mu.Unlock()
	now := s.now()
	ref := &reference{Kind: kind, Number: "9300" + fakeapi.NewDigits(10), Transaction: tx,
		Desc: b.Payment.Reference.Description, Amount: amount, Created: now, Expires: now.Add(ReferenceLifetime)}
	if kind == "cash" {
		ref.Store = b.Store
		ref.Barcode = ref.Number + fakeapi.NewDigits(6)
	} else {
		ref.CLABE = "646180" + fakeapi.NewDigits(12)
	}
	s.refs.Put(ref)
	return ref
}

// The answers of both calls are not published by Sr. Pago: the fake
// answers the fields its integrations read.
func (ref *reference) wire() map[string]any {
	out := map[string]any{
		"reference": ref.Number, "transaction": ref.Transaction,
		"total":      map[string]any{"amount": wire.FormatCents(ref.Amount), "currency": "MXN"},
		"expiration": ref.Expires.Format(tsLayout),
	}
	if ref.Kind == "cash" {
		out["store"], out["barcode"] = ref.Store, ref.Barcode
		out["url"] = "https://sandbox-connect.srpago.com/recipe/" + ref.Transaction
	} else {
		out["clabe"], out["bank_name"], out["name"] = ref.CLABE, "STP", "Comercio de pruebas"
	}
	return out
}

func (s *Server) createCashReference(w http.ResponseWriter, r *http.Request) {
	b, amount, ok := s.readReference(w, r)
	if !ok {
		return
	}
	if b.Store == "" {
		s.invalidParam(w, "store es obligatorio")
		return
	}
	s.ok(w, s.newReference("cash", b, amount).wire())
}

func (s *Server) createSPEIReference(w http.ResponseWriter, r *http.Request) {
	b, amount, ok := s.readReference(w, r)
	if !ok {
		return
	}
	s.ok(w, s.newReference("spei", b, amount).wire())
}

// operation is a paid reference as listings and notifications show it.
func (ref *reference) operation() map[string]any {
	method, typ := "OXX", "OXXO"
	if ref.Kind == "spei" {
		method, typ = "TRA", "SPEI"
	}
	return map[string]any{
		"transaction": ref.Transaction, "timestamp": ref.PaidAt.Format(tsLayout), "payment_method": method,
		"authorization_code": ref.AuthCode, "status": "N",
		"reference":   map[string]any{"description": ref.Desc, "number": ref.Number},
		"card":        map[string]any{"holder_name": "Banco pruebas", "type": typ, "number": "0000", "label": "", "raw": "0000", "noSignature": "0"},
		"total":       map[string]any{"amount": wire.FormatCents(ref.Amount), "currency": "MXN"},
		"tip":         map[string]any{"amount": "0.00", "currency": "MXN"},
		"origin":      map[string]any{"location": map[string]any{"latitude": "0.000000", "longitude": "0.000000"}},
		"affiliation": 0, "url": "https://sandbox-connect.srpago.com/recipe/" + ref.Transaction, "hasDevolution": false,
	}
}

// Errors of PayReference.
var (
	ErrNoReference     = errors.New("srpagotest: no such reference")
	ErrAlreadyPaid     = errors.New("srpagotest: the reference is already paid")
	ErrReferenceExpiry = errors.New("srpagotest: the reference has expired")
)

// EventOperationPaid is the Delivery.Event of the notification of a paid
// cash or SPEI reference. Sr. Pago's body (the operation object) names no
// event; this is the fake's label.
const EventOperationPaid = "operation.paid"

// DefaultWebhookPolicy is how the fake retries a notification its receiver did
// not answer 2xx. Sr. Pago documents no retries; the fake makes 3 tries,
// 20 ms apart and doubling, so a handler's failure shows in Deliveries.
// Change it with Server.SetWebhookPolicy.
var DefaultWebhookPolicy = fakeapi.WebhookPolicy{Attempts: 3, Backoff: 20 * time.Millisecond}

// PayReference pays a cash or SPEI reference (srpago.CashReference.Reference
// or srpago.SPEIReference.Reference) as a buyer at the till or a bank
// would: it then shows in the STORE payment list and in Funds, and the
// fake POSTs Sr. Pago's notification (the operation object) to the
// notification URL (set with Webhooks.Update or DeliverWebhooks), retried
// per DefaultWebhookPolicy, before PayReference returns; Deliveries records each
// try. It answers the operation's transaction id, or an error for an
// unknown, paid or expired reference, or a failed delivery (the payment
// stays recorded).
func (s *Server) PayReference(ctx context.Context, number string) (string, error) {
	var body []byte
	var tx string
	var payErr error
	_, found, _ := s.refs.Update(number, func(ref *reference) error {
		switch {
		case ref.Paid:
			payErr = ErrAlreadyPaid
		case s.now().After(ref.Expires):
			payErr = ErrReferenceExpiry
		default:
			ref.Paid, ref.PaidAt = true, s.now()
			ref.AuthCode = strings.ToUpper(fakeapi.NewHex(4))
			tx = ref.Transaction
			body, _ = json.Marshal(ref.operation())
		}
		return nil
	})
	if !found {
		return "", ErrNoReference
	}
	if payErr != nil {
		return "", payErr
	}
	if !s.EmitWebhook(EventOperationPaid, body, nil) {
		return tx, nil
	}
	if err := s.WaitWebhooks(ctx); err != nil {
		return tx, fmt.Errorf("srpagotest: waiting for the notification: %w", err)
	}
	last, ok := s.LastDelivery(body)
	switch {
	case !ok:
		return tx, errors.New("srpagotest: the notification was not delivered")
	case last.Err != "":
		return tx, errors.New("srpagotest: notification: " + last.Err)
	case last.Status < 200 || last.Status > 299:
		return tx, errors.New("srpagotest: notification answered HTTP " + strconv.Itoa(last.Status))
	}
	return tx, nil
}

// ReferencePaid reports whether the reference was paid.
func (s *Server) ReferencePaid(number string) bool {
	ref, ok := s.refs.Get(number)
	return ok && ref.Paid
}

// --- payment lists, account, funds, webhooks ---

// declarePayments declares GET /v1/payment, the payments of one type
// (required): STORE lists the paid cash and SPEI references, in the order
// created, with their totals; ECOMMERCE lists the web-checkout payments,
// none, since the fake has no web checkout. The references are made by
// createCashReference and createSPEIReference and paid by PayReference.
func (s *Server) declarePayments() *fakeapi.Collection[reference] {
	return declare(s, fakeapi.Resource[reference]{
		Name: "payment", Path: "/v1/payment",
		ID:    func(ref *reference) string { return ref.Number },
		Serve: fakeapi.OpList,
		View:  func(op fakeapi.Ops, ref reference) any { return ref.operation() },
		Filters: map[string]func(*reference, string) bool{
			"type": func(ref *reference, v string) bool { return v == "STORE" && ref.Paid },
		},
	}, listing{
		refusal: "type debe ser ECOMMERCE o STORE",
		check:   func(q url.Values) bool { return q.Get("type") == "STORE" || q.Get("type") == "ECOMMERCE" },
		result: func(r *http.Request, p *fakeapi.Page) any {
			out := map[string]any{"total": p.Total, "operations": p.Items}
			if r.URL.Query().Get("type") != "STORE" {
				return out
			}
			// The totals cover every paid reference, not the page; they are
			// read apart from it, so a reference paid meanwhile may count
			// in them before it is listed.
			var sales, transfers int64
			for _, ref := range s.refs.Select(func(ref *reference) bool { return ref.Paid }) {
				if ref.Kind == "cash" {
					sales += ref.Amount
				} else {
					transfers += ref.Amount
				}
			}
			out["sales"], out["transferences"] = wire.FormatCents(sales), wire.FormatCents(transfers)
			out["commissions"] = map[string]any{"amount": "0.00", "currency": "MXN"}
			return out
		},
	}, nil)
}

// paidReference returns the paid reference whose operation is tx, nil
// when there is none.
func (s *Server) paidReference(tx string) *reference {
	paid := s.refs.Select(func(ref *reference) bool { return ref.Paid && ref.Transaction == tx })
	if len(paid) != 1 {
		return nil
	}
	return &paid[0]
}

func (s *Server) account() map[string]any {
	return map[string]any{
		"first_name": "Comercio", "last_name": "De Pruebas", "surname": "", "email": "pruebas@example.mx",
		"username": "pruebas", "active": true, "rfc": "XAXX010101000", "create_time": "2016-06-17T10:11:28-05:00",
		"address": []any{}, "phones": []any{}, "ecommerce": true, "trustLevel": 1, "company": map[string]any{},
		"fixedCommission": "0.00", "variableCommission": "0.00", "hoursReversal": 24,
		"clabe": "646180157000000004", "thirdparty_accounts": []any{}, "automatic_withdrawal": false,
	}
}

func (s *Server) accountInfo(w http.ResponseWriter, r *http.Request) { s.ok(w, s.account()) }

// funds answers GET /v1/funds: the approved card charges not reversed and
// the paid references, all available at once.
func (s *Server) funds(w http.ResponseWriter, r *http.Request) {
	var total int64
	for _, op := range s.ops.Select(func(op *operation) bool { return !op.Reversed }) {
		total += op.Amount
	}
	for _, ref := range s.refs.Select(func(ref *reference) bool { return ref.Paid }) {
		total += ref.Amount
	}
	t := wire.FormatCents(total)
	s.ok(w, map[string]any{"total_funds": t, "available_funds": t, "total_withdrawal": "0.00", "pending_funds": "0.00",
		"commission": map[string]any{"amount": "0.00", "iva": "0.00", "total": "0.00"}, "currency": "MXN",
		"timestamp": s.now().Format(tsLayout), "monthly_sales": []any{}})
}

type webhook struct{ URL string }

// updateWebhook answers PUT /v1/webhook/{id} {"url"}: the URL is stored
// and becomes the notification URL (DeliverWebhooks) of each paid
// reference; the answer is the account object, as Sr. Pago's page shows.
func (s *Server) updateWebhook(w http.ResponseWriter, r *http.Request) {
	var b struct {
		URL string `json:"url"`
	}
	if err := fakeapi.ReadJSON(r, &b, false); err != nil {
		s.invalidParam(w, "JSON inválido")
		return
	}
	u, err := url.Parse(b.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		s.invalidParam(w, "url inválida")
		return
	}
	s.hooks.Put(r.PathValue("id"), &webhook{URL: b.URL})
	s.DeliverWebhooks(b.URL)
	s.ok(w, s.account())
}

// NotificationURL returns the URL set for the webhook id, "" when none.
func (s *Server) NotificationURL(id string) string {
	h, _ := s.hooks.Snapshot(id)
	return h.URL
}
