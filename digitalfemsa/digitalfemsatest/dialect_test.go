package digitalfemsatest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// gadget is a toy resource: what a new DigitalFemsa resource costs the
// fake is the one declaration below, every convention coming from the
// fake's dialect.
type gadget struct {
	ID        string `json:"id"`
	Object    string `json:"object"`
	Name      string `json:"name"`
	Size      int    `json:"size"`
	CreatedAt int64  `json:"created_at"`
}

func declareGadgets(s *Server) *fakeapi.Collection[gadget] {
	return fakeapi.Declare(s.Server, s.dialect(), fakeapi.Resource[gadget]{
		Name: "gadget", Path: "/gadgets", IDPrefix: "gad_", IDLength: 17,
		ID:           func(g *gadget) string { return g.ID },
		Serve:        fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		CreateStatus: http.StatusOK, UpdateMethod: http.MethodPut,
		Create: func(c *fakeapi.Call) (*gadget, error) {
			var in struct {
				Name *string `json:"name"`
				Size *int    `json:"size"`
			}
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			if in.Name == nil || *in.Name == "" {
				return nil, validationErr("name", "missing", "The parameter name is required.", "El parámetro name es requerido.")
			}
			g := &gadget{ID: c.NewID(), Object: "gadget", Name: *in.Name, CreatedAt: s.Now().Unix()}
			if in.Size != nil {
				g.Size = *in.Size
			}
			return g, nil
		},
		Update: func(c *fakeapi.Call) (func(*gadget) error, error) {
			var in struct {
				Size *int `json:"size"`
			}
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			return func(g *gadget) error {
				if in.Size != nil {
					g.Size = *in.Size
				}
				return nil
			}, nil
		},
		Filters: search(func(g *gadget) []string { return []string{g.ID, g.Name} }),
	})
}

// gadgetCall sends an authenticated, versioned request to the fake and
// decodes its JSON answer.
func gadgetCall(t *testing.T, s *Server, method, path, body string, header ...string) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+PrivateKey)
	req.Header.Set("Accept", digitalfemsa.AcceptVersion)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out), "body %s", b)
	return resp.StatusCode, resp.Header, out
}

// detail is the one error detail of a DigitalFemsa error answer, after
// checking its envelope.
func detail(t *testing.T, out map[string]any, typ string) map[string]any {
	t.Helper()
	assert.Equal(t, "error", out["object"])
	assert.Equal(t, typ, out["type"])
	assert.Regexp(t, `^[0-9a-f]{24}$`, out["log_id"])
	details, _ := out["details"].([]any)
	require.Len(t, details, 1, "%v", out)
	return details[0].(map[string]any)
}

// TestDeclaredResourceSpeaksDigitalFemsa: adding a resource is one
// declaration; over HTTP it creates, gets, lists with DigitalFemsa's
// cursors, updates and deletes, and refuses in DigitalFemsa's shapes.
func TestDeclaredResourceSpeaksDigitalFemsa(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.SetClock(func() time.Time { return at })
	gadgets := declareGadgets(s)

	code, h, out := gadgetCall(t, s, "POST", "/gadgets", `{"name":"uno","size":1}`)
	require.Equal(t, 200, code, "%v", out)
	assert.Equal(t, contentType, h.Get("Content-Type"))
	id, _ := out["id"].(string)
	assert.Regexp(t, `^gad_[A-Za-z0-9]{17}$`, id)
	assert.Equal(t, map[string]any{"id": id, "object": "gadget", "name": "uno", "size": float64(1), "created_at": float64(at.Unix())}, out)

	code, _, got := gadgetCall(t, s, "GET", "/gadgets/"+id, "")
	assert.Equal(t, 200, code)
	assert.Equal(t, out, got)

	code, _, out = gadgetCall(t, s, "PUT", "/gadgets/"+id, `{"size":7}`)
	assert.Equal(t, 200, code)
	assert.Equal(t, float64(7), out["size"])
	assert.Equal(t, "uno", out["name"], "what the update leaves out stays")
	stored, ok := gadgets.Get(id)
	require.True(t, ok)
	assert.Equal(t, 7, stored.Size, "the update reached the Collection")

	code, _, out = gadgetCall(t, s, "DELETE", "/gadgets/"+id, "")
	assert.Equal(t, 200, code)
	assert.Equal(t, id, out["id"], "the deleted object is answered")
	assert.Equal(t, 0, gadgets.Len())

	for _, tc := range []struct{ method, body string }{{"GET", ""}, {"PUT", `{"size":1}`}, {"DELETE", ""}} {
		code, _, out = gadgetCall(t, s, tc.method, "/gadgets/"+id, tc.body)
		assert.Equal(t, 404, code, tc.method)
		assert.Equal(t, map[string]any{"code": "femsa.errors.resource_not_found.entity", "param": "id",
			"debug_message": `The resource gadget "` + id + `" was not found.`,
			"message":       `No se encontró el recurso gadget "` + id + `".`}, detail(t, out, "resource_not_found_error"), tc.method)
	}

	// Every request went to the account's logs, as DigitalFemsa logs them.
	code, _, out = gadgetCall(t, s, "GET", "/logs?search="+id, "")
	require.Equal(t, 200, code)
	assert.Len(t, out["data"], 7, "create, get, update, delete and three refusals")
}

