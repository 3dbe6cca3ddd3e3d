package spectest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Checker validates requests and responses against DigitalFemsa's spec,
// and payout-order ones against Conekta's.
type Checker struct {
	// DF is DigitalFemsa's document.
	DF *Spec
	// CK is Conekta's document; only its /payout_orders operations are
	// used.
	CK *Spec
}

// PayoutPath reports whether path belongs to Conekta's payout orders.
func PayoutPath(path string) bool {
	return path == "/payout_orders" || strings.HasPrefix(path, "/payout_orders/")
}

// Route finds the operation of a request in the spec that documents it.
func (c *Checker) Route(method, escapedPath string) (*Spec, *routers.Route, map[string]string, bool) {
	s := c.DF
	if PayoutPath(escapedPath) {
		s = c.CK
	}
	rt, params, ok := s.Find(method, escapedPath)
	return s, rt, params, ok
}

// Problems found in one request or response.
type Problems struct {
	// Violations break the spec: a bad parameter, header or body, an
	// unknown query parameter or body field, an undocumented status.
	Violations []string
	// UndeclaredHeaders are optional headers the spec does not declare on
	// this operation (X-Child-Company-Id, Accept-Language).
	UndeclaredHeaders []string
}

// Empty reports whether nothing was found.
func (p Problems) Empty() bool { return len(p.Violations) == 0 && len(p.UndeclaredHeaders) == 0 }

// dfMediaType is the content type of DigitalFemsa's answers.
const dfMediaType = "application/vnd.app-v2.1.0+json"

// PayoutExtensions are payout-order fields DigitalFemsa documents outside
// Conekta's spec, with the source; answers may carry them.
var PayoutExtensions = map[string]string{
	"reference":               "the cash-out code, in DigitalFemsa's cash-out guide's response",
	"payouts[].payout_method": "in the response example of Conekta's cash-out docs",
}

// KnownSpecErrors are request violations that come from an error in the
// spec itself, by operation id and message prefix, with the reason; they
// are reported, never failed on.
var KnownSpecErrors = []struct{ OperationID, Prefix, Reason string }{
	{"UpdateCustomerFiscalEntities", "at /metadata/", "the spec types this one metadata's values as objects; everywhere else (the same entity's create included) they are strings"},
}

// ContractNulls are documented-nullable response fields ("Type.field")
// that the published API contract of this release fixes as plain strings,
// with the reason: a null arrives there as "". Every other nullable field
// must keep its null (a pointer); an entry that no longer occurs fails, so
// the table cannot go stale.
var ContractNulls = map[string]string{
	"Customer.name":     "pinned by the API contract: Customer{ID, Name, Email, Phone string}",
	"Customer.email":    "pinned by the API contract: Customer{ID, Name, Email, Phone string}",
	"Customer.phone":    "pinned by the API contract: Customer{ID, Name, Email, Phone string}",
	"ErrorDetail.param": "pinned by the API contract: ErrorDetail{Code, Param, Message, DebugMessage string}",
}

// UndocumentedNotFound are operations whose spec documents no status for a
// missing object (only 401 and 500): the fake answers the API's 404, which
// a client reads as "no such object", where either documented status would
// mislead (a bad key, a server failure).
var UndocumentedNotFound = map[string]bool{
	"GET /transfers/{id}":             true,
	"GET /orders/{id}/discount_lines": true,
}

// OptionalBySDK are fields a spec requires that the SDK leaves optional on
// the evidence of the provider's own guide, by operation id and violation
// prefix, with the reason; a request with only the required params may
// lack them. They are reported, never failed on.
var OptionalBySDK = []struct{ OperationID, Prefix, Reason string }{
	{"createPayoutOrder", `at /expires_at: property "expires_at" is missing`,
		"Conekta's spec requires expires_at since 2026-03; DigitalFemsa's cash-out guide neither sends nor lists it, and the API sets it (PayoutOrderParams.ExpiresAt documents this)"},
}

// OptionalBySDKReason returns the reason when a violation of operation
// opID sent with minimal params is a field the SDK leaves optional on
// purpose, or "".
func OptionalBySDKReason(opID, violation string) string {
	for _, k := range OptionalBySDK {
		if k.OperationID == opID && strings.HasPrefix(violation, k.Prefix) {
			return k.Reason
		}
	}
	return ""
}

// KnownSpecError returns the reason when a violation of operation opID is
// a known error of the spec, or "".
func KnownSpecError(opID, violation string) string {
	for _, k := range KnownSpecErrors {
		if k.OperationID == opID && strings.HasPrefix(violation, k.Prefix) {
			return k.Reason
		}
	}
	return ""
}

// optionalHeaders are the headers the SDK may add that a spec declares per
// operation.
var optionalHeaders = []string{"Accept-Language", "X-Child-Company-Id"}

func schemaMessage(e *openapi3.SchemaError) string {
	p := "/" + strings.Join(e.JSONPointer(), "/")
	return fmt.Sprintf("at %s: %s", p, e.Reason)
}

func options() *openapi3filter.Options {
	o := &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
		RegexCompiler:         CompileRegex,
		AuthenticationFunc:    authenticate,
	}
	o.WithCustomSchemaErrorFunc(schemaMessage)
	return o
}

// authenticate accepts the two documented forms of the private key: the
// spec's Bearer and the docs' Basic (key as user name, empty password).
func authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	if strings.HasPrefix(h, "Bearer ") || strings.HasPrefix(h, "Basic ") {
		return nil
	}
	return errors.New("no Bearer or Basic Authorization header")
}

