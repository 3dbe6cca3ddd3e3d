// Package shape checks that a provider package keeps the family's shape,
// the pattern all five latampay-go provider packages follow, by reading
// its source (go/parser and go/ast; nothing is compiled or run):
//
//   - NewClient(credentials…, opts ...Option) (*Client, error), with
//     string credentials;
//   - Option is a defined type, not an alias of another package's;
//   - services are pointer fields of Client whose type is named after the
//     field: Charges *ChargesService;
//   - every exported method of a service takes context.Context first and
//     names its endpoint (an HTTP verb followed by a path) in its doc;
//   - List returns a pointer to a page type with Data and HasMore; All
//     returns an iter.Seq2;
//   - Client has Close() error and String() string;
//   - no comment points to a document outside the module (a .md file, a
//     "§" section);
//   - every params type (a struct of this package that a service method
//     takes by pointer and that nothing in the package returns) has
//     Validate() error;
//   - every exported identifier (types, functions, methods, constants,
//     variables, fields of exported structs) has a doc comment.
//
// Identifiers whose doc says "Deprecated:" are exempt from the naming and
// endpoint rules: they are the old names kept for one release.
package shape

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Violation is one way a package leaves the shape.
type Violation struct {
	// Rule names the broken rule: "newclient", "option", "service-field",
	// "ctx-first", "endpoint", "list", "all", "close", "string", "validate", "doc",
	// "doc-ref".
	Rule string
	// Pos is file:line of the offending declaration.
	Pos string
	// Msg says what is wrong.
	Msg string
}

// String returns "file:line: [rule] message".
func (v Violation) String() string { return v.Pos + ": [" + v.Rule + "] " + v.Msg }

// endpoint matches an HTTP verb followed by a path, e.g. "POST
// /api/v1/transactions", or with the origin for a call to another host
// ("POST https://secure.culqi.com/v2/tokens"); a line break between the
// verb and the path counts as a space.
var endpoint = regexp.MustCompile(`\b(GET|POST|PUT|PATCH|DELETE)\s+(https://[A-Za-z0-9.-]+)?/[A-Za-z0-9_{}./:?=&-]*`)

// Check reads the non-test Go files of the package in dir and returns its
// violations, sorted by position. An error means the package could not be
// read at all.
func Check(dir string) ([]Violation, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	pkgName := ""
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		// Build constraints decide which files make the package, as for
		// the go command on this platform.
		if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if pkgName != "" && f.Name.Name != pkgName {
			return nil, fmt.Errorf("shape: %s holds packages %s and %s", dir, pkgName, f.Name.Name)
		}
		pkgName = f.Name.Name
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("shape: no Go files in %s", dir)
	}
	sort.Slice(files, func(i, j int) bool { return fset.File(files[i].Pos()).Name() < fset.File(files[j].Pos()).Name() })
	c := &checker{fset: fset, types: map[string]*ast.TypeSpec{}, typeDocs: map[string]*ast.CommentGroup{}, methods: map[string][]*ast.FuncDecl{}}
	c.index(files)
	c.checkOption()
	c.checkNewClient()
	c.checkClient()
	c.checkServices()
	c.checkValidate()
	c.checkDocs(files)
	c.checkDocRefs(files)
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Pos < c.out[j].Pos })
	return c.out, nil
}

type checker struct {
	fset     *token.FileSet
	types    map[string]*ast.TypeSpec     // top-level types by name
	typeDocs map[string]*ast.CommentGroup // their doc (the spec's or the group's)
	methods  map[string][]*ast.FuncDecl   // methods by receiver type name
	funcs    map[string]*ast.FuncDecl     // top-level functions by name
	out      []Violation
}

func (c *checker) report(pos token.Pos, rule, format string, args ...any) {
	p := c.fset.Position(pos)
	name := p.Filename
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	c.out = append(c.out, Violation{Rule: rule, Pos: fmt.Sprintf("%s:%d", name, p.Line), Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) index(files []*ast.File) {
	c.funcs = map[string]*ast.FuncDecl{}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, s := range d.Specs {
					ts := s.(*ast.TypeSpec)
					c.types[ts.Name.Name] = ts
					doc := ts.Doc
					if doc == nil && len(d.Specs) == 1 {
						doc = d.Doc
					}
					c.typeDocs[ts.Name.Name] = doc
				}
			case *ast.FuncDecl:
				if d.Recv == nil {
					c.funcs[d.Name.Name] = d
					continue
				}
				if name := recvName(d.Recv.List[0].Type); name != "" {
					c.methods[name] = append(c.methods[name], d)
				}
			}
		}
	}
}

