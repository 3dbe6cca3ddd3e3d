package fakeapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// widget is the toy resource the tests declare, stored as a struct.
type widget struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Color    string            `json:"color"`
	Locked   bool              `json:"locked"`
	Metadata map[string]string `json:"metadata"`
}

// errLocked is the toy provider's own error, answered by Dialect.Error.
type errLocked struct{ id string }

func (e errLocked) Error() string { return "widget " + e.id + " is locked" }

// toyDialect answers in a shape unlike the defaults, so a test sees the
// dialect was used: lists as {"items","first","last","left"}, errors as
// {"err":{...}} with their own statuses, every answer with X-Toy.
func toyDialect() *Dialect {
	obj := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("X-Toy", "1")
		WriteJSON(w, status, v)
	}
	return &Dialect{
		Wrap: func(h http.HandlerFunc) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Wrapped", r.Method)
				h(w, r)
			}
		},
		Object: func(w http.ResponseWriter, r *http.Request, status int, v any) { obj(w, status, v) },
		List: func(w http.ResponseWriter, r *http.Request, p *Page) {
			out := map[string]any{"items": p.Items, "left": p.Remaining(), "before": p.Start, "total": p.Total}
			if len(p.IDs) > 0 {
				out["first"], out["last"] = p.IDs[0], p.IDs[len(p.IDs)-1]
			}
			obj(w, 200, out)
		},
		ReadPaging: func(r *http.Request) (Paging, error) {
			p, err := ReadPaging(r)
			if err == nil && p.Limit > 3 {
				return p, &ParamError{Field: "limit", Code: "too_big", Message: "at most 3"}
			}
			return p, err
		},
		NotFound: func(w http.ResponseWriter, r *http.Request, res Info, id string) {
			obj(w, 410, map[string]any{"err": map[string]string{"kind": "missing", "what": res.Label, "id": id}})
		},
		Invalid: func(w http.ResponseWriter, r *http.Request, e *ParamError) {
			obj(w, 422, map[string]any{"err": map[string]string{"kind": "invalid", "field": e.Field, "code": e.Code, "msg": e.Message}})
		},
		Malformed: func(w http.ResponseWriter, r *http.Request, err error) {
			obj(w, 400, map[string]any{"err": map[string]string{"kind": "malformed"}})
		},
		Deleted: func(w http.ResponseWriter, r *http.Request, res Info, id string, v any) {
			obj(w, 200, map[string]any{"deleted": id, "what": res.Label, "object": v})
		},
		Error: func(w http.ResponseWriter, r *http.Request, err error) {
			var l errLocked
			if errors.As(err, &l) {
				obj(w, 409, map[string]any{"err": map[string]string{"kind": "locked", "id": l.id}})
				return
			}
			obj(w, 500, map[string]any{"err": map[string]string{"kind": "bug"}})
		},
		NewestFirst: true,
	}
}

// changes records the Changed hook's calls.
type changes struct {
	mu  sync.Mutex
	log []string
}

func (c *changes) add(op Ops, w widget) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.log = append(c.log, fmt.Sprintf("%d:%s:%s", op, w.ID, w.Name))
}

func (c *changes) all() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.log...)
}

