package transport

import (
	"encoding/base64"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/latampay/latampay-go/internal/card"
)

// The scrubber is the one place that removes secrets from what leaves the
// SDK: error strings and fields, response bodies kept in errors, and log
// attributes. It removes
//   - the client's credentials and the tokens it holds, exact and in their
//     base64 and URL-encoded forms;
//   - the value of anything that reads "Authorization: ..." or
//     "Bearer <token>" / "Basic <credentials>";
//   - URL userinfo and query values;
//   - card numbers in every spelling (spaces, dashes, \u escapes and
//     percent-escapes judged as they read once decoded).
// What it cannot know is never its job: a secret it was not told about and
// that has no recognisable shape stays (there is none in practice: the
// credentials are the client's own).

// redacted replaces a removed secret.
const redacted = "[REDACTED]"

// secretSource is implemented by authenticators: the values they send that
// must never be shown.
type secretSource interface{ secrets() []string }

// scrubber holds the fixed secrets of one client and the authenticators
// whose secrets change (a session token).
type scrubber struct {
	fixed   []string
	dynamic []secretSource
}

func newScrubber(extra []string, sources ...Authenticator) *scrubber {
	s := &scrubber{}
	for _, v := range extra {
		s.fixed = appendSecretForms(s.fixed, v)
	}
	for _, a := range sources {
		src, ok := a.(secretSource)
		if !ok {
			continue
		}
		if _, isSession := a.(*SessionAuth); isSession {
			s.dynamic = append(s.dynamic, src)
			continue
		}
		for _, v := range src.secrets() {
			s.fixed = appendSecretForms(s.fixed, v)
		}
	}
	return s
}

// minSecret: shorter values are not treated as secrets (an empty password,
// a one-letter user name would mask every occurrence of that letter).
const minSecret = 6

// appendSecretForms adds v and the forms it can take on the wire or in an
// echo: base64 (standard and URL alphabets, padded or not) and URL-encoded.
func appendSecretForms(list []string, v string) []string {
	if len(v) < minSecret {
		return list
	}
	forms := []string{
		v,
		base64.StdEncoding.EncodeToString([]byte(v)),
		base64.RawStdEncoding.EncodeToString([]byte(v)),
		base64.URLEncoding.EncodeToString([]byte(v)),
		base64.RawURLEncoding.EncodeToString([]byte(v)),
		url.QueryEscape(v),
		url.PathEscape(v),
	}
	for _, f := range forms {
		if len(f) >= minSecret && !slices.Contains(list, f) {
			list = append(list, f)
		}
	}
	return list
}

// secretsNow lists every secret form to remove now.
func (s *scrubber) secretsNow() []string {
	if s == nil {
		return nil
	}
	if len(s.dynamic) == 0 {
		return s.fixed
	}
	out := append([]string(nil), s.fixed...)
	for _, d := range s.dynamic {
		for _, v := range d.secrets() {
			out = appendSecretForms(out, v)
		}
	}
	return out
}

// String scrubs one text.
func (s *scrubber) String(v string) string {
	if v == "" {
		return v
	}
	for _, sec := range s.secretsNow() {
		if strings.Contains(v, sec) {
			v = strings.ReplaceAll(v, sec, redacted)
		}
	}
	v = scrubAuthValues(v)
	v = scrubURLs(v)
	return maskPANsDecoded(v)
}

// Bytes scrubs one body; it returns b itself when nothing changes.
func (s *scrubber) Bytes(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	out := s.String(string(b))
	if out == string(b) {
		return b
	}
	return []byte(out)
}

// scrubAuthValues removes the credential after "Bearer " or "Basic ", and
// whatever follows an "Authorization" label up to the end of its value.
func scrubAuthValues(v string) string {
	for _, scheme := range []string{"Bearer ", "bearer ", "BEARER ", "Basic ", "basic ", "BASIC "} {
		v = redactAfter(v, scheme, isTokenByte)
	}
	return v
}

func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("-._~+/=:", c) >= 0
}

// redactAfter replaces every run of token bytes following marker.
func redactAfter(v, marker string, token func(byte) bool) string {
	from := 0
	for {
		i := strings.Index(v[from:], marker)
		if i < 0 {
			return v
		}
		start := from + i + len(marker)
		end := start
		for end < len(v) && token(v[end]) {
			end++
		}
		if end == start || v[start:end] == redacted {
			from = start
			continue
		}
		v = v[:start] + redacted + v[end:]
		from = start + len(redacted)
	}
}

