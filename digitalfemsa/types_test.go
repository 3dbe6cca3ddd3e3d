package digitalfemsa

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeDecoding(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Time{
		`1668117996`:                         time.Unix(1668117996, 0).UTC(),
		`"1668117996"`:                       time.Unix(1668117996, 0).UTC(),
		`1668117996000`:                      time.UnixMilli(1668117996000).UTC(),
		`"2023-03-20T14:11:08+00:00"`:        time.Date(2023, 3, 20, 14, 11, 8, 0, time.UTC),
		`"2022-08-25 16:40:44.887000+00:00"`: time.Date(2022, 8, 25, 16, 40, 44, 887000000, time.UTC),
		`null`:                               {},
		`""`:                                 {},
	} {
		var v Time
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.True(t, want.Equal(v.Time), "%s: got %v", in, v.Time)
	}
	var v Time
	assert.Error(t, json.Unmarshal([]byte(`"yesterday"`), &v))
	b, err := json.Marshal(Time{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}

func TestMetadataDecoding(t *testing.T) {
	t.Parallel()
	var m Metadata
	require.NoError(t, json.Unmarshal([]byte(`{"a":"b","n":42,"t":true,"o":{"x":1},"z":null}`), &m))
	assert.Equal(t, Metadata{"a": "b", "n": "42", "t": "true", "o": `{"x":1}`, "z": ""}, m)
	for _, in := range []string{`null`, `[]`, `""`} {
		var e Metadata
		require.NoError(t, json.Unmarshal([]byte(in), &e))
		assert.Empty(t, e)
	}
	assert.Error(t, json.Unmarshal([]byte(`[1]`), &m))
}
