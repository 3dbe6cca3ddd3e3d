package digitalfemsa

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chargeJSON is a cash charge as the spec's charge_response shows it.
const chargeJSON = `{"id":"6553fe1d1f1c6f0001a3c1a2","object":"charge","livemode":false,"amount":30000,"currency":"MXN","status":"pending_payment",
"order_id":"ord_2tUigJ8DgBhbp6w5D","customer_id":"cus_2pwMQPxiLJ8WzzqZJ","description":"Payment from order","failure_code":null,"failure_message":null,
"paid_at":null,"reference_id":"my-ref","created_at":1700000000,"device_fingerprint":null,"is_refundable":false,
"channel":{"segment":"Checkout","checkout_request_id":"b0bf16c4","checkout_request_type":"PaymentLink","id":"ch_1"},
"payment_method":{"object":"cash_payment","type":"cash","reference":"93000262276908","barcode_url":"https://barcodes.example/93000262276908.png",
"expires_at":1702592000,"service_name":"OxxoPay","store_name":"OXXO","auth_code":null,"cashier_id":null,"store":null},
"refunds":{"object":"list","has_more":false,"data":[]}}`

// assertCharge checks the fields of chargeJSON every version of Charge has.
func assertCharge(t *testing.T, ch *Charge) {
	t.Helper()
	assert.Equal(t, "6553fe1d1f1c6f0001a3c1a2", ch.ID)
	assert.Equal(t, "charge", ch.Object)
	assert.Equal(t, int64(30000), ch.Amount)
	assert.Equal(t, "MXN", ch.Currency)
	assert.Equal(t, "pending_payment", ch.Status)
	assert.Equal(t, "ord_2tUigJ8DgBhbp6w5D", ch.OrderID)
	assert.Equal(t, "cus_2pwMQPxiLJ8WzzqZJ", ch.CustomerID)
	assert.Equal(t, ptr("my-ref"), ch.ReferenceID)
	assert.Equal(t, int64(1700000000), ch.CreatedAt.Unix())
	assert.True(t, ch.PaidAt.IsZero())
	assert.Equal(t, "93000262276908", ch.PaymentMethod.Reference)
	assert.Equal(t, "cash", ch.PaymentMethod.Type)
	assert.Equal(t, int64(1702592000), ch.PaymentMethod.ExpiresAt.Unix())
}

func TestChargesCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/orders/ord_2tUigJ8DgBhbp6w5D/charges", 200, chargeJSON)
	exp := time.Now().Add(72 * time.Hour).Truncate(time.Second)
	ch, err := c.Charges.Create(ctx, "ord_2tUigJ8DgBhbp6w5D", &OrderChargeParams{Amount: 30000, Type: PaymentMethodCash, ExpiresAt: exp,
		PaymentSourceID: "src_2tLkkyfMPh6v7pFry", ReferenceID: "my-ref"})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders/ord_2tUigJ8DgBhbp6w5D/charges", "", `{"amount":30000,"reference_id":"my-ref",
		"payment_method":{"type":"cash","expires_at":`+strconv.FormatInt(exp.Unix(), 10)+`,"payment_source_id":"src_2tLkkyfMPh6v7pFry"}}`)
	assertCharge(t, ch)

	// The spec's answer of this one call carries refunds as a bare array.
	respond(mt, "POST", "/orders/ord_2/charges", 200, strings.Replace(chargeJSON, `"refunds":{"object":"list","has_more":false,"data":[]}`,
		`"refunds":[{"id":"rf_1","object":"refund","amount":100,"created_at":1700000001,"status":"pending","payout_id":"p","reference":"r"}]`, 1))
	ch, err = c.Charges.Create(ctx, "ord_2", &OrderChargeParams{Type: PaymentMethodCash})
	require.NoError(t, err)
	assertCharge(t, ch)
	require.NotNil(t, ch.Refunds)
	require.Len(t, ch.Refunds.Data, 1)
	assert.Equal(t, "rf_1", ch.Refunds.Data[0].ID)
	assert.Equal(t, int64(100), ch.Refunds.Data[0].Amount)
	// Neither an array of something else nor another object passes.
	respond(mt, "POST", "/orders/ord_3/charges", 200, `{"id":"x","object":"charge","refunds":[1]}`)
	_, err = c.Charges.Create(ctx, "ord_3", &OrderChargeParams{Type: PaymentMethodCash})
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	respond(mt, "POST", "/orders/ord_4/charges", 200, orderJSON)
	_, err = c.Charges.Create(ctx, "ord_4", &OrderChargeParams{Type: PaymentMethodCash})
	assert.ErrorIs(t, err, ErrMalformedResponse)

	rec = respond(mt, "POST", "/orders/ord_1/charges", 200, chargeJSON)
	_, err = c.Charges.Create(ctx, "ord_1", &OrderChargeParams{Type: PaymentMethodCash})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", "/orders/ord_1/charges", "", `{"payment_method":{"type":"cash"}}`)
}

func TestChargesUpdateAndList(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "PUT", "/charges/6553fe1d1f1c6f0001a3c1a2", 200, chargeJSON)
	ch, err := c.Charges.Update(ctx, "6553fe1d1f1c6f0001a3c1a2", &ChargeUpdateParams{ReferenceID: "my-ref"})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", "/charges/6553fe1d1f1c6f0001a3c1a2", "", `{"reference_id":"my-ref"}`)
	assertCharge(t, ch)

	rec = respond(mt, "GET", "/charges", 200, listJSON(chargeJSON, false, ""))
	pg, err := c.Charges.List(ctx, &ListParams{Limit: 20, Search: "my-ref", Previous: "x"})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/charges", "limit=20&previous=x&search=my-ref", "")
	require.Len(t, pg.Data, 1)
	assertCharge(t, pg.Data[0])
	n := 0
	for ch, err := range c.Charges.All(ctx, nil) {
		require.NoError(t, err)
		assertCharge(t, ch)
		n++
	}
	assert.Equal(t, 1, n)
}

func TestChargeParamsValidate(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		call  func(c *Client) error
		field string
	}{
		"create nil": {func(c *Client) error { _, err := c.Charges.Create(ctx, "ord_1", nil); return err }, "OrderChargeParams"},
		"create no type": {func(c *Client) error {
			_, err := c.Charges.Create(ctx, "ord_1", &OrderChargeParams{Amount: 1})
			return err
		}, "Type"},
		"create negative": {func(c *Client) error {
			_, err := c.Charges.Create(ctx, "ord_1", &OrderChargeParams{Amount: -1, Type: "cash"})
			return err
		}, "Amount"},
		"create past expiry": {func(c *Client) error {
			_, err := c.Charges.Create(ctx, "ord_1", &OrderChargeParams{Type: "cash", ExpiresAt: time.Now().Add(-time.Second)})
			return err
		}, "ExpiresAt"},
		"update nil":   {func(c *Client) error { _, err := c.Charges.Update(ctx, "ch_1", nil); return err }, "ChargeUpdateParams"},
		"update empty": {func(c *Client) error { _, err := c.Charges.Update(ctx, "ch_1", &ChargeUpdateParams{}); return err }, "ReferenceID"},
		"update id": {func(c *Client) error {
			_, err := c.Charges.Update(ctx, "..", &ChargeUpdateParams{ReferenceID: "r"})
			return err
		}, "id"},
		"list limit": {func(c *Client) error { _, err := c.Charges.List(ctx, &ListParams{Limit: 300}); return err }, "Limit"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			assertParamField(t, tc.call(c), tc.field)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
}
