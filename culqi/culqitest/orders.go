package culqitest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// declareOrders declares /v2/orders (their timestamps in seconds):
// created, read, listed, updated and deleted by the rules below;
// confirmed by the two confirmation routes.
func (s *Server) declareOrders() {
	s.orders = s.declare(fakeapi.Resource[object]{
		Name: "order", Label: "la orden", Path: "/v2/orders", IDPrefix: "ord_test_",
		Serve:   fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create:  s.createOrder,
		Update:  s.updateOrder,
		Delete:  deletableOrder,
		Deleted: s.orderDeleted,
		Filters: filters("state"),
	})
	s.route("POST /v2/orders/{id}/confirm", s.confirmOrder)
	s.route("POST /v2/orders/confirm", s.confirmOrderTypes)
}

func (s *Server) createOrder(c *fakeapi.Call) (*object, error) {
	b, err := body(c)
	if err != nil {
		return nil, err
	}
	amount, okA := num(b, "amount")
	exp, okE := num(b, "expiration_date")
	cd, _ := b["client_details"].(object)
	now := s.Now().Unix()
	switch {
	case !okA || amount <= 0:
		return nil, paramErr("amount", "El monto no es válido.")
	case str(b, "currency_code") != culqi.CurrencyPEN && str(b, "currency_code") != culqi.CurrencyUSD:
		return nil, paramErr("currency_code", "La moneda debe ser PEN o USD.")
	case outside(str(b, "description"), 5, 80):
		return nil, paramErr("description", "La descripción debe tener entre 5 y 80 caracteres.")
	case outside(str(b, "order_number"), 1, 36):
		return nil, paramErr("order_number", "El order_number es obligatorio y admite hasta 36 caracteres.")
	case !okE || exp <= now:
		return nil, paramErr("expiration_date", "La fecha de expiración debe ser futura.")
	case cd == nil:
		return nil, paramErr("client_details", "client_details es obligatorio.")
	}
	if field, why := checkClientDetails(cd); field != "" {
		return nil, paramErr("client_details", "El campo client_details."+field+" "+why)
	}
	md, err := metadata(b)
	if err != nil {
		return nil, err
	}
	o := object{"object": "order", "id": c.NewID(), "amount": amount, "payment_code": nil, "currency_code": str(b, "currency_code"),
		"description": str(b, "description"), "order_number": str(b, "order_number"), "state": culqi.OrderCreated,
		"total_fee": nil, "net_amount": nil, "fee_details": nil, "creation_date": now, "expiration_date": exp,
		"updated_at": now, "paid_at": nil, "available_on": nil, "metadata": md}
	if b["confirm"] != false {
		o["state"], o["payment_code"] = culqi.OrderPending, paymentCode()
	}
	return &o, nil
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

// paymentCode issues a CIP: nine digits, as Culqi's.
func paymentCode() string { return fakeapi.NewDigits(9) }

func (s *Server) confirmOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.confirm(w, id, func(o object) { o["payment_code"] = paymentCode() },
		func() { s.orders.NotFound(w, r, id) })
}

// confirm moves a created order to pending, set adding what the
// confirmation issues, and answers the order; missing answers for an
// unknown order.
func (s *Server) confirm(w http.ResponseWriter, id string, set func(object), unknown func()) {
	out, found, err := s.orders.Update(id, func(o *object) error {
		if (*o)["state"] != culqi.OrderCreated {
			return invalid("La orden no está en estado created.")
		}
		(*o)["state"], (*o)["updated_at"] = culqi.OrderPending, s.Now().Unix()
		set(*o)
		return nil
	})
	switch {
	case !found:
		unknown()
	case err != nil:
		s.answer(w, err)
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
	}, func() { s.answer(w, missing("order_id", "La orden "+id+" no existe.")) })
}

// updateOrder merges metadata and moves expiration_date, later only.
func (s *Server) updateOrder(c *fakeapi.Call) (func(*object) error, error) {
	b, err := body(c)
	if err != nil {
		return nil, err
	}
	md, err := metadata(b)
	if err != nil {
		return nil, err
	}
	exp, hasExp := num(b, "expiration_date")
	now := s.Now().Unix()
	return func(o *object) error {
		if hasExp {
			cur, _ := (*o)["expiration_date"].(int64)
			if exp <= cur {
				return paramErr("expiration_date", "La nueva fecha de expiración debe ser posterior a la actual.")
			}
			(*o)["expiration_date"] = exp
		}
		mergeMetadata(*o, md)
		(*o)["updated_at"] = now
		return nil
	}, nil
}

// deletableOrder refuses to delete an order past pending.
func deletableOrder(_ *fakeapi.Call, o *object) error {
	if st := (*o)["state"]; st != culqi.OrderCreated && st != culqi.OrderPending {
		return invalid("Solo se pueden eliminar órdenes en estado created o pending.")
	}
	return nil
}

// orderDeleted answers a deleted order: 204, which Culqi labels as JSON
// all the same, as recorded.
func (s *Server) orderDeleted(c *fakeapi.Call, _ object) {
	s.track(c.W)
	c.W.Header().Set("Content-Type", contentType)
	c.W.WriteHeader(http.StatusNoContent)
}
