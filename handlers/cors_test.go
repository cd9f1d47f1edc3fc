package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gorilla/mux"
)

// TestWithCORSRules runs WithCORS over a bare router whose routes accept
// only GET or POST: preflights must still get 204, uncovered paths must
// reach the router untouched.
func TestWithCORSRules(t *testing.T) {
	t.Parallel()
	r := mux.NewRouter()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	for _, p := range []string{"/api/v1/instance", "/.well-known/webfinger", "/users/alice", "/users/alice/inbox", "/oauth/authorize"} {
		r.Handle(p, ok).Methods(http.MethodGet)
	}
	r.Handle("/oauth/token", ok).Methods(http.MethodPost)
	h := WithCORS(r)

	tests := []struct {
		method, path string
		preflight    bool
		status       int
		origin       string // Access-Control-Allow-Origin
		methods      string
		expose       string
	}{
		{"OPTIONS", "/api/v1/instance", true, 204, "*", "GET, POST, PUT, PATCH, DELETE, OPTIONS", ""},
		{"OPTIONS", "/api/v1/statuses/1", true, 204, "*", "GET, POST, PUT, PATCH, DELETE, OPTIONS", ""},
		{"OPTIONS", "/oauth/token", true, 204, "*", "POST, OPTIONS", ""},
		{"OPTIONS", "/oauth/revoke", true, 204, "*", "POST, OPTIONS", ""},
		{"OPTIONS", "/.well-known/webfinger", true, 204, "*", "GET, HEAD, OPTIONS", ""},
		{"OPTIONS", "/nodeinfo/2.0", true, 204, "*", "GET, HEAD, OPTIONS", ""},
		{"OPTIONS", "/users/alice", true, 204, "*", "GET, HEAD, OPTIONS", ""},
		{"OPTIONS", "/users/alice/inbox", true, 405, "", "", ""},
		{"OPTIONS", "/oauth/authorize", true, 405, "", "", ""},
		{"OPTIONS", "/api/v1/instance", false, 405, "*", "", apiExposed}, // not a preflight
		{"GET", "/api/v1/instance", false, 200, "*", "", apiExposed},
		{"POST", "/oauth/token", false, 200, "*", "", ""},
		{"GET", "/oauth/authorize", false, 200, "", "", ""},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, tt.path, nil)
		req.Header.Set("Origin", "https://elk.example")
		if tt.preflight {
			req.Header.Set("Access-Control-Request-Method", "POST")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		hd := rec.Header()
		if rec.Code != tt.status || hd.Get("Access-Control-Allow-Origin") != tt.origin ||
			hd.Get("Access-Control-Allow-Methods") != tt.methods || hd.Get("Access-Control-Expose-Headers") != tt.expose {
			t.Errorf("%s %s (preflight %v): got %d origin %q methods %q expose %q, want %d %q %q %q",
				tt.method, tt.path, tt.preflight, rec.Code, hd.Get("Access-Control-Allow-Origin"),
				hd.Get("Access-Control-Allow-Methods"), hd.Get("Access-Control-Expose-Headers"),
				tt.status, tt.origin, tt.methods, tt.expose)
		}
	}
}

// TestWithCORSAllowedHeaders: a preflight may ask for any request header, as
// Mastodon allows; without a list the common ones are allowed.
func TestWithCORSAllowedHeaders(t *testing.T) {
	t.Parallel()
	h := WithCORS(http.NotFoundHandler())
	for asked, want := range map[string]string{
		"":                             defaultAllowedHeaders,
		"authorization, x-custom-head": "authorization, x-custom-head",
	} {
		req := httptest.NewRequest(http.MethodOptions, "/api/v1/statuses", nil)
		req.Header.Set("Origin", "https://elk.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		if asked != "" {
			req.Header.Set("Access-Control-Request-Headers", asked)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Header().Get("Access-Control-Allow-Headers"); got != want {
			t.Errorf("asked %q: allowed %q, want %q", asked, got, want)
		}
		if rec.Header().Get("Access-Control-Max-Age") == "" {
			t.Errorf("asked %q: no Access-Control-Max-Age", asked)
		}
	}
}
