package oauth_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/handlers/oauth"
	"github.com/stoa-social/stoa/models"
)

const callback = "https://app.example/callback"

// The whole browser flow, as a Mastodon app drives it: register with
// go-mastodon, sign in and authorize through the HTML forms, exchange the
// code with go-mastodon, then call an authenticated endpoint.
func TestAuthorizationCodeFlow(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	e.createUser(t, "alice")
	app := e.registerApp(t, callback+"\nhttps://app.example/other", "read write follow")

	b := newBrowser(t)
	resp, page := b.do(http.MethodGet, e.authorizeURL(app, callback, "read write", url.Values{"state": {"xyz 1"}}), nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Test App") {
		t.Fatalf("sign-in page: %d\n%s", resp.StatusCode, page)
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/;"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %s", cookie, want)
		}
	}
	resp, page = b.signIn(page, "alice", password)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("consent page: %d\n%s", resp.StatusCode, page)
	}
	if got := elementText(t, page, "scopes"); !strings.Contains(got, "read") || !strings.Contains(got, "write") {
		t.Errorf("scopes listed = %q", got)
	}
	if h := resp.Header.Get("X-Frame-Options"); h != "DENY" {
		t.Errorf("X-Frame-Options = %q", h)
	}
	resp, _ = b.decide(page, "authorize")
	code, state := codeFrom(t, resp, callback+"?")
	if code == "" || state != "xyz 1" {
		t.Fatalf("code %q state %q", code, state)
	}

	c := e.client(app)
	if err := c.AuthenticateToken(context.Background(), code, callback); err != nil {
		t.Fatalf("exchange code: %v", err)
	}
	v, err := c.VerifyAppCredentials(context.Background())
	if err != nil {
		t.Fatalf("verify app credentials: %v", err)
	}
	if v.Name != "Test App" || v.Website != "https://app.example" {
		t.Errorf("verify_credentials = %+v", v)
	}
	tok, err := e.Store.TokenBySecret(context.Background(), c.Config.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Scopes != "read write" || tok.Account == nil || tok.Account.Username != "alice" {
		t.Errorf("stored token: scopes %q account %+v", tok.Scopes, tok.Account)
	}
	if tok.TokenHash == c.Config.AccessToken || tok.TokenHash != models.HashSecret(c.Config.AccessToken) {
		t.Error("token is not stored hashed")
	}

	// Signed in now: a second authorization goes straight to consent.
	resp, page = b.do(http.MethodGet, e.authorizeURL(app, callback, "read", nil), nil)
	if _, vals := form(t, page, "authorize"); resp.StatusCode != 200 || vals.Get("scope") != "read" {
		t.Fatalf("second authorization: %d %v", resp.StatusCode, vals)
	}
	// force_login shows the sign-in page again.
	_, page = b.do(http.MethodGet, e.authorizeURL(app, callback, "read", url.Values{"force_login": {"true"}}), nil)
	form(t, page, "sign-in")
}

func TestOutOfBandCode(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	e.createUser(t, "bob")
	app := e.registerApp(t, "", "read") // go-mastodon's default is the oob URN
	b := newBrowser(t)
	resp, page := b.authorize(e.authorizeURL(app, models.OOBRedirectURI, "read", nil), "bob@example.com")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("oob page: %d\n%s", resp.StatusCode, page)
	}
	code := elementText(t, page, "code")
	if len(code) != 43 {
		t.Fatalf("code on page = %q\n%s", code, page)
	}
	c := e.client(app)
	if err := c.AuthenticateToken(context.Background(), code, models.OOBRedirectURI); err != nil {
		t.Fatalf("exchange oob code: %v", err)
	}
	if _, err := c.VerifyAppCredentials(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestDenyRedirectsWithError(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	e.createUser(t, "carol")
	app := e.registerApp(t, callback, "read")
	b := newBrowser(t)
	_, page := b.do(http.MethodGet, e.authorizeURL(app, callback, "read", url.Values{"state": {"s1"}}), nil)
	_, page = b.signIn(page, "carol", password)
	resp, _ := b.decide(page, "deny")
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc.Query().Get("error") != "access_denied" ||
		loc.Query().Get("state") != "s1" || loc.Query().Get("code") != "" {
		t.Fatalf("deny: %d %s", resp.StatusCode, loc)
	}
}

func pkcePair(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func TestPKCE(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{})
	e.createUser(t, "dave")
	app := e.registerApp(t, callback, "read")
	verifier := strings.Repeat("v", 20) + "-._~" + strings.Repeat("9", 30)
	cases := []struct {
		name, challenge, method, verifier string
		wantOK                            bool
	}{
		{"S256", pkcePair(verifier), "S256", verifier, true},
		{"S256 wrong verifier", pkcePair(verifier), "S256", verifier + "x", false},
		{"S256 verifier missing", pkcePair(verifier), "S256", "", false},
		{"plain", verifier, "plain", verifier, true},
		{"plain by default", verifier, "", verifier, true},
		{"plain wrong verifier", verifier, "plain", strings.Repeat("w", 43), false},
		{"S256 given the challenge as verifier", pkcePair(verifier), "S256", pkcePair(verifier), false},
	}
	b := newBrowser(t)
	_, page := b.do(http.MethodGet, e.authorizeURL(app, callback, "read", nil), nil)
	b.signIn(page, "dave", password)
	for _, c := range cases {
		extra := url.Values{"code_challenge": {c.challenge}}
		if c.method != "" {
			extra.Set("code_challenge_method", c.method)
		}
		_, page := b.do(http.MethodGet, e.authorizeURL(app, callback, "read", extra), nil)
		resp, _ := b.decide(page, "authorize")
		code, _ := codeFrom(t, resp, callback)
		status, body := e.exchange(t, app, code, callback, c.verifier)
		if c.wantOK && (status != 200 || body["access_token"] == nil || body["token_type"] != "Bearer") {
			t.Errorf("%s: %d %v", c.name, status, body)
		}
		if !c.wantOK && (status != 400 || body["error"] != "invalid_grant") {
			t.Errorf("%s: %d %v, want 400 invalid_grant", c.name, status, body)
		}
	}
}
