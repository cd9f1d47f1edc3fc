package oauth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/oauth"
	"github.com/stoa-social/stoa/models"
)

// signedInCode authorizes authURL in b, signing in as login first if
// needed, and returns the code.
func signedInCode(t *testing.T, b *browser, authURL, login string) string {
	t.Helper()
	resp, page := b.do(http.MethodGet, authURL, nil)
	if strings.Contains(page, `id="sign-in"`) {
		resp, page = b.signIn(page, login, password)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("consent: %d\n%s", resp.StatusCode, page)
	}
	resp, _ = b.decide(page, "authorize")
	code, _ := codeFrom(t, resp, callback)
	return code
}

func TestCodeIsSingleUseAndBound(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{})
	e.createUser(t, "erin")
	app := e.registerApp(t, callback+" https://app.example/two", "read write")
	other := e.registerApp(t, callback, "read write")
	b := newBrowser(t)
	authURL := e.authorizeURL(app, callback, "read", nil)

	t.Run("reuse fails and revokes the first token", func(t *testing.T) {
		code := signedInCode(t, b, authURL, "erin")
		status, first := e.exchange(t, app, code, callback, "")
		if status != 200 || first["scope"] != "read" {
			t.Fatalf("first exchange: %d %v", status, first)
		}
		if status, body := e.get(t, "/test/read", first["access_token"].(string)); status != 200 || body["username"] != "erin" {
			t.Fatalf("first token: %d %v", status, body)
		}
		status, body := e.exchange(t, app, code, callback, "")
		if status != 400 || body["error"] != "invalid_grant" || body["error_description"] == "" {
			t.Fatalf("second exchange: %d %v", status, body)
		}
		if status, _ := e.get(t, "/test/read", first["access_token"].(string)); status != 401 {
			t.Errorf("token of a replayed code: %d, want 401", status)
		}
	})
	t.Run("expired", func(t *testing.T) {
		code := signedInCode(t, b, authURL, "erin")
		e.clock.Advance(models.CodeLifetime + time.Second)
		status, body := e.exchange(t, app, code, callback, "")
		if status != 400 || body["error"] != "invalid_grant" || !strings.Contains(body["error_description"].(string), "expired") {
			t.Fatalf("expired code: %d %v", status, body)
		}
	})
	t.Run("still valid just before expiry", func(t *testing.T) {
		code := signedInCode(t, b, authURL, "erin")
		e.clock.Advance(models.CodeLifetime - time.Second)
		if status, body := e.exchange(t, app, code, callback, ""); status != 200 {
			t.Fatalf("code within its lifetime: %d %v", status, body)
		}
	})
	t.Run("redirect_uri mismatch", func(t *testing.T) {
		code := signedInCode(t, b, authURL, "erin")
		for _, uri := range []string{"https://app.example/two", "", callback + "/"} {
			if status, body := e.exchange(t, app, code, uri, ""); status != 400 || body["error"] != "invalid_grant" {
				t.Errorf("redirect_uri %q: %d %v", uri, status, body)
			}
		}
		if status, _ := e.exchange(t, app, code, callback, ""); status != 200 {
			t.Errorf("failed attempts burned the code: %d", status)
		}
	})
	t.Run("another client's code", func(t *testing.T) {
		code := signedInCode(t, b, authURL, "erin")
		if status, body := e.exchange(t, other, code, callback, ""); status != 400 || body["error"] != "invalid_grant" {
			t.Errorf("other client: %d %v", status, body)
		}
	})
	t.Run("unknown code", func(t *testing.T) {
		if status, body := e.exchange(t, app, models.NewSecret(), callback, ""); status != 400 || body["error"] != "invalid_grant" {
			t.Errorf("unknown code: %d %v", status, body)
		}
	})
}

