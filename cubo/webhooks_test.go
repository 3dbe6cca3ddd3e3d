package cubo

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const webhookBody = `{"identifier":"8f1c2e7a-1b2c-4d5e-8f90-123456789abc","status":"SUCCEEDED","referenceId":"354247606061629",
"authorizationCode":"015163","processedAt":"2025-02-10T22:27:17.317Z","amount":2550,"paymentType":"LINK",
"metadata":{"orderId":"1001","qty":2}}`

func TestParseWebhook(t *testing.T) {
	t.Parallel()
	ev, err := ParseWebhook([]byte(webhookBody))
	require.NoError(t, err)
	assert.Equal(t, "8f1c2e7a-1b2c-4d5e-8f90-123456789abc", ev.Identifier)
	assert.Equal(t, StatusSucceeded, ev.Status)
	assert.Equal(t, "354247606061629", ev.ReferenceID)
	assert.Equal(t, "015163", ev.AuthorizationCode)
	assert.Equal(t, int64(1739226437), ev.ProcessedAt.Unix())
	assert.Equal(t, int64(2550), ev.Amount)
	assert.Equal(t, "LINK", ev.PaymentType)
	assert.Equal(t, Metadata{"orderId": "1001", "qty": "2"}, ev.Metadata)
	assert.Equal(t, webhookBody, string(ev.Raw))
}

func TestParseWebhookLenientFields(t *testing.T) {
	t.Parallel()
	cases := []struct {
		body   string
		amount int64
	}{
		{`{"identifier":"t","amount":"25.50"}`, 0}, // a string: unit unknown
		{`{"identifier":"t","amount":25.5}`, 0},
		{`{"identifier":"t","amount":-5}`, 0},
		{`{"identifier":"t","amount":0}`, 0},
		{`{"identifier":"t","amount":100}`, 100},
		{`{"identifier":"t","processedAt":"yesterday","metadata":"x","amount":7}`, 7},
		{`{"identifier":12345,"status":"REJECTED"}`, 0},
	}
	for _, tc := range cases {
		ev, err := ParseWebhook([]byte(tc.body))
		require.NoError(t, err, tc.body)
		assert.Equal(t, tc.amount, ev.Amount, tc.body)
		assert.NotEmpty(t, ev.Identifier)
	}
	ev, _ := ParseWebhook([]byte(`{"identifier":12345}`))
	assert.Equal(t, "12345", ev.Identifier)
}

// One oddly typed field must not cost the identifier: it is left zero and
// the rest is kept.
func TestParseWebhookOddlyTypedFields(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		want       WebhookEvent // Identifier, Status, ReferenceID, AuthorizationCode, PaymentType
	}{
		{"numeric status", `{"identifier":"t","status":1,"referenceId":"354247606061629","paymentType":"LINK"}`,
			WebhookEvent{Identifier: "t", ReferenceID: "354247606061629", PaymentType: "LINK"}},
		{"numeric payment type kept as text", `{"identifier":"t","status":"SUCCEEDED","paymentType":2}`,
			WebhookEvent{Identifier: "t", Status: StatusSucceeded, PaymentType: "2"}},
		{"numeric reference kept as text", `{"identifier":"t","status":"SUCCEEDED","referenceId":354247606061629}`,
			WebhookEvent{Identifier: "t", Status: StatusSucceeded, ReferenceID: "354247606061629"}},
		{"object reference", `{"identifier":"t","status":"REJECTED","referenceId":{"id":1},"authorizationCode":"015163"}`,
			WebhookEvent{Identifier: "t", Status: StatusRejected, AuthorizationCode: "015163"}},
		{"boolean fields", `{"identifier":"t","status":true,"paymentType":false,"authorizationCode":true}`,
			WebhookEvent{Identifier: "t"}},
		{"list fields", `{"identifier":"t","status":["SUCCEEDED"],"paymentType":["LINK"],"referenceId":[1]}`,
			WebhookEvent{Identifier: "t"}},
		{"null fields", `{"identifier":"t","status":null,"paymentType":null,"referenceId":null}`,
			WebhookEvent{Identifier: "t"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ev, err := ParseWebhook([]byte(tc.body))
			require.NoError(t, err)
			assert.Equal(t, tc.want.Identifier, ev.Identifier)
			assert.Equal(t, tc.want.Status, ev.Status)
			assert.Equal(t, tc.want.ReferenceID, ev.ReferenceID)
			assert.Equal(t, tc.want.AuthorizationCode, ev.AuthorizationCode)
			assert.Equal(t, tc.want.PaymentType, ev.PaymentType)
			assert.Equal(t, tc.body, string(ev.Raw))
		})
	}
}

func TestParseWebhookRejects(t *testing.T) {
	t.Parallel()
	for _, body := range []string{``, `null`, `[]`, `{}`, `{"status":"SUCCEEDED"}`, `{"identifier":""}`, `<html>`, `{"identifier":true}`} {
		ev, err := ParseWebhook([]byte(body))
		assert.Nil(t, ev, body)
		assert.ErrorIs(t, err, ErrInvalidWebhook, body)
	}
}

