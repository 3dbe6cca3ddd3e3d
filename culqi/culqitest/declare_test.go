package culqitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// call sends body (raw JSON, "" for none) to the fake with key and
// returns the status, headers and decoded answer.
func call(t *testing.T, s *Server, method, path, key, body string) (int, http.Header, object) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequestWithContext(context.Background(), method, s.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out object
	if len(b) > 0 {
		require.NoError(t, json.Unmarshal(b, &out), string(b))
	}
	return resp.StatusCode, resp.Header, out
}

// TestOneDeclarationServesAResource: adding a resource to the fake is one
// declaration - here a toy coupon, with one rule of its own (a positive
// amount) - and it is served over HTTP as Culqi serves every resource:
// its headers, error objects, list envelope and paging, metadata merge,
// delete message, authentication and unknown-route answer.
func TestOneDeclarationServesAResource(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	coupons := s.declare(fakeapi.Resource[object]{
		Name: "coupon", Label: "el cupón", Path: "/v2/coupons", IDPrefix: "cpn_test_",
		Serve: fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpUpdate | fakeapi.OpDelete,
		Create: func(c *fakeapi.Call) (*object, error) {
			b, err := body(c)
			if err != nil {
				return nil, err
			}
			amount, ok := num(b, "amount")
			if !ok || amount <= 0 {
				return nil, paramErr("amount", "El monto debe ser positivo.")
			}
			md, err := metadata(b)
			if err != nil {
				return nil, err
			}
			return &object{"object": "coupon", "id": c.NewID(), "amount": amount, "creation_date": s.nowMS(), "metadata": md}, nil
		},
		Update:  patchFields("amount"),
		Filters: filters("amount"),
	})

	code, h, first := call(t, s, "POST", "/v2/coupons", SecretKey, `{"amount":500,"metadata":{"campaign":"verano"}}`)
	require.Equal(t, 201, code, "%v", first)
	id, _ := first["id"].(string)
	assert.Regexp(t, `^cpn_test_[A-Za-z0-9]{16}$`, id)
	assert.Equal(t, contentType, h.Get("Content-Type"))
	assert.NotEmpty(t, h.Get("X-Culqi-Tracking-Id"), "Culqi's headers on every declared answer")
	assert.Equal(t, object{"object": "coupon", "id": id, "amount": 500.0, "creation_date": first["creation_date"],
		"metadata": object{"campaign": "verano"}}, first)
	code, _, second := call(t, s, "POST", "/v2/coupons", SecretKey, `{"amount":700}`)
	require.Equal(t, 201, code)
	id2, _ := second["id"].(string)

	code, _, got := call(t, s, "GET", "/v2/coupons/"+id, SecretKey, "")
	assert.Equal(t, 200, code)
	assert.Equal(t, first, got)

	code, _, got = call(t, s, "PATCH", "/v2/coupons/"+id, SecretKey, `{"amount":600,"metadata":{"lote":"7"}}`)
	assert.Equal(t, 200, code)
	assert.Equal(t, 600.0, got["amount"])
	assert.Equal(t, object{"campaign": "verano", "lote": "7"}, got["metadata"], "metadata merged key by key")

	code, _, list := call(t, s, "GET", "/v2/coupons?limit=1", SecretKey, "")
	assert.Equal(t, 200, code)
	base := s.URL + "/v2/coupons?limit=1"
	assert.Equal(t, object{"previous": base + "&before=" + id2, "next": base + "&after=" + id2,
		"cursors": object{"before": id2, "after": id2}, "remaining_items": 1.0}, list["paging"], "newest first")
	require.Len(t, list["data"], 1)
	code, _, list = call(t, s, "GET", "/v2/coupons?amount=600", SecretKey, "")
	assert.Equal(t, 200, code)
	require.Len(t, list["data"], 1, "the declared filter")
	assert.Equal(t, id, list["data"].([]any)[0].(object)["id"])
	assert.Len(t, coupons.WithMetadata("lote", "7"), 1, "typed state by metadata")

	for _, tc := range []struct {
		name, method, path, key, body string
		status                        int
		want                          object
	}{
		{"its own rule, naming the field", "POST", "/v2/coupons", SecretKey, `{"amount":0}`, 422,
			object{"object": "error", "type": "parameter_error", "code": "invalid_amount", "param": "amount",
				"merchant_message": "El monto debe ser positivo."}},
		{"metadata as Culqi checks it", "POST", "/v2/coupons", SecretKey, `{"amount":1,"metadata":[1]}`, 422,
			object{"object": "error", "type": "parameter_error", "code": "invalid_metadata", "param": "metadata",
				"merchant_message": "metadata debe ser un objeto"}},
		{"a body that is no object", "POST", "/v2/coupons", SecretKey, `null`, 400,
			object{"object": "error", "type": "invalid_request_error", "merchant_message": "El cuerpo de la petición no es un JSON válido."}},
		{"a bad limit", "GET", "/v2/coupons?limit=101", SecretKey, "", 422,
			object{"object": "error", "type": "parameter_error", "code": "invalid_limit", "param": "limit",
				"merchant_message": "El valor de limit debe estar entre 1 y 100."}},
		{"the public key", "GET", "/v2/coupons/" + id, PublicKey, "", 401,
			object{"object": "error", "type": "authentication_error", "code": "invalid_key",
				"merchant_message": "La llave de autenticación no es válida."}},
		{"an operation not declared is an unknown route", "PUT", "/v2/coupons/" + id, SecretKey, `{}`, 401,
			object{"object": "error", "type": "authentication_error",
				"merchant_message": "Ruta inválida, entérate de las rutas disponibles en la documentación."}},
		{"delete", "DELETE", "/v2/coupons/" + id, SecretKey, "", 200,
			object{"id": id, "deleted": true, "merchant_message": "Se eliminó el cupón con ID " + id + " exitosamente."}},
		{"get after delete", "GET", "/v2/coupons/" + id, SecretKey, "", 404,
			object{"object": "error", "type": "resource_error", "merchant_message": "No se encontró el cupón con ID " + id + "."}},
		{"delete after delete", "DELETE", "/v2/coupons/" + id, SecretKey, "", 404,
			object{"object": "error", "type": "resource_error", "merchant_message": "No se encontró el cupón con ID " + id + "."}},
	} {
		code, _, got := call(t, s, tc.method, tc.path, tc.key, tc.body)
		assert.Equal(t, tc.status, code, tc.name)
		assert.Equal(t, tc.want, got, tc.name)
	}
	all := coupons.All()
	require.Len(t, all, 1)
	assert.Equal(t, id2, all[0]["id"])
}

