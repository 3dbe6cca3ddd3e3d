package culqi

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const refundJSON = `{"object":"refund","id":"ref_test_rXPsaM3AmvuRrHIh","charge_id":"chr_test_P7iMnBgIKgL2Q9UN",
"creation_date":1615131780000,"amount":100,"reason":"Devolución solicitada por el comercio","metadata":{}}`

func TestRefunds(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/refunds", 201, refundJSON)
	ref, err := c.Refunds.Create(ctx, &RefundParams{Amount: 100, ChargeID: "chr_test_P7iMnBgIKgL2Q9UN", Reason: ReasonCustomerRequest,
		Metadata: map[string]string{"ticket": "T-1"}, ReconcileKey: "devolucion:T-1"})
	require.NoError(t, err)
	r, body := cr.Last(t)
	assertHeaders(t, r, testSK, true)
	assert.JSONEq(t, `{"amount":100,"charge_id":"chr_test_P7iMnBgIKgL2Q9UN","reason":"solicitud_comprador",
		"metadata":{"ticket":"T-1","latampay_key":"devolucion:T-1"}}`, body)
	assert.Equal(t, Refund{Object: "refund", ID: "ref_test_rXPsaM3AmvuRrHIh", ChargeID: "chr_test_P7iMnBgIKgL2Q9UN",
		CreationDate: Time{Time: ms(1615131780000)}, Amount: 100, Reason: "Devolución solicitada por el comercio"}, withNilMeta(*ref))

	on(mt, "GET", "https://api.culqi.com/v2/refunds/ref_test_rXPsaM3AmvuRrHIh", 200, refundJSON)
	got, err := c.Refunds.Get(ctx, "ref_test_rXPsaM3AmvuRrHIh")
	require.NoError(t, err)
	assert.Equal(t, int64(100), got.Amount)
	up := on(mt, "PATCH", "https://api.culqi.com/v2/refunds/ref_test_rXPsaM3AmvuRrHIh", 200, refundJSON)
	_, err = c.Refunds.Update(ctx, "ref_test_rXPsaM3AmvuRrHIh", &MetadataParams{Metadata: map[string]string{"a": "b"}})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"metadata":{"a":"b"}}`, body)
	ls := on(mt, "GET", "https://api.culqi.com/v2/refunds", 200, `{"data":[`+refundJSON+`],"paging":{"cursors":{"after":"ref_test_rXPsaM3AmvuRrHIh"},"remaining_items":null}}`)
	p, err := c.Refunds.List(ctx, &RefundListParams{Reason: ReasonDuplicate})
	require.NoError(t, err)
	assert.Len(t, p.Data, 1)
	assert.True(t, p.HasMore) // no limit, a cursor, remaining unknown
	r, _ = ls.Last(t)
	assert.Equal(t, "reason=duplicado", r.URL.RawQuery)
}

func withNilMeta(r Refund) Refund { r.Metadata = nil; return r }

// Refunds.Reconcile filters the refund list on creation_date_from.
func TestRefundsReconcileQuery(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	since := time.Date(2026, 3, 1, 12, 0, 30, 500, time.UTC)
	rec := on(mt, "GET", "https://api.culqi.com/v2/refunds", 200, `{"data":[
		{"object":"refund","id":"ref_2","amount":100,"creation_date":1772366400000,"metadata":{"latampay_key":"otra"}},
		{"object":"refund","id":"ref_1","amount":300,"creation_date":1772366400000,"metadata":{"latampay_key":"dev-7"}}],
		"paging":{"cursors":{"before":"ref_2","after":"ref_1"},"remaining_items":0}}`)
	r, err := c.Refunds.Reconcile(ctx, "dev-7", since)
	require.NoError(t, err)
	assert.Equal(t, "ref_1", r.ID)
	assert.Equal(t, int64(300), r.Amount)
	req, _ := rec.Last(t)
	assert.Equal(t, fmt.Sprintf("creation_date_from=%d&limit=100", since.Add(-5*time.Minute).Unix()), req.URL.RawQuery)
	_, err = c.Refunds.Reconcile(ctx, "dev-8", since)
	assert.ErrorIs(t, err, ErrNotFound)
}
