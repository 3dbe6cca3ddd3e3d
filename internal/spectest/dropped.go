package spectest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
)

// Drop is a documented field an SDK type loses.
type Drop struct {
	// Type is the Go type that should hold the field ("Order",
	// "NestedList[Charge]").
	Type string
	// Field is the JSON name of the field.
	Field string
	// Path is where it was met in the body ("charges.data[].channel").
	Path string
	// RenamedTo is set when the value is kept under another name: the
	// encoding has a key the body lacks with the same value.
	RenamedTo string
	// NullAs is set when the body's null came back as a value (a
	// nullable field held in a type that cannot be null); the field is
	// kept otherwise.
	NullAs any
}

// Name is "Type.field", the form reports use.
func (d Drop) Name() string { return d.Type + "." + d.Field }

// Dropped compares a JSON body (decoded form) with the SDK value decoded
// from it: it encodes the value again and lists every object key of the
// body that the encoding lacks, naming the Go type that lost it. A value
// whose type is a Page (what List returns) is compared as the list object
// it came from. Keys under a json.RawMessage, a map or an interface are
// kept by construction.
func Dropped(body any, decoded any) ([]Drop, error) {
	v := reflect.ValueOf(decoded)
	var enc any
	var typ reflect.Type
	if isPage(v.Type()) {
		m, err := pageJSON(v)
		if err != nil {
			return nil, err
		}
		enc, typ = m, v.Type()
	} else {
		b, err := json.Marshal(decoded)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &enc); err != nil {
			return nil, err
		}
		typ = v.Type()
	}
	var out []Drop
	compare(body, enc, typ, typeName(typ), "", &out, 0)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func isPage(t reflect.Type) bool {
	t = deref(t)
	return t.Kind() == reflect.Struct && strings.HasPrefix(t.Name(), "Page[")
}

// pageJSON rebuilds the list object a Page was read from; "object" is
// always "list" and is kept as such.
func pageJSON(v reflect.Value) (map[string]any, error) {
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	data, err := json.Marshal(v.FieldByName("Data").Interface())
	if err != nil {
		return nil, err
	}
	var items any
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, err
	}
	m := map[string]any{
		"object":   "list",
		"data":     items,
		"has_more": v.FieldByName("HasMore").Interface(),
	}
	// Page says "no such page" with "": the list's null.
	for key, name := range map[string]string{"next_page_url": "NextPageURL", "previous_page_url": "PreviousPageURL"} {
		if f := v.FieldByName(name); f.IsValid() {
			if s, ok := f.Interface().(string); ok && s == "" {
				m[key] = nil
			} else {
				m[key] = f.Interface()
			}
		}
	}
	return m, nil
}

var (
	pkgPath   = regexp.MustCompile(`[\w.\-]+(/[\w.\-]+)*/`)
	qualifier = regexp.MustCompile(`\b[a-z]\w*\.`)
)

// typeName is a Go type's name without package paths or qualifiers.
func typeName(t reflect.Type) string {
	t = deref(t)
	if t == nil {
		return "?"
	}
	if t.Kind() == reflect.Slice {
		return "[]" + typeName(t.Elem())
	}
	n := t.String()
	n = pkgPath.ReplaceAllString(n, "")
	return qualifier.ReplaceAllString(n, "")
}

var rawMessage = reflect.TypeOf(json.RawMessage(nil))

// keepsAll reports whether a value of t keeps every key under it.
func keepsAll(t reflect.Type) bool {
	t = deref(t)
	return t == nil || t == rawMessage || t.Kind() == reflect.Map || t.Kind() == reflect.Interface
}

// fieldType finds the type of the struct field (embedded ones included)
// that JSON key names.
func fieldType(t reflect.Type, key string) reflect.Type {
	t = deref(t)
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	if isPage(t) {
		if key == "data" {
			return t.Field(0).Type
		}
		return nil
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" {
			if ft := fieldType(f.Type, key); ft != nil {
				return ft
			}
			continue
		}
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key || (strings.EqualFold(name, key) && f.Tag.Get("json") == "") {
			return f.Type
		}
	}
	return nil
}

func compare(body, enc any, t reflect.Type, tname, path string, out *[]Drop, depth int) {
	if depth > 40 {
		return
	}
	if keepsAll(t) && t != nil {
		return
	}
	switch b := body.(type) {
	case map[string]any:
		e, ok := enc.(map[string]any)
		if !ok {
			if enc == nil {
				return // null or absent: the decode kept nothing to compare
			}
			*out = append(*out, Drop{Type: tname, Field: "(object)", Path: path + fmt.Sprintf(" (decoded as %T)", enc)})
			return
		}
		for _, k := range sortedKeys(b) {
			ev, present := e[k]
			if !present && b[k] == nil {
				// A null left out of the encoding is still null, unless
				// the field cannot hold one (a string with omitempty):
				// then the decode made it a value.
				if z, ok := zeroOf(fieldType(t, k)); ok {
					*out = append(*out, Drop{Type: tname, Field: k, Path: join(path, k), NullAs: z})
				}
				continue
			}
			if !present {
				*out = append(*out, Drop{Type: tname, Field: k, Path: join(path, k), RenamedTo: renamedTo(b, e, k)})
				continue
			}
			if b[k] == nil && ev != nil {
				*out = append(*out, Drop{Type: tname, Field: k, Path: join(path, k), NullAs: ev})
				continue
			}
			ft := fieldType(t, k)
			fname := tname + "." + k
			if ft != nil && deref(ft).Kind() == reflect.Struct && deref(ft).Name() != "" {
				fname = typeName(ft)
			} else if ft != nil && deref(ft).Kind() == reflect.Slice {
				if el := deref(deref(ft).Elem()); el.Kind() == reflect.Struct && el.Name() != "" {
					fname = typeName(el)
				}
			}
			compare(b[k], ev, ft, fname, join(path, k), out, depth+1)
		}
	case []any:
		e, ok := enc.([]any)
		if !ok {
			return
		}
		var et reflect.Type
		if dt := deref(t); dt != nil && (dt.Kind() == reflect.Slice || dt.Kind() == reflect.Array) {
			et = dt.Elem()
		}
		for i := 0; i < len(b) && i < len(e); i++ {
			compare(b[i], e[i], et, tname, path+"[]", out, depth+1)
		}
	}
}

// renamedTo finds a key of enc that body lacks and whose value equals the
// value of body's key k.
func renamedTo(body, enc map[string]any, k string) string {
	for _, k2 := range sortedKeys(enc) {
		if _, inBody := body[k2]; !inBody && reflect.DeepEqual(enc[k2], body[k]) {
			return k2
		}
	}
	return ""
}

// zeroOf returns the zero value of a field type that cannot be null (a
// string, a number, a bool): what a null decodes to there.
func zeroOf(t reflect.Type) (any, bool) {
	if t == nil {
		return nil, false
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return reflect.Zero(t).Interface(), true
	}
	return nil, false
}
