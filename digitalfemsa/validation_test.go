package digitalfemsa

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidationSendsNothing(t *testing.T) {
	t.Parallel()
	past := time.Now().Add(-time.Minute)
	tooMany := map[string]string{}
	for i := 0; i < 101; i++ {
		tooMany[strings.Repeat("k", i+1)] = "v"
	}
	okPO := func(mod func(p *PayoutOrderParams)) *PayoutOrderParams {
		p := &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "Retiro"}
		mod(p)
		return p
	}
	items := []LineItem{{Name: "a", UnitPrice: 100, Quantity: 1}}
	tests := []struct {
		name  string
		field string
		call  func(c *Client) error
	}{
		{"payout nil", "PayoutOrderParams", func(c *Client) error { _, err := c.PayoutOrders.Create(ctx, nil); return err }},
		{"payout zero amount", "Amount", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Amount = 0 }))
			return err
		}},
		{"payout negative amount", "Amount", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Amount = -100 }))
			return err
		}},
		{"payout cents", "Amount", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Amount = 3050 }))
			return err
		}},
		{"payout empty reason", "Reason", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Reason = "" }))
			return err
		}},
		{"payout 41-char reason", "Reason", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Reason = strings.Repeat("ñ", 41) }))
			return err
		}},
		{"payout no customer", "CustomerID", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.CustomerID = "" }))
			return err
		}},
		{"payout bad currency", "Currency", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Currency = "MX" }))
			return err
		}},
		{"payout lower-case currency", "Currency", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Currency = "mxn" }))
			return err
		}},
		{"payout past expiry", "ExpiresAt", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.ExpiresAt = past }))
			return err
		}},
		{"payout metadata", "Metadata", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Metadata = tooMany }))
			return err
		}},
		{"payout empty allowed method", "AllowedPayoutMethods", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.AllowedPayoutMethods = []string{""} }))
			return err
		}},
		{"payout blank reason", "Reason", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Reason = "   " }))
			return err
		}},
		{"payout tab-and-newline reason", "Reason", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.Reason = "\t\n " }))
			return err
		}},
		{"payout method not allowed", "AllowedPayoutMethods", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) {
				p.PayoutMethod, p.AllowedPayoutMethods = "cash", []string{"cashout"}
			}))
			return err
		}},
		{"payout default method not allowed", "AllowedPayoutMethods", func(c *Client) error {
			_, err := c.PayoutOrders.Create(ctx, okPO(func(p *PayoutOrderParams) { p.AllowedPayoutMethods = []string{"cash"} }))
			return err
		}},
		{"payout get id", "id", func(c *Client) error { _, err := c.PayoutOrders.Get(ctx, ""); return err }},
		{"payout cancel id", "id", func(c *Client) error { _, err := c.PayoutOrders.Cancel(ctx, ""); return err }},
		{"customer nil", "CustomerParams", func(c *Client) error { _, err := c.Customers.Create(ctx, nil); return err }},
		{"customer name", "Name", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Email: "a@b.mx"})
			return err
		}},
		{"customer email", "Email", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "a"})
			return err
		}},
		{"customer email without @", "Email", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "a", Email: "ana.example.mx"})
			return err
		}},
		{"customer email without domain", "Email", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "a", Email: "ana@"})
			return err
		}},
		{"customer email without name", "Email", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "a", Email: "@example.mx"})
			return err
		}},
		{"customer email with a space", "Email", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "a", Email: "ana @example.mx"})
			return err
		}},
		{"customer update email", "Email", func(c *Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{Email: "not-an-address"})
			return err
		}},
		{"customer phone", "Phone", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "a", Email: "a@b.mx", Phone: strings.Repeat("5", 20)})
			return err
		}},
		{"customer metadata", "Metadata", func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "a", Email: "a@b.mx", Metadata: tooMany})
			return err
		}},
		{"customer get", "id", func(c *Client) error { _, err := c.Customers.Get(ctx, ""); return err }},
		{"customer update nil", "CustomerUpdateParams", func(c *Client) error { _, err := c.Customers.Update(ctx, "cus_1", nil); return err }},
		{"customer update id", "id", func(c *Client) error { _, err := c.Customers.Update(ctx, "", &CustomerUpdateParams{}); return err }},
		{"customer update sets nothing", "CustomerUpdateParams", func(c *Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{})
			return err
		}},
		{"customer update sets only empty metadata", "CustomerUpdateParams", func(c *Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{Metadata: map[string]string{}})
			return err
		}},
		{"customer delete", "id", func(c *Client) error { _, err := c.Customers.Delete(ctx, ""); return err }},
		{"order nil", "OrderParams", func(c *Client) error { _, err := c.Orders.Create(ctx, nil); return err }},
		{"order no items", "LineItems", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "cus_1"}})
			return err
		}},
		{"order customer both", "CustomerInfo", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "cus_1", Email: "a@b.mx"}, LineItems: items})
			return err
		}},
		{"order customer name", "CustomerInfo.Name", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{Email: "a@b.mx"}, LineItems: items})
			return err
		}},
		{"order customer email", "CustomerInfo.Email", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{Name: "a", Email: "a.example.mx"}, LineItems: items})
			return err
		}},
		{"order update customer email", "CustomerInfo.Email", func(c *Client) error {
			_, err := c.Orders.Update(ctx, "o", &OrderUpdateParams{CustomerInfo: &CustomerInfo{Name: "a", Email: "a@"}})
			return err
		}},
		{"order item quantity", "LineItems[0].Quantity", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: []LineItem{{Name: "a", Quantity: 0}}})
			return err
		}},
		{"order item quantity beyond int32", "LineItems[0].Quantity", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: []LineItem{{Name: "a", Quantity: math.MaxInt32 + 1}}})
			return err
		}},
		{"order item price", "LineItems[0].UnitPrice", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: []LineItem{{Name: "a", UnitPrice: -1, Quantity: 1}}})
			return err
		}},
		{"order item price beyond int32", "LineItems[0].UnitPrice", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: []LineItem{{Name: "a", UnitPrice: math.MaxInt32 + 1, Quantity: 1}}})
			return err
		}},
		{"order item tag", "LineItems[0].Tags[0]", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: []LineItem{{Name: "a", Quantity: 1, Tags: []string{"x"}}}})
			return err
		}},
		{"order charge type", "Charges[0].Type", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: items, Charges: []ChargeParams{{}}})
			return err
		}},
		{"order card source", "Charges[0].PaymentSourceID", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: items, Charges: []ChargeParams{{Type: "card"}}})
			return err
		}},
		{"order charge expiry", "Charges[0].ExpiresAt", func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: items, Charges: []ChargeParams{{Type: "cash", ExpiresAt: past}}})
			return err
		}},
		{"order update nil", "OrderUpdateParams", func(c *Client) error { _, err := c.Orders.Update(ctx, "o", nil); return err }},
		{"order update sets nothing", "OrderUpdateParams", func(c *Client) error {
			_, err := c.Orders.Update(ctx, "o", &OrderUpdateParams{})
			return err
		}},
		{"order update sets only empty lists", "OrderUpdateParams", func(c *Client) error {
			_, err := c.Orders.Update(ctx, "o", &OrderUpdateParams{LineItems: []LineItem{}, Metadata: map[string]string{}})
			return err
		}},
		{"order update currency", "Currency", func(c *Client) error {
			_, err := c.Orders.Update(ctx, "o", &OrderUpdateParams{Currency: "pesos"})
			return err
		}},
		{"refund nil", "RefundParams", func(c *Client) error { _, err := c.Orders.Refund(ctx, "o", nil); return err }},
		{"refund amount", "Amount", func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "o", &RefundParams{Reason: RefundOther})
			return err
		}},
		{"refund reason", "Reason", func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "o", &RefundParams{Amount: 1})
			return err
		}},
		{"refund unknown reason", "Reason", func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "o", &RefundParams{Amount: 1, Reason: "changed_mind"})
			return err
		}},
		{"refund reason in capitals", "Reason", func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "o", &RefundParams{Amount: 1, Reason: "OTHER"})
			return err
		}},
		{"refund id", "id", func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "", &RefundParams{Amount: 1, Reason: RefundOther})
			return err
		}},
		{"webhook key nil", "WebhookKeyParams", func(c *Client) error { _, err := c.WebhookKeys.Create(ctx, nil); return err }},
		{"webhook key update nil", "WebhookKeyParams", func(c *Client) error { _, err := c.WebhookKeys.Update(ctx, "k", nil); return err }},
		{"webhook key update sets nothing", "WebhookKeyParams.Active", func(c *Client) error {
			_, err := c.WebhookKeys.Update(ctx, "k", &WebhookKeyParams{})
			return err
		}},
		{"webhook key get", "id", func(c *Client) error { _, err := c.WebhookKeys.Get(ctx, ""); return err }},
		{"event get", "id", func(c *Client) error { _, err := c.Events.Get(ctx, ""); return err }},
		{"list limit", "Limit", func(c *Client) error { _, err := c.Customers.List(ctx, &ListParams{Limit: 251}); return err }},
		{"list negative limit", "Limit", func(c *Client) error { _, err := c.Orders.List(ctx, &ListParams{Limit: -1}); return err }},
		{"list both cursors", "Next", func(c *Client) error {
			_, err := c.Events.List(ctx, &ListParams{Next: "a", Previous: "b"})
			return err
		}},
		{"all limit", "Limit", func(c *Client) error {
			for _, err := range c.PayoutOrders.All(ctx, &ListParams{Limit: 999}) {
				return err
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			err := tt.call(c)
			require.ErrorIs(t, err, ErrInvalidParams)
			assert.Contains(t, err.Error(), tt.field)
			assert.True(t, strings.HasPrefix(err.Error(), "digitalfemsa: invalid params: "), err.Error())
			var pe *ParamError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, pe.Field, tt.field)
			assert.NotEmpty(t, pe.Reason)
			assert.Equal(t, 0, mt.GetTotalCallCount())
		})
	}
}

