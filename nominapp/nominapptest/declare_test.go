package nominapptest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// worker is the toy resource TestOneDeclarationServesAResource adds.
type worker struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Salary int64  `json:"salary"`
}

// bearer logs in as the test user and returns the access token.
func bearer(t *testing.T, s *Server) string {
	t.Helper()
	req, err := http.NewRequest("POST", s.URL+"/v1/sessions?auth_type=bearer", nil)
	require.NoError(t, err)
	req.SetBasicAuth(TestEmail, TestAPIToken)
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out struct {
		Data struct {
			Token string `json:"api_access_token"`
		}
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	require.NotEmpty(t, out.Data.Token)
	return out.Data.Token
}

// send sends body ("" for none) with token as the Bearer ("" for none)
// and returns the status and the raw answer.
func send(t *testing.T, s *Server, token, method, path, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"), "%s %s", method, path)
	return resp.StatusCode, string(b)
}

// TestOneDeclarationServesAResource: adding a resource to the fake is one
// declaration with its own rules (a name and a positive salary, here); it
// is served over HTTP behind the session's Bearer, with Nominapp's error
// list (422 naming each field, 404 "no existe" naming the resource),
// {"data": [...]} lists paged by the scaffold, and answers wrapped in
// {"data": …} when SetWrapData says so; its state is typed.
func TestOneDeclarationServesAResource(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	workers := fakeapi.Declare(s.Server, s.dialect(), fakeapi.Resource[worker]{
		Name: "worker", Path: "/v1/workers", IDPrefix: "wrk_",
		ID:    func(w *worker) string { return w.ID },
		Serve: fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create: func(c *fakeapi.Call) (*worker, error) {
			var in struct {
				Name   string `json:"name"`
				Salary int64  `json:"salary"`
			}
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			var items []errItem
			if in.Name == "" {
				items = append(items, item("no puede estar en blanco", CodeBlank, "name"))
			}
			if in.Salary < 1 {
				items = append(items, item("debe ser mayor que 0", CodeInvalid, "salary"))
			}
			if items != nil {
				return nil, refuse(items...)
			}
			return &worker{ID: c.NewID(), Name: in.Name, Salary: in.Salary}, nil
		},
		Update: func(c *fakeapi.Call) (func(*worker) error, error) {
			var in struct {
				Salary int64 `json:"salary"`
			}
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			if in.Salary < 1 {
				return nil, &fakeapi.ParamError{Field: "salary", Message: "debe ser mayor que 0"}
			}
			return func(w *worker) error { w.Salary = in.Salary; return nil }, nil
		},
	})
	tok := bearer(t, s)

	var ids []string
	for _, body := range []string{`{"name":"Ana","salary":1300000}`, `{"name":"Beto","salary":1400000}`, `{"name":"Carla","salary":1500000}`} {
		code, out := send(t, s, tok, "POST", "/v1/workers", body)
		require.Equal(t, 201, code, out)
		var w worker
		require.NoError(t, json.Unmarshal([]byte(out), &w))
		assert.Regexp(t, `^wrk_[A-Za-z0-9]{16}$`, w.ID)
		assert.JSONEq(t, `{"id":"`+w.ID+`",`+body[1:], out)
		ids = append(ids, w.ID)
	}

	code, out := send(t, s, tok, "GET", "/v1/workers/"+ids[0], "")
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"id":"`+ids[0]+`","name":"Ana","salary":1300000}`, out)

	code, out = send(t, s, tok, "PATCH", "/v1/workers/"+ids[1], `{"salary":1450000}`)
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"id":"`+ids[1]+`","name":"Beto","salary":1450000}`, out)

	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", ids},
		{"?limit=2", ids[:2]},
		{"?limit=2&page=2", ids[2:]},
		{"?after=" + ids[1], ids[2:]},
	} {
		code, out = send(t, s, tok, "GET", "/v1/workers"+tt.query, "")
		require.Equal(t, 200, code, tt.query)
		var page struct{ Data []worker }
		require.NoError(t, json.Unmarshal([]byte(out), &page))
		var got []string
		for _, w := range page.Data {
			got = append(got, w.ID)
		}
		assert.Equal(t, tt.want, got, tt.query)
	}

	code, out = send(t, s, tok, "DELETE", "/v1/workers/"+ids[2], "")
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"id":"`+ids[2]+`","name":"Carla","salary":1500000}`, out)

	// Nominapp names the resource, not the id.
	const notFound = `{"error":[{"message":"no existe","code":"0011","object":"worker","index":0}]}`
	for _, tt := range []struct {
		name, token, method, path, body string
		status                          int
		want                            string
	}{
		{"every refused field at once", tok, "POST", "/v1/workers", `{"salary":0}`, 422,
			`{"error":[{"message":"no puede estar en blanco","code":"0002","object":"name","index":0},{"message":"debe ser mayor que 0","code":"0010","object":"salary","index":0}]}`},
		{"a key not taken", tok, "POST", "/v1/workers", `{"name":"Ana","salary":1,"nit":"9"}`, 422,
			`{"error":[{"message":"no es un parámetro permitido","code":"0009","object":"nit","index":0}]}`},
		{"a body that is not JSON", tok, "POST", "/v1/workers", `{"name":`, 400,
			`{"error":[{"message":"el cuerpo no es JSON válido","code":"0010","object":"body","index":0}]}`},
		{"an update's rule", tok, "PATCH", "/v1/workers/" + ids[0], `{"salary":-1}`, 422,
			`{"error":[{"message":"debe ser mayor que 0","code":"0010","object":"salary","index":0}]}`},
		{"a bad page size", tok, "GET", "/v1/workers?limit=-1", "", 422,
			`{"error":[{"message":"limit must be a non-negative integer","code":"0010","object":"limit","index":0}]}`},
		{"get of an unknown id", tok, "GET", "/v1/workers/wrk_nope", "", 404, notFound},
		{"get of a deleted one", tok, "GET", "/v1/workers/" + ids[2], "", 404, notFound},
		{"update of an unknown id", tok, "PATCH", "/v1/workers/wrk_nope", `{"salary":5}`, 404, notFound},
		{"delete of an unknown id", tok, "DELETE", "/v1/workers/wrk_nope", "", 404, notFound},
		{"no session", "", "GET", "/v1/workers/" + ids[0], "", 401,
			`{"error":[{"message":"La sesión no es válida o expiró","code":"0401","object":"session","index":0}]}`},
		{"a method not served", tok, "PUT", "/v1/workers/" + ids[0], `{}`, 404,
			`{"error":[{"message":"no existe","code":"0011","object":"route","index":0}]}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out := send(t, s, tt.token, tt.method, tt.path, tt.body)
			assert.Equal(t, tt.status, code)
			assert.JSONEq(t, tt.want, out)
		})
	}

	// With SetWrapData an object comes in {"data": …}; a list is one already.
	s.SetWrapData(true)
	code, out = send(t, s, tok, "GET", "/v1/workers/"+ids[0], "")
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"data":{"id":"`+ids[0]+`","name":"Ana","salary":1300000}}`, out)
	code, out = send(t, s, tok, "GET", "/v1/workers?limit=1", "")
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"data":[{"id":"`+ids[0]+`","name":"Ana","salary":1300000}]}`, out)

	// The typed state the fake's own methods read.
	got, ok := workers.Get(ids[1])
	require.True(t, ok)
	assert.Equal(t, worker{ID: ids[1], Name: "Beto", Salary: 1450000}, got)
	assert.Equal(t, 2, workers.Len(), "refused requests stored nothing")
}

// TestDialectAnswersAnUnknownErrorAs500: a hook's error the dialect does
// not know is a 500 in Nominapp's shape, naming nothing of the error.
func TestDialectAnswersAnUnknownErrorAs500(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	rec := httptest.NewRecorder()
	s.dialect().Error(rec, httptest.NewRequest("POST", "/v1/workers", nil), errors.New("secret detail"))
	assert.Equal(t, 500, rec.Code)
	assert.JSONEq(t, `{"error":[{"message":"error interno","code":"0500","object":"server","index":0}]}`, rec.Body.String())
}
