package wire

import (
	"testing"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMetadataAndTimeInQueries(t *testing.T) {
	t.Parallel()
	type filter struct {
		Limit    int       `url:"limit,omitempty"`
		Email    string    `url:"email,omitempty"`
		From     time.Time `url:"creation_date_from,unix,omitempty"`
		Metadata Metadata  `url:"metadata,omitempty"`
	}
	v, err := query.Values(&filter{From: time.Unix(1700000000, 0), Metadata: Metadata{"order": "A-1", "shop": "lima"}})
	require.NoError(t, err)
	assert.Equal(t, "creation_date_from=1700000000&metadata%5Border%5D=A-1&metadata%5Bshop%5D=lima", v.Encode())

	v, err = query.Values(&filter{})
	require.NoError(t, err)
	assert.Empty(t, v.Encode(), "zero values are not sent")
}
