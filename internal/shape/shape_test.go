package shape

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pending lists the provider packages still being converted to the family
// shape on other branches: their violations are logged, not failed. Empty
// it as each conversion is merged; a pending package that already
// conforms fails the test, so that the list cannot go stale. Setting
// LATAMPAY_SHAPE_STRICT=1 checks pending packages too.
var pending = map[string]bool{}

// exceptions are violations the published contract of this release
// requires, each with its reason; the rule applies again once the contract
// changes.
var exceptions = map[string]string{
	"srpago/[list] CardsService.List returns []*SavedCard, not a pointer to a page":                  "API.md's contract fixes Cards.List as returning a slice; CardsService.ListPage has the page shape",
	"culqi/[validate] params type CardParams (taken by CardsService.Create) has no Validate() error": "API.md's contract fixes a field CardParams.Validate (*bool, Culqi's validate flag); culqi.CheckCardParams is its check",
}

// providers are the five packages of the family.
var providers = []string{"culqi", "digitalfemsa", "srpago", "cubo", "nominapp"}

func TestFamilyShape(t *testing.T) {
	t.Parallel()
	strict := os.Getenv("LATAMPAY_SHAPE_STRICT") == "1"
	for _, pkg := range providers {
		t.Run(pkg, func(t *testing.T) {
			t.Parallel()
			vs, err := Check(filepath.Join("..", "..", pkg))
			if err != nil {
				t.Fatal(err)
			}
			if pending[pkg] && !strict {
				if len(vs) == 0 {
					t.Fatalf("%s now has the family shape: remove it from pending in shape_test.go", pkg)
				}
				t.Logf("%s is pending conversion: %d violations (LATAMPAY_SHAPE_STRICT=1 fails on them)", pkg, len(vs))
				return
			}
			seen := map[string]bool{}
			for _, v := range vs {
				key := pkg + "/" + withoutPosition(v.String())
				if _, ok := exceptions[key]; ok {
					seen[key] = true
					continue
				}
				t.Errorf("%s/%s", pkg, v)
			}
			// An exception the package no longer needs would hide the
			// violation coming back: it must go.
			for key := range exceptions {
				if strings.HasPrefix(key, pkg+"/") && !seen[key] {
					t.Errorf("stale exception %q: the package keeps the rule now; remove it from exceptions", key)
				}
			}
		})
	}
}

// good is a package that keeps every rule; each case of TestCheckFails
// breaks one.
var good = map[string]string{
	"client.go": `// Package p is a provider.
package p

import (
	"context"
	"iter"
)

// Option configures a Client.
type Option struct{ f func() }

// Client talks to the API.
type Client struct {
	// Charges makes charges.
	Charges *ChargesService
	// Legacy is the old name.
	//
	// Deprecated: use Charges.
	Legacy *OldService
}

// NewClient returns a client.
func NewClient(key, secret string, opts ...Option) (*Client, error) { return nil, nil }

// Close releases the client.
func (c *Client) Close() error { return nil }

// String names the client's origin (README.md, which ships in the module,
// may be cited).
func (c *Client) String() string { return "p.Client{}" }

// ChargesService makes charges.
type ChargesService struct{ c *Client }

// Page is one page.
type Page[T any] struct {
	pageInfo
	// Data are the items.
	Data []*T
}

type pageInfo struct{ HasMore bool }

// Charge is a charge.
type Charge struct {
	// ID is its id.
	ID string
	Amount int64 // Amount is in cents.
}

// ChargeParams describes a charge.
type ChargeParams struct {
	// Amount is in cents.
	Amount int64
}

// Validate checks the params.
func (p *ChargeParams) Validate() error { return nil }

// Event is a webhook event.
type Event struct {
	// ID names it.
	ID string
}

// ParseWebhook decodes an event.
func ParseWebhook(body []byte) (*Event, error) { return nil, nil }

// Create sends POST /v2/charges.
func (s *ChargesService) Create(ctx context.Context, p *ChargeParams) (*Charge, error) { return nil, nil }

// Verify re-reads an event: GET /v2/events/{id}. An Event is returned by
// ParseWebhook, so it is a response, not params: it needs no Validate.
func (s *ChargesService) Verify(ctx context.Context, ev *Event) (*Charge, error) { return nil, nil }

// List sends GET
// /v2/charges (the verb and the path may sit on two lines).
func (s *ChargesService) List(ctx context.Context) (*Page[Charge], error) { return nil, nil }

// All walks GET /v2/charges.
func (s *ChargesService) All(ctx context.Context) iter.Seq2[*Charge, error] { return nil }

// OldService is the old name.
//
// Deprecated: use ChargesService.
type OldService = ChargesService

// Status values, documented as a group.
const (
	StatusOK = "ok"
	StatusKO = "ko"
)

// Get reads a charge.
//
// Deprecated: use Create; a deprecated method needs no endpoint or ctx.
func (s *ChargesService) Get(id string) (*Charge, error) { return nil, nil }

func helper() {}
`,
}

func writePkg(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestGoodPackagePasses(t *testing.T) {
	t.Parallel()
	vs, err := Check(writePkg(t, good))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("unexpected: %s", v)
	}
}

