package digitalfemsa

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/mocktest"
	"github.com/latampay/latampay-go/internal/transport"
)

const testKey = "key_eYvWV7gSDkNYXsmr"

var wantAuth = "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"))

// setup returns a client on a per-test mock transport with millisecond
// retry waits (two retries, the default).
func setup(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	c, err := NewClient(testKey, append(wrap(mocktest.Options(mt)), opts...)...)
	require.NoError(t, err)
	return c, mt
}

// wrap turns the shared test helpers' transport options into this
// package's Option.
func wrap(opts []transport.Option) []Option {
	out := make([]Option, len(opts))
	for i, o := range opts {
		out[i] = Option{o}
	}
	return out
}

// respond registers method+path (on the production host) answering status
// and body, and records each request.
func respond(mt *httpmock.MockTransport, method, path string, status int, body string) *mocktest.Recorder {
	return respondWith(mt, method, path, httpmock.NewStringResponder(status, body).HeaderSet(http.Header{"Content-Type": {"application/vnd.app-v2.1.0+json"}}))
}

func respondWith(mt *httpmock.MockTransport, method, path string, r httpmock.Responder) *mocktest.Recorder {
	recording, rec := mocktest.Record(r)
	mt.RegisterResponder(method, ProductionURL+path, recording)
	return rec
}

// checkRequest asserts the method, path, query, the headers every request
// carries, and the exact JSON body ("" = no body).
func checkRequest(t *testing.T, c *mocktest.Recorder, method, path, rawQuery, wantBody string) {
	t.Helper()
	req, body := c.Last(t)
	assert.Equal(t, method, req.Method)
	assert.Equal(t, path, req.URL.Path)
	assert.Equal(t, rawQuery, req.URL.RawQuery)
	assert.Equal(t, "api.digitalfemsa.io", req.URL.Host)
	assert.Equal(t, wantAuth, req.Header.Get("Authorization"))
	assert.Equal(t, "application/vnd.app-v2.1.0+json", req.Header.Get("Accept"))
	assert.True(t, strings.HasPrefix(req.Header.Get("User-Agent"), "latampay-go/"), req.Header.Get("User-Agent"))
	if wantBody == "" {
		assert.Empty(t, body)
		assert.Empty(t, req.Header.Get("Content-Type"))
		return
	}
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, wantBody, body)
}

// ---- fixtures (shapes from the API docs) ----

const customerJSON = `{"livemode":false,"name":"User","email":"user@example.mx","phone":"5566982096","id":"cus_2pwMQPxiLJ8WzzqZJ",
"object":"customer","created_at":1623858787,"corporate":false,"custom_reference":"","metadata":{"tier":"gold","visits":3},
"default_shipping_contact_id":null,"default_fiscal_entity_id":null,"payment_sources":{"object":"list","has_more":false,"total":0,"data":[]}}`

const payoutOrderJSON = `{"id":"9a67e7ef-784b-468f-be54-06bc9c1834fb","amount":3000,"currency":"MXN","allowed_payout_methods":["cashout"],
"reference":"1025292250000330","reason":"Prueba","livemode":true,"created_at":1668117996,"updated_at":1668117998,
"customer_info":{"object":"customer_info","id":"cus_2snrLE3jZ2hzi8quw","name":"Cliente cashout","email":"cashout@example.mx","phone":"525566778899","corporate":false,"customer_custom_reference":"c-1"},
"object":"payout_order","expires_at":1668290795,"metadata":{"client":"client 1"},"status":"pending",
"payouts":[{"id":"payout_2sppYGEBPkxrM8rM7","amount":3000,"currency":"MXN","livemode":true,"status":"open","payout_order_id":"9a67e7ef-784b-468f-be54-06bc9c1834fb","object":"payout","expires_at":1668290795,"payout_method":{"object":"payout_method","type":"cashout"}}]}`

const orderJSON = `{"id":"ord_2tUigJ8DgBhbp6w5D","object":"order","livemode":false,"amount":30000,"amount_refunded":0,"currency":"MXN",
"payment_status":"pending_payment","is_refundable":false,"created_at":1700000000,"updated_at":1700000001,"split_payment":null,
"customer_info":{"object":"customer_info","customer_id":"cus_2pwMQPxiLJ8WzzqZJ","name":"User","email":"user@example.mx","phone":null,"corporate":false},
"metadata":{"cart":"42"},"partial_reference":{},"payments_info":null,"channel":null,"fiscal_entity":null,"shipping_contact":null,
"line_items":{"object":"list","has_more":false,"total":1,"data":[{"id":"line_item_2tUigJ8DgBhbp6w5E","object":"line_item","name":"Recarga","unit_price":15000,"quantity":2,"sku":"R-1","tags":["tiempo aire"],"parent_id":"ord_2tUigJ8DgBhbp6w5D","metadata":{}}]},
"charges":{"object":"list","has_more":false,"total":1,"data":[{"id":"6553fe1d1f1c6f0001a3c1a2","object":"charge","livemode":false,"amount":30000,"currency":"MXN",
"status":"pending_payment","order_id":"ord_2tUigJ8DgBhbp6w5D","customer_id":"cus_2pwMQPxiLJ8WzzqZJ","description":"Payment from order","failure_code":null,"failure_message":null,
"paid_at":null,"reference_id":null,"created_at":1700000000,"device_fingerprint":null,
"payment_method":{"object":"cash_payment","type":"cash","reference":"93000262276908","barcode_url":"https://barcodes.example/93000262276908.png","expires_at":1702592000,"service_name":"OxxoPay","store_name":"OXXO","auth_code":null,"cashier_id":null,"store":null},
"refunds":{"object":"list","has_more":false,"total":0,"data":[]}}]}}`

