package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const shippingContactJSON = `{"id":"ship_cont_2tKcHxhTz7xU5SymG","object":"shipping_contact","created_at":1675715413,"parent_id":"cus_2tKcHxhTz7xU5SymF",
"default":true,"deleted":true,"phone":"+525511223344","receiver":"Marvin Fuller","between_streets":"Ackerman Crescent",
"address":{"object":"shipping_address","street1":"250 Alexis St","street2":"Interior 1","postal_code":"06100","city":"Red Deer","state":"Alberta","country":"CA","residential":true},
"metadata":{"k":"v"}}`

var wantShippingContact = ShippingContact{ID: "ship_cont_2tKcHxhTz7xU5SymG", Object: "shipping_contact", CreatedAt: unixTime(1675715413),
	ParentID: "cus_2tKcHxhTz7xU5SymF", Default: true, Deleted: true, Phone: "+525511223344", Receiver: "Marvin Fuller", BetweenStreets: strPtr("Ackerman Crescent"),
	Address: ShippingAddress{Object: "shipping_address", Street1: "250 Alexis St", Street2: "Interior 1", PostalCode: "06100", City: "Red Deer",
		State: "Alberta", Country: "CA", Residential: boolPtr(true)}, Metadata: Metadata{"k": "v"}}

func TestShippingContacts(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	base := "/customers/cus_2tKcHxhTz7xU5SymF/shipping_contacts"
	one := base + "/ship_cont_2tKcHxhTz7xU5SymG"
	rec := respond(mt, "POST", base, 200, shippingContactJSON)
	sc, err := c.ShippingContacts.Create(ctx, "cus_2tKcHxhTz7xU5SymF", &ShippingContactParams{Phone: "+525511223344", Receiver: "Marvin Fuller",
		BetweenStreets: "Ackerman Crescent", Default: boolPtr(true), Metadata: map[string]string{"k": "v"},
		Address: ShippingAddress{Street1: "250 Alexis St", PostalCode: "06100", City: "Red Deer", Country: "CA", Residential: boolPtr(false)}})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", `{"phone":"+525511223344","receiver":"Marvin Fuller","between_streets":"Ackerman Crescent","default":true,
		"metadata":{"k":"v"},"address":{"street1":"250 Alexis St","postal_code":"06100","city":"Red Deer","country":"CA","residential":false}}`)
	assert.Equal(t, wantShippingContact, *sc)

	// The API requires the address object even when all its fields are empty.
	rec = respond(mt, "POST", base, 200, shippingContactJSON)
	_, err = c.ShippingContacts.Create(ctx, "cus_2tKcHxhTz7xU5SymF", &ShippingContactParams{})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", `{"address":{}}`)

	rec = respond(mt, "PUT", one, 200, shippingContactJSON)
	sc, err = c.ShippingContacts.Update(ctx, "cus_2tKcHxhTz7xU5SymF", "ship_cont_2tKcHxhTz7xU5SymG", &ShippingContactUpdateParams{Receiver: "Ana", Default: boolPtr(false)})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", one, "", `{"receiver":"Ana","default":false}`)
	assert.Equal(t, wantShippingContact, *sc)

	rec = respond(mt, "DELETE", one, 200, shippingContactJSON)
	sc, err = c.ShippingContacts.Delete(ctx, "cus_2tKcHxhTz7xU5SymF", "ship_cont_2tKcHxhTz7xU5SymG")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", one, "", "")
	assert.Equal(t, wantShippingContact, *sc)

	n := mt.GetTotalCallCount()
	for field, p := range map[string]*ShippingContactParams{
		"ShippingContactParams": nil,
		"Phone":                 {Phone: "12345678901234567890"},
		"Address.Object":        {Address: ShippingAddress{Object: "x"}},
	} {
		assertParamField(t, p.Validate(), field)
		_, err := c.ShippingContacts.Create(ctx, "cus_1", p)
		assertParamField(t, err, field)
	}
	for field, p := range map[string]*ShippingContactUpdateParams{
		"ShippingContactUpdateParams": {},
		"Phone":                       {Phone: "12345678901234567890"},
		"Address.Object":              {Address: &ShippingAddress{Object: "x"}},
	} {
		assertParamField(t, p.Validate(), field)
		_, err := c.ShippingContacts.Update(ctx, "cus_1", "sc_1", p)
		assertParamField(t, err, field)
	}
	assert.Equal(t, n, mt.GetTotalCallCount())
}