func TestVerifyWebhook(t *testing.T) {
	t.Parallel()
	get := `{"status":"SUCCEEDED","paymentIntentToken":"8f1c2e7a-1b2c-4d5e-8f90-123456789abc","currency":"USD","amount":"25.50"}`
	cases := []struct {
		name, api string
		mismatch  bool
	}{
		{"matches", get, false},
		{"status differs", strings.Replace(get, "SUCCEEDED", "REJECTED", 1), true},
		{"amount differs", strings.Replace(get, "25.50", "0.01", 1), true},
		{"token differs", strings.Replace(get, "8f1c2e7a", "00000000", 1), true},
		{"no amount to compare", `{"status":"SUCCEEDED","paymentIntentToken":"8f1c2e7a-1b2c-4d5e-8f90-123456789abc"}`, false},
		// Without the token the answer is not shown to be this transaction.
		{"no token answered", `{"status":"SUCCEEDED","currency":"USD","amount":"25.50"}`, true},
		{"empty token answered", strings.Replace(get, "8f1c2e7a-1b2c-4d5e-8f90-123456789abc", "", 1), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			rec := respond(mt, "GET", base+"/api/v1/transactions/8f1c2e7a-1b2c-4d5e-8f90-123456789abc", 200, tc.api)
			ev, err := ParseWebhook([]byte(webhookBody))
			require.NoError(t, err)
			tx, err := c.Transactions.VerifyWebhook(bg, ev)
			require.NotNil(t, tx)
			r, _ := rec.Last(t)
			assert.Equal(t, "GET", r.Method)
			if tc.mismatch {
				assert.ErrorIs(t, err, ErrWebhookMismatch)
			} else {
				assert.NoError(t, err)
				assert.Equal(t, StatusSucceeded, tx.Status)
			}
		})
	}
	c, mt := setup(t)
	_, err := c.Transactions.VerifyWebhook(bg, nil)
	assert.ErrorIs(t, err, ErrInvalidWebhook)
	// An unsigned webhook chooses the identifier: a dot segment must not
	// reach another path.
	for _, id := range []string{"", ".", ".."} {
		_, err = c.Transactions.VerifyWebhook(bg, &WebhookEvent{Identifier: id, Status: StatusSucceeded})
		assert.ErrorIs(t, err, ErrInvalidParams, id)
		assert.Contains(t, err.Error(), "paymentIntentToken", id)
	}
	ev, err := ParseWebhook([]byte(`{"identifier":"..","status":"SUCCEEDED"}`))
	require.NoError(t, err)
	_, err = c.Transactions.VerifyWebhook(bg, ev)
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent for a refused identifier")
	mt.RegisterResponder("GET", base+"/api/v1/transactions/gone", httpmock.NewStringResponder(404, `{"statusCode":404,"message":"Transaction not found"}`))
	_, err = c.Transactions.VerifyWebhook(bg, &WebhookEvent{Identifier: "gone", Status: StatusSucceeded})
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 404, e.StatusCode)
}

func TestSecretsDoNotLeak(t *testing.T) {
	t.Parallel()
	const (
		pan = "4556737586899855"
		cvv = "8362"
		key = "sk_live_SENTINEL_KEY_42"
	)
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mt := httpmock.NewMockTransport()
	c, err := NewClient(key, append(mockOptions(mt), WithBaseURL(base), WithLogger(logger), WithMaxRetries(2))...)
	require.NoError(t, err)
	// Cubo echoing the card back in an error must not leak it either.
	mt.RegisterResponder("POST", base+"/api/v1/transactions",
		httpmock.NewStringResponder(400, `{"statusCode":400,"message":"14 - LLAMAR AL EMISOR `+pan+`"}`))
	mt.RegisterResponder("POST", base+"/api/v1/transactions/subscription", httpmock.NewStringResponder(503, `{"message":"card `+pan+`"}`))
	mt.RegisterResponder("GET", base+"/api/v1/transactions/t", httpmock.NewStringResponder(500, `{"message":"`+pan+`"}`))
	p := &PaymentParams{ClientName: "Ana", Amount: 100, Card: Card{Number: pan, CVV: cvv, ExpMonth: 12, ExpYear: 2099, HolderName: "Ana"}}

	var errs []error
	_, err = c.Transactions.Create(bg, p)
	errs = append(errs, err)
	_, err = c.Transactions.CreateSubscription(bg, &SubscriptionParams{PaymentParams: *p, Installments: 2})
	errs = append(errs, err)
	_, err = c.Transactions.Get(bg, "t")
	errs = append(errs, err)
	bad := *p
	bad.Card.CVV = "1"
	_, err = c.Transactions.Create(bg, &bad)
	errs = append(errs, err)

	var texts []string
	for _, err := range errs {
		require.Error(t, err)
		texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
		var e *Error
		if errors.As(err, &e) {
			texts = append(texts, string(e.Body), e.Message)
		}
	}
	texts = append(texts, fmt.Sprintf("%v %+v %#v", p, p, p), fmt.Sprintf("%+v", *p), fmt.Sprintf("%#v", c), logs.String())
	for _, s := range texts {
		assert.NotContains(t, s, pan)
		assert.NotContains(t, s, key)
		assert.NotContains(t, s, `"`+cvv+`"`)
	}
	assert.NotEmpty(t, logs.String(), "attempts were logged")
	assert.NotContains(t, logs.String(), "cardNumber")
}
