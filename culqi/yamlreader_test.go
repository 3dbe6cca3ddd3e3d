package culqi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The cassette reader agrees with a full YAML parser on the subset used.
func TestYAMLSubset(t *testing.T) {
	t.Parallel()
	src := `interactions:
  - request:
      body:
        '{"a": "it''s", "b":
        "c"}'
      headers:
        Accept:
          - application/json
      method: POST
    response:
      body:
        string: "{\"x\":\"Cl\xE1sica\",\"y\":\"Venta
          de prueba\",\"z\":\"no\
          \ space\"}"
      status:
        code: 201
  - request:
      body: null
      headers:
        User-Agent:
        - Mozilla/5.0 (X11)
          Safari/537.36
      uri: https://api.culqi.com/v2/tokens
version: 1
`
	doc, err := parseYAML(src)
	require.NoError(t, err)
	root := doc.(map[string]any)
	items := root["interactions"].([]any)
	require.Len(t, items, 2)
	first := items[0].(map[string]any)
	req := first["request"].(map[string]any)
	assert.Equal(t, `{"a": "it's", "b": "c"}`, req["body"])
	assert.Equal(t, []any{"application/json"}, req["headers"].(map[string]any)["Accept"])
	resp := first["response"].(map[string]any)
	assert.Equal(t, `{"x":"Clásica","y":"Venta de prueba","z":"no space"}`, resp["body"].(map[string]any)["string"])
	assert.Equal(t, "201", resp["status"].(map[string]any)["code"])
	second := items[1].(map[string]any)["request"].(map[string]any)
	assert.Nil(t, second["body"])
	assert.Equal(t, []any{"Mozilla/5.0 (X11) Safari/537.36"}, second["headers"].(map[string]any)["User-Agent"])
	assert.Equal(t, "1", root["version"])
}
