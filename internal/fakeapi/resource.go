package fakeapi

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// A fake declares each plain resource of its provider once, as a
// Resource: its paths, id prefix, the operations it serves, the hooks
// holding the provider's rules, its list filters and how its metadata is
// read. Declare turns that into routes and a Collection, the typed state
// the fake's own handlers and inspection methods use. What every resource
// of one provider shares (envelopes, error objects, paging parameters) is
// written once per fake, as a Dialect.

// Ops is a set of the operations a resource serves.
type Ops uint8

// The operations a declared resource can serve. Each is a route:
// Create is POST on the collection path, List is GET on it, Get, Update and
// Delete act on the item path.
const (
	OpCreate Ops = 1 << iota
	OpGet
	OpList
	OpUpdate
	OpDelete
)

// Has reports whether every operation of o is in s.
func (s Ops) Has(o Ops) bool { return s&o == o }

// Info names a declared resource to the Dialect's writers.
type Info struct {
	// Name is the resource's name ("charge").
	Name string
	// Label is the noun the provider's messages use for it (a Spanish
	// "cargo"); Name when the declaration sets none.
	Label string
	// Path is the collection path ("/v2/charges").
	Path string
}

// Paging is what a list request asks for, as the Dialect reads it. The
// page is cut by Before when set, else by After when set, else by
// position: Offset, or the 1-based Page of Limit items when Page > 0.
type Paging struct {
	// Limit is the most items on the page; 0 is no limit.
	Limit int
	// After is a cursor: the page starts after the item with this id.
	// An id that names no item gives an empty page.
	After string
	// Before is a cursor: the page ends just before the item with this
	// id, its Limit items closest to it. An id that names no item pages
	// back from the end of the list.
	Before string
	// Offset skips this many items.
	Offset int
	// Page is a 1-based page number (offset (Page-1)*Limit) when above 0.
	Page int
}

// Page is one page of a list, handed to Dialect.List to write in the
// provider's envelope.
type Page struct {
	// Info names the resource listed.
	Info Info
	// Paging is what the request asked for.
	Paging Paging
	// Items are the page's objects as answered, in list order.
	Items []any
	// IDs are the ids of Items, index for index (the cursors).
	IDs []string
	// Start and End locate the page in the filtered list:
	// it is list[Start:End].
	Start, End int
	// Total counts the items that passed the filters.
	Total int
}

// Remaining counts the items past the page, in list order.
func (p *Page) Remaining() int { return p.Total - p.End }

// ParamError is input a fake refuses, naming the field. A hook returns it
// and the Dialect's Invalid answers it in the provider's shape; Dialect's
// ReadPaging returns it for a bad paging parameter.
type ParamError struct {
	// Field names the refused parameter ("amount", "card.number").
	Field string
	// Code is a provider's error code for it, if the provider has one.
	Code string
	// Message says what is wrong, as the provider words it.
	Message string
}

func (e *ParamError) Error() string { return e.Field + ": " + e.Message }

// ErrAnswered is what a hook returns when it has written the answer
// itself (a provider's special refusal): the scaffold then writes nothing.
var ErrAnswered = errors.New("fakeapi: the hook answered the request")

// BodyError is a request body that is not valid JSON for its target; the
// Dialect's Malformed answers it. Call.Decode returns it.
type BodyError struct{ Err error }

func (e *BodyError) Error() string { return "malformed body: " + e.Err.Error() }
func (e *BodyError) Unwrap() error { return e.Err }

