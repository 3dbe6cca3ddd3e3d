package wire

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeUnmarshal(t *testing.T) {
	t.Parallel()
	newYear := time.Date(2021, time.January, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{`1609459200`, newYear},
		{`1609459200000`, newYear},
		{`"1609459200"`, newYear},
		{`"1609459200000"`, newYear},
		{`1609459200.5`, newYear.Add(500 * time.Millisecond)},
		{`"1609459200.123456789"`, newYear.Add(123456789 * time.Nanosecond)},
		{`1609459200.1234567891`, newYear.Add(123456789 * time.Nanosecond)},
		{`1609459200123.5`, newYear.Add(123*time.Millisecond + 500*time.Microsecond)},
		{`99999999999`, time.Unix(99999999999, 0).UTC()},
		{`100000000000`, time.UnixMilli(100000000000).UTC()},
		{`-1`, time.Unix(-1, 0).UTC()},
		{`-1.5`, time.Unix(-2, 500_000_000).UTC()},
		{`-100000000000`, time.UnixMilli(-100000000000).UTC()},
		{`"2021-01-01T00:00:00Z"`, newYear},
		{`"2021-01-01T00:00:00.25Z"`, newYear.Add(250 * time.Millisecond)},
		{`"2020-12-31T19:00:00-05:00"`, newYear},
		{`"2020-12-31T19:00:00.000-0500"`, newYear},
		{`"2020-12-31 19:00:00-05:00"`, newYear},
		{`"2021-01-01T00:00:00"`, newYear},
		{`"2021-01-01 00:00:00"`, newYear},
		{`"2021-01-01 00:00:00.75"`, newYear.Add(750 * time.Millisecond)},
		{`"2021-01-01"`, newYear},
		{` "2021-01-01" `, newYear},
		{`null`, time.Time{}},
		{`""`, time.Time{}},
		{`0`, time.Time{}},
		{`"0"`, time.Time{}},
		{`0.0`, time.Time{}},
	}
	for _, tt := range tests {
		var got Time
		if !assert.NoError(t, json.Unmarshal([]byte(tt.in), &got), "input %s", tt.in) {
			continue
		}
		assert.True(t, tt.want.Equal(got.Time), "input %s: got %v want %v", tt.in, got.Time, tt.want)
		if !tt.want.IsZero() {
			assert.Equal(t, time.UTC, got.Location(), "input %s", tt.in)
		} else {
			assert.True(t, got.IsZero(), "input %s", tt.in)
		}
	}
}

func TestTimeUnmarshalNullResets(t *testing.T) {
	t.Parallel()
	tm := Time{time.Now()}
	require.NoError(t, tm.UnmarshalJSON([]byte("null")))
	assert.True(t, tm.IsZero())
}

func TestTimeUnmarshalErrors(t *testing.T) {
	t.Parallel()
	bad := []string{
		`true`, `{}`, `[]`, `"yesterday"`, `"2021-13-01"`, `"2021-01-01T25:00:00Z"`,
		`1e9`, `"1e9"`, `"1609459200 "`, `"01/02/2021"`, `"2021-01-01T00:00:00+25:00"`,
		`99999999999999999999`, `9223372036854775807`, `-9223372036854775807`, `"."`, `"-"`,
	}
	for _, in := range bad {
		var got Time
		err := json.Unmarshal([]byte(in), &got)
		assert.Error(t, err, "input %s gave %v", in, got.Time)
	}

	var got Time
	err := json.Unmarshal([]byte(`"next tuesday"`), &got)
	require.Error(t, err)
	assert.Equal(t, `wire: invalid time "next tuesday": unknown format`, err.Error())

	long := `"` + strings.Repeat("x", 100) + `"`
	err = json.Unmarshal([]byte(long), &got)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"`+strings.Repeat("x", 40)+`…"`)
	assert.NotContains(t, err.Error(), strings.Repeat("x", 41))
}

func TestTimeMarshal(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(Time{})
	require.NoError(t, err)
	assert.Equal(t, `null`, string(b))

	lima := time.FixedZone("PET", -5*3600)
	b, err = json.Marshal(Time{time.Date(2020, 12, 31, 19, 0, 0, 123456789, lima)})
	require.NoError(t, err)
	assert.Equal(t, `"2021-01-01T00:00:00.123456789Z"`, string(b))

	b, err = json.Marshal(Time{time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	assert.Equal(t, `"2021-01-01T00:00:00Z"`, string(b))

	_, err = json.Marshal(Time{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)})
	assert.Error(t, err)
}

func FuzzTimeUnmarshal(f *testing.F) {
	for _, s := range []string{
		`1609459200`, `1609459200000`, `"1609459200"`, `1609459200.5`, `-1.5`, `null`, `""`, `0`,
		`"2021-01-01T00:00:00Z"`, `"2021-01-01 00:00:00"`, `"2021-01-01"`, `true`, `"x"`,
		`99999999999999999999`, `"2020-12-31T19:00:00.000-0500"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var tm Time
		if err := tm.UnmarshalJSON(data); err != nil {
			return
		}
		if !tm.IsZero() {
			require.Equal(t, time.UTC, tm.Location())
		}
		b, err := json.Marshal(tm)
		require.NoError(t, err, "decoded %v from %q", tm.Time, data)
		var back Time
		require.NoError(t, json.Unmarshal(b, &back))
		require.True(t, tm.Equal(back.Time), "%v != %v", tm.Time, back.Time)
	})
}

func TestTimeOutOfRange(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`"0000-01-01T00:00:00+01:00"`, `"9999-12-31T23:00:00-05:00"`, `9000000000000000`} {
		var got Time
		err := json.Unmarshal([]byte(in), &got)
		if assert.Error(t, err, in) {
			assert.Contains(t, err.Error(), "out of range", in)
		}
	}
}