// TestListDateFilters: every list takes creation_date_from and
// creation_date_to, in Unix seconds or milliseconds, whether its objects
// are dated in milliseconds (customers) or seconds (orders).
func TestListDateFilters(t *testing.T) {
	t.Parallel()
	s := NewServer()
	t.Cleanup(s.Close)
	t1, t2 := time.Unix(1700000000, 0), time.Unix(1700086400, 0) // one day apart
	customer := `{"first_name":"Ana","last_name":"Quispe","email":"ana@example.pe","address":"Av. Larco 123",` +
		`"address_city":"Lima","country_code":"PE","phone_number":"987654321"}`
	order := func(at time.Time) string {
		return fmt.Sprintf(`{"amount":1000,"currency_code":"PEN","description":"Pedido de prueba","order_number":"n-%d",`+
			`"expiration_date":%d,"client_details":{"first_name":"Ana","last_name":"Quispe","email":"ana@example.pe","phone_number":"987654321"}}`,
			at.Unix(), at.Add(time.Hour).Unix())
	}
	ids := map[string][]string{}
	for _, at := range []time.Time{t1, t2} {
		s.SetClock(func() time.Time { return at })
		for path, body := range map[string]string{"/v2/customers": customer, "/v2/orders": order(at)} {
			code, _, out := call(t, s, "POST", path, SecretKey, body)
			require.Equal(t, 201, code, "%v", out)
			ids[path] = append(ids[path], out["id"].(string))
		}
	}
	for _, path := range []string{"/v2/customers", "/v2/orders"} {
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"", []string{ids[path][1], ids[path][0]}},
			{fmt.Sprintf("creation_date_from=%d", t2.Unix()), ids[path][1:]},
			{fmt.Sprintf("creation_date_from=%d", t2.UnixMilli()), ids[path][1:]},
			{fmt.Sprintf("creation_date_to=%d", t1.Unix()), ids[path][:1]},
			{fmt.Sprintf("creation_date_to=%d", t1.UnixMilli()), ids[path][:1]},
			{fmt.Sprintf("creation_date_from=%d&creation_date_to=%d", t1.Unix()+1, t2.Unix()-1), nil},
			{"creation_date_from=junk", []string{ids[path][1], ids[path][0]}},
		} {
			code, _, out := call(t, s, "GET", path+"?"+tc.query, SecretKey, "")
			require.Equal(t, 200, code, "%v", out)
			var got []string
			for _, o := range out["data"].([]any) {
				got = append(got, o.(object)["id"].(string))
			}
			assert.Equal(t, tc.want, got, "%s?%s", path, tc.query)
		}
	}
}
