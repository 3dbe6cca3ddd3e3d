package spectest

import (
	"encoding/json"
	"math"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Generate builds a JSON value (decoded form: maps, slices, float64,
// strings, booleans) from a schema with every property set, required or
// not, and with values that are not their type's zero value, so that a
// field an SDK type drops (or omits when empty) shows up. variant picks the
// branch of each oneOf/anyOf (variant modulo its size); arity reports the
// largest number of branches met, so variants 0..arity-1 reach them all.
func Generate(ref *openapi3.SchemaRef, variant int) (v any, arity int) {
	return generate(ref, variant, nullNone)
}

// GenerateNulls is Generate with every nullable property null.
func GenerateNulls(ref *openapi3.SchemaRef) any {
	v, _ := generate(ref, 0, nullAll)
	return v
}

// GenerateLeafNulls is Generate with every nullable property that is not
// an object or an array null: a nullable object is kept, so the nullable
// fields inside it are null too (GenerateNulls never reaches them).
func GenerateLeafNulls(ref *openapi3.SchemaRef, variant int) (v any, arity int) {
	return generate(ref, variant, nullLeaves)
}

// The ways of generating nullable properties.
const (
	nullNone   = iota // every property set
	nullAll           // every nullable property null
	nullLeaves        // every nullable property null but objects and arrays
)

func generate(ref *openapi3.SchemaRef, variant int, nulls int) (v any, arity int) {
	g := &generator{variant: variant, stack: map[*openapi3.Schema]bool{}, arity: 1, nulls: nulls}
	v, _ = g.gen(ref, 0)
	// Round-trip so numbers are float64 as after decoding.
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out, g.arity
}

// objectByTitle gives the "object" value of the resource schemas that
// leave that property open (no example, no enum); the values are the ones
// the API's other examples of the same resource show.
var objectByTitle = map[string]string{
	"charges_data_response":  "charge",
	"charge_response":        "charge",
	"log_response":           "log",
	"product order response": "line_item",
}

type generator struct {
	titles  []string
	nulls   int
	variant int
	arity   int
	stack   map[*openapi3.Schema]bool
}

const maxDepth = 14

func (g *generator) gen(ref *openapi3.SchemaRef, depth int) (any, bool) {
	if ref == nil || ref.Value == nil || depth > maxDepth {
		return nil, false
	}
	s := ref.Value
	if g.stack[s] {
		return nil, false // a recursive schema: stop at its second level
	}
	g.stack[s] = true
	defer delete(g.stack, s)
	if s.Title != "" {
		g.titles = append(g.titles, s.Title)
		defer func() { g.titles = g.titles[:len(g.titles)-1] }()
	}

	for _, group := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf} {
		if len(group) == 0 {
			continue
		}
		if len(group) > g.arity {
			g.arity = len(group)
		}
		branch := group[g.variant%len(group)]
		v, ok := g.gen(branch, depth+1)
		if m, isMap := v.(map[string]any); isMap {
			if len(s.Properties) > 0 {
				g.fill(s, m, depth)
			}
			if d := s.Discriminator; d != nil && d.PropertyName != "" {
				m[d.PropertyName] = discriminatorValue(d, branch)
			}
		}
		return v, ok
	}
	if len(s.AllOf) > 0 {
		m := map[string]any{}
		var last any
		for _, b := range s.AllOf {
			v, ok := g.gen(b, depth+1)
			if !ok {
				continue
			}
			if bm, isMap := v.(map[string]any); isMap {
				for k, x := range bm {
					m[k] = x
				}
			} else {
				last = v
			}
		}
		if len(m) == 0 && last != nil {
			return last, true
		}
		g.fill(s, m, depth)
		return m, true
	}
	if len(s.Enum) > 0 {
		for _, e := range s.Enum {
			if e != nil {
				return e, true
			}
		}
	}
	typ := ""
	if s.Type != nil && len(*s.Type) > 0 {
		for _, t := range *s.Type {
			if t != "null" {
				typ = t
				break
			}
		}
	}
	if typ == "" {
		switch {
		case len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil:
			typ = "object"
		case s.Items != nil:
			typ = "array"
		case s.Example != nil:
			return s.Example, true
		default:
			typ = "object"
		}
	}
	switch typ {
	case "object":
		m := map[string]any{}
		g.fill(s, m, depth)
		if len(s.Properties) == 0 {
			if ap := s.AdditionalProperties.Schema; ap != nil {
				if v, ok := g.gen(ap, depth+1); ok {
					m["spec_key"] = v
				}
			} else if ex, ok := s.Example.(map[string]any); ok && len(ex) > 0 {
				return ex, true
			} else {
				m["spec_key"] = "spec_value"
			}
		}
		return m, true
	case "array":
		it, ok := g.gen(s.Items, depth+1)
		if !ok {
			return []any{}, true
		}
		return []any{it}, true
	case "string":
		return genString(s), true
	case "integer", "number":
		return genNumber(s, typ == "integer"), true
	case "boolean":
		if b, ok := s.Example.(bool); ok && b {
			return b, true
		}
		return true, true
	}
	return nil, false
}

// fill sets every non-write-only property of s in m.
func (g *generator) fill(s *openapi3.Schema, m map[string]any, depth int) {
	names := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		p := s.Properties[k]
		if p.Value != nil && p.Value.WriteOnly {
			continue
		}
		if p.Value != nil && p.Value.Nullable && (g.nulls == nullAll || (g.nulls == nullLeaves && !composite(p.Value))) {
			m[k] = nil
			continue
		}
		if k == "object" && p.Value != nil && p.Value.Example == nil && len(p.Value.Enum) == 0 && len(g.titles) > 0 {
			if v, ok := objectByTitle[g.titles[len(g.titles)-1]]; ok {
				m[k] = v
				continue
			}
		}
		if v, ok := g.gen(p, depth+1); ok {
			m[k] = v
		}
	}
}

