package culqi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIinsTransfersGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "GET", "https://api.culqi.com/v2/iins/411111", 200, `{"object":"iin","bin":"411111","card_brand":"Visa"}`)
	iin, err := c.Iins.Get(ctx, "411111")
	require.NoError(t, err)
	assert.Equal(t, "Visa", iin.CardBrand)
	on(mt, "GET", "https://api.culqi.com/v2/transfers/trf_1", 200, `{"object":"transfer","id":"trf_1","amount":5}`)
	tr, err := c.Transfers.Get(ctx, "trf_1")
	require.NoError(t, err)
	assert.Equal(t, "trf_1", tr.ID)
	assert.JSONEq(t, `{"object":"transfer","id":"trf_1","amount":5}`, string(tr.Raw))
}
