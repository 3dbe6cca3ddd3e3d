package fakeapi_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// A fake declares a resource once: its path, ids, the operations it
// serves and the rules of its provider (here: a note needs a text).
func ExampleDeclare() {
	s := fakeapi.New(fakeapi.Config{})
	defer s.Close()

	type note struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	n := 0
	notes := fakeapi.Declare(s, &fakeapi.Dialect{NewestFirst: true}, fakeapi.Resource[note]{
		Name: "note", Path: "/v1/notes",
		NewID: func() string { n++; return fmt.Sprint("not_", n) },
		ID:    func(v *note) string { return v.ID },
		Serve: fakeapi.OpCreate | fakeapi.OpGet | fakeapi.OpList | fakeapi.OpDelete,
		Create: func(c *fakeapi.Call) (*note, error) {
			var in note
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			if in.Text == "" {
				return nil, &fakeapi.ParamError{Field: "text", Message: "text is required"}
			}
			return &note{ID: c.NewID(), Text: in.Text}, nil
		},
	})

	send := func(method, path, body string) {
		req, _ := http.NewRequest(method, s.URL+path, strings.NewReader(body))
		resp, err := s.HTTPClient().Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		fmt.Println(resp.StatusCode, string(b))
	}
	send("POST", "/v1/notes", `{"text":"first"}`)
	send("POST", "/v1/notes", `{"text":"second"}`)
	send("POST", "/v1/notes", `{}`)
	send("GET", "/v1/notes?limit=1", "")
	send("DELETE", "/v1/notes/not_1", "")
	send("GET", "/v1/notes/not_1", "")
	fmt.Println(len(notes.All()), "note left")
	// Output:
	// 201 {"id":"not_1","text":"first"}
	// 201 {"id":"not_2","text":"second"}
	// 400 {"error":"text is required","param":"text"}
	// 200 {"data":[{"id":"not_2","text":"second"}]}
	// 200 {"id":"not_1","text":"first"}
	// 404 {"error":"note not_1 not found"}
	// 1 note left
}
