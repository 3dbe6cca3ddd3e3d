package srpago

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accountInfo is the documented account object (abbreviated).
const accountInfo = `{"first_name":"Ana","last_name":"López","surname":"Ruiz","email":"ana@example.mx","username":"ana",
 "active":true,"rfc":"LORA800101XXX","create_time":"2016-06-17T10:11:28-05:00","address":[],"phones":[],
 "ecommerce":true,"trustLevel":3,"company":{"name":"Comercio"},"ecom_id":"77","fullProfile":1,"emailSent":0,
 "fixedCommission":"2.50","variableCommission":"3.6","hoursReversal":10000,"clabe":"646180157000000004",
 "thirdparty_accounts":[],"automatic_withdrawal":"1"}`

func TestAccountGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := reply(mt, http.MethodGet, testBase+"/v1/account/info", 200, ok(accountInfo))
	a, err := c.Account.Get(ctx)
	require.NoError(t, err)
	r, _ := rec.Last(t)
	assertHeaders(t, r, false)
	assert.Equal(t, "Ana", a.FirstName)
	assert.Equal(t, "López", a.LastName)
	assert.Equal(t, "Ruiz", a.Surname)
	assert.Equal(t, "ana@example.mx", a.Email)
	assert.Equal(t, "ana", a.Username)
	assert.True(t, a.Active)
	assert.Equal(t, "LORA800101XXX", a.RFC)
	assert.Equal(t, "2016-06-17T15:11:28Z", a.CreatedAt.UTC().Format("2006-01-02T15:04:05Z"))
	assert.Equal(t, "646180157000000004", a.CLABE)
	assert.Equal(t, 10000, a.HoursReversal)
	assert.Equal(t, "2.50", a.FixedCommission)
	assert.Equal(t, "3.6", a.VariableCommission)
	assert.True(t, a.AutomaticWithdrawal)
	assert.Equal(t, "3", a.TrustLevel)
	assert.JSONEq(t, accountInfo, string(a.Raw))

	c2, mt2 := setup(t)
	reply(mt2, http.MethodGet, testBase+"/v1/account/info", 200, ok(`[]`))
	_, err = c2.Account.Get(ctx)
	assert.ErrorIs(t, err, ErrMalformedResponse)
}

func TestAccountFunds(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := reply(mt, http.MethodGet, testBase+"/v1/funds", 200, ok(`{"total_funds":"239037.25","available_funds":"200000.00",
	  "total_withdrawal":1500,"pending_funds":"39037.25","commission":{"amount":"10.00","iva":"1.60","total":"11.60"},
	  "currency":"MXN","timestamp":"2020-10-05T14:40:11-05:00","monthly_sales":[]}`))
	f, err := c.Account.Funds(ctx)
	require.NoError(t, err)
	r, _ := rec.Last(t)
	assertHeaders(t, r, false)
	assert.Equal(t, int64(23903725), f.Total)
	assert.Equal(t, int64(20000000), f.Available)
	assert.Equal(t, int64(150000), f.Withdrawn)
	assert.Equal(t, int64(3903725), f.Pending)
	assert.Equal(t, FundsCommission{Amount: 1000, IVA: 160, Total: 1160}, f.Commission)
	assert.Equal(t, "MXN", f.Currency)
	assert.Equal(t, 2020, f.Timestamp.Year())

	for _, bad := range []string{`{}`, `{"currency":"MXN"}`, `"x"`} {
		c2, mt2 := setup(t)
		reply(mt2, http.MethodGet, testBase+"/v1/funds", 200, ok(bad))
		_, err = c2.Account.Funds(ctx)
		assert.ErrorIs(t, err, ErrMalformedResponse, "a balance read as zero is no balance: %s", bad)
	}
}