// refundedOrderJSON is a paid cash order after a partial refund, with every
// field the API specification documents on an order, its charge, payment
// method and refund.
const refundedOrderJSON = `{"id":"ord_2tVQmcmM6AHTY1oUQ","object":"order","livemode":true,"amount":30000,"amount_refunded":10000,"currency":"MXN",
"payment_status":"partially_refunded","split_payment":false,"is_refundable":true,"created_at":1700000000,"updated_at":1700090000,
"customer_info":{"object":"customer_info","customer_id":"cus_2pwMQPxiLJ8WzzqZJ","name":"User","email":"user@example.mx","phone":"5566982096","corporate":true,"customer_custom_reference":"c-7"},
"shipping_contact":{"created_at":1675715413,"id":"ship_cont_1234567890","object":"shipping_contact","phone":"+525511223344","receiver":"Marvin Fuller","between_streets":"Ackerman Crescent",
 "address":{"object":"shipping_address","street1":"Nuevo Leon 254","street2":"Departamento 404","postal_code":"06100","city":"Ciudad de Mexico","state":"Ciudad de Mexico","country":"MX","residential":true},
 "parent_id":"cus_2pwMQPxiLJ8WzzqZJ","default":false,"metadata":{"floor":"2"},"deleted":false},
"channel":{"segment":"Checkout","checkout_request_id":"6fca054a-8519-4c43-971e-cea35cc519bb","checkout_request_type":"HostedPayment","id":"channel_2tNDzhA4Akmzj11AU"},
"fiscal_entity":{"address":{"street1":"Nuevo Leon 254","street2":null,"postal_code":"06100","city":"Ciudad de Mexico","state":"Ciudad de Mexico","country":"MX","external_number":"123","object":"fiscal_entity_address"},
 "email":"billing@example.mx","metadata":{},"name":"Femsa Inc","tax_id":"324234234","id":"fis_ent_2tN85VYaSMyDvjB3M","created_at":1676328434,"object":"fiscal_entity","phone":null},
"checkout":{"allowed_payment_methods":["cash"],"can_not_expire":true,"emails_sent":1,"expires_at":1676613599,"failure_url":"https://shop.example/ko","id":"6fca054a-8519-4c43-971e-cea35cc519bb",
 "is_redirect_on_failure":true,"livemode":false,"metadata":{"k":"v"},"name":"ord-2tNDzhA4Akmzj11AS","needs_shipping_contact":true,"object":"checkout","on_demand_enabled":true,
 "recurrent":true,"slug":"6fca054a85194c43971ecea35cc519bb","sms_sent":2,"success_url":"https://shop.example/ok","starts_at":1676354400,"status":"Issued","type":"HostedPayment",
 "url":"https://pay.digitalfemsa.io/checkout/6fca054a85194c43971ecea35cc519bb"},
"metadata":{"cart":"43"},"partial_reference":{"min_amount":1000},"payments_info":{"paid":1},
"line_items":{"object":"list","has_more":false,"total":1,"next_page_url":"https://api.digitalfemsa.io/orders/ord_2tVQmcmM6AHTY1oUQ/line_items?limit=1&next=line_item_2tVQmcmM6AHTY1oUR",
 "previous_page_url":"https://api.digitalfemsa.io/orders/ord_2tVQmcmM6AHTY1oUQ/line_items?limit=1&previous=line_item_2tVQmcmM6AHTY1oUR",
 "data":[{"id":"line_item_2tVQmcmM6AHTY1oUR","object":"line_item","name":"Caja","unit_price":30000,"quantity":1,"sku":"C-1","brand":"B","description":"Caja grande","tags":["hogar"],"parent_id":"ord_2tVQmcmM6AHTY1oUQ","metadata":{"color":"rojo"}}]},
"discount_lines":{"object":"list","has_more":false,"data":[{"amount":500,"code":"PROMO","type":"coupon","id":"dis_lin_2tQQ58HPgPw7StE8z","object":"discount_line","parent_id":"ord_2tVQmcmM6AHTY1oUQ"}]},
"charges":{"object":"list","has_more":false,"total":1,"data":[{"id":"6553fe1d1f1c6f0001a3c1b7","object":"charge","livemode":true,"amount":30000,"currency":"MXN",
"status":"partially_refunded","order_id":"ord_2tVQmcmM6AHTY1oUQ","customer_id":"cus_2pwMQPxiLJ8WzzqZJ","description":"Payment from order","failure_code":null,"failure_message":null,
"device_fingerprint":"fp_123","is_refundable":true,
"channel":{"segment":"Checkout","checkout_request_id":"6fca054a-8519-4c43-971e-cea35cc519bb","checkout_request_type":"HostedPayment","id":"channel_2tNDzhA4Akmzj11AU"},
"reference_id":"my-ref-42","created_at":1700000000,"paid_at":1700000005,
"payment_method":{"object":"cash_payment","type":"cash","reference":"93000262276908","barcode_url":"https://barcodes.example/93000262276908.png","expires_at":1702592000,
 "service_name":"OxxoPay","store_name":"OXXO","auth_code":"542563","cashier_id":"OINM01010","store":"10MON50ABC"},
"refunds":{"object":"list","has_more":false,"total":1,"data":[{"id":"6553fe1d1f1c6f0001a3c1c9","object":"refund","amount":-10000,"currency":"MXN",
"status":"refunded","reason":"requested_by_client","created_at":1700090000,"expires_at":1700690000,"auth_code":"867372","payout_id":"6fca054a-8519-4c43-971e-cea35cc519bb","reference":"12002000778626"}]}}]}}`