// Dialect is a provider's wire conventions, shared by every resource of
// its fake. Every field is optional: a nil one falls back to a plain JSON
// default, described on each.
type Dialect struct {
	// Wrap wraps every declared route's handler (a provider that
	// decrypts bodies on every endpoint). Nil wraps nothing.
	Wrap func(http.HandlerFunc) http.HandlerFunc
	// Decode decodes a request body (read whole, up to 1 MiB) into v.
	// Nil decodes JSON leniently (unknown fields ignored). A *ParamError
	// it returns is answered by Invalid, any other error by Malformed.
	Decode func(r *http.Request, body []byte, v any) error
	// Object writes one object with status. Nil writes it as JSON.
	Object func(w http.ResponseWriter, r *http.Request, status int, v any)
	// List writes a page of a list. Nil writes {"data": [...]}.
	List func(w http.ResponseWriter, r *http.Request, p *Page)
	// ReadPaging reads a list request's paging parameters; a
	// *ParamError it returns is answered by Invalid. Nil reads limit,
	// after, before, offset and page as non-negative integers and ids.
	ReadPaging func(r *http.Request) (Paging, error)
	// NotFound answers an id that names no object of the resource. Nil
	// answers 404 {"error": "<name> <id> not found"}.
	NotFound func(w http.ResponseWriter, r *http.Request, res Info, id string)
	// Invalid answers input refused naming its field. Nil answers 400
	// {"error": message, "param": field}.
	Invalid func(w http.ResponseWriter, r *http.Request, e *ParamError)
	// Malformed answers a body that does not decode. Nil answers 400
	// {"error": "malformed JSON body"}.
	Malformed func(w http.ResponseWriter, r *http.Request, err error)
	// Deleted answers a deletion, v being the deleted object as answered.
	// Nil writes v with Object and status 200.
	Deleted func(w http.ResponseWriter, r *http.Request, res Info, id string, v any)
	// Error answers any other error a hook returned (the provider's own
	// error types, matched with errors.As). Nil answers 500 with the
	// error's text.
	Error func(w http.ResponseWriter, r *http.Request, err error)
	// NewestFirst lists the newest objects first (the order the store
	// holds them reversed).
	NewestFirst bool
}

// Resource declares one plain resource of a fake. T is the stored type.
// Only Name, Path and ID are required, with the hook of each operation
// that needs one (Create, Update); Declare panics on a declaration that
// cannot work, as a bug of the fake.
type Resource[T any] struct {
	// Name is the resource's name ("charge").
	Name string
	// Label is the noun of the provider's messages ("cargo"); Name when
	// empty.
	Label string
	// Path is the collection path ("/v2/charges"), where List is served
	// and, unless CreatePath says otherwise, Create.
	Path string
	// CreatePath is where Create is served when not at Path
	// ("/v2/recurrent/plans/create").
	CreatePath string
	// ItemPath is the path of one object, with an {id} wildcard (named
	// IDParam); Path + "/{id}" when empty.
	ItemPath string
	// IDParam names the item path's wildcard when it is not "id" (a
	// provider's route written "/transactions/{token}"), keeping the
	// route's pattern as the fake has always registered it.
	IDParam string
	// UpdateMethod is Update's HTTP method; PATCH when empty.
	UpdateMethod string
	// IDPrefix starts the ids Call.NewID and Collection.NewID make
	// ("chr_test_"), followed by IDLength random letters and digits.
	IDPrefix string
	// IDLength is the length of an id's random part; 16 when 0.
	IDLength int
	// NewID, when set, makes the ids instead (a UUID, hex).
	NewID func() string
	// ID returns an object's id, the key it is stored and found under.
	ID func(v *T) string
	// Copy returns a copy of a stored object safe to read and encode
	// while other requests change the original (deep for maps and
	// slices the fake changes in place). Nil copies the value (*v).
	Copy func(v *T) T

	// Serve lists the operations routed. One not served is answered by
	// the server's NotFound, as an unknown route.
	Serve Ops
	// Create validates a creation request and builds the object (its id
	// from Call.NewID); the scaffold stores it and answers it with
	// CreateStatus. Required when Serve has OpCreate.
	Create func(c *Call) (*T, error)
	// CreateStatus is Create's status; 201 when 0.
	CreateStatus int
	// Update validates an update request and returns the change to
	// apply, which runs on the stored object under the store's lock
	// (an error it returns refuses the update, leaving what it changed
	// in place, so check before changing). Required when Serve has
	// OpUpdate.
	Update func(c *Call) (apply func(v *T) error, err error)
	// Delete, when set, runs on the object under the store's lock before
	// it is removed; an error refuses the deletion (an order already
	// paid).
	Delete func(c *Call, v *T) error
	// Deleted, when set, answers a deletion instead of Dialect.Deleted
	// (a 204, a provider's own message for this resource).
	Deleted func(c *Call, v T)
	// View turns a copy of an object into what op answers (a customer
	// with its cards). Nil answers the object itself.
	View func(op Ops, v T) any
	// Filters maps a list query parameter to the test an object must pass
	// when the request sets that parameter non-empty. The test runs under
	// the store's lock and must not change the object.
	Filters map[string]func(v *T, value string) bool
	// Scope, when set, keeps the objects a request's path reaches (a
	// nested resource's parent, from r.PathValue): the others are not
	// listed and answer NotFound on the item routes. It runs under the
	// store's lock and must not change the object.
	Scope func(r *http.Request, v *T) bool
	// Metadata reads the value under key in an object's metadata
	// (Collection.WithMetadata); nil when the resource has none.
	Metadata func(v *T, key string) (string, bool)
	// Changed, when set, runs after a Create, Update or Delete served by
	// the declaration succeeded, with a copy of the object (to record the
	// provider's event, to cascade a deletion).
	Changed func(op Ops, v T)
}

