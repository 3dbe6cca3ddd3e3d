package transport

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The request a call builds is the one http.NewRequestWithContext builds
// from the same URL, for plain paths (built by hand) and every other kind
// (parsed).
func TestNewHTTPRequestMatchesNetHTTP(t *testing.T) {
	t.Parallel()
	cases := []struct{ base, path, query string }{
		{"https://api.culqi.com", "/v2/charges", ""},
		{"https://api.culqi.com", "/v2/charges/chr_test_AbC-1.2_x~y", "limit=10&after=a%2Fb"},
		{"https://api.culqi.com", "/v2/charges/" + url.PathEscape("a/b c?d"), ""},
		{"https://api.culqi.com", "/v2/charges/" + url.PathEscape("ñandú"), ""},
		{"https://api.culqi.com", "/v2/x/a:b@c!$&'()*+,;=", ""},
		{"http://127.0.0.1:8080/prefix", "/v1/customer/cus_1", "q=1"},
		{"http://[::1]:9000/a%2Fb", "/v1/x", ""},
		{"https://sandbox.example.com:", "/v1/x", ""},
	}
	for _, tc := range cases {
		t.Run(tc.base+tc.path, func(t *testing.T) {
			t.Parallel()
			base, err := url.Parse(tc.base)
			require.NoError(t, err)
			k := &call{method: http.MethodPost}
			got, err := k.newHTTPRequest(context.Background(), base, tc.path, tc.query, 4)
			require.NoError(t, err)
			raw := base.Scheme + "://" + base.Host + base.EscapedPath() + tc.path
			if tc.query != "" {
				raw += "?" + tc.query
			}
			want, err := http.NewRequestWithContext(context.Background(), http.MethodPost, raw, nil)
			require.NoError(t, err)
			assert.Equal(t, want.URL.String(), got.URL.String())
			assert.Equal(t, *want.URL, *got.URL)
			assert.Equal(t, want.Host, got.Host)
			assert.Equal(t, want.Method, got.Method)
			assert.Equal(t, []any{want.Proto, want.ProtoMajor, want.ProtoMinor}, []any{got.Proto, got.ProtoMajor, got.ProtoMinor})
			assert.NotNil(t, got.Header)
			assert.Nil(t, got.Body)
		})
	}
}

// A path that cannot be parsed is refused, as NewRequest refuses it.
func TestNewHTTPRequestRefusesBadPath(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("https://api.culqi.com")
	_, err := (&call{method: "GET"}).newHTTPRequest(context.Background(), base, "/v2/%zz", "", 2)
	require.Error(t, err)
}
