package transport

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ParseBaseURL checks an origin for WithBaseURL: an absolute http(s) URL with
// a host, no query, fragment or credentials, and http only for loopback hosts
// (a card number or an API key must never cross a network in plaintext).
func ParseBaseURL(raw string) (*url.URL, error) {
	// The messages never quote the URL: it may carry a password or a key
	// (in its userinfo, its query, or anywhere a typo puts them).
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("latampay: base URL: cannot be parsed (want scheme://host[:port])")
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, errors.New("latampay: base URL: want scheme://host[:port] with https (or http for a loopback host)")
	}
	if u.Host == "" {
		return nil, errors.New("latampay: base URL: no host (want scheme://host[:port])")
	}
	if u.User != nil {
		return nil, errors.New("latampay: base URL: credentials in the URL are not allowed")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, errors.New("latampay: base URL: no query or fragment allowed")
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, fmt.Errorf("latampay: base URL: plain http is allowed only for loopback hosts, not %s; use https", u.Hostname())
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// IsLoopback reports whether host (a URL's Hostname) is this machine:
// localhost in any case, or a loopback IP.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
