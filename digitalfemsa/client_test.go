package digitalfemsa

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/latampay/latampay-go/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		key  string
		opts []Option
	}{
		"empty key":           {"", nil},
		"blank key":           {"   ", nil},
		"key with a newline":  {testKey + "\n", nil},
		"bad language":        {testKey, []Option{WithLanguage("pt")}},
		"empty child company": {testKey, []Option{WithChildCompanyID("")}},
		"newline child":       {testKey, []Option{WithChildCompanyID("a\nb")}},
		"plain http":          {testKey, []Option{WithBaseURL("http://api.example.com")}},
		"negative retries":    {testKey, []Option{WithMaxRetries(-1)}},
		"nil http client":     {testKey, []Option{WithHTTPClient(nil)}},
		"min above max":       {testKey, []Option{WithRetryWait(time.Second, time.Millisecond)}},
		"zero timeout":        {testKey, []Option{WithTimeout(0)}},
		"zero option":         {testKey, []Option{{}}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tc.key, tc.opts...)
			assert.Error(t, err)
			assert.Nil(t, c)
		})
	}
}

func TestOptionalHeaders(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithLanguage("en"), WithChildCompanyID("6441b6376b60c3a638da80af"), WithAppInfo("shop", "1.2"))
	rec := respond(mt, "GET", "/balance", 200, `{"available":[]}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	checkRequest(t, rec, "GET", "/balance", "", "")
	req, _ := rec.Last(t)
	assert.Equal(t, "en", req.Header.Get("Accept-Language"))
	assert.Contains(t, req.Header.Get("User-Agent"), "shop/1.2")
	assert.Contains(t, req.Header.Get("User-Agent"), "digitalfemsa")
}

func TestNoOptionalHeadersByDefault(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "GET", "/balance", 200, `{"available":[]}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Empty(t, req.Header.Values("Accept-Language"))
	assert.Empty(t, req.Header.Values("X-Child-Company-Id"))
}

func TestLaterOptionWins(t *testing.T) {
	t.Parallel()
	c, mt := setup(t, WithLanguage("en"), WithLanguage("es"))
	rec := respond(mt, "GET", "/balance", 200, `{"available":[]}`)
	_, err := c.Balance.Get(ctx)
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Equal(t, "es", req.Header.Get("Accept-Language"))
}

func TestBaseURLPrefixIsKept(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("GET", "https://proxy.example.com/femsa/customers/cus_1", httpmock.NewStringResponder(200, customerJSON))
	c, err := NewClient(testKey, WithBaseURL("https://proxy.example.com/femsa/"), WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	cus, err := c.Customers.Get(ctx, "cus_1")
	require.NoError(t, err)
	assert.Equal(t, "cus_2pwMQPxiLJ8WzzqZJ", cus.ID)
}

func TestClientsDoNotInterfere(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	seen := make(chan string, 2)
	mt.RegisterResponder("GET", ProductionURL+"/balance", func(r *http.Request) (*http.Response, error) {
		u, _, _ := r.BasicAuth()
		seen <- u
		return httpmock.NewStringResponse(200, `{"available":[]}`), nil
	})
	a, err := NewClient("key_a", WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	b, err := NewClient("key_b", WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	_, err = a.Balance.Get(ctx)
	require.NoError(t, err)
	_, err = b.Balance.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, "key_a", <-seen)
	assert.Equal(t, "key_b", <-seen)
}

func TestClientStringHidesKey(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(f, c), testKey)
	}
}

