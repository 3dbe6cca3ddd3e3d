package srpagotest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/srpago"
)

// coupon is a toy resource: Sr. Pago has none, the fake declares it only
// here, to show that adding a resource is one declaration.
type coupon struct {
	ID     string `json:"id"`
	Code   string `json:"code"`
	Amount int    `json:"amount"`
}

// declareCoupons is the whole of the toy resource: routes, ids, its
// validation and its update rule; the envelope, errors, paging and 404
// come from the fake's dialect.
func declareCoupons(s *Server) *fakeapi.Collection[coupon] {
	return declare(s, fakeapi.Resource[coupon]{
		Name: "coupon", Label: "Cupón", Path: "/v1/coupon", IDPrefix: "cpn_",
		ID:           func(c *coupon) string { return c.ID },
		Serve:        fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		UpdateMethod: "PUT", CreateStatus: 200,
		Create: func(c *fakeapi.Call) (*coupon, error) {
			var in coupon
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			if in.Code == "" {
				return nil, &fakeapi.ParamError{Field: "code", Message: "code es obligatorio"}
			}
			return &coupon{ID: c.NewID(), Code: in.Code, Amount: in.Amount}, nil
		},
		Update: func(c *fakeapi.Call) (func(*coupon) error, error) {
			var in struct{ Amount *int }
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			return func(v *coupon) error {
				if in.Amount != nil {
					v.Amount = *in.Amount
				}
				return nil
			}, nil
		},
	}, listing{}, nil)
}

// send makes one request to the fake and answers the status, the trace
// header and the decoded envelope.
func send(t *testing.T, s *Server, method, path, body string) (int, string, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	req.SetBasicAuth(AppKey, AppSecret)
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, resp.Header.Get(srpago.RequestIDHeader), out
}

func envelopeError(code, msg string) map[string]any {
	return map[string]any{"success": false, "error": map[string]any{"code": code, "message": msg, "description": msg}}
}

// TestAddingAResourceIsOneDeclaration: a toy resource declared in the
// fake's dialect answers create, get, list with paging, update, delete
// and its errors in Sr. Pago's shapes, over HTTP.
func TestAddingAResourceIsOneDeclaration(t *testing.T) {
	t.Parallel()
	s := NewServer()
	defer s.Close()
	coupons := declareCoupons(s)

	var ids []string
	for _, code := range []string{"A", "B", "C"} {
		status, reqID, out := send(t, s, "POST", "/v1/coupon", `{"code":"`+code+`","amount":10}`)
		require.Equal(t, 200, status, out)
		assert.Regexp(t, `^req[0-9]+/fake$`, reqID, "the dialect's trace header")
		assert.Equal(t, true, out["success"])
		res := out["result"].(map[string]any)
		id := res["id"].(string)
		assert.Regexp(t, `^cpn_[A-Za-z0-9]{16}$`, id)
		assert.Equal(t, map[string]any{"id": id, "code": code, "amount": float64(10)}, res)
		ids = append(ids, id)
	}

	status, _, out := send(t, s, "GET", "/v1/coupon/"+ids[1], "")
	assert.Equal(t, 200, status)
	assert.Equal(t, map[string]any{"success": true, "result": map[string]any{"id": ids[1], "code": "B", "amount": float64(10)}}, out)

	status, _, out = send(t, s, "GET", "/v1/coupon?limit=1&offset=1", "")
	assert.Equal(t, 200, status)
	assert.Equal(t, []any{map[string]any{"id": ids[1], "code": "B", "amount": float64(10)}}, out["result"],
		"a bare array, paged by limit and offset")
	_, _, out = send(t, s, "GET", "/v1/coupon?offset=2", "")
	assert.Len(t, out["result"], 1)

	status, _, out = send(t, s, "PUT", "/v1/coupon/"+ids[0], `{"amount":25}`)
	assert.Equal(t, 200, status)
	assert.Equal(t, map[string]any{"id": ids[0], "code": "A", "amount": float64(25)}, out["result"])
	got, ok := coupons.Get(ids[0])
	require.True(t, ok)
	assert.Equal(t, 25, got.Amount, "the typed state sees the update")

	status, _, out = send(t, s, "DELETE", "/v1/coupon/"+ids[2], "")
	assert.Equal(t, 200, status)
	assert.Equal(t, map[string]any{"success": true, "result": map[string]any{"id": ids[2]}}, out)
	assert.Equal(t, 2, coupons.Len())

	tests := []struct {
		name, method, path, body string
		status                   int
		want                     map[string]any
	}{
		{"get deleted", "GET", "/v1/coupon/" + ids[2], "", 404, envelopeError("NotFoundException", "Cupón no encontrado")},
		{"update unknown", "PUT", "/v1/coupon/cpn_nope", `{"amount":1}`, 404, envelopeError("NotFoundException", "Cupón no encontrado")},
		{"delete unknown", "DELETE", "/v1/coupon/cpn_nope", "", 404, envelopeError("NotFoundException", "Cupón no encontrado")},
		{"create without code", "POST", "/v1/coupon", `{"amount":1}`, 500, envelopeError(srpago.CodeInvalidParam, "code es obligatorio")},
		{"create malformed", "POST", "/v1/coupon", `{"code":`, 500, envelopeError(srpago.CodeInvalidParam, "JSON inválido")},
		{"list bad limit", "GET", "/v1/coupon?limit=-1", "", 500,
			envelopeError(srpago.CodeInvalidParam, "limit y offset deben ser enteros positivos")},
		{"unserved method", "PATCH", "/v1/coupon/" + ids[0], `{}`, 404, envelopeError("InvalidServiceException", "El servicio no existe")},
	}
	for _, tt := range tests {
		status, _, out := send(t, s, tt.method, tt.path, tt.body)
		assert.Equal(t, tt.status, status, tt.name)
		assert.Equal(t, tt.want, out, tt.name)
	}
	assert.Equal(t, 2, coupons.Len(), "nothing refused changed the state")
}

// TestAPIErrorAnswers: the dialect answers a hook's refusal in Sr.
// Pago's error object with its bank detail, and an error of the fake's
// own as a 500 naming the fake.
func TestAPIErrorAnswers(t *testing.T) {
	t.Parallel()
	s := NewServer()
	defer s.Close()
	d := s.dialect()
	for _, tt := range []struct {
		err  error
		want string
	}{
		{refused(srpago.CodeSwitch, "repetida"), `{"success":false,"error":{"code":"SwitchException","message":"repetida","description":"repetida"}}`},
		{&apiError{code: srpago.CodePayment, msg: "declinada", detail: &detail{Code: "51", Message: "fondos", Status: 500}},
			`{"success":false,"error":{"code":"PaymentException","message":"declinada","description":"declinada",` +
				`"detail":{"code":"51","message":"fondos","http_status_code":500}}}`},
		{io.ErrUnexpectedEOF, `{"success":false,"error":{"code":"InternalServerError","message":"srpagotest: unexpected EOF",` +
			`"description":"srpagotest: unexpected EOF"}}`},
	} {
		rec := httptest.NewRecorder()
		d.Error(rec, httptest.NewRequest("GET", "/v1/x", nil), tt.err)
		assert.Equal(t, 500, rec.Code)
		assert.JSONEq(t, tt.want, rec.Body.String())
		assert.NotEmpty(t, rec.Header().Get(srpago.RequestIDHeader))
	}
}
