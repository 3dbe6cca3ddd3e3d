package culqitest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// declareCharges declares /v2/charges: read, listed and annotated with
// metadata as any resource; created and captured by Culqi's rules below
// (test cards, 3-D Secure, installments), as they move money.
func (s *Server) declareCharges() {
	s.charges = s.declare(fakeapi.Resource[object]{
		Name: "charge", Label: "el cargo", Path: "/v2/charges", IDPrefix: "chr_test_",
		Serve:   fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate,
		Update:  patchFields(),
		Filters: filters("email", "currency_code", "amount"),
	})
	s.route("POST /v2/charges", s.createCharge)
	s.route("POST /v2/charges/{id}/capture", s.capture)
}

// badParam answers input refused, naming the field, for a hand-written
// route.
func (s *Server) badParam(w http.ResponseWriter, field, msg string) {
	s.answer(w, paramErr(field, msg))
}

var declineText = map[string][2]string{
	culqi.DeclineStolenCard:             {"Tarjeta robada. La tarjeta fue reportada como robada.", "Su tarjeta fue rechazada. Comuníquese con su banco."},
	culqi.DeclineLostCard:               {"Tarjeta perdida. La tarjeta fue reportada como perdida.", "Su tarjeta fue rechazada. Comuníquese con su banco."},
	culqi.DeclineInsufficientFunds:      {"Fondos insuficientes. La tarjeta no tiene fondos suficientes.", "Su tarjeta no tiene fondos suficientes."},
	culqi.DeclineContactIssuer:          {"Contactar al emisor. La operación fue denegada por el banco emisor.", "Su tarjeta fue rechazada. Comuníquese con su banco."},
	culqi.DeclineIncorrectCVV:           {"CVV incorrecto.", "El código de seguridad de su tarjeta es incorrecto."},
	culqi.DeclineIssuerNotAvailable:     {"Emisor no disponible. El banco no responde.", "Intente nuevamente en unos minutos."},
	culqi.DeclineIssuerDeclineOperation: {"Operación denegada por el emisor.", "Su tarjeta fue rechazada. Comuníquese con su banco."},
	culqi.DeclineInvalidCard:            {"Tarjeta inválida para este tipo de compra.", "Su tarjeta no permite este tipo de compra."},
	culqi.DeclineProcessingError:        {"Error de procesamiento.", "Ocurrió un error. Intente nuevamente."},
	culqi.DeclineFraudulent:             {"Operación sospechosa de fraude.", "Su tarjeta fue rechazada. Comuníquese con su banco."},
}

// source resolves a charge source to its PAN (tokens, card or Yape, are
// consumed; a Yape token has no PAN).
func (s *Server) source(w http.ResponseWriter, id string) (pan string, src object, ok bool) {
	switch {
	case strings.HasPrefix(id, "tkn_"), strings.HasPrefix(id, "ype_"):
		pan, why := s.useToken(id)
		if why != "" {
			s.fail(w, 404, culqi.ErrorTypeResource, "", "source_id", why, "")
			return "", nil, false
		}
		tok, _ := s.tokObjs.Get(id)
		return pan, tok, true
	case strings.HasPrefix(id, "crd_"):
		c, found := s.cards.Get(id)
		if !found {
			s.fail(w, 404, culqi.ErrorTypeResource, "", "source_id", "La tarjeta "+id+" no existe.", "")
			return "", nil, false
		}
		if c["active"] == false {
			s.fail(w, 404, culqi.ErrorTypeResource, "", "source_id", inactiveCard(id), "")
			return "", nil, false
		}
		src, _ := c["source"].(object)
		s.mu.Lock()
		st := s.tokens[str(src, "id")]
		s.mu.Unlock()
		if st != nil {
			pan = st.pan
		}
		return pan, src, true
	}
	s.badParam(w, "source_id", "El source_id debe ser un token, una tarjeta o un token Yape.")
	return "", nil, false
}

// inactiveCard is the message refusing a saved card whose customer was
// deleted.
func inactiveCard(id string) string {
	return "La tarjeta " + id + " no está activa: su cliente fue eliminado."
}