// scrubURLs removes userinfo and query values from every http(s) URL in v.
func scrubURLs(v string) string {
	if !strings.Contains(v, "://") {
		return v
	}
	// userinfo: scheme://user:pass@host
	for _, scheme := range []string{"https://", "http://", "ftp://"} {
		from := 0
		for {
			i := strings.Index(v[from:], scheme)
			if i < 0 {
				break
			}
			start := from + i + len(scheme)
			end := start
			for end < len(v) && !isURLEnd(v[end]) && v[end] != '/' && v[end] != '?' && v[end] != '#' {
				end++
			}
			if at := strings.LastIndexByte(v[start:end], '@'); at >= 0 {
				v = v[:start] + redacted + v[start+at:]
				end = start + len(redacted) + (end - start - at)
			}
			from = end
		}
	}
	// query values: ?a=1&b=2 → ?a=[REDACTED]&b=[REDACTED]
	if strings.IndexByte(v, '?') < 0 {
		return v
	}
	var b strings.Builder
	inQuery := false
	inValue := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case isURLEnd(c):
			inQuery, inValue = false, false
		case c == '?' && i > 0 && !isURLEnd(v[i-1]):
			inQuery, inValue = true, false
		case inQuery && c == '=':
			b.WriteByte(c)
			b.WriteString(redacted)
			inValue = true
			continue
		case inQuery && (c == '&' || c == ';'):
			inValue = false
		}
		if !inValue {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isURLEnd(c byte) bool {
	return c == ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\n' || c == '\r' || c == '\t' || c == '\\' || c == ',' || c == ')'
}

// maskPANsDecoded masks card numbers as they read once \uXXXX and %XX
// escapes are decoded: a digit written as an escape is judged as the digit
// it stands for, and replaced by '*' when masked.
func maskPANsDecoded(v string) string {
	if !strings.Contains(v, `\u`) && !strings.Contains(v, "%") {
		return card.MaskPANs(v)
	}
	// view: the decoded text; span[i]: the source bytes view[i] came from.
	view := make([]byte, 0, len(v))
	span := make([][2]int, 0, len(v))
	for i := 0; i < len(v); {
		if c, n := decodeEscape(v, i); n > 0 {
			view = append(view, c)
			span = append(span, [2]int{i, i + n})
			i += n
			continue
		}
		view = append(view, v[i])
		span = append(span, [2]int{i, i + 1})
		i++
	}
	masked := card.MaskPANBytes(view)
	if &masked[0] == &view[0] {
		return v
	}
	var b strings.Builder
	b.Grow(len(v))
	for i, c := range masked {
		if c == '*' && view[i] != '*' {
			b.WriteByte('*')
			continue
		}
		b.WriteString(v[span[i][0]:span[i][1]])
	}
	return b.String()
}

// decodeEscape decodes a \uXXXX or %XX escape of an ASCII character at
// v[i], returning the character and the escape's length (0 when there is
// none).
func decodeEscape(v string, i int) (byte, int) {
	if v[i] == '\\' && i+6 <= len(v) && v[i+1] == 'u' {
		var r int
		for _, h := range []byte(v[i+2 : i+6]) {
			d := unhex(h)
			if d < 0 {
				return 0, 0
			}
			r = r<<4 | d
		}
		if r < 0x80 {
			return byte(r), 6
		}
		return 0, 0
	}
	if v[i] == '%' && i+3 <= len(v) {
		hi, lo := unhex(v[i+1]), unhex(v[i+2])
		if hi >= 0 && lo >= 0 {
			return byte(hi<<4 | lo), 3
		}
	}
	return 0, 0
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// Error scrubs every exported string, []byte and []string field (nested
// structs and slices of structs included) of every error in err's chain,
// in place: the errors are the call's own, made for this return.
func (s *scrubber) Error(err error) error {
	if err == nil {
		return nil
	}
	seen := 0
	var walk func(e error)
	walk = func(e error) {
		if e == nil || seen > 32 {
			return
		}
		seen++
		v := reflect.ValueOf(e)
		if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			s.scrubValue(v.Elem(), 0)
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		}
	}
	walk(err)
	return err
}

func (s *scrubber) scrubValue(v reflect.Value, depth int) {
	if depth > 6 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			if out := s.String(v.String()); out != v.String() {
				v.SetString(out)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			if v.CanSet() && v.Len() > 0 {
				b := v.Bytes()
				if out := s.Bytes(b); &out[0] != &b[0] {
					v.SetBytes(out)
				}
			}
			return
		}
		for i := 0; i < v.Len(); i++ {
			s.scrubValue(v.Index(i), depth+1)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).IsExported() {
				s.scrubValue(v.Field(i), depth+1)
			}
		}
	case reflect.Pointer:
		if !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			// Only into plain data: an error inside is walked by Error.
			if _, isErr := v.Interface().(error); !isErr {
				s.scrubValue(v.Elem(), depth+1)
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String && v.Type().Elem().Kind() == reflect.String {
			for _, k := range v.MapKeys() {
				val := v.MapIndex(k).String()
				if out := s.String(val); out != val {
					v.SetMapIndex(k, reflect.ValueOf(out).Convert(v.Type().Elem()))
				}
			}
		}
	}
}

// scrubbedError is the stand-in for an error whose text still carries a
// secret after its fields were scrubbed (a text computed from unexported
// state): its message is the scrubbed text, and errors.Is/As still see the
// original.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// finalError scrubs err's fields and, when its text still changes under
// the scrubber, wraps it so that Error() shows the scrubbed text.
func (s *scrubber) finalError(err error) error {
	if err == nil {
		return nil
	}
	s.Error(err)
	msg := err.Error()
	if out := s.String(msg); out != msg {
		return &scrubbedError{msg: out, err: err}
	}
	return err
}
