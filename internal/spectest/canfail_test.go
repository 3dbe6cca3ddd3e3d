package spectest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	df "github.com/latampay/latampay-go/digitalfemsa"
)

// These tests prove each check can fail: they feed it a known defect and
// assert it is caught, and feed it the same input without the defect and
// assert it is not.

func routeOf(t *testing.T, c *Checker, method, path string) (*Spec, Operation) {
	t.Helper()
	s, rt, _, ok := c.Route(method, path)
	require.True(t, ok, "%s %s has no route", method, path)
	return s, OperationOf(rt)
}

func generatedBody(t *testing.T, c *Checker, method, path string) any {
	t.Helper()
	_, rt, _, ok := c.Route(method, path)
	require.True(t, ok)
	_, _, bodies := ResponseBodies(rt, http.StatusOK)
	for _, b := range bodies {
		if b.Label == "generated#0" {
			return b.Value
		}
	}
	t.Fatalf("no generated body for %s %s", method, path)
	return nil
}

func TestCanFailDroppedField(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	body := generatedBody(t, c, "GET", "/customers/cus_1")

	// A type that keeps id and email but drops name, and renames phone.
	type partialCustomer struct {
		ID     string `json:"id"`
		Email  string `json:"email"`
		Mobile string `json:"mobile"`
	}
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	var pc partialCustomer
	require.NoError(t, json.Unmarshal(raw, &pc))
	var p struct{ Phone string }
	require.NoError(t, json.Unmarshal(raw, &p))
	pc.Mobile = p.Phone
	drops, err := Dropped(body, &pc)
	require.NoError(t, err)
	names := map[string]Drop{}
	for _, d := range drops {
		names[d.Name()] = d
	}
	assert.Contains(t, names, "partialCustomer.name")
	assert.Equal(t, "mobile", names["partialCustomer.phone"].RenamedTo, "a renamed field is told apart")
	assert.NotContains(t, names, "partialCustomer.id")
	assert.NotContains(t, names, "partialCustomer.email")

	// A nested drop names the nested type: the SDK's Charge lacks a field
	// the generated order has.
	order := generatedBody(t, c, "GET", "/orders/ord_1")
	m := order.(map[string]any)
	ch := m["charges"].(map[string]any)["data"].([]any)[0].(map[string]any)
	ch["spec_only_field"] = "x"
	raw, err = json.Marshal(order)
	require.NoError(t, err)
	var o df.Order
	require.NoError(t, json.Unmarshal(raw, &o))
	drops, err = Dropped(order, &o)
	require.NoError(t, err)
	var got []string
	for _, d := range drops {
		got = append(got, d.Name())
	}
	assert.Contains(t, got, "Charge.spec_only_field")

	// A value that keeps everything drops nothing.
	var all map[string]any
	require.NoError(t, json.Unmarshal(raw, &all))
	drops, err = Dropped(order, all)
	require.NoError(t, err)
	assert.Empty(t, drops)
}

func TestCanFailUnknownQueryParameter(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	check := func(method, target, body string) Problems {
		r := httptest.NewRequest(method, target, strings.NewReader(body))
		r.SetBasicAuth("key_x", "")
		if body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		_, p := c.CheckRequest(r, []byte(body))
		return p
	}
	assert.Empty(t, check("GET", "/customers?limit=5&search=ana", "").Violations)
	assert.Contains(t, check("GET", "/customers?limit=5&spec_bogus=1", "").Violations, `unknown query parameter "spec_bogus"`)
	// A bad declared parameter, an unknown body field, a missing required
	// field and a wrong type are caught too.
	assert.NotEmpty(t, check("GET", "/customers?limit=0", "").Violations)
	ok := `{"name":"Ana","email":"ana@example.mx"}`
	assert.Empty(t, check("POST", "/customers", ok).Violations)
	assert.Contains(t, check("POST", "/customers", `{"name":"Ana","email":"ana@example.mx","spec_bogus":1}`).Violations,
		"request body field spec_bogus is not in the spec")
	assert.NotEmpty(t, check("POST", "/customers", `{"name":"Ana"}`).Violations)
	assert.NotEmpty(t, check("POST", "/customers", `{"name":"Ana","email":"ana@example.mx","corporate":"yes"}`).Violations)
	// An undeclared optional header is told apart.
	r := httptest.NewRequest("GET", "/balance", nil)
	r.SetBasicAuth("key_x", "")
	r.Header.Set("X-Child-Company-Id", "6441b6376b60c3a638da80af")
	_, p := c.CheckRequest(r, nil)
	assert.NotEmpty(t, p.UndeclaredHeaders)
	// An operation the spec does not have.
	assert.NotEmpty(t, check("GET", "/spec_nowhere", "").Violations)

	// End to end through the recording server.
	srv := NewServer(c)
	defer srv.Close()
	req, err := http.NewRequest("GET", srv.URL+"/orders?spec_bogus=1", nil)
	require.NoError(t, err)
	req.SetBasicAuth("key_x", "")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	exs := srv.Take()
	require.Len(t, exs, 1)
	assert.Contains(t, exs[0].Problems.Violations, `unknown query parameter "spec_bogus"`)
}

