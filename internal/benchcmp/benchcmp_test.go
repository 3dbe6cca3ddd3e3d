package benchcmp

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/latampay/latampay-go/internal/leakcheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestRawPostSendsAndDecodes(t *testing.T) {
	var gotBody, gotAuth, gotMethod string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotBody, gotAuth, gotMethod = string(b), r.Header.Get("Authorization"), r.Method
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"chr_1"}`)
	}))
	defer srv.Close()
	var out struct{ ID string }
	err := RawPost(context.Background(), srv.Client(), srv.URL, http.Header{"Authorization": {"Bearer k"}},
		map[string]int{"amount": 100}, http.StatusCreated, &out)
	require.NoError(t, err)
	assert.Equal(t, "POST", gotMethod)
	assert.Equal(t, `{"amount":100}`, gotBody)
	assert.Equal(t, "Bearer k", gotAuth)
	assert.Equal(t, "chr_1", out.ID)

	err = RawPost(context.Background(), srv.Client(), srv.URL, nil, 1, http.StatusOK, &out)
	assert.EqualError(t, err, "status 201, want 200")
}

func TestMedian(t *testing.T) {
	t.Parallel()
	assert.Equal(t, time.Duration(0), median(nil))
	assert.Equal(t, 3*time.Millisecond, median([]time.Duration{9 * time.Second, 3 * time.Millisecond, 1}),
		"one call hit by a pause does not move the median")
}
