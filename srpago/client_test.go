package srpago

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClientString(t *testing.T) {
	t.Parallel()
	c, err := NewClient("app_key_SENTINEL", "app_secret_SENTINEL", WithBaseURL(SandboxURL))
	require.NoError(t, err)
	for _, s := range []string{c.String(), c.GoString(), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c),
		fmt.Sprintf("%#v", c), fmt.Sprintf("%v", *c), fmt.Sprintf("%+v", *c), fmt.Sprint([]*Client{c})} {
		assert.NotContains(t, s, "SENTINEL", s)
	}
	assert.Equal(t, "srpago.Client{https://sandbox-api.srpago.com}", c.String())
	assert.Equal(t, "srpago.Client{https://sandbox-api.srpago.com}", fmt.Sprintf("%#v", c))
	var nilClient *Client
	assert.Equal(t, "srpago.Client{}", nilClient.String())
	assert.Equal(t, "srpago.Client{}", (&Client{}).String())
	assert.Equal(t, "srpago.Client{}", fmt.Sprint(nilClient))
}

func TestClose(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	reply(mt, http.MethodGet, testBase+"/v1/customer/cus_1", 200, ok(`{"id":"cus_1"}`))
	_, err := c.Customers.Get(ctx, "cus_1")
	require.NoError(t, err)
	require.NoError(t, c.Close())
	_, err = c.Customers.Get(ctx, "cus_1")
	assert.ErrorIs(t, err, ErrClientClosed)
	assert.Equal(t, 1, calls(mt), "nothing sent after Close")
	var nilClient *Client
	assert.NoError(t, nilClient.Close())
	assert.NoError(t, (&Client{}).Close())
}

// TestZeroValues calls every exported method of every service of a zero
// Client, a nil *Client's services and nil services with zero arguments:
// each returns an error matching ErrNoClient, never a panic.
func TestZeroValues(t *testing.T) {
	t.Parallel()
	live, _ := setup(t)
	clients := map[string]*Client{"zero Client": {}, "nil services of a live client": {tc: live.tc}}
	ct := reflect.TypeOf(Client{})
	services := 0
	for name, c := range clients {
		cv := reflect.ValueOf(c).Elem()
		for i := 0; i < ct.NumField(); i++ {
			f := ct.Field(i)
			if !f.IsExported() || f.Type.Kind() != reflect.Pointer {
				continue
			}
			services++
			// A nil pointer of the service type, and a zero service
			// (&ChargesService{}) that belongs to no client.
			for _, svc := range []reflect.Value{cv.Field(i), reflect.New(f.Type.Elem())} {
				for m := 0; m < svc.NumMethod(); m++ {
					method := svc.Type().Method(m)
					mv := svc.Method(m)
					args := make([]reflect.Value, mv.Type().NumIn())
					for a := range args {
						in := mv.Type().In(a)
						args[a] = reflect.Zero(in)
						if in == reflect.TypeOf((*context.Context)(nil)).Elem() {
							args[a] = reflect.ValueOf(context.Background())
						}
					}
					label := name + " " + f.Name + "." + method.Name
					var out []reflect.Value
					require.NotPanics(t, func() { out = mv.Call(args) }, label)
					last := out[len(out)-1]
					if last.Type() == reflect.TypeOf((*error)(nil)).Elem() {
						err, _ := last.Interface().(error)
						require.Error(t, err, label)
						assert.ErrorIs(t, err, ErrNoClient, label)
						assert.True(t, strings.HasPrefix(err.Error(), "srpago: "), label)
						continue
					}
					// An iterator (All): its first yield is the error.
					require.Equal(t, reflect.Func, last.Kind(), label)
					var got error
					yield := reflect.MakeFunc(last.Type().In(0), func(a []reflect.Value) []reflect.Value {
						if e, ok := a[1].Interface().(error); ok {
							got = e
						}
						return []reflect.Value{reflect.ValueOf(false)}
					})
					require.NotPanics(t, func() { last.Call([]reflect.Value{yield}) }, label)
					assert.ErrorIs(t, got, ErrNoClient, label)
				}
			}
		}
	}
	assert.GreaterOrEqual(t, services, 10, "every service was visited")
}

func TestPathIDs(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	for _, id := range []string{"", ".", ".."} {
		_, err := c.Charges.Reverse(ctx, id)
		assert.ErrorIs(t, err, ErrInvalidParams, "reverse %q", id)
		_, err = c.Operations.Get(ctx, id)
		assert.ErrorIs(t, err, ErrInvalidParams, "operation %q", id)
		_, err = c.Customers.Get(ctx, id)
		assert.ErrorIs(t, err, ErrInvalidParams, "customer %q", id)
		assert.ErrorIs(t, c.Cards.Delete(ctx, "cus_1", id), ErrInvalidParams, "card %q", id)
		_, err = c.Cards.Add(ctx, id, "tok_1")
		assert.ErrorIs(t, err, ErrInvalidParams, "card add %q", id)
	}
	assert.Zero(t, calls(mt), "nothing sent")

	// Other ids are escaped, base64 padding and slashes included.
	rec := reply(mt, http.MethodGet, testBase+"/v1/operations/apply-reversal/a%2Fb==", 200,
		ok(`{"status":true,"method":"Reversal","transaction":"o"}`))
	_, err := c.Charges.Reverse(ctx, "a/b==")
	require.NoError(t, err)
	r, _ := rec.Last(t)
	assert.Equal(t, "/v1/operations/apply-reversal/a%2Fb==", r.URL.EscapedPath())
}

func TestOptionsAreOwnType(t *testing.T) {
	t.Parallel()
	// Every With… function returns this package's Option; a zero Option
	// is refused with the package's name.
	_, err := NewClient("k", "s", WithRetryWait(time.Millisecond, time.Second), Option{})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "srpago: "), err.Error())
	_, err = NewClient("k", "s", WithEncryptionKey([]byte("not a pem")))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithEncryptionKey")
	_, pub := testKeyPair()
	a, err := NewClient("k", "s", WithEncryptionKey([]byte(pub)))
	require.NoError(t, err)
	b, err := NewClient("k", "s", WithPublicKey(pub))
	require.NoError(t, err)
	assert.True(t, a.pub.Equal(b.pub), "the deprecated WithPublicKey sets the same key")
	assert.False(t, errors.Is(err, ErrInvalidParams))
}
