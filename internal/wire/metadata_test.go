package wire

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMetadataUnmarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Metadata
	}{
		{`{"order":"A-1","n":12,"f":1.50,"b":true,"o":{"a": 1, "b": [1, 2]},"arr":[ "x" ],"nil":null}`, Metadata{
			"order": "A-1", "n": "12", "f": "1.50", "b": "true", "o": `{"a":1,"b":[1,2]}`, "arr": `["x"]`, "nil": "",
		}},
		{`{"s":"caf\u00e9 \"q\""}`, Metadata{"s": `café "q"`}},
		{`{"dup":"1","dup":"2"}`, Metadata{"dup": "2"}},
		{`{"o":{"s":"\u00e9"}}`, Metadata{"o": `{"s":"\u00e9"}`}},
		{`{}`, Metadata{}},
		{` { "k" : "v" } `, Metadata{"k": "v"}},
		{`null`, nil},
		{`[]`, nil},
		{`[ ]`, nil},
		{`""`, nil},
	}
	for _, tt := range tests {
		m := Metadata{"stale": "x"}
		if assert.NoError(t, json.Unmarshal([]byte(tt.in), &m), "input %s", tt.in) {
			assert.Equal(t, tt.want, m, "input %s", tt.in)
		}
	}
}

func TestMetadataUnmarshalErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`["a"]`, `[{}]`, `"x"`, `12`, `true`, `nul`, `{"a":}`, `{`} {
		var m Metadata
		err := m.UnmarshalJSON([]byte(in))
		assert.Error(t, err, "input %s gave %v", in, m)
		assert.Nil(t, m, "input %s", in)
	}
	var m Metadata
	err := json.Unmarshal([]byte(`12`), &m)
	require.Error(t, err)
	assert.Equal(t, `wire: invalid metadata "12": not an object`, err.Error())

	// A card number in the wrong place is masked in the error.
	err = json.Unmarshal([]byte(`["card 4111111111111111"]`), &m)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "4111111111111111")
	assert.Contains(t, err.Error(), "1111")
}

func TestMetadataMarshal(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(Metadata{"b": "2", "a": `{"x":1}`})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"{\"x\":1}","b":"2"}`, string(b))
}

func FuzzMetadataUnmarshal(f *testing.F) {
	for _, s := range []string{
		`{"n":12,"b":true,"o":{"a":1}}`, `null`, `[]`, `""`, `{}`, `{"a":null}`, `{"a":"\u00e9"}`,
		`[1]`, `"x"`, `{"a":[1,{"b":"\ud800"}]}`, "{\"a\":[\"\xff\"]}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Metadata
		if err := m.UnmarshalJSON(data); err != nil {
			return
		}
		b, err := json.Marshal(m)
		require.NoError(t, err)
		var back Metadata
		require.NoError(t, json.Unmarshal(b, &back))
		if len(m) == 0 {
			require.Empty(t, back)
			return
		}
		require.Equal(t, m, back)
	})
}

// charge is shaped like a provider response using every wire type.
type charge struct {
	ID        string   `json:"id"`
	Amount    Decimal  `json:"amount"`
	Fee       Decimal  `json:"fee"`
	Refunded  Decimal  `json:"refunded"`
	Created   Time     `json:"created"`
	Paid      Time     `json:"paid_at"`
	Captured  Time     `json:"captured_at"`
	Metadata  Metadata `json:"metadata"`
	Extra     Metadata `json:"extra"`
	Untouched Decimal  `json:"untouched"`
}

func TestEndToEnd(t *testing.T) {
	t.Parallel()
	body := `{
		"id": "chr_1",
		"amount": 1500.10,
		"fee": "45.5",
		"refunded": null,
		"created": 1609459200000,
		"paid_at": "2021-01-01 00:00:05",
		"captured_at": null,
		"metadata": {"order_id": 98765, "note": "gracias", "vip": false},
		"extra": []
	}`
	var c charge
	require.NoError(t, json.Unmarshal([]byte(body), &c))
	assert.Equal(t, "chr_1", c.ID)
	assert.Equal(t, int64(150010), c.Amount.Cents())
	assert.Equal(t, int64(4550), c.Fee.Cents())
	assert.Zero(t, c.Refunded.Cents())
	assert.Equal(t, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), c.Created.Time)
	assert.Equal(t, time.Date(2021, 1, 1, 0, 0, 5, 0, time.UTC), c.Paid.Time)
	assert.True(t, c.Captured.IsZero())
	assert.Equal(t, Metadata{"order_id": "98765", "note": "gracias", "vip": "false"}, c.Metadata)
	assert.Nil(t, c.Extra)

	out, err := json.Marshal(c)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"id": "chr_1",
		"amount": "1500.10",
		"fee": "45.50",
		"refunded": "0.00",
		"created": "2021-01-01T00:00:00Z",
		"paid_at": "2021-01-01T00:00:05Z",
		"captured_at": null,
		"metadata": {"order_id": "98765", "note": "gracias", "vip": "false"},
		"extra": null,
		"untouched": "0.00"
	}`, string(out))

	var back charge
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, c, back)

	err = json.Unmarshal([]byte(`{"amount": 1.005}`), &c)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"1.005"`)
}
