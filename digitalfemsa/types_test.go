package digitalfemsa

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeDecoding(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Time{
		`1668117996`:                         time.Unix(1668117996, 0).UTC(),
		`"1668117996"`:                       time.Unix(1668117996, 0).UTC(),
		`1668117996000`:                      time.UnixMilli(1668117996000).UTC(),
		`"2023-03-20T14:11:08+00:00"`:        time.Date(2023, 3, 20, 14, 11, 8, 0, time.UTC),
		`"2022-08-25 16:40:44.887000+00:00"`: time.Date(2022, 8, 25, 16, 40, 44, 887000000, time.UTC),
		`null`:                               {},
		`""`:                                 {},
	} {
		var v Time
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.True(t, want.Equal(v.Time), "%s: got %v", in, v.Time)
	}
	var v Time
	assert.Error(t, json.Unmarshal([]byte(`"yesterday"`), &v))
	b, err := json.Marshal(Time{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}

func TestMetadataDecoding(t *testing.T) {
	t.Parallel()
	var m Metadata
	require.NoError(t, json.Unmarshal([]byte(`{"a":"b","n":42,"t":true,"o":{"x":1},"z":null}`), &m))
	assert.Equal(t, Metadata{"a": "b", "n": "42", "t": "true", "o": `{"x":1}`, "z": ""}, m)
	for _, in := range []string{`null`, `[]`, `""`} {
		var e Metadata
		require.NoError(t, json.Unmarshal([]byte(in), &e))
		assert.Empty(t, e)
	}
	assert.Error(t, json.Unmarshal([]byte(`[1]`), &m))
}

// A documented-nullable field keeps the API's null apart from an empty
// string and from a value: null and absence decode as nil, "" as a
// pointer to "". Each case goes through the method that reads the object.
func TestNullableFieldsKeepNull(t *testing.T) {
	t.Parallel()
	getOrder := func(c *Client) (*Order, error) { return c.Orders.Get(ctx, "ord_1") }
	getCustomer := func(c *Client) (*Customer, error) { return c.Customers.Get(ctx, "cus_1") }
	charge := func(o *Order) *Charge { return o.Charges.Data[0] }
	asString := func(s *OrderPaymentStatus) *string {
		if s == nil {
			return nil
		}
		v := string(*s)
		return &v
	}
	type read func(t *testing.T, c *Client) *string
	order := func(f func(*Order) *string) read {
		return func(t *testing.T, c *Client) *string {
			o, err := getOrder(c)
			require.NoError(t, err)
			return f(o)
		}
	}
	customer := func(f func(*Customer) *string) read {
		return func(t *testing.T, c *Client) *string {
			cus, err := getCustomer(c)
			require.NoError(t, err)
			return f(cus)
		}
	}
	const (
		orderBody    = `{"id":"ord_1","object":"order"%s}`
		chargeBody   = `{"id":"ord_1","object":"order","charges":{"object":"list","has_more":false,"data":[{"id":"ch_1","object":"charge"%s}]}}`
		custInfoBody = `{"id":"ord_1","object":"order","customer_info":{"object":"customer_info","customer_id":"cus_1"%s}}`
		linesBody    = `{"id":"ord_1","object":"order","line_items":{"object":"list","has_more":false,"data":[]%s}}`
		customerBody = `{"id":"cus_1","object":"customer"%s}`
		contactBody  = `{"id":"ord_1","object":"order","shipping_contact":{"id":"ship_1","object":"shipping_contact"%s}}`
		addressBody  = `{"id":"ord_1","object":"order","shipping_contact":{"id":"ship_1","object":"shipping_contact","address":{"object":"shipping_address"%s}}}`
	)
	for _, tc := range []struct {
		name, path, body, key string
		get                   read
	}{
		{"Order.PaymentStatus", "/orders/ord_1", orderBody, "payment_status",
			order(func(o *Order) *string { return asString(o.PaymentStatus) })},
		{"Charge.FailureCode", "/orders/ord_1", chargeBody, "failure_code",
			order(func(o *Order) *string { return charge(o).FailureCode })},
		{"Charge.FailureMessage", "/orders/ord_1", chargeBody, "failure_message",
			order(func(o *Order) *string { return charge(o).FailureMessage })},
		{"Charge.ReferenceID", "/orders/ord_1", chargeBody, "reference_id",
			order(func(o *Order) *string { return charge(o).ReferenceID })},
		{"OrderCustomer.CustomerCustomReference", "/orders/ord_1", custInfoBody, "customer_custom_reference",
			order(func(o *Order) *string { return o.CustomerInfo.CustomerCustomReference })},
		{"NestedList.NextPageURL", "/orders/ord_1", linesBody, "next_page_url",
			order(func(o *Order) *string { return o.LineItems.NextPageURL })},
		{"NestedList.PreviousPageURL", "/orders/ord_1", linesBody, "previous_page_url",
			order(func(o *Order) *string { return o.LineItems.PreviousPageURL })},
		{"ShippingContactInfo.BetweenStreets", "/orders/ord_1", contactBody, "between_streets",
			order(func(o *Order) *string { return o.ShippingContact.BetweenStreets })},
		{"PostalAddress.Street2", "/orders/ord_1", addressBody, "street2",
			order(func(o *Order) *string { return o.ShippingContact.Address.Street2 })},
		{"Customer.DefaultFiscalEntityID", "/customers/cus_1", customerBody, "default_fiscal_entity_id",
			customer(func(c *Customer) *string { return c.DefaultFiscalEntityID })},
		{"Customer.DefaultShippingContactID", "/customers/cus_1", customerBody, "default_shipping_contact_id",
			customer(func(c *Customer) *string { return c.DefaultShippingContactID })},
		{"PayoutCustomer.CustomerCustomReference", "/payout_orders/po_1",
			`{"id":"po_1","object":"payout_order","customer_info":{"object":"customer_info","id":"cus_1"%s}}`, "customer_custom_reference",
			func(t *testing.T, c *Client) *string {
				po, err := c.PayoutOrders.Get(ctx, "po_1")
				require.NoError(t, err)
				return po.CustomerInfo.CustomerCustomReference
			}},
	} {
		for _, v := range []struct {
			label, member string
			want          *string
		}{
			{"null", `,"` + tc.key + `":null`, nil},
			{"absent", ``, nil},
			{"empty", `,"` + tc.key + `":""`, ptr("")},
			{"value", `,"` + tc.key + `":"v_1"`, ptr("v_1")},
		} {
			t.Run(tc.name+"/"+v.label, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				respond(mt, "GET", tc.path, 200, fmt.Sprintf(tc.body, v.member))
				assert.Equal(t, v.want, tc.get(t, c))
			})
		}
	}
}

// fmt prints an order's payment status as the status, and a null one as
// "<nil>", never as an address.
func TestOrderPaymentStatusPrints(t *testing.T) {
	t.Parallel()
	var o Order
	assert.Equal(t, "<nil>", fmt.Sprint(o.PaymentStatus))
	o.PaymentStatus = ptr(OrderPaymentStatusPaid)
	assert.Equal(t, "paid", fmt.Sprint(o.PaymentStatus))
	assert.Equal(t, "status paid", fmt.Sprintf("status %s", o.PaymentStatus))
}
