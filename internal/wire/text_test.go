package wire

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnquoteMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, tok := range []string{
		`""`, `"abc"`, `"Membresía oro"`, `"a\"b"`, `"line\nbreak"`, `"\u00e9"`, `"tab\tin"`,
		"\"bad \xff utf8\"", `"\ud83d\ude00"`,
	} {
		var want string
		require.NoError(t, json.Unmarshal([]byte(tok), &want), tok)
		got, err := Unquote([]byte(tok))
		require.NoError(t, err, tok)
		assert.Equal(t, want, got, tok)
	}
	for _, bad := range []string{`"unterminated`, `abc`, `"\x"`, ``, `"`} {
		_, err := Unquote([]byte(bad))
		assert.Error(t, err, bad)
	}
}

// The plain-string path does not go through a decoder.
func TestUnquoteAllocatesOnlyTheString(t *testing.T) {
	tok := []byte(`"chr_test_abcdefghijklmnop"`)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := Unquote(tok); err != nil {
			t.Fatal(err)
		}
	})
	assert.Equal(t, 1.0, allocs)
}

func TestStringOrNumber(t *testing.T) {
	t.Parallel()
	var v struct {
		A, B, C, D StringOrNumber
	}
	v.D = "kept"
	require.NoError(t, json.Unmarshal([]byte(`{"A":"846696993","B":846696993,"C":-12.50,"D":null}`), &v))
	assert.Equal(t, StringOrNumber("846696993"), v.A)
	assert.Equal(t, StringOrNumber("846696993"), v.B)
	assert.Equal(t, StringOrNumber("-12.50"), v.C, "a number keeps its literal text")
	assert.Equal(t, StringOrNumber("kept"), v.D, "null leaves the value alone")
	for _, bad := range []string{`{"A":true}`, `{"A":{}}`, `{"A":[]}`} {
		assert.Error(t, json.Unmarshal([]byte(bad), &v), bad)
	}
}
