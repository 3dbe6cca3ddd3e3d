package culqitest

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

func (s *Server) routes() {
	s.route("POST /v2/tokens", s.createToken)
	s.route("POST /v2/tokens/yape", s.createYapeToken)
	s.route("GET /v2/tokens/{id}", s.getter(s.tokObjs, "token"))
	s.route("PATCH /v2/tokens/{id}", s.metadataPatcher(s.tokObjs))
	s.route("GET /v2/tokens", s.lister(s.tokObjs, "email"))

	s.route("POST /v2/charges", s.createCharge)
	s.route("GET /v2/charges/{id}", s.getter(s.charges, "charge"))
	s.route("PATCH /v2/charges/{id}", s.metadataPatcher(s.charges))
	s.route("POST /v2/charges/{id}/capture", s.capture)
	s.route("GET /v2/charges", s.lister(s.charges, "email", "currency_code", "amount"))

	s.route("POST /v2/refunds", s.createRefund)
	s.route("GET /v2/refunds/{id}", s.getter(s.refunds, "refund"))
	s.route("PATCH /v2/refunds/{id}", s.metadataPatcher(s.refunds))
	s.route("GET /v2/refunds", s.lister(s.refunds))

	s.route("POST /v2/customers", s.createCustomer)
	s.route("GET /v2/customers/{id}", s.getCustomer)
	s.route("PATCH /v2/customers/{id}", s.updateCustomer)
	s.route("DELETE /v2/customers/{id}", s.deleteCustomer)
	s.route("GET /v2/customers", s.lister(s.custs, "email"))

	s.route("POST /v2/cards", s.createCard)
	s.route("GET /v2/cards/{id}", s.getter(s.cards, "card"))
	s.route("PATCH /v2/cards/{id}", s.metadataPatcher(s.cards))
	s.route("DELETE /v2/cards/{id}", s.deleter(s.cards, "tarjeta"))
	s.route("GET /v2/cards", s.lister(s.cards))

	s.route("POST /v2/recurrent/plans/create", s.createPlan)
	s.route("GET /v2/recurrent/plans/{id}", s.getter(s.plans, "plan"))
	s.route("PATCH /v2/recurrent/plans/{id}", s.fieldPatcher(s.plans, "name", "short_name", "description", "status", "image"))
	s.route("DELETE /v2/recurrent/plans/{id}", s.deleter(s.plans, "plan"))
	s.route("GET /v2/recurrent/plans", s.lister(s.plans, "status"))

	s.route("POST /v2/recurrent/subscriptions/create", s.createSubscription)
	s.route("GET /v2/recurrent/subscriptions/{id}", s.getter(s.subs, "subscription"))
	s.route("PATCH /v2/recurrent/subscriptions/{id}", s.fieldPatcher(s.subs, "card_id"))
	s.route("DELETE /v2/recurrent/subscriptions/{id}", s.deleter(s.subs, "suscripción"))
	s.route("GET /v2/recurrent/subscriptions", s.lister(s.subs, "plan_id", "status"))

	s.route("POST /v2/orders", s.createOrder)
	s.route("POST /v2/orders/{id}/confirm", s.confirmOrder)
	s.route("POST /v2/orders/confirm", s.confirmOrderTypes)
	s.route("GET /v2/orders/{id}", s.getter(s.orders, "order"))
	s.route("PATCH /v2/orders/{id}", s.updateOrder)
	s.route("DELETE /v2/orders/{id}", s.deleteOrder)
	s.route("GET /v2/orders", s.lister(s.orders, "state"))

	s.route("GET /v2/events/{id}", s.getter(s.events, "event"))
	s.route("GET /v2/events", s.lister(s.events, "type"))

	s.route("GET /v2/iins/{id}", s.getter(s.iins, "iin"))
	s.route("GET /v2/iins", s.listerBy(s.iins, "bin"))

	s.route("GET /v2/transfers/{id}", s.getter(s.transfers, "transfer"))
	s.route("GET /v2/transfers", s.lister(s.transfers))

	s.legacyRoutes()
}

// route registers h for pattern, behind the decryption of encrypted
// bodies that Culqi applies to every endpoint.
func (s *Server) route(pattern string, h http.HandlerFunc) {
	s.Handle(pattern, s.decrypting(h))
}

// ---- helpers ----

func (s *Server) track(w http.ResponseWriter) {
	s.mu.Lock()
	s.tracking++
	n := s.tracking
	s.mu.Unlock()
	w.Header().Set("X-Culqi-Tracking-Id", strconv.FormatInt(n, 10))
	w.Header().Set("X-Culqi-Environment", "test")
	w.Header().Set("X-Culqi-Version", "2.0.0")
}

// contentType is the Content-Type of every answer in Culqi's recorded
// traffic, on both hosts and whatever the status.
const contentType = "application/json;charset=UTF-8"

