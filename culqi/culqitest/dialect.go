package culqitest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Culqi's wire conventions, shared by every resource of the fake: its
// answers' headers, its error object, its list envelope and paging, and
// the way its objects are stored (JSON maps) and found.

type object = map[string]any

// contentType is the Content-Type of every answer in Culqi's recorded
// traffic, on both hosts and whatever the status.
const contentType = "application/json;charset=UTF-8"

// route registers h for pattern, behind the decryption of encrypted
// bodies that Culqi applies to every endpoint.
func (s *Server) route(pattern string, h http.HandlerFunc) {
	s.Handle(pattern, s.decrypting(h))
}

// declare declares one of Culqi's resources: stored as the JSON map it
// answers, found by its "id" unless res says otherwise, its metadata
// under "metadata", answered in Culqi's dialect.
func (s *Server) declare(res fakeapi.Resource[object]) *fakeapi.Collection[object] {
	if res.ID == nil {
		res.ID = func(o *object) string { return str(*o, "id") }
	}
	res.Copy = func(o *object) object { return clone(*o) }
	res.Metadata = func(o *object, key string) (string, bool) {
		md, _ := (*o)["metadata"].(object)
		v, ok := md[key].(string) // stored as strings, as Culqi answers them
		return v, ok
	}
	return fakeapi.Declare(s.Server, s.dialect(), res)
}

// dialect is how every declared resource of the fake answers.
func (s *Server) dialect() *fakeapi.Dialect {
	return &fakeapi.Dialect{
		Wrap: s.decrypting,
		Decode: func(r *http.Request, body []byte, v any) error {
			if err := fakeapi.DecodeJSON(body, v, false); err != nil {
				return err
			}
			if m, ok := v.(*object); ok && *m == nil {
				return errors.New("the body is null, not an object")
			}
			return nil
		},
		Object: func(w http.ResponseWriter, r *http.Request, status int, v any) { s.reply(w, status, v) },
		List:   s.writeList,
		ReadPaging: func(r *http.Request) (fakeapi.Paging, error) {
			q := r.URL.Query()
			p := fakeapi.Paging{Limit: 50, After: q.Get("after"), Before: q.Get("before")}
			if v := q.Get("limit"); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 || n > 100 {
					return p, &fakeapi.ParamError{Field: "limit", Message: "El valor de limit debe estar entre 1 y 100."}
				}
				p.Limit = n
			}
			return p, nil
		},
		NotFound: func(w http.ResponseWriter, r *http.Request, res fakeapi.Info, id string) {
			s.fail(w, 404, culqi.ErrorTypeResource, "", "", "No se encontró "+res.Label+" con ID "+id+".", "")
		},
		Invalid: func(w http.ResponseWriter, r *http.Request, e *fakeapi.ParamError) { s.answer(w, e) },
		Malformed: func(w http.ResponseWriter, r *http.Request, err error) {
			s.fail(w, 400, culqi.ErrorTypeInvalidRequest, "", "", "El cuerpo de la petición no es un JSON válido.", "")
		},
		Deleted: func(w http.ResponseWriter, r *http.Request, res fakeapi.Info, id string, _ any) {
			// As recorded: "Se eliminó la tarjeta con ID crd_… exitosamente."
			s.reply(w, 200, object{"id": id, "deleted": true,
				"merchant_message": "Se eliminó " + res.Label + " con ID " + id + " exitosamente."})
		},
		Error:       func(w http.ResponseWriter, r *http.Request, err error) { s.answer(w, err) },
		NewestFirst: true,
	}
}

// apiError is a refusal in Culqi's error object, returned by a
// declaration's hook or a rule shared by several handlers.
type apiError struct {
	status                     int
	typ, code, param, merchant string
}

func (e *apiError) Error() string { return e.merchant }

// invalid is Culqi's 400 for a request the object's state does not allow.
func invalid(merchant string) error {
	return &apiError{status: 400, typ: culqi.ErrorTypeInvalidRequest, merchant: merchant}
}

