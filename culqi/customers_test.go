package culqi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const customerJSON = `{"object":"customer","id":"cus_test_w4Fk5qQS34e1dASb","creation_date":1615131750655,"email":"richard@piedpiper.com",
"antifraud_details":{"first_name":"Richard","last_name":"Piedpiper","address":"Avenida Lima 123","address_city":"LIMA","country_code":"PE","phone":"+51998989789","object":"client"},
"metadata":{},"cards":[{"object":"card","id":"crd_test_SevqN2Spqz9j6xXE","active":true,"creation_date":1589341016618,"customer_id":"cus_test_w4Fk5qQS34e1dASb","source":` + tokenJSON + `,"metadata":{"ZDA":true}}]}`

func TestCustomers(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/customers", 201, customerJSON)
	cus, err := c.Customers.Create(ctx, &CustomerParams{FirstName: "Richard", LastName: "Piedpiper", Email: "richard@piedpiper.com",
		Address: "Avenida Lima 123", AddressCity: "LIMA", CountryCode: "PE", PhoneNumber: "+51998989789", Metadata: map[string]string{"vip": "1"}})
	require.NoError(t, err)
	r, body := cr.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.JSONEq(t, `{"first_name":"Richard","last_name":"Piedpiper","email":"richard@piedpiper.com","address":"Avenida Lima 123",
		"address_city":"LIMA","country_code":"PE","phone_number":"+51998989789","metadata":{"vip":"1"}}`, body)
	assert.Equal(t, "cus_test_w4Fk5qQS34e1dASb", cus.ID)
	assert.Equal(t, "customer", cus.Object)
	assert.Equal(t, ms(1615131750655), cus.CreationDate.Time)
	assert.Equal(t, "richard@piedpiper.com", cus.Email)
	assert.Equal(t, AntifraudDetails{FirstName: "Richard", LastName: "Piedpiper", Address: "Avenida Lima 123", AddressCity: "LIMA",
		CountryCode: "PE", Phone: "+51998989789", Object: "client"}, *cus.AntifraudDetails)
	require.Len(t, cus.Cards, 1)
	assert.Equal(t, "crd_test_SevqN2Spqz9j6xXE", cus.Cards[0].ID)
	assert.Equal(t, "true", cus.Cards[0].Metadata["ZDA"])

	up := on(mt, "PATCH", "https://api.culqi.com/v2/customers/cus_test_w4Fk5qQS34e1dASb", 200, customerJSON)
	_, err = c.Customers.Update(ctx, "cus_test_w4Fk5qQS34e1dASb", &CustomerUpdateParams{AddressCity: "CUSCO", Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"address_city":"CUSCO","metadata":{"a":"b"}}`, body)

	on(mt, "GET", "https://api.culqi.com/v2/customers/cus_test_w4Fk5qQS34e1dASb", 200, customerJSON)
	_, err = c.Customers.Get(ctx, "cus_test_w4Fk5qQS34e1dASb")
	require.NoError(t, err)
	dl := on(mt, "DELETE", "https://api.culqi.com/v2/customers/cus_test_w4Fk5qQS34e1dASb", 200,
		`{"id":"cus_test_w4Fk5qQS34e1dASb","deleted":true,"merchant_message":"Se eliminó el cliente"}`)
	require.NoError(t, c.Customers.Delete(ctx, "cus_test_w4Fk5qQS34e1dASb"))
	r, body = dl.Last(t)
	assertHeaders(t, r, testSK, false)
	assert.Empty(t, body)
	ls := on(mt, "GET", "https://api.culqi.com/v2/customers", 200, `{"data":[],"paging":{"previous":null,"next":null,"cursors":{"before":null,"after":null},"remaining_items":0}}`)
	_, err = c.Customers.List(ctx, &CustomerListParams{Email: "richard@piedpiper.com", Limit: 5})
	require.NoError(t, err)
	r, _ = ls.Last(t)
	assert.Equal(t, "email=richard%40piedpiper.com&limit=5", r.URL.RawQuery)
}
