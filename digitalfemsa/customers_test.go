package digitalfemsa

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ctx = context.Background()

func assertCustomer(t *testing.T, c *Customer) {
	t.Helper()
	assert.Equal(t, "cus_2pwMQPxiLJ8WzzqZJ", c.ID)
	assert.Equal(t, "customer", c.Object)
	assert.False(t, c.Livemode)
	assert.Equal(t, "User", c.Name)
	assert.Equal(t, "user@example.mx", c.Email)
	assert.Equal(t, "5566982096", c.Phone)
	assert.False(t, c.Corporate)
	assert.Equal(t, time.Unix(1623858787, 0).UTC(), c.CreatedAt.Time)
	assert.Equal(t, Metadata{"tier": "gold", "visits": "3"}, c.Metadata)
	assert.Nil(t, c.DefaultShippingContactID, "null")
	assert.Nil(t, c.DefaultFiscalEntityID, "null")
}

func TestCustomersCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/customers", 200, customerJSON)
	p := &CustomerParams{Name: "User", Email: "user@example.mx", Phone: "5566982096", Corporate: true, CustomReference: "c-1",
		Metadata: map[string]string{"tier": "gold"}}
	cus, err := c.Customers.Create(ctx, p)
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/customers", "",
		`{"name":"User","email":"user@example.mx","phone":"5566982096","corporate":true,"custom_reference":"c-1","metadata":{"tier":"gold"}}`)
	assertCustomer(t, cus)
}

func TestCustomersCreateOmitsEmptyOptionals(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/customers", 200, customerJSON)
	_, err := c.Customers.Create(ctx, &CustomerParams{Name: "User", Email: "user@example.mx"})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/customers", "", `{"name":"User","email":"user@example.mx"}`)
}

func TestCustomersGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/customers/cus_2pwMQPxiLJ8WzzqZJ", 200, customerJSON)
	cus, err := c.Customers.Get(ctx, "cus_2pwMQPxiLJ8WzzqZJ")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/customers/cus_2pwMQPxiLJ8WzzqZJ", "", "")
	assertCustomer(t, cus)
}

func TestCustomersGetEscapesID(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/customers/a%2Fb", 200, customerJSON)
	_, err := c.Customers.Get(ctx, "a/b")
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Equal(t, "/customers/a%2Fb", req.URL.EscapedPath())
}

func TestCustomersUpdate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "PUT", "/customers/cus_1", 200, customerJSON)
	f := false
	cus, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{Email: "new@example.mx", Corporate: &f, Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", "/customers/cus_1", "", `{"email":"new@example.mx","corporate":false,"metadata":{"a":"b"}}`)
	assertCustomer(t, cus)
}

func TestCustomersDelete(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "DELETE", "/customers/cus_1", 200, `{"id":"cus_1","object":"customer","livemode":false,"name":"User","email":"u@example.mx","created_at":1623858787,"deleted":true}`)
	cus, err := c.Customers.Delete(ctx, "cus_1")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", "/customers/cus_1", "", "")
	assert.True(t, cus.Deleted)
	assert.Equal(t, "cus_1", cus.ID)
}

// The specification's customer has no "deleted": a 200 to DELETE still
// marks the returned customer deleted, and only Delete does.
func TestCustomersDeleteSpecShape(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	body := `{"id":"cus_1","object":"customer","livemode":false,"name":"User","email":"u@example.mx","created_at":1623858787}`
	respond(mt, "DELETE", "/customers/cus_1", 200, body)
	respond(mt, "GET", "/customers/cus_1", 200, body)
	cus, err := c.Customers.Delete(ctx, "cus_1")
	require.NoError(t, err)
	assert.True(t, cus.Deleted)
	got, err := c.Customers.Get(ctx, "cus_1")
	require.NoError(t, err)
	assert.False(t, got.Deleted)
}

func TestCustomersList(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/customers", 200, listJSON(customerJSON+","+customerJSON, true, "cus_2pwMQPxiLJ8WzzqZJ"))
	p := &ListParams{Limit: 2, Search: "user@example.mx"}
	page, err := c.Customers.List(ctx, p)
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/customers", "limit=2&search=user%40example.mx", "")
	require.Len(t, page.Data, 2)
	assertCustomer(t, page.Data[0])
	assert.True(t, page.HasMore)
	assert.Equal(t, "cus_2pwMQPxiLJ8WzzqZJ", page.Next)
	assert.Equal(t, "https://api-core.stg.femsa.io/x?limit=2&next=cus_2pwMQPxiLJ8WzzqZJ", page.NextPageURL)
	assert.Equal(t, &ListParams{Limit: 2, Search: "user@example.mx"}, p, "params are not mutated")
}

func TestCustomersListNilParams(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/customers", 200, listJSON("", false, ""))
	page, err := c.Customers.List(ctx, nil)
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/customers", "", "")
	assert.NotNil(t, page.Data)
	assert.Empty(t, page.Data)
	assert.False(t, page.HasMore)
}

