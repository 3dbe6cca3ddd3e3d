package spectest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers"

	df "github.com/latampay/latampay-go/digitalfemsa"
)

// findings collects response-type gaps, each reported once.
type findings struct {
	t      *testing.T
	seen   map[string]bool
	byType map[string]map[string]bool // dropped fields per type
	drops  int
	nulls  map[string]string // null lost, "Type.field" → where it was met
}

func (f *findings) once(key, format string, args ...any) {
	f.t.Helper()
	if f.seen[key] {
		return
	}
	f.seen[key] = true
	gap(f.t, format, args...)
}

// add reports what Dropped found in one body.
func (f *findings) add(opID, label string, ds []Drop) {
	f.t.Helper()
	for _, d := range ds {
		switch {
		case d.RenamedTo != "":
			f.once("renamed "+d.Name(), "renamed field %s: the SDK type keeps it as %q (%s, %s body)", d.Name(), d.RenamedTo, opID, label)
		case d.NullAs != nil:
			if _, seen := f.nulls[d.Name()]; !seen {
				b, _ := json.Marshal(d.NullAs)
				f.nulls[d.Name()] = fmt.Sprintf("a documented null decodes as %s (%s, %s body, at %s)", b, opID, label, d.Path)
			}
		default:
			if !f.seen["dropped "+d.Name()] {
				f.drops++
				if f.byType[d.Type] == nil {
					f.byType[d.Type] = map[string]bool{}
				}
				f.byType[d.Type][d.Field] = true
			}
			f.once("dropped "+d.Name(), "dropped field %s (%s, %s body, at %s)", d.Name(), opID, label, d.Path)
		}
	}
}

// TestResponses decodes every candidate body of each covered operation's
// answers with the SDK method that calls it: the 200's examples and
// generated bodies (every optional property set, then every nullable one
// null), and each documented error answer. It reports each documented
// field the SDK's types drop (per type), rename, or cannot hold as null;
// answers the SDK cannot decode; a body of another object type the SDK
// accepts; and an unknown new field that breaks a decode.
func TestResponses(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	ctx := context.Background()
	srv := NewServer(c)
	defer srv.Close()
	client := newClient(t, srv)
	f := &findings{t: t, seen: map[string]bool{}, byType: map[string]map[string]bool{}, nulls: map[string]string{}}
	decoded := 0

	serve := func(status int, v any) {
		srv.ServeStatus(status, func(*routers.Route, *http.Request) any { return v })
	}
	for _, k := range calls {
		if strings.HasSuffix(k.name, ".All") {
			continue // List decodes the same pages
		}
		srv.Serve(nil)
		srv.Take() // the probes' requests of the call before
		_, _ = k.do(ctx, client)
		exs := srv.Take()
		if len(exs) != 1 || exs[0].Spec == "" {
			continue
		}
		_, rt, _, _ := c.Route(exs[0].Method, pathOf(exs[0].URL))
		opID := rt.Operation.OperationID
		schema, _, bodies := ResponseBodies(rt, http.StatusOK)
		if schema != nil {
			bodies = append(bodies, Body{"nulls", GenerateNulls(schema)})
			leaves, arity := GenerateLeafNulls(schema, 0)
			bodies = append(bodies, Body{"leaf nulls#0", leaves})
			for i := 1; i < arity; i++ {
				v, _ := GenerateLeafNulls(schema, i)
				bodies = append(bodies, Body{"leaf nulls#" + strconv.Itoa(i), v})
			}
		}
		for _, b := range bodies {
			if err := validAgainst(schema, b.Value); err != nil {
				// An example that breaks its own schema (createOrder's
				// is a charge) says nothing about the SDK's types.
				note(t, "note: skipped the %s body of %s (%s): it does not match its own schema: %s", b.Label, opID, k.name, firstLine(err))
				continue
			}
			serve(http.StatusOK, b.Value)
			got, err := k.do(ctx, client)
			srv.Take()
			if err != nil {
				f.once("decode "+opID+b.Label, "decode error %s (%s) %s body: %v", k.name, opID, b.Label, err)
				continue
			}
			decoded++
			ds, err := Dropped(b.Value, got)
			if err != nil {
				t.Errorf("spec: comparing %s: %v", k.name, err)
				continue
			}
			f.add(opID, b.Label, ds)
		}
		probeObject(t, f, k, opID, bodies, serve, client)
		probeErrors(t, f, k, rt, serve, client)
	}
	srv.Serve(nil)
	for _, typ := range sortedKeys(f.byType) {
		fields := sortedKeys(f.byType[typ])
		note(t, "dropped fields of %s (%d): %s", typ, len(fields), strings.Join(fields, ", "))
	}
	note(t, "dropped %d documented fields in %d types (%d bodies decoded)", f.drops, len(f.byType), decoded)
	judgeNulls(t, f.nulls)
}