// widgets is the one declaration a fake writes for a resource: its
// routes, ids, validation, update rule, filters and metadata.
func widgets(s *Server, d *Dialect, ch *changes) *Collection[widget] {
	return Declare(s, d, Resource[widget]{
		Name: "widget", Label: "el widget", Path: "/v1/widgets", IDPrefix: "wdg_test_",
		ID: func(w *widget) string { return w.ID },
		Copy: func(w *widget) widget {
			out := *w
			out.Metadata = maps.Clone(w.Metadata)
			return out
		},
		Serve: OpCreate | OpGet | OpList | OpUpdate | OpDelete,
		Create: func(c *Call) (*widget, error) {
			var in widget
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			if len(in.Name) < 2 {
				return nil, &ParamError{Field: "name", Code: "short", Message: "name needs 2 characters"}
			}
			if in.Color == "teapot" {
				// A hook with an answer of its own.
				WriteJSON(c.W, http.StatusTeapot, map[string]string{"special": "yes"})
				return nil, ErrAnswered
			}
			return &widget{ID: c.NewID(), Name: in.Name, Color: in.Color, Metadata: in.Metadata}, nil
		},
		Update: func(c *Call) (func(*widget) error, error) {
			var in struct{ Name, Color *string }
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			if in.Name != nil && len(*in.Name) < 2 {
				return nil, &ParamError{Field: "name", Message: "name needs 2 characters"}
			}
			return func(w *widget) error {
				if w.Locked {
					return errLocked{w.ID}
				}
				if in.Name != nil {
					w.Name = *in.Name
				}
				if in.Color != nil {
					w.Color = *in.Color
				}
				return nil
			}, nil
		},
		Delete: func(c *Call, w *widget) error {
			if w.Locked {
				return errLocked{w.ID}
			}
			return nil
		},
		Filters: map[string]func(*widget, string) bool{
			"color": func(w *widget, v string) bool { return w.Color == v },
		},
		Metadata: func(w *widget, key string) (string, bool) { v, ok := w.Metadata[key]; return v, ok },
		Changed:  ch.add,
	})
}

// toyServer is a fake with the widget resource, its unknown routes
// answered 404 {"route":"unknown"} as a provider's NotFound.
func toyServer(t *testing.T) (*Server, *Collection[widget], *changes) {
	t.Helper()
	s := New(Config{
		Authenticate: func(r *http.Request) bool { return r.Header.Get("Authorization") == "Bearer good" },
		NotFound:     func(w http.ResponseWriter, r *http.Request) { WriteJSON(w, 404, map[string]string{"route": "unknown"}) },
	})
	t.Cleanup(s.Close)
	ch := &changes{}
	return s, widgets(s, toyDialect(), ch), ch
}

// do sends a request to the fake and decodes its JSON answer.
func do(t *testing.T, s *Server, method, path, body string) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer good")
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	if len(b) > 0 {
		require.NoError(t, json.Unmarshal(b, &out), "body %s", b)
	}
	return resp.StatusCode, resp.Header, out
}

func create(t *testing.T, s *Server, body string) string {
	t.Helper()
	code, _, out := do(t, s, "POST", "/v1/widgets", body)
	require.Equal(t, 201, code, "%v", out)
	return out["id"].(string)
}

// TestDeclaredResourceCRUD: one declaration serves create, get, list,
// update and delete over HTTP, through the dialect and its Wrap.
func TestDeclaredResourceCRUD(t *testing.T) {
	t.Parallel()
	s, ws, ch := toyServer(t)

	code, h, out := do(t, s, "POST", "/v1/widgets", `{"name":"bolt","color":"red","metadata":{"order":"A-1"}}`)
	require.Equal(t, 201, code)
	assert.Equal(t, "1", h.Get("X-Toy"), "answered by the dialect")
	assert.Equal(t, "POST", h.Get("X-Wrapped"), "every declared route goes through Wrap")
	id, _ := out["id"].(string)
	assert.Regexp(t, `^wdg_test_[A-Za-z0-9]{16}$`, id)
	assert.Equal(t, map[string]any{"id": id, "name": "bolt", "color": "red", "locked": false,
		"metadata": map[string]any{"order": "A-1"}}, out)

	code, h, out = do(t, s, "GET", "/v1/widgets/"+id, "")
	assert.Equal(t, 200, code)
	assert.Equal(t, "GET", h.Get("X-Wrapped"))
	assert.Equal(t, "bolt", out["name"])

	code, _, out = do(t, s, "PATCH", "/v1/widgets/"+id, `{"color":"blue"}`)
	assert.Equal(t, 200, code)
	assert.Equal(t, "blue", out["color"])
	assert.Equal(t, "bolt", out["name"], "fields not sent stay")
	got, ok := ws.Get(id)
	require.True(t, ok)
	assert.Equal(t, "blue", got.Color, "the update reached the store")

	code, _, out = do(t, s, "GET", "/v1/widgets", "")
	assert.Equal(t, 200, code)
	assert.Equal(t, float64(1), out["total"])
	assert.Equal(t, id, out["first"])

	code, _, out = do(t, s, "DELETE", "/v1/widgets/"+id, "")
	assert.Equal(t, 200, code)
	assert.Equal(t, id, out["deleted"], "answered by Dialect.Deleted")
	assert.Equal(t, "el widget", out["what"])
	assert.Equal(t, "blue", out["object"].(map[string]any)["color"])
	assert.Equal(t, 0, ws.Len())

	assert.Equal(t, []string{
		fmt.Sprintf("%d:%s:bolt", OpCreate, id), fmt.Sprintf("%d:%s:bolt", OpUpdate, id), fmt.Sprintf("%d:%s:bolt", OpDelete, id),
	}, ch.all(), "Changed runs after each change, not after reads")
}