func (s *Server) reply(w http.ResponseWriter, status int, v any) {
	s.track(w)
	fakeapi.WriteJSONAs(w, contentType, status, v)
}

func (s *Server) fail(w http.ResponseWriter, status int, typ, code, param, merchant, user string) {
	e := object{"object": "error", "type": typ, "merchant_message": merchant}
	if code != "" {
		e["code"] = code
	}
	if param != "" {
		e["param"] = param
	}
	if user != "" {
		e["user_message"] = user
	}
	s.reply(w, status, e)
}

func (s *Server) badParam(w http.ResponseWriter, param, msg string) {
	s.fail(w, 422, culqi.ErrorTypeParameter, "invalid_"+param, param, msg, "")
}

func (s *Server) notFound(w http.ResponseWriter, what string) {
	s.fail(w, 404, culqi.ErrorTypeResource, "", "", "No se encontró el "+what+" solicitado.", "")
}

func (s *Server) read(w http.ResponseWriter, r *http.Request) (object, bool) {
	var m object
	if err := fakeapi.ReadJSON(r, &m, false); err != nil || m == nil {
		s.fail(w, 400, culqi.ErrorTypeInvalidRequest, "", "", "El cuerpo de la petición no es un JSON válido.", "")
		return nil, false
	}
	return m, true
}

func str(m object, k string) string { v, _ := m[k].(string); return v }

func num(m object, k string) (int64, bool) {
	f, ok := m[k].(float64)
	if !ok || f != math.Trunc(f) {
		return 0, false
	}
	return int64(f), true
}

func clone(m object) object {
	out := make(object, len(m))
	for k, v := range m {
		if inner, ok := v.(object); ok {
			v = clone(inner)
		}
		out[k] = v
	}
	return out
}

// metadata validates a request's metadata and stringifies its values.
func metadata(m object) (object, string) {
	raw, ok := m["metadata"]
	if !ok || raw == nil {
		return object{}, ""
	}
	md, ok := raw.(object)
	if !ok {
		return nil, "metadata debe ser un objeto"
	}
	if len(md) > 20 {
		return nil, "metadata admite hasta 20 llaves"
	}
	out := object{}
	for k, v := range md {
		sv, ok := v.(string)
		if !ok {
			b, _ := json.Marshal(v)
			sv = string(b)
		}
		if utf8.RuneCountInString(k) > 30 || utf8.RuneCountInString(sv) > 200 {
			return nil, "metadata: llaves de hasta 30 y valores de hasta 200 caracteres"
		}
		out[k] = sv
	}
	return out, ""
}

// event records a change of state as Culqi's event of type typ about
// data, and delivers it to the DeliverWebhooks target, if any.
func (s *Server) event(typ string, data object) {
	id := fakeapi.NewID("evt_test_", 16)
	evt := object{"object": "event", "id": id, "type": typ, "creation_date": s.nowMS(), "data": clone(data)}
	s.deliver(typ, put(s.events, id, evt))
}

// put stores o under id and returns a copy to answer with, taken before
// the store shares o with other requests, which may Update it.
func put(st *fakeapi.Store[object], id string, o object) object {
	out := clone(o)
	st.Put(id, &o)
	return out
}

// copies returns copies of the objects keep passes, in insertion order,
// taken under the store's lock: Store.List hands back the live maps, which
// a concurrent Update may be writing while they are read.
func copies(st *fakeapi.Store[object], keep func(object) bool) []*object {
	var out []*object
	st.List(func(o *object) bool {
		if keep(*o) {
			c := clone(*o)
			out = append(out, &c)
		}
		return false
	})
	return out
}

func get(st *fakeapi.Store[object], id string) (object, bool) {
	var out object
	ok, _ := st.Update(id, func(o *object) error { out = clone(*o); return nil })
	return out, ok
}

func (s *Server) getter(st *fakeapi.Store[object], what string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		o, ok := get(st, r.PathValue("id"))
		if !ok {
			s.notFound(w, what)
			return
		}
		s.reply(w, 200, o)
	}
}

func (s *Server) metadataPatcher(st *fakeapi.Store[object]) http.HandlerFunc {
	return s.fieldPatcher(st)
}

// fieldPatcher merges metadata and sets the allowed fields.
func (s *Server) fieldPatcher(st *fakeapi.Store[object], fields ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, ok := s.read(w, r)
		if !ok {
			return
		}
		md, bad := metadata(body)
		if bad != "" {
			s.badParam(w, "metadata", bad)
			return
		}
		var out object
		found, _ := st.Update(r.PathValue("id"), func(o *object) error {
			cur, _ := (*o)["metadata"].(object)
			merged := object{}
			for k, v := range cur {
				merged[k] = v
			}
			for k, v := range md {
				merged[k] = v
			}
			(*o)["metadata"] = merged
			for _, f := range fields {
				if v, ok := body[f]; ok {
					(*o)[f] = v
				}
			}
			out = clone(*o)
			return nil
		})
		if !found {
			s.notFound(w, "recurso")
			return
		}
		s.reply(w, 200, out)
	}
}