// Validate is the very check the method runs: the same error for bad
// params, nil for good ones.
func TestValidateMatchesTheMethod(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	items := []LineItem{{Name: "a", UnitPrice: 100, Quantity: 1}}
	yes := true
	for name, tc := range map[string]struct {
		validate func() error
		call     func() error
	}{
		"customer": {func() error { return (&CustomerParams{Name: "A", Email: "nope"}).Validate() },
			func() error { _, err := c.Customers.Create(ctx, &CustomerParams{Name: "A", Email: "nope"}); return err }},
		"customer update": {func() error { return (&CustomerUpdateParams{}).Validate() },
			func() error { _, err := c.Customers.Update(ctx, "cus_1", &CustomerUpdateParams{}); return err }},
		"order": {func() error { return (&OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}}).Validate() },
			func() error {
				_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}})
				return err
			}},
		"order update": {func() error { return (&OrderUpdateParams{Currency: "mxn"}).Validate() },
			func() error { _, err := c.Orders.Update(ctx, "ord_1", &OrderUpdateParams{Currency: "mxn"}); return err }},
		"charge": {func() error { return (&ChargeParams{Amount: -1, Type: "cash"}).Validate() },
			func() error {
				_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: items,
					Charges: []ChargeParams{{Amount: -1, Type: "cash"}}})
				return err
			}},
		"refund": {func() error { return (&RefundParams{Amount: 1, Reason: "nope"}).Validate() },
			func() error {
				_, err := c.Orders.Refund(ctx, "ord_1", &RefundParams{Amount: 1, Reason: "nope"})
				return err
			}},
		"payout order": {func() error { return (&PayoutOrderParams{Amount: 150, CustomerID: "c", Reason: "r"}).Validate() },
			func() error {
				_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 150, CustomerID: "c", Reason: "r"})
				return err
			}},
		"webhook key": {func() error { return (*WebhookKeyParams)(nil).Validate() },
			func() error { _, err := c.WebhookKeys.Create(ctx, nil); return err }},
		"list": {func() error { return (&ListParams{Limit: 251}).Validate() },
			func() error { _, err := c.Customers.List(ctx, &ListParams{Limit: 251}); return err }},
	} {
		verr, cerr := tc.validate(), tc.call()
		require.ErrorIs(t, verr, ErrInvalidParams, name)
		assert.Equal(t, cerr.Error(), verr.Error(), name)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
	for name, v := range map[string]interface{ Validate() error }{
		"customer":     &CustomerParams{Name: "A", Email: "a@b.mx"},
		"update":       &CustomerUpdateParams{Corporate: &yes},
		"order":        &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: items},
		"order update": &OrderUpdateParams{Metadata: map[string]string{"a": "b"}},
		"charge":       &ChargeParams{Type: PaymentMethodCash},
		"refund":       &RefundParams{Amount: 1, Reason: RefundOther},
		"payout":       &PayoutOrderParams{Amount: 100, CustomerID: "c", Reason: "r"},
		"webhook key":  &WebhookKeyParams{},
		"list":         (*ListParams)(nil),
	} {
		assert.NoError(t, v.Validate(), name)
	}
}

