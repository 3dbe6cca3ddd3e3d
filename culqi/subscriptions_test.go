package culqi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const subJSON = `{"id":"sxn_test_ABCDEFGHIJKLMNOP","status":1,"creation_date":1715131750655,"next_billing_date":1717810150655,
"current_period":1,"trial_start":null,"trial_end":null,"active_card":"crd_test_SevqN2Spqz9j6xXE","plan":` + planJSON + `,
"periods":[{"period":1}],"metadata":{}}`

func TestSubscriptions(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cr := on(mt, "POST", "https://api.culqi.com/v2/recurrent/subscriptions/create", 201, subJSON)
	s, err := c.Subscriptions.Create(ctx, &SubscriptionParams{CardID: "crd_test_SevqN2Spqz9j6xXE", PlanID: "pln_test_ABCDEFGHIJKLMNOP",
		TermsAccepted: true, Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	_, body := cr.Last(t)
	assert.JSONEq(t, `{"card_id":"crd_test_SevqN2Spqz9j6xXE","plan_id":"pln_test_ABCDEFGHIJKLMNOP","tyc":true,"metadata":{"k":"v"}}`, body)
	assert.Equal(t, "sxn_test_ABCDEFGHIJKLMNOP", s.ID)
	assert.Equal(t, 1, s.Status)
	assert.Equal(t, ms(1717810150655), s.NextBillingDate.Time)
	assert.True(t, s.TrialStart.IsZero())
	assert.JSONEq(t, `"crd_test_SevqN2Spqz9j6xXE"`, string(s.ActiveCard))
	assert.JSONEq(t, `[{"period":1}]`, string(s.Periods))
	assert.Equal(t, int64(2990), s.Plan.Amount)

	up := on(mt, "PATCH", "https://api.culqi.com/v2/recurrent/subscriptions/sxn_test_ABCDEFGHIJKLMNOP", 200, subJSON)
	_, err = c.Subscriptions.Update(ctx, "sxn_test_ABCDEFGHIJKLMNOP", &SubscriptionUpdateParams{CardID: "crd_test_new"})
	require.NoError(t, err)
	_, body = up.Last(t)
	assert.JSONEq(t, `{"card_id":"crd_test_new"}`, body)
	on(mt, "GET", "https://api.culqi.com/v2/recurrent/subscriptions/sxn_test_ABCDEFGHIJKLMNOP", 200, subJSON)
	_, err = c.Subscriptions.Get(ctx, "sxn_test_ABCDEFGHIJKLMNOP")
	require.NoError(t, err)
	on(mt, "DELETE", "https://api.culqi.com/v2/recurrent/subscriptions/sxn_test_ABCDEFGHIJKLMNOP", 200,
		`{"id":"sxn_test_ABCDEFGHIJKLMNOP","deleted":true,"merchant_message":"Se canceló"}`)
	res, err := c.Subscriptions.Cancel(ctx, "sxn_test_ABCDEFGHIJKLMNOP")
	require.NoError(t, err)
	assert.Equal(t, DeleteResult{ID: "sxn_test_ABCDEFGHIJKLMNOP", Deleted: true, MerchantMessage: "Se canceló"}, *res)
	ls := on(mt, "GET", "https://api.culqi.com/v2/recurrent/subscriptions", 200, `{"data":[],"paging":{"remaining_items":0}}`)
	_, err = c.Subscriptions.List(ctx, &SubscriptionListParams{PlanID: "pln_x"})
	require.NoError(t, err)
	r, _ := ls.Last(t)
	assert.Equal(t, "plan_id=pln_x", r.URL.RawQuery)
}