func (s *Server) deleter(st *fakeapi.Store[object], what string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		if !st.Delete(id) {
			s.notFound(w, what)
			return
		}
		s.reply(w, 200, object{"id": id, "deleted": true, "merchant_message": "Se eliminó el " + what + " con ID " + id + " exitosamente."})
	}
}

// lister pages a store newest first, with the given equality filters and
// creation_date_from/to (Unix seconds or milliseconds).
func (s *Server) lister(st *fakeapi.Store[object], filters ...string) http.HandlerFunc {
	return s.listerBy(st, "id", filters...)
}

// listerBy is lister for a store whose objects are identified, in the
// cursors too, by the field key (the BIN of an IIN).
func (s *Server) listerBy(st *fakeapi.Store[object], key string, filters ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		limit := 50
		if v := q.Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 100 {
				s.badParam(w, "limit", "El valor de limit debe estar entre 1 y 100.")
				return
			}
			limit = n
		}
		from, to := unixParam(q.Get("creation_date_from")), unixParam(q.Get("creation_date_to"))
		all := copies(st, func(o object) bool {
			for _, f := range filters {
				if want := q.Get(f); want != "" && fmt.Sprint(o[f]) != want {
					return false
				}
			}
			created, _ := o["creation_date"].(int64)
			if created < 1e11 {
				created *= 1000
			}
			return (from == 0 || created >= from) && (to == 0 || created <= to)
		})
		slices.Reverse(all)
		idOf := func(o *object) string { return fmt.Sprint((*o)[key]) }
		var page []*object
		remaining := 0
		if before := q.Get("before"); before != "" {
			page, _ = fakeapi.Before(all, idOf, before, limit)
			// remaining_items counts the older objects past the page,
			// whichever way it was paged.
			if n := len(page); n > 0 {
				remaining = len(all) - 1 - slices.Index(all, page[n-1])
			}
		} else {
			page, remaining = fakeapi.Cursor(all, idOf, q.Get("after"), limit)
		}
		data := make([]object, 0, len(page))
		for _, o := range page {
			data = append(data, *o)
		}
		paging := object{"previous": nil, "next": nil, "cursors": object{"before": nil, "after": nil}, "remaining_items": 0}
		if len(data) > 0 {
			first, last := fmt.Sprint(data[0][key]), fmt.Sprint(data[len(data)-1][key])
			base := s.URL + r.URL.Path + "?limit=" + strconv.Itoa(limit)
			// Like Culqi, next stays set even on the last page.
			paging = object{"previous": base + "&before=" + first, "next": base + "&after=" + last,
				"cursors": object{"before": first, "after": last}, "remaining_items": remaining}
			switch remainingSent[r.URL.Path] {
			case remainingNull:
				paging["remaining_items"] = nil
			case remainingZero:
				paging["remaining_items"] = 0
			}
		}
		s.reply(w, 200, object{"data": data, "paging": paging})
	}
}

// How a list reports paging.remaining_items on a page with data, by route,
// as Culqi's recorded traffic shows: customers, refunds and IINs send
// null, tokens 0 even on a full page with more behind it; the others count
// what lies past the page. An empty page has 0 everywhere.
const (
	remainingCount = iota
	remainingNull
	remainingZero
)

var remainingSent = map[string]int{
	"/v2/customers": remainingNull, "/v2/refunds": remainingNull, "/v2/iins": remainingNull,
	"/v2/tokens": remainingZero,
}

func unixParam(v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	if n < 1e11 {
		n *= 1000
	}
	return n
}