// Ids that would change the request's path are refused before any I/O, on
// every method that takes one (money-moving ones included); others are
// escaped.
func TestPathIDs(t *testing.T) {
	t.Parallel()
	calls := map[string]func(c *Client, id string) error{
		"customers.get": func(c *Client, id string) error { _, err := c.Customers.Get(ctx, id); return err },
		"customers.update": func(c *Client, id string) error {
			_, err := c.Customers.Update(ctx, id, &CustomerUpdateParams{Name: "a"})
			return err
		},
		"customers.delete": func(c *Client, id string) error { _, err := c.Customers.Delete(ctx, id); return err },
		"orders.get":       func(c *Client, id string) error { _, err := c.Orders.Get(ctx, id); return err },
		"orders.update": func(c *Client, id string) error {
			_, err := c.Orders.Update(ctx, id, &OrderUpdateParams{Currency: "MXN"})
			return err
		},
		"orders.refund": func(c *Client, id string) error {
			_, err := c.Orders.Refund(ctx, id, &RefundParams{Amount: 1, Reason: RefundOther})
			return err
		},
		"payout_orders.get":    func(c *Client, id string) error { _, err := c.PayoutOrders.Get(ctx, id); return err },
		"payout_orders.cancel": func(c *Client, id string) error { _, err := c.PayoutOrders.Cancel(ctx, id); return err },
		"events.get":           func(c *Client, id string) error { _, err := c.Events.Get(ctx, id); return err },
		"webhook_keys.get":     func(c *Client, id string) error { _, err := c.WebhookKeys.Get(ctx, id); return err },
		"webhook_keys.delete":  func(c *Client, id string) error { _, err := c.WebhookKeys.Delete(ctx, id); return err },
	}
	for name, call := range calls {
		for _, id := range []string{"", ".", ".."} {
			c, mt := setup(t)
			err := call(c, id)
			require.ErrorIs(t, err, ErrInvalidParams, "%s %q", name, id)
			assert.True(t, strings.HasPrefix(err.Error(), "digitalfemsa: "), err.Error())
			assert.Equal(t, 0, mt.GetTotalCallCount(), "%s %q", name, id)
		}
	}
	c, mt := setup(t)
	rec := respond(mt, "PUT", "/payout_orders/a%2F..%2Fb/cancel", 200, payoutOrderJSON)
	_, err := c.PayoutOrders.Cancel(ctx, "a/../b")
	require.NoError(t, err)
	req, _ := rec.Last(t)
	assert.Equal(t, "/payout_orders/a%2F..%2Fb/cancel", req.URL.EscapedPath())
}

