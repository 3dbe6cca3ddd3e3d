package wire

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatCents(t *testing.T) {
	t.Parallel()
	tests := map[int64]string{
		12345:         "123.45",
		100:           "1.00",
		5:             "0.05",
		0:             "0.00",
		-5:            "-0.05",
		-150:          "-1.50",
		10:            "0.10",
		99:            "0.99",
		math.MaxInt64: "92233720368547758.07",
		math.MinInt64: "-92233720368547758.08",
	}
	for cents, want := range tests {
		assert.Equal(t, want, FormatCents(cents), "cents %d", cents)
	}
}

func TestParseDecimal(t *testing.T) {
	t.Parallel()
	ok := map[string]int64{
		"123.45":                       12345,
		"100":                          10000,
		"9.5":                          950,
		"0.05":                         5,
		"0":                            0,
		"-0":                           0,
		"-1.5":                         -150,
		"+2":                           200,
		"1.230":                        123,
		"1.2300000000000000000":        123,
		"007.10":                       710,
		".5":                           50,
		"-.05":                         -5,
		"1.":                           100,
		"92233720368547758.07":         math.MaxInt64,
		"-92233720368547758.08":        math.MinInt64,
		"0000000000000000000000000001": 100,
	}
	for in, want := range ok {
		got, err := ParseDecimal(in)
		if assert.NoError(t, err, "input %q", in) {
			assert.Equal(t, want, got, "input %q", in)
		}
	}

	bad := []string{
		"", "+", "-", ".", "-.", "1.234", "1.001", "1e2", "1E2", " 1", "1 ", "1,5", "1.2.3",
		"--1", "+-1", "0x10", "abc", "١٢", "NaN", "Inf",
		"92233720368547758.08", "-92233720368547758.09", "92233720368547759",
		"99999999999999999999999", "18446744073709551616",
	}
	for _, in := range bad {
		got, err := ParseDecimal(in)
		assert.Error(t, err, "input %q gave %d", in, got)
		assert.Zero(t, got, "input %q", in)
	}
}

func TestParseDecimalErrorNamesValue(t *testing.T) {
	t.Parallel()
	_, err := ParseDecimal("1.234")
	require.Error(t, err)
	assert.Equal(t, `wire: invalid decimal "1.234": more than two fractional digits`, err.Error())

	_, err = ParseDecimal("12345678901234567890123456789012345678901234567890")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"1234567890123456789012345678901234567890…"`)
}

func TestDecimalJSON(t *testing.T) {
	t.Parallel()
	ok := map[string]int64{
		`123.45`:     12345,
		`100`:        10000,
		`9.5`:        950,
		`-1.5`:       -150,
		`0`:          0,
		`"123.45"`:   12345,
		`"9.5"`:      950,
		`"+2"`:       200,
		`"\u0031.5"`: 150,
		` 7.25 `:     725,
	}
	for in, want := range ok {
		var d Decimal
		if assert.NoError(t, json.Unmarshal([]byte(in), &d), "input %s", in) {
			assert.Equal(t, want, d.Cents(), "input %s", in)
		}
	}

	bad := []string{`1e2`, `1.234`, `""`, `" 1"`, `"abc"`, `true`, `{}`, `[]`, `"1e2"`, `12345678901234567890`}
	for _, in := range bad {
		var d Decimal
		assert.Error(t, json.Unmarshal([]byte(in), &d), "input %s", in)
	}

	d := Decimal(42)
	require.NoError(t, json.Unmarshal([]byte(`null`), &d))
	assert.Equal(t, Decimal(42), d, "null leaves the value")

	b, err := json.Marshal(Decimal(12345))
	require.NoError(t, err)
	assert.Equal(t, `"123.45"`, string(b))
	b, err = json.Marshal(Decimal(-5))
	require.NoError(t, err)
	assert.Equal(t, `"-0.05"`, string(b))
	assert.Equal(t, "1.00", Decimal(100).String())
}

func TestDecimalNoFloatRounding(t *testing.T) {
	t.Parallel()
	// 0.1+0.2 style values and amounts beyond float64's exact integers.
	for in, want := range map[string]int64{
		`0.29`:                 29,
		`1.15`:                 115,
		`90071992547409.93`:    9007199254740993,
		`"90071992547409.93"`:  9007199254740993,
		`92233720368547758.07`: math.MaxInt64,
	} {
		var d Decimal
		require.NoError(t, json.Unmarshal([]byte(in), &d), in)
		assert.Equal(t, want, d.Cents(), in)
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{
		"123.45", "100", "9.5", "0.05", "-1.5", "+2", "1.230", "1.234", ".5", "1.", "",
		"92233720368547758.07", "-92233720368547758.08", "92233720368547758.08", "1e2", "-0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDecimal(s)
		if err != nil {
			require.Zero(t, v)
			return
		}
		formatted := FormatCents(v)
		back, err := ParseDecimal(formatted)
		require.NoError(t, err, "FormatCents(%d) = %q", v, formatted)
		require.Equal(t, v, back)

		var d Decimal
		js, err := json.Marshal(Decimal(v))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(js, &d))
		require.Equal(t, v, d.Cents())
	})
}