func TestCanFailWrongResponse(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	_, op := routeOf(t, c, "GET", "/customers/cus_1")
	assert.Equal(t, "getCustomerById", op.ID)
	good, err := json.Marshal(generatedBody(t, c, "GET", "/customers/cus_1"))
	require.NoError(t, err)

	// A fake that answers what the test tells it to.
	var status int
	var ct, body string
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	defer fake.Close()
	get := func(s int, contentType, b string) []Finding {
		status, ct, body = s, contentType, b
		rec := &Recorder{Checker: c}
		hc := &http.Client{Transport: rec}
		resp, err := hc.Get(fake.URL + "/customers/cus_1")
		require.NoError(t, err)
		_ = resp.Body.Close()
		return rec.Findings()
	}
	assert.Empty(t, get(200, dfMediaType, string(good)), "a schema-valid answer")
	assert.NotEmpty(t, get(200, dfMediaType, `{"id":5,"object":"customer"}`), "a wrong type, missing required fields")
	var m map[string]any
	require.NoError(t, json.Unmarshal(good, &m))
	m["spec_bogus"] = 1
	extra, err := json.Marshal(m)
	require.NoError(t, err)
	fs := get(200, dfMediaType, string(extra))
	require.Len(t, fs, 1)
	assert.Equal(t, "response body field spec_bogus is not in the spec", fs[0].Message)
	assert.NotEmpty(t, get(428, dfMediaType, `{"object":"error","type":"precondition_required_error","details":[]}`), "an undocumented status")
	assert.NotEmpty(t, get(200, "text/html", string(good)), "a wrong content type")

	// Through an SDK client, as TestFake uses it: a wrong answer the SDK
	// accepts is still caught.
	rec := &Recorder{Checker: c}
	client, err := df.NewClient("key_x", df.WithBaseURL(fake.URL), df.WithMaxRetries(0),
		df.WithHTTPClient(&http.Client{Transport: rec}))
	require.NoError(t, err)
	status, ct, body = 200, dfMediaType, string(good)
	_, err = client.Customers.Get(context.Background(), "cus_1")
	require.NoError(t, err)
	assert.Empty(t, rec.Findings())
	body = `{"id":"cus_1","object":"customer","livemode":"no"}`
	_, _ = client.Customers.Get(context.Background(), "cus_1")
	assert.NotEmpty(t, rec.Findings())
}

// A known spec error excuses only its own operation and message.
func TestKnownSpecErrorIsNarrow(t *testing.T) {
	t.Parallel()
	assert.NotEmpty(t, KnownSpecError("UpdateCustomerFiscalEntities", "at /metadata/k: value must be an object"))
	assert.Empty(t, KnownSpecError("CreateCustomerFiscalEntities", "at /metadata/k: value must be an object"))
	assert.Empty(t, KnownSpecError("UpdateCustomerFiscalEntities", "at /email: value must be a string"))
	// So does a field the SDK leaves optional.
	assert.NotEmpty(t, OptionalBySDKReason("createPayoutOrder", `at /expires_at: property "expires_at" is missing`))
	assert.Empty(t, OptionalBySDKReason("createPayoutOrder", `at /reason: property "reason" is missing`))
	assert.Empty(t, OptionalBySDKReason("createOrder", `at /expires_at: property "expires_at" is missing`))
}

type recordingReporter struct{ errors, logs []string }

func (r *recordingReporter) Helper() {}
func (r *recordingReporter) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recordingReporter) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

// A gap is a log line by default and a failure in strict mode, with the
// same greppable text.
func TestGapFailsOnlyWhenStrict(t *testing.T) {
	t.Parallel()
	var r recordingReporter
	report(&r, false, "dropped field %s", "Order.channel")
	assert.Equal(t, []string{"spec: dropped field Order.channel"}, r.logs)
	assert.Empty(t, r.errors)
	r = recordingReporter{}
	report(&r, true, "dropped field %s", "Order.channel")
	assert.Equal(t, []string{"spec: dropped field Order.channel"}, r.errors)
	assert.Empty(t, r.logs)
}

