package srpago

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecretsDoNotLeak(t *testing.T) {
	t.Parallel()
	const (
		pan    = "4000056655665556"
		cvv    = "987"
		secret = "sk_SENTINEL_secret_value"
		appKey = "ak_SENTINEL_application_key"
	)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mt := newMock()
	_, pub := testKeyPair()
	c, err := NewClient(appKey, secret, WithBaseURL(testBase), WithHTTPClient(&http.Client{Transport: mt}),
		WithMaxRetries(1), WithRetryWait(time.Millisecond, time.Millisecond), WithLogger(logger), WithPublicKey(pub))
	require.NoError(t, err)
	// The API echoes the card number in its message.
	reply(mt, http.MethodPost, testBase+"/v1/token", 500,
		`{"success":false,"error":{"code":"InvalidCardException","message":"Tarjeta `+pan+` inválida","description":"número `+pan+`","detail":{"code":"14","message":"card `+pan+`"}}}`)
	p := &TokenParams{Card: Card{Number: pan, CVV: cvv, ExpMonth: 12, ExpYear: time.Now().Year() + 1, HolderName: "Ana"}}
	_, err = c.Tokens.Create(ctx, p)
	require.Error(t, err)
	var e *Error
	require.ErrorAs(t, err, &e)

	for name, text := range map[string]string{
		"logs": logs.String(), "err": err.Error(), "%+v err": fmt.Sprintf("%+v", err),
		"%+v params": fmt.Sprintf("%+v", p), "%#v params": fmt.Sprintf("%#v", p), "%v card": fmt.Sprint(p.Card),
		"error body": string(e.Body), "%#v err": fmt.Sprintf("%#v", err), "%#v *Error": fmt.Sprintf("%#v", e),
		"%+v Error": fmt.Sprintf("%+v", *e), "Message": e.Message, "Description": e.Description, "BankMessage": e.BankMessage,
		"%v client": fmt.Sprint(c), "%+v client": fmt.Sprintf("%+v", c), "%#v client": fmt.Sprintf("%#v", c),
		"%+v client value": fmt.Sprintf("%+v", *c), "%#v client value": fmt.Sprintf("%#v", *c),
	} {
		assert.NotContains(t, text, pan, name)
		assert.NotContains(t, text, secret, name)
		assert.NotContains(t, text, appKey, name)
		assert.NotContains(t, text, "cvv:"+cvv, name)
	}
	// The messages keep what is not a card number.
	assert.Equal(t, "Tarjeta ************5556 inválida", e.Message)
	assert.Equal(t, "card ************5556", e.BankMessage)
	assert.NotEmpty(t, logs.String(), "the attempt was logged")

	// The wire never carries the PAN in clear either.
	c2, mt2 := setup(t)
	cap := reply(mt2, http.MethodPost, testBase+"/v1/token", 200, ok(`{"token":"tok_1"}`))
	_, err = c2.Tokens.Create(ctx, p)
	require.NoError(t, err)
	_, body := cap.Last(t)
	assert.NotContains(t, body, pan)
	assert.NotContains(t, body, cvv)
}
