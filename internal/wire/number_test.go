package wire

import (
	"encoding/json"
	"testing"
)

func TestInt(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in      string
		want    Int
		wantErr bool
	}{
		{`396900`, 396900, false},
		{`"396900"`, 396900, false},
		{`" 42 "`, 42, false},
		{`396900.0`, 396900, false},
		{`"12.000"`, 12, false},
		{`-3`, -3, false},
		{`null`, 7, false}, // unchanged
		{`""`, 7, false},   // unchanged
		{`12.5`, 7, true},
		{`"12.5"`, 7, true},
		{`"abc"`, 7, true},
		{`true`, 7, true},
		{`{}`, 7, true},
		{`99999999999999999999`, 7, true},
		{`"\u0031"`, 1, false},
	} {
		n := Int(7)
		err := json.Unmarshal([]byte(tc.in), &n)
		if (err != nil) != tc.wantErr || n != tc.want {
			t.Errorf("Int(%s) = %d, %v; want %d, error %v", tc.in, n, err, tc.want, tc.wantErr)
		}
	}
}

func TestLenientInt(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]LenientInt{
		`5`: 5, `"5"`: 5, `5.0`: 5, `5.5`: 0, `"x"`: 0, `true`: 0, `[1]`: 0, `null`: 9, `""`: 9,
	} {
		n := LenientInt(9)
		if err := json.Unmarshal([]byte(in), &n); err != nil || n != want {
			t.Errorf("LenientInt(%s) = %d, %v; want %d, nil", in, n, err, want)
		}
	}
}