// missing is Culqi's 404 for an id in the body (param) that names nothing.
func missing(param, merchant string) error {
	return &apiError{status: 404, typ: culqi.ErrorTypeResource, param: param, merchant: merchant}
}

// paramErr is input refused, naming the field.
func paramErr(field, msg string) error { return &fakeapi.ParamError{Field: field, Message: msg} }

// answer writes a refusal in Culqi's error object: an apiError as it is,
// a ParamError as Culqi's 422 naming the field (code invalid_<field>
// unless it has its own).
func (s *Server) answer(w http.ResponseWriter, err error) {
	var e *apiError
	var pe *fakeapi.ParamError
	switch {
	case errors.As(err, &e):
		s.fail(w, e.status, e.typ, e.code, e.param, e.merchant, "")
	case errors.As(err, &pe):
		code := pe.Code
		if code == "" {
			code = "invalid_" + pe.Field
		}
		s.fail(w, 422, culqi.ErrorTypeParameter, code, pe.Field, pe.Message, "")
	default:
		s.fail(w, 500, culqi.ErrorTypeAPI, "", "", "culqitest: "+err.Error(), "")
	}
}

func (s *Server) track(w http.ResponseWriter) {
	s.mu.Lock()
	s.tracking++
	n := s.tracking
	s.mu.Unlock()
	w.Header().Set("X-Culqi-Tracking-Id", strconv.FormatInt(n, 10))
	w.Header().Set("X-Culqi-Environment", "test")
	w.Header().Set("X-Culqi-Version", "2.0.0")
}

func (s *Server) reply(w http.ResponseWriter, status int, v any) {
	s.track(w)
	fakeapi.WriteJSONAs(w, contentType, status, v)
}

func (s *Server) fail(w http.ResponseWriter, status int, typ, code, param, merchant, user string) {
	e := object{"object": "error", "type": typ, "merchant_message": merchant}
	if code != "" {
		e["code"] = code
	}
	if param != "" {
		e["param"] = param
	}
	if user != "" {
		e["user_message"] = user
	}
	s.reply(w, status, e)
}

// read decodes a hand-written route's body as the declared routes do.
func (s *Server) read(w http.ResponseWriter, r *http.Request) (object, bool) {
	var m object
	if err := fakeapi.ReadJSON(r, &m, false); err != nil || m == nil {
		s.fail(w, 400, culqi.ErrorTypeInvalidRequest, "", "", "El cuerpo de la petición no es un JSON válido.", "")
		return nil, false
	}
	return m, true
}

// body decodes a declared route's body.
func body(c *fakeapi.Call) (object, error) {
	var m object
	err := c.Decode(&m)
	return m, err
}

// writeList answers a page as Culqi does: {"data": [...], "paging": {...}}
// with cursors and links, newest first.
func (s *Server) writeList(w http.ResponseWriter, r *http.Request, p *fakeapi.Page) {
	paging := object{"previous": nil, "next": nil, "cursors": object{"before": nil, "after": nil}, "remaining_items": 0}
	if n := len(p.IDs); n > 0 {
		first, last := p.IDs[0], p.IDs[n-1]
		base := s.URL + r.URL.Path + "?limit=" + strconv.Itoa(p.Paging.Limit)
		// Like Culqi, next stays set even on the last page; remaining_items
		// counts the older objects past the page, whichever way it was paged.
		paging = object{"previous": base + "&before=" + first, "next": base + "&after=" + last,
			"cursors": object{"before": first, "after": last}, "remaining_items": p.Remaining()}
		switch remainingSent[p.Info.Path] {
		case remainingNull:
			paging["remaining_items"] = nil
		case remainingZero:
			paging["remaining_items"] = 0
		}
	}
	s.reply(w, 200, object{"data": p.Items, "paging": paging})
}

// How a list reports paging.remaining_items on a page with data, by
// resource, as Culqi's recorded traffic shows: customers, refunds and IINs
// send null, tokens 0 even on a full page with more behind it; the others
// count what lies past the page. An empty page has 0 everywhere.
const (
	remainingCount = iota
	remainingNull
	remainingZero
)

