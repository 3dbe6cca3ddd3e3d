// Package validate holds the input checks the provider packages share, so
// that one rule has one implementation across the family.
package validate

import "unicode"

// Email reports whether s can be an email address as the providers take
// one: exactly one "@" with text on both sides, and no white space or
// control character anywhere. It checks the shape only: deliverability is
// the provider's business, and a stricter parser (net/mail) would refuse
// addresses the providers accept.
func Email(s string) bool {
	at := -1
	for i, r := range s {
		switch {
		case r == '@':
			if at >= 0 {
				return false
			}
			at = i
		case unicode.IsSpace(r), unicode.IsControl(r):
			return false
		}
	}
	return at > 0 && at < len(s)-1
}
