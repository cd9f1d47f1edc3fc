package oauth_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestCreateApp(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	cases := []struct {
		name        string
		contentType string
		body        string
		query       string
		status      int
		error       string   // substring of the 422 message
		uris        []string // expected redirect_uris
		scopes      []string
		website     any
	}{
		{name: "form", contentType: "application/x-www-form-urlencoded",
			body:   url.Values{"client_name": {"Tusky"}, "redirect_uris": {"https://a.example/cb\nurn:ietf:wg:oauth:2.0:oob"}, "scopes": {"read write push"}, "website": {"https://tusky.app"}}.Encode(),
			status: 200, uris: []string{"https://a.example/cb", "urn:ietf:wg:oauth:2.0:oob"}, scopes: []string{"read", "write", "push"}, website: "https://tusky.app"},
		{name: "json array", contentType: "application/json",
			body:   `{"client_name":"Elk","redirect_uris":["https://elk.zone/cb","com.elk.app:/oauth"],"scopes":"read:statuses write"}`,
			status: 200, uris: []string{"https://elk.zone/cb", "com.elk.app:/oauth"}, scopes: []string{"read:statuses", "write"}, website: nil},
		{name: "query, default scope", query: url.Values{"client_name": {"Q"}, "redirect_uris": {"urn:ietf:wg:oauth:2.0:oob"}}.Encode(),
			status: 200, uris: []string{"urn:ietf:wg:oauth:2.0:oob"}, scopes: []string{"read"}, website: nil},
		{name: "form array", contentType: "application/x-www-form-urlencoded",
			body:   "client_name=Arr&redirect_uris[]=https://x.example/1&redirect_uris[]=https://x.example/2",
			status: 200, uris: []string{"https://x.example/1", "https://x.example/2"}, scopes: []string{"read"}, website: nil},
		{name: "no name", contentType: "application/json", body: `{"redirect_uris":"urn:ietf:wg:oauth:2.0:oob"}`, status: 422, error: "name can't be blank"},
		{name: "no redirect", contentType: "application/json", body: `{"client_name":"x"}`, status: 422, error: "Redirect URI can't be blank"},
		{name: "relative redirect", contentType: "application/json", body: `{"client_name":"x","redirect_uris":"/cb"}`, status: 422, error: "absolute URI"},
		{name: "fragment", contentType: "application/json", body: `{"client_name":"x","redirect_uris":"https://a.example/cb#f"}`, status: 422, error: "fragment"},
		{name: "javascript", contentType: "application/json", body: `{"client_name":"x","redirect_uris":"javascript:alert(1)"}`, status: 422, error: "javascript"},
		{name: "unknown scope", contentType: "application/json", body: `{"client_name":"x","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read bogus"}`, status: 422, error: "bogus"},
		{name: "bad website", contentType: "application/json", body: `{"client_name":"x","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","website":"ftp://x"}`, status: 422, error: "Website"},
		{name: "malformed json", contentType: "application/json", body: `{"client_name":`, status: 400, error: "Malformed"},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(http.MethodPost, e.URL+"/api/v1/apps?"+c.query, strings.NewReader(c.body))
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		status, body := decode(t, resp)
		if status != c.status {
			t.Errorf("%s: status %d, want %d: %v", c.name, status, c.status, body)
			continue
		}
		if c.status != 200 {
			if msg, _ := body["error"].(string); !strings.Contains(msg, c.error) {
				t.Errorf("%s: error %q, want it to mention %q", c.name, msg, c.error)
			}
			continue
		}
		if got := strs(body["redirect_uris"]); !reflect.DeepEqual(got, c.uris) {
			t.Errorf("%s: redirect_uris %v, want %v", c.name, got, c.uris)
		}
		if body["redirect_uri"] != strings.Join(c.uris, "\n") {
			t.Errorf("%s: redirect_uri %q", c.name, body["redirect_uri"])
		}
		if got := strs(body["scopes"]); !reflect.DeepEqual(got, c.scopes) {
			t.Errorf("%s: scopes %v, want %v", c.name, got, c.scopes)
		}
		if body["website"] != c.website || body["client_secret_expires_at"] != 0.0 || body["vapid_key"] != "" {
			t.Errorf("%s: website/expiry/vapid: %v", c.name, body)
		}
		id, _ := body["client_id"].(string)
		secret, _ := body["client_secret"].(string)
		if len(id) != 43 || len(secret) != 43 || id == secret || body["id"] == "" {
			t.Errorf("%s: credentials %v", c.name, body)
		}
	}
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestVerifyAppCredentials(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	app := e.registerApp(t, callback, "read write")
	c := e.client(app)
	if err := c.GetAppAccessToken(context.Background(), callback); err != nil {
		t.Fatalf("client credentials: %v", err)
	}
	status, body := e.get(t, "/api/v1/apps/verify_credentials", c.Config.AccessToken)
	if status != 200 || body["name"] != "Test App" || body["website"] != "https://app.example" ||
		!reflect.DeepEqual(strs(body["scopes"]), []string{"read", "write"}) ||
		!reflect.DeepEqual(strs(body["redirect_uris"]), []string{callback}) || body["id"] != string(app.ID) {
		t.Errorf("verify_credentials: %d %v", status, body)
	}
	if _, leaked := body["client_secret"]; leaked {
		t.Error("verify_credentials returns the client secret")
	}
	if status, body := e.get(t, "/api/v1/apps/verify_credentials", ""); status != 401 || body["error"] != "The access token is invalid" {
		t.Errorf("without token: %d %v", status, body)
	}
}

func TestMetadata(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	status, body := e.get(t, "/.well-known/oauth-authorization-server", "")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	want := map[string]string{
		"issuer":                    e.URL + "/",
		"authorization_endpoint":    e.URL + "/oauth/authorize",
		"token_endpoint":            e.URL + "/oauth/token",
		"revocation_endpoint":       e.URL + "/oauth/revoke",
		"app_registration_endpoint": e.URL + "/api/v1/apps",
	}
	for k, v := range want {
		if body[k] != v {
			t.Errorf("%s = %v, want %s", k, body[k], v)
		}
	}
	lists := map[string][]string{
		"response_types_supported":              {"code"},
		"grant_types_supported":                 {"authorization_code", "client_credentials", "password"},
		"code_challenge_methods_supported":      {"S256", "plain"},
		"token_endpoint_auth_methods_supported": {"client_secret_basic", "client_secret_post"},
	}
	for k, v := range lists {
		if got := strs(body[k]); !reflect.DeepEqual(got, v) {
			t.Errorf("%s = %v, want %v", k, got, v)
		}
	}
	scopes := strings.Join(strs(body["scopes_supported"]), " ")
	for _, s := range []string{"read", "write", "follow", "push", "profile", "read:statuses", "write:media", "admin:read:accounts"} {
		if !strings.Contains(" "+scopes+" ", " "+s+" ") {
			t.Errorf("scopes_supported lacks %s", s)
		}
	}
}