func genString(s *openapi3.Schema) string {
	v := ""
	if ex, ok := s.Example.(string); ok && ex != "" {
		v = ex
	}
	if v == "" {
		switch s.Format {
		case "date-time":
			v = "2026-01-02T03:04:05Z"
		case "date":
			v = "2026-01-02"
		case "email":
			v = "ana@example.mx"
		case "uri", "url":
			v = "https://example.mx/spec"
		case "uuid":
			v = "0b2d3a4c-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
		default:
			v = "spec_value"
		}
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	if v == "" {
		v = "x"
	}
	return v
}

func genNumber(s *openapi3.Schema, integer bool) float64 {
	v := 1.0
	switch ex := s.Example.(type) {
	case float64:
		if ex != 0 {
			v = ex
		}
	case int:
		if ex != 0 {
			v = float64(ex)
		}
	case int64:
		if ex != 0 {
			v = float64(ex)
		}
	}
	if s.Min != nil && v < *s.Min {
		v = *s.Min
		if s.ExclusiveMin.IsTrue() {
			v++
		}
	}
	if s.Max != nil && v > *s.Max {
		v = *s.Max
		if s.ExclusiveMax.IsTrue() {
			v--
		}
	}
	if integer {
		v = math.Trunc(v)
	}
	return v
}

// discriminatorValue is the value of a discriminator property that selects
// branch: its key in the mapping, or else the branch schema's name.
func discriminatorValue(d *openapi3.Discriminator, branch *openapi3.SchemaRef) string {
	keys := make([]string, 0, len(d.Mapping))
	for k := range d.Mapping {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		target := d.Mapping[k]
		if (target.Value != nil && target.Value == branch.Value) ||
			(branch.Ref != "" && (target.Ref == branch.Ref || strings.HasSuffix(branch.Ref, "/"+target.Ref))) {
			return k
		}
	}
	return branch.Ref[strings.LastIndex(branch.Ref, "/")+1:]
}

// composite reports whether s describes an object or an array.
func composite(s *openapi3.Schema) bool {
	if s.Type != nil && (s.Type.Includes("object") || s.Type.Includes("array")) {
		return true
	}
	return len(s.Properties) > 0 || s.Items != nil || len(s.AllOf) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0
}