var remainingSent = map[string]int{
	"/v2/customers": remainingNull, "/v2/refunds": remainingNull, "/v2/iins": remainingNull,
	"/v2/tokens": remainingZero,
}

// filters are a list's query filters: each field named is matched
// exactly, and every list takes creation_date_from and creation_date_to
// (Unix seconds or milliseconds; the objects' dates are either).
func filters(fields ...string) map[string]func(*object, string) bool {
	out := map[string]func(*object, string) bool{
		"creation_date_from": func(o *object, v string) bool {
			from := unixParam(v)
			return from == 0 || created(*o) >= from
		},
		"creation_date_to": func(o *object, v string) bool {
			to := unixParam(v)
			return to == 0 || created(*o) <= to
		},
	}
	for _, f := range fields {
		out[f] = func(o *object, v string) bool { return fmt.Sprint((*o)[f]) == v }
	}
	return out
}

// created is an object's creation date in milliseconds.
func created(o object) int64 {
	c, _ := o["creation_date"].(int64)
	if c < 1e11 {
		c *= 1000
	}
	return c
}

func unixParam(v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	if n < 1e11 {
		n *= 1000
	}
	return n
}

// patchFields is the update of most of Culqi's resources: metadata merged
// key by key, and the fields named set as sent.
func patchFields(fields ...string) func(c *fakeapi.Call) (func(*object) error, error) {
	return func(c *fakeapi.Call) (func(*object) error, error) {
		b, err := body(c)
		if err != nil {
			return nil, err
		}
		md, err := metadata(b)
		if err != nil {
			return nil, err
		}
		return func(o *object) error {
			mergeMetadata(*o, md)
			for _, f := range fields {
				if v, ok := b[f]; ok {
					(*o)[f] = v
				}
			}
			return nil
		}, nil
	}
}

// mergeMetadata sets md's keys in o's metadata, keeping the others.
func mergeMetadata(o, md object) {
	cur, _ := o["metadata"].(object)
	merged := object{}
	for k, v := range cur {
		merged[k] = v
	}
	for k, v := range md {
		merged[k] = v
	}
	o["metadata"] = merged
}

func str(m object, k string) string { v, _ := m[k].(string); return v }

func num(m object, k string) (int64, bool) {
	f, ok := m[k].(float64)
	if !ok || f != math.Trunc(f) {
		return 0, false
	}
	return int64(f), true
}

func clone(m object) object {
	out := make(object, len(m))
	for k, v := range m {
		if inner, ok := v.(object); ok {
			v = clone(inner)
		}
		out[k] = v
	}
	return out
}

// metadata validates a request's metadata and stringifies its values.
func metadata(m object) (object, error) {
	raw, ok := m["metadata"]
	if !ok || raw == nil {
		return object{}, nil
	}
	md, ok := raw.(object)
	if !ok {
		return nil, paramErr("metadata", "metadata debe ser un objeto")
	}
	if len(md) > 20 {
		return nil, paramErr("metadata", "metadata admite hasta 20 llaves")
	}
	out := object{}
	for k, v := range md {
		sv, ok := v.(string)
		if !ok {
			b, _ := json.Marshal(v)
			sv = string(b)
		}
		if utf8.RuneCountInString(k) > 30 || utf8.RuneCountInString(sv) > 200 {
			return nil, paramErr("metadata", "metadata: llaves de hasta 30 y valores de hasta 200 caracteres")
		}
		out[k] = sv
	}
	return out, nil
}

// outside reports whether v's length in characters is not within lo..hi.
func outside(v string, lo, hi int) bool {
	n := utf8.RuneCountInString(v)
	return n < lo || n > hi
}

// event records a change of state as Culqi's event of type typ about
// data, and delivers it to the DeliverWebhooks target, if any.
func (s *Server) event(typ string, data object) {
	evt := object{"object": "event", "id": s.events.NewID(), "type": typ, "creation_date": s.nowMS(), "data": clone(data)}
	s.deliver(typ, s.events.Put(&evt))
}
