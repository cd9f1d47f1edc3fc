package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// TestCORSOnInstance drives the real router over HTTP: what a web app on
// another origin sends before signing in and reading the instance.
func TestCORSOnInstance(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	for _, path := range []string{"/api/v1/instance", "/oauth/token"} {
		req, _ := http.NewRequest(http.MethodOptions, s.URL+path, nil)
		req.Header.Set("Origin", "https://elk.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
		resp, err := s.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if resp.StatusCode != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
			!strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "authorization") {
			t.Errorf("preflight %s: %d %v", path, resp.StatusCode, h)
		}
	}

	req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/instance", nil)
	req.Header.Set("Origin", "https://elk.example")
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "Link") {
		t.Errorf("cross-origin GET: %d %v", resp.StatusCode, resp.Header)
	}
}
