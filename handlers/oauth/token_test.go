package oauth_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/oauth"
)

func TestPasswordGrant(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	e.createUser(t, "hana")
	app := e.registerApp(t, "", "read write follow")
	for _, login := range []string{"hana@example.com", "hana", "Hana"} {
		c := e.client(app)
		if err := c.Authenticate(context.Background(), login, password); err != nil {
			t.Fatalf("password grant as %q: %v", login, err)
		}
		tok, err := e.Store.TokenBySecret(context.Background(), c.Config.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		if tok.Account == nil || tok.Account.Username != "hana" || tok.Scopes != "read write follow" {
			t.Errorf("%s: token account %+v scopes %q", login, tok.Account, tok.Scopes)
		}
		if _, err := c.VerifyAppCredentials(context.Background()); err != nil {
			t.Errorf("%s: verify: %v", login, err)
		}
	}
	if err := e.client(app).Authenticate(context.Background(), "hana", "not it at all"); err == nil {
		t.Error("wrong password accepted")
	}
}

// tokenRequest is one POST /oauth/token and what it should answer.
type tokenRequest struct {
	name   string
	form   url.Values
	basic  bool // send client_id/secret as HTTP Basic
	json   bool
	status int
	error  string // expected OAuth error; "" for success
	scope  string // expected scope on success
}

func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{Requests: 1000, Window: time.Minute})
	e.createUser(t, "ivan")
	app := e.registerApp(t, callback, "read write")
	pw := func(kv ...string) url.Values {
		v := url.Values{"grant_type": {"password"}, "username": {"ivan"}, "password": {password}}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	cases := []tokenRequest{
		{name: "password, default scope", form: pw(), status: 200, scope: "read"},
		{name: "password, scope", form: pw("scope", "read:statuses write"), status: 200, scope: "read:statuses write"},
		{name: "password, HTTP Basic", form: pw(), basic: true, status: 200, scope: "read"},
		{name: "password, JSON", form: pw("scope", "write"), json: true, status: 200, scope: "write"},
		{name: "password, wrong", form: pw("password", "nope nope nope"), status: 400, error: "invalid_grant"},
		{name: "password, unknown user", form: pw("username", "nobody"), status: 400, error: "invalid_grant"},
		{name: "password, scope beyond app", form: pw("scope", "read follow"), status: 400, error: "invalid_scope"},
		{name: "password, unknown scope", form: pw("scope", "read:nothing"), status: 400, error: "invalid_scope"},
		{name: "password, no password", form: pw("password", ""), status: 400, error: "invalid_request"},
		{name: "client credentials", form: url.Values{"grant_type": {"client_credentials"}, "scope": {"write"}}, status: 200, scope: "write"},
		{name: "no grant type", form: url.Values{}, status: 400, error: "invalid_request"},
		{name: "refresh token", form: url.Values{"grant_type": {"refresh_token"}}, status: 400, error: "unsupported_grant_type"},
		{name: "no code", form: url.Values{"grant_type": {"authorization_code"}}, status: 400, error: "invalid_request"},
		{name: "wrong secret", form: pw("client_secret", "bad"), status: 401, error: "invalid_client"},
		{name: "unknown client", form: pw("client_id", "bad"), status: 401, error: "invalid_client"},
		{name: "no client", form: pw("client_id", "", "client_secret", ""), status: 401, error: "invalid_client"},
	}
	for _, c := range cases {
		status, body, hdr := e.tokenRequest(t, app.ClientID, app.ClientSecret, c)
		if status != c.status {
			t.Errorf("%s: status %d, want %d: %v", c.name, status, c.status, body)
			continue
		}
		if c.error != "" {
			if body["error"] != c.error || body["error_description"] == nil || body["access_token"] != nil {
				t.Errorf("%s: %v, want error %s", c.name, body, c.error)
			}
			continue
		}
		tok, _ := body["access_token"].(string)
		created, _ := body["created_at"].(float64)
		if len(tok) != 43 || body["token_type"] != "Bearer" || body["scope"] != c.scope ||
			int64(created) != e.clock.Now().Unix() || hdr.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %v (Cache-Control %q)", c.name, body, hdr.Get("Cache-Control"))
		}
	}
	// A failed HTTP Basic authentication names the scheme to retry with.
	status, body, hdr := e.tokenRequest(t, app.ClientID, "wrong", tokenRequest{form: pw(), basic: true})
	if status != 401 || body["error"] != "invalid_client" || !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Basic") {
		t.Errorf("Basic with a wrong secret: %d %v %v", status, body, hdr)
	}
}

