package culqitest

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// declareRefunds declares /v2/refunds: read, listed and annotated with
// metadata as any resource; created by Culqi's rules below, as a refund
// moves money back from its charge.
func (s *Server) declareRefunds() {
	s.refunds = s.declare(fakeapi.Resource[object]{
		Name: "refund", Label: "la devolución", Path: "/v2/refunds", IDPrefix: "ref_test_",
		Serve:   fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate,
		Update:  patchFields(),
		Filters: filters(),
	})
	s.route("POST /v2/refunds", s.createRefund)
}

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
	md, err := metadata(b)
	if err != nil {
		s.answer(w, err)
		return
	}
	id := s.refunds.NewID()
	now := s.nowMS()
	var why string
	_, found, _ := s.charges.Update(chargeID, func(o *object) error {
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
	out := s.refunds.Put(&ref)
	s.event("refund.creation.succeeded", out)
	s.reply(w, 201, out)
}
