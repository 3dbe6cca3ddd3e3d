package nominapptest

import (
	"net/http"
	"strings"
	"time"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// Sessions: POST /v1/sessions?auth_type=bearer logs in with HTTP Basic
// (email, API token) and answers an access token the other routes take as
// a Bearer. It is a credentials route, not a resource, so it stays
// hand-written; its tokens are the fake's own state.

// SessionTTL is how long a fake access token is valid.
const SessionTTL = 8 * time.Hour

// ExpireSessions makes every token issued so far invalid, as if 8 hours had
// passed: the next request with one gets a 401.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// Logins counts successful logins.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// authenticate accepts a Bearer token login issued and not yet expired.
func (s *Server) authenticate(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return false
	}
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.tokens[tok]
	return ok && now.Before(exp)
}

// login serves POST /v1/sessions.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	user, pass, ok := r.BasicAuth()
	if !ok || user != TestEmail || pass != TestAPIToken {
		writeErrors(w, http.StatusUnauthorized, item("El correo o el token de la API no son válidos", CodeUnauthorized, "session"))
		return
	}
	if r.URL.Query().Get("auth_type") != "bearer" {
		// The cookie flow is not faked.
		writeErrors(w, http.StatusUnprocessableEntity, item("solo se admite auth_type=bearer", CodeInvalid, "auth_type"))
		return
	}
	tok := fakeapi.NewID("", 40)
	now := s.Now()
	s.mu.Lock()
	s.tokens[tok] = now.Add(SessionTTL)
	s.logins++
	s.mu.Unlock()
	fakeapi.WriteJSON(w, http.StatusCreated, map[string]any{"data": map[string]any{
		"api_access_token": tok,
		"user":             map[string]any{"email": TestEmail, "name": "Usuario de prueba"},
	}})
}
