package spectest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// TestResponses decodes every candidate body of each covered operation's
// 200 answer (the spec's examples and generated bodies with every optional
// property set) with the SDK method that calls it, and reports each
// documented field the SDK's types drop, per type.
func TestResponses(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	ctx := context.Background()
	srv := NewServer(c)
	defer srv.Close()
	client := newClient(t, srv)

	type where struct{ op, label, path string }
	drops := map[string]where{}            // "Type.field" -> first place met
	byType := map[string]map[string]bool{} // Type -> fields
	decoded := 0
	renamed := map[string]bool{}
	for _, k := range calls {
		if strings.HasSuffix(k.name, ".All") {
			continue // List decodes the same pages
		}
		_, _ = k.do(ctx, client)
		exs := srv.Take()
		if len(exs) != 1 || exs[0].Spec == "" {
			continue
		}
		_, rt, _, _ := c.Route(exs[0].Method, pathOf(exs[0].URL))
		schema, _, bodies := ResponseBodies(rt, http.StatusOK)
		for _, b := range bodies {
			if schema != nil {
				if err := schema.Value.VisitJSON(b.Value, openapi3.MultiErrors(), openapi3.SetSchemaRegexCompiler(CompileRegex)); err != nil {
					// An example that breaks its own schema (createOrder's
					// is a charge) says nothing about the SDK's types.
					note(t, "note: skipped the %s body of %s (%s): it does not match its own schema: %s", b.Label, rt.Operation.OperationID, k.name, firstLine(err))
					continue
				}
			}
			v := b.Value
			srv.Serve(func(*routers.Route, *http.Request) any { return v })
			got, err := k.do(ctx, client)
			srv.Take()
			if err != nil {
				gap(t, "decode error %s (%s) %s: %v", k.name, rt.Operation.OperationID, b.Label, err)
				continue
			}
			decoded++
			ds, err := Dropped(v, got)
			if err != nil {
				t.Errorf("spec: comparing %s: %v", k.name, err)
				continue
			}
			for _, d := range ds {
				if d.RenamedTo != "" {
					if !renamed[d.Name()] {
						renamed[d.Name()] = true
						gap(t, "renamed field %s: the SDK type keeps it as %q (%s, %s body)", d.Name(), d.RenamedTo, rt.Operation.OperationID, b.Label)
					}
					continue
				}
				if _, seen := drops[d.Name()]; !seen {
					drops[d.Name()] = where{rt.Operation.OperationID, b.Label, d.Path}
				}
				if byType[d.Type] == nil {
					byType[d.Type] = map[string]bool{}
				}
				byType[d.Type][d.Field] = true
			}
		}
		srv.Serve(nil)
	}
	names := sortedKeys(drops)
	for _, n := range names {
		w := drops[n]
		gap(t, "dropped field %s (%s, %s body, at %s)", n, w.op, w.label, w.path)
	}
	for _, typ := range sortedKeys(byType) {
		fields := sortedKeys(byType[typ])
		note(t, "dropped fields of %s (%d): %s", typ, len(fields), strings.Join(fields, ", "))
	}
	note(t, "dropped %d documented fields in %d types (%d bodies decoded)", len(names), len(byType), decoded)
}

func firstLine(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}
