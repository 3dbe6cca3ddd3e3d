package digitalfemsa

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

// opsServices are the services this change adds, by Client field name.
func opsServices(c *Client) map[string]any {
	return map[string]any{
		"Charges": c.Charges, "LineItems": c.LineItems, "ShippingLines": c.ShippingLines, "TaxLines": c.TaxLines,
		"DiscountLines": c.DiscountLines, "PaymentSources": c.PaymentSources, "FiscalEntities": c.FiscalEntities,
		"ShippingContacts": c.ShippingContacts, "Checkouts": c.Checkouts, "Webhooks": c.Webhooks,
		"Transactions": c.Transactions, "Transfers": c.Transfers, "Logs": c.Logs,
	}
}

// invokeAll calls every exported method of svc with a background context,
// "id_1" for every string and a zero (non-nil) value for every pointer,
// and returns each method's error; an iterator is walked for its error.
func invokeAll(t *testing.T, svc reflect.Value) map[string]error {
	t.Helper()
	out := map[string]error{}
	for i := 0; i < svc.NumMethod(); i++ {
		m := svc.Type().Method(i)
		ft := svc.Method(i).Type()
		args := []reflect.Value{reflect.ValueOf(context.Background())}
		for j := 1; j < ft.NumIn(); j++ {
			switch in := ft.In(j); in.Kind() {
			case reflect.String:
				args = append(args, reflect.ValueOf("id_1").Convert(in))
			case reflect.Pointer:
				args = append(args, reflect.New(in.Elem()))
			default:
				t.Fatalf("%s: unexpected argument %s", m.Name, in)
			}
		}
		res := svc.Method(i).Call(args)
		last := res[len(res)-1]
		if last.Kind() == reflect.Func { // an iter.Seq2[*T, error]
			var got error
			yield := reflect.MakeFunc(last.Type().In(0), func(a []reflect.Value) []reflect.Value {
				if e, ok := a[1].Interface().(error); ok && e != nil {
					got = e
				}
				return []reflect.Value{reflect.ValueOf(false)}
			})
			last.Call([]reflect.Value{yield})
			out[m.Name] = got
			continue
		}
		err, _ := last.Interface().(error)
		out[m.Name] = err
	}
	return out
}

// Every method of a nil service, and of the services of a Client that
// NewClient did not make, fails with ErrNoClient instead of a panic, even
// with params that would be refused.
func TestOpsServicesWithoutClient(t *testing.T) {
	t.Parallel()
	real, _ := setup(t)
	for name, svc := range opsServices(real) {
		typ := reflect.TypeOf(svc)
		for label, v := range map[string]reflect.Value{
			"nil service":    reflect.Zero(typ),
			"zero transport": reflect.New(typ.Elem()),
		} {
			errs := invokeAll(t, v)
			require.NotEmpty(t, errs, name)
			for method, err := range errs {
				// The missing client is told first, before the params.
				require.ErrorIs(t, err, transport.ErrNoClient, "%s.%s on a %s", name, method, label)
				assert.True(t, strings.HasPrefix(err.Error(), "digitalfemsa: "), err.Error())
			}
		}
	}
	// The actions added to existing services too.
	var orders *OrdersService
	_, err := orders.Cancel(ctx, "")
	assert.ErrorIs(t, err, transport.ErrNoClient)
	_, err = orders.Capture(ctx, "ord_1", nil)
	assert.ErrorIs(t, err, transport.ErrNoClient)
	_, err = orders.CancelRefund(ctx, "ord_1", "rf_1")
	assert.ErrorIs(t, err, transport.ErrNoClient)
	var events *EventsService
	_, err = events.Resend(ctx, "ev_1", "webhl_1")
	assert.ErrorIs(t, err, transport.ErrNoClient)
}

// An answer naming another kind of object than the one asked for is
// malformed, not decoded into the wrong type.
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

