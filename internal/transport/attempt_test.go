package transport

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// smallReads hands out at most n bytes a read, as a slow connection does.
type smallReads struct {
	r io.Reader
	n int
}

func (s smallReads) Read(p []byte) (int, error) {
	if len(p) > s.n {
		p = p[:s.n]
	}
	return s.r.Read(p)
}

// readBody returns exactly the answer, whatever its size, whether its
// length was announced, and however the connection splits it; one byte
// over the cap is refused.
func TestReadBody(t *testing.T) {
	t.Parallel()
	const max = 64 << 10
	for _, size := range []int{0, 1, 511, 512, 513, 1000, 4096, 40000, max - 1, max, max + 1, 3 * max} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte('a' + i%26)
		}
		for _, announced := range []bool{false, true} {
			for _, chunk := range []int{1 << 20, 700, 1} {
				if chunk == 1 && size > 5000 {
					continue
				}
				resp := &http.Response{StatusCode: 200, ContentLength: -1, Header: http.Header{},
					Body: io.NopCloser(smallReads{bytes.NewReader(data), chunk})}
				if announced {
					resp.ContentLength = int64(size)
				}
				got, err := readBody(resp, max)
				if size > max {
					require.ErrorIs(t, err, ErrResponseTooLarge, "size %d announced %v", size, announced)
					continue
				}
				require.NoError(t, err, "size %d announced %v chunk %d", size, announced, chunk)
				assert.True(t, bytes.Equal(data, got), "size %d announced %v chunk %d", size, announced, chunk)
			}
		}
	}
}

// A body longer than its announced length is still held to the cap.
func TestReadBodyLongerThanAnnounced(t *testing.T) {
	t.Parallel()
	data := make([]byte, 3000)
	resp := &http.Response{StatusCode: 200, ContentLength: 10, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(data))}
	_, err := readBody(resp, 2000)
	require.ErrorIs(t, err, ErrResponseTooLarge)
}

// A connection that breaks mid-answer is an error, not a short body.
func TestReadBodyBroken(t *testing.T) {
	t.Parallel()
	broken := errors.New("connection reset")
	for _, announced := range []int64{-1, 100} {
		resp := &http.Response{StatusCode: 200, ContentLength: announced, Header: http.Header{},
			Body: io.NopCloser(io.MultiReader(bytes.NewReader(make([]byte, 50)), iotestErr{broken}))}
		_, err := readBody(resp, 1000)
		require.ErrorIs(t, err, broken)
	}
}

type iotestErr struct{ err error }

func (e iotestErr) Read([]byte) (int, error) { return 0, e.err }