// Requests whose client or redirect URI is wrong are shown as a page and
// never redirected; later problems go back to the registered URI.
func TestAuthorizeRequestErrors(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{})
	app := e.registerApp(t, callback, "read")
	cases := []struct {
		name      string
		params    url.Values
		status    int
		wantError string // in the page, or the error= of the redirect
	}{
		{"unknown client", url.Values{"client_id": {"nope"}}, 400, "invalid_client"},
		{"unregistered redirect", url.Values{"redirect_uri": {"https://evil.example/cb"}}, 400, "invalid_request"},
		{"redirect prefix", url.Values{"redirect_uri": {callback + "/x"}}, 400, "invalid_request"},
		{"bad response_type", url.Values{"response_type": {"token"}}, 302, "unsupported_response_type"},
		{"scope beyond the app", url.Values{"scope": {"read write"}}, 302, "invalid_scope"},
		{"unknown scope", url.Values{"scope": {"read:everything"}}, 302, "invalid_scope"},
		{"bad challenge method", url.Values{"code_challenge": {strings.Repeat("a", 43)}, "code_challenge_method": {"S512"}}, 302, "invalid_request"},
		{"short challenge", url.Values{"code_challenge": {"abc"}}, 302, "invalid_request"},
	}
	for _, c := range cases {
		v := url.Values{"response_type": {"code"}, "client_id": {app.ClientID}, "redirect_uri": {callback}, "state": {"st"}}
		for k, x := range c.params {
			v[k] = x
		}
		resp, page := newBrowser(t).do(http.MethodGet, e.URL+"/oauth/authorize?"+v.Encode(), nil)
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.name, resp.StatusCode, c.status)
			continue
		}
		if c.status == 302 {
			loc, _ := url.Parse(resp.Header.Get("Location"))
			if !strings.HasPrefix(loc.String(), callback+"?") || loc.Query().Get("error") != c.wantError || loc.Query().Get("state") != "st" {
				t.Errorf("%s: redirect %s", c.name, loc)
			}
			continue
		}
		if resp.Header.Get("Location") != "" || !strings.Contains(elementText(t, page, "error"), c.wantError) {
			t.Errorf("%s: location %q page %s", c.name, resp.Header.Get("Location"), page)
		}
	}
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	e.createUser(t, "frank")
	app := e.registerApp(t, callback, "read")
	b := newBrowser(t)
	authURL := e.authorizeURL(app, callback, "read", nil)
	_, page := b.do(http.MethodGet, authURL, nil)
	action, vals := form(t, page, "sign-in")
	vals.Set("login", "frank")
	vals.Set("password", password)

	for _, token := range []string{"", "forged"} {
		bad := url.Values{}
		for k, v := range vals {
			bad[k] = v
		}
		bad.Set("csrf_token", token)
		if resp, _ := b.do(http.MethodPost, action, bad); resp.StatusCode != http.StatusForbidden {
			t.Errorf("sign-in with csrf_token %q: %d, want 403", token, resp.StatusCode)
		}
	}
	// Another browser's valid token does not fit this one's session.
	_, otherPage := newBrowser(t).do(http.MethodGet, authURL, nil)
	_, otherVals := form(t, otherPage, "sign-in")
	vals2 := url.Values{}
	for k, v := range vals {
		vals2[k] = v
	}
	vals2.Set("csrf_token", otherVals.Get("csrf_token"))
	if resp, _ := b.do(http.MethodPost, action, vals2); resp.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with another session's token: %d, want 403", resp.StatusCode)
	}

	_, page = b.signIn(page, "frank", password)
	action, vals = form(t, page, "authorize")
	vals.Set("decision", "authorize")
	vals.Del("csrf_token")
	if resp, _ := b.do(http.MethodPost, action, vals); resp.StatusCode != http.StatusForbidden || resp.Header.Get("Location") != "" {
		t.Errorf("authorize without csrf_token: %d, want 403", resp.StatusCode)
	}
	// A cross-site POST carries no cookie (SameSite=Lax): refused too.
	vals.Set("csrf_token", "x")
	if resp, _ := newBrowser(t).do(http.MethodPost, action, vals); resp.StatusCode != http.StatusForbidden {
		t.Errorf("authorize without session: %d, want 403", resp.StatusCode)
	}
}

func TestSignInWrongPassword(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	e.createUser(t, "gina")
	app := e.registerApp(t, callback, "read")
	b := newBrowser(t)
	_, page := b.do(http.MethodGet, e.authorizeURL(app, callback, "read", nil), nil)
	for _, login := range []string{"gina", "nobody", "gina@example.com"} {
		action, vals := form(t, page, "sign-in")
		vals.Set("login", login)
		vals.Set("password", "wrong password")
		resp, again := b.do(http.MethodPost, action, vals)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(elementText(t, again, "error"), "Invalid") {
			t.Fatalf("%s: %d\n%s", login, resp.StatusCode, again)
		}
		if _, v := form(t, again, "sign-in"); v.Get("login") != login || v.Get("next") != vals.Get("next") {
			t.Errorf("%s: form not refilled: %v", login, v)
		}
		page = again
	}
	// The right password still works afterwards.
	if resp, page := b.signIn(page, "GINA", password); resp.StatusCode != 200 || !strings.Contains(page, `id="authorize"`) {
		t.Fatalf("sign in after failures: %d", resp.StatusCode)
	}
}
