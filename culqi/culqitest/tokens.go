package culqitest

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// declareTokens declares /v2/tokens: read, listed and annotated with
// metadata as any resource; created, from a card or from Yape, by the
// handlers below (the token host answers without Culqi's headers).
func (s *Server) declareTokens() {
	s.tokObjs = s.declare(fakeapi.Resource[object]{
		Name: "token", Label: "el token", Path: "/v2/tokens", IDPrefix: "tkn_test_",
		Serve:   fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate,
		Update:  patchFields(),
		Filters: filters("email"),
	})
	s.route("POST /v2/tokens", s.createToken)
	s.route("POST /v2/tokens/yape", s.createYapeToken)
}

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
	var err error
	switch {
	case !digits(pan) || len(pan) < 13 || len(pan) > 19 || !card.LuhnValid(pan):
		err = paramErr("card_number", "El número de tarjeta no es válido.")
	case !digits(cvv) || len(cvv) < 3 || len(cvv) > 4:
		err = paramErr("cvv", "El CVV no es válido.")
	case month < 1 || month > 12:
		err = paramErr("expiration_month", "El mes de expiración no es válido.")
	case year < now.Year() || (year == now.Year() && month < int(now.Month())):
		err = paramErr("expiration_year", "La tarjeta está vencida.")
	case utf8.RuneCountInString(email) < 5 || utf8.RuneCountInString(email) > 50 || !strings.Contains(email, "@"):
		err = paramErr("email", "El email no es válido.")
	}
	md, mdErr := metadata(b)
	if err = cmp.Or(err, mdErr); err != nil {
		s.answer(w, err)
		return
	}
	id := s.tokObjs.NewID()
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
	out := s.tokObjs.Put(&tok)
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
		err = paramErr("number_phone", "El número de teléfono debe tener 9 dígitos.")
	case !digits(otp) || len(otp) != 6:
		err = paramErr("otp", "El código de aprobación debe tener 6 dígitos.")
	case err != nil || amount <= 0:
		err = paramErr("amount", "El monto debe ser un número entero positivo en texto.")
	}
	md, mdErr := metadata(b)
	if err = cmp.Or(err, mdErr); err != nil {
		s.answer(w, err)
		return
	}
	// A Yape token is a token of its own prefix.
	id := fakeapi.NewID("ype_test_", 16)
	tok := object{"object": "token", "id": id, "type": "yape", "creation_date": s.nowMS(), "active": true, "metadata": md}
	s.mu.Lock()
	s.tokens[id] = &tokenState{}
	s.mu.Unlock()
	out := s.tokObjs.Put(&tok)
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
