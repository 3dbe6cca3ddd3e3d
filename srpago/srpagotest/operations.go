package srpagotest

import (
	"net/http"
	"net/url"
	"time"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago"
)

// operation is an approved card charge, by its transaction id.
type operation struct {
	ID         string
	OrderID    string
	Reference  string
	Desc       string
	Amount     int64
	Time       time.Time
	AuthCode   string
	Card       cardInfo
	Reversed   bool
	Reversals  int
	InternalID string
}

// declareOperations declares GET /v1/operations: the approved card
// operations in charge order, as {"total", "operations"}, filtered by
// day (start_date, end_date: YYYY-MM-DD in Mexico City time), card_type
// and charge_method; any bad parameter is refused with one message. The
// operations are made by charges; one is read by getOperation.
func (s *Server) declareOperations() *fakeapi.Collection[operation] {
	day := func(op *operation) string { return op.Time.Format(time.DateOnly) }
	return declare(s, fakeapi.Resource[operation]{
		Name: "operation", Path: "/v1/operations",
		ID:    func(op *operation) string { return op.ID },
		Serve: fakeapi.OpList,
		View:  func(op fakeapi.Ops, o operation) any { return o.wire() },
		Filters: map[string]func(*operation, string) bool{
			"start_date":    func(op *operation, v string) bool { return day(op) >= v },
			"end_date":      func(op *operation, v string) bool { return day(op) <= v },
			"card_type":     func(op *operation, v string) bool { return cardType(op.Card.Number) == v },
			"charge_method": func(op *operation, v string) bool { return v == "CARD" },
		},
	}, listing{
		refusal: "Parámetros de búsqueda inválidos",
		check: func(q url.Values) bool {
			for _, k := range []string{"start_date", "end_date"} {
				if v := q.Get(k); v != "" {
					if _, err := time.Parse(time.DateOnly, v); err != nil {
						return false
					}
				}
			}
			return true
		},
		result: func(r *http.Request, p *fakeapi.Page) any {
			return map[string]any{"total": p.Total, "operations": p.Items}
		},
	}, nil)
}

func (o *operation) wire() map[string]any {
	n := o.Card.Number
	return map[string]any{
		"transaction": o.ID, "timestamp": o.Time.Format(tsLayout), "payment_method": "POS",
		"authorization_code": o.AuthCode, "status": "N",
		"reference":   map[string]any{"description": o.Desc, "number": o.Reference},
		"card":        map[string]any{"holder_name": o.Card.HolderName, "type": cardType(n), "number": n[len(n)-4:], "label": ""},
		"total":       map[string]any{"amount": wire.FormatCents(o.Amount), "currency": "MXN"},
		"tip":         map[string]any{"amount": "0.00", "currency": "MXN"},
		"origin":      map[string]any{"location": map[string]any{"latitude": 0, "longitude": 0}},
		"affiliation": "7209434", "transaction_type": "E",
		"url":           "https://sandbox-connect.srpago.com/recipe/" + o.InternalID,
		"hasDevolution": o.Reversed,
	}
}

// getOperation answers GET /v1/operations/{tx}, hand-written because a
// paid cash or SPEI reference is an operation too, and an unknown id is
// Sr. Pago's business error, not a 404.
func (s *Server) getOperation(w http.ResponseWriter, r *http.Request) {
	tx := r.PathValue("tx")
	if op, ok := s.ops.Get(tx); ok {
		s.ok(w, op.wire())
		return
	}
	if paid := s.paidReference(tx); paid != nil {
		s.ok(w, paid.operation())
		return
	}
	s.answer(w, refused(srpago.CodeInvalidTransaction, "La transacción no existe"))
}
