package cubo

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/mocktest"
)

var bg = context.Background()

const base = "https://cubo.test"

// mockOptions put a client on mt with millisecond retry waits.
func mockOptions(mt *httpmock.MockTransport) []Option {
	return []Option{WithHTTPClient(&http.Client{Transport: mt}), WithRetryWait(time.Millisecond, 2*time.Millisecond)}
}

// fixedNow is the clock card expiry is checked against.
var fixedNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func setup(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	all := append(mockOptions(mt), WithBaseURL(base))
	c, err := NewClient("test_api_key", append(all, opts...)...)
	require.NoError(t, err)
	c.now = func() time.Time { return fixedNow }
	return c, mt
}

// respond registers method+url answering status and a JSON body, and
// returns what it records.
func respond(mt *httpmock.MockTransport, method, url string, status int, body string) *mocktest.Recorder {
	r, rec := mocktest.Record(httpmock.NewStringResponder(status, body).HeaderSet(http.Header{"Content-Type": {"application/json; charset=utf-8"}}))
	mt.RegisterResponder(method, url, r)
	return rec
}

func assertHeaders(t *testing.T, h http.Header, withBody bool) {
	t.Helper()
	assert.Equal(t, "test_api_key", h.Get("X-API-KEY"))
	assert.Equal(t, "application/json", h.Get("Accept"))
	assert.True(t, strings.HasPrefix(h.Get("User-Agent"), "latampay-go/"), h.Get("User-Agent"))
	assert.Contains(t, h.Get("User-Agent"), "cubo")
	assert.Empty(t, h.Get("Authorization"))
	if withBody {
		assert.Equal(t, "application/json", h.Get("Content-Type"))
	} else {
		assert.Empty(t, h.Get("Content-Type"))
	}
}

func testCard() Card {
	return Card{Number: "4000 0000 0000 0416", CVV: "123", ExpMonth: 9, ExpYear: 2030, HolderName: "John Doe"}
}

func fullPayment() *PaymentParams {
	return &PaymentParams{
		ClientName: "John Doe", ClientEmail: "john@example.com", ClientPhone: "+50322577777",
		Description: "Test API", Amount: 100, Card: testCard(),
	}
}

const approved = `{"status":"SUCCEEDED","referenceId":"354247606061629","authorizationCode":"015163","processedAt":"2025-02-10T22:27:17.317Z"}`

func assertApproved(t *testing.T, tx *Transaction) {
	t.Helper()
	require.NotNil(t, tx)
	assert.Equal(t, StatusSucceeded, tx.Status)
	assert.True(t, tx.Succeeded())
	assert.Equal(t, "354247606061629", tx.ReferenceID)
	assert.Equal(t, "015163", tx.AuthorizationCode)
	assert.True(t, tx.ProcessedAt.Equal(time.Date(2025, 2, 10, 22, 27, 17, 317e6, time.UTC)), tx.ProcessedAt)
	assert.Equal(t, int64(1739226437), tx.ProcessedAt.Unix())
	assert.Empty(t, tx.PaymentIntentToken)
	assert.Empty(t, tx.Currency)
	assert.Zero(t, tx.Amount)
	assert.Nil(t, tx.Metadata)
	assert.JSONEq(t, approved, string(tx.Raw))
}

// assertParamError checks err is this package's *ParamError for field,
// with the package's prefix.
func assertParamError(t *testing.T, err error, field string) {
	t.Helper()
	var pe *ParamError
	if assert.ErrorAs(t, err, &pe, field) {
		assert.Equal(t, field, pe.Field)
		assert.True(t, strings.HasPrefix(err.Error(), "cubo: invalid params: "+field+": "), err.Error())
	}
}
