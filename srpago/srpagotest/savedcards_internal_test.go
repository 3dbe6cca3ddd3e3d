package srpagotest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// The interleaving TestNoCardOutlivesItsCustomer can only hope to meet,
// played in order: the card's hook found its customer, the customer was
// deleted (its cascade finding no card yet), then the card was stored.
func TestCardSavedForACustomerDeletedMeanwhile(t *testing.T) {
	t.Parallel()
	s := NewServer()
	defer s.Close()
	kept := s.customers.Put(&customer{ID: "cus_kept"})
	late := s.cards.Put(&cardRec{Token: "crd_late", CustomerID: "cus_gone"})
	s.cardChanged(fakeapi.OpCreate, late)
	mine := s.cards.Put(&cardRec{Token: "crd_mine", CustomerID: kept.ID})
	s.cardChanged(fakeapi.OpCreate, mine)

	_, ok := s.cards.Get("crd_late")
	assert.False(t, ok, "the card went with its customer")
	_, ok = s.cards.Get("crd_mine")
	assert.True(t, ok, "a card of a customer that exists stays")

	s.cardChanged(fakeapi.OpDelete, mine)
	got, ok := s.customers.Get(kept.ID)
	require.True(t, ok)
	assert.Equal(t, 1, got.Deleted, "a deleted card counts on its customer")
}
