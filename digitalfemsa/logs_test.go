package digitalfemsa

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const logJSON = `{"id":"6307a60c41de27127515a575","created_at":1661445644,"updated_at":"2022-08-25T16:40:44.887Z","livemode":true,
"method":"POST","url":"/orders","status":"200","version":"2.1.0","ip_address":"54.235.131.48","loggable_id":"ord_87632467832",
"loggable_type":"order","oauth_token_id":"tok_1","user_account_id":"5a0b7001edbb6e1725b0b2c6","related":"FilterResource",
"searchable_tags":["6307a60c41de27127515a575","ord_87632467832"],"query_string":{"amount":3000,"payable":true},
"request_headers":{"Accept-Language":"es","Authorization":"Basic a2V5X2VZdldWN2dTRGtOWVhzbXI6"},
"response_headers":{"Content-Type":"application/json; charset=utf-8","Set-Cookie":"session=abc"},
"request_body":{"currency":"MXN"},"response_body":{"id":"ord_87632467832","object":"order"}}`

func TestLogs(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/logs/6307a60c41de27127515a575", 200, logJSON)
	lg, err := c.Logs.Get(ctx, "6307a60c41de27127515a575")
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/logs/6307a60c41de27127515a575", "", "")
	want := Log{ID: "6307a60c41de27127515a575", CreatedAt: unixTime(1661445644), Livemode: true, Method: "POST", URL: "/orders", Status: "200",
		Version: "2.1.0", IPAddress: "54.235.131.48", LoggableID: strPtr("ord_87632467832"), LoggableType: strPtr("order"), OAuthTokenID: strPtr("tok_1"),
		UserAccountID: "5a0b7001edbb6e1725b0b2c6", Related: "FilterResource", SearchableTags: []string{"6307a60c41de27127515a575", "ord_87632467832"},
		QueryString:     Metadata{"amount": "3000", "payable": "true"},
		RequestHeaders:  map[string]string{"Accept-Language": "es", "Authorization": "[redacted]"},
		ResponseHeaders: map[string]string{"Content-Type": "application/json; charset=utf-8", "Set-Cookie": "[redacted]"},
		RequestBody:     json.RawMessage(`{"currency":"MXN"}`), ResponseBody: json.RawMessage(`{"id":"ord_87632467832","object":"order"}`)}
	assert.Equal(t, int64(1661445644), lg.UpdatedAt.Unix())
	lg.UpdatedAt = Time{}
	assert.Equal(t, want, *lg)
	// The logged key never comes out, whatever the formatting.
	for _, s := range []string{fmt.Sprint(lg), fmt.Sprintf("%+v", lg), fmt.Sprintf("%#v", lg)} {
		assert.NotContains(t, s, "a2V5X2VZdldWN2dTRGtOWVhzbXI6")
	}

	rec = respond(mt, "GET", "/logs", 200, listJSON(logJSON, true, "6307a60c41de27127515a575"))
	pg, err := c.Logs.List(ctx, &ListParams{Search: "ord_87632467832", Limit: 1})
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/logs", "limit=1&search=ord_87632467832", "")
	require.Len(t, pg.Data, 1)
	assert.Equal(t, "[redacted]", pg.Data[0].RequestHeaders["Authorization"])
	assert.True(t, pg.HasMore)
	assert.Equal(t, "6307a60c41de27127515a575", pg.Next)
}

func TestLogsAllWalksPages(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponderWithQuery("GET", ProductionURL+"/logs", "limit=1", jsonResponder(listJSON(`{"id":"l1"}`, true, "l1")))
	mt.RegisterResponderWithQuery("GET", ProductionURL+"/logs", "limit=1&next=l1", jsonResponder(`{"object":"list","has_more":false,"data":[{"id":"l2"}]}`))
	var ids []string
	for lg, err := range c.Logs.All(ctx, &ListParams{Limit: 1}) {
		require.NoError(t, err)
		ids = append(ids, lg.ID)
	}
	assert.Equal(t, []string{"l1", "l2"}, ids)
	for _, err := range c.Logs.All(ctx, &ListParams{Next: "a", Previous: "b"}) {
		assertParamField(t, err, "Next")
	}
}

// The specification types the logs page with the single log's schema, so
// a page may say "log": it decodes, as do unknown fields on the page and
// its items; another object is still refused, and other lists keep
// refusing "log".
func TestLogsPageObject(t *testing.T) {
	t.Parallel()
	item := `{"id":"l1","object":"log","spec_future":{"n":[1,"x"]}}`
	for _, tt := range []struct {
		name, object string
		ok           bool
	}{{"list", "list", true}, {"log", "log", true}, {"absent", "", true}, {"other", "order", false}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			obj := ""
			if tt.object != "" {
				obj = `"object":"` + tt.object + `",`
			}
			respond(mt, "GET", "/logs", 200, `{`+obj+`"has_more":false,"spec_future":1,"data":[`+item+`]}`)
			pg, err := c.Logs.List(ctx, nil)
			if !tt.ok {
				require.ErrorIs(t, err, ErrMalformedResponse)
				assert.Nil(t, pg)
				return
			}
			require.NoError(t, err)
			require.Len(t, pg.Data, 1)
			assert.Equal(t, "l1", pg.Data[0].ID)
		})
	}
	c, mt := setup(t)
	respond(mt, "GET", "/checkouts", 200, `{"object":"log","has_more":false,"data":[]}`)
	_, err := c.Checkouts.List(ctx, nil)
	assert.ErrorIs(t, err, ErrMalformedResponse, "only logs pages may say log")
}