// Call is one request to a declared route, handed to the hooks.
type Call struct {
	// W and R are the request's writer and request.
	W http.ResponseWriter
	R *http.Request
	// ID is the {id} of an item route ("" on the collection routes).
	ID string
	// Info names the resource.
	Info Info
	// Server is the fake serving the request.
	Server *Server

	body    []byte
	bodyErr error
	d       *Dialect
	newID   func() string
}

// Decode decodes the request body into v as the Dialect does; the error
// it returns (a *BodyError, a *ParamError) is what the hook returns.
func (c *Call) Decode(v any) error {
	if c.bodyErr != nil {
		return &BodyError{c.bodyErr}
	}
	var err error
	if c.d.Decode != nil {
		err = c.d.Decode(c.R, c.body, v)
	} else {
		err = DecodeJSON(c.body, v, false)
	}
	var pe *ParamError
	var be *BodyError
	if err == nil || errors.As(err, &pe) || errors.As(err, &be) {
		return err
	}
	return &BodyError{err}
}

// Body is the raw request body.
func (c *Call) Body() []byte { return c.body }

// NewID makes an id for a new object of the resource.
func (c *Call) NewID() string { return c.newID() }

// Collection is a declared resource's objects and routes' answers: the
// typed state a fake's handlers and inspection methods use. Every object
// it returns is a copy.
type Collection[T any] struct {
	res   Resource[T]
	info  Info
	d     *Dialect
	srv   *Server
	store *Store[T]
}

// Declare registers res's routes on s, answering in d's conventions, and
// returns its Collection. It panics on a declaration that cannot work (no
// Name, Path or ID; an operation served without its hook).
func Declare[T any](s *Server, d *Dialect, res Resource[T]) *Collection[T] {
	switch {
	case res.Name == "" || res.Path == "" || res.ID == nil:
		panic("fakeapi: Declare needs Name, Path and ID")
	case res.Serve.Has(OpCreate) && res.Create == nil:
		panic("fakeapi: " + res.Name + " serves Create without a Create hook")
	case res.Serve.Has(OpUpdate) && res.Update == nil:
		panic("fakeapi: " + res.Name + " serves Update without an Update hook")
	}
	if d == nil {
		d = &Dialect{}
	}
	if res.Label == "" {
		res.Label = res.Name
	}
	if res.CreatePath == "" {
		res.CreatePath = res.Path
	}
	if res.IDParam == "" {
		res.IDParam = "id"
	}
	if res.ItemPath == "" {
		res.ItemPath = strings.TrimSuffix(res.Path, "/") + "/{" + res.IDParam + "}"
	}
	if !strings.Contains(res.ItemPath, "{"+res.IDParam+"}") {
		panic("fakeapi: " + res.Name + "'s ItemPath has no {" + res.IDParam + "}")
	}
	if res.UpdateMethod == "" {
		res.UpdateMethod = http.MethodPatch
	}
	if res.IDLength == 0 {
		res.IDLength = 16
	}
	if res.CreateStatus == 0 {
		res.CreateStatus = http.StatusCreated
	}
	if res.Copy == nil {
		res.Copy = func(v *T) T { return *v }
	}
	c := &Collection[T]{res: res, d: d, srv: s, store: NewStore[T](),
		info: Info{Name: res.Name, Label: res.Label, Path: res.Path}}
	route := func(pattern string, h http.HandlerFunc) {
		if d.Wrap != nil {
			h = d.Wrap(h)
		}
		s.Handle(pattern, h)
	}
	if res.Serve.Has(OpCreate) {
		route("POST "+res.CreatePath, c.create)
	}
	if res.Serve.Has(OpList) {
		route("GET "+res.Path, c.list)
	}
	if res.Serve.Has(OpGet) {
		route("GET "+res.ItemPath, c.get)
	}
	if res.Serve.Has(OpUpdate) {
		route(res.UpdateMethod+" "+res.ItemPath, c.update)
	}
	if res.Serve.Has(OpDelete) {
		route("DELETE "+res.ItemPath, c.delete)
	}
	return c
}

