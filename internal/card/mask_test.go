package card

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaskPANs(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"no digits here", "no digits here"},
		{"4111111111111111", "************1111"},
		{"card 4111 1111 1111 1111 ok", "card **** **** **** 1111 ok"},
		{"4111-1111-1111-1111", "****-****-****-1111"},
		{"4111 1111-1111 1111", "**** ****-**** 1111"},
		{"-4111111111111111-", "-************1111-"},
		{"pan:4111111111111111;", "pan:************1111;"},
		{"amex 378282246310005.", "amex ***********0005."},
		{"a=4111111111111111,b=5555555555554444", "a=************1111,b=************4444"},
		{`{"number":"4242424242424242","cvc":"123"}`, `{"number":"************4242","cvc":"123"}`},
		{"tarjeta «4111 1111 1111 1111» ñ", "tarjeta «**** **** **** 1111» ñ"},
		// Shortest and longest lengths.
		{"123456789015", "********9015"},
		{"1234567890123456785", "***************6785"},
		// Not masked: fails Luhn, too short, too long, wrong separators.
		{"order 4111111111111112 at 20240101123045", "order 4111111111111112 at 20240101123045"},
		{"12345678903", "12345678903"},
		{"411111111111111100000", "411111111111111100000"},
		{"4111  1111 1111 1111", "4111  1111 1111 1111"},
		{"4111.1111.1111.1111", "4111.1111.1111.1111"},
		{"4111 1111 1111 1111 ", "**** **** **** 1111 "},
		// Already masked text stays as is.
		{"ya enmascarada ************1111", "ya enmascarada ************1111"},
		// A number inside a longer run of groups is still found.
		{"ref 1234 4111 1111 1111 1111", "ref 1234 **** **** **** 1111"},
		// The longest Luhn-valid candidate wins, even when a trailing group
		// makes it longer than the card number.
		{"4111 1111 1111 1111 987", "**** **** **** ***1 987"},
		// The kept last four digits start a new candidate; here
		// "1111 2024-01-01" passes Luhn and is masked too.
		{"4111111111111111 2024-01-01", "**************** ****-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got := MaskPANs(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want, string(MaskPANBytes([]byte(tt.in))))
			assert.Equal(t, got, MaskPANs(got), "not idempotent")
			assertNoLuhnRun(t, got)
		})
	}
}

func TestMaskPANBytesReturnsInputWhenClean(t *testing.T) {
	t.Parallel()
	in := []byte("order 123456789012345678901 at 2024-01-01T00:00:00Z")
	out := MaskPANBytes(in)
	require.NotEmpty(t, out)
	assert.Same(t, &in[0], &out[0], "clean input should be returned as is")

	dirty := []byte("pan 4111111111111111")
	orig := string(dirty)
	out = MaskPANBytes(dirty)
	assert.Equal(t, "pan ************1111", string(out))
	assert.Equal(t, orig, string(dirty), "input must not be modified")
}

// Not parallel: testing.AllocsPerRun refuses to run in a parallel test.
func TestMaskPANsNoAllocWhenClean(t *testing.T) {
	s := cleanLogLine
	b := []byte(s)
	allocs := testing.AllocsPerRun(100, func() {
		if MaskPANs(s) != s {
			t.Fatal("clean line changed")
		}
		if len(MaskPANBytes(b)) != len(b) {
			t.Fatal("clean bytes changed")
		}
	})
	assert.Zero(t, allocs)
}

const cleanLogLine = `time=2024-05-01T12:34:56.789Z level=INFO msg="charge created" ` +
	`provider=culqi order_id=20240501123456789 amount=15000 currency=PEN ` +
	`charge_id=chr_live_1234567890abcdef phone="+51 999 888 777" ruc=20123456789`

const dirtyLogLine = `time=2024-05-01T12:34:56.789Z level=INFO msg="charge created" ` +
	`provider=culqi order_id=20240501123456789 body={"card_number":"4111 1111 1111 1111",` +
	`"cvv":"***"} amount=15000 currency=PEN`

func BenchmarkMaskPANs(b *testing.B) {
	b.Run("clean", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(cleanLogLine)))
		for i := 0; i < b.N; i++ {
			_ = MaskPANs(cleanLogLine)
		}
	})
	b.Run("clean-bytes", func(b *testing.B) {
		in := []byte(cleanLogLine)
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for i := 0; i < b.N; i++ {
			_ = MaskPANBytes(in)
		}
	})
	b.Run("dirty", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(dirtyLogLine)))
		for i := 0; i < b.N; i++ {
			_ = MaskPANs(dirtyLogLine)
		}
	})
	b.Run("long-digits", func(b *testing.B) {
		in := strings.Repeat("1 2-3 ", 2000)
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for i := 0; i < b.N; i++ {
			_ = MaskPANs(in)
		}
	})
}