func TestDeclaredResourcePaging(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	declareGadgets(s)
	var ids []string
	for _, name := range []string{"x-alfa", "x-beta", "x-alfa", "x-beta", "x-alfa"} {
		_, _, out := gadgetCall(t, s, "POST", "/gadgets", `{"name":"`+name+`"}`)
		ids = append(ids, out["id"].(string))
	}
	url := func(query string) any { return digitalfemsa.ProductionURL + "/gadgets?" + query }
	tests := []struct {
		query      string
		want       []string
		hasMore    bool
		next, prev any
	}{
		{"", ids, false, nil, nil},
		{"limit=2", ids[:2], true, url("limit=2&next=" + ids[1]), nil},
		{"limit=2&next=" + ids[1], ids[2:4], true, url("limit=2&next=" + ids[3]), url("limit=2&previous=" + ids[2])},
		{"limit=2&next=" + ids[3], ids[4:], false, nil, url("limit=2&previous=" + ids[4])},
		{"limit=2&previous=" + ids[4], ids[2:4], true, url("limit=2&next=" + ids[3]), url("limit=2&previous=" + ids[2])},
		{"limit=2&previous=" + ids[2], ids[:2], true, url("limit=2&next=" + ids[1]), nil},
		// No id has a "-": the search matches the names only.
		{"search=-ALFA", []string{ids[0], ids[2], ids[4]}, false, nil, nil},
		{"search=-alfa&limit=1&next=" + ids[0], ids[2:3], true, url("limit=1&next=" + ids[2]), url("limit=1&previous=" + ids[2])},
		{"search=-gamma", nil, false, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			code, _, out := gadgetCall(t, s, "GET", "/gadgets?"+tt.query, "")
			require.Equal(t, 200, code, "%v", out)
			data, ok := out["data"].([]any)
			require.True(t, ok, "data is an array, never null: %v", out)
			var got []string
			for _, it := range data {
				got = append(got, it.(map[string]any)["id"].(string))
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, "list", out["object"])
			assert.Equal(t, tt.hasMore, out["has_more"])
			assert.Equal(t, tt.next, out["next_page_url"])
			assert.Equal(t, tt.prev, out["previous_page_url"])
		})
	}
}