// X-Child-Company-Id goes only on the operations whose specification
// declares it.
func TestChildCompanyOnlyWhereDeclared(t *testing.T) {
	t.Parallel()
	const child = "6441b6376b60c3a638da80af"
	items := []LineItem{{Name: "a", UnitPrice: 100, Quantity: 1}}
	on := true
	for _, tc := range []struct {
		method, path, body string
		call               func(c *Client) error
		want               bool
	}{
		{"GET", "/customers/cus_1", customerJSON, func(c *Client) error { _, err := c.Customers.Get(ctx, "cus_1"); return err }, true},
		{"POST", "/customers", customerJSON, func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "A", Email: "a@b.mx"})
			return err
		}, true},
		{"GET", "/customers", listJSON(customerJSON, false, ""), func(c *Client) error { _, err := c.Customers.List(ctx, nil); return err }, true},
		{"POST", "/orders", orderJSON, func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: items})
			return err
		}, true},
		{"POST", "/orders/ord_1/refunds", orderJSON, func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "ord_1", &RefundParams{Amount: 1, Reason: RefundOther})
			return err
		}, true},
		{"GET", "/events/ev_1", eventJSON, func(c *Client) error { _, err := c.Events.Get(ctx, "ev_1"); return err }, true},
		{"GET", "/webhook_keys/wk_1", webhookKeyJSON, func(c *Client) error { _, err := c.WebhookKeys.Get(ctx, "wk_1"); return err }, true},
		{"GET", "/webhook_keys", listJSON(webhookKeyJSON, false, ""), func(c *Client) error { _, err := c.WebhookKeys.List(ctx, nil); return err }, true},
		// Not declared by the specification:
		{"GET", "/balance", `{"available":[]}`, func(c *Client) error { _, err := c.Balance.Get(ctx); return err }, false},
		{"PUT", "/orders/ord_1", orderJSON, func(c *Client) error {
			_, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{Currency: "MXN"})
			return err
		}, false},
		{"POST", "/webhook_keys", webhookKeyJSON, func(c *Client) error { _, err := c.WebhookKeys.Create(ctx, &WebhookKeyParams{}); return err }, false},
		{"PUT", "/webhook_keys/wk_1", webhookKeyJSON, func(c *Client) error {
			_, err := c.WebhookKeys.Update(ctx, "wk_1", &WebhookKeyParams{Active: &on})
			return err
		}, false},
		{"DELETE", "/webhook_keys/wk_1", webhookKeyJSON, func(c *Client) error { _, err := c.WebhookKeys.Delete(ctx, "wk_1"); return err }, false},
		// Payout orders: Conekta's specification declares it on none.
		{"GET", "/payout_orders/po_1", payoutOrderJSON, func(c *Client) error { _, err := c.PayoutOrders.Get(ctx, "po_1"); return err }, false},
		{"POST", "/payout_orders", payoutOrderJSON, func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 100, CustomerID: "c", Reason: "r"})
			return err
		}, false},
	} {
		c, mt := setup(t, WithChildCompanyID(child))
		rec := respond(mt, tc.method, tc.path, 200, tc.body)
		require.NoError(t, tc.call(c), tc.path)
		req, _ := rec.Last(t)
		if tc.want {
			assert.Equal(t, child, req.Header.Get("X-Child-Company-Id"), "%s %s", tc.method, tc.path)
		} else {
			assert.Empty(t, req.Header.Values("X-Child-Company-Id"), "%s %s", tc.method, tc.path)
		}
	}
}

func TestClientString(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	assert.Equal(t, "digitalfemsa.Client{https://api.digitalfemsa.io}", c.String())
	assert.Equal(t, "digitalfemsa.Client{https://api.digitalfemsa.io}", fmt.Sprintf("%v", c))
	assert.Equal(t, "digitalfemsa.Client{https://api.digitalfemsa.io}", fmt.Sprintf("%#v", c))
	var zero Client
	assert.Equal(t, "digitalfemsa.Client{}", zero.String())
	assert.Equal(t, "digitalfemsa.Client{}", fmt.Sprintf("%v", &zero))
	var nilClient *Client
	assert.Equal(t, "digitalfemsa.Client{}", nilClient.String())
	assert.Equal(t, "digitalfemsa.Client{}", nilClient.GoString())
}