// TestDeclaredResourceErrors: each failure is answered in the dialect's
// shape, naming the field or the resource, and changes nothing.
func TestDeclaredResourceErrors(t *testing.T) {
	t.Parallel()
	s, ws, ch := toyServer(t)
	locked := ws.Put(&widget{ID: "wdg_locked", Name: "held", Locked: true})
	require.Equal(t, "held", locked.Name)

	tests := []struct {
		name, method, path, body string
		status                   int
		err                      map[string]any
	}{
		{"create names the bad field", "POST", "/v1/widgets", `{"name":"x"}`, 422,
			map[string]any{"kind": "invalid", "field": "name", "code": "short", "msg": "name needs 2 characters"}},
		{"create with malformed JSON", "POST", "/v1/widgets", `{"name":`, 400, map[string]any{"kind": "malformed"}},
		{"create with trailing data", "POST", "/v1/widgets", `{"name":"ok"} {}`, 400, map[string]any{"kind": "malformed"}},
		{"create with the wrong type", "POST", "/v1/widgets", `{"name":7}`, 400, map[string]any{"kind": "malformed"}},
		{"get of an unknown id", "GET", "/v1/widgets/wdg_nope", "", 410,
			map[string]any{"kind": "missing", "what": "el widget", "id": "wdg_nope"}},
		{"update of an unknown id", "PATCH", "/v1/widgets/wdg_nope", `{"color":"red"}`, 410,
			map[string]any{"kind": "missing", "what": "el widget", "id": "wdg_nope"}},
		{"update naming the bad field", "PATCH", "/v1/widgets/wdg_locked", `{"name":"y"}`, 422,
			map[string]any{"kind": "invalid", "field": "name", "code": "", "msg": "name needs 2 characters"}},
		{"update refused by the provider's rule", "PATCH", "/v1/widgets/wdg_locked", `{"color":"red"}`, 409,
			map[string]any{"kind": "locked", "id": "wdg_locked"}},
		{"delete of an unknown id", "DELETE", "/v1/widgets/wdg_nope", "", 410,
			map[string]any{"kind": "missing", "what": "el widget", "id": "wdg_nope"}},
		{"delete refused by the provider's rule", "DELETE", "/v1/widgets/wdg_locked", "", 409,
			map[string]any{"kind": "locked", "id": "wdg_locked"}},
		{"list with a bad limit", "GET", "/v1/widgets?limit=x", "", 422,
			map[string]any{"kind": "invalid", "field": "limit", "code": "", "msg": "limit must be a non-negative integer"}},
		{"list with the dialect's own limit", "GET", "/v1/widgets?limit=4", "", 422,
			map[string]any{"kind": "invalid", "field": "limit", "code": "too_big", "msg": "at most 3"}},
		{"list with a bad offset", "GET", "/v1/widgets?offset=-1", "", 422,
			map[string]any{"kind": "invalid", "field": "offset", "code": "", "msg": "offset must be a non-negative integer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, out := do(t, s, tt.method, tt.path, tt.body)
			assert.Equal(t, tt.status, code)
			assert.Equal(t, tt.err, out["err"])
		})
	}
	t.Run("a hook's own answer", func(t *testing.T) {
		code, _, out := do(t, s, "POST", "/v1/widgets", `{"name":"pot","color":"teapot"}`)
		assert.Equal(t, http.StatusTeapot, code)
		assert.Equal(t, map[string]any{"special": "yes"}, out, "nothing written after ErrAnswered")
	})
	got, ok := ws.Get("wdg_locked")
	require.True(t, ok, "a refused deletion keeps the object")
	assert.Equal(t, locked, got, "a refused update changes nothing")
	assert.Equal(t, 1, ws.Len(), "no refused creation was stored")
	assert.Empty(t, ch.all(), "nothing refused counts as a change")
}

