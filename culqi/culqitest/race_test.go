package culqitest_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// Lists, customer reads, Find and the typed state copy what they report under the store's
// lock: run with -race, updates alongside them must not race.
func TestReadsDoNotRaceWithUpdates(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	c := srv.Client()
	for range 10 {
		newCustomer(t, c)
	}
	cus := newCustomer(t, c)
	card, err := c.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: newToken(t, c, culqitest.CardVisa).ID})
	require.NoError(t, err)

	// Many rounds: the detector sees a race only when an update lands
	// between a read and the reader's next use of the store's lock.
	const rounds = 200
	var wg sync.WaitGroup
	errs := make(chan error, 5*rounds)
	wg.Add(5)
	go func() {
		defer wg.Done()
		for i := range rounds {
			_, err := c.Customers.Update(ctx, cus.ID, &culqi.CustomerUpdateParams{Metadata: map[string]string{"n": fmt.Sprint(i)}})
			errs <- err
		}
	}()
	go func() {
		defer wg.Done()
		for i := range rounds {
			_, err := c.Cards.Update(ctx, card.ID, &culqi.CardUpdateParams{Metadata: map[string]string{"n": fmt.Sprint(i)}})
			errs <- err
		}
	}()
	go func() {
		defer wg.Done()
		for range rounds {
			_, err := c.Customers.List(ctx, &culqi.CustomerListParams{Email: "ana@example.pe"})
			errs <- err
		}
	}()
	go func() {
		defer wg.Done()
		for range rounds {
			_, err := c.Customers.Get(ctx, cus.ID)
			errs <- err
		}
	}()
	go func() {
		defer wg.Done()
		for range rounds {
			assert.Len(t, srv.Find(culqitest.KindCustomers, cus.ID), 1)
			// The typed state copies under the lock too.
			got, ok := srv.Customer(cus.ID)
			assert.True(t, ok)
			assert.Len(t, got.Cards, 1)
			assert.Len(t, srv.Cards(), 1)
			errs <- nil
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
