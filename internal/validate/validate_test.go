package validate

import "testing"

func TestEmail(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"ana@example.com":     true,
		"a@b":                 true,
		"ana.pérez@correo.co": true,
		"":                    false,
		"ana":                 false,
		"@example.com":        false,
		"ana@":                false,
		"ana@@example.com":    false,
		"ana@ex@ample.com":    false,
		"ana @example.com":    false,
		"ana@example.com\n":   false,
		"ana@exa\u00a0mple":   false, // a no-break space
		"ana@exa\x00mple":     false,
		"\tana@example.com":   false,
	} {
		if got := Email(s); got != want {
			t.Errorf("Email(%q) = %v, want %v", s, got, want)
		}
	}
}