// A customer's nested lists decode with every documented field.
func TestCustomerNestedLists(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", "/customers/cus_2tHJfJ79KyUwpxTik", 200, `{"id":"cus_2tHJfJ79KyUwpxTik","object":"customer","created_at":1485151007,"livemode":true,
"name":null,"email":null,"phone":null,"default_fiscal_entity_id":"fis_ent_2tKqqAfqPi21oCmEJ","default_shipping_contact_id":"ship_cont_2tKZsTYcsryyu7Ah8","metadata":null,
"payment_sources":{"object":"list","has_more":true,"next_page_url":"https://api.digitalfemsa.io/customers/cus_2tHJfJ79KyUwpxTik/payment_sources?next=src_2s8K1B3PBKDontpi9","previous_page_url":null,
 "data":[{"type":"oxxo_recurrent","id":"src_2s8K1B3PBKDontpi9","object":"payment_source","created_at":1675715413,"parent_id":"cus_2tHJfJ79KyUwpxTik",
  "reference":"93000262276908","barcode":"93000262276908","barcode_url":"https://barcodes.example/9.png","expires_at":0,"provider":"Oxxo"}]},
"fiscal_entities":{"object":"list","has_more":false,"data":[{"address":{"street1":"Nuevo Leon 254","street2":"Depto 4","postal_code":"06100","city":"CDMX","state":"CDMX","country":"MX","residential":false,"external_number":"12"},
  "tax_id":"XAXX010101000","name":"Femsa","email":"f@example.mx","phone":"5511","metadata":{"a":"b"},"id":"fis_ent_2tKqqAfqPi21oCmEJ","object":"fiscal_entity","created_at":1675715413,"parent_id":"cus_2tHJfJ79KyUwpxTik","default":true}]},
"shipping_contacts":{"object":"list","has_more":false,"data":[{"phone":"+525511223344","receiver":"Marvin","between_streets":"A y B","address":{"street1":"S1","city":"C","country":"MX","postal_code":"06100"},
  "parent_id":"cus_2tHJfJ79KyUwpxTik","default":null,"deleted":null,"metadata":{},"id":"ship_cont_2tKZsTYcsryyu7Ah8","object":"shipping_contact","created_at":1675715413}]}}`)
	cus, err := c.Customers.Get(ctx, "cus_2tHJfJ79KyUwpxTik")
	require.NoError(t, err)
	at := func(sec int64) Time { return Time{Time: time.Unix(sec, 0).UTC()} }
	no := false
	assert.Equal(t, "", cus.Name)
	assert.Nil(t, cus.Metadata)
	require.NotNil(t, cus.PaymentSources)
	assert.True(t, cus.PaymentSources.HasMore)
	assert.Equal(t, ptr("https://api.digitalfemsa.io/customers/cus_2tHJfJ79KyUwpxTik/payment_sources?next=src_2s8K1B3PBKDontpi9"), cus.PaymentSources.NextPageURL)
	assert.Nil(t, cus.PaymentSources.PreviousPageURL, "null")
	assert.Nil(t, cus.FiscalEntities.NextPageURL, "absent")
	assert.Equal(t, ptr("fis_ent_2tKqqAfqPi21oCmEJ"), cus.DefaultFiscalEntityID)
	assert.Equal(t, ptr("ship_cont_2tKZsTYcsryyu7Ah8"), cus.DefaultShippingContactID)
	assert.Equal(t, []*CustomerPaymentSource{{ID: "src_2s8K1B3PBKDontpi9", Object: "payment_source", Type: "oxxo_recurrent", CreatedAt: at(1675715413),
		ParentID: "cus_2tHJfJ79KyUwpxTik", Reference: "93000262276908", Barcode: "93000262276908", BarcodeURL: "https://barcodes.example/9.png",
		Provider: "Oxxo"}}, cus.PaymentSources.Data)
	assert.Equal(t, []*CustomerFiscalEntity{{ID: "fis_ent_2tKqqAfqPi21oCmEJ", Object: "fiscal_entity", CreatedAt: at(1675715413), ParentID: "cus_2tHJfJ79KyUwpxTik",
		Default: true, Name: "Femsa", TaxID: "XAXX010101000", Email: "f@example.mx", Phone: "5511", Metadata: Metadata{"a": "b"},
		Address: &PostalAddress{Street1: "Nuevo Leon 254", Street2: ptr("Depto 4"), ExternalNumber: "12", PostalCode: "06100", City: "CDMX", State: "CDMX", Country: "MX", Residential: &no}}},
		cus.FiscalEntities.Data)
	assert.Equal(t, []*ShippingContactInfo{{ID: "ship_cont_2tKZsTYcsryyu7Ah8", Object: "shipping_contact", CreatedAt: at(1675715413), Phone: "+525511223344",
		Receiver: "Marvin", BetweenStreets: ptr("A y B"), ParentID: "cus_2tHJfJ79KyUwpxTik", Metadata: Metadata{},
		Address: &PostalAddress{Street1: "S1", City: "C", Country: "MX", PostalCode: "06100"}}}, cus.ShippingContacts.Data)
}
