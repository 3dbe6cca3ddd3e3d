package digitalfemsa

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/mocktest"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestSecretsDoNotLeak(t *testing.T) {
	t.Parallel()
	const secret = "key_SENTINELsecret0042"
	const pan = "4111111111111111"
	var logs syncBuffer
	lg := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mt := httpmock.NewMockTransport()
	echo := `{"object":"error","type":"parameter_validation_error","log_id":"l","details":[{"code":"c","param":"card","message":"tarjeta ` + pan +
		` inválida","debug_message":"card ` + pan + ` invalid"}]}`
	payoutResponder, payouts := mocktest.Record(httpmock.NewStringResponder(422, echo))
	mt.RegisterResponder("POST", ProductionURL+"/payout_orders", payoutResponder)
	mt.RegisterResponder("GET", ProductionURL+"/customers", httpmock.NewStringResponder(503, `<html>down</html>`))
	mt.RegisterResponder("POST", ProductionURL+"/orders", httpmock.NewErrorResponder(errors.New("connection reset")))
	c, err := NewClient(secret, WithHTTPClient(&http.Client{Transport: mt}), WithLogger(lg), WithRetryWait(0, 0))
	require.NoError(t, err)

	p := &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "Retiro " + pan, Metadata: map[string]string{"k": "v"}}
	_, err1 := c.PayoutOrders.Create(ctx, p)
	require.Error(t, err1)
	_, err2 := c.Customers.List(ctx, &ListParams{Search: "q"})
	require.Error(t, err2)
	_, err3 := c.Orders.Create(ctx, &OrderParams{CustomerInfo: CustomerInfo{CustomerID: "c"}, LineItems: []LineItem{{Name: "a", Quantity: 1}}})
	require.Error(t, err3)
	// The secret goes out as a customer id and comes back as a 422...
	_, err4 := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: secret, Reason: "r"})
	require.Error(t, err4)
	require.Equal(t, 2, payouts.Count(), "the secret-carrying payout order was sent")
	_, sent := payouts.Last(t)
	require.Contains(t, sent, secret)
	// ...and is the very value validation refuses.
	_, err5 := c.PayoutOrders.Create(ctx, &PayoutOrderParams{Amount: 3000, CustomerID: "cus_1", Reason: "r", PayoutMethod: secret,
		AllowedPayoutMethods: []string{PayoutMethodCashout}})
	require.ErrorIs(t, err5, ErrInvalidParams)
	require.Equal(t, 2, payouts.Count(), "refused before sending")

	var e *Error
	require.ErrorAs(t, err1, &e)
	out := logs.String()
	assert.NotEmpty(t, out, "the logger saw the attempts")
	for _, s := range []string{out, err1.Error(), err2.Error(), err3.Error(), err4.Error(), err5.Error(), fmt.Sprintf("%+v", err1),
		fmt.Sprintf("%+v", err4), fmt.Sprintf("%#v", err4), fmt.Sprintf("%#v", err5), fmt.Sprintf("%#v", c),
		fmt.Sprintf("%+v", c), string(e.Body)} {
		assert.NotContains(t, s, secret)
		assert.NotContains(t, s, pan)
		assert.NotContains(t, s, "U0VOVElORUxzZWNyZXQ") // base64 of part of the key
	}
	assert.NotContains(t, e.Details[0].DebugMessage, pan)
	assert.NotContains(t, e.Details[0].Message, pan)
	assert.Contains(t, e.Details[0].DebugMessage, "1111", "the last four digits stay")
}