// recvName is the type name of a receiver: T, *T, T[P] or *T[P].
func recvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	switch t := e.(type) {
	case *ast.IndexExpr:
		e = t.X
	case *ast.IndexListExpr:
		e = t.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func deprecated(doc *ast.CommentGroup) bool {
	return doc != nil && strings.Contains(doc.Text(), "Deprecated:")
}

func (c *checker) checkOption() {
	ts, ok := c.types["Option"]
	if !ok {
		c.out = append(c.out, Violation{Rule: "option", Pos: "-", Msg: "no Option type"})
		return
	}
	if ts.Assign.IsValid() {
		c.report(ts.Pos(), "option", "Option is an alias (type Option = …); want a defined type of this package")
	}
}

func (c *checker) checkNewClient() {
	fn, ok := c.funcs["NewClient"]
	if !ok {
		c.out = append(c.out, Violation{Rule: "newclient", Pos: "-", Msg: "no NewClient function"})
		return
	}
	params := fn.Type.Params.List
	bad := func(format string, args ...any) { c.report(fn.Pos(), "newclient", format, args...) }
	if len(params) == 0 {
		bad("NewClient takes no arguments; want (credentials…, opts ...Option)")
		return
	}
	last := params[len(params)-1]
	if el, ok := last.Type.(*ast.Ellipsis); !ok || !isIdent(el.Elt, "Option") || len(last.Names) != 1 {
		bad("NewClient's last parameter is not opts ...Option")
	}
	creds := 0
	for _, p := range params[:len(params)-1] {
		if !isIdent(p.Type, "string") {
			bad("NewClient credential %s is not a string", exprString(p.Type))
		}
		creds += len(p.Names)
	}
	if creds == 0 {
		bad("NewClient takes no credential")
	}
	res := fn.Type.Results
	if res == nil || len(res.List) != 2 || !isStarIdent(res.List[0].Type, "Client") || !isIdent(res.List[1].Type, "error") {
		bad("NewClient does not return (*Client, error)")
	}
}

func (c *checker) checkClient() {
	ts, ok := c.types["Client"]
	if !ok {
		c.out = append(c.out, Violation{Rule: "service-field", Pos: "-", Msg: "no Client type"})
		return
	}
	if st, ok := ts.Type.(*ast.StructType); ok {
		for _, f := range st.Fields.List {
			if deprecated(f.Doc) || len(f.Names) == 0 {
				continue
			}
			for _, n := range f.Names {
				if !n.IsExported() {
					continue
				}
				typ := f.Type
				ptr := false
				if s, ok := typ.(*ast.StarExpr); ok {
					typ, ptr = s.X, true
				}
				id, ok := typ.(*ast.Ident)
				if !ok || !strings.HasSuffix(id.Name, "Service") {
					continue
				}
				if !ptr {
					c.report(f.Pos(), "service-field", "Client.%s is not a pointer (*%s)", n.Name, id.Name)
				}
				if id.Name != n.Name+"Service" {
					c.report(f.Pos(), "service-field", "Client.%s has type %s; want %sService", n.Name, id.Name, n.Name)
				}
			}
		}
	} else {
		c.report(ts.Pos(), "service-field", "Client is not a struct")
	}
	hasString := false
	for _, m := range c.methods["Client"] {
		if m.Name.Name == "String" && len(m.Type.Params.List) == 0 && m.Type.Results != nil &&
			len(m.Type.Results.List) == 1 && isIdent(m.Type.Results.List[0].Type, "string") {
			hasString = true
		}
	}
	if !hasString {
		c.report(ts.Pos(), "string", "Client has no String() string")
	}
	hasClose := false
	for _, m := range c.methods["Client"] {
		if m.Name.Name != "Close" {
			continue
		}
		hasClose = len(m.Type.Params.List) == 0 && m.Type.Results != nil && len(m.Type.Results.List) == 1 &&
			isIdent(m.Type.Results.List[0].Type, "error")
		if !hasClose {
			c.report(m.Pos(), "close", "Client.Close is not Close() error")
		}
		return
	}
	c.report(ts.Pos(), "close", "Client has no Close() error")
}

func (c *checker) checkServices() {
	names := make([]string, 0, len(c.types))
	for name := range c.types {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasSuffix(name, "Service") || !ast.IsExported(name) || deprecated(c.typeDocs[name]) {
			continue
		}
		for _, m := range c.methods[name] {
			if !m.Name.IsExported() || deprecated(m.Doc) {
				continue
			}
			c.checkMethod(name, m)
		}
	}
}

func (c *checker) checkMethod(svc string, m *ast.FuncDecl) {
	full := svc + "." + m.Name.Name
	params := m.Type.Params.List
	if len(params) == 0 || !isSelector(params[0].Type, "context", "Context") {
		c.report(m.Pos(), "ctx-first", "%s does not take ctx context.Context first", full)
	}
	if m.Doc == nil || !endpoint.MatchString(m.Doc.Text()) {
		c.report(m.Pos(), "endpoint", "%s's doc names no endpoint (e.g. \"sends POST /v1/…\")", full)
	}
	var results []*ast.Field
	if m.Type.Results != nil {
		results = m.Type.Results.List
	}
	switch m.Name.Name {
	case "List":
		if len(results) != 2 || !isIdent(results[1].Type, "error") {
			c.report(m.Pos(), "list", "%s does not return (*Page, error)", full)
			return
		}
		star, ok := results[0].Type.(*ast.StarExpr)
		if !ok {
			c.report(m.Pos(), "list", "%s returns %s, not a pointer to a page", full, exprString(results[0].Type))
			return
		}
		page := recvName(star)
		if missing := c.missingFields(page, "Data", "HasMore"); len(missing) > 0 {
			c.report(m.Pos(), "list", "%s returns *%s, which has no %s", full, exprString(star.X), strings.Join(missing, " or "))
		}
	case "All":
		if len(results) != 1 || !isSeq2(results[0].Type) {
			c.report(m.Pos(), "all", "%s does not return an iter.Seq2", full)
		}
	}
}

// checkValidate wants Validate() error on every params type: a struct type
// of this package that an exported method of a service takes by pointer,
// unless the package returns it somewhere (then it is a response, such as
// a webhook event handed back for verification).
func (c *checker) checkValidate() {
	returned := map[string]bool{}
	for _, fns := range c.methods {
		for _, fn := range fns {
			markResults(fn, returned)
		}
	}
	for _, fn := range c.funcs {
		markResults(fn, returned)
	}
	seen := map[string]bool{}
	names := make([]string, 0, len(c.methods))
	for name := range c.methods {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, svc := range names {
		if !strings.HasSuffix(svc, "Service") || deprecated(c.typeDocs[svc]) {
			continue
		}
		for _, m := range c.methods[svc] {
			if !m.Name.IsExported() || deprecated(m.Doc) {
				continue
			}
			for _, p := range m.Type.Params.List {
				star, ok := p.Type.(*ast.StarExpr)
				if !ok {
					continue
				}
				name := recvName(star)
				ts, ok := c.types[name]
				if !ok || seen[name] || returned[name] {
					continue
				}
				if _, isStruct := ts.Type.(*ast.StructType); !isStruct {
					continue
				}
				seen[name] = true
				if !c.hasValidate(name) {
					c.report(ts.Pos(), "validate", "params type %s (taken by %s.%s) has no Validate() error", name, svc, m.Name.Name)
				}
			}
		}
	}
}

func (c *checker) hasValidate(name string) bool {
	for _, m := range c.methods[name] {
		if m.Name.Name == "Validate" && len(m.Type.Params.List) == 0 && m.Type.Results != nil &&
			len(m.Type.Results.List) == 1 && isIdent(m.Type.Results.List[0].Type, "error") {
			return true
		}
	}
	return false
}

// markResults records the type names fn returns (T, *T, []*T, T[X]…).
func markResults(fn *ast.FuncDecl, into map[string]bool) {
	if fn.Type.Results == nil {
		return
	}
	for _, r := range fn.Type.Results.List {
		ast.Inspect(r.Type, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				into[id.Name] = true
			}
			return true
		})
	}
}

