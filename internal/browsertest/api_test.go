package browsertest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// oob is the out-of-band redirect URI: the code is shown on a page.
const oob = "urn:ietf:wg:oauth:2.0:oob"

// app is the part of POST /api/v1/apps' answer the tests use.
type app struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

// postForm posts form to the instance with a plain HTTP client and decodes
// the JSON answer into out, failing the test unless the status is 200.
func postForm(t *testing.T, s *instancetest.Server, path string, form url.Values, out any) {
	t.Helper()
	resp, err := s.Client.PostForm(s.URL+path, form)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	decode(t, resp, "POST "+path, out)
}

// getJSON GETs path with a bearer token and decodes the JSON answer.
func getJSON(t *testing.T, s *instancetest.Server, path, token string, out any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	decode(t, resp, "GET "+path, out)
}

func decode(t *testing.T, resp *http.Response, what string, out any) {
	t.Helper()
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		t.Fatalf("%s: status %d, want 200: %s", what, resp.StatusCode, body)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("%s: decode: %v", what, err)
	}
}

// createApp registers an OAuth app with the out-of-band redirect URI.
func createApp(t *testing.T, s *instancetest.Server) app {
	t.Helper()
	var a app
	postForm(t, s, "/api/v1/apps", url.Values{
		"client_name": {"Browser Test"}, "redirect_uris": {oob}, "scopes": {"read"},
	}, &a)
	if a.ClientID == "" || a.ClientSecret == "" {
		t.Fatalf("app without credentials: %+v", a)
	}
	return a
}