// Every exported method of every service, on a zero Client and on nil
// services, returns an error matching ErrNoClient: never a panic.
func TestZeroValueClient(t *testing.T) {
	t.Parallel()
	var zero Client
	cv := reflect.ValueOf(&zero).Elem()
	n, services := 0, 0
	for i := 0; i < cv.NumField(); i++ {
		f := cv.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		// Every service has the shape of service, so use guards it; and
		// each one has methods to call.
		require.True(t, f.Type.Elem().ConvertibleTo(reflect.TypeOf(service{})), "%s is no service", f.Name)
		require.NotZero(t, f.Type.NumMethod(), f.Name)
		services++
		for _, svc := range []reflect.Value{cv.Field(i), reflect.New(f.Type.Elem()), reflect.ValueOf(&service{c: &conn{}}).Convert(f.Type)} {
			// The field of a zero Client is a nil pointer; a service made
			// with new has no connection, nor one on a conn without a
			// transport.
			for m := 0; m < svc.NumMethod(); m++ {
				meth := svc.Type().Method(m)
				mv := svc.Method(m)
				args := make([]reflect.Value, mv.Type().NumIn())
				for a := range args {
					args[a] = reflect.Zero(mv.Type().In(a))
				}
				args[0] = reflect.ValueOf(ctx)
				var out []reflect.Value
				require.NotPanics(t, func() { out = mv.Call(args) }, "%s.%s", f.Name, meth.Name)
				last := out[len(out)-1]
				var err error
				if last.Type() == reflect.TypeOf((*error)(nil)).Elem() {
					err, _ = last.Interface().(error)
				} else {
					// An All: its first yield carries the error.
					last.Call([]reflect.Value{reflect.MakeFunc(last.Type().In(0), func(a []reflect.Value) []reflect.Value {
						err, _ = a[1].Interface().(error)
						return []reflect.Value{reflect.ValueOf(false)}
					})})
				}
				require.ErrorIs(t, err, ErrNoClient, "%s.%s", f.Name, meth.Name)
				assert.True(t, strings.HasPrefix(err.Error(), "digitalfemsa: "), err.Error())
				n++
			}
		}
	}
	// Every field of a Client made by NewClient is one of the services
	// checked here: none was left out.
	real, _ := setup(t)
	rv := reflect.ValueOf(real).Elem()
	fields := 0
	for i := 0; i < rv.NumField(); i++ {
		if rv.Type().Field(i).IsExported() {
			require.False(t, rv.Field(i).IsNil(), rv.Type().Field(i).Name)
			fields++
		}
	}
	assert.Equal(t, fields, services)
	assert.Equal(t, 19, services)
	assert.Greater(t, n, 200)
	assert.NoError(t, zero.Close())
	assert.NoError(t, (*Client)(nil).Close())
}

func TestClose(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	require.NoError(t, c.Close())
	_, err := c.Customers.Get(ctx, "cus_1")
	require.ErrorIs(t, err, ErrClientClosed)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

// Basic is the default; WithBearerAuth sends the spec's Bearer scheme.
func TestAuthSchemes(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts []Option
		want string
	}{
		"basic by default": {nil, wantAuth},
		"bearer":           {[]Option{WithBearerAuth()}, "Bearer " + testKey},
	} {
		c, mt := setup(t, tc.opts...)
		rec := respond(mt, "GET", "/customers/cus_1", 200, customerJSON)
		_, err := c.Customers.Get(ctx, "cus_1")
		require.NoError(t, err, name)
		req, _ := rec.Last(t)
		assert.Equal(t, tc.want, req.Header.Get("Authorization"), name)
		assert.NotContains(t, fmt.Sprintf("%v %#v", c, c), testKey)
	}
}