// runPattern finds maximal runs of digit groups joined by single spaces or
// dashes; it is written independently of mask.go on purpose.
var runPattern = regexp.MustCompile(`[0-9]+(?:[ -][0-9]+)*`)

// refLuhn is a straightforward Luhn check on an all-digit string.
func refLuhn(d string) bool {
	sum := 0
	for i := 0; i < len(d); i++ {
		n := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			n = n*2/10 + n*2%10
		}
		sum += n
	}
	return sum%10 == 0
}

// luhnRun returns the first sequence of whole digit groups in s with 12 to
// 19 digits that passes Luhn, or "".
func luhnRun(s string) string {
	for _, run := range runPattern.FindAllString(s, -1) {
		groups := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '-' })
		for i := range groups {
			d := ""
			for j := i; j < len(groups); j++ {
				d += groups[j]
				if len(d) > 19 {
					break
				}
				if len(d) >= 12 && refLuhn(d) {
					return d
				}
			}
		}
	}
	return ""
}

func assertNoLuhnRun(t *testing.T, s string) {
	t.Helper()
	assert.Empty(t, luhnRun(s), "Luhn-valid run left in %q", s)
}

func TestLuhnRunHelper(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "4111111111111111", luhnRun("x 4111-1111 1111-1111 y"))
	assert.Equal(t, "4111111111111111", luhnRun("1234 4111 1111 1111 1111"))
	assert.Equal(t, "", luhnRun("4111111111111112"))
	assert.Equal(t, "", luhnRun("************1111"))
	assert.True(t, refLuhn("378282246310005"))
	assert.False(t, refLuhn("378282246310006"))
}

func FuzzMaskPANs(f *testing.F) {
	for _, s := range []string{
		"", "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111 987",
		"1234 4111 1111 1111 1111", "4111111111111111 2024-01-01", cleanLogLine, dirtyLogLine,
		"1 2 3 4 5 6 7 8 9 0 1 5 8", "************1111", "12345678903", "0000000000000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkMaskProperties(t, in)
		// Random bytes seldom hold 12 digits in a row, so also try the
		// input mapped onto digits and separators.
		dense := []byte(in)
		for i, c := range dense {
			dense[i] = "0123456789012345678 -x*"[int(c)%23]
		}
		checkMaskProperties(t, string(dense))
	})
}

func checkMaskProperties(t *testing.T, in string) {
	t.Helper()
	out := MaskPANs(in)
	require.Len(t, out, len(in))
	require.Empty(t, luhnRun(out), "Luhn-valid run left in %q (input %q)", out, in)
	require.Equal(t, out, MaskPANs(out), "not idempotent")
	require.Equal(t, out, string(MaskPANBytes([]byte(in))))
	for i := 0; i < len(in); i++ {
		if in[i] != out[i] {
			require.True(t, isDigit(in[i]) && out[i] == '*', "byte %d changed from %q to %q", i, in[i], out[i])
		}
	}
}

func FuzzCardValidate(f *testing.F) {
	now := time.Date(2026, time.March, 15, 0, 0, 0, 0, time.UTC).Unix()
	f.Add("4111111111111111", "987", 9, 2027, now)
	f.Add("4111 1111 1111 1111", "1234", 12, 26, now)
	f.Add("378282246310005", "12", 1, 2020, now)
	f.Add("", "", 0, 0, int64(0))
	f.Add("4111x1111", "abc", 13, -5, int64(-1))
	f.Add("1234567890123456785", "000", 3, 9999, now)
	f.Fuzz(func(t *testing.T, number, cvv string, month, year int, nowUnix int64) {
		c := Card{Number: number, CVV: cvv, ExpMonth: month, ExpYear: year, HolderName: "Fuzz Holder"}
		err := c.Validate(time.Unix(nowUnix, 0))
		d := c.Digits()
		if err == nil {
			require.GreaterOrEqual(t, len(d), 12)
			require.LessOrEqual(t, len(d), 19)
			require.True(t, allDigitsRef(d), "validated number %q is not all digits", d)
			require.True(t, refLuhn(d), "validated number %q fails Luhn", d)
			require.True(t, allDigitsRef(cvv) && len(cvv) >= 3 && len(cvv) <= 4)
			require.True(t, month >= 1 && month <= 12)
		} else if len(d) >= 12 {
			require.NotContains(t, err.Error(), d)
		}
		// Month and year print as they are; keep them small so that
		// they cannot spell the number themselves.
		small := month > -1000 && month < 1000 && year > -10000 && year < 100000
		if len(d) >= 12 && (err == nil || small) {
			out := fmt.Sprintf("%v|%+v|%#v|%s|%d|%x|%q", c, c, c, c, c, c, c) + c.String()
			require.NotContains(t, out, d)
			js, jerr := c.MarshalJSON()
			require.NoError(t, jerr)
			require.NotContains(t, string(js), d)
		}
	})
}

func allDigitsRef(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
