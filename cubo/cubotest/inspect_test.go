package cubotest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/cubo"
	"github.com/latampay/latampay-go/cubo/cubotest"
)

// The typed views return every payment and link, in the order made, as
// the cubo package's own types.
func TestTypedState(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client()
	paid, err := c.Transactions.Create(ctx, payment(cubotest.CardApproved))
	require.NoError(t, err)
	link, err := c.Links.Create(ctx, &cubo.LinkParams{Description: "Order 9", Amount: 990, Metadata: map[string]string{"orderId": "O-9"}})
	require.NoError(t, err)
	_, err = c.Transactions.Create(ctx, payment(cubotest.CardSuspectedFraud))
	require.Error(t, err)
	_, err = c.Links.Create(ctx, &cubo.LinkParams{Description: "Order 10", Amount: 5, Metadata: map[string]string{"orderId": "O-10"}})
	require.NoError(t, err)

	all := s.Transactions()
	require.Len(t, all, 4)
	assert.Equal(t, cubo.StatusSucceeded, all[0].Status)
	assert.Equal(t, paid.ReferenceID, all[0].ReferenceID)
	assert.Equal(t, paid.AuthorizationCode, all[0].AuthorizationCode)
	assert.Equal(t, paid.ProcessedAt.Unix(), all[0].ProcessedAt.Unix())
	assert.Equal(t, int64(100), all[0].Amount)
	assert.Equal(t, cubotest.Currency, all[0].Currency)
	assert.JSONEq(t, `{"status":"SUCCEEDED","referenceId":"`+paid.ReferenceID+`","authorizationCode":"`+paid.AuthorizationCode+`","processedAt":"`+paid.ProcessedAt.Format("2006-01-02T15:04:05.000Z07:00")+`"}`, string(all[0].Raw))

	assert.Equal(t, link.PaymentIntentToken, all[1].PaymentIntentToken)
	assert.Equal(t, cubotest.StatusPending, all[1].Status)
	assert.Equal(t, int64(990), all[1].Amount)
	assert.Equal(t, cubo.Metadata{"orderId": "O-9"}, all[1].Metadata)

	assert.Equal(t, cubo.StatusRejected, all[2].Status)
	assert.True(t, all[2].Declined())
	assert.Empty(t, all[2].ReferenceID)
	assert.Equal(t, int64(5), all[3].Amount)

	got, ok := s.Transaction(link.PaymentIntentToken)
	require.True(t, ok)
	assert.Equal(t, all[1], got)
	got, ok = s.Transaction(paid.ReferenceID)
	require.True(t, ok)
	assert.Equal(t, all[0], got)
	_, ok = s.Transaction("")
	assert.False(t, ok, "the declined payment has no id to find it by")
	_, ok = s.Transaction("nope")
	assert.False(t, ok)

	byMeta := s.TransactionsWithMetadata("orderId", "O-10")
	require.Len(t, byMeta, 1)
	assert.Equal(t, all[3], byMeta[0])
	assert.Empty(t, s.TransactionsWithMetadata("orderId", "O-11"))

	l, ok := s.Link(link.PaymentIntentToken)
	require.True(t, ok)
	assert.Equal(t, link.RedirectURL, l.RedirectURL)
	assert.Equal(t, link.PaymentIntentToken, l.PaymentIntentToken)
	_, ok = s.Link("nope")
	assert.False(t, ok)

	// A paid link's transaction follows.
	_, err = s.PayLink(link.PaymentIntentToken, cubotest.CardApproved)
	require.NoError(t, err)
	got, _ = s.Transaction(link.PaymentIntentToken)
	assert.Equal(t, cubo.StatusSucceeded, got.Status)
	assert.Len(t, got.ReferenceID, 15)
	fetched, err := c.Transactions.Get(ctx, link.PaymentIntentToken)
	require.NoError(t, err)
	fetched.Raw, got.Raw = nil, nil
	assert.Equal(t, fetched, got, "the typed state is what the API answers")
}
