package srpagotest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
)

// Tokens stay hand-written: their body is the {key, data} encryption
// envelope, not plain JSON, and a token is spent by the routes that use
// it, never read back.

type cardInfo struct {
	HolderName string
	Number     string
	Expiration string
}

type tokenRec struct {
	card cardInfo
	used bool
}

// open reads and decrypts an envelope body into plain; it answers the
// error itself and returns false when it cannot.
func (s *Server) open(w http.ResponseWriter, r *http.Request, plain any) (metadata json.RawMessage, ok bool) {
	var b struct {
		Key      string          `json:"key"`
		Data     string          `json:"data"`
		Metadata json.RawMessage `json:"metadata"`
	}
	if err := fakeapi.ReadJSON(r, &b, false); err != nil || b.Key == "" || b.Data == "" {
		s.invalidParam(w, "key y data son obligatorios")
		return nil, false
	}
	text, err := envelope.Open(s.priv, b.Key, b.Data)
	if err != nil || json.Unmarshal(text, plain) != nil {
		s.fail(w, http.StatusInternalServerError, srpago.CodeInvalidEncryption, "Incorrect data encryption", nil)
		return nil, false
	}
	return b.Metadata, true
}

// createToken answers POST /v1/token: a single-use tok_ token for the
// card sealed in the envelope.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	var p struct {
		HolderName string `json:"cardholder_name"`
		Number     string `json:"number"`
		CVV        string `json:"cvv"`
		Expiration string `json:"expiration"`
	}
	if _, ok := s.open(w, r, &p); !ok {
		return
	}
	if !validCard(p.HolderName, p.Number, p.CVV, p.Expiration, s.now()) {
		s.invalidParam(w, "Datos de tarjeta inválidos")
		return
	}
	id := "tok_" + uniqid()
	s.tokens.Put(id, &tokenRec{card: cardInfo{HolderName: p.HolderName, Number: p.Number, Expiration: p.Expiration}})
	s.ok(w, map[string]any{"token": id})
}

// useToken spends a single-use token, answering its card, or Sr. Pago's
// refusal when it is unknown or spent.
func (s *Server) useToken(id string) (cardInfo, error) {
	var info cardInfo
	var err error
	found, _ := s.tokens.Update(id, func(tok *tokenRec) error {
		if tok.used {
			err = refused(srpago.CodeTokenAlreadyUsed, "El token ya fue utilizado")
			return nil
		}
		tok.used = true
		info = tok.card
		return nil
	})
	if !found {
		err = refused(srpago.CodeInvalidParam, "El token no existe")
	}
	return info, err
}

// uniqid returns 13 hex digits, the shape of Sr. Pago's cus_ and tok_ ids
// (PHP's uniqid()).
func uniqid() string { return fakeapi.NewHex(7)[:13] }

// validCard applies the API's card checks: holder name, Luhn, CVV and a
// YYMM expiration that has not passed.
func validCard(holder, number, cvv, expiration string, now time.Time) bool {
	if holder == "" || len(expiration) != 4 {
		return false
	}
	yy, err1 := strconv.Atoi(expiration[:2])
	mm, err2 := strconv.Atoi(expiration[2:])
	if err1 != nil || err2 != nil || strings.ContainsAny(number, " -") {
		return false
	}
	return card.Card{Number: number, CVV: cvv, ExpMonth: mm, ExpYear: 2000 + yy}.Validate(now) == nil
}
