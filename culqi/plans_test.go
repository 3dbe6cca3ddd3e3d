package culqi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const planJSON = `{"id":"pln_test_ABCDEFGHIJKLMNOP","interval_unit_time":3,"interval_count":1,"amount":2990,"name":"Plan mensual",
"description":"Suscripción mensual","short_name":"plan-mensual","currency":"PEN",
"initial_cycles":{"count":1,"has_initial_charge":true,"amount":500,"interval_unit_time":3},
"metadata":{"k":"v"},"total_subscriptions":2,"status":1,"creation_date":1715131750655,"slug":"plan-mensual","image":"https://x.pe/i.png"}`

func TestPlans(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/recurrent/plans/create", 201, planJSON)
	p, err := c.Plans.Create(ctx, &PlanParams{Name: "Plan mensual", ShortName: "plan-mensual", Description: "Suscripción mensual",
		Amount: 2990, Currency: "PEN", IntervalUnitTime: IntervalMonthly, IntervalCount: 1,
		InitialCycles: InitialCycles{Count: 1, HasInitialCharge: true, Amount: 500, IntervalUnitTime: IntervalMonthly},
		Image:         "https://x.pe/i.png", Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	_, body := cr.Last(t)
	assert.JSONEq(t, `{"name":"Plan mensual","short_name":"plan-mensual","description":"Suscripción mensual","amount":2990,"currency":"PEN",
		"interval_unit_time":3,"interval_count":1,"initial_cycles":{"count":1,"has_initial_charge":true,"amount":500,"interval_unit_time":3},
		"image":"https://x.pe/i.png","metadata":{"k":"v"}}`, body)
	assert.Equal(t, Plan{ID: "pln_test_ABCDEFGHIJKLMNOP", Name: "Plan mensual", ShortName: "plan-mensual", Description: "Suscripción mensual",
		Amount: 2990, Currency: "PEN", IntervalUnitTime: 3, IntervalCount: 1,
		InitialCycles: &InitialCycles{Count: 1, HasInitialCharge: true, Amount: 500, IntervalUnitTime: 3}, Image: "https://x.pe/i.png",
		Metadata: Metadata{"k": "v"}, TotalSubscriptions: 2, Status: PlanStatusActive, CreationDate: Time{Time: ms(1715131750655)}, Slug: "plan-mensual"}, *p)

	up := on(mt, "PATCH", "https://api.culqi.com/v2/recurrent/plans/pln_test_ABCDEFGHIJKLMNOP", 200, planJSON)
	_, err = c.Plans.Update(ctx, "pln_test_ABCDEFGHIJKLMNOP", &PlanUpdateParams{Status: PlanStatusInactive, Name: "Nuevo nombre"})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"name":"Nuevo nombre","status":2}`, body)
	on(mt, "GET", "https://api.culqi.com/v2/recurrent/plans/pln_test_ABCDEFGHIJKLMNOP", 200, planJSON)
	_, err = c.Plans.Get(ctx, "pln_test_ABCDEFGHIJKLMNOP")
	require.NoError(t, err)
	on(mt, "DELETE", "https://api.culqi.com/v2/recurrent/plans/pln_test_ABCDEFGHIJKLMNOP", 200, `{"id":"pln_test_ABCDEFGHIJKLMNOP","deleted":true}`)
	require.NoError(t, c.Plans.Delete(ctx, "pln_test_ABCDEFGHIJKLMNOP"))
	ls := on(mt, "GET", "https://api.culqi.com/v2/recurrent/plans", 200, `{"data":[`+planJSON+`],"paging":{"cursors":{"after":"pln_test_ABCDEFGHIJKLMNOP"},"remaining_items":0}}`)
	_, err = c.Plans.List(ctx, &PlanListParams{Status: 1, MinAmount: 100})
	require.NoError(t, err)
	r, _ := ls.Last(t)
	assert.Equal(t, "min_amount=100&status=1", r.URL.RawQuery)
}