func TestReasonCountsRunes(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := respond(mt, "POST", "/payout_orders", 200, payoutOrderJSON)
	_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 100, CustomerID: "c", Reason: strings.Repeat("ñ", 40)})
	require.NoError(t, err)
	assert.Equal(t, 1, rec.Count())
}

func TestParamsAreNotMutated(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	respond(mt, "POST", "/payout_orders", 200, payoutOrderJSON)
	respond(mt, "POST", "/orders", 200, orderJSON)
	md := map[string]string{"a": "b"}
	p := &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r", Metadata: md}
	_, err := c.PayoutOrders.Create(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r", Metadata: map[string]string{"a": "b"}}, p)
	op := &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: []LineItem{{Name: "a", Quantity: 1}}}
	_, err = c.Orders.Create(ctx, op)
	require.NoError(t, err)
	assert.Equal(t, "", op.Currency)
}

// Every documented refund reason, every plausible address and a reason with
// spaces around its text are sent.
func TestAcceptedValuesAreSent(t *testing.T) {
	t.Parallel()
	calls := map[string]func(c *Client) error{}
	for _, r := range []RefundReason{RefundRequestedByClient, RefundCannotBeFulfilled, RefundDuplicatedTransaction, RefundSuspectedFraud, RefundOther} {
		calls["refund "+string(r)] = func(c *Client) error {
			_, err := c.Orders.Refund(ctx, "ord_1", &RefundParams{Amount: 100, Reason: r})
			return err
		}
	}
	for _, email := range []string{"a@b", "ana.lopez+retiro@example.com.mx", "josé@correo.mx"} {
		calls["customer "+email] = func(c *Client) error {
			_, err := c.Customers.Create(ctx, &CustomerParams{Name: "Ana", Email: email})
			return err
		}
		calls["order customer "+email] = func(c *Client) error {
			_, err := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{Name: "Ana", Email: email}, LineItems: []LineItem{{Name: "a", Quantity: 1}}})
			return err
		}
	}
	calls["payout reason with spaces around"] = func(c *Client) error {
		_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: " Retiro "})
		return err
	}
	calls["payout method among several allowed"] = func(c *Client) error {
		_, err := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r", PayoutMethod: "cash",
			AllowedPayoutMethods: []string{"cashout", "cash"}})
		return err
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			respond(mt, "POST", "/orders/ord_1/refunds", 200, orderJSON)
			respond(mt, "POST", "/orders", 200, orderJSON)
			respond(mt, "POST", "/customers", 200, customerJSON)
			respond(mt, "POST", "/payout_orders", 200, payoutOrderJSON)
			require.NoError(t, call(c))
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}