// missingFields returns the fields of want that the struct type name (of
// this package; embedded structs of this package count) does not have.
func (c *checker) missingFields(name string, want ...string) []string {
	have := map[string]bool{}
	c.collectFields(name, have, 0)
	var missing []string
	for _, w := range want {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	return missing
}

func (c *checker) collectFields(name string, have map[string]bool, depth int) {
	ts, ok := c.types[name]
	if !ok || depth > 3 {
		return
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return
	}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			have[n.Name] = true
		}
		if len(f.Names) == 0 {
			c.collectFields(recvName(f.Type), have, depth+1)
		}
	}
}

func (c *checker) checkDocs(files []*ast.File) {
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() || d.Doc != nil {
					continue
				}
				if d.Recv != nil {
					recv := recvName(d.Recv.List[0].Type)
					if !ast.IsExported(recv) {
						continue
					}
					c.report(d.Pos(), "doc", "method %s.%s has no doc comment", recv, d.Name.Name)
					continue
				}
				c.report(d.Pos(), "doc", "func %s has no doc comment", d.Name.Name)
			case *ast.GenDecl:
				c.checkGenDocs(d)
			}
		}
	}
}

func (c *checker) checkGenDocs(d *ast.GenDecl) {
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			if !s.Name.IsExported() {
				continue
			}
			if s.Doc == nil && s.Comment == nil && d.Doc == nil {
				c.report(s.Pos(), "doc", "type %s has no doc comment", s.Name.Name)
			}
			c.checkFieldDocs(s)
		case *ast.ValueSpec:
			for _, n := range s.Names {
				if n.IsExported() && s.Doc == nil && s.Comment == nil && d.Doc == nil {
					c.report(n.Pos(), "doc", "%s %s has no doc comment", d.Tok, n.Name)
				}
			}
		}
	}
}

