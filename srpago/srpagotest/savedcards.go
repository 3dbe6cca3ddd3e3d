package srpagotest

import (
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// cardRec is a saved card ("crd_…") of a customer.
type cardRec struct {
	Token      string
	CustomerID string
	Card       cardInfo
}

// declareCards declares /v1/customer/{id}/cards: a card saved from a
// single-use token, read, listed whole (the list takes no paging) and
// deleted, each only through its own customer's path; an unknown customer
// is answered as the customer's 404. Deleting one counts it on the
// customer (deactivated_cards).
func (s *Server) declareCards() *fakeapi.Collection[cardRec] {
	return declare(s, fakeapi.Resource[cardRec]{
		Name: "card", Label: "Tarjeta", Path: "/v1/customer/{id}/cards", IDParam: "crd",
		NewID:        func() string { return "crd_" + fakeapi.NewHex(20) },
		ID:           func(cr *cardRec) string { return cr.Token },
		Serve:        fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpDelete,
		CreateStatus: 200,
		Create:       s.addCard,
		Scope:        func(r *http.Request, cr *cardRec) bool { return cr.CustomerID == r.PathValue("id") },
		View:         func(op fakeapi.Ops, cr cardRec) any { return cr.wire() },
		Deleted:      func(c *fakeapi.Call, cr cardRec) { s.ok(c.W, map[string]any{"token": cr.Token}) },
		Changed:      s.cardChanged,
	}, listing{unpaged: true}, &parent{
		param:  "id",
		exists: func(id string) bool { _, ok := s.customers.Store().Get(id); return ok },
		absent: func(w http.ResponseWriter, r *http.Request, id string) { s.customers.NotFound(w, r, id) },
	})
}

// cardChanged counts a deleted card on its customer (deactivated_cards)
// and drops a card saved for a customer deleted meanwhile: its hook found
// the customer, the deletion came before the card was stored and found
// no card to take. The card goes as if deleted with the customer.
func (s *Server) cardChanged(op fakeapi.Ops, cr cardRec) {
	switch op {
	case fakeapi.OpCreate:
		if _, ok := s.customers.Store().Get(cr.CustomerID); !ok {
			s.cards.Delete(cr.Token)
		}
	case fakeapi.OpDelete:
		s.customers.Update(cr.CustomerID, func(c *customer) error { c.Deleted++; return nil })
	}
}

// addCard saves the card of a single-use token on the path's customer;
// the body is read before the customer is looked for, and the token is
// spent only for a customer that exists.
func (s *Server) addCard(c *fakeapi.Call) (*cardRec, error) {
	var b struct {
		Token string `json:"token"`
	}
	if err := c.Decode(&b); err != nil {
		return nil, err
	}
	cus := c.R.PathValue("id")
	if _, ok := s.customers.Store().Get(cus); !ok {
		s.customers.NotFound(c.W, c.R, cus)
		return nil, fakeapi.ErrAnswered
	}
	info, err := s.useToken(b.Token)
	if err != nil {
		return nil, err
	}
	return &cardRec{Token: c.NewID(), CustomerID: cus, Card: info}, nil
}

// cardsOf returns the customer id's saved cards, in the order saved.
func (s *Server) cardsOf(id string) []cardRec {
	return s.cards.Select(func(cr *cardRec) bool { return cr.CustomerID == id })
}

func (cr *cardRec) wire() map[string]any {
	return map[string]any{
		"token": cr.Token, "holder_name": cr.Card.HolderName, "type": cardType(cr.Card.Number),
		"number": masked(cr.Card.Number), "cvv": "XXXX", "expiration": cr.Card.Expiration,
		"country_code": "MX", "bank_name": "VISA TEST", "funding": "CREDIT", "status": "chargeable",
	}
}

func masked(number string) string {
	if len(number) < 10 {
		return number
	}
	return number[:6] + strings.Repeat("X", len(number)-10) + number[len(number)-4:]
}

func cardType(number string) string {
	switch {
	case strings.HasPrefix(number, "4"):
		return "VISA"
	case strings.HasPrefix(number, "34"), strings.HasPrefix(number, "37"):
		return "AMEX"
	case len(number) > 1 && number[0] == '5' || strings.HasPrefix(number, "2"):
		return "MAST"
	}
	return "CRNT"
}