// ---- typed state ----

// Info names the resource.
func (c *Collection[T]) Info() Info { return c.info }

// Store is the collection's store, for a provider's own handlers that
// change objects in place (Store.Update) or need its other helpers.
func (c *Collection[T]) Store() *Store[T] { return c.store }

// NewID makes an id for a new object of the resource.
func (c *Collection[T]) NewID() string {
	if c.res.NewID != nil {
		return c.res.NewID()
	}
	return NewID(c.res.IDPrefix, c.res.IDLength)
}

// Put stores v under its id, replacing any object there, and returns a
// copy. v belongs to the store afterwards: change it only through Update.
func (c *Collection[T]) Put(v *T) T {
	out := c.res.Copy(v)
	c.store.Put(c.res.ID(v), v)
	return out
}

// Get returns a copy of the object id.
func (c *Collection[T]) Get(id string) (T, bool) {
	var out T
	ok, _ := c.store.Update(id, func(v *T) error { out = c.res.Copy(v); return nil })
	return out, ok
}

// Update runs fn on the object id under the store's lock and returns a
// copy of it afterwards; it reports whether the object exists.
func (c *Collection[T]) Update(id string, fn func(v *T) error) (T, bool, error) {
	var out T
	ok, err := c.store.Update(id, func(v *T) error {
		err := fn(v)
		out = c.res.Copy(v)
		return err
	})
	return out, ok, err
}

// Delete removes the object id and reports whether it was there.
func (c *Collection[T]) Delete(id string) bool { return c.store.Delete(id) }

// All returns copies of every object, oldest first.
func (c *Collection[T]) All() []T { return c.Select(nil) }

// Select returns copies of the objects keep passes (nil passes all),
// oldest first. keep runs under the store's lock and must not change
// the object.
func (c *Collection[T]) Select(keep func(v *T) bool) []T {
	var out []T
	c.store.List(func(v *T) bool {
		if keep == nil || keep(v) {
			out = append(out, c.res.Copy(v))
		}
		return false
	})
	return out
}

// WithMetadata returns copies of the objects whose metadata maps key to
// value, oldest first; none when the resource declares no Metadata.
func (c *Collection[T]) WithMetadata(key, value string) []T {
	if c.res.Metadata == nil {
		return nil
	}
	return c.Select(func(v *T) bool {
		got, ok := c.res.Metadata(v, key)
		return ok && got == value
	})
}

// Len counts the objects.
func (c *Collection[T]) Len() int { return c.store.Len() }

// NotFound answers, in the Dialect's shape, that id names no object of
// the resource (for a provider's own handlers: a capture of an unknown
// charge).
func (c *Collection[T]) NotFound(w http.ResponseWriter, r *http.Request, id string) {
	if c.d.NotFound != nil {
		c.d.NotFound(w, r, c.info, id)
		return
	}
	WriteJSON(w, http.StatusNotFound, map[string]string{"error": c.info.Name + " " + id + " not found"})
}

