package digitalfemsa

import (
	"context"
	"encoding/json"
	"iter"
	"strings"

	"github.com/latampay/latampay-go/internal/transport"
)

// Log is DigitalFemsa's record of one API request: how a merchant learns
// what happened to a request whose answer was lost. An Error's LogID names
// the log of a failed request.
type Log struct {
	// ID is the log's id (24 hex digits).
	ID string `json:"id"`
	// Object is "log" when the API sends it (the spec has no such field).
	Object string `json:"object"`
	// CreatedAt is when the request arrived.
	CreatedAt Time `json:"created_at"`
	// UpdatedAt is sent as a string ("2022-08-25T16:40:44.887Z").
	UpdatedAt Time `json:"updated_at"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// Method is the request's HTTP method.
	Method string `json:"method"`
	// URL is the request's path ("/orders").
	URL string `json:"url"`
	// Status is the HTTP status answered, as a string ("200").
	Status string `json:"status"`
	// Version is the API version asked for ("2.1.0").
	Version string `json:"version"`
	// IPAddress is where the request came from.
	IPAddress string `json:"ip_address"`
	// LoggableID is the id of the object the request touched ("ord_...");
	// nil when null.
	LoggableID *string `json:"loggable_id"`
	// LoggableType is that object's kind ("order"); nil when null.
	LoggableType *string `json:"loggable_type"`
	// OAuthTokenID is the OAuth token used; nil when null.
	OAuthTokenID *string `json:"oauth_token_id"`
	// UserAccountID is the account that made the request.
	UserAccountID string `json:"user_account_id"`
	// Related names the API resource handler.
	Related string `json:"related"`
	// SearchableTags are the ids Logs.List's Search matches.
	SearchableTags []string `json:"searchable_tags"`
	// QueryString is the request's query; non-string values kept as
	// their JSON text.
	QueryString Metadata `json:"query_string"`
	// RequestHeaders are the request's headers as logged. The values of
	// Authorization, Proxy-Authorization and Cookie are replaced by
	// "[redacted]" while decoding, so a Log never carries a key.
	RequestHeaders map[string]string `json:"request_headers"`
	// ResponseHeaders are the answer's headers (Set-Cookie redacted).
	ResponseHeaders map[string]string `json:"response_headers"`
	// RequestBody is the request's JSON body as logged; nil when absent.
	RequestBody json.RawMessage `json:"request_body"`
	// ResponseBody is the answer's JSON body as logged; nil when absent.
	ResponseBody json.RawMessage `json:"response_body"`
}

// UnmarshalJSON decodes a log and redacts credentials in its headers.
func (l *Log) UnmarshalJSON(data []byte) error {
	type plain Log
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	redactHeaders(p.RequestHeaders)
	redactHeaders(p.ResponseHeaders)
	*l = Log(p)
	return nil
}

func redactHeaders(h map[string]string) {
	for k := range h {
		switch strings.ToLower(k) {
		case "authorization", "proxy-authorization", "cookie", "set-cookie":
			h[k] = "[redacted]"
		}
	}
}

// LogsService is client.Logs: the API's records of requests.
type LogsService struct{ c *transport.Client }

func (s *LogsService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Get fetches a log (GET /logs/{id}, operation getLogById), for example
// the LogID of an Error.
func (s *LogsService) Get(ctx context.Context, id string) (*Log, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	lid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "GET", Path: "/logs/" + lid}, "log", logIdent)
}

// List returns one page of logs, newest first (GET /logs, operation
// getLogs). Search matches the logs' SearchableTags (object ids): after a
// lost answer, search for an id you know to find what the API did.
func (s *LogsService) List(ctx context.Context, p *ListParams) (*Page[Log], error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	if err := checkList(p); err != nil {
		return nil, err
	}
	q := listCopy(p, "")
	return fetchPageOf(ctx, s.tc(), "/logs", &q, q.Limit, logKey, true)
}

// All walks every log (GET /logs).
func (s *LogsService) All(ctx context.Context, p *ListParams) iter.Seq2[*Log, error] {
	if err := opsReady(s.tc()); err != nil {
		return failedWalk[Log](err)
	}
	if err := checkList(p); err != nil {
		return failedWalk[Log](err)
	}
	return transport.CursorPages(ctx, limitOf(p), func(ctx context.Context, cursor string) (transport.Page[Log], error) {
		q := listCopy(p, cursor)
		pg, err := fetchPageOf(ctx, s.tc(), "/logs", &q, q.Limit, logKey, true)
		if err != nil {
			return transport.Page[Log]{}, err
		}
		return transport.Page[Log]{Items: pg.Data, Next: pg.Next, More: pg.HasMore}, nil
	})
}

func logIdent(l *Log) (string, string) { return l.ID, l.Object }
func logKey(l *Log) string             { return l.ID }
