package benchcmp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// RawPost is the hand-written call an SDK call is compared with: body
// encoded with encoding/json, POSTed with net/http, headers set one by one
// with Header.Set as such code does, the whole answer read, its status
// checked and the JSON decoded into out. It uses nothing but the standard
// library, on purpose.
func RawPost(ctx context.Context, hc *http.Client, url string, header http.Header, body any, wantStatus int, out any) error {
	return RawDo(ctx, hc, http.MethodPost, url, header, body, wantStatus, out)
}

// RawGet is RawPost's twin for a GET: no body.
func RawGet(ctx context.Context, hc *http.Client, url string, header http.Header, wantStatus int, out any) error {
	return RawDo(ctx, hc, http.MethodGet, url, header, nil, wantStatus, out)
}

// RawDo sends method to url with body encoded by encoding/json (none when
// body is nil), reads the whole answer, checks its status and decodes it
// into out.
func RawDo(ctx context.Context, hc *http.Client, method, url string, header http.Header, body any, wantStatus int, out any) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Set(k, v)
		}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != wantStatus {
		return fmt.Errorf("status %d, want %d", resp.StatusCode, wantStatus)
	}
	return json.Unmarshal(answer, out)
}