// TestUnservedOperationsAreUnknownRoutes: an operation a declaration does
// not serve is answered by the provider's NotFound, as an unknown route,
// and runs no hook.
func TestUnservedOperationsAreUnknownRoutes(t *testing.T) {
	t.Parallel()
	s := New(Config{NotFound: func(w http.ResponseWriter, r *http.Request) { WriteJSON(w, 404, map[string]string{"route": "unknown"}) }})
	t.Cleanup(s.Close)
	ch := &changes{}
	readOnly := Declare(s, toyDialect(), Resource[widget]{
		Name: "gadget", Path: "/v1/gadgets", ID: func(w *widget) string { return w.ID },
		Serve:  OpGet | OpList,
		Create: func(c *Call) (*widget, error) { t.Error("Create ran"); return nil, ErrAnswered },
		Update: func(c *Call) (func(*widget) error, error) {
			t.Error("Update ran")
			return nil, ErrAnswered
		},
		Changed: ch.add,
	})
	readOnly.Put(&widget{ID: "gdg_1", Name: "one"})
	for _, tc := range []struct{ method, path string }{
		{"POST", "/v1/gadgets"}, {"PATCH", "/v1/gadgets/gdg_1"}, {"DELETE", "/v1/gadgets/gdg_1"}, {"PUT", "/v1/gadgets/gdg_1"},
	} {
		code, _, out := do(t, s, tc.method, tc.path, `{"name":"zz"}`)
		assert.Equal(t, 404, code, "%s %s", tc.method, tc.path)
		assert.Equal(t, map[string]any{"route": "unknown"}, out, "%s %s", tc.method, tc.path)
	}
	code, _, out := do(t, s, "GET", "/v1/gadgets/gdg_1", "")
	assert.Equal(t, 200, code)
	assert.Equal(t, "one", out["name"])
	assert.Equal(t, 1, readOnly.Len())
	assert.Empty(t, ch.all())
}

// TestDeclaredListFiltersAndPaging: filters, newest-first order, cursors
// both ways, offset and page numbers, and what the dialect is told.
func TestDeclaredListFiltersAndPaging(t *testing.T) {
	t.Parallel()
	s, _, _ := toyServer(t)
	var ids []string // oldest first
	for i, color := range []string{"red", "blue", "red", "red", "blue", "red"} {
		ids = append(ids, create(t, s, fmt.Sprintf(`{"name":"w%d","color":%q}`, i, color)))
	}
	// Newest first: the reds are ids 5, 3, 2, 0.
	reds := []string{ids[5], ids[3], ids[2], ids[0]}
	page := func(query string) (ids []string, out map[string]any) {
		t.Helper()
		code, _, out := do(t, s, "GET", "/v1/widgets?"+query, "")
		require.Equal(t, 200, code, "%v", out)
		for _, it := range out["items"].([]any) {
			ids = append(ids, it.(map[string]any)["id"].(string))
		}
		return ids, out
	}
	tests := []struct {
		query          string
		want           []string
		left, before   float64
		total          float64
		first, lastOut string
	}{
		{"", []string{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}, 0, 0, 6, "", ""},
		{"color=red", reds, 0, 0, 4, "", ""},
		{"color=", []string{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}, 0, 0, 6, "", ""},
		{"color=green", nil, 0, 0, 0, "", ""},
		{"color=red&limit=2", reds[:2], 2, 0, 4, "", ""},
		{"color=red&limit=2&after=" + reds[1], reds[2:], 0, 2, 4, "", ""},
		{"color=red&limit=3&after=" + reds[0], reds[1:], 0, 1, 4, "", ""},
		{"color=red&limit=2&before=" + reds[3], reds[1:3], 1, 1, 4, "", ""},
		{"color=red&limit=2&before=" + reds[1], reds[:1], 3, 0, 4, "", ""},
		{"color=red&before=" + reds[2], reds[:2], 2, 0, 4, "", ""},
		{"color=red&limit=2&before=wdg_unknown", reds[2:], 0, 2, 4, "", ""},
		{"color=red&limit=2&after=wdg_unknown", nil, 0, 4, 4, "", ""},
		{"color=red&limit=3&offset=1", reds[1:], 0, 1, 4, "", ""},
		{"color=red&offset=9", nil, 0, 4, 4, "", ""},
		{"color=red&limit=3&page=2", reds[3:], 0, 3, 4, "", ""},
		{"color=red&limit=2&page=1", reds[:2], 2, 0, 4, "", ""},
		{"color=red&limit=2&page=9", nil, 0, 4, 4, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, out := page(tt.query)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.left, out["left"], "Remaining")
			assert.Equal(t, tt.before, out["before"], "Start")
			assert.Equal(t, tt.total, out["total"], "Total")
			if len(tt.want) > 0 {
				assert.Equal(t, tt.want[0], out["first"], "IDs match Items")
				assert.Equal(t, tt.want[len(tt.want)-1], out["last"], "IDs match Items")
			} else {
				assert.NotContains(t, out, "first")
			}
		})
	}
}