// judgeNulls reports the nulls the SDK's types lose (found: "Type.field"
// → where): one the API contract pins (ContractNulls) is printed in the
// exceptions' table; any other always fails, as does an exception no body
// shows any more (stale: the field changed, or the spec no longer makes it
// nullable).
func judgeNulls(r reporter, found map[string]string) {
	r.Helper()
	lost := 0
	for _, name := range sortedKeys(found) {
		if _, pinned := ContractNulls[name]; pinned {
			continue
		}
		lost++
		report(r, true, "null lost %s: %s", name, found[name])
	}
	report(r, false, "null exceptions pinned by the API contract (%d):", len(ContractNulls))
	for _, name := range sortedKeys(ContractNulls) {
		where, ok := found[name]
		if !ok {
			report(r, true, "stale null exception %s: no body loses its null any more; remove it from ContractNulls", name)
			continue
		}
		report(r, false, "  null kept as zero %s: %s; %s", name, ContractNulls[name], where)
	}
	report(r, false, "null lost %d documented nullable fields beyond the %d pinned by the API contract", lost, len(ContractNulls))
}

// probeObject serves the first generated object with a wrong "object" and
// with an unknown new field: the first must be refused, the second must
// decode.
func probeObject(t *testing.T, f *findings, k call, opID string, bodies []Body, serve func(int, any), client *df.Client) {
	t.Helper()
	var base map[string]any
	for _, b := range bodies {
		if m, ok := b.Value.(map[string]any); ok && b.Label == "generated#0" {
			base = m
		}
	}
	if base == nil {
		return
	}
	ctx := context.Background()
	with := func(key string, v any) map[string]any {
		m := make(map[string]any, len(base)+1)
		for k, x := range base {
			m[k] = x
		}
		m[key] = v
		return m
	}
	serve(http.StatusOK, with("spec_future_field", map[string]any{"nested": []any{1, "x"}}))
	if _, err := k.do(ctx, client); err != nil {
		f.once("future "+opID, "unknown field breaks decode %s (%s): %v", k.name, opID, err)
	}
	if obj, ok := base["object"].(string); ok && obj != "list" {
		serve(http.StatusOK, with("object", "spec_other_object"))
		if _, err := k.do(ctx, client); err == nil {
			f.once("object "+opID, "wrong object accepted %s (%s): an answer with object %q instead of %q decodes without error", k.name, opID, "spec_other_object", obj)
		}
	}
}

// probeErrors serves each documented error answer of the operation (its
// examples and a generated body) and checks the SDK returns a *Error that
// keeps every documented field.
func probeErrors(t *testing.T, f *findings, k call, rt *routers.Route, serve func(int, any), client *df.Client) {
	t.Helper()
	ctx := context.Background()
	opID := rt.Operation.OperationID
	for _, code := range sortedKeys(rt.Operation.Responses.Map()) {
		status, err := strconv.Atoi(code)
		if err != nil || status < 400 {
			continue
		}
		schema, _, bodies := ResponseBodies(rt, status)
		for _, b := range bodies {
			if validAgainst(schema, b.Value) != nil {
				continue
			}
			serve(status, b.Value)
			_, err := k.do(ctx, client)
			var e *df.Error
			if !errors.As(err, &e) {
				f.once(fmt.Sprintf("errdecode %s %d %s", opID, status, b.Label), "error answer not decoded %s (%s) %d %s body: got %v", k.name, opID, status, b.Label, err)
				continue
			}
			if e.StatusCode != status {
				f.once(fmt.Sprintf("errstatus %s %d", opID, status), "error answer %s (%s) %d: StatusCode %d", k.name, opID, status, e.StatusCode)
			}
			view := &errorView{Object: "error", Type: e.Type, LogID: e.LogID, Details: e.Details, Data: e.Data}
			if m, ok := b.Value.(map[string]any); ok {
				if _, has := m["object"]; !has {
					view.Object = ""
				}
			}
			ds, err := Dropped(b.Value, view)
			if err != nil {
				t.Errorf("spec: comparing the error of %s: %v", k.name, err)
				continue
			}
			for i := range ds {
				ds[i].Type = strings.Replace(ds[i].Type, "errorView", "Error", 1)
			}
			f.add(opID, fmt.Sprintf("%d %s", status, b.Label), ds)
		}
	}
}

// errorView holds a *digitalfemsa.Error's fields under their wire names
// (Error itself has no JSON form); "object" is always "error".
type errorView struct {
	Object  string           `json:"object,omitempty"`
	Type    string           `json:"type"`
	LogID   string           `json:"log_id"`
	Details []df.ErrorDetail `json:"details"`
	Data    json.RawMessage  `json:"data,omitempty"`
}

func firstLine(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}
