package spectest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// Body is one candidate response body of an operation.
type Body struct {
	// Label says where it comes from: "example", "example:<name>",
	// "schema example" or "generated#<variant>".
	Label string
	// Value is the decoded JSON.
	Value any
}

// ResponseBodies returns the schema of an operation's answer with status,
// and its candidate bodies: the spec's examples first, then one generated
// body per oneOf/anyOf variant, every optional property set.
func ResponseBodies(rt *routers.Route, status int) (*openapi3.SchemaRef, string, []Body) {
	resp := rt.Operation.Responses.Status(status)
	if resp == nil || resp.Value == nil || len(resp.Value.Content) == 0 {
		return nil, "", nil
	}
	ct := sortedKeys(resp.Value.Content)[0]
	mt := resp.Value.Content[ct]
	var out []Body
	if mt.Example != nil {
		out = append(out, Body{"example", normalize(mt.Example)})
	}
	names := make([]string, 0, len(mt.Examples))
	for n := range mt.Examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if ex := mt.Examples[n]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			out = append(out, Body{"example:" + n, normalize(ex.Value.Value)})
		}
	}
	if mt.Schema == nil {
		return nil, ct, out
	}
	if ex, ok := mt.Schema.Value.Example.(map[string]any); ok {
		out = append(out, Body{"schema example", normalize(ex)})
	}
	first, arity := Generate(mt.Schema, 0)
	out = append(out, Body{"generated#0", first})
	for i := 1; i < arity; i++ {
		v, _ := Generate(mt.Schema, i)
		out = append(out, Body{"generated#" + strconv.Itoa(i), v})
	}
	return mt.Schema, ct, out
}

// validAgainst validates v against schema (nil accepts anything).
func validAgainst(schema *openapi3.SchemaRef, v any) error {
	if schema == nil {
		return nil
	}
	return schema.Value.VisitJSON(v, openapi3.MultiErrors(), openapi3.SetSchemaRegexCompiler(CompileRegex))
}

// normalize turns a YAML-loaded value into its JSON-decoded form.
func normalize(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return out
}

// Exchange is one request a Server received.
type Exchange struct {
	// Spec names the document that has the operation; empty when none
	// does.
	Spec string
	// Op is the matched operation (zero when none matched).
	Op Operation
	// Method and URL are as received.
	Method, URL string
	// Problems are what the checker found in the request.
	Problems Problems
}

// Server is a recording test server: it validates every request against
// the specs and answers with a schema-valid body of the matched operation
// (by default the first candidate from ResponseBodies that matches its
// schema; Serve overrides it).
type Server struct {
	*httptest.Server
	c *Checker

	mu     sync.Mutex
	log    []Exchange
	serve  func(rt *routers.Route, r *http.Request) any
	status int
}

// NewServer starts a recording server for c.
func NewServer(c *Checker) *Server {
	s := &Server{c: c}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	return s
}

// Serve sets the body every later matched request gets (nil restores the
// default).
func (s *Server) Serve(f func(rt *routers.Route, r *http.Request) any) {
	s.ServeStatus(http.StatusOK, f)
}

// ServeStatus is Serve with another status than 200.
func (s *Server) ServeStatus(status int, f func(rt *routers.Route, r *http.Request) any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serve, s.status = f, status
}

// Take returns the requests received since the last Take.
func (s *Server) Take() []Exchange {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.log
	s.log = nil
	return out
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rt, p := s.c.CheckRequest(r, body)
	ex := Exchange{Method: r.Method, URL: r.URL.String(), Problems: p}
	if rt != nil {
		ex.Op = OperationOf(rt)
		sp, _, _, _ := s.c.Route(r.Method, r.URL.EscapedPath())
		ex.Spec = sp.Name
	}
	s.mu.Lock()
	s.log = append(s.log, ex)
	serve, status := s.serve, s.status
	s.mu.Unlock()
	if serve == nil || status == 0 {
		status = http.StatusOK
	}
	if rt == nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"object":"error","type":"resource_not_found_error","details":[{"code":"spectest.no_operation","message":"no such operation"}]}`)
		return
	}
	schema, ct, bodies := ResponseBodies(rt, status)
	var v any
	if serve != nil {
		v = serve(rt, r)
	} else if len(bodies) > 0 {
		// The first candidate that matches its own schema: an example
		// can break it (createOrder's is a charge).
		v = bodies[0].Value
		for _, b := range bodies {
			if validAgainst(schema, b.Value) == nil {
				v = b.Value
				break
			}
		}
	}
	// A page after the first ends the list, so All stops.
	if q := r.URL.Query(); q.Has("next") || q.Has("previous") {
		if m, ok := v.(map[string]any); ok {
			if _, isList := m["has_more"]; isList {
				c := make(map[string]any, len(m))
				for k, x := range m {
					c[k] = x
				}
				c["has_more"] = false
				v = c
			}
		}
	}
	if ct == "" {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	b, _ := json.Marshal(v)
	_, _ = w.Write(b)
}
