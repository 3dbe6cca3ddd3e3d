package digitalfemsatest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/latampay/latampay-go/digitalfemsa"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// DigitalFemsa's wire conventions, written once for every declared
// resource of the fake: the versioned Accept every route demands, the
// account's request log, the strict body decoding, the error object, the
// list object with its cursors. A resource's own rules are its
// declaration; a resource that differs (a 404 answered as a 422, logs
// listed newest first) gets a copy of the dialect changed for it.

// apiError is an answer in DigitalFemsa's error shape. A declared
// resource's hook returns it; the Dialect writes it.
type apiError struct {
	status           int
	typ, code, param string
	// debug is the English debug_message; es the Spanish message, sent
	// unless the request asks for English.
	debug, es string
}

func (e *apiError) Error() string { return e.code + ": " + e.debug }

func (e *apiError) write(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, e.status, e.typ, e.code, e.param, e.debug, e.es)
}

// validationErr is the API's 422 for param, with problem ending its code
// ("missing", "invalid").
func validationErr(param, problem, debugMsg, esMsg string) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, typ: "parameter_validation_error",
		code: "femsa.errors.parameter_validation." + param + "." + problem, param: param, debug: debugMsg, es: esMsg}
}

// whitelistErr is the API's 422 for a parameter it does not take.
func whitelistErr(param string) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, typ: "parameter_validation_error",
		code: "femsa.errors.parameter_validation.whitelist", param: param,
		debug: "The parameter " + param + " is not allowed.", es: "El parámetro " + param + " no está permitido."}
}

// notFoundErr is the API's resource_not_found_error naming what and id,
// answered with status (404, or the status an operation documents
// instead).
func notFoundErr(status int, what, id string) *apiError {
	return &apiError{status: status, typ: "resource_not_found_error", code: "femsa.errors.resource_not_found.entity", param: "id",
		debug: fmt.Sprintf("The resource %s %q was not found.", what, id), es: fmt.Sprintf("No se encontró el recurso %s %q.", what, id)}
}

// errMalformed is the API's 400 for a body that is not JSON at all.
var errMalformed = &apiError{status: http.StatusBadRequest, typ: "malformed_request_error", code: "femsa.errors.malformed_request.json",
	debug: "The request body is not valid JSON.", es: "El cuerpo de la solicitud no es un JSON válido."}

// bodyError turns a strict decoding error into the API's answer: an
// unknown field, at any depth, is the 422 whitelist error, a value of the
// wrong type (a string for a number, a unit_price beyond int32) a 422
// parameter validation error; any other error (not JSON at all) is
// returned as it is, the 400 malformed request.
func bodyError(err error) error {
	if err == nil {
		return nil
	}
	if f, ok := fakeapi.UnknownField(err); ok {
		return whitelistErr(f)
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		param := typeErr.Field
		if param == "" {
			param = "body" // the body itself is no object
		}
		return validationErr(param, "invalid",
			"The parameter "+param+" has an invalid type or value.", "El parámetro "+param+" tiene un tipo o valor no válido.")
	}
	return err
}

// writeFail answers err: an *apiError as itself, anything else as the
// 400 malformed request.
func writeFail(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if errors.As(err, &ae) {
		ae.write(w, r)
		return
	}
	errMalformed.write(w, r)
}

// readBody decodes a request strictly (see bodyError) for the handlers
// written by hand; false after answering the refusal.
func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := bodyError(fakeapi.ReadJSON(r, v, true)); err != nil {
		writeFail(w, r, err)
		return false
	}
	return true
}

// dialect returns DigitalFemsa's conventions for the routes of s.
func (s *Server) dialect() *fakeapi.Dialect {
	return &fakeapi.Dialect{
		Wrap: s.wrap,
		Decode: func(_ *http.Request, body []byte, v any) error {
			return bodyError(fakeapi.DecodeJSON(body, v, true))
		},
		Object:     func(w http.ResponseWriter, _ *http.Request, status int, v any) { writeJSON(w, status, v) },
		List:       writeList,
		ReadPaging: readPaging,
		NotFound: func(w http.ResponseWriter, r *http.Request, res fakeapi.Info, id string) {
			notFoundErr(http.StatusNotFound, res.Label, id).write(w, r)
		},
		Invalid: func(w http.ResponseWriter, r *http.Request, e *fakeapi.ParamError) {
			problem := e.Code
			if problem == "" {
				problem = "invalid"
			}
			validationErr(e.Field, problem, e.Message, e.Message).write(w, r)
		},
		// Decode's own refusals (a whitelist, a type) reach here inside
		// a BodyError.
		Malformed: writeFail,
		Error: func(w http.ResponseWriter, r *http.Request, err error) {
			var ae *apiError
			if errors.As(err, &ae) {
				ae.write(w, r)
				return
			}
			writeError(w, r, http.StatusInternalServerError, "api_error", "femsa.errors.api", "",
				"The fake failed: "+err.Error(), "El servidor falló.")
		},
	}
}

