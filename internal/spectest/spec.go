package spectest

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// Spec is one loaded OpenAPI document with a router over its paths.
type Spec struct {
	// Name labels the document in reports ("digitalfemsa", "conekta").
	Name string
	// Doc is the loaded document.
	Doc    *openapi3.T
	routes []route
}

type route struct {
	method   string
	template string
	re       *regexp.Regexp
	names    []string
	literals int
	item     *openapi3.PathItem
	op       *openapi3.Operation
}

// Operation names one operation of a spec.
type Operation struct {
	Method, Path, ID string
	Deprecated       bool
	Tags             []string
}

// Key is "METHOD /template", the form reports use.
func (o Operation) Key() string { return o.Method + " " + o.Path }

// LoadSpec reads an OpenAPI document. With as30 the "openapi:" version line
// is rewritten to 3.0.3 first: Conekta's document says 3.1.0 but is written
// in 3.0's dialect (nullable).
func LoadSpec(name, path string, as30 bool) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if as30 {
		data = regexp.MustCompile(`(?m)^openapi:\s*3\.1\.\d+\s*$`).ReplaceAll(data, []byte("openapi: 3.0.3"))
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s := &Spec{Name: name, Doc: doc}
	for tmpl, item := range doc.Paths.Map() {
		re, names, literals := compileTemplate(tmpl)
		for method, op := range item.Operations() {
			s.routes = append(s.routes, route{method: method, template: tmpl, re: re, names: names, literals: literals, item: item, op: op})
		}
	}
	// Most literal segments first, so /orders/{id}/cancel never loses to a
	// template with a parameter in its place.
	sort.SliceStable(s.routes, func(i, j int) bool {
		if s.routes[i].literals != s.routes[j].literals {
			return s.routes[i].literals > s.routes[j].literals
		}
		return s.routes[i].template < s.routes[j].template
	})
	return s, nil
}

var paramSegment = regexp.MustCompile(`^\{([^}]+)\}$`)

func compileTemplate(tmpl string) (*regexp.Regexp, []string, int) {
	var b strings.Builder
	var names []string
	literals := 0
	b.WriteString("^")
	for _, seg := range strings.Split(strings.Trim(tmpl, "/"), "/") {
		b.WriteString("/")
		if m := paramSegment.FindStringSubmatch(seg); m != nil {
			names = append(names, m[1])
			b.WriteString("([^/]+)")
			continue
		}
		literals++
		b.WriteString(regexp.QuoteMeta(seg))
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String()), names, literals
}

// Operations lists every operation of the document, sorted by path and
// method.
func (s *Spec) Operations() []Operation {
	var out []Operation
	for _, r := range s.routes {
		out = append(out, Operation{Method: r.method, Path: r.template, ID: r.op.OperationID, Deprecated: r.op.Deprecated, Tags: r.op.Tags})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// Find returns the route of method and escaped path, with the unescaped
// path parameters.
func (s *Spec) Find(method, escapedPath string) (*routers.Route, map[string]string, bool) {
	for _, r := range s.routes {
		if r.method != method {
			continue
		}
		m := r.re.FindStringSubmatch(escapedPath)
		if m == nil {
			continue
		}
		params := make(map[string]string, len(r.names))
		for i, n := range r.names {
			v, err := url.PathUnescape(m[i+1])
			if err != nil {
				v = m[i+1]
			}
			params[n] = v
		}
		return &routers.Route{Spec: s.Doc, Path: r.template, PathItem: r.item, Method: method, Operation: r.op}, params, true
	}
	return nil, nil, false
}

// OperationOf returns the operation of a route.
func OperationOf(rt *routers.Route) Operation {
	return Operation{Method: rt.Method, Path: rt.Path, ID: rt.Operation.OperationID, Deprecated: rt.Operation.Deprecated, Tags: rt.Operation.Tags}
}

// lookahead matches the one regular-expression form the specs use that Go's
// RE2 cannot compile: a negative lookahead over the whole value, as in
// ^(?!.*(localhost|127\.0\.0\.1)).*$ on webhook URLs.
var lookahead = regexp.MustCompile(`^\^\(\?!\.\*(.+)\)\.\*\$$`)

type notMatcher struct{ re *regexp.Regexp }

func (n notMatcher) MatchString(s string) bool { return !n.re.MatchString(s) }

// CompileRegex compiles a schema pattern, translating the negative
// lookahead form into "does not contain"; any other pattern RE2 refuses is
// an error, so no pattern is silently skipped.
func CompileRegex(expr string) (openapi3.RegexMatcher, error) {
	if re, err := regexp.Compile(expr); err == nil {
		return re, nil
	}
	if m := lookahead.FindStringSubmatch(expr); m != nil {
		inner, err := regexp.Compile(m[1])
		if err != nil {
			return nil, err
		}
		return notMatcher{inner}, nil
	}
	return nil, fmt.Errorf("pattern %q: not supported by Go's regexp", expr)
}

// jsonBody reports whether a body looks like JSON worth decoding.
func jsonBody(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}
