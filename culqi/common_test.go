package culqi

import (
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every id that goes into a path is checked before any I/O: "", "." and
// ".." would change the request's path (POST /v2/charges/../capture is
// POST /v2/capture once resolved), so they never leave the SDK.
func TestPathIDsRefusedBeforeIO(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	md := &MetadataParams{Metadata: map[string]string{"k": "v"}}
	calls := map[string]func(id string) error{
		"Charges.Capture": func(id string) error { _, err := c.Charges.Capture(ctx, id); return err },
		"Orders.Confirm":  func(id string) error { _, err := c.Orders.Confirm(ctx, id); return err },
		"Orders.ConfirmTypes": func(id string) error {
			_, err := c.Orders.ConfirmTypes(ctx, &OrderConfirmParams{OrderID: id, OrderTypes: []string{"cip"}})
			return err
		},
		"Charges.Get":    func(id string) error { _, err := c.Charges.Get(ctx, id); return err },
		"Charges.Update": func(id string) error { _, err := c.Charges.Update(ctx, id, md); return err },
		"Tokens.Get":     func(id string) error { _, err := c.Tokens.Get(ctx, id); return err },
		"Tokens.Update":  func(id string) error { _, err := c.Tokens.Update(ctx, id, md); return err },
		"Refunds.Get":    func(id string) error { _, err := c.Refunds.Get(ctx, id); return err },
		"Refunds.Update": func(id string) error { _, err := c.Refunds.Update(ctx, id, md); return err },
		"Customers.Get":  func(id string) error { _, err := c.Customers.Get(ctx, id); return err },
		"Customers.Update": func(id string) error {
			_, err := c.Customers.Update(ctx, id, &CustomerUpdateParams{FirstName: "Ana"})
			return err
		},
		"Customers.Delete": func(id string) error { return c.Customers.Delete(ctx, id) },
		"Cards.Get":        func(id string) error { _, err := c.Cards.Get(ctx, id); return err },
		"Cards.Update": func(id string) error {
			_, err := c.Cards.Update(ctx, id, &CardUpdateParams{TokenID: "tkn_1"})
			return err
		},
		"Cards.Delete": func(id string) error { return c.Cards.Delete(ctx, id) },
		"Plans.Get":    func(id string) error { _, err := c.Plans.Get(ctx, id); return err },
		"Plans.Update": func(id string) error {
			_, err := c.Plans.Update(ctx, id, &PlanUpdateParams{Name: "Plan nuevo"})
			return err
		},
		"Plans.Delete":      func(id string) error { return c.Plans.Delete(ctx, id) },
		"Subscriptions.Get": func(id string) error { _, err := c.Subscriptions.Get(ctx, id); return err },
		"Subscriptions.Update": func(id string) error {
			_, err := c.Subscriptions.Update(ctx, id, &SubscriptionUpdateParams{CardID: "crd_1"})
			return err
		},
		"Subscriptions.Cancel":       func(id string) error { _, err := c.Subscriptions.Cancel(ctx, id); return err },
		"LegacyPlans.Get":            func(id string) error { _, err := c.LegacyPlans.Get(ctx, id); return err },
		"LegacyPlans.Update":         func(id string) error { _, err := c.LegacyPlans.Update(ctx, id, md); return err },
		"LegacyPlans.Delete":         func(id string) error { return c.LegacyPlans.Delete(ctx, id) },
		"LegacySubscriptions.Get":    func(id string) error { _, err := c.LegacySubscriptions.Get(ctx, id); return err },
		"LegacySubscriptions.Update": func(id string) error { _, err := c.LegacySubscriptions.Update(ctx, id, md); return err },
		"LegacySubscriptions.Cancel": func(id string) error { _, err := c.LegacySubscriptions.Cancel(ctx, id); return err },
		"Orders.Get":                 func(id string) error { _, err := c.Orders.Get(ctx, id); return err },
		"Orders.Update": func(id string) error {
			_, err := c.Orders.Update(ctx, id, &OrderUpdateParams{Metadata: md.Metadata})
			return err
		},
		"Orders.Delete": func(id string) error { return c.Orders.Delete(ctx, id) },
		"Events.Get":    func(id string) error { _, err := c.Events.Get(ctx, id); return err },
		"Iins.Get":      func(id string) error { _, err := c.Iins.Get(ctx, id); return err },
		"Transfers.Get": func(id string) error { _, err := c.Transfers.Get(ctx, id); return err },
	}
	for name, call := range calls {
		for _, id := range []string{"", ".", ".."} {
			err := call(id)
			require.Error(t, err, "%s(%q)", name, id)
			assert.ErrorIs(t, err, ErrInvalidParams, "%s(%q)", name, id)
			var pe *ParamError
			require.ErrorAs(t, err, &pe, "%s(%q)", name, id)
		}
	}
	assert.Zero(t, mt.GetTotalCallCount(), "a request left with a refused id")
}

// Any other id is escaped into one path segment: a slash in it cannot
// reach another endpoint.
func TestPathIDsEscaped(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	var paths []string
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		paths = append(paths, r.Method+" "+r.URL.EscapedPath())
		return httpmock.NewStringResponse(200, chargeJSON), nil
	})
	_, err := c.Charges.Capture(ctx, "../refunds")
	require.NoError(t, err)
	_, err = c.Charges.Get(ctx, "chr_1/capture")
	require.NoError(t, err)
	_, err = c.Charges.Get(ctx, "...")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"POST /v2/charges/..%2Frefunds/capture",
		"GET /v2/charges/chr_1%2Fcapture",
		"GET /v2/charges/...",
	}, paths)
}
