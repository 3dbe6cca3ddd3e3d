package cubotest_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

// The scenarios below are the fake's main flow written once: each takes a
// client and fakeOnly, true when the client talks to cubotest, which
// enables the steps only the fake can do (paying a link without a browser,
// the fake's own decline cards). They run against the fake always, and
// against Cubo's sandbox when CUBO_API_KEY is set (CUBO_BASE_URL, default
// cubo.SandboxURL), so a user can check the fake against the real service:
//
//	CUBO_API_KEY=... go test -run TestScenarios ./cubo/cubotest
var scenarios = []struct {
	name string
	run  func(t *testing.T, c *cubo.Client, fakeOnly bool)
}{
	{"link: create, read, pay", scenarioLink},
	{"payment: approve", scenarioPayment},
	{"payment: decline", scenarioDecline},
	{"read: unknown token", scenarioNotFound},
}

func TestScenarios(t *testing.T) {
	t.Parallel()
	t.Run("fake", func(t *testing.T) {
		t.Parallel()
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				t.Parallel()
				sc.run(t, newServer(t).Client(), true)
			})
		}
	})
	t.Run("sandbox", func(t *testing.T) {
		key := os.Getenv("CUBO_API_KEY")
		if key == "" {
			t.Skip("CUBO_API_KEY is not set: the scenarios ran against the fake only")
		}
		base := os.Getenv("CUBO_BASE_URL")
		if base == "" {
			base = cubo.SandboxURL
		}
		c, err := cubo.NewClient(key, cubo.WithBaseURL(base))
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) { sc.run(t, c, false) })
		}
	})
}

// orderID is unique per run, so sandbox runs do not collide.
func orderID() string { return fmt.Sprintf("lp-%d", time.Now().UnixNano()) }

// scenarioLink: a payment link is created, its transaction read back as
// pending, then (fake only) paid on the checkout page and read as
// succeeded.
func scenarioLink(t *testing.T, c *cubo.Client, fakeOnly bool) {
	id := orderID()
	link, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "latampay scenario " + id, Amount: 250,
		RedirectURI: "https://shop.example.com/done", Metadata: map[string]string{"orderId": id}})
	require.NoError(t, err)
	require.NotEmpty(t, link.PaymentIntentToken)
	require.NotEmpty(t, link.RedirectURL)

	tx, err := c.Transactions.Get(ctx, link.PaymentIntentToken)
	require.NoError(t, err)
	assert.Equal(t, link.PaymentIntentToken, tx.PaymentIntentToken)
	assert.Equal(t, int64(250), tx.Amount)
	assert.Equal(t, id, tx.Metadata["orderId"])
	assert.False(t, tx.Succeeded(), "nobody paid yet")
	if !fakeOnly {
		return
	}
	// Cubo documents no list endpoint; the customer pays on the page.
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.PostForm(link.RedirectURL, url.Values{"cardNumber": {cubotest.CardApproved}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
	tx, err = c.Transactions.Get(ctx, link.PaymentIntentToken)
	require.NoError(t, err)
	assert.True(t, tx.Succeeded())
	assert.NotEmpty(t, tx.ReferenceID)
}

// scenarioPayment: the guide's card is charged directly (the money call).
func scenarioPayment(t *testing.T, c *cubo.Client, fakeOnly bool) {
	tx, err := c.Transactions.Create(ctx, &cubo.PaymentParams{Description: "latampay scenario " + orderID(), Amount: 250,
		ClientEmail: "ana@example.com", Card: cubotest.ApprovedCard()})
	if !fakeOnly {
		// Cubo does not say what its guide's card does in the sandbox:
		// an approval or a decline are both definite answers.
		var e *cubo.Error
		if errors.As(err, &e) && e.Declined() {
			t.Logf("the sandbox declined the guide's card: %v", err)
			return
		}
	}
	require.NoError(t, err)
	assert.True(t, tx.Succeeded())
	assert.NotEmpty(t, tx.ReferenceID)
	assert.NotEmpty(t, tx.AuthorizationCode)
	assert.False(t, tx.ProcessedAt.IsZero())
}

// scenarioDecline: a declined payment is a *cubo.Error with Cubo's code,
// never an unknown outcome. Only the fake has a card known to decline.
func scenarioDecline(t *testing.T, c *cubo.Client, fakeOnly bool) {
	if !fakeOnly {
		t.Skip("Cubo publishes no card that declines in its sandbox")
	}
	card, ok := cubotest.DeclinedCard("51")
	require.True(t, ok)
	_, err := c.Transactions.Create(ctx, &cubo.PaymentParams{Description: "latampay scenario decline", Amount: 250, Card: card})
	var e *cubo.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "51", e.Code)
	assert.True(t, e.Declined())
	assert.True(t, e.SoftDecline())
	assert.False(t, errors.Is(err, cubo.ErrOutcomeUnknown))
}

// scenarioNotFound: an unknown payment intent token matches ErrNotFound.
func scenarioNotFound(t *testing.T, c *cubo.Client, fakeOnly bool) {
	_, err := c.Transactions.Get(ctx, "00000000-0000-0000-0000-000000000000")
	assert.ErrorIs(t, err, cubo.ErrNotFound)
}