// ---- tokens ----

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	pan, cvv := str(b, "card_number"), str(b, "cvv")
	month, _ := strconv.Atoi(str(b, "expiration_month"))
	year, _ := strconv.Atoi(str(b, "expiration_year"))
	email := str(b, "email")
	now := s.Now()
	switch {
	case !digits(pan) || len(pan) < 13 || len(pan) > 19 || !card.LuhnValid(pan):
		s.badParam(w, "card_number", "El número de tarjeta no es válido.")
		return
	case !digits(cvv) || len(cvv) < 3 || len(cvv) > 4:
		s.badParam(w, "cvv", "El CVV no es válido.")
		return
	case month < 1 || month > 12:
		s.badParam(w, "expiration_month", "El mes de expiración no es válido.")
		return
	case year < now.Year() || (year == now.Year() && month < int(now.Month())):
		s.badParam(w, "expiration_year", "La tarjeta está vencida.")
		return
	case utf8.RuneCountInString(email) < 5 || utf8.RuneCountInString(email) > 50 || !strings.Contains(email, "@"):
		s.badParam(w, "email", "El email no es válido.")
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	id := fakeapi.NewID("tkn_test_", 16)
	tok := object{
		"object": "token", "id": id, "type": "card", "creation_date": s.nowMS(), "email": email,
		"card_number": pan[:6] + strings.Repeat("*", len(pan)-10) + pan[len(pan)-4:], "last_four": pan[len(pan)-4:],
		"active": true,
		"iin":    s.addIIN(pan),
		"client": object{"ip": "127.0.0.1", "ip_country": "Peru", "ip_country_code": "PE", "browser": "UNKNOWN",
			"device_fingerprint": nil, "device_type": "Escritorio"},
		"metadata": md,
	}
	s.mu.Lock()
	s.tokens[id] = &tokenState{pan: pan}
	s.mu.Unlock()
	out := put(s.tokObjs, id, tok)
	// The token host sends no X-Culqi headers, and an invalid Content-Encoding.
	w.Header().Set("Content-Encoding", "UTF-8")
	fakeapi.WriteJSONAs(w, contentType, 201, out)
}

