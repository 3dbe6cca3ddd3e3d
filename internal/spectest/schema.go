package spectest

import (
	"encoding/json"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

func decodeJSON(b []byte, v any) error { return json.Unmarshal(b, v) }

// properties gathers the properties a schema allows at one level, through
// allOf, oneOf and anyOf, and whether it also takes keys it does not name
// (a free-form object or additionalProperties).
func properties(s *openapi3.Schema, props map[string]*openapi3.SchemaRef, seen map[*openapi3.Schema]bool) (open bool) {
	if s == nil || seen[s] {
		return false
	}
	seen[s] = true
	for k, p := range s.Properties {
		if _, ok := props[k]; !ok {
			props[k] = p
		}
	}
	ap := s.AdditionalProperties
	if (ap.Has != nil && *ap.Has) || ap.Schema != nil {
		open = true
	}
	if len(s.Properties) == 0 && len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0 && (ap.Has == nil || *ap.Has) {
		// A bare "type: object" (metadata, free-form data) takes anything.
		open = true
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, b := range group {
			if b != nil && properties(b.Value, props, seen) {
				open = true
			}
		}
	}
	return open
}

// Undocumented lists the object keys in v (a decoded JSON value) that the
// schema does not document, as JSON paths ("charges.data[].channel").
func Undocumented(ref *openapi3.SchemaRef, v any) []string {
	var out []string
	undocumented(ref, v, "", &out, 0)
	sort.Strings(out)
	return out
}

func undocumented(ref *openapi3.SchemaRef, v any, path string, out *[]string, depth int) {
	if ref == nil || ref.Value == nil || depth > 40 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		props := map[string]*openapi3.SchemaRef{}
		open := properties(ref.Value, props, map[*openapi3.Schema]bool{})
		for _, k := range sortedKeys(x) {
			p, ok := props[k]
			if !ok {
				if !open {
					*out = append(*out, join(path, k))
				}
				continue
			}
			undocumented(p, x[k], join(path, k), out, depth+1)
		}
	case []any:
		items := arrayItems(ref.Value, map[*openapi3.Schema]bool{})
		for _, it := range x {
			undocumented(items, it, path+"[]", out, depth+1)
		}
	}
}

// arrayItems finds the items schema of an array, through allOf, oneOf and
// anyOf.
func arrayItems(s *openapi3.Schema, seen map[*openapi3.Schema]bool) *openapi3.SchemaRef {
	if s == nil || seen[s] {
		return nil
	}
	seen[s] = true
	if s.Items != nil {
		return s.Items
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, b := range group {
			if b != nil {
				if it := arrayItems(b.Value, seen); it != nil {
					return it
				}
			}
		}
	}
	return nil
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}