// TestCollectionTypedState: the handle a fake inspects its state with
// returns copies, finds by id and by metadata, and makes prefixed ids.
func TestCollectionTypedState(t *testing.T) {
	t.Parallel()
	s, ws, _ := toyServer(t)
	a := create(t, s, `{"name":"aa","metadata":{"order":"A-1"}}`)
	b := create(t, s, `{"name":"bb","metadata":{"order":"B-2"}}`)
	c := create(t, s, `{"name":"cc","metadata":{"order":"A-1","x":"y"}}`)

	all := ws.All()
	require.Len(t, all, 3)
	assert.Equal(t, []string{a, b, c}, []string{all[0].ID, all[1].ID, all[2].ID}, "oldest first")
	matched := ws.WithMetadata("order", "A-1")
	require.Len(t, matched, 2)
	assert.Equal(t, []string{a, c}, []string{matched[0].ID, matched[1].ID})
	assert.Empty(t, ws.WithMetadata("order", "Z"))
	assert.Empty(t, ws.WithMetadata("nope", "A-1"))

	got, ok := ws.Get(a)
	require.True(t, ok)
	got.Name = "changed"
	got.Metadata["order"] = "changed"
	again, _ := ws.Get(a)
	assert.Equal(t, "aa", again.Name, "Get returns a copy")
	assert.Equal(t, "A-1", again.Metadata["order"], "Copy runs on what Get returns")
	all[1].Metadata["order"] = "changed"
	assert.Len(t, ws.WithMetadata("order", "B-2"), 1, "All returns copies")

	_, ok = ws.Get("wdg_nope")
	assert.False(t, ok)
	out, found, err := ws.Update(b, func(w *widget) error { w.Locked = true; return nil })
	require.NoError(t, err)
	assert.True(t, found)
	assert.True(t, out.Locked)
	_, found, _ = ws.Update("wdg_nope", func(*widget) error { return nil })
	assert.False(t, found)

	assert.Regexp(t, `^wdg_test_[A-Za-z0-9]{16}$`, ws.NewID())
	assert.NotEqual(t, ws.NewID(), ws.NewID())
	assert.Equal(t, Info{Name: "widget", Label: "el widget", Path: "/v1/widgets"}, ws.Info())
	assert.True(t, ws.Delete(c))
	assert.False(t, ws.Delete(c))
	assert.Equal(t, 2, ws.Store().Len())

	// A hand-written route answers an unknown id and an error the way the
	// declared ones do.
	rec := httptest.NewRecorder()
	ws.NotFound(rec, httptest.NewRequest("POST", "/v1/widgets/x/polish", nil), "wdg_x")
	assert.Equal(t, 410, rec.Code)
	assert.JSONEq(t, `{"err":{"kind":"missing","what":"el widget","id":"wdg_x"}}`, rec.Body.String())
	rec = httptest.NewRecorder()
	ws.Fail(rec, httptest.NewRequest("POST", "/v1/widgets/x/polish", nil), &ParamError{Field: "grit", Message: "bad"})
	assert.Equal(t, 422, rec.Code)
	assert.JSONEq(t, `{"err":{"kind":"invalid","field":"grit","code":"","msg":"bad"}}`, rec.Body.String())
}

