package srpagotest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago"
)

// Charges and reversals stay hand-written: they move money, read the
// encryption envelope, apply the test cards and refuse a repeated order
// id. What they carry out is an operation, kept in the operations'
// Collection.

type chargePlain struct {
	Recurrent string `json:"recurrent"`
	// Card is a raw card, what Sr. Pago's documentation and its PHP SDK
	// send instead of recurrent for a card that was not tokenized;
	// Ecommerce is the same object with the buyer's ip.
	Card      *rawCard `json:"card"`
	Ecommerce *rawCard `json:"ecommerce"`
	Payment   struct {
		External struct {
			Transaction string `json:"transaction"`
		} `json:"external"`
		Reference struct {
			Number      string `json:"number"`
			Description string `json:"description"`
		} `json:"reference"`
		Total struct {
			Amount   wire.Decimal `json:"amount"`
			Currency string       `json:"currency"`
			Months   int          `json:"months"`
		} `json:"total"`
	} `json:"payment"`
}

// rawCard is the card object of a raw-card charge: number, cvv,
// holder_name and expiration (YYMM), plus raw and type, which the fake
// ignores.
type rawCard struct {
	Number     string `json:"number"`
	CVV        string `json:"cvv"`
	HolderName string `json:"holder_name"`
	Expiration string `json:"expiration"`
}

// charge answers POST /v1/payment/card.
func (s *Server) charge(w http.ResponseWriter, r *http.Request) {
	var p chargePlain
	metadata, ok := s.open(w, r, &p)
	if !ok {
		return
	}
	pay := p.Payment
	raw := p.Card
	if raw == nil {
		raw = p.Ecommerce
	}
	switch m := pay.Total.Months; {
	case raw == nil && !strings.HasPrefix(p.Recurrent, "tok_") && !strings.HasPrefix(p.Recurrent, "crd_"):
		s.invalidParam(w, "recurrent o card es obligatorio")
		return
	case raw != nil && !validCard(raw.HolderName, raw.Number, raw.CVV, raw.Expiration, s.now()):
		s.invalidParam(w, "Datos de tarjeta inválidos")
		return
	// The documentation marks the description required in both languages.
	// payment.external.application_key is not checked: the English
	// reference marks it optional and Sr. Pago's own PHP SDK never sends it.
	case strings.TrimSpace(pay.Reference.Description) == "":
		s.invalidParam(w, "payment.reference.description es obligatorio")
		return
	case !isObject(metadata):
		s.invalidParam(w, "metadata es obligatorio")
		return
	case pay.Total.Amount.Cents() < 100:
		s.invalidParam(w, "total total must be greater than 1.00")
		return
	case pay.Total.Currency != "MXN":
		s.invalidParam(w, "currency must be MXN")
		return
	case m != 0 && m != 3 && m != 6 && m != 9 && m != 12:
		s.invalidParam(w, "months must be 3, 6, 9 or 12")
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	var info cardInfo
	var err error
	switch {
	case pay.External.Transaction != "" && s.orders[pay.External.Transaction]:
		err = refused(srpago.CodeSwitch, "Ya existe una transacción con el mismo identificador")
	case raw != nil:
		info = cardInfo{HolderName: raw.HolderName, Number: raw.Number, Expiration: raw.Expiration}
	case strings.HasPrefix(p.Recurrent, "tok_"):
		info, err = s.useToken(p.Recurrent)
	default:
		if cr, ok := s.cards.Get(p.Recurrent); ok {
			info = cr.Card
		} else {
			err = refused(srpago.CodeCardInformationNotFound, "No se encontró la información de la tarjeta")
		}
	}
	if err != nil {
		s.answer(w, err)
		return
	}
	// The order id is taken once the charge reaches the switch, approved
	// or not.
	if pay.External.Transaction != "" {
		s.orders[pay.External.Transaction] = true
	}
	switch info.Number {
	case CardInsufficientFunds:
		err = &apiError{code: srpago.CodePayment, msg: "No se pudo procesar el cobro",
			detail: &detail{Code: BankCodeInsufficient, Message: "Tarjeta declinada por el banco, fondos insuficientes", Status: 500}}
	case CardStolen:
		err = &apiError{code: srpago.CodePayment, msg: "No se pudo procesar el cobro",
			detail: &detail{Code: BankCodeStolen, Message: "Tarjeta declinada por el banco, tarjeta robada", Status: 500}}
	case CardInvalid:
		err = refused(srpago.CodeInvalidCard, "Tarjeta inválida")
	}
	if err != nil {
		s.answer(w, err)
		return
	}
	s.seq++
	op := &operation{
		ID:         base64.StdEncoding.EncodeToString([]byte(strconv.Itoa(s.seq))),
		OrderID:    pay.External.Transaction,
		Reference:  pay.Reference.Number,
		Desc:       pay.Reference.Description,
		Amount:     pay.Total.Amount.Cents(),
		Time:       s.now(),
		AuthCode:   strconv.Itoa(2000000000 + s.seq*7919%999999937),
		Card:       info,
		InternalID: fakeapi.NewUUID(),
	}
	// Encoded before it is stored: from then on a reversal may change it.
	out := map[string]any{
		"token": op.InternalID, "status": true, "method": "CARD", "transaction": op.OrderID,
		"autorization_code": op.AuthCode, "card": masked(info.Number), "card_type": cardType(info.Number),
		"recipe": op.wire(),
	}
	s.ops.Put(op)
	s.ok(w, out)
}

// reverse answers GET /v1/operations/apply-reversal/{tx}: a card
// operation of the same day (Mexico City), once.
func (s *Server) reverse(w http.ResponseWriter, r *http.Request) {
	today := s.now().Format(time.DateOnly)
	var out map[string]any
	// Checked and changed in one Update, so that two reversals of one
	// operation cannot both pass the check.
	_, found, err := s.ops.Update(r.PathValue("tx"), func(op *operation) error {
		switch {
		case op.Reversed:
			return refused(srpago.CodeInvalidTransaction, "La transacción ya fue cancelada")
		case op.Time.Format(time.DateOnly) != today:
			return refused(srpago.CodeInvalidAuthCode, "Solo se pueden cancelar movimientos realizados el mismo dia")
		}
		op.Reversed = true
		op.Reversals++
		out = map[string]any{
			"token": fakeapi.NewUUID(), "transaction": op.OrderID, "status": true, "method": "Reversal",
			"autorization_code": op.AuthCode, "card": masked(op.Card.Number), "card_type": cardType(op.Card.Number),
		}
		return nil
	})
	if !found {
		err = refused(srpago.CodeInvalidTransaction, "La transacción no existe")
	}
	if err != nil {
		s.answer(w, err)
		return
	}
	s.ok(w, out)
}

// isObject reports whether raw is a JSON object ({} included).
func isObject(raw json.RawMessage) bool {
	var obj map[string]json.RawMessage
	return json.Unmarshal(raw, &obj) == nil && obj != nil
}
