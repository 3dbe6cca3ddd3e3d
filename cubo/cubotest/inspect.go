package cubotest

import (
	"encoding/json"
	"sort"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Transactions returns every transaction the fake holds, as the cubo
// package's own type, in the order they were made: direct payments
// (approved or declined; Status, ReferenceID, AuthorizationCode,
// ProcessedAt, Amount and Currency set, no PaymentIntentToken since Cubo
// gives them none) and payment links' transactions (as Transactions.Get
// reads them, plus Amount in cents). Raw holds the JSON the API answered
// or would answer for it. Payments, PaymentsByDescription, Links and
// LinksByMetadata are older views of the same state.
func (s *Server) Transactions() []*cubo.Transaction {
	type made struct {
		seq uint64
		tx  *cubo.Transaction
	}
	var all []made
	for _, p := range s.Payments() {
		all = append(all, made{p.seq, paymentTransaction(p)})
	}
	for _, t := range s.links.All() {
		all = append(all, made{t.seq, linkTransaction(&t)})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].seq < all[j].seq })
	out := make([]*cubo.Transaction, len(all))
	for i, m := range all {
		out[i] = m.tx
	}
	return out
}

// Transaction returns the transaction whose PaymentIntentToken (a link's)
// or ReferenceID (an approved payment's) is id.
func (s *Server) Transaction(id string) (*cubo.Transaction, bool) {
	if id == "" {
		return nil, false
	}
	for _, t := range s.Transactions() {
		if t.PaymentIntentToken == id || t.ReferenceID == id {
			return t, true
		}
	}
	return nil, false
}

// TransactionsWithMetadata returns the payment links' transactions whose
// metadata holds key with the string value, in the order the links were
// made. Only links carry metadata on Cubo.
func (s *Server) TransactionsWithMetadata(key, value string) []*cubo.Transaction {
	var out []*cubo.Transaction
	for _, t := range s.links.WithMetadata(key, value) {
		out = append(out, linkTransaction(&t))
	}
	return out
}

// Link returns the payment link with token as the cubo package's own type
// (what Links.Create answered). Links lists the tokens.
func (s *Server) Link(token string) (*cubo.Link, bool) {
	t, ok := s.links.Get(token)
	if !ok {
		return nil, false
	}
	return fakeapi.As[cubo.Link](s.linkView(fakeapi.OpCreate, t)), true
}

// paymentTransaction is a direct payment as a cubo.Transaction.
func paymentTransaction(p Payment) *cubo.Transaction {
	raw := map[string]any{"status": p.Status}
	if p.Status == cubo.StatusSucceeded {
		raw["referenceId"] = p.ReferenceID
		raw["authorizationCode"] = p.AuthorizationCode
		raw["processedAt"] = p.ProcessedAt.Format(timeLayout)
	} else {
		raw = map[string]any{"statusCode": 400, "message": p.Message}
	}
	b, _ := json.Marshal(raw)
	tx := &cubo.Transaction{
		Status:            p.Status,
		ReferenceID:       p.ReferenceID,
		AuthorizationCode: p.AuthorizationCode,
		Currency:          Currency,
		Amount:            p.Amount,
		Raw:               b,
	}
	tx.ProcessedAt.Time = p.ProcessedAt
	return tx
}

// linkTransaction is a link's transaction as a cubo.Transaction.
func linkTransaction(t *transaction) *cubo.Transaction {
	return fakeapi.As[cubo.Transaction](transactionJSON(t))
}