// TestDeclareDefaults: with a zero Dialect and only the required fields,
// a declaration answers plain JSON, with 404s, 400s and {"data":[...]}.
func TestDeclareDefaults(t *testing.T) {
	t.Parallel()
	s := New(Config{NotFound: func(w http.ResponseWriter, r *http.Request) { WriteJSON(w, 404, map[string]string{"route": "unknown"}) }})
	t.Cleanup(s.Close)
	Declare(s, nil, Resource[widget]{
		Name: "widget", Path: "/w", ID: func(w *widget) string { return w.ID },
		NewID: func() string { return "fixed-id" },
		Serve: OpCreate | OpGet | OpList | OpDelete | OpUpdate, UpdateMethod: "PUT", CreatePath: "/w/new", CreateStatus: 200,
		Create: func(c *Call) (*widget, error) {
			var in widget
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			if in.Name == "" {
				return nil, &ParamError{Field: "name", Message: "required"}
			}
			if in.Name == "bug" {
				return nil, errors.New("a bug")
			}
			if in.Name == "no id" {
				return &widget{Name: in.Name}, nil
			}
			return &widget{ID: c.NewID(), Name: in.Name}, nil
		},
		Update: func(c *Call) (func(*widget) error, error) {
			return func(w *widget) error { w.Color = string(c.Body()); return nil }, nil
		},
		View: func(op Ops, w widget) any { return map[string]any{"id": w.ID, "op": int(op), "color": w.Color} },
	})
	code, _, out := do(t, s, "POST", "/w/new", `{"name":"a"}`)
	assert.Equal(t, 200, code)
	assert.Equal(t, map[string]any{"id": "fixed-id", "op": float64(OpCreate), "color": ""}, out)
	code, _, out = do(t, s, "POST", "/w", `{"name":"a"}`)
	assert.Equal(t, 404, code)
	assert.Equal(t, map[string]any{"route": "unknown"}, out, "Create is served at CreatePath only")
	code, _, out = do(t, s, "PUT", "/w/fixed-id", `raw`)
	assert.Equal(t, 200, code)
	assert.Equal(t, map[string]any{"id": "fixed-id", "op": float64(OpUpdate), "color": "raw"}, out)
	code, _, out = do(t, s, "GET", "/w?limit=5", "")
	assert.Equal(t, 200, code)
	assert.Equal(t, map[string]any{"data": []any{map[string]any{"id": "fixed-id", "op": float64(OpList), "color": "raw"}}}, out)
	code, _, out = do(t, s, "POST", "/w/new", `{}`)
	assert.Equal(t, 400, code)
	assert.Equal(t, map[string]any{"error": "required", "param": "name"}, out)
	code, _, out = do(t, s, "POST", "/w/new", `[`)
	assert.Equal(t, 400, code)
	assert.Equal(t, map[string]any{"error": "malformed JSON body"}, out)
	code, _, out = do(t, s, "POST", "/w/new", `{"name":"bug"}`)
	assert.Equal(t, 500, code)
	assert.Equal(t, map[string]any{"error": "a bug"}, out)
	code, _, out = do(t, s, "POST", "/w/new", `{"name":"no id"}`)
	assert.Equal(t, 500, code)
	assert.Equal(t, map[string]any{"error": "fakeapi: widget's Create hook returned no object or one without an id"}, out)
	code, _, out = do(t, s, "GET", "/w?limit=-2", "")
	assert.Equal(t, 400, code)
	assert.Equal(t, "limit", out["param"])
	code, _, out = do(t, s, "DELETE", "/w/fixed-id", "")
	assert.Equal(t, 200, code)
	assert.Equal(t, float64(OpDelete), out["op"])
	code, _, out = do(t, s, "GET", "/w/fixed-id", "")
	assert.Equal(t, 404, code)
	assert.Equal(t, map[string]any{"error": "widget fixed-id not found"}, out)
}