// variant returns a copy of d changed by change, for a resource whose
// conventions differ from the others'.
func variant(d *fakeapi.Dialect, change func(d *fakeapi.Dialect)) *fakeapi.Dialect {
	c := *d
	change(&c)
	return &c
}

// wrapBefore returns a copy of d whose routes run check after d's own
// Wrap (the Accept check, the log) and before the handler: check answers
// and returns false to stop the request (a nested resource's missing
// parent).
func wrapBefore(d *fakeapi.Dialect, check func(w http.ResponseWriter, r *http.Request) bool) *fakeapi.Dialect {
	return variant(d, func(c *fakeapi.Dialect) {
		c.Wrap = func(h http.HandlerFunc) http.HandlerFunc {
			return d.Wrap(func(w http.ResponseWriter, r *http.Request) {
				if check(w, r) {
					h(w, r)
				}
			})
		}
	})
}

// contentType is the Content-Type of every answer of the API.
const contentType = "application/vnd.app-v2.1.0+json; charset=utf-8"

// writeJSON answers with the API's versioned content type.
func writeJSON(w http.ResponseWriter, status int, v any) {
	fakeapi.WriteJSONAs(w, contentType, status, v)
}

type errorDetail struct {
	DebugMessage string  `json:"debug_message"`
	Message      string  `json:"message"`
	Param        *string `json:"param"`
	Code         string  `json:"code"`
}

// writeError answers with the API's error object; the human message follows
// Accept-Language (es by default), the debug message is English.
func writeError(w http.ResponseWriter, r *http.Request, status int, typ, code, param, debugMsg, esMsg string) {
	msg := esMsg
	if strings.HasPrefix(r.Header.Get("Accept-Language"), "en") {
		msg = debugMsg
	}
	d := errorDetail{DebugMessage: debugMsg, Message: msg, Code: code}
	if param != "" {
		d.Param = &param
	}
	writeJSON(w, status, map[string]any{
		"object":  "error",
		"type":    typ,
		"log_id":  hexID(),
		"details": []errorDetail{d},
	})
}

func validationError(w http.ResponseWriter, r *http.Request, param, problem, debugMsg, esMsg string) {
	validationErr(param, problem, debugMsg, esMsg).write(w, r)
}

func notFound(w http.ResponseWriter, r *http.Request, what, id string) {
	notFoundErr(http.StatusNotFound, what, id).write(w, r)
}

// handle registers a route written by hand, wrapped as the declared
// routes are: behind the versioned-Accept check (409 conflict_error
// without it, as the API answers a wrong version), and logged (GET
// /logs), a refusal included, as DigitalFemsa logs each request of the
// account.
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.Handle(pattern, s.wrap(h))
}

// wrap puts h behind the versioned-Accept check and the log: every route
// of the fake, declared or written by hand, but the logs' own.
func (s *Server) wrap(h http.HandlerFunc) http.HandlerFunc { return s.withLog(versioned(h)) }

// versioned answers 409 conflict_error to a request without the versioned
// Accept header, and passes the others to h.
func versioned(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != digitalfemsa.AcceptVersion {
			writeError(w, r, http.StatusConflict, "conflict_error", "femsa.errors.conflict.api_version", "",
				"Send Accept: "+digitalfemsa.AcceptVersion+".", "Envía Accept: "+digitalfemsa.AcceptVersion+".")
			return
		}
		h(w, r)
	}
}

// metadataErr refuses metadata with more than 100 keys.
func metadataErr(param string, m map[string]any) error {
	if len(m) > 100 {
		return validationErr(param, "too_many_keys", "metadata has more than 100 keys.", "metadata tiene más de 100 llaves.")
	}
	return nil
}

