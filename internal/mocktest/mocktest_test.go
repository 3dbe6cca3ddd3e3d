package mocktest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecorder(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	responder, rec := Record(httpmock.NewStringResponder(201, `{}`))
	mt.RegisterResponder("POST", "https://api.example.com/v1/x", responder)
	hc := &http.Client{Transport: mt}
	for _, b := range []string{`{"a":1}`, `{"a":2}`} {
		resp, err := hc.Post("https://api.example.com/v1/x", "application/json", strings.NewReader(b))
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, 201, resp.StatusCode)
	}
	assert.Equal(t, 2, rec.Count())
	req, body := rec.Last(t)
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, `{"a":2}`, body)
	assert.Equal(t, []string{`{"a":1}`, `{"a":2}`}, rec.Bodies())
	assert.Len(t, Options(mt), 2)
}
