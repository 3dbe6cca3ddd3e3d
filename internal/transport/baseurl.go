package transport

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ParseBaseURL checks an origin for WithBaseURL: an absolute http(s) URL with
// a host, no query, fragment or credentials, and http only for loopback hosts
// (a card number or an API key must never cross a network in plaintext).
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("latampay: base URL: cannot parse %q", raw)
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("latampay: base URL %q: want scheme://host[:port]", raw)
	}
	if u.User != nil {
		return nil, fmt.Errorf("latampay: base URL: credentials in the URL are not allowed")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("latampay: base URL %q: no query or fragment allowed", raw)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("latampay: base URL %q: plain http is allowed only for loopback hosts; use https", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// origin is the prefix every request URL starts with.
func origin(u *url.URL) string {
	return u.Scheme + "://" + u.Host + u.EscapedPath()
}