// IDParam keeps a provider's own wildcard name: the route is registered
// (and counted by Handled) under it, and the hooks get the id from it.
func TestDeclaredIDParam(t *testing.T) {
	t.Parallel()
	s := New(Config{})
	t.Cleanup(s.Close)
	col := Declare(s, nil, Resource[widget]{
		Name: "widget", Path: "/w", IDParam: "token", ID: func(w *widget) string { return w.ID },
		Serve: OpGet | OpUpdate,
		Update: func(c *Call) (func(*widget) error, error) {
			id := c.ID
			return func(w *widget) error { w.Color = id; return nil }, nil
		},
	})
	col.Put(&widget{ID: "tok_1", Name: "a"})
	code, _, out := do(t, s, "GET", "/w/tok_1", "")
	assert.Equal(t, 200, code)
	assert.Equal(t, "tok_1", out["id"])
	code, _, out = do(t, s, "PATCH", "/w/tok_1", `{}`)
	assert.Equal(t, 200, code)
	assert.Equal(t, "tok_1", out["color"], "Call.ID is read from {token}")
	assert.Equal(t, 1, s.Handled("GET /w/{token}"))
	assert.Equal(t, 0, s.Handled("GET /w/{id}"))
}

func TestDeclarePanicsOnDeclarationsThatCannotWork(t *testing.T) {
	t.Parallel()
	s := New(Config{})
	t.Cleanup(s.Close)
	id := func(w *widget) string { return w.ID }
	for name, res := range map[string]Resource[widget]{
		"no name":                 {Path: "/a", ID: id},
		"no path":                 {Name: "a", ID: id},
		"no id":                   {Name: "a", Path: "/a"},
		"create, no hook":         {Name: "a", Path: "/a", ID: id, Serve: OpCreate},
		"update, no hook":         {Name: "a", Path: "/a", ID: id, Serve: OpUpdate},
		"item path, no {id}":      {Name: "a", Path: "/a", ItemPath: "/a/x", ID: id},
		"item path, no {IDParam}": {Name: "a", Path: "/a", ItemPath: "/a/{id}", IDParam: "token", ID: id},
	} {
		assert.Panics(t, func() { Declare(s, nil, res) }, name)
	}
}

func TestCut(t *testing.T) {
	t.Parallel()
	ids := []string{"a", "b", "c", "d", "e"}
	tests := []struct {
		name       string
		p          Paging
		start, end int
	}{
		{"everything", Paging{}, 0, 5},
		{"limit", Paging{Limit: 2}, 0, 2},
		{"after", Paging{After: "b", Limit: 2}, 2, 4},
		{"after the last", Paging{After: "e", Limit: 2}, 5, 5},
		{"after unknown", Paging{After: "z"}, 5, 5},
		{"before", Paging{Before: "d", Limit: 2}, 1, 3},
		{"before, no limit", Paging{Before: "d"}, 0, 3},
		{"before the first", Paging{Before: "a", Limit: 2}, 0, 0},
		{"before unknown pages back from the end", Paging{Before: "z", Limit: 2}, 3, 5},
		{"before wins over after", Paging{Before: "c", After: "a", Limit: 1}, 1, 2},
		{"offset", Paging{Offset: 3}, 3, 5},
		{"offset past the end", Paging{Offset: 9, Limit: 2}, 5, 5},
		{"negative offset", Paging{Offset: -3, Limit: 1}, 0, 1},
		{"negative limit is none", Paging{Limit: -1}, 0, 5},
		{"page 2", Paging{Page: 2, Limit: 2}, 2, 4},
		{"last page", Paging{Page: 3, Limit: 2}, 4, 5},
		{"page past the end", Paging{Page: 4, Limit: 2}, 5, 5},
		{"huge page does not overflow", Paging{Page: 1 << 62, Limit: 1 << 20}, 5, 5},
		{"page without limit is everything", Paging{Page: 3}, 0, 5},
		{"huge limit does not overflow", Paging{Offset: 2, Limit: int(^uint(0) >> 1)}, 2, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end := Cut(ids, tt.p)
			assert.Equal(t, [2]int{tt.start, tt.end}, [2]int{start, end})
		})
	}
	start, end := Cut(nil, Paging{Before: "x", Limit: 3})
	assert.Equal(t, [2]int{0, 0}, [2]int{start, end})
}

