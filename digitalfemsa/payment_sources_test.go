package digitalfemsa

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const paymentSourceJSON = `{"id":"src_2s8K1B3PBKDontpi9","object":"payment_source","type":"cash","created_at":1675715413,"parent_id":"cus_2s8K1B3PBKDontpi8",
"reference":"93000262276908","barcode":"93000262276908","barcode_url":"https://barcodes.example/93000262276908.png","expires_at":1680397724,"provider":"Oxxo","deleted":true}`

var wantPaymentSource = PaymentSource{ID: "src_2s8K1B3PBKDontpi9", Object: "payment_source", Type: "cash", CreatedAt: unixTime(1675715413),
	ParentID: "cus_2s8K1B3PBKDontpi8", Reference: "93000262276908", Barcode: "93000262276908", BarcodeURL: "https://barcodes.example/93000262276908.png",
	ExpiresAt: unixTime(1680397724), Provider: "Oxxo", Deleted: true}

func TestPaymentSources(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	base := "/customers/cus_2s8K1B3PBKDontpi8/payment_sources"
	one := base + "/src_2s8K1B3PBKDontpi9"
	exp := time.Now().Add(24 * time.Hour).Truncate(time.Second)
	rec := respond(mt, "POST", base, 200, paymentSourceJSON)
	ps, err := c.PaymentSources.Create(ctx, "cus_2s8K1B3PBKDontpi8", &PaymentSourceParams{ExpiresAt: exp})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", `{"type":"cash","expires_at":`+strconv.FormatInt(exp.Unix(), 10)+`}`)
	assert.Equal(t, wantPaymentSource, *ps)

	rec = respond(mt, "POST", base, 200, paymentSourceJSON)
	_, err = c.PaymentSources.Create(ctx, "cus_2s8K1B3PBKDontpi8", &PaymentSourceParams{Type: "oxxo_recurrent"})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", `{"type":"oxxo_recurrent"}`)

	rec = respond(mt, "PUT", one, 200, paymentSourceJSON)
	ps, err = c.PaymentSources.Update(ctx, "cus_2s8K1B3PBKDontpi8", "src_2s8K1B3PBKDontpi9", &PaymentSourceUpdateParams{Name: "Mi referencia"})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", one, "", `{"name":"Mi referencia"}`)
	assert.Equal(t, wantPaymentSource, *ps)

	rec = respond(mt, "DELETE", one, 200, paymentSourceJSON)
	ps, err = c.PaymentSources.Delete(ctx, "cus_2s8K1B3PBKDontpi8", "src_2s8K1B3PBKDontpi9")
	require.NoError(t, err)
	checkRequest(t, rec, "DELETE", one, "", "")
	assert.Equal(t, wantPaymentSource, *ps)

	rec = respond(mt, "GET", base, 200, listJSON(paymentSourceJSON, false, ""))
	pg, err := c.PaymentSources.List(ctx, "cus_2s8K1B3PBKDontpi8", &ListParams{Limit: 3})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", base, "limit=3", "")
	require.Len(t, pg.Data, 1)
	assert.Equal(t, wantPaymentSource, *pg.Data[0])
	for ps, err := range c.PaymentSources.All(ctx, "cus_2s8K1B3PBKDontpi8", nil) {
		require.NoError(t, err)
		assert.Equal(t, wantPaymentSource, *ps)
	}

	// A source whose reference does not expire: expires_at 0 is zero.
	respond(mt, "GET", base, 200, listJSON(`{"id":"src_2","object":"payment_source","type":"cash","created_at":1,"expires_at":0}`, false, ""))
	pg, err = c.PaymentSources.List(ctx, "cus_2s8K1B3PBKDontpi8", nil)
	require.NoError(t, err)
	assert.True(t, pg.Data[0].ExpiresAt.IsZero())

	n := mt.GetTotalCallCount()
	var nilCreate *PaymentSourceParams
	assertParamField(t, nilCreate.Validate(), "PaymentSourceParams")
	_, err = c.PaymentSources.Create(ctx, "cus_1", &PaymentSourceParams{ExpiresAt: time.Now().Add(-time.Hour)})
	assertParamField(t, err, "ExpiresAt")
	_, err = c.PaymentSources.Update(ctx, "cus_1", "src_1", &PaymentSourceUpdateParams{})
	assertParamField(t, err, "Name")
	_, err = c.PaymentSources.Update(ctx, "cus_1", "src_1", nil)
	assertParamField(t, err, "PaymentSourceUpdateParams")
	_, err = c.PaymentSources.List(ctx, "", nil)
	assertParamField(t, err, "CustomerID")
	assert.Equal(t, n, mt.GetTotalCallCount())
}