// checkFieldDocs wants a comment on every exported field of an exported
// struct type, and on every method of an exported interface.
func (c *checker) checkFieldDocs(ts *ast.TypeSpec) {
	var fields *ast.FieldList
	kind := "field"
	switch t := ts.Type.(type) {
	case *ast.StructType:
		fields = t.Fields
	case *ast.InterfaceType:
		fields, kind = t.Methods, "method"
	default:
		return
	}
	for _, f := range fields.List {
		if f.Doc != nil || f.Comment != nil {
			continue
		}
		names := f.Names
		if len(names) == 0 { // embedded
			if n := recvName(f.Type); n != "" && ast.IsExported(n) {
				c.report(f.Pos(), "doc", "%s %s.%s (embedded) has no comment", kind, ts.Name.Name, n)
			}
			continue
		}
		for _, n := range names {
			if n.IsExported() {
				c.report(n.Pos(), "doc", "%s %s.%s has no comment", kind, ts.Name.Name, n.Name)
			}
		}
	}
}

// outsideRef matches a pointer to a document that does not ship in the
// module: a Markdown file or a numbered section ("§3").
var outsideRef = regexp.MustCompile(`[A-Za-z0-9_./-]*[A-Za-z0-9_]\.md\b|§[0-9.]*`)

// inModule are the Markdown files the module itself ships: pointing to
// them is fine.
var inModule = map[string]bool{"README.md": true, "CHANGELOG.md": true, "BENCHMARKS.md": true}

func (c *checker) checkDocRefs(files []*ast.File) {
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, cm := range cg.List {
				if m := outsideRef.FindString(cm.Text); m != "" && !inModule[filepath.Base(m)] {
					c.report(cm.Pos(), "doc-ref", "comment points outside the module (%q): %s", m, strings.TrimSpace(cm.Text))
				}
			}
		}
	}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func isStarIdent(e ast.Expr, name string) bool {
	s, ok := e.(*ast.StarExpr)
	return ok && isIdent(s.X, name)
}

func isSelector(e ast.Expr, pkg, name string) bool {
	s, ok := e.(*ast.SelectorExpr)
	return ok && isIdent(s.X, pkg) && s.Sel.Name == name
}

func isSeq2(e ast.Expr) bool {
	il, ok := e.(*ast.IndexListExpr)
	return ok && len(il.Indices) == 2 && isSelector(il.X, "iter", "Seq2")
}

// exprString is a short rendering of a type expression for messages.
func exprString(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		return "*" + exprString(t.X)
	case *ast.SelectorExpr:
		return exprString(t.X) + "." + t.Sel.Name
	case *ast.ArrayType:
		return "[]" + exprString(t.Elt)
	case *ast.IndexExpr:
		return exprString(t.X) + "[" + exprString(t.Index) + "]"
	case *ast.IndexListExpr:
		parts := make([]string, len(t.Indices))
		for i, x := range t.Indices {
			parts[i] = exprString(x)
		}
		return exprString(t.X) + "[" + strings.Join(parts, ", ") + "]"
	case *ast.Ellipsis:
		return "..." + exprString(t.Elt)
	}
	return fmt.Sprintf("%T", e)
}