// TestDeclaredRoutesUnderRace: concurrent creates, updates, lists and
// deletes on one declaration (run with -race).
func TestDeclaredRoutesUnderRace(t *testing.T) {
	t.Parallel()
	s, ws, _ := toyServer(t)
	seed := create(t, s, `{"name":"seed","metadata":{"k":"v"}}`)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := create(t, s, fmt.Sprintf(`{"name":"n%d","metadata":{"k":"v"}}`, i))
			do(t, s, "PATCH", "/v1/widgets/"+seed, fmt.Sprintf(`{"color":"c%d"}`, i))
			do(t, s, "GET", "/v1/widgets?limit=3", "")
			_ = ws.WithMetadata("k", "v")
			do(t, s, "DELETE", "/v1/widgets/"+id, "")
		}()
	}
	wg.Wait()
	assert.Equal(t, 1, ws.Len())
}

// TestDeclaredNestedResource: a resource under a parent's path reaches
// only the parent's objects, on every route, through Scope.
func TestDeclaredNestedResource(t *testing.T) {
	t.Parallel()
	s := New(Config{NotFound: func(w http.ResponseWriter, r *http.Request) { WriteJSON(w, 404, map[string]string{"route": "unknown"}) }})
	t.Cleanup(s.Close)
	// A part belongs to the widget named in its Color field.
	parts := Declare(s, nil, Resource[widget]{
		Name: "part", Path: "/v1/widgets/{widget}/parts", IDPrefix: "prt_",
		ID:    func(w *widget) string { return w.ID },
		Scope: func(r *http.Request, w *widget) bool { return w.Color == r.PathValue("widget") },
		Serve: OpCreate | OpGet | OpList | OpUpdate | OpDelete,
		Create: func(c *Call) (*widget, error) {
			return &widget{ID: c.NewID(), Name: "part", Color: c.R.PathValue("widget")}, nil
		},
		Update: func(c *Call) (func(*widget) error, error) {
			return func(w *widget) error { w.Name = "updated"; return nil }, nil
		},
	})
	code, _, out := do(t, s, "POST", "/v1/widgets/wdg_a/parts", `{}`)
	require.Equal(t, 201, code)
	mine := out["id"].(string)
	code, _, out = do(t, s, "POST", "/v1/widgets/wdg_b/parts", `{}`)
	require.Equal(t, 201, code)
	theirs := out["id"].(string)

	_, _, out = do(t, s, "GET", "/v1/widgets/wdg_a/parts", "")
	require.Len(t, out["data"], 1)
	assert.Equal(t, mine, out["data"].([]any)[0].(map[string]any)["id"])
	for _, m := range []string{"GET", "PATCH", "DELETE"} {
		code, _, out = do(t, s, m, "/v1/widgets/wdg_a/parts/"+theirs, `{}`)
		assert.Equal(t, 404, code, m)
		assert.Equal(t, map[string]any{"error": "part " + theirs + " not found"}, out, m)
	}
	code, _, _ = do(t, s, "GET", "/v1/widgets/wdg_b/parts/"+theirs, "")
	assert.Equal(t, 200, code)
	got, _ := parts.Get(theirs)
	assert.Equal(t, "part", got.Name, "an update out of scope changed nothing")
	assert.Equal(t, 2, parts.Len(), "a delete out of scope removed nothing")
}