// oneLine flattens a (multi) error into one line per cause.
func oneLine(err error) []string {
	var me openapi3.MultiError
	if errors.As(err, &me) && len(me) > 0 {
		var out []string
		for _, e := range me {
			out = append(out, oneLine(e)...)
		}
		return out
	}
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		var inner openapi3.MultiError
		if errors.As(re.Err, &inner) && len(inner) > 1 {
			prefix := "request body"
			if re.Parameter != nil {
				prefix = re.Parameter.In + " parameter " + re.Parameter.Name
			}
			var out []string
			for _, e := range inner {
				for _, l := range oneLine(e) {
					out = append(out, prefix+": "+l)
				}
			}
			return out
		}
	}
	var rse *openapi3filter.ResponseError
	if errors.As(err, &rse) {
		var inner openapi3.MultiError
		if errors.As(rse.Err, &inner) && len(inner) > 1 {
			var out []string
			for _, e := range inner {
				for _, l := range oneLine(e) {
					out = append(out, "response body: "+l)
				}
			}
			return out
		}
	}
	return []string{strings.Join(strings.Fields(err.Error()), " ")}
}

// declaredParams returns the names of the route's parameters in "in".
func declaredParams(rt *routers.Route, in string) map[string]bool {
	out := map[string]bool{}
	for _, ps := range []openapi3.Parameters{rt.PathItem.Parameters, rt.Operation.Parameters} {
		for _, p := range ps {
			if p.Value != nil && p.Value.In == in {
				out[strings.ToLower(p.Value.Name)] = true
			}
		}
	}
	return out
}

// CheckRequest validates one request (its body given apart, as read) and
// returns the operation it matched.
func (c *Checker) CheckRequest(r *http.Request, body []byte) (*routers.Route, Problems) {
	var p Problems
	_, rt, params, ok := c.Route(r.Method, r.URL.EscapedPath())
	if !ok {
		p.Violations = append(p.Violations, fmt.Sprintf("no operation %s %s in the spec", r.Method, r.URL.Path))
		return nil, p
	}
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{Request: r2, PathParams: params, Route: rt, Options: options()}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		p.Violations = append(p.Violations, oneLine(err)...)
	}
	// openapi3filter ignores query parameters the operation does not
	// declare; the API is not documented to, so they are violations.
	q := declaredParams(rt, "query")
	var unknown []string
	for k := range r.URL.Query() {
		if !q[strings.ToLower(k)] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		p.Violations = append(p.Violations, fmt.Sprintf("unknown query parameter %q", k))
	}
	h := declaredParams(rt, "header")
	for _, name := range optionalHeaders {
		if r.Header.Get(name) != "" && !h[strings.ToLower(name)] {
			p.UndeclaredHeaders = append(p.UndeclaredHeaders, fmt.Sprintf("header %s is not declared on this operation", name))
		}
	}
	// The API answers 422 "whitelist" to a body field it does not know;
	// the spec's schemas mostly leave additionalProperties open, so look
	// for such fields here.
	if jsonBody(body) && rt.Operation.RequestBody != nil && rt.Operation.RequestBody.Value != nil {
		if mt := rt.Operation.RequestBody.Value.Content.Get(mediaType(r.Header.Get("Content-Type"))); mt != nil && mt.Schema != nil {
			var v any
			if err := decodeJSON(body, &v); err == nil {
				for _, f := range Undocumented(mt.Schema, v) {
					p.Violations = append(p.Violations, "request body field "+f+" is not in the spec")
				}
			}
		}
	}
	return rt, p
}

func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ct
	}
	return mt
}

// CheckResponse validates one answer to req (whose body is given apart) and
// returns its operation. Status codes the operation does not list are
// violations, and so are body fields the schema does not document.
func (c *Checker) CheckResponse(req *http.Request, reqBody []byte, status int, header http.Header, body []byte) (*routers.Route, Problems) {
	var p Problems
	spec, rt, params, ok := c.Route(req.Method, req.URL.EscapedPath())
	if !ok {
		p.Violations = append(p.Violations, fmt.Sprintf("no operation %s %s in the spec", req.Method, req.URL.Path))
		return nil, p
	}
	resp := rt.Operation.Responses.Status(status)
	if resp == nil {
		resp = rt.Operation.Responses.Default()
	}
	header = header.Clone()
	if resp != nil && resp.Value != nil && len(resp.Value.Content) > 0 {
		got := mediaType(header.Get("Content-Type"))
		if spec == c.CK && got == dfMediaType {
			// DigitalFemsa serves payout orders in its own version of
			// the media type; Conekta's spec names Conekta's.
			header.Set("Content-Type", sortedKeys(resp.Value.Content)[0])
		} else if resp.Value.Content.Get(got) == nil {
			want := sortedKeys(resp.Value.Content)
			p.Violations = append(p.Violations, fmt.Sprintf("Content-Type %q, the spec gives %s", header.Get("Content-Type"), strings.Join(want, ", ")))
			// Validate the body as the documented type anyway.
			header.Set("Content-Type", want[0])
		}
	}
	r2 := req.Clone(req.Context())
	r2.Body = io.NopCloser(bytes.NewReader(reqBody))
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r2, PathParams: params, Route: rt, Options: options()},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                options(),
	}
	if err := openapi3filter.ValidateResponse(req.Context(), in); err != nil {
		p.Violations = append(p.Violations, oneLine(err)...)
	}
	if resp != nil && resp.Value != nil && jsonBody(body) {
		if mt := resp.Value.Content.Get(header.Get("Content-Type")); mt != nil && mt.Schema != nil {
			var v any
			if err := decodeJSON(body, &v); err == nil {
				for _, f := range Undocumented(mt.Schema, v) {
					if spec == c.CK && PayoutExtensions[strings.TrimPrefix(f, "data[].")] != "" {
						continue
					}
					p.Violations = append(p.Violations, "response body field "+f+" is not in the spec")
				}
			}
		}
	}
	return rt, p
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
