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
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(data))
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