// Every operation the df-ops services add sends X-Child-Company-Id exactly
// where the API specification declares it: all of them but webhook
// create, delete and test and event resend. The table names every
// exported method of those services, so a new method without a row fails.
func TestChildCompanyOnEveryNewOperation(t *testing.T) {
	t.Parallel()
	const child = "6441b6376b60c3a638da80af"
	exp := time.Now().Add(48 * time.Hour)
	items := []LineItem{{Name: "a", UnitPrice: 100, Quantity: 1}}
	addr := FiscalAddress{Street1: "Calle 123", PostalCode: "06100", City: "CDMX", Country: "MX", ExternalNumber: "123"}
	ship := ShippingAddress{Street1: "Calle 1", PostalCode: "06100", City: "CDMX", Country: "MX"}
	amount := int64(5)
	type row struct {
		op, method, path, body string
		call                   func(c *Client) error
		want                   bool
	}
	errOf := func(_ any, err error) error { return err }
	rows := []row{
		{"Charges.Create", "POST", "/orders/ord_1/charges", chargeJSON, func(c *Client) error {
			return errOf(c.Charges.Create(ctx, "ord_1", &OrderChargeParams{Type: PaymentMethodCash}))
		}, true},
		{"Charges.Update", "PUT", "/charges/ch_1", chargeJSON, func(c *Client) error {
			return errOf(c.Charges.Update(ctx, "ch_1", &ChargeUpdateParams{ReferenceID: "r"}))
		}, true},
		{"Charges.List", "GET", "/charges", listJSON(chargeJSON, false, ""), func(c *Client) error { return errOf(c.Charges.List(ctx, nil)) }, true},
		{"Orders.Cancel", "POST", "/orders/ord_1/cancel", orderJSON, func(c *Client) error { return errOf(c.Orders.Cancel(ctx, "ord_1")) }, true},
		{"Orders.Capture", "POST", "/orders/ord_1/capture", orderJSON, func(c *Client) error {
			return errOf(c.Orders.Capture(ctx, "ord_1", &OrderCaptureParams{Amount: 100}))
		}, true},
		{"Orders.CancelRefund", "DELETE", "/orders/ord_1/refunds/rf_1", orderJSON, func(c *Client) error {
			return errOf(c.Orders.CancelRefund(ctx, "ord_1", "rf_1"))
		}, true},
		{"LineItems.Create", "POST", "/orders/ord_1/line_items", lineItemJSON, func(c *Client) error {
			return errOf(c.LineItems.Create(ctx, "ord_1", &items[0]))
		}, true},
		{"LineItems.Update", "PUT", "/orders/ord_1/line_items/li_1", lineItemJSON, func(c *Client) error {
			return errOf(c.LineItems.Update(ctx, "ord_1", "li_1", &LineItemUpdateParams{Name: "b"}))
		}, true},
		{"LineItems.Delete", "DELETE", "/orders/ord_1/line_items/li_1", lineItemJSON, func(c *Client) error {
			return errOf(c.LineItems.Delete(ctx, "ord_1", "li_1"))
		}, true},
		{"ShippingLines.Create", "POST", "/orders/ord_1/shipping_lines", shippingLineJSON, func(c *Client) error {
			return errOf(c.ShippingLines.Create(ctx, "ord_1", &ShippingLineParams{Amount: 1}))
		}, true},
		{"ShippingLines.Update", "PUT", "/orders/ord_1/shipping_lines/sl_1", shippingLineJSON, func(c *Client) error {
			return errOf(c.ShippingLines.Update(ctx, "ord_1", "sl_1", &ShippingLineParams{Amount: 1}))
		}, true},
		{"ShippingLines.Delete", "DELETE", "/orders/ord_1/shipping_lines/sl_1", shippingLineJSON, func(c *Client) error {
			return errOf(c.ShippingLines.Delete(ctx, "ord_1", "sl_1"))
		}, true},
		{"TaxLines.Create", "POST", "/orders/ord_1/tax_lines", taxLineJSON, func(c *Client) error {
			return errOf(c.TaxLines.Create(ctx, "ord_1", &TaxLineParams{Amount: 1, Description: "IVA"}))
		}, true},
		{"TaxLines.Update", "PUT", "/orders/ord_1/tax_lines/tl_1", taxLineJSON, func(c *Client) error {
			return errOf(c.TaxLines.Update(ctx, "ord_1", "tl_1", &TaxLineUpdateParams{Amount: &amount}))
		}, true},
		{"TaxLines.Delete", "DELETE", "/orders/ord_1/tax_lines/tl_1", taxLineJSON, func(c *Client) error {
			return errOf(c.TaxLines.Delete(ctx, "ord_1", "tl_1"))
		}, true},
		{"DiscountLines.Create", "POST", "/orders/ord_1/discount_lines", discountLineJSON, func(c *Client) error {
			return errOf(c.DiscountLines.Create(ctx, "ord_1", &DiscountLineParams{Amount: 1, Code: "X", Type: DiscountCoupon}))
		}, true},
		{"DiscountLines.Get", "GET", "/orders/ord_1/discount_lines/dl_1", discountLineJSON, func(c *Client) error {
			return errOf(c.DiscountLines.Get(ctx, "ord_1", "dl_1"))
		}, true},
		{"DiscountLines.Update", "PUT", "/orders/ord_1/discount_lines/dl_1", discountLineJSON, func(c *Client) error {
			return errOf(c.DiscountLines.Update(ctx, "ord_1", "dl_1", &DiscountLineUpdateParams{Code: "Y"}))
		}, true},
		{"DiscountLines.Delete", "DELETE", "/orders/ord_1/discount_lines/dl_1", discountLineJSON, func(c *Client) error {
			return errOf(c.DiscountLines.Delete(ctx, "ord_1", "dl_1"))
		}, true},
		{"DiscountLines.List", "GET", "/orders/ord_1/discount_lines", listJSON(discountLineJSON, false, ""), func(c *Client) error {
			return errOf(c.DiscountLines.List(ctx, "ord_1", nil))
		}, true},
		{"PaymentSources.Create", "POST", "/customers/cus_1/payment_sources", paymentSourceJSON, func(c *Client) error {
			return errOf(c.PaymentSources.Create(ctx, "cus_1", &PaymentSourceParams{}))
		}, true},
		{"PaymentSources.Update", "PUT", "/customers/cus_1/payment_sources/src_1", paymentSourceJSON, func(c *Client) error {
			return errOf(c.PaymentSources.Update(ctx, "cus_1", "src_1", &PaymentSourceUpdateParams{Name: "n"}))
		}, true},
		{"PaymentSources.Delete", "DELETE", "/customers/cus_1/payment_sources/src_1", paymentSourceJSON, func(c *Client) error {
			return errOf(c.PaymentSources.Delete(ctx, "cus_1", "src_1"))
		}, true},
		{"PaymentSources.List", "GET", "/customers/cus_1/payment_sources", listJSON(paymentSourceJSON, false, ""), func(c *Client) error {
			return errOf(c.PaymentSources.List(ctx, "cus_1", nil))
		}, true},
		{"FiscalEntities.Create", "POST", "/customers/cus_1/fiscal_entities", fiscalEntityJSON, func(c *Client) error {
			return errOf(c.FiscalEntities.Create(ctx, "cus_1", &FiscalEntityParams{Address: addr}))
		}, true},
		{"FiscalEntities.Update", "PUT", "/customers/cus_1/fiscal_entities/fe_1", fiscalEntityJSON, func(c *Client) error {
			return errOf(c.FiscalEntities.Update(ctx, "cus_1", "fe_1", &FiscalEntityUpdateParams{Address: &addr}))
		}, true},
		{"ShippingContacts.Create", "POST", "/customers/cus_1/shipping_contacts", shippingContactJSON, func(c *Client) error {
			return errOf(c.ShippingContacts.Create(ctx, "cus_1", &ShippingContactParams{Address: ship}))
		}, true},
		{"ShippingContacts.Update", "PUT", "/customers/cus_1/shipping_contacts/sc_1", shippingContactJSON, func(c *Client) error {
			return errOf(c.ShippingContacts.Update(ctx, "cus_1", "sc_1", &ShippingContactUpdateParams{Receiver: "Ana"}))
		}, true},
		{"ShippingContacts.Delete", "DELETE", "/customers/cus_1/shipping_contacts/sc_1", shippingContactJSON, func(c *Client) error {
			return errOf(c.ShippingContacts.Delete(ctx, "cus_1", "sc_1"))
		}, true},
		{"Checkouts.Create", "POST", "/checkouts", checkoutJSON, func(c *Client) error {
			return errOf(c.Checkouts.Create(ctx, &CheckoutParams{Name: "L", ExpiresAt: exp, OrderTemplate: CheckoutOrderTemplate{LineItems: items}}))
		}, true},
		{"Checkouts.Get", "GET", "/checkouts/chk_1", checkoutJSON, func(c *Client) error { return errOf(c.Checkouts.Get(ctx, "chk_1")) }, true},
		{"Checkouts.Cancel", "PUT", "/checkouts/chk_1/cancel", checkoutJSON, func(c *Client) error { return errOf(c.Checkouts.Cancel(ctx, "chk_1")) }, true},
		{"Checkouts.Email", "POST", "/checkouts/chk_1/email", checkoutJSON, func(c *Client) error {
			return errOf(c.Checkouts.Email(ctx, "chk_1", "a@b.mx"))
		}, true},
		{"Checkouts.List", "GET", "/checkouts", listJSON(checkoutJSON, false, ""), func(c *Client) error { return errOf(c.Checkouts.List(ctx, nil)) }, true},
		{"Webhooks.Get", "GET", "/webhooks/wh_1", webhookJSON, func(c *Client) error { return errOf(c.Webhooks.Get(ctx, "wh_1")) }, true},
		{"Webhooks.Update", "PUT", "/webhooks/wh_1", webhookJSON, func(c *Client) error {
			return errOf(c.Webhooks.Update(ctx, "wh_1", &WebhookUpdateParams{URL: "https://shop.example/h"}))
		}, true},
		{"Webhooks.List", "GET", "/webhooks", listJSON(webhookJSON, false, ""), func(c *Client) error { return errOf(c.Webhooks.List(ctx, nil)) }, true},
		{"Transactions.Get", "GET", "/transactions/tx_1", transactionJSON, func(c *Client) error { return errOf(c.Transactions.Get(ctx, "tx_1")) }, true},
		{"Transactions.List", "GET", "/transactions", listJSON(transactionJSON, false, ""), func(c *Client) error {
			return errOf(c.Transactions.List(ctx, &TransactionListParams{Currency: "MXN"}))
		}, true},
		{"Transfers.Get", "GET", "/transfers/trf_1", transferJSON, func(c *Client) error { return errOf(c.Transfers.Get(ctx, "trf_1")) }, true},
		{"Transfers.List", "GET", "/transfers", listJSON(transferJSON, false, ""), func(c *Client) error { return errOf(c.Transfers.List(ctx, nil)) }, true},
		{"Logs.Get", "GET", "/logs/log_1", logJSON, func(c *Client) error { return errOf(c.Logs.Get(ctx, "log_1")) }, true},
		{"Logs.List", "GET", "/logs", listJSON(logJSON, false, ""), func(c *Client) error { return errOf(c.Logs.List(ctx, nil)) }, true},
		// Not declared by the specification:
		{"Webhooks.Create", "POST", "/webhooks", webhookJSON, func(c *Client) error {
			return errOf(c.Webhooks.Create(ctx, &WebhookParams{URL: "https://shop.example/h"}))
		}, false},
		{"Webhooks.Delete", "DELETE", "/webhooks/wh_1", webhookJSON, func(c *Client) error { return errOf(c.Webhooks.Delete(ctx, "wh_1")) }, false},
		{"Webhooks.Test", "POST", "/webhooks/wh_1/test", webhookJSON, func(c *Client) error { return errOf(c.Webhooks.Test(ctx, "wh_1")) }, false},
		{"Events.Resend", "POST", "/events/ev_1/webhook_logs/wl_1/resend", `{"id":"webhl_1","url":"https://shop.example/h"}`, func(c *Client) error {
			return errOf(c.Events.Resend(ctx, "ev_1", "wl_1"))
		}, false},
	}

	// Every method of the new services has a row (All shares its List's).
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.op] = true
	}
	var z Client
	for _, name := range []string{"Charges", "LineItems", "ShippingLines", "TaxLines", "DiscountLines", "PaymentSources",
		"FiscalEntities", "ShippingContacts", "Checkouts", "Webhooks", "Transactions", "Transfers", "Logs"} {
		typ := reflect.ValueOf(&z).Elem().FieldByName(name).Type()
		require.NotZero(t, typ.NumMethod(), name)
		for m := 0; m < typ.NumMethod(); m++ {
			if op := name + "." + typ.Method(m).Name; typ.Method(m).Name != "All" {
				assert.True(t, seen[op], "no row for %s", op)
			}
		}
	}

	for _, r := range rows {
		t.Run(r.op, func(t *testing.T) {
			t.Parallel()
			for _, withChild := range []bool{true, false} {
				var opts []Option
				if withChild {
					opts = append(opts, WithChildCompanyID(child))
				}
				c, mt := setup(t, opts...)
				rec := respond(mt, r.method, r.path, 200, r.body)
				require.NoError(t, r.call(c))
				req, _ := rec.Last(t)
				if withChild && r.want {
					assert.Equal(t, []string{child}, req.Header.Values("X-Child-Company-Id"))
				} else {
					assert.Empty(t, req.Header.Values("X-Child-Company-Id"))
				}
			}
		})
	}
}