// Fail answers err as the declared routes do: a *ParamError by the
// Dialect's Invalid, a *BodyError by its Malformed, ErrAnswered not at
// all, any other error by its Error.
func (c *Collection[T]) Fail(w http.ResponseWriter, r *http.Request, err error) {
	c.d.fail(w, r, err)
}

// ---- routes ----

func (c *Collection[T]) call(w http.ResponseWriter, r *http.Request) *Call {
	call := &Call{W: w, R: r, ID: r.PathValue(c.res.IDParam), Info: c.info, Server: c.srv, d: c.d, newID: c.NewID}
	if r.Body != nil {
		call.body, call.bodyErr = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	}
	return call
}

func (c *Collection[T]) view(op Ops, v T) any {
	if c.res.View != nil {
		return c.res.View(op, v)
	}
	return v
}

func (c *Collection[T]) changed(op Ops, v T) {
	if c.res.Changed != nil {
		c.res.Changed(op, v)
	}
}

func (c *Collection[T]) create(w http.ResponseWriter, r *http.Request) {
	call := c.call(w, r)
	v, err := c.res.Create(call)
	if err != nil {
		c.d.fail(w, r, err)
		return
	}
	if v == nil || c.res.ID(v) == "" {
		// A bug of the fake: an object stored under no id is lost.
		c.d.fail(w, r, fmt.Errorf("fakeapi: %s's Create hook returned no object or one without an id", c.info.Name))
		return
	}
	out := c.Put(v)
	c.changed(OpCreate, out)
	c.d.object(w, r, c.res.CreateStatus, c.view(OpCreate, out))
}

// errOutOfScope is an object the request's path does not reach.
var errOutOfScope = errors.New("fakeapi: out of scope")

// inScope reports whether the request's path reaches v.
func (c *Collection[T]) inScope(r *http.Request, v *T) bool {
	return c.res.Scope == nil || c.res.Scope(r, v)
}

func (c *Collection[T]) get(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue(c.res.IDParam)
	var v T
	ok, err := c.store.Update(id, func(p *T) error {
		if !c.inScope(r, p) {
			return errOutOfScope
		}
		v = c.res.Copy(p)
		return nil
	})
	if !ok || err != nil {
		c.NotFound(w, r, id)
		return
	}
	c.d.object(w, r, http.StatusOK, c.view(OpGet, v))
}

func (c *Collection[T]) update(w http.ResponseWriter, r *http.Request) {
	call := c.call(w, r)
	apply, err := c.res.Update(call)
	if err != nil {
		c.d.fail(w, r, err)
		return
	}
	out, found, err := c.Update(call.ID, func(v *T) error {
		if !c.inScope(r, v) {
			return errOutOfScope
		}
		return apply(v)
	})
	switch {
	case !found, errors.Is(err, errOutOfScope):
		c.NotFound(w, r, call.ID)
	case err != nil:
		c.d.fail(w, r, err)
	default:
		c.changed(OpUpdate, out)
		c.d.object(w, r, http.StatusOK, c.view(OpUpdate, out))
	}
}

func (c *Collection[T]) delete(w http.ResponseWriter, r *http.Request) {
	call := c.call(w, r)
	check := func(v *T) error {
		if !c.inScope(r, v) {
			return errOutOfScope
		}
		if c.res.Delete != nil {
			return c.res.Delete(call, v)
		}
		return nil
	}
	v, found, err := c.store.removeIf(call.ID, check, c.res.Copy)
	switch {
	case !found, errors.Is(err, errOutOfScope):
		c.NotFound(w, r, call.ID)
		return
	case err != nil:
		c.d.fail(w, r, err)
		return
	}
	c.changed(OpDelete, v)
	switch {
	case c.res.Deleted != nil:
		c.res.Deleted(call, v)
	case c.d.Deleted != nil:
		c.d.Deleted(w, r, c.info, call.ID, c.view(OpDelete, v))
	default:
		c.d.object(w, r, http.StatusOK, c.view(OpDelete, v))
	}
}

