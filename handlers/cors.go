package handlers

import (
	"net/http"
	"strings"
)

// corsRule says which methods cross-origin callers may use on some paths.
type corsRule struct {
	match   func(path string) bool
	methods string
	expose  string
}

// apiExposed are the response headers scripts on other origins may read.
const apiExposed = "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id"

// defaultAllowedHeaders answer a preflight that names no request headers.
const defaultAllowedHeaders = "Authorization, Content-Type, Idempotency-Key"

// corsRules follow Mastodon: the client API for every method, the token and
// revoke endpoints for POST, discovery and actor documents for GET.
var corsRules = []corsRule{
	{match: prefix("/api/"), methods: "GET, POST, PUT, PATCH, DELETE, OPTIONS", expose: apiExposed},
	{match: exact("/oauth/token", "/oauth/revoke"), methods: "POST, OPTIONS"},
	{match: prefix("/.well-known/", "/nodeinfo/"), methods: "GET, HEAD, OPTIONS"},
	{match: oneSegment("/users/", "/@"), methods: "GET, HEAD, OPTIONS"},
}

// WithCORS lets web apps on other origins (Elk, Phanpy) call the API as
// Mastodon allows: any origin, no credentials (they send a bearer token).
// It wraps the whole router because a preflight (OPTIONS with
// Access-Control-Request-Method) must get 204 even on routes that register
// only GET or POST, and mux middleware runs only on matched routes. Paths no
// rule covers pass through untouched.
func WithCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rule := corsRuleFor(r.URL.Path)
		if rule == nil {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", rule.methods)
			allowed := r.Header.Get("Access-Control-Request-Headers")
			if allowed == "" {
				allowed = defaultAllowedHeaders
			}
			h.Set("Access-Control-Allow-Headers", allowed) // any header, as Mastodon allows
			h.Set("Access-Control-Max-Age", "7200")
			h.Add("Vary", "Access-Control-Request-Headers")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if rule.expose != "" {
			h.Set("Access-Control-Expose-Headers", rule.expose)
		}
		next.ServeHTTP(w, r)
	})
}

func corsRuleFor(path string) *corsRule {
	for i := range corsRules {
		if corsRules[i].match(path) {
			return &corsRules[i]
		}
	}
	return nil
}

func prefix(ps ...string) func(string) bool {
	return func(path string) bool {
		for _, p := range ps {
			if strings.HasPrefix(path, p) {
				return true
			}
		}
		return false
	}
}

func exact(ps ...string) func(string) bool {
	return func(path string) bool {
		for _, p := range ps {
			if path == p {
				return true
			}
		}
		return false
	}
}

// oneSegment matches p followed by one non-empty path segment (/users/alice,
// not /users/alice/inbox).
func oneSegment(ps ...string) func(string) bool {
	return func(path string) bool {
		for _, p := range ps {
			rest, ok := strings.CutPrefix(path, p)
			if ok && rest != "" && !strings.Contains(rest, "/") {
				return true
			}
		}
		return false
	}
}