// createYapeToken makes a Yape token (ype_…), a single-use charge source
// with no card behind it. Culqi has not published the answer's shape: the
// fake answers a token of type "yape".
func (s *Server) createYapeToken(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	phone, otp := str(b, "number_phone"), str(b, "otp")
	amount, err := strconv.ParseInt(str(b, "amount"), 10, 64)
	switch {
	case !digits(phone) || len(phone) != 9:
		s.badParam(w, "number_phone", "El número de teléfono debe tener 9 dígitos.")
		return
	case !digits(otp) || len(otp) != 6:
		s.badParam(w, "otp", "El código de aprobación debe tener 6 dígitos.")
		return
	case err != nil || amount <= 0:
		s.fail(w, 422, culqi.ErrorTypeParameter, "invalid_amount", "amount", "El monto debe ser un número entero positivo en texto.", "")
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	id := fakeapi.NewID("ype_test_", 16)
	tok := object{"object": "token", "id": id, "type": "yape", "creation_date": s.nowMS(), "active": true, "metadata": md}
	s.mu.Lock()
	s.tokens[id] = &tokenState{}
	s.mu.Unlock()
	out := put(s.tokObjs, id, tok)
	// The token host sends no X-Culqi headers, and an invalid Content-Encoding.
	w.Header().Set("Content-Encoding", "UTF-8")
	fakeapi.WriteJSONAs(w, contentType, 201, out)
}

// useToken marks a token used and returns its PAN (empty for a Yape
// token); why says why it cannot be used.
func (s *Server) useToken(id string) (pan string, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.tokens[id]
	switch {
	case !ok:
		return "", "El token " + id + " no existe."
	case st.used:
		return "", "El token " + id + " ya fue usado."
	}
	// A used token still reads active: true, as in every recorded charge
	// and card made from one; the fake refuses it all the same.
	st.used = true
	return st.pan, ""
}

// ---- charges ----

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
		tok, _ := get(s.tokObjs, id)
		return pan, tok, true
	case strings.HasPrefix(id, "crd_"):
		c, found := get(s.cards, id)
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
	id := fakeapi.NewID("chr_test_", 16)
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
	return put(s.charges, id, ch)
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
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
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
		c, found := get(s.cards, srcID)
		if !found {
			return true
		}
		tok, _ = c["source"].(object)
	} else {
		var found bool
		if tok, found = get(s.tokObjs, srcID); !found {
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
	var out object
	var why string
	found, _ := s.charges.Update(id, func(o *object) error {
		switch {
		case (*o)["capture"] == nil:
			why = "El cargo fue denegado y no puede capturarse."
		case (*o)["capture"] == true:
			why = "El cargo ya fue capturado."
		default:
			(*o)["capture"] = true
			(*o)["capture_date"] = s.nowMS()
		}
		out = clone(*o)
		return nil
	})
	switch {
	case !found:
		s.notFound(w, "cargo")
	case why != "":
		s.fail(w, 400, culqi.ErrorTypeInvalidRequest, "", "", why, "")
	default:
		out = answered(out)
		s.event("charge.capture.succeeded", out)
		s.reply(w, 201, out)
	}
}

// ---- refunds ----

var reasonText = map[string]string{
	culqi.ReasonDuplicate:       "Duplicado",
	culqi.ReasonFraudulent:      "Fraudulento",
	culqi.ReasonCustomerRequest: "Devolución solicitada por el comercio",
}

func (s *Server) createRefund(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	amount, okA := num(b, "amount")
	chargeID, reason := str(b, "charge_id"), str(b, "reason")
	if !okA || amount <= 0 {
		s.fail(w, 422, culqi.ErrorTypeParameter, "invalid_amount", "amount", "El monto a devolver no es válido.", "")
		return
	}
	if reasonText[reason] == "" {
		s.badParam(w, "reason", "La razón debe ser duplicado, fraudulento o solicitud_comprador.")
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	id := fakeapi.NewID("ref_test_", 16)
	now := s.nowMS()
	var why string
	found, _ := s.charges.Update(chargeID, func(o *object) error {
		cur, _ := (*o)["current_amount"].(int64)
		switch {
		case (*o)["capture"] == nil:
			why = "El cargo fue denegado y no puede devolverse."
		case amount > cur:
			why = fmt.Sprintf("El monto a devolver (%d) supera el monto disponible del cargo (%d).", amount, cur)
		default:
			refunded, _ := (*o)["amount_refunded"].(int64)
			(*o)["amount_refunded"] = refunded + amount
			(*o)["current_amount"] = cur - amount
			ops, _ := (*o)["operations"].([]object)
			(*o)["operations"] = append(slices.Clone(ops), object{"type": "devolución", "id": id, "creation_date": now,
				"amount": amount, "operation_id": int64(len(ops) + 1), "fixed_fee": nil, "variable_fee": nil,
				"total_fee_taxes": nil, "transfer_amount": nil})
		}
		return nil
	})
	switch {
	case !found:
		s.fail(w, 404, culqi.ErrorTypeResource, "", "charge_id", "El cargo "+chargeID+" no existe.", "")
		return
	case why != "":
		s.fail(w, 422, culqi.ErrorTypeParameter, "invalid_amount", "amount", why, "")
		return
	}
	ref := object{"object": "refund", "id": id, "charge_id": chargeID, "creation_date": now, "amount": amount,
		"reason": reasonText[reason], "metadata": md}
	out := put(s.refunds, id, ref)
	s.event("refund.creation.succeeded", out)
	s.reply(w, 201, out)
}

// ---- customers ----

var customerFields = [][3]any{
	{"first_name", 2, 50}, {"last_name", 2, 50}, {"email", 5, 50}, {"address", 2, 50},
	{"address_city", 2, 50}, {"country_code", 2, 2}, {"phone_number", 5, 15},
}

func (s *Server) checkCustomerFields(w http.ResponseWriter, b object, required bool) bool {
	for _, f := range customerFields {
		name, lo, hi := f[0].(string), f[1].(int), f[2].(int)
		v, present := b[name]
		sv, _ := v.(string)
		if !present && !required {
			continue
		}
		if n := utf8.RuneCountInString(sv); n < lo || n > hi {
			s.badParam(w, name, fmt.Sprintf("El campo %s debe tener entre %d y %d caracteres.", name, lo, hi))
			return false
		}
	}
	return true
}

func antifraud(b object) object {
	return object{"first_name": str(b, "first_name"), "last_name": str(b, "last_name"), "address": str(b, "address"),
		"address_city": str(b, "address_city"), "country_code": str(b, "country_code"), "phone": str(b, "phone_number"),
		"object": "client"}
}

func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok || !s.checkCustomerFields(w, b, true) {
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	id := fakeapi.NewID("cus_test_", 16)
	c := object{"object": "customer", "id": id, "creation_date": s.nowMS(), "email": str(b, "email"),
		"antifraud_details": antifraud(b), "metadata": md}
	out := put(s.custs, id, c)
	s.event("customer.creation.succeeded", out)
	s.reply(w, 201, out)
}

func (s *Server) getCustomer(w http.ResponseWriter, r *http.Request) {
	c, ok := get(s.custs, r.PathValue("id"))
	if !ok {
		s.notFound(w, "cliente")
		return
	}
	s.reply(w, 200, s.withCards(c))
}

func (s *Server) withCards(c object) object {
	cards := []object{}
	for _, cd := range copies(s.cards, func(o object) bool { return o["customer_id"] == c["id"] }) {
		cards = append(cards, *cd)
	}
	c["cards"] = cards
	return c
}

// deleteCustomer deletes a customer and cancels what depends on it
// (as Culqi documents): its saved cards stay on record but turn inactive, so
// they charge no more, and the subscriptions on them are cancelled.
func (s *Server) deleteCustomer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !s.custs.Delete(id) {
		s.notFound(w, "cliente")
		return
	}
	var cardIDs []string
	for _, c := range copies(s.cards, func(o object) bool { return o["customer_id"] == id }) {
		cardIDs = append(cardIDs, str(*c, "id"))
	}
	for _, cardID := range cardIDs {
		s.cards.Update(cardID, func(o *object) error { (*o)["active"] = false; return nil })
	}
	for _, sub := range copies(s.subs, func(o object) bool { return slices.Contains(cardIDs, str(o, "card_id")) }) {
		s.subs.Delete(str(*sub, "id"))
	}
	s.reply(w, 200, object{"id": id, "deleted": true, "merchant_message": "Se eliminó el cliente con ID " + id + " exitosamente."})
}

func (s *Server) updateCustomer(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok || !s.checkCustomerFields(w, b, false) {
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	var out object
	found, _ := s.custs.Update(r.PathValue("id"), func(o *object) error {
		af, _ := (*o)["antifraud_details"].(object)
		af = clone(af)
		for k, v := range b {
			switch k {
			case "email":
				(*o)["email"] = v
			case "phone_number":
				af["phone"] = v
			case "first_name", "last_name", "address", "address_city", "country_code":
				af[k] = v
			}
		}
		(*o)["antifraud_details"] = af
		merged := clone((*o)["metadata"].(object))
		for k, v := range md {
			merged[k] = v
		}
		(*o)["metadata"] = merged
		out = clone(*o)
		return nil
	})
	if !found {
		s.notFound(w, "cliente")
		return
	}
	s.reply(w, 200, out)
}

// ---- cards ----

// invalidPayloadMessage is Culqi's answer to an id in the payload that
// names nothing, as an integration guide reports it.
const invalidPayloadMessage = "Petición invalida, verifica los parámetros del payload"

func (s *Server) createCard(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	custID, tokID := str(b, "customer_id"), str(b, "token_id")
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	if _, found := get(s.custs, custID); !found {
		// Culqi answers a customer_id that names no customer with 401 and
		// this message alone, no param (see the package doc).
		s.fail(w, http.StatusUnauthorized, culqi.ErrorTypeAuthentication, "", "", invalidPayloadMessage, "")
		return
	}
	tok, found := get(s.tokObjs, tokID)
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
	id := fakeapi.NewID("crd_test_", 16)
	c := object{"object": "card", "id": id, "active": true, "creation_date": s.nowMS(), "customer_id": custID,
		"source": tok, "metadata": md}
	out := put(s.cards, id, c)
	s.event("card.creation.succeeded", out)
	s.reply(w, 201, out)
}

// ---- plans and subscriptions ----

func (s *Server) createPlan(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	amount, okA := num(b, "amount")
	unit, _ := num(b, "interval_unit_time")
	count, okC := num(b, "interval_count")
	cycles, _ := b["initial_cycles"].(object)
	switch {
	case str(b, "name") == "" || str(b, "short_name") == "" || str(b, "description") == "":
		s.badParam(w, "name", "name, short_name y description son obligatorios.")
		return
	case !okA || amount <= 0:
		s.fail(w, 422, culqi.ErrorTypeParameter, "invalid_amount", "amount", "El monto no es válido.", "")
		return
	case str(b, "currency") != culqi.CurrencyPEN && str(b, "currency") != culqi.CurrencyUSD:
		s.badParam(w, "currency", "La moneda debe ser PEN o USD.")
		return
	case unit < 1 || unit > 6:
		s.badParam(w, "interval_unit_time", "interval_unit_time debe estar entre 1 y 6.")
		return
	case !okC || count < 0 || count > 9999:
		s.badParam(w, "interval_count", "interval_count es obligatorio y debe estar entre 0 y 9999.")
		return
	case cycles == nil:
		s.badParam(w, "initial_cycles", "initial_cycles es obligatorio.")
		return
	}
	if why := checkInitialCycles(cycles); why != "" {
		s.badParam(w, "initial_cycles", why)
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	id := fakeapi.NewID("pln_test_", 16)
	p := object{"id": id, "name": str(b, "name"), "short_name": str(b, "short_name"), "description": str(b, "description"),
		"amount": amount, "currency": str(b, "currency"), "interval_unit_time": unit, "interval_count": count,
		"initial_cycles": b["initial_cycles"], "metadata": md, "total_subscriptions": int64(0), "status": int64(1),
		"creation_date": s.nowMS(), "slug": strings.ToLower(str(b, "short_name")), "image": str(b, "image")}
	s.reply(w, 201, put(s.plans, id, p))
}

// checkInitialCycles says what is wrong with a plan's initial_cycles, ""
// when nothing is (Culqi's SDK validators): count 0–9999, at least 1 with an
// initial charge; has_initial_charge a boolean; amount not negative. Its
// interval_unit_time is 1–6, or 0 when not set: the SDK sends zero
// InitialCycles for a plan without initial cycles, and no source says
// Culqi refuses that.
func checkInitialCycles(c object) string {
	count, okC := num(c, "count")
	charged, okH := c["has_initial_charge"].(bool)
	amount, okA := num(c, "amount")
	unit, okU := num(c, "interval_unit_time")
	switch {
	case !okH:
		return "initial_cycles.has_initial_charge es obligatorio."
	case !okC || count < 0 || count > 9999:
		return "initial_cycles.count debe estar entre 0 y 9999."
	case charged && count < 1:
		return "initial_cycles.count debe estar entre 1 y 9999 cuando has_initial_charge es true."
	case !okA || amount < 0:
		return "initial_cycles.amount no es válido."
	case !okU || unit < 0 || unit > 6:
		return "initial_cycles.interval_unit_time debe estar entre 1 y 6."
	}
	return ""
}

// subscribe runs the checks both subscription APIs make before creating
// one, and returns the saved card, the plan and the metadata: a saved,
// active card, valid metadata, an existing plan (in plans),
// whose subscriber count it then raises. It answers the error itself and
// reports false; nothing is counted for a refused subscription.
func (s *Server) subscribe(w http.ResponseWriter, b object, plans *fakeapi.Store[object], cardID, planID string) (card, plan, md object, ok bool) {
	card, found := get(s.cards, cardID)
	switch {
	case !found:
		s.fail(w, 404, culqi.ErrorTypeResource, "", "card_id", "La tarjeta "+cardID+" no existe.", "")
		return nil, nil, nil, false
	case card["active"] == false:
		s.fail(w, 404, culqi.ErrorTypeResource, "", "card_id", inactiveCard(cardID), "")
		return nil, nil, nil, false
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return nil, nil, nil, false
	}
	found, _ = plans.Update(planID, func(o *object) error {
		n, _ := (*o)["total_subscriptions"].(int64)
		(*o)["total_subscriptions"] = n + 1
		plan = clone(*o)
		return nil
	})
	if !found {
		s.fail(w, 404, culqi.ErrorTypeResource, "", "plan_id", "El plan "+planID+" no existe.", "")
		return nil, nil, nil, false
	}
	return card, plan, md, true
}

func (s *Server) createSubscription(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	if b["tyc"] != true {
		s.badParam(w, "tyc", "Debe aceptar los términos y condiciones (tyc).")
		return
	}
	cardID, planID := str(b, "card_id"), str(b, "plan_id")
	_, plan, md, ok := s.subscribe(w, b, s.plans, cardID, planID)
	if !ok {
		return
	}
	now := s.Now()
	id := fakeapi.NewID("sxn_test_", 16)
	sub := object{"id": id, "status": int64(1), "creation_date": now.UnixMilli(),
		"next_billing_date": now.AddDate(0, 1, 0).UnixMilli(), "current_period": int64(1),
		"trial_start": nil, "trial_end": nil, "active_card": cardID, "plan": plan, "plan_id": planID,
		"card_id": cardID, "periods": []object{}, "metadata": md}
	out := put(s.subs, id, sub)
	s.event("subscription.creation.succeeded", out)
	s.reply(w, 201, out)
}

// ---- orders (timestamps in seconds) ----

func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	amount, okA := num(b, "amount")
	exp, okE := num(b, "expiration_date")
	cd, _ := b["client_details"].(object)
	now := s.Now().Unix()
	switch {
	case !okA || amount <= 0:
		s.fail(w, 422, culqi.ErrorTypeParameter, "invalid_amount", "amount", "El monto no es válido.", "")
		return
	case str(b, "currency_code") != culqi.CurrencyPEN && str(b, "currency_code") != culqi.CurrencyUSD:
		s.badParam(w, "currency_code", "La moneda debe ser PEN o USD.")
		return
	case outside(str(b, "description"), 5, 80):
		s.badParam(w, "description", "La descripción debe tener entre 5 y 80 caracteres.")
		return
	case outside(str(b, "order_number"), 1, 36):
		s.badParam(w, "order_number", "El order_number es obligatorio y admite hasta 36 caracteres.")
		return
	case !okE || exp <= now:
		s.badParam(w, "expiration_date", "La fecha de expiración debe ser futura.")
		return
	case cd == nil:
		s.badParam(w, "client_details", "client_details es obligatorio.")
		return
	}
	if field, why := checkClientDetails(cd); field != "" {
		s.badParam(w, "client_details", "El campo client_details."+field+" "+why)
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	id := fakeapi.NewID("ord_test_", 16)
	o := object{"object": "order", "id": id, "amount": amount, "payment_code": nil, "currency_code": str(b, "currency_code"),
		"description": str(b, "description"), "order_number": str(b, "order_number"), "state": culqi.OrderCreated,
		"total_fee": nil, "net_amount": nil, "fee_details": nil, "creation_date": now, "expiration_date": exp,
		"updated_at": now, "paid_at": nil, "available_on": nil, "metadata": md}
	if b["confirm"] != false {
		o["state"], o["payment_code"] = culqi.OrderPending, paymentCode()
	}
	s.reply(w, 201, put(s.orders, id, o))
}

// clientDetailsFields are the payer fields every order needs, with their
// lengths (Culqi's SDK validators require all four).
var clientDetailsFields = []struct {
	name   string
	lo, hi int
}{{"first_name", 1, 50}, {"last_name", 1, 50}, {"email", 5, 50}, {"phone_number", 1, 15}}

// checkClientDetails names the first bad field of an order's
// client_details and says what is wrong with it; "" when all are good.
func checkClientDetails(cd object) (field, why string) {
	for _, f := range clientDetailsFields {
		v := str(cd, f.name)
		switch {
		case v == "":
			return f.name, "es obligatorio."
		case outside(v, f.lo, f.hi):
			return f.name, fmt.Sprintf("debe tener entre %d y %d caracteres.", f.lo, f.hi)
		case f.name == "email" && !strings.Contains(v, "@"):
			return f.name, "no es un email válido."
		}
	}
	return "", ""
}

// outside reports whether v's length in characters is not within lo..hi.
func outside(v string, lo, hi int) bool {
	n := utf8.RuneCountInString(v)
	return n < lo || n > hi
}

// paymentCode issues a CIP: nine digits, as Culqi's.
func paymentCode() string { return fakeapi.NewDigits(9) }

func (s *Server) confirmOrder(w http.ResponseWriter, r *http.Request) {
	s.confirm(w, r.PathValue("id"), func(o object) { o["payment_code"] = paymentCode() },
		func() { s.notFound(w, "orden") })
}

// confirm moves a created order to pending, set adding what the
// confirmation issues, and answers the order; missing answers for an
// unknown order.
func (s *Server) confirm(w http.ResponseWriter, id string, set func(object), missing func()) {
	var out object
	var why string
	found, _ := s.orders.Update(id, func(o *object) error {
		if (*o)["state"] != culqi.OrderCreated {
			why = "La orden no está en estado created."
			return nil
		}
		(*o)["state"], (*o)["updated_at"] = culqi.OrderPending, s.Now().Unix()
		set(*o)
		out = clone(*o)
		return nil
	})
	switch {
	case !found:
		missing()
	case why != "":
		s.fail(w, 400, culqi.ErrorTypeInvalidRequest, "", "", why, "")
	default:
		s.reply(w, 201, out)
	}
}

// confirmOrderTypes confirms an order for the payment types listed:
// "cip" issues a payment_code, "cuotealo" a Cuotéalo URL. Culqi has not
// published the whole vocabulary, so other types are accepted and only
// move the order to pending.
func (s *Server) confirmOrderTypes(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	id := str(b, "order_id")
	raw, _ := b["order_types"].([]any)
	var types []string
	for _, v := range raw {
		if t, ok := v.(string); ok && t != "" {
			types = append(types, t)
		}
	}
	if len(types) == 0 || len(types) != len(raw) {
		s.badParam(w, "order_types", "order_types debe ser una lista de tipos de pago.")
		return
	}
	s.confirm(w, id, func(o object) {
		if slices.Contains(types, "cip") {
			o["payment_code"] = paymentCode()
		}
		if slices.Contains(types, "cuotealo") {
			o["cuotealo"] = s.URL + "/cuotealo/" + id
		}
	}, func() { s.fail(w, 404, culqi.ErrorTypeResource, "", "order_id", "La orden "+id+" no existe.", "") })
}

func (s *Server) updateOrder(w http.ResponseWriter, r *http.Request) {
	b, ok := s.read(w, r)
	if !ok {
		return
	}
	md, bad := metadata(b)
	if bad != "" {
		s.badParam(w, "metadata", bad)
		return
	}
	exp, hasExp := num(b, "expiration_date")
	var out object
	var why string
	found, _ := s.orders.Update(r.PathValue("id"), func(o *object) error {
		if hasExp {
			cur, _ := (*o)["expiration_date"].(int64)
			if exp <= cur {
				why = "La nueva fecha de expiración debe ser posterior a la actual."
				return nil
			}
			(*o)["expiration_date"] = exp
		}
		merged := clone((*o)["metadata"].(object))
		for k, v := range md {
			merged[k] = v
		}
		(*o)["metadata"], (*o)["updated_at"] = merged, s.Now().Unix()
		out = clone(*o)
		return nil
	})
	switch {
	case !found:
		s.notFound(w, "orden")
	case why != "":
		s.badParam(w, "expiration_date", why)
	default:
		s.reply(w, 200, out)
	}
}

func (s *Server) deleteOrder(w http.ResponseWriter, r *http.Request) {
	var why string
	id := r.PathValue("id")
	found, _ := s.orders.Update(id, func(o *object) error {
		if st := (*o)["state"]; st != culqi.OrderCreated && st != culqi.OrderPending {
			why = "Solo se pueden eliminar órdenes en estado created o pending."
		}
		return nil
	})
	switch {
	case !found:
		s.notFound(w, "orden")
	case why != "":
		s.fail(w, 400, culqi.ErrorTypeInvalidRequest, "", "", why, "")
	default:
		s.orders.Delete(id)
		s.track(w)
		// Culqi labels even this empty answer as JSON, as recorded.
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(http.StatusNoContent)
	}
}