// Ids that would change the request's path are refused before any I/O,
// on the money-moving paths above all; others are escaped.
func TestOpsPathIDs(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for _, bad := range []string{"", ".", ".."} {
		_, err := c.Orders.Capture(ctx, bad, &OrderCaptureParams{Amount: 100})
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Charges.Create(ctx, bad, &OrderChargeParams{Type: PaymentMethodCash})
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Orders.CancelRefund(ctx, "ord_1", bad)
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Orders.CancelRefund(ctx, bad, "rf_1")
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Orders.Cancel(ctx, bad)
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.PaymentSources.Delete(ctx, "cus_1", bad)
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
		_, err = c.Events.Resend(ctx, bad, "webhl_1")
		assert.ErrorIs(t, err, ErrInvalidParams, "%q", bad)
	}
	var pe *transport.ParamError
	_, err := c.Orders.CancelRefund(ctx, "ord_1", "..")
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "RefundID", pe.Field)
	assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")

	rec := respond(mt, "GET", "/checkouts/a%2Fb", 200, checkoutJSON)
	_, err = c.Checkouts.Get(ctx, "a/b")
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Equal(t, "/checkouts/a%2Fb", req.URL.EscapedPath())
}

// The money-moving calls this change adds are never repeated once they
// may have arrived: a 503 or a reset connection ends in ErrOutcomeUnknown
// after one attempt, naming the operation.
func TestOpsMoneyMovingNotRetried(t *testing.T) {
	t.Parallel()
	calls := []struct {
		method, path, op string
		call             func(c *Client) error
	}{
		{"POST", "/orders/ord_1/capture", "orders.capture", func(c *Client) error {
			_, err := c.Orders.Capture(ctx, "ord_1", &OrderCaptureParams{Amount: 500})
			return err
		}},
		{"POST", "/orders/ord_1/charges", "charges.create", func(c *Client) error {
			_, err := c.Charges.Create(ctx, "ord_1", &OrderChargeParams{Type: PaymentMethodCash})
			return err
		}},
		{"DELETE", "/orders/ord_1/refunds/rf_1", "refunds.cancel", func(c *Client) error {
			_, err := c.Orders.CancelRefund(ctx, "ord_1", "rf_1")
			return err
		}},
	}
	for _, tc := range calls {
		for name, r := range map[string]httpmock.Responder{
			"503":   httpmock.NewStringResponder(503, "<html>unavailable</html>"),
			"reset": httpmock.NewErrorResponder(errors.New("connection reset by peer")),
		} {
			t.Run(tc.op+"/"+name, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				rec := respondWith(mt, tc.method, tc.path, r.Then(httpmock.NewStringResponder(200, orderJSON)))
				err := tc.call(c)
				require.ErrorIs(t, err, ErrOutcomeUnknown)
				var ou *transport.OutcomeUnknownError
				require.ErrorAs(t, err, &ou)
				assert.Equal(t, tc.op, ou.Operation)
				assert.False(t, ou.SentAt.IsZero())
				assert.Equal(t, 1, rec.Count())
			})
		}
	}
	// A GET of the same family is retried.
	c, mt := setup(t)
	rec := respondWith(mt, "GET", "/transactions/tx_1", httpmock.NewStringResponder(503, "").Then(httpmock.NewStringResponder(200, transactionJSON)))
	_, err := c.Transactions.Get(ctx, "tx_1")
	require.NoError(t, err)
	assert.Equal(t, 2, rec.Count())
}

// A list answer without its data array, or with a null item, is no list.
func TestOpsListsRefuseMalformedPages(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`{"object":"list","has_more":false}`, `{"object":"list","has_more":false,"data":null}`, `{"object":"list","has_more":false,"data":[null]}`} {
		c, mt := setup(t)
		respond(mt, "GET", "/checkouts", 200, body)
		_, err := c.Checkouts.List(ctx, nil)
		assert.ErrorIs(t, err, ErrMalformedResponse, body)
	}
	// Logs document "data": null as an empty list.
	c, mt := setup(t)
	respond(mt, "GET", "/logs", 200, `{"object":"list","has_more":false,"data":null}`)
	pg, err := c.Logs.List(ctx, nil)
	require.NoError(t, err)
	assert.Nil(t, pg.Data, "null stays nil")
	assert.False(t, pg.HasMore)
}

// assertParamField checks err is a *transport.ParamError about field.
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
