package cubotest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// customer is the toy resource TestOneDeclarationServesAResource adds.
type customer struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Email    string            `json:"email,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// send sends body ("" for none) to the fake, with the test key when key,
// and returns the status and the raw answer.
func send(t *testing.T, s *Server, method, path, body string, key bool) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	if key {
		req.Header.Set("X-API-KEY", APIKey)
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
// declaration with its own rules (a required name, here); it is served
// over HTTP with Cubo's key, NestJS's error envelope (a list of messages
// for validation, 422 for an unknown field, 404 "<Label> not found") and
// the scaffold's paging, and its state is typed.
func TestOneDeclarationServesAResource(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	customers := fakeapi.Declare(s.Server, dialect(), fakeapi.Resource[customer]{
		Name: "customer", Label: "Customer", Path: "/api/v1/customers", IDPrefix: "cus_",
		ID:    func(c *customer) string { return c.ID },
		Serve: fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create: func(c *fakeapi.Call) (*customer, error) {
			var f struct {
				Name, Email json.RawMessage
				Metadata    map[string]string
			}
			if err := c.Decode(&f); err != nil {
				return nil, err
			}
			var ck checker
			out := &customer{ID: c.NewID(), Metadata: f.Metadata}
			out.Name = ck.str("name", f.Name, true)
			out.Email = ck.str("email", f.Email, false)
			return out, ck.err()
		},
		Update: func(c *fakeapi.Call) (func(*customer) error, error) {
			var f struct{ Email json.RawMessage }
			if err := c.Decode(&f); err != nil {
				return nil, err
			}
			var ck checker
			email := ck.str("email", f.Email, true)
			return func(v *customer) error { v.Email = email; return nil }, ck.err()
		},
		Metadata: func(c *customer, key string) (string, bool) { v, ok := c.Metadata[key]; return v, ok },
	})

	code, body := send(t, s, "POST", "/api/v1/customers", `{"name":"Ana","metadata":{"order":"O-1"}}`, true)
	require.Equal(t, 201, code, body)
	var made customer
	require.NoError(t, json.Unmarshal([]byte(body), &made))
	assert.Regexp(t, `^cus_[A-Za-z0-9]{16}$`, made.ID)
	assert.JSONEq(t, `{"id":"`+made.ID+`","name":"Ana","metadata":{"order":"O-1"}}`, body)
	var ids = []string{made.ID}
	for _, name := range []string{"Beto", "Carla"} {
		code, body = send(t, s, "POST", "/api/v1/customers", `{"name":"`+name+`"}`, true)
		require.Equal(t, 201, code, body)
		var c customer
		require.NoError(t, json.Unmarshal([]byte(body), &c))
		ids = append(ids, c.ID)
	}

	code, body = send(t, s, "GET", "/api/v1/customers/"+ids[0], "", true)
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"id":"`+ids[0]+`","name":"Ana","metadata":{"order":"O-1"}}`, body)

	code, body = send(t, s, "PATCH", "/api/v1/customers/"+ids[1], `{"email":"b@example.com"}`, true)
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"id":"`+ids[1]+`","name":"Beto","email":"b@example.com"}`, body)

	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", ids},
		{"?limit=2", ids[:2]},
		{"?limit=2&offset=2", ids[2:]},
		{"?after=" + ids[0], ids[1:]},
		{"?before=" + ids[2] + "&limit=1", ids[1:2]},
	} {
		code, body = send(t, s, "GET", "/api/v1/customers"+tt.query, "", true)
		require.Equal(t, 200, code, tt.query)
		var page struct{ Data []customer }
		require.NoError(t, json.Unmarshal([]byte(body), &page))
		var got []string
		for _, c := range page.Data {
			got = append(got, c.ID)
		}
		assert.Equal(t, tt.want, got, tt.query)
	}

	code, body = send(t, s, "DELETE", "/api/v1/customers/"+ids[2], "", true)
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"id":"`+ids[2]+`","name":"Carla"}`, body)

	for _, tt := range []struct {
		name, method, path, body string
		key                      bool
		status                   int
		want                     string
	}{
		{"a required field", "POST", "/api/v1/customers", `{"email":7}`, true, 400,
			`{"statusCode":400,"message":["name should not be empty","email must be a string"],"error":"Bad Request"}`},
		{"an unknown field", "POST", "/api/v1/customers", `{"name":"Ana","phone":"1"}`, true, 422,
			`{"statusCode":422,"message":["property phone should not exist"],"error":"Unprocessable Entity"}`},
		{"a body that is not JSON", "POST", "/api/v1/customers", `{"name":`, true, 400,
			`{"statusCode":400,"message":"Unexpected token in JSON body","error":"Bad Request"}`},
		{"an update's rule", "PATCH", "/api/v1/customers/" + ids[0], `{}`, true, 400,
			`{"statusCode":400,"message":["email should not be empty"],"error":"Bad Request"}`},
		{"a bad page size", "GET", "/api/v1/customers?limit=x", "", true, 400,
			`{"statusCode":400,"message":["limit must be a non-negative integer"],"error":"Bad Request"}`},
		{"get of an unknown id", "GET", "/api/v1/customers/cus_nope", "", true, 404,
			`{"statusCode":404,"message":"Customer not found","error":"Not Found"}`},
		{"get of a deleted one", "GET", "/api/v1/customers/" + ids[2], "", true, 404,
			`{"statusCode":404,"message":"Customer not found","error":"Not Found"}`},
		{"update of an unknown id", "PATCH", "/api/v1/customers/cus_nope", `{"email":"x@y.z"}`, true, 404,
			`{"statusCode":404,"message":"Customer not found","error":"Not Found"}`},
		{"delete of an unknown id", "DELETE", "/api/v1/customers/cus_nope", "", true, 404,
			`{"statusCode":404,"message":"Customer not found","error":"Not Found"}`},
		{"no key", "GET", "/api/v1/customers/" + ids[0], "", false, 401,
			`{"statusCode":401,"message":"Unauthorized"}`},
		{"a method not served", "PUT", "/api/v1/customers/" + ids[0], `{}`, true, 404,
			`{"statusCode":404,"message":"Cannot PUT /api/v1/customers/` + ids[0] + `","error":"Not Found"}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body := send(t, s, tt.method, tt.path, tt.body, tt.key)
			assert.Equal(t, tt.status, code)
			assert.JSONEq(t, tt.want, body)
		})
	}

	// The typed state the fake's own methods read.
	got, ok := customers.Get(ids[1])
	require.True(t, ok)
	assert.Equal(t, customer{ID: ids[1], Name: "Beto", Email: "b@example.com"}, got)
	assert.Equal(t, []customer{{ID: ids[0], Name: "Ana", Metadata: map[string]string{"order": "O-1"}}}, customers.WithMetadata("order", "O-1"))
	assert.Equal(t, 2, customers.Len(), "refused requests stored nothing")
}

// TestDialectAnswersAnUnknownErrorAs500: a hook's error the dialect does
// not know is NestJS's 500, not a validation refusal.
func TestDialectAnswersAnUnknownErrorAs500(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	dialect().Error(rec, httptest.NewRequest("POST", "/api/v1/customers", nil), errors.New("a bug"))
	assert.Equal(t, 500, rec.Code)
	assert.JSONEq(t, `{"statusCode":500,"message":"Internal server error"}`, rec.Body.String())
	rec = httptest.NewRecorder()
	dialect().Error(rec, httptest.NewRequest("POST", "/api/v1/customers", nil), fmt.Errorf("wrapped: %w", invalid{"a", "b"}))
	assert.Equal(t, 400, rec.Code)
	assert.JSONEq(t, `{"statusCode":400,"message":["a","b"],"error":"Bad Request"}`, rec.Body.String())
}
