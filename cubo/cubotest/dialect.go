package cubotest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Cubo's wire conventions, shared by every resource of the fake: NestJS's
// error envelope {"statusCode","message","error"}, whose message is a list
// when validation refuses fields, and a 422 for any field a route does not
// take. Cubo documents no list endpoint, so lists and their paging keep
// the scaffold's defaults.

// codeUnknownField marks the ParamError of a field a route does not take,
// which NestJS's whitelist answers 422.
const codeUnknownField = "whitelist"

// invalid is a NestJS ValidationPipe refusal: every message at once, in
// the order of the fields checked.
type invalid []string

func (e invalid) Error() string { return strings.Join(e, ", ") }

// dialect is how every declared resource of the fake answers.
func dialect() *fakeapi.Dialect {
	return &fakeapi.Dialect{
		Decode: func(_ *http.Request, body []byte, v any) error { return decodeStrict(body, v) },
		NotFound: func(w http.ResponseWriter, _ *http.Request, res fakeapi.Info, _ string) {
			writeError(w, http.StatusNotFound, res.Label+" not found", "Not Found")
		},
		Invalid: func(w http.ResponseWriter, _ *http.Request, e *fakeapi.ParamError) {
			if e.Code == codeUnknownField {
				writeError(w, http.StatusUnprocessableEntity, []string{e.Message}, "Unprocessable Entity")
				return
			}
			writeError(w, http.StatusBadRequest, []string{e.Message}, "Bad Request")
		},
		Malformed: func(w http.ResponseWriter, _ *http.Request, _ error) {
			writeError(w, http.StatusBadRequest, "Unexpected token in JSON body", "Bad Request")
		},
		Error: func(w http.ResponseWriter, _ *http.Request, err error) {
			var msgs invalid
			if errors.As(err, &msgs) {
				writeError(w, http.StatusBadRequest, []string(msgs), "Bad Request")
				return
			}
			// NestJS's answer to an exception it does not know.
			writeError(w, http.StatusInternalServerError, "Internal server error", "")
		},
	}
}

// writeError answers Cubo's envelope; message is a string or a []string.
func writeError(w http.ResponseWriter, status int, message any, name string) {
	body := map[string]any{"statusCode": status, "message": message}
	if name != "" {
		body["error"] = name
	}
	fakeapi.WriteJSON(w, status, body)
}

// decodeStrict decodes body into v, refusing a field v does not have (a
// *fakeapi.ParamError) and a body that is not one JSON object (a
// *fakeapi.BodyError).
func decodeStrict(body []byte, v any) error {
	err := fakeapi.DecodeJSON(body, v, true)
	if err == nil {
		return nil
	}
	if name, ok := fakeapi.UnknownField(err); ok {
		return &fakeapi.ParamError{Field: name, Code: codeUnknownField, Message: "property " + name + " should not exist"}
	}
	return &fakeapi.BodyError{Err: err}
}

// readBody reads a hand-written route's body as a declared route does (up
// to 1 MiB) and returns a decoder for it that answers as decodeStrict.
func readBody(r *http.Request) func(v any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	return func(v any) error {
		if err != nil {
			return &fakeapi.BodyError{Err: err}
		}
		return decodeStrict(body, v)
	}
}

// checker collects validation messages the way NestJS's ValidationPipe
// words them.
type checker struct{ msgs []string }

func (c *checker) add(m string) { c.msgs = append(c.msgs, m) }

// str checks a string field; required ones must be present and non-empty.
func (c *checker) str(name string, raw json.RawMessage, required bool) string {
	if len(raw) == 0 || string(raw) == "null" {
		if required {
			c.add(name + " should not be empty")
		}
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		c.add(name + " must be a string")
		return ""
	}
	if s == "" && required {
		c.add(name + " should not be empty")
	}
	return s
}

// integer checks a positive integer field.
func (c *checker) integer(name string, raw json.RawMessage, required bool) int64 {
	if len(raw) == 0 || string(raw) == "null" {
		if required {
			c.add(name + " should not be empty")
		}
		return 0
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		c.add(name + " must be an integer number")
		return 0
	}
	if n < 1 {
		c.add(name + " must be a positive number")
	}
	return n
}

// err is the refusal of every message collected; nil when none was.
func (c *checker) err() error {
	if len(c.msgs) == 0 {
		return nil
	}
	return invalid(c.msgs)
}