func (c *Collection[T]) list(w http.ResponseWriter, r *http.Request) {
	var p Paging
	var err error
	if c.d.ReadPaging != nil {
		p, err = c.d.ReadPaging(r)
	} else {
		p, err = ReadPaging(r)
	}
	if err != nil {
		c.d.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	type filter struct {
		test  func(*T, string) bool
		value string
	}
	var filters []filter
	for param, test := range c.res.Filters {
		if v := q.Get(param); v != "" {
			filters = append(filters, filter{test, v})
		}
	}
	all := c.Select(func(v *T) bool {
		if !c.inScope(r, v) {
			return false
		}
		for _, f := range filters {
			if !f.test(v, f.value) {
				return false
			}
		}
		return true
	})
	if c.d.NewestFirst {
		slices.Reverse(all)
	}
	ids := make([]string, len(all))
	for i := range all {
		ids[i] = c.res.ID(&all[i])
	}
	start, end := Cut(ids, p)
	page := &Page{Info: c.info, Paging: p, Start: start, End: end, Total: len(all),
		Items: make([]any, 0, end-start), IDs: ids[start:end:end]}
	for i := start; i < end; i++ {
		page.Items = append(page.Items, c.view(OpList, all[i]))
	}
	if c.d.List != nil {
		c.d.List(w, r, page)
		return
	}
	c.d.object(w, r, http.StatusOK, map[string]any{"data": page.Items})
}

// Cut locates the page p asks for in a list of ids: it is ids[start:end].
// Before pages back from the item it names (from the end when it names
// none), After forward from the item it names (nothing when it names
// none), otherwise Offset or Page count positions.
func Cut(ids []string, p Paging) (start, end int) {
	n := len(ids)
	limit := p.Limit
	if limit < 0 {
		limit = 0
	}
	if p.Before != "" {
		end = n
		if i := slices.Index(ids, p.Before); i >= 0 {
			end = i
		}
		if limit > 0 && limit < end {
			start = end - limit
		}
		return start, end
	}
	switch {
	case p.After != "":
		start = n
		if i := slices.Index(ids, p.After); i >= 0 {
			start = i + 1
		}
	case p.Page > 0 && limit > 0:
		if p.Page-1 > n/limit { // also keeps (Page-1)*limit from overflowing
			start = n
		} else {
			start = min((p.Page-1)*limit, n)
		}
	default:
		start = min(max(p.Offset, 0), n)
	}
	end = n
	if limit > 0 && limit < n-start {
		end = start + limit
	}
	return start, end
}

// ReadPaging reads the paging parameters limit, offset and page
// (non-negative integers) and the cursors after and before; a bad number
// is a *ParamError naming its parameter. It is the Dialect's default.
func ReadPaging(r *http.Request) (Paging, error) {
	q := r.URL.Query()
	p := Paging{After: q.Get("after"), Before: q.Get("before")}
	for _, f := range []struct {
		name string
		to   *int
	}{{"limit", &p.Limit}, {"offset", &p.Offset}, {"page", &p.Page}} {
		v := q.Get(f.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return Paging{}, &ParamError{Field: f.name, Message: f.name + " must be a non-negative integer"}
		}
		*f.to = n
	}
	return p, nil
}

// ---- the Dialect's defaults ----

func (d *Dialect) object(w http.ResponseWriter, r *http.Request, status int, v any) {
	if d.Object != nil {
		d.Object(w, r, status, v)
		return
	}
	WriteJSON(w, status, v)
}

func (d *Dialect) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *ParamError
	var be *BodyError
	switch {
	case errors.Is(err, ErrAnswered):
	case errors.As(err, &pe):
		if d.Invalid != nil {
			d.Invalid(w, r, pe)
			return
		}
		WriteJSON(w, http.StatusBadRequest, map[string]string{"error": pe.Message, "param": pe.Field})
	case errors.As(err, &be):
		if d.Malformed != nil {
			d.Malformed(w, r, be)
			return
		}
		WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "malformed JSON body"})
	default:
		if d.Error != nil {
			d.Error(w, r, err)
			return
		}
		WriteJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
	}
}
