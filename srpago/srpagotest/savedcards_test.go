package srpagotest_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

// Cards saved while their customers are deleted, all at once (under
// -race): whichever request ends first, no saved card outlives its
// customer, where it would still charge. The interleaving that matters
// is rare here; TestCardSavedForACustomerDeletedMeanwhile plays it in
// order.
func TestNoCardOutlivesItsCustomer(t *testing.T) {
	t.Parallel()
	srv := srpagotest.NewServer()
	defer srv.Close()
	c := srv.Client(srpago.WithMaxRetries(0))
	const n = 24
	ids := make([]string, n)
	toks := make([]string, n)
	for i := range ids {
		cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "A", Email: "a@example.mx"})
		require.NoError(t, err)
		tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card(srpagotest.CardApproved)})
		require.NoError(t, err)
		ids[i], toks[i] = cus.ID, tok.ID
	}
	var wg sync.WaitGroup
	saved := make(chan string, n)
	for i := range ids {
		wg.Add(2)
		go func() {
			defer wg.Done()
			// Saved or refused as the customer is gone: either is right.
			if sc, err := c.Cards.Add(ctx, ids[i], toks[i]); err == nil {
				saved <- sc.Token
			}
		}()
		go func() {
			defer wg.Done()
			assert.NoError(t, c.Customers.Delete(ctx, ids[i]))
		}()
	}
	wg.Wait()
	close(saved)
	assert.Empty(t, srv.Customers())
	assert.Empty(t, srv.SavedCards(), "every card went with its customer")
	for tok := range saved {
		_, err := c.Charges.Create(ctx, charge(tok, 1000))
		var e *srpago.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, srpago.CodeCardInformationNotFound, e.Code)
	}
	assert.Empty(t, srv.Charges())
}
