package culqi

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/mocktest"
)

const (
	testSK = "sk_test_0123456789abcdef"
	testPK = "pk_test_0123456789abcdef"
)

// setup returns a client on a per-test mock transport, with no retries
// unless opts add them.
func setup(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	all := []Option{WithHTTPClient(&http.Client{Transport: mt}), WithRetryWait(time.Millisecond, 2*time.Millisecond),
		WithPublicKey(testPK), WithMaxRetries(0)}
	c, err := NewClient(testSK, append(all, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// on registers a responder answering status and body (with a tracking id)
// and returns what it records.
func on(mt *httpmock.MockTransport, method, url string, status int, body string) *mocktest.Recorder {
	respond, rec := mocktest.Record(httpmock.NewStringResponder(status, body).HeaderSet(http.Header{
		"Content-Type": {"application/json;charset=UTF-8"}, "X-CULQI-TRACKING-ID": {"10142130"}}))
	mt.RegisterResponder(method, url, respond)
	return rec
}

// assertHeaders checks the headers of every request: the key, JSON, the UA.
func assertHeaders(t *testing.T, r *http.Request, key string, withBody bool) {
	t.Helper()
	assert.Equal(t, "Bearer "+key, r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "latampay-go/"), r.Header.Get("User-Agent"))
	if withBody {
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	}
}

const tokenJSON = `{"object":"token","id":"tkn_test_cQLnnGuahVeZOr9P","type":"card","creation_date":1589341057000,
"email":"richard@piedpiper.com","card_number":"411111******1111","last_four":"1111","active":true,
"iin":{"object":"iin","bin":"411111","card_brand":"Visa","card_type":"credito","card_category":"Clásica",
"issuer":{"name":"BBVA","country":"PERU","country_code":"PE","website":null,"phone_number":null},
"installments_allowed":[2,4,6]},
"client":{"ip":"190.237.22.191","ip_country":"Peru","ip_country_code":"PE","browser":"UNKNOWN","device_fingerprint":null,"device_type":"Escritorio"},
"metadata":{"order":"42","n":7}}`

const chargeJSON = `{"duplicated":false,"object":"charge","id":"chr_test_J1QRDJ2xZUXF0Ggv","creation_date":1589341061000,
"amount":1000,"amount_refunded":100,"current_amount":900,"installments":1,"installments_amount":1000,"currency_code":"PEN",
"email":"richard@piedpiper.com","description":"Venta de prueba","source":` + tokenJSON + `,
"outcome":{"type":"venta_exitosa","code":"AUT0000","merchant_message":"La operación de venta ha sido autorizada exitosamente","user_message":"Su compra ha sido exitosa."},
"fraud_score":6.0,"antifraud_details":{"first_name":"Richard","last_name":"Piedpiper","address":"Av Lima 123","address_city":"LIMA","country_code":"PE","phone":"+51998989789","object":"client"},
"dispute":false,"capture":false,"reference_code":"Sn1NGJp47Y","authorization_code":"W7vqDp","metadata":{"order_id":"0001"},
"total_fee":47,"fee_details":{"fixed_fee":{},"variable_fee":{"currency_code":"PEN","commision":0.0399,"total":40}},
"total_fee_taxes":7,"transfer_amount":953,"paid":false,"statement_descriptor":"CULQI*","transfer_id":null,"capture_date":1589341062000,
"operations":[{"type":"devolución","id":"ref_test_rXPsaM3AmvuRrHIh","creation_date":1615131780000,"amount":100,"operation_id":1,"fixed_fee":null,"variable_fee":null,"total_fee_taxes":null,"transfer_amount":null}]}`

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

// sentKey returns the reconciliation key in a create's JSON body.
func sentKey(t *testing.T, body string) string {
	t.Helper()
	var b struct {
		Metadata map[string]string `json:"metadata"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &b))
	require.Contains(t, b.Metadata, ReconcileMetadataKey)
	return b.Metadata[ReconcileMetadataKey]
}

var ctx = context.Background()