// tokenRequest sends c with the client's credentials filled in.
func (e *env) tokenRequest(t *testing.T, id, secret string, c tokenRequest) (int, map[string]any, http.Header) {
	t.Helper()
	f := url.Values{"client_id": {id}, "client_secret": {secret}}
	for k, v := range c.form {
		f[k] = v
	}
	if c.basic {
		f.Del("client_id")
		f.Del("client_secret")
	}
	var req *http.Request
	if c.json {
		var parts []string
		for k := range f {
			parts = append(parts, `"`+k+`":"`+f.Get(k)+`"`)
		}
		req, _ = http.NewRequest(http.MethodPost, e.URL+"/oauth/token", strings.NewReader("{"+strings.Join(parts, ",")+"}"))
		req.Header.Set("Content-Type", "application/json")
	} else {
		req, _ = http.NewRequest(http.MethodPost, e.URL+"/oauth/token", strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.basic {
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	status, body := decode(t, resp)
	return status, body, resp.Header
}

// Tokens meet the auth middleware: an app-only token is refused where a
// person is needed, scopes are enforced, "read" covers "read:statuses".
func TestTokensAgainstScopedRoutes(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{})
	e.createUser(t, "judy")
	app := e.registerApp(t, callback, "read write")
	grant := func(form url.Values) string {
		form.Set("client_id", app.ClientID)
		form.Set("client_secret", app.ClientSecret)
		status, body := e.post(t, "/oauth/token", form)
		if status != 200 {
			t.Fatalf("grant %v: %d %v", form, status, body)
		}
		return body["access_token"].(string)
	}
	appOnly := grant(url.Values{"grant_type": {"client_credentials"}, "scope": {"read"}})
	read := grant(url.Values{"grant_type": {"password"}, "username": {"judy"}, "password": {password}, "scope": {"read"}})
	readStatuses := grant(url.Values{"grant_type": {"password"}, "username": {"judy"}, "password": {password}, "scope": {"read:statuses"}})
	write := grant(url.Values{"grant_type": {"password"}, "username": {"judy"}, "password": {password}, "scope": {"write"}})
	cases := []struct {
		name, path, token string
		status            int
		error             string
	}{
		{"app token on a user route", "/test/user", appOnly, 422, "This method requires an authenticated user"},
		{"app token on an app route", "/test/read", appOnly, 200, ""},
		{"read token on a write route", "/test/write", read, 403, "This action is outside the authorized scopes"},
		{"read allows read:statuses", "/test/read", read, 200, ""},
		{"read:statuses alone", "/test/read", readStatuses, 200, ""},
		{"read:statuses is not read", "/test/user", readStatuses, 403, "This action is outside the authorized scopes"},
		{"write token on a write route", "/test/write", write, 200, ""},
		{"no token", "/test/read", "", 401, "The access token is invalid"},
		{"bad token", "/test/read", "garbage", 401, "The access token is invalid"},
	}
	for _, c := range cases {
		status, body := e.get(t, c.path, c.token)
		if status != c.status || (c.error != "" && body["error"] != c.error) {
			t.Errorf("%s: %d %v", c.name, status, body)
		}
		if c.status == 200 && c.token != appOnly && body["username"] != "judy" {
			t.Errorf("%s: account %v", c.name, body)
		}
	}
}
