package culqi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLegacyCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/plans", 201, `{"object":"plan","id":"pln_test_1","creation_date":1615131813000,"name":"Plan Prueba",
		"amount":1000,"currency_code":"PEN","interval_count":2,"interval":"Días","limit":10,"trial_days":30,"total_subscriptions":0,"metadata":{}}`)
	lp, err := c.LegacyPlans.Create(ctx, &LegacyPlanParams{Name: "Plan Prueba", Amount: 1000, CurrencyCode: "PEN", Interval: LegacyIntervalDays,
		IntervalCount: 2, Limit: 10, TrialDays: 30})
	require.NoError(t, err)
	_, body := cr.Last(t)
	assert.JSONEq(t, `{"name":"Plan Prueba","amount":1000,"currency_code":"PEN","interval":"dias","interval_count":2,"limit":10,"trial_days":30}`, body)
	assert.Equal(t, "Días", lp.Interval)
	sc := on(mt, "POST", "https://api.culqi.com/v2/subscriptions", 201, `{"object":"subscription","id":"sub_test_1","status":"Activa","cancel_at":null,"charges":[]}`)
	ls, err := c.LegacySubscriptions.Create(ctx, &LegacySubscriptionParams{CardID: "crd_1", PlanID: "pln_test_1"})
	require.NoError(t, err)
	assert.Equal(t, "Activa", ls.Status)
	_, body = sc.Last(t)
	assert.JSONEq(t, `{"card_id":"crd_1","plan_id":"pln_test_1"}`, body)
}

func TestLegacyReadUpdateDelete(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "GET", "https://api.culqi.com/v2/plans/pln_1", 200, `{"object":"plan","id":"pln_1","interval":"Meses"}`)
	up := on(mt, "PATCH", "https://api.culqi.com/v2/plans/pln_1", 200, `{"object":"plan","id":"pln_1"}`)
	on(mt, "DELETE", "https://api.culqi.com/v2/plans/pln_1", 200, `{"id":"pln_1","deleted":true}`)
	on(mt, "GET", "https://api.culqi.com/v2/subscriptions/sub_1", 200, `{"object":"subscription","id":"sub_1","status":"Activa","plan":{"id":"pln_1"}}`)
	on(mt, "PATCH", "https://api.culqi.com/v2/subscriptions/sub_1", 200, `{"object":"subscription","id":"sub_1"}`)
	on(mt, "DELETE", "https://api.culqi.com/v2/subscriptions/sub_1", 200, `{"id":"sub_1","deleted":true,"merchant_message":"ok"}`)
	p, err := c.LegacyPlans.Get(ctx, "pln_1")
	require.NoError(t, err)
	assert.Equal(t, "Meses", p.Interval)
	_, err = c.LegacyPlans.Update(ctx, "pln_1", &MetadataParams{Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	_, body := up.Last(t)
	assert.JSONEq(t, `{"metadata":{"k":"v"}}`, body)
	require.NoError(t, c.LegacyPlans.Delete(ctx, "pln_1"))
	s, err := c.LegacySubscriptions.Get(ctx, "sub_1")
	require.NoError(t, err)
	assert.Equal(t, "pln_1", s.Plan.ID)
	_, err = c.LegacySubscriptions.Update(ctx, "sub_1", &MetadataParams{Metadata: map[string]string{}})
	require.NoError(t, err)
	res, err := c.LegacySubscriptions.Cancel(ctx, "sub_1")
	require.NoError(t, err)
	assert.True(t, res.Deleted)
}