func (s *Server) review(w http.ResponseWriter) {
	s.reply(w, 200, object{"action_code": culqi.ActionCodeReview, "user_message": "Se requiere autenticación 3DS.",
		"merchant_message": "Se requiere autenticación 3DS para completar la operación."})
}

func (s *Server) newCharge(amount int64, currency, email, description string, installments int64, capture bool,
	src object, md object, decline string) object {
	now := s.nowMS()
	id := s.charges.NewID()
	variable := amount * 399 / 10000
	taxes := variable * 18 / 100
	ch := object{
		"duplicated": false, "object": "charge", "id": id, "creation_date": now, "amount": amount,
		"amount_refunded": int64(0), "current_amount": amount, "installments": max(installments, 1),
		"installments_amount": amount / max(installments, 1), "currency_code": currency, "email": email,
		"description": description, "source": src,
		"outcome": object{"type": culqi.OutcomeSuccess, "code": "AUT0000",
			"merchant_message": "La operación de venta ha sido autorizada exitosamente",
			"user_message":     "Su compra ha sido exitosa."},
		"fraud_score": 6.0, "dispute": false, "capture": capture,
		"reference_code": fakeapi.NewID("", 10), "authorization_code": fakeapi.NewID("", 6),
		"metadata": md, "total_fee": variable + taxes,
		"fee_details":     object{"fixed_fee": object{}, "variable_fee": object{"currency_code": currency, "commision": 0.0399, "total": variable}},
		"total_fee_taxes": taxes, "transfer_amount": amount - variable - taxes, "paid": false,
		"statement_descriptor": "CULQI*", "transfer_id": nil, "capture_date": nil, "operations": []object{},
	}
	if capture {
		// Read later, a charge captured at creation carries its creation
		// date, as recorded; the answer to the creation does not (see
		// answered).
		ch["capture_date"] = now
	}
	if decline != "" {
		// A declined charge as Culqi's recorded charge lists show it:
		// no email, capture or capture_date, no fees, no statement
		// descriptor, the installments as sent and no installment amount;
		// it keeps its fraud score, codes and duplicated flag.
		txt := declineText[decline]
		ch["outcome"] = object{"type": culqi.OutcomeCardError, "code": "card_declined", "decline_code": decline,
			"merchant_message": txt[0], "user_message": txt[1]}
		for _, k := range []string{"email", "capture", "capture_date", "total_fee", "total_fee_taxes", "transfer_amount",
			"installments_amount", "statement_descriptor"} {
			ch[k] = nil
		}
		ch["installments"] = installments
		ch["fraud_score"] = 46.0
		ch["fee_details"] = object{"fixed_fee": nil, "variable_fee": nil}
	}
	return s.charges.Put(&ch)
}

// answered is the charge as the answer to its creation or capture shows
// it: capture_date null, which Culqi fills in only afterwards (recorded:
// the capture answers capture: true and capture_date: null; the charge
// list then has the date).
func answered(ch object) object {
	ch["capture_date"] = nil
	return ch
}

func (s *Server) declined(w http.ResponseWriter, status int, chargeID, decline string) {
	txt := declineText[decline]
	s.reply(w, status, object{"object": "error", "type": culqi.ErrorTypeCard, "charge_id": chargeID,
		"code": "card_declined", "decline_code": decline, "merchant_message": txt[0], "user_message": txt[1]})
}

