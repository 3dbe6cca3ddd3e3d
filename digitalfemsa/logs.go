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
type LogsService service

// logKind: the API documents an empty list of logs as "data": null, and
// types the page with the single log's schema, so a page may say "log"
// where the other lists say "list".
var logKind = kind[Log]{path: "/logs", object: "log", child: true, nullData: true, pageObject: "log",
	id: func(l *Log) string { return l.ID }, obj: func(l *Log) string { return l.Object }}

// Get fetches a log (GET /logs/{id}, operation getLogById), for example
// the LogID of an Error.
func (s *LogsService) Get(ctx context.Context, id string) (*Log, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	lid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "GET", Path: "/logs/" + lid, Header: logKind.header(c)}, logKind.check)
}

// List returns one page of logs, newest first (GET /logs, operation
// getLogs). Search matches the logs' SearchableTags (object ids): after a
// lost answer, search for an id you know to find what the API did.
func (s *LogsService) List(ctx context.Context, p *ListParams) (*Page[Log], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return list(ctx, c, logKind, p)
}

// All walks every log, sending GET /logs once per page, lazily.
func (s *LogsService) All(ctx context.Context, p *ListParams) iter.Seq2[*Log, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[Log](err)
	}
	return all(ctx, c, logKind, p)
}
