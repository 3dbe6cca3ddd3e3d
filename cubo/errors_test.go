package cubo

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNotFound(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		status int
		body   string
		found  bool // true: not ErrNotFound
	}{
		{"404", 404, `{"statusCode":404,"message":"Transaction not found","error":"Not Found"}`, false},
		{"404 html", 404, `<html>nope</html>`, false},
		{"404 envelope with a 200", 200, `{"statusCode":404,"message":"Transaction not found"}`, false},
		{"400 is not not-found", 400, `{"statusCode":400,"message":"bad token"}`, true},
		{"401 is not not-found", 401, `{"statusCode":401,"message":"Unauthorized"}`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			mt.RegisterResponder("GET", base+"/api/v1/transactions/tok_1", httpmock.NewStringResponder(tc.status, tc.body))
			_, err := c.Transactions.Get(bg, "tok_1")
			require.Error(t, err)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, !tc.found, errors.Is(err, ErrNotFound))
			assert.Equal(t, !tc.found, errors.Is(fmt.Errorf("wrapped: %w", err), ErrNotFound))
			assert.False(t, e.Declined())
		})
	}
}

func TestTransactionDecline(t *testing.T) {
	t.Parallel()
	for status, declined := range map[Status]bool{
		StatusSucceeded: false, StatusRejected: true, "DECLINED": true, "FAILED": false, "PENDING": false, "": false,
	} {
		tx := &Transaction{Status: status}
		assert.Equal(t, declined, tx.Declined(), status)
		assert.False(t, tx.SoftDecline(), "Cubo gives no code with a transaction")
	}
	var nilTx *Transaction
	assert.False(t, nilTx.Declined())
	assert.False(t, nilTx.SoftDecline())
	var nilErr *Error
	assert.False(t, nilErr.Declined())
	assert.False(t, nilErr.SoftDecline())
}
