package card

// Card numbers in free text.
//
// A digit group is a maximal run of consecutive ASCII digits. Groups joined
// by a single space or dash ("4111 1111 1111 1111", "4111-1111-...") form a
// run. A candidate card number is any sequence of consecutive groups within
// one run holding 12 to 19 digits in total; a single group can be a
// candidate, but a candidate never starts or ends inside a group, so a long
// order id or timestamp is never searched for a card number inside it.
//
// MaskPANs scans left to right. At each group it takes the longest
// candidate starting there that passes the Luhn check, replaces all its
// digits but the last four with '*', and carries on from those last four
// digits, which may begin a further candidate. Separators are kept, so the
// length of the text never changes, and masking an already masked text
// changes nothing.

const (
	minPANDigits = 12
	maxPANDigits = 19
)

// text is what the masking functions can scan without converting.
type text interface{ ~string | ~[]byte }

// MaskPANs returns s with every Luhn-valid card number masked down to its
// last four digits, e.g. "4111 1111 1111 1111" becomes
// "**** **** **** 1111". Digit runs that fail the Luhn check, such as order
// ids and timestamps, are left alone. When nothing is masked s itself is
// returned without allocating.
func MaskPANs(s string) string {
	out := maskPANs(s)
	if out == nil {
		return s
	}
	return string(out)
}

// MaskPANBytes is MaskPANs for byte slices. When nothing needs masking it
// returns b itself without allocating; otherwise it returns a new slice and
// leaves b unmodified.
func MaskPANBytes(b []byte) []byte {
	out := maskPANs(b)
	if out == nil {
		return b
	}
	return out
}

// maskPANs returns a masked copy of s, or nil when s holds no card number.
func maskPANs[T text](s T) []byte {
	start, end, ok := findPAN(s, 0)
	if !ok {
		return nil
	}
	out := make([]byte, len(s))
	copy(out, s)
	for ok {
		keep := maskWindow(out, start, end)
		// Bytes from keep on are unchanged, so scanning s is the same as
		// scanning out.
		start, end, ok = findPAN(s, keep)
	}
	return out
}

// maskWindow stars every digit of b[start:end] except the last four and
// returns the index of the first digit kept.
func maskWindow(b []byte, start, end int) int {
	keep := end
	for kept := 0; kept < 4; keep-- {
		if isDigit(b[keep-1]) {
			kept++
		}
	}
	for i := start; i < keep; i++ {
		if isDigit(b[i]) {
			b[i] = '*'
		}
	}
	return keep
}

// findPAN returns the first card number in s that starts at a group start
// at or after from (from itself counts as a group start). The number spans
// s[start:end].
func findPAN[T text](s T, from int) (start, end int, ok bool) {
	n := len(s)
	for i := from; i < n; {
		if !isDigit(s[i]) {
			i++
			continue
		}
		if end, ok := longestPANAt(s, i); ok {
			return i, end, true
		}
		for i < n && isDigit(s[i]) {
			i++
		}
	}
	return 0, 0, false
}

// longestPANAt returns the end of the longest Luhn-valid candidate that
// starts at s[i], which must be a digit.
func longestPANAt[T text](s T, i int) (end int, ok bool) {
	n := len(s)
	// The Luhn check doubles every second digit counting from the right,
	// which depends on the final length. Keep both sums while extending to
	// the right: oddSum doubles digits at odd 0-based positions from the
	// left (right for odd lengths), evenSum those at even positions (right
	// for even lengths).
	var oddSum, evenSum, count int
	j := i
	for {
		for j < n && isDigit(s[j]) {
			d := int(s[j] - '0')
			if count%2 == 0 {
				evenSum += luhnDouble(d)
				oddSum += d
			} else {
				oddSum += luhnDouble(d)
				evenSum += d
			}
			count++
			j++
			if count > maxPANDigits {
				return end, ok
			}
		}
		if count >= minPANDigits {
			sum := oddSum
			if count%2 == 0 {
				sum = evenSum
			}
			if sum%10 == 0 {
				end, ok = j, true
			}
		}
		if j+1 < n && isSep(s[j]) && isDigit(s[j+1]) {
			j++
			continue
		}
		return end, ok
	}
}

func luhnDouble(d int) int {
	d *= 2
	if d > 9 {
		d -= 9
	}
	return d
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isSep(c byte) bool { return c == ' ' || c == '-' }