// TestDeclaredResourceRefusals: each refusal a declaration gets from the
// dialect, in DigitalFemsa's error object, storing nothing.
func TestDeclaredResourceRefusals(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	gadgets := declareGadgets(s)
	tests := []struct {
		name, method, path, body string
		header                   []string
		status                   int
		typ, code, param         string
		message                  string
	}{
		{"required field", "POST", "/gadgets", `{"size":1}`, nil, 422, "parameter_validation_error",
			"femsa.errors.parameter_validation.name.missing", "name", "El parámetro name es requerido."},
		{"in English", "POST", "/gadgets", `{}`, []string{"Accept-Language", "en"}, 422, "parameter_validation_error",
			"femsa.errors.parameter_validation.name.missing", "name", "The parameter name is required."},
		{"unknown field", "POST", "/gadgets", `{"name":"x","color":"red"}`, nil, 422, "parameter_validation_error",
			"femsa.errors.parameter_validation.whitelist", "color", "El parámetro color no está permitido."},
		{"wrong type", "POST", "/gadgets", `{"name":"x","size":"big"}`, nil, 422, "parameter_validation_error",
			"femsa.errors.parameter_validation.size.invalid", "size", "El parámetro size tiene un tipo o valor no válido."},
		{"not JSON", "POST", "/gadgets", `{"name":`, nil, 400, "malformed_request_error",
			"femsa.errors.malformed_request.json", "", "El cuerpo de la solicitud no es un JSON válido."},
		{"unknown field on update", "PUT", "/gadgets/gad_x", `{"name":"x"}`, nil, 422, "parameter_validation_error",
			"femsa.errors.parameter_validation.whitelist", "name", "El parámetro name no está permitido."},
		{"limit out of range", "GET", "/gadgets?limit=251", "", nil, 422, "parameter_validation_error",
			"femsa.errors.parameter_validation.limit.invalid", "limit", "limit debe estar entre 1 y 250."},
		{"limit zero", "GET", "/gadgets?limit=0", "", nil, 422, "parameter_validation_error",
			"femsa.errors.parameter_validation.limit.invalid", "limit", "limit debe estar entre 1 y 250."},
		{"no versioned Accept", "POST", "/gadgets", `{"name":"x"}`, []string{"Accept", "application/json"}, 409, "conflict_error",
			"femsa.errors.conflict.api_version", "", "Envía Accept: " + digitalfemsa.AcceptVersion + "."},
		{"no key", "GET", "/gadgets", "", []string{"Authorization", "Bearer nope"}, 401, "authentication_error",
			"femsa.errors.authentication.missing_key", "", "Acceso no autorizado."},
		{"unserved route", "PATCH", "/gadgets/gad_x", `{}`, nil, 404, "resource_not_found_error",
			"femsa.errors.resource_not_found.entity", "", "El recurso no ha sido encontrado."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, out := gadgetCall(t, s, tt.method, tt.path, tt.body, tt.header...)
			assert.Equal(t, tt.status, code)
			d := detail(t, out, tt.typ)
			assert.Equal(t, tt.code, d["code"])
			assert.Equal(t, tt.message, d["message"])
			if tt.param == "" {
				assert.Nil(t, d["param"])
			} else {
				assert.Equal(t, tt.param, d["param"])
			}
		})
	}
	assert.Equal(t, 0, gadgets.Len(), "no refused creation was stored")
}

// TestDialectFallbacks: a hook's scaffold ParamError is answered as the
// API's 422 naming the field, and an error of no DigitalFemsa shape (a
// bug of the fake) as a 500 in the API's error object.
func TestDialectFallbacks(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	fakeapi.Declare(s.Server, s.dialect(), fakeapi.Resource[gadget]{
		Name: "gizmo", Path: "/gizmos", ID: func(g *gadget) string { return g.ID },
		Serve: fakeapi.OpCreate,
		Create: func(c *fakeapi.Call) (*gadget, error) {
			if strings.Contains(string(c.Body()), "param") {
				return nil, &fakeapi.ParamError{Field: "size", Message: "size is odd"}
			}
			return nil, errors.New("a bug")
		},
	})
	code, _, out := gadgetCall(t, s, "POST", "/gizmos", `{"param":1}`)
	assert.Equal(t, 422, code)
	assert.Equal(t, map[string]any{"code": "femsa.errors.parameter_validation.size.invalid", "param": "size",
		"debug_message": "size is odd", "message": "size is odd"}, detail(t, out, "parameter_validation_error"))

	code, _, out = gadgetCall(t, s, "POST", "/gizmos", `{}`, "Accept-Language", "en")
	assert.Equal(t, 500, code)
	assert.Equal(t, map[string]any{"code": "femsa.errors.api", "param": nil,
		"debug_message": "The fake failed: a bug", "message": "The fake failed: a bug"}, detail(t, out, "api_error"))
}
