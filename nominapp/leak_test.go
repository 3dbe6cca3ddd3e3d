package nominapp

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	const (
		pan      = "5105105105105100"
		cvv      = "9731"
		apiToken = "sentinel-api-token-Zq81"
		access   = "sentinel-access-token-Kx22"
	)
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mt := httpmock.NewMockTransport()
	c, err := NewClient("ana@example.co", apiToken, WithHTTPClient(&http.Client{Transport: mt}), WithLogger(logger), WithMaxRetries(0))
	require.NoError(t, err)
	mt.RegisterResponder("POST", loginURL, httpmock.NewStringResponder(201, `{"data":{"api_access_token":"`+access+`"}}`))
	mt.RegisterResponder("POST", payURL, httpmock.NewStringResponder(422,
		`{"error":[{"message":"la tarjeta `+pan+` fue rechazada","code":"0701","object":"credit_card","index":0}]}`))
	mt.RegisterResponder("PUT", payURL, httpmock.NewStringResponder(500, `<html>`+pan+`</html>`))

	card := Card{Number: pan, CVV: cvv, ExpMonth: 1, ExpYear: 2035, HolderName: "Ana"}
	params := &SubscriptionPayment{Card: card, PlanID: planID, PaidWorkers: 1, PaymentType: Yearly}
	_, err = c.Payments.PaySubscription(context.Background(), params)
	require.Error(t, err)
	err2 := c.Payments.UpdateCard(context.Background(), &CardUpdate{Card: card, PaymentType: Yearly})
	require.Error(t, err2)
	var e *Error
	require.ErrorAs(t, err, &e)

	outputs := map[string]string{
		"logs":          logs.String(),
		"err":           err.Error(),
		"err %+v":       fmt.Sprintf("%+v", err),
		"err %#v":       fmt.Sprintf("%#v", e),
		"err body":      string(e.Body),
		"err2":          err2.Error(),
		"params %+v":    fmt.Sprintf("%+v", params),
		"params %#v":    fmt.Sprintf("%#v", params),
		"client %+v":    fmt.Sprintf("%+v", c),
		"client %#v":    fmt.Sprintf("%#v", c),
		"*client %+v":   fmt.Sprintf("%+v", *c),
		"payments %+v":  fmt.Sprintf("%+v", c.Payments),
		"card update":   fmt.Sprintf("%v", &CardUpdate{Card: card}),
		"change params": fmt.Sprintf("%+v", SubscriptionChange{Card: card}),
	}
	for name, out := range outputs {
		for _, secret := range []string{pan, cvv, apiToken, access} {
			assert.NotContains(t, out, secret, "%s leaks %s", name, secret)
		}
	}
	assert.True(t, strings.Contains(logs.String(), "/v1/payments/credit_card"), "attempts are logged")
	assert.Contains(t, err.Error(), "0701")
	assert.Contains(t, e.Items[0].Message, "5100", "the last four digits stay")
}
