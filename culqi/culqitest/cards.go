package culqitest

import (
	"net/http"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// declareCards declares /v2/cards: read, listed, annotated with metadata
// and deleted as any resource; saved by Culqi's rules below, as saving a
// card validates it with a charge (declined for a decline card).
func (s *Server) declareCards() {
	s.cards = s.declare(fakeapi.Resource[object]{
		Name: "card", Label: "la tarjeta", Path: "/v2/cards", IDPrefix: "crd_test_",
		Serve:   fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Update:  patchFields(),
		Filters: filters(),
	})
	s.route("POST /v2/cards", s.createCard)
}

// invalidPayloadMessage is Culqi's answer to an id in the payload that
// names nothing, as an integration guide reports it.
const invalidPayloadMessage = "Petición invalida, verifica los parámetros del payload"

func (s *Server) createCard(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	custID, tokID := str(b, "customer_id"), str(b, "token_id")
	md, err := metadata(b)
	if err != nil {
		s.answer(w, err)
		return
	}
	if _, found := s.custs.Get(custID); !found {
		// Culqi answers a customer_id that names no customer with 401 and
		// this message alone, no param (see the package doc).
		s.fail(w, http.StatusUnauthorized, culqi.ErrorTypeAuthentication, "", "", invalidPayloadMessage, "")
		return
	}
	tok, found := s.tokObjs.Get(tokID)
	if !found {
		s.fail(w, 404, culqi.ErrorTypeResource, "", "token_id", "El token "+tokID+" no existe.", "")
		return
	}
	if str(tok, "type") == "yape" {
		s.badParam(w, "token_id", "Un token Yape no puede guardarse como tarjeta.")
		return
	}
	if threeDSNeeded(s, tokID, str(tok, "email"), b) {
		s.review(w)
		return
	}
	pan, why := s.useToken(tokID)
	if why != "" {
		s.fail(w, 404, culqi.ErrorTypeResource, "", "token_id", why, "")
		return
	}
	validate := true
	if v, ok := b["validate"].(bool); ok {
		validate = v
	}
	if decline := declineOf(pan, b); decline != "" && validate {
		ch := s.newCharge(100, culqi.CurrencyPEN, str(tok, "email"), "Validacion de tarjeta", 0, true, tok, object{}, decline)
		s.declined(w, 400, str(ch, "id"), decline)
		return
	}
	id := s.cards.NewID()
	c := object{"object": "card", "id": id, "active": true, "creation_date": s.nowMS(), "customer_id": custID,
		"source": tok, "metadata": md}
	out := s.cards.Put(&c)
	s.event("card.creation.succeeded", out)
	s.reply(w, 201, out)
}
