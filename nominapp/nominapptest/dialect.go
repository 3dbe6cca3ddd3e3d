package nominapptest

import (
	"errors"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Nominapp's wire conventions, shared by every resource of the fake: its
// error object {"error":[{"message","code","object","index"}]}, several
// items at once, 422 for refused input; answers bare, as the payment guide
// shows them, or in {"data": …} (SetWrapData); lists in {"data": [...]},
// as integrators read them. Nominapp documents no paging parameters, so
// lists page with the scaffold's defaults.

// codeInternal is the fake's own code for an error it did not expect.
const codeInternal = "0500"

type errItem struct {
	Message string `json:"message"`
	Code    string `json:"code"`
	Object  string `json:"object"`
	Index   int    `json:"index"`
}

func item(msg, code, object string) errItem {
	return errItem{Message: msg, Code: code, Object: object}
}

func writeErrors(w http.ResponseWriter, status int, items ...errItem) {
	fakeapi.WriteJSON(w, status, map[string]any{"error": items})
}

// errorList is a refusal in Nominapp's shape: its status and every item.
type errorList struct {
	status int
	items  []errItem
}

func (e *errorList) Error() string {
	msgs := make([]string, len(e.items))
	for i, it := range e.items {
		msgs[i] = it.Object + ": " + it.Message
	}
	return strings.Join(msgs, "; ")
}

// refuse is input refused with a 422, as Nominapp answers validation.
func refuse(items ...errItem) error { return &errorList{http.StatusUnprocessableEntity, items} }

// dialect is how every declared resource of the fake answers.
func (s *Server) dialect() *fakeapi.Dialect {
	return &fakeapi.Dialect{
		Decode: func(_ *http.Request, body []byte, v any) error { return decodeStrict(body, v) },
		Object: s.reply,
		List: func(w http.ResponseWriter, _ *http.Request, p *fakeapi.Page) {
			fakeapi.WriteJSON(w, http.StatusOK, map[string]any{"data": p.Items})
		},
		NotFound: func(w http.ResponseWriter, _ *http.Request, res fakeapi.Info, _ string) {
			writeErrors(w, http.StatusNotFound, item("no existe", CodeNotFound, res.Name))
		},
		Invalid: func(w http.ResponseWriter, _ *http.Request, e *fakeapi.ParamError) {
			code := e.Code
			if code == "" {
				code = CodeInvalid
			}
			writeErrors(w, http.StatusUnprocessableEntity, item(e.Message, code, e.Field))
		},
		// The object is the body itself: a declared resource's body is
		// the object, with no root key to name (the payment routes name
		// theirs, payment_info).
		Malformed: func(w http.ResponseWriter, _ *http.Request, _ error) {
			writeErrors(w, http.StatusBadRequest, item("el cuerpo no es JSON válido", CodeInvalid, "body"))
		},
		Error: func(w http.ResponseWriter, _ *http.Request, err error) {
			var list *errorList
			if errors.As(err, &list) {
				writeErrors(w, list.status, list.items...)
				return
			}
			writeErrors(w, http.StatusInternalServerError, item("error interno", codeInternal, "server"))
		},
	}
}

// reply answers v with status, bare or in {"data": …} (SetWrapData).
func (s *Server) reply(w http.ResponseWriter, _ *http.Request, status int, v any) {
	s.mu.Lock()
	wrap := s.wrap
	s.mu.Unlock()
	if wrap {
		v = map[string]any{"data": v}
	}
	fakeapi.WriteJSON(w, status, v)
}

// decodeStrict decodes body into v, refusing a key v does not take (a
// *fakeapi.ParamError, answered 422 with CodeNotAllowed) and a body that
// is not one JSON object (a *fakeapi.BodyError).
func decodeStrict(body []byte, v any) error {
	err := fakeapi.DecodeJSON(body, v, true)
	if err == nil {
		return nil
	}
	if name, ok := fakeapi.UnknownField(err); ok {
		return &fakeapi.ParamError{Field: name, Code: CodeNotAllowed, Message: "no es un parámetro permitido"}
	}
	return &fakeapi.BodyError{Err: err}
}