func TestOpsObjectMustMatch(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "GET", "/checkouts/chk_1", 200, `{"id":"6553fe1d1f1c6f0001a3c1a2","object":"charge","livemode":false,"name":"x"}`)
	_, err := c.Checkouts.Get(ctx, "chk_1")
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), `"charge"`)

	// On a money-moving call the same answer leaves the outcome unknown.
	respond(mt, "POST", "/orders/ord_1/capture", 200, `{"id":"6553fe1d1f1c6f0001a3c1a2","object":"charge"}`)
	_, err = c.Orders.Capture(ctx, "ord_1", &OrderCaptureParams{Amount: 100})
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)

	respond(mt, "GET", "/transfers/trf_1", 200, `{"object":"transfer"}`)
	_, err = c.Transfers.Get(ctx, "trf_1")
	assert.ErrorIs(t, err, ErrMalformedResponse)
}

// A 2xx whose body is no object with an id is malformed, whatever the call;
// a call that is never repeated cannot tell whether it took effect.
func TestObjectWithoutIDIsMalformed(t *testing.T) {
	t.Parallel()
	items := []LineItem{{Name: "a", UnitPrice: 100, Quantity: 1}}
	on := true
	calls := []struct {
		route string
		// sentOnce: a POST or a money-moving call, never repeated.
		sentOnce bool
		call     func(c *Client) (any, error)
	}{
		{"POST /customers", true, func(c *Client) (any, error) {
			return c.Customers.Create(ctx, &CustomerParams{Name: "a", Email: "a@example.mx"})
		}},
		{"GET /customers/cus_1", false, func(c *Client) (any, error) { return c.Customers.Get(ctx, "cus_1") }},
		{"PUT /customers/cus_1", false, func(c *Client) (any, error) {
			return c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{Name: "b"})
		}},
		{"DELETE /customers/cus_1", false, func(c *Client) (any, error) { return c.Customers.Delete(ctx, "cus_1") }},
		{"POST /payout_orders", true, func(c *Client) (any, error) {
			return c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r"})
		}},
		{"GET /payout_orders/po_1", false, func(c *Client) (any, error) { return c.PayoutOrders.Get(ctx, "po_1") }},
		{"PUT /payout_orders/po_1/cancel", true, func(c *Client) (any, error) { return c.PayoutOrders.Cancel(ctx, "po_1") }},
		{"POST /orders", true, func(c *Client) (any, error) {
			return c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "cus_1"}, LineItems: items})
		}},
		{"GET /orders/ord_1", false, func(c *Client) (any, error) { return c.Orders.Get(ctx, "ord_1") }},
		{"PUT /orders/ord_1", false, func(c *Client) (any, error) {
			return c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{Metadata: map[string]string{"a": "b"}})
		}},
		{"POST /orders/ord_1/refunds", true, func(c *Client) (any, error) {
			return c.Orders.Refund(ctx, "ord_1", &RefundParams{Amount: 100, Reason: RefundOther})
		}},
		{"POST /webhook_keys", true, func(c *Client) (any, error) { return c.WebhookKeys.Create(ctx, &WebhookKeyParams{}) }},
		{"GET /webhook_keys/wk_1", false, func(c *Client) (any, error) { return c.WebhookKeys.Get(ctx, "wk_1") }},
		{"PUT /webhook_keys/wk_1", false, func(c *Client) (any, error) { return c.WebhookKeys.Update(ctx, "wk_1", &WebhookKeyParams{Active: &on}) }},
		{"DELETE /webhook_keys/wk_1", false, func(c *Client) (any, error) { return c.WebhookKeys.Delete(ctx, "wk_1") }},
		{"GET /events/ev_1", false, func(c *Client) (any, error) { return c.Events.Get(ctx, "ev_1") }},
	}
	bodies := map[string]string{
		"empty object": `{}`,
		"null":         `null`,
		"no id":        `{"object":"payout_order","status":"pending","amount":3000}`,
		"empty id":     `{"id":"","object":"order"}`,
	}
	for _, cl := range calls {
		for name, body := range bodies {
			t.Run(cl.route+"/"+name, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				method, path, _ := cut(cl.route)
				rec := respond(mt, method, path, 200, body)
				got, err := cl.call(c)
				assert.Nil(t, got)
				require.ErrorIs(t, err, ErrMalformedResponse)
				var me *transport.MalformedResponseError
				require.ErrorAs(t, err, &me)
				assert.Equal(t, 200, me.StatusCode)
				assert.Equal(t, cl.sentOnce, errors.Is(err, ErrOutcomeUnknown), "%v", err)
				assert.Equal(t, 1, rec.Count())
			})
		}
	}
}