// A documented null that a type cannot hold is caught: a plain field and an
// omitempty one (whose encoding leaves the key out) both count, a pointer
// does not; and nullable fields inside a nullable object are reached.
func TestCanFailNullLost(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	_, rt, _, ok := c.Route("GET", "/customers/cus_1")
	require.True(t, ok)
	schema, _, _ := ResponseBodies(rt, http.StatusOK)
	body := GenerateNulls(schema)
	require.Nil(t, body.(map[string]any)["default_fiscal_entity_id"], "the spec makes it nullable")
	raw, err := json.Marshal(body)
	require.NoError(t, err)

	type stringCustomer struct {
		ID                       string `json:"id"`
		DefaultFiscalEntityID    string `json:"default_fiscal_entity_id"`
		DefaultShippingContactID string `json:"default_shipping_contact_id,omitempty"`
	}
	var sc stringCustomer
	require.NoError(t, json.Unmarshal(raw, &sc))
	drops, err := Dropped(body, &sc)
	require.NoError(t, err)
	nullAs := map[string]any{}
	for _, d := range drops {
		if d.NullAs != nil {
			nullAs[d.Name()] = d.NullAs
		}
	}
	assert.Equal(t, "", nullAs["stringCustomer.default_fiscal_entity_id"])
	assert.Equal(t, "", nullAs["stringCustomer.default_shipping_contact_id"], "omitempty hides no null")

	var cus df.Customer
	require.NoError(t, json.Unmarshal(raw, &cus))
	drops, err = Dropped(body, &cus)
	require.NoError(t, err)
	nullAs = map[string]any{}
	for _, d := range drops {
		if d.NullAs != nil {
			nullAs[d.Name()] = d.NullAs
		}
	}
	assert.NotContains(t, nullAs, "Customer.default_fiscal_entity_id", "a pointer keeps the null")
	assert.NotContains(t, nullAs, "Customer.default_shipping_contact_id")
	assert.Contains(t, nullAs, "Customer.name", "the contract's string, an exception")

	// Leaf nulls keep a nullable object and null what is inside it.
	_, rt, _, ok = c.Route("GET", "/orders/ord_1")
	require.True(t, ok)
	schema, _, _ = ResponseBodies(rt, http.StatusOK)
	order, _ := GenerateLeafNulls(schema, 0)
	contact, isMap := order.(map[string]any)["shipping_contact"].(map[string]any)
	require.True(t, isMap, "a nullable object is kept")
	require.Contains(t, contact, "between_streets")
	require.Nil(t, contact["between_streets"])
	type stringContact struct {
		BetweenStreets string `json:"between_streets"`
	}
	type orderWithStringContact struct {
		ShippingContact *stringContact `json:"shipping_contact"`
	}
	raw, err = json.Marshal(order)
	require.NoError(t, err)
	var o orderWithStringContact
	require.NoError(t, json.Unmarshal(raw, &o))
	drops, err = Dropped(order, &o)
	require.NoError(t, err)
	var lost []string
	for _, d := range drops {
		if d.NullAs != nil {
			lost = append(lost, d.Path)
		}
	}
	assert.Contains(t, lost, "shipping_contact.between_streets")
}

// A null lost beyond the contract's exceptions fails, whatever the mode;
// an exception that no longer occurs fails too; the exceptions print as a
// table.
func TestCanFailNullJudgement(t *testing.T) {
	t.Parallel()
	all := map[string]string{}
	for name := range ContractNulls {
		all[name] = "at x"
	}
	var r recordingReporter
	judgeNulls(&r, all)
	assert.Empty(t, r.errors, "the exceptions alone pass")
	assert.Contains(t, r.logs, fmt.Sprintf("spec: null exceptions pinned by the API contract (%d):", len(ContractNulls)))
	assert.Contains(t, r.logs, "spec:   null kept as zero Customer.name: "+ContractNulls["Customer.name"]+"; at x")
	assert.Contains(t, r.logs, fmt.Sprintf("spec: null lost 0 documented nullable fields beyond the %d pinned by the API contract", len(ContractNulls)))

	found := map[string]string{"Charge.failure_code": "at charges.data[].failure_code"}
	for name := range ContractNulls {
		if name != "ErrorDetail.param" {
			found[name] = "at x"
		}
	}
	r = recordingReporter{}
	judgeNulls(&r, found)
	assert.ElementsMatch(t, []string{
		"spec: null lost Charge.failure_code: at charges.data[].failure_code",
		"spec: stale null exception ErrorDetail.param: no body loses its null any more; remove it from ContractNulls",
	}, r.errors)
	assert.Contains(t, r.logs, fmt.Sprintf("spec: null lost 1 documented nullable fields beyond the %d pinned by the API contract", len(ContractNulls)))
}