const eventJSON = `{"id":"6463d6e35a4c3e001819e760","object":"event","type":"cashout.confirmed","livemode":false,"created_at":1684264675,
"webhook_status":"successful","webhook_logs":[{"id":"webhl_2tsv6NzWJHBWCkqGt","object":"webhook_log","url":"https://shop.example/hooks","failed_attempts":0,"last_attempted_at":1684264676,"last_http_response_status":200,"response_data":{}}],
"data":{"object":` + payoutOrderJSON + `,"previous_attributes":{"status":"pending"}}}`

const webhookKeyJSON = `{"id":"62f6d5c3e4d2a3001b7d2b11","object":"webhook_key","active":true,"livemode":false,"created_at":1660343747,"deactivated_at":null,
"public_key":"-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"}`

func listJSON(items string, hasMore bool, next string) string {
	nextURL := "null"
	if next != "" {
		nextURL = `"https://api-core.stg.femsa.io/x?limit=2&next=` + next + `"`
	}
	hm := "false"
	if hasMore {
		hm = "true"
	}
	return `{"object":"list","has_more":` + hm + `,"next_page_url":` + nextURL + `,"previous_page_url":null,"data":[` + items + `]}`
}

func assertParamField(t *testing.T, err error, field string) {
	t.Helper()
	require.ErrorIs(t, err, ErrInvalidParams)
	var pe *transport.ParamError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, field, pe.Field)
	assert.True(t, strings.HasPrefix(err.Error(), "digitalfemsa: "), err.Error())
}

func jsonResponder(body string) httpmock.Responder {
	return httpmock.NewStringResponder(200, body).HeaderSet(map[string][]string{"Content-Type": {"application/vnd.app-v2.1.0+json"}})
}

func assertWebhookKey(t *testing.T, k *WebhookKey) {
	t.Helper()
	assert.Equal(t, "62f6d5c3e4d2a3001b7d2b11", k.ID)
	assert.Equal(t, "webhook_key", k.Object)
	assert.True(t, k.Active)
	assert.False(t, k.Livemode)
	assert.Equal(t, int64(1660343747), k.CreatedAt.Unix())
	assert.True(t, k.DeactivatedAt.IsZero())
	assert.Equal(t, "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n", k.PublicKey)
}

func assertEvent(t *testing.T, ev *Event) {
	t.Helper()
	assert.Equal(t, "6463d6e35a4c3e001819e760", ev.ID)
	assert.Equal(t, "event", ev.Object)
	assert.Equal(t, EventCashoutConfirmed, ev.Type)
	assert.False(t, ev.Livemode)
	assert.Equal(t, int64(1684264675), ev.CreatedAt.Unix())
	assert.Equal(t, "successful", ev.WebhookStatus)
	require.Len(t, ev.WebhookLogs, 1)
	wl := ev.WebhookLogs[0]
	assert.Equal(t, "webhl_2tsv6NzWJHBWCkqGt", wl.ID)
	assert.Equal(t, "https://shop.example/hooks", wl.URL)
	assert.Equal(t, 0, wl.FailedAttempts)
	assert.Equal(t, int64(1684264676), wl.LastAttemptedAt.Unix())
	assert.Equal(t, 200, wl.LastHTTPResponseStatus)
	assert.Equal(t, "payout_order", ev.ObjectType())
	assert.JSONEq(t, `{"status":"pending"}`, string(ev.Data.PreviousAttributes))
	po, err := ev.PayoutOrder()
	require.NoError(t, err)
	assertPayoutOrder(t, po)
}

// ptr returns a pointer to v, for the fields a null leaves nil.
func ptr[T any](v T) *T { return &v }