func (s *Server) createCharge(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	amount, okA := num(b, "amount")
	currency, email, description := str(b, "currency_code"), str(b, "email"), str(b, "description")
	installments, _ := num(b, "installments")
	switch {
	case !okA || amount < 100 || amount > 999900:
		s.fail(w, 422, culqi.ErrorTypeParameter, "invalid_amount", "amount",
			"El valor debe ser mayor o igual que '100' (1 Nuevo Sol) y menor o igual que '999900'.", "")
		return
	case currency != culqi.CurrencyPEN && currency != culqi.CurrencyUSD:
		s.badParam(w, "currency_code", "La moneda debe ser PEN o USD.")
		return
	case utf8.RuneCountInString(email) < 5 || utf8.RuneCountInString(email) > 50:
		s.badParam(w, "email", "El email debe tener entre 5 y 50 caracteres.")
		return
	case description != "" && (utf8.RuneCountInString(description) < 5 || utf8.RuneCountInString(description) > 80):
		s.badParam(w, "description", "La descripción debe tener entre 5 y 80 caracteres.")
		return
	}
	md, err := metadata(b)
	if err != nil {
		s.answer(w, err)
		return
	}
	capture := true
	if v, ok := b["capture"].(bool); ok {
		capture = v
	}
	srcID := str(b, "source_id")
	if installments < 0 || (installments > 1 && !s.installmentsAllowed(srcID, installments)) {
		s.badParam(w, "installments", fmt.Sprintf("La tarjeta no admite %d cuotas.", installments))
		return
	}
	if strings.HasPrefix(srcID, "tkn_") && threeDSNeeded(s, srcID, email, b) {
		s.review(w)
		return
	}
	pan, src, ok := s.source(w, srcID)
	if !ok {
		return
	}
	decline := declineOf(pan, b)
	ch := s.newCharge(amount, currency, email, description, installments, capture, src, md, decline)
	if decline != "" {
		s.event("charge.creation.failed", ch)
		s.declined(w, 402, str(ch, "id"), decline)
		return
	}
	delete(ch, "operations") // absent on a create response
	ch = answered(ch)
	s.event("charge.creation.succeeded", ch)
	s.reply(w, 201, ch)
}

// installmentsAllowed reports whether the IIN behind the charge source
// srcID allows n installments (Culqi's reference: one of the token's
// iin.installments_allowed). An unknown source passes, to fail as a source;
// a Yape token has no IIN and allows none. Culqi reads 0 as 1, a single
// payment, so only n above 1 is looked up.
func (s *Server) installmentsAllowed(srcID string, n int64) bool {
	var tok object
	if strings.HasPrefix(srcID, "crd_") {
		c, found := s.cards.Get(srcID)
		if !found {
			return true
		}
		tok, _ = c["source"].(object)
	} else {
		var found bool
		if tok, found = s.tokObjs.Get(srcID); !found {
			return true
		}
	}
	iin, _ := tok["iin"].(object)
	allowed, _ := iin["installments_allowed"].([]int)
	return slices.Contains(allowed, int(n))
}

// threeDSNeeded: a 3DS test card with the review email and no
// authentication_3DS yet.
func threeDSNeeded(s *Server, tokenID, email string, b object) bool {
	if email != ReviewEmail || b["authentication_3DS"] != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.tokens[tokenID]
	if st == nil || st.used {
		return false
	}
	_, is3DS := threeDSCards[st.pan]
	return is3DS
}

// declineOf is the decline_code a charge (or a card's validation charge)
// of pan gets, "" for none: a decline card's own, or
// ThreeDSFailedDeclineCode for a 3DS card whose authentication fails, sent
// with authentication_3DS all the same.
func declineOf(pan string, b object) string {
	if code := DeclineCards[pan]; code != "" {
		return code
	}
	if threeDSCards[pan] && b["authentication_3DS"] != nil {
		return ThreeDSFailedDeclineCode
	}
	return ""
}

func (s *Server) capture(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	out, found, err := s.charges.Update(id, func(o *object) error {
		switch {
		case (*o)["capture"] == nil:
			return invalid("El cargo fue denegado y no puede capturarse.")
		case (*o)["capture"] == true:
			return invalid("El cargo ya fue capturado.")
		}
		(*o)["capture"] = true
		(*o)["capture_date"] = s.nowMS()
		return nil
	})
	switch {
	case !found:
		s.charges.NotFound(w, r, id)
	case err != nil:
		s.answer(w, err)
	default:
		out = answered(out)
		s.event("charge.capture.succeeded", out)
		s.reply(w, 201, out)
	}
}
