package culqi

// A small reader for the subset of YAML that VCR cassettes use: block
// mappings and sequences (indented or not under their key), plain scalars,
// and single- and double-quoted scalars folded over several lines with
// YAML's escapes. Every scalar comes back as a string; null and ~ as nil.
// It was written for the cassette replay test instead of adding a YAML
// dependency to the module.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

type yamlReader struct {
	lines []string
	i     int
}

func parseYAML(src string) (any, error) {
	r := &yamlReader{lines: strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")}
	r.skipBlank()
	if r.i >= len(r.lines) {
		return nil, nil
	}
	return r.node(indentOf(r.lines[r.i]))
}

func indentOf(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

func (r *yamlReader) skipBlank() {
	for r.i < len(r.lines) {
		t := strings.TrimSpace(r.lines[r.i])
		if t != "" && !strings.HasPrefix(t, "#") {
			return
		}
		r.i++
	}
}

func isSeqItem(t string) bool { return t == "-" || strings.HasPrefix(t, "- ") }

// keyOf splits "key: rest" or "key:"; ok is false for anything else.
func keyOf(t string) (key, rest string, ok bool) {
	if t == "" || strings.ContainsRune(`'"[{`, rune(t[0])) || isSeqItem(t) {
		return "", "", false
	}
	if i := strings.Index(t, ": "); i > 0 {
		return t[:i], strings.TrimSpace(t[i+2:]), true
	}
	if strings.HasSuffix(t, ":") {
		return t[:len(t)-1], "", true
	}
	return "", "", false
}

func (r *yamlReader) node(ind int) (any, error) {
	t := strings.TrimSpace(r.lines[r.i])
	switch {
	case isSeqItem(t):
		return r.seq(ind)
	case t[0] == '"' || t[0] == '\'':
		return r.scalar(ind, t)
	}
	if _, _, ok := keyOf(t); ok {
		return r.mapping(ind)
	}
	return r.scalar(ind, t)
}

func (r *yamlReader) mapping(ind int) (any, error) {
	m := map[string]any{}
	for {
		r.skipBlank()
		if r.i >= len(r.lines) || indentOf(r.lines[r.i]) != ind {
			return m, nil
		}
		t := strings.TrimSpace(r.lines[r.i])
		if isSeqItem(t) {
			return m, nil
		}
		key, rest, ok := keyOf(t)
		if !ok {
			return nil, fmt.Errorf("yaml line %d: want a key", r.i+1)
		}
		if rest != "" {
			v, err := r.scalar(ind, rest)
			if err != nil {
				return nil, err
			}
			m[key] = v
			continue
		}
		r.i++
		r.skipBlank()
		switch {
		case r.i >= len(r.lines):
			m[key] = nil
		case indentOf(r.lines[r.i]) > ind:
			v, err := r.node(indentOf(r.lines[r.i]))
			if err != nil {
				return nil, err
			}
			m[key] = v
		case indentOf(r.lines[r.i]) == ind && isSeqItem(strings.TrimSpace(r.lines[r.i])):
			v, err := r.seq(ind)
			if err != nil {
				return nil, err
			}
			m[key] = v
		default:
			m[key] = nil
		}
	}
}

func (r *yamlReader) seq(ind int) (any, error) {
	var out []any
	for {
		r.skipBlank()
		if r.i >= len(r.lines) || indentOf(r.lines[r.i]) != ind || !isSeqItem(strings.TrimSpace(r.lines[r.i])) {
			return out, nil
		}
		content := strings.TrimPrefix(strings.TrimSpace(r.lines[r.i]), "-")
		content = strings.TrimPrefix(content, " ")
		if strings.TrimSpace(content) == "" {
			r.i++
			r.skipBlank()
			v, err := r.node(indentOf(r.lines[r.i]))
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			continue
		}
		if _, _, isKey := keyOf(content); !isKey && !isSeqItem(content) {
			// A scalar item: its continuation lines only need to be
			// indented more than the dash.
			v, err := r.scalar(ind, content)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			continue
		}
		// Re-read the item as if its content started at ind+2.
		r.lines[r.i] = strings.Repeat(" ", ind+2) + content
		v, err := r.node(ind + 2)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// scalar reads a scalar whose text starts with first on line r.i and may
// continue on the following, more indented lines.
func (r *yamlReader) scalar(ind int, first string) (any, error) {
	if first[0] == '"' || first[0] == '\'' {
		return r.quoted(first)
	}
	parts := []string{first}
	r.i++
	for r.i < len(r.lines) && strings.TrimSpace(r.lines[r.i]) != "" && indentOf(r.lines[r.i]) > ind {
		parts = append(parts, strings.TrimSpace(r.lines[r.i]))
		r.i++
	}
	s := strings.Join(parts, " ")
	if s == "null" || s == "~" {
		return nil, nil
	}
	return s, nil
}

// quoted reads a quoted scalar, folding lines as YAML does.
func (r *yamlReader) quoted(first string) (any, error) {
	q := first[0]
	cur := first[1:]
	var lines []string
	start := r.i
	for {
		if end := closingQuote(cur, q); end >= 0 {
			lines = append(lines, cur[:end])
			r.i++
			break
		}
		lines = append(lines, cur)
		r.i++
		if r.i >= len(r.lines) {
			return nil, fmt.Errorf("yaml line %d: unterminated quoted scalar", start+1)
		}
		cur = r.lines[r.i]
	}
	var b strings.Builder
	for n := 0; n < len(lines); n++ {
		l := lines[n]
		if n > 0 {
			l = strings.TrimLeft(l, " \t")
		}
		last := n == len(lines)-1
		if !last {
			if q == '"' && endsWithEscape(l) {
				b.WriteString(l[:len(l)-1])
				// an escaped line break: the next line joins without a space
				lines[n+1] = strings.TrimLeft(lines[n+1], " \t")
				continue
			}
			l = strings.TrimRight(l, " \t")
		}
		b.WriteString(l)
		if last {
			break
		}
		empty := 0
		for n+1 < len(lines)-1 && strings.TrimSpace(lines[n+1]) == "" {
			empty++
			n++
		}
		if empty == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(strings.Repeat("\n", empty))
		}
	}
	if q == '\'' {
		return strings.ReplaceAll(b.String(), "''", "'"), nil
	}
	return unescapeDQ(b.String())
}

func endsWithEscape(l string) bool {
	n := 0
	for i := len(l) - 1; i >= 0 && l[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

func closingQuote(s string, q byte) int {
	for i := 0; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q:
			if q == '\'' && i+1 < len(s) && s[i+1] == '\'' {
				i++
				continue
			}
			return i
		}
	}
	return -1
}

func unescapeDQ(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("yaml: dangling backslash")
		}
		hex := 0
		switch s[i] {
		case '0':
			b.WriteByte(0)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't', '\t':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case ' ', '"', '/', '\\':
			b.WriteByte(s[i])
		case 'N':
			b.WriteRune('\u0085')
		case '_':
			b.WriteRune('\u00a0')
		case 'L':
			b.WriteRune('\u2028')
		case 'P':
			b.WriteRune('\u2029')
		case 'x':
			hex = 2
		case 'u':
			hex = 4
		case 'U':
			hex = 8
		default:
			return "", fmt.Errorf("yaml: unknown escape \\%c", s[i])
		}
		if hex > 0 {
			if i+hex >= len(s) {
				return "", fmt.Errorf("yaml: short escape")
			}
			n, err := strconv.ParseUint(s[i+1:i+1+hex], 16, 32)
			if err != nil {
				return "", fmt.Errorf("yaml: bad escape: %v", err)
			}
			if !utf8.ValidRune(rune(n)) {
				return "", fmt.Errorf("yaml: invalid code point %x", n)
			}
			b.WriteRune(rune(n))
			i += hex
		}
	}
	return b.String(), nil
}