func metadataOK(w http.ResponseWriter, r *http.Request, param string, m map[string]any) bool {
	if err := metadataErr(param, m); err != nil {
		writeFail(w, r, err)
		return false
	}
	return true
}

// metadataValue reads metadata[key] as the SDK decodes it (a string as
// itself, null as "", any other value as its JSON), for the Collections'
// WithMetadata.
func metadataValue(m map[string]any, key string) (string, bool) {
	v, ok := m[key]
	switch v := v.(type) {
	case nil:
		return "", ok
	case string:
		return v, true
	}
	b, err := json.Marshal(v)
	return string(b), err == nil
}

// matches reports whether search (lower case) is in any of fields; an
// empty search matches everything.
func matches(search string, fields ...string) bool {
	if search == "" {
		return true
	}
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), search) {
			return true
		}
	}
	return false
}

// ---- lists ----

// defaultLimit is a page's size when the request sets none.
const defaultLimit = 20

// readPaging reads DigitalFemsa's paging parameters: limit (1 to 250,
// 20 when unset) and the cursors next and previous.
func readPaging(r *http.Request) (fakeapi.Paging, error) {
	q := r.URL.Query()
	p := fakeapi.Paging{Limit: defaultLimit, After: q.Get("next"), Before: q.Get("previous")}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 250 {
			return p, validationErr("limit", "invalid", "limit must be 1 to 250.", "limit debe estar entre 1 y 250.")
		}
		p.Limit = n
	}
	return p, nil
}

// search is the list filter of the query parameter search: a
// case-insensitive substring of any of the fields fields gives.
func search[T any](fields func(v *T) []string) map[string]func(*T, string) bool {
	return map[string]func(*T, string) bool{"search": func(v *T, q string) bool {
		q = strings.ToLower(q)
		for _, f := range fields(v) {
			if strings.Contains(strings.ToLower(f), q) {
				return true
			}
		}
		return false
	}}
}

// writeList writes a page as the API's list object. next_page_url points
// at the production host on purpose, as the API's own URLs may point
// elsewhere than the host that was asked: clients must read the cursor,
// not follow it.
func writeList(w http.ResponseWriter, r *http.Request, p *fakeapi.Page) {
	var hasMore, first bool
	if p.Paging.Before != "" {
		// Items follow the page unless it ends with the last item (an
		// unknown cursor pages back from the end); an empty page before
		// the first item is followed by all of them.
		hasMore = p.Total > 0 && (p.Start == p.End || p.End < p.Total)
		first = p.Start == 0
	} else {
		hasMore = p.Remaining() > 0
		first = p.Paging.After == ""
	}
	out := map[string]any{"object": "list", "has_more": hasMore, "next_page_url": nil, "previous_page_url": nil, "data": p.Items}
	base := digitalfemsa.ProductionURL + r.URL.Path
	limit := strconv.Itoa(p.Paging.Limit)
	if hasMore && len(p.IDs) > 0 {
		out["next_page_url"] = base + "?" + url.Values{"limit": {limit}, "next": {p.IDs[len(p.IDs)-1]}}.Encode()
	}
	if !first && len(p.IDs) > 0 {
		out["previous_page_url"] = base + "?" + url.Values{"limit": {limit}, "previous": {p.IDs[0]}}.Encode()
	}
	writeJSON(w, http.StatusOK, out)
}

// searched is a list request's search parameter, in lower case.
func searched(r *http.Request) string { return strings.ToLower(r.URL.Query().Get("search")) }

// listDerived answers a list of objects the fake derives rather than
// stores (charges, transactions), paged as the declared lists are.
func listDerived[T any](w http.ResponseWriter, r *http.Request, items []T, idOf func(*T) string) {
	p, err := readPaging(r)
	if err != nil {
		writeFail(w, r, err)
		return
	}
	ids := make([]string, len(items))
	for i := range items {
		ids[i] = idOf(&items[i])
	}
	start, end := fakeapi.Cut(ids, p)
	page := &fakeapi.Page{Paging: p, Items: make([]any, 0, end-start), IDs: ids[start:end], Start: start, End: end, Total: len(items)}
	for i := start; i < end; i++ {
		page.Items = append(page.Items, items[i])
	}
	writeList(w, r, page)
}