// Each case breaks one rule of the good package and must be reported
// under that rule, with a message naming the culprit.
func TestCheckFails(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, old, new, rule, msg string
	}{
		{"option alias", "type Option struct{ f func() }", "type Option = func()", "option", "alias"},
		{"no option", "// Option configures a Client.\ntype Option struct{ f func() }", "", "option", "no Option"},
		{"newclient no opts", "func NewClient(key, secret string, opts ...Option)", "func NewClient(key, secret string)", "newclient", "opts ...Option"},
		{"newclient opts of another type", "opts ...Option)", "opts ...func())", "newclient", "opts ...Option"},
		{"newclient credential type", "func NewClient(key, secret string,", "func NewClient(key []byte, secret string,", "newclient", "credential"},
		{"newclient no credential", "func NewClient(key, secret string, opts", "func NewClient(opts", "newclient", "no credential"},
		{"newclient results", "opts ...Option) (*Client, error)", "opts ...Option) *Client", "newclient", "(*Client, error)"},
		{"service not a pointer", "Charges *ChargesService", "Charges ChargesService", "service-field", "not a pointer"},
		{"service misnamed", "Charges *ChargesService\n", "Charges *ChargeService\n", "service-field", "want ChargesService"},
		{"no close", "func (c *Client) Close() error { return nil }", "", "close", "no Close"},
		{"close signature", "func (c *Client) Close() error { return nil }", "func (c *Client) Close() {}", "close", "not Close() error"},
		{"ctx not first", "Create(ctx context.Context, p *ChargeParams)", "Create(p *ChargeParams, ctx context.Context)", "ctx-first", "ChargesService.Create"},
		{"params without Validate", "// Validate checks the params.\nfunc (p *ChargeParams) Validate() error { return nil }", "", "validate", "ChargeParams"},
		{"params Validate of another shape", "func (p *ChargeParams) Validate() error { return nil }", "func (p *ChargeParams) Validate() bool { return true }", "validate", "ChargeParams"},
		{"no ctx", "All(ctx context.Context) iter", "All() iter", "ctx-first", "ChargesService.All"},
		{"no endpoint", "// Create sends POST /v2/charges.", "// Create makes a charge.", "endpoint", "ChargesService.Create"},
		{"verb without path", "// Create sends POST /v2/charges.", "// Create POSTs a charge.", "endpoint", "ChargesService.Create"},
		{"list not a pointer", "(*Page[Charge], error)", "([]*Charge, error)", "list", "not a pointer"},
		{"list page without HasMore", "\tpageInfo\n", "", "list", "HasMore"},
		{"list page without Data", "\t// Data are the items.\n\tData []*T\n", "\tItems []*T // Items.\n", "list", "Data"},
		{"list no error", "List(ctx context.Context) (*Page[Charge], error)", "List(ctx context.Context) *Page[Charge]", "list", "(*Page, error)"},
		{"all not a Seq2", "iter.Seq2[*Charge, error]", "[]*Charge", "all", "iter.Seq2"},
		{"no String", "func (c *Client) String() string", "func (c *Client) Name() string", "string", "String"},
		{"comment cites a Markdown file", "// Charge is a charge.", "// Charge is a charge (see API.md).", "doc-ref", "API.md"},
		{"comment cites a section", "// Charge is a charge.", "// Charge is a charge, as §3 says.", "doc-ref", "§3"},
		{"undocumented type", "// Charge is a charge.\n", "", "doc", "type Charge"},
		{"undocumented func", "// NewClient returns a client.\n", "", "doc", "func NewClient"},
		{"undocumented method", "// Close releases the client.\n", "", "doc", "method Client.Close"},
		{"undocumented field", "\t// ID is its id.\n", "", "doc", "field Charge.ID"},
		{"undocumented const", "// Status values, documented as a group.\n", "", "doc", "const StatusOK"},
		{"undeprecated misnamed service", "// Deprecated: use Charges.\n\tLegacy *OldService", "Legacy *OldService", "service-field", "want LegacyService"},
		{"undeprecated service type is checked", "// Deprecated: use ChargesService.\ntype OldService = ChargesService", "type OldService struct{}\n\n// Ping pings.\nfunc (s *OldService) Ping() error { return nil }", "endpoint", "OldService.Ping"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := good["client.go"]
			if !strings.Contains(src, tc.old) {
				t.Fatalf("the good package has no %q", tc.old)
			}
			vs, err := Check(writePkg(t, map[string]string{"client.go": strings.Replace(src, tc.old, tc.new, 1)}))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.Rule == tc.rule && strings.Contains(v.Msg, tc.msg) {
					return
				}
			}
			t.Errorf("no [%s] violation mentioning %q; got %v", tc.rule, tc.msg, vs)
		})
	}
}

func TestCheckSkipsTestFiles(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"client.go":      good["client.go"],
		"client_test.go": "package p\n\nfunc Undocumented() {}\n",
	}
	vs, err := Check(writePkg(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 0 {
		t.Errorf("test files were checked: %v", vs)
	}
}

func TestCheckRefusesWhatIsNotOnePackage(t *testing.T) {
	t.Parallel()
	if _, err := Check(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing directory passed")
	}
	if _, err := Check(t.TempDir()); err == nil {
		t.Error("an empty directory passed")
	}
	two := writePkg(t, map[string]string{"a.go": "package a\n", "b.go": "package b\n"})
	if _, err := Check(two); err == nil {
		t.Error("two packages passed")
	}
	broken := writePkg(t, map[string]string{"a.go": "package a\nfunc {\n"})
	if _, err := Check(broken); err == nil {
		t.Error("a file that does not parse passed")
	}
	tagged := writePkg(t, map[string]string{"client.go": good["client.go"], "gen.go": "//go:build ignore\n\npackage main\n\nfunc Undocumented() {}\n"})
	if vs, err := Check(tagged); err != nil || len(vs) != 0 {
		t.Errorf("a file excluded by its build constraint was read: %v %v", vs, err)
	}
}

// withoutPosition drops the "file.go:12: " a violation starts with.
func withoutPosition(v string) string {
	if i := strings.Index(v, ": ["); i >= 0 {
		return v[i+2:]
	}
	return v
}
