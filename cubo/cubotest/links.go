package cubotest

import (
	"encoding/json"
	"maps"
	"net/http"
	"sort"
	"time"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/wire"
)

// transaction is a payment link with its transaction.
type transaction struct {
	Token             string
	Subscription      bool
	Installments      int
	Description       string
	Amount            int64
	RedirectURI       string
	Metadata          map[string]any
	Status            cubo.Status
	ReferenceID       string
	AuthorizationCode string
	ProcessedAt       time.Time
	seq               uint64
}

// declareLinks declares payment links: created at POST
// /api/v1/links/one-use (and /subscription, see createSubscriptionLink),
// their transaction read at GET /api/v1/transactions/{token}. Cubo serves
// nothing else on them.
func (s *Server) declareLinks(d *fakeapi.Dialect) *fakeapi.Collection[transaction] {
	return fakeapi.Declare(s.Server, d, fakeapi.Resource[transaction]{
		Name: "link", Label: "Transaction", Path: "/api/v1/links",
		CreatePath: "/api/v1/links/one-use", ItemPath: "/api/v1/transactions/{token}", IDParam: "token",
		NewID: newToken,
		ID:    func(t *transaction) string { return t.Token },
		Copy: func(t *transaction) transaction {
			out := *t
			out.Metadata = maps.Clone(t.Metadata)
			return out
		},
		Serve:  fakeapi.OpCreate | fakeapi.OpGet,
		Create: func(c *fakeapi.Call) (*transaction, error) { return s.newLink(c.Decode, c.NewID(), false) },
		View:   s.linkView,
		Metadata: func(t *transaction, key string) (string, bool) {
			v, ok := t.Metadata[key].(string)
			return v, ok
		},
	})
}

// createSubscriptionLink serves POST /api/v1/links/subscription, the
// links' second creation route, as the declared one serves the first:
// a declaration has a single creation path.
func (s *Server) createSubscriptionLink(w http.ResponseWriter, r *http.Request) {
	t, err := s.newLink(readBody(r), s.links.NewID(), true)
	if err != nil {
		s.links.Fail(w, r, err)
		return
	}
	fakeapi.WriteJSON(w, http.StatusCreated, s.linkView(fakeapi.OpCreate, s.links.Put(t)))
}

type linkFields struct {
	Description          json.RawMessage `json:"description"`
	Amount               json.RawMessage `json:"amount"`
	RedirectURI          json.RawMessage `json:"redirectUri"`
	Metadata             json.RawMessage `json:"metadata"`
	ClientName           json.RawMessage `json:"clientName"`
	ClientEmail          json.RawMessage `json:"clientEmail"`
	ClientPhone          json.RawMessage `json:"clientPhone"`
	MonthlyInstallmentID json.RawMessage `json:"monthlyInstallmentId"`
}

type subscriptionLinkFields struct {
	Description  json.RawMessage `json:"description"`
	Amount       json.RawMessage `json:"amount"`
	RedirectURI  json.RawMessage `json:"redirectUri"`
	Metadata     json.RawMessage `json:"metadata"`
	ClientName   json.RawMessage `json:"clientName"`
	ClientEmail  json.RawMessage `json:"clientEmail"`
	ClientPhone  json.RawMessage `json:"clientPhone"`
	Installments json.RawMessage `json:"installments"`
}

// newLink validates a link's creation, its body read by decode, and
// builds its pending transaction under token.
func (s *Server) newLink(decode func(any) error, token string, subscription bool) (*transaction, error) {
	var f subscriptionLinkFields
	if subscription {
		if err := decode(&f); err != nil {
			return nil, err
		}
	} else {
		var one linkFields
		if err := decode(&one); err != nil {
			return nil, err
		}
		f = subscriptionLinkFields{Description: one.Description, Amount: one.Amount, RedirectURI: one.RedirectURI,
			Metadata: one.Metadata, ClientName: one.ClientName, ClientEmail: one.ClientEmail, ClientPhone: one.ClientPhone}
		if len(one.MonthlyInstallmentID) > 0 {
			// Checked alone, before the other fields.
			var c checker
			c.integer("monthlyInstallmentId", one.MonthlyInstallmentID, false)
			if err := c.err(); err != nil {
				return nil, err
			}
		}
	}
	var c checker
	t := transaction{Token: token, Subscription: subscription, Status: StatusPending}
	t.Description = c.str("description", f.Description, true)
	t.Amount = c.integer("amount", f.Amount, true)
	t.RedirectURI = c.str("redirectUri", f.RedirectURI, subscription)
	c.str("clientName", f.ClientName, false)
	c.str("clientEmail", f.ClientEmail, false)
	c.str("clientPhone", f.ClientPhone, false)
	if subscription {
		t.Installments = int(c.integer("installments", f.Installments, true))
	}
	if len(f.Metadata) > 0 && string(f.Metadata) != "null" {
		if json.Unmarshal(f.Metadata, &t.Metadata) != nil {
			c.add("metadata must be an object")
		}
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	t.seq = s.seq.Add(1)
	return &t, nil
}

// linkView is what Cubo answers for a link: its checkout URL and token
// when created, its transaction when read.
func (s *Server) linkView(op fakeapi.Ops, t transaction) any {
	if op == fakeapi.OpCreate {
		return map[string]any{
			"cuboRedirectUri":    s.URL + "/checkout/" + t.Token,
			"paymentIntentToken": t.Token,
		}
	}
	return transactionJSON(&t)
}

// transactionJSON is a link's transaction as GET
// /api/v1/transactions/{token} answers it.
func transactionJSON(t *transaction) map[string]any {
	out := map[string]any{
		"status":             t.Status,
		"paymentIntentToken": t.Token,
		"currency":           Currency,
		"amount":             wire.FormatCents(t.Amount),
	}
	if t.Metadata != nil {
		out["metadata"] = t.Metadata
	}
	if !t.ProcessedAt.IsZero() {
		out["processedAt"] = t.ProcessedAt.Format(timeLayout)
	}
	if t.ReferenceID != "" {
		out["referenceId"] = t.ReferenceID
		out["authorizationCode"] = t.AuthorizationCode
	}
	return out
}

// Links returns the tokens of the links created so far, sorted.
func (s *Server) Links() []string {
	return tokens(s.links.All())
}

// LinksByMetadata returns the payment intent tokens, sorted, of the links
// whose metadata holds key with the string value. A link whose creation
// ended in ErrOutcomeUnknown may exist although the client never saw its
// token, and Cubo has no API to search links; this is the fake's stand-in
// for finding it in Cubo Admin. Once found, Transactions.Get reads it.
func (s *Server) LinksByMetadata(key, value string) []string {
	return tokens(s.links.WithMetadata(key, value))
}

func tokens(links []transaction) []string {
	out := make([]string, 0, len(links))
	for _, t := range links {
		out = append(out, t.Token)
	}
	sort.Strings(out)
	return out
}
