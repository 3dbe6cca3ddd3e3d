package srpagotest

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/srpago"
)

// Sr. Pago's wire conventions, shared by every resource of the fake: the
// {"success", "result"} envelope with its trace header, its error object
// (business errors and refused input with HTTP 500), limit and offset
// paging, and its 404 for an id that names nothing.

func (s *Server) requestID() string {
	return "req" + strconv.FormatInt(s.reqSeq.Add(1), 10) + "/fake"
}

// reply answers result in the success envelope with status.
func (s *Server) reply(w http.ResponseWriter, status int, result any) {
	w.Header().Set(srpago.RequestIDHeader, s.requestID())
	fakeapi.WriteJSON(w, status, map[string]any{"success": true, "result": result})
}

func (s *Server) ok(w http.ResponseWriter, result any) { s.reply(w, http.StatusOK, result) }

type detail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Status  int    `json:"http_status_code"`
}

// fail answers the error envelope. Sr. Pago sends business errors
// (declines, validation) with HTTP 500.
func (s *Server) fail(w http.ResponseWriter, status int, code, msg string, d *detail) {
	e := map[string]any{"code": code, "message": msg, "description": msg}
	if d != nil {
		e["detail"] = d
	}
	w.Header().Set(srpago.RequestIDHeader, s.requestID())
	fakeapi.WriteJSON(w, status, map[string]any{"success": false, "error": e})
}

func (s *Server) invalidParam(w http.ResponseWriter, msg string) {
	s.fail(w, http.StatusInternalServerError, srpago.CodeInvalidParam, msg, nil)
}

// notFound: the API's answer for an unknown id is not documented (GUESS).
func (s *Server) notFound(w http.ResponseWriter, what string) {
	s.fail(w, http.StatusNotFound, "NotFoundException", what+" no encontrado", nil)
}

// apiError is a refusal in Sr. Pago's error object, returned by a
// declaration's hook or a rule its handlers share.
type apiError struct {
	code, msg string
	detail    *detail
}

func (e *apiError) Error() string { return e.code + ": " + e.msg }

// refused is Sr. Pago's business error: HTTP 500 with its code.
func refused(code, msg string) error { return &apiError{code: code, msg: msg} }

// answer writes err in Sr. Pago's error object: an apiError as it is,
// refused input as InvalidParamException, anything else as the fake's
// own 500.
func (s *Server) answer(w http.ResponseWriter, err error) {
	var e *apiError
	var pe *fakeapi.ParamError
	switch {
	case errors.As(err, &e):
		s.fail(w, http.StatusInternalServerError, e.code, e.msg, e.detail)
	case errors.As(err, &pe):
		s.invalidParam(w, pe.Message)
	default:
		s.fail(w, http.StatusInternalServerError, "InternalServerError", "srpagotest: "+err.Error(), nil)
	}
}

// dialect is how every declared resource of the fake answers. Lists
// answer a bare array of their page, read limit and offset and refuse
// anything else with the customers' message; declare changes that for
// the lists that differ.
func (s *Server) dialect() *fakeapi.Dialect {
	return &fakeapi.Dialect{
		Object: func(w http.ResponseWriter, r *http.Request, status int, v any) { s.reply(w, status, v) },
		List:   func(w http.ResponseWriter, r *http.Request, p *fakeapi.Page) { s.ok(w, p.Items) },
		ReadPaging: func(r *http.Request) (fakeapi.Paging, error) {
			return readPaging(r.URL.Query(), "limit y offset deben ser enteros positivos")
		},
		NotFound: func(w http.ResponseWriter, r *http.Request, res fakeapi.Info, id string) {
			s.notFound(w, res.Label)
		},
		Invalid:   func(w http.ResponseWriter, r *http.Request, e *fakeapi.ParamError) { s.invalidParam(w, e.Message) },
		Malformed: func(w http.ResponseWriter, r *http.Request, err error) { s.invalidParam(w, "JSON inválido") },
		Deleted: func(w http.ResponseWriter, r *http.Request, res fakeapi.Info, id string, v any) {
			s.ok(w, map[string]any{"id": id})
		},
		Error: func(w http.ResponseWriter, r *http.Request, err error) { s.answer(w, err) },
	}
}

// readPaging reads Sr. Pago's limit and offset, non-negative integers; a
// bad one is refused with msg, the message of the list asked.
func readPaging(q url.Values, msg string) (fakeapi.Paging, error) {
	var p fakeapi.Paging
	for _, f := range []struct {
		name string
		to   *int
	}{{"limit", &p.Limit}, {"offset", &p.Offset}} {
		v := q.Get(f.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fakeapi.Paging{}, &fakeapi.ParamError{Field: f.name, Message: msg}
		}
		*f.to = n
	}
	return p, nil
}

// listing is what one of Sr. Pago's lists does unlike the others, which
// a fakeapi.Resource cannot say: the message refusing its query, the
// checks its other parameters must pass (a date, a required type), the
// result around its page, or no paging at all.
type listing struct {
	// refusal is the message of a bad query; the dialect's when empty.
	refusal string
	// check refuses the query's other parameters (with refusal).
	check func(q url.Values) bool
	// result is the list's result around the page; the bare page when nil.
	result func(r *http.Request, p *fakeapi.Page) any
	// unpaged lists everything, whatever the query asks.
	unpaged bool
}

// parent is the resource a nested resource's path names in its wildcard
// param: on the item and list routes an unknown parent is answered as
// the parent's 404 before anything else (a creation reads its body first,
// so its hook checks the parent itself).
type parent struct {
	param  string
	exists func(id string) bool
	absent func(w http.ResponseWriter, r *http.Request, id string)
}

// declare declares one of Sr. Pago's resources in the fake's dialect,
// changed as its listing and its parent say.
func declare[T any](s *Server, res fakeapi.Resource[T], l listing, p *parent) *fakeapi.Collection[T] {
	d := s.dialect()
	switch {
	case l.unpaged:
		d.ReadPaging = func(*http.Request) (fakeapi.Paging, error) { return fakeapi.Paging{}, nil }
	case l.refusal != "":
		d.ReadPaging = func(r *http.Request) (fakeapi.Paging, error) {
			q := r.URL.Query()
			pg, err := readPaging(q, l.refusal)
			if err == nil && l.check != nil && !l.check(q) {
				err = &fakeapi.ParamError{Field: "query", Message: l.refusal}
			}
			return pg, err
		}
	}
	if l.result != nil {
		d.List = func(w http.ResponseWriter, r *http.Request, pg *fakeapi.Page) { s.ok(w, l.result(r, pg)) }
	}
	if p != nil {
		d.Wrap = func(h http.HandlerFunc) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				if id := r.PathValue(p.param); r.Method != http.MethodPost && !p.exists(id) {
					p.absent(w, r, id)
					return
				}
				h(w, r)
			}
		}
	}
	return fakeapi.Declare(s.Server, d, res)
}
