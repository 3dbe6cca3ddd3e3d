package culqitest

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// declareCustomers declares /v2/customers. A customer is read with its
// saved cards; deleting one cancels what depends on it (as Culqi
// documents): its saved cards stay on record but turn inactive, so they
// charge no more, and the subscriptions on them are cancelled.
func (s *Server) declareCustomers() {
	s.custs = s.declare(fakeapi.Resource[object]{
		Name: "customer", Label: "el cliente", Path: "/v2/customers", IDPrefix: "cus_test_",
		Serve:   fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create:  s.createCustomer,
		Update:  updateCustomer,
		Filters: filters("email"),
		View: func(op fakeapi.Ops, c object) any {
			if op == fakeapi.OpGet {
				return s.withCards(c)
			}
			return c
		},
		Changed: func(op fakeapi.Ops, c object) {
			switch op {
			case fakeapi.OpCreate:
				s.event(culqi.EventCustomerCreationSucceeded, c)
			case fakeapi.OpDelete:
				s.cancelCustomer(str(c, "id"))
			}
		},
	})
}

var customerFields = [][3]any{
	{"first_name", 2, 50}, {"last_name", 2, 50}, {"email", 5, 50}, {"address", 2, 50},
	{"address_city", 2, 50}, {"country_code", 2, 2}, {"phone_number", 5, 15},
}

// checkCustomerFields refuses the first customer field out of its
// length; with required, a missing one too.
func checkCustomerFields(b object, required bool) error {
	for _, f := range customerFields {
		name, lo, hi := f[0].(string), f[1].(int), f[2].(int)
		v, present := b[name]
		sv, _ := v.(string)
		if !present && !required {
			continue
		}
		if n := utf8.RuneCountInString(sv); n < lo || n > hi {
			return paramErr(name, fmt.Sprintf("El campo %s debe tener entre %d y %d caracteres.", name, lo, hi))
		}
	}
	return nil
}

func antifraud(b object) object {
	return object{"first_name": str(b, "first_name"), "last_name": str(b, "last_name"), "address": str(b, "address"),
		"address_city": str(b, "address_city"), "country_code": str(b, "country_code"), "phone": str(b, "phone_number"),
		"object": "client"}
}

func (s *Server) createCustomer(c *fakeapi.Call) (*object, error) {
	b, err := body(c)
	if err != nil {
		return nil, err
	}
	if err := checkCustomerFields(b, true); err != nil {
		return nil, err
	}
	md, err := metadata(b)
	if err != nil {
		return nil, err
	}
	return &object{"object": "customer", "id": c.NewID(), "creation_date": s.nowMS(), "email": str(b, "email"),
		"antifraud_details": antifraud(b), "metadata": md}, nil
}

// withCards is the customer with its saved cards, as Culqi reads one.
func (s *Server) withCards(c object) object {
	// An empty list, not null, for a customer without cards.
	c["cards"] = append([]object{}, s.cards.Select(func(o *object) bool { return (*o)["customer_id"] == c["id"] })...)
	return c
}

// cancelCustomer turns the deleted customer id's cards inactive and
// cancels the subscriptions on them.
func (s *Server) cancelCustomer(id string) {
	var cardIDs []string
	for _, c := range s.cards.Select(func(o *object) bool { return (*o)["customer_id"] == id }) {
		cardIDs = append(cardIDs, str(c, "id"))
	}
	for _, cardID := range cardIDs {
		s.cards.Update(cardID, func(o *object) error { (*o)["active"] = false; return nil })
	}
	for _, sub := range s.subs.Select(func(o *object) bool { return slices.Contains(cardIDs, str(*o, "card_id")) }) {
		s.subs.Delete(str(sub, "id"))
	}
}

// updateCustomer sets the fields sent: the email, and the rest in the
// customer's antifraud_details (phone_number as phone).
func updateCustomer(c *fakeapi.Call) (func(*object) error, error) {
	b, err := body(c)
	if err != nil {
		return nil, err
	}
	if err := checkCustomerFields(b, false); err != nil {
		return nil, err
	}
	md, err := metadata(b)
	if err != nil {
		return nil, err
	}
	return func(o *object) error {
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
		mergeMetadata(*o, md)
		return nil
	}, nil
}
