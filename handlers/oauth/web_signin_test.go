package oauth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/oauth"
)

// TestWebSignIn signs in through /auth/sign_in on a whole instance, uses
// the session on a web page and in the OAuth flow, then signs out.
func TestWebSignIn(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	e.createUser(t, "alice")
	b := newBrowser(t)

	resp, page := b.do(http.MethodGet, e.URL+"/auth/sign_in?return_to=%2Fcommunities%2Fnew", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("sign-in page: %d %q\n%s", resp.StatusCode, resp.Header.Get("Cache-Control"), page)
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/;"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %s", cookie, want)
		}
	}
	action, vals := form(t, page, "sign-in")
	if action != e.URL+"/auth/sign_in" || vals.Get("return_to") != "/communities/new" || vals.Has("next") {
		t.Fatalf("form posts to %q with %v", action, vals)
	}

	vals.Set("login", "alice")
	vals.Set("password", "wrong password")
	resp, again := b.do(http.MethodPost, action, vals)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(elementText(t, again, "error"), "Invalid") {
		t.Fatalf("wrong password: %d\n%s", resp.StatusCode, again)
	}
	if _, kept := form(t, again, "sign-in"); kept.Get("return_to") != "/communities/new" || kept.Get("login") != "alice" {
		t.Errorf("the form again lost return_to or login: %v", kept)
	}
	if _, body := b.do(http.MethodGet, e.URL+"/communities/new", nil); strings.Contains(body, `name="name"`) {
		t.Fatal("a wrong password signed in")
	}

	vals.Set("password", password)
	resp, _ = b.do(http.MethodPost, action, vals)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != e.URL+"/communities/new" {
		t.Fatalf("sign in: %d to %q, want 303 to /communities/new", resp.StatusCode, resp.Header.Get("Location"))
	}
	signedIn := b.c.Jar.Cookies(mustParse(t, e.URL+"/"))

	// The web pages see the session: the form, and the header's sign-out.
	resp, page = b.do(http.MethodGet, e.URL+"/communities/new", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `name="name"`) || !strings.Contains(page, "@alice") ||
		resp.Header.Get("Cache-Control") != "private, no-store" {
		t.Fatalf("/communities/new signed in: %d %q\n%s", resp.StatusCode, resp.Header.Get("Cache-Control"), page)
	}
	// So does the OAuth flow: straight to consent.
	app := e.registerApp(t, callback, "read")
	if _, consent := b.do(http.MethodGet, e.authorizeURL(app, callback, "read", nil), nil); !strings.Contains(consent, `id="authorize"`) {
		t.Errorf("authorize after web sign-in shows no consent form:\n%s", consent)
	}

	outAction, out := form(t, page, "sign-out")
	if outAction != "/auth/sign_out" || out.Get("return_to") != "/communities/new" {
		t.Fatalf("sign-out form: %q %v", outAction, out)
	}
	// Without the token, or with another browser's, nobody is signed out.
	_, otherPage := newBrowser(t).do(http.MethodGet, e.URL+"/auth/sign_in", nil)
	_, other := form(t, otherPage, "sign-in")
	for _, token := range []string{"", other.Get("csrf_token")} {
		bad := url.Values{"csrf_token": {token}, "return_to": {"/about"}}
		if resp, _ := b.do(http.MethodPost, e.URL+outAction, bad); resp.StatusCode != http.StatusForbidden {
			t.Errorf("sign out with token %q: %d, want 403", token, resp.StatusCode)
		}
	}
	if _, body := b.do(http.MethodGet, e.URL+"/communities/new", nil); !strings.Contains(body, `name="name"`) {
		t.Fatal("a refused sign-out signed out")
	}

	resp, _ = b.do(http.MethodPost, e.URL+outAction, out)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != e.URL+"/communities/new" {
		t.Fatalf("sign out: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := b.do(http.MethodGet, e.URL+"/communities/new", nil); strings.Contains(body, `name="name"`) ||
		!strings.Contains(body, `href="/auth/sign_in?return_to=%2Fcommunities%2Fnew"`) {
		t.Errorf("after sign-out the page still shows the form or no sign-in link:\n%s", body)
	}
	// The old cookie is worth nothing: its session row is gone.
	replay := newBrowser(t)
	replay.c.Jar.SetCookies(mustParse(t, e.URL+"/"), signedIn)
	if _, body := replay.do(http.MethodGet, e.URL+"/communities/new", nil); strings.Contains(body, `name="name"`) {
		t.Error("the signed-out cookie still signs in")
	}
}

// TestWebSignInCSRF: the sign-in form needs this browser's token, so no
// other site can sign a browser in to an account of its choosing.
func TestWebSignInCSRF(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{})
	e.createUser(t, "bob")
	b := newBrowser(t)
	_, page := b.do(http.MethodGet, e.URL+"/auth/sign_in", nil)
	action, vals := form(t, page, "sign-in")
	vals.Set("login", "bob")
	vals.Set("password", password)
	_, otherPage := newBrowser(t).do(http.MethodGet, e.URL+"/auth/sign_in", nil)
	_, other := form(t, otherPage, "sign-in")
	for name, c := range map[string]struct {
		b     *browser
		token string
	}{"no token": {b, ""}, "another browser's token": {b, other.Get("csrf_token")},
		"no cookie": {newBrowser(t), vals.Get("csrf_token")}} {
		v := url.Values{}
		for k, x := range vals {
			v[k] = x
		}
		v.Set("csrf_token", c.token)
		if resp, _ := c.b.do(http.MethodPost, action, v); resp.StatusCode != http.StatusForbidden || resp.Header.Get("Set-Cookie") != "" {
			t.Errorf("%s: %d (cookie %q), want 403 and no session", name, resp.StatusCode, resp.Header.Get("Set-Cookie"))
		}
	}
}

// TestWebSignInReturnTo: only a path on this site is returned to; anything
// that names another host, or is no path, returns to /about.
func TestWebSignInReturnTo(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{})
	e.createUser(t, "carol")
	for returnTo, want := range map[string]string{
		"/communities?page=2":      "/communities?page=2",
		"https://evil.example/x":   "/about",
		"//evil.example/x":         "/about",
		`/\evil.example`:           "/about",
		"javascript:alert(1)":      "/about",
		"":                         "/about",
		"/x\r\nLocation: //evil.e": "/about",
	} {
		b := newBrowser(t)
		_, page := b.do(http.MethodGet, e.URL+"/auth/sign_in?"+url.Values{"return_to": {returnTo}}.Encode(), nil)
		action, vals := form(t, page, "sign-in")
		if vals.Get("return_to") != want {
			t.Errorf("return_to %q: the form carries %q, want %q", returnTo, vals.Get("return_to"), want)
		}
		// A forged form is checked again on POST.
		vals.Set("return_to", returnTo)
		vals.Set("login", "carol")
		vals.Set("password", password)
		resp, _ := b.do(http.MethodPost, action, vals)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != e.URL+want {
			t.Errorf("return_to %q: %d to %q, want %s", returnTo, resp.StatusCode, resp.Header.Get("Location"), e.URL+want)
		}
	}
}

// TestWebSignInRateLimit: the standalone form and the OAuth one draw on
// one per-IP allowance.
func TestWebSignInRateLimit(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{Requests: 2, Window: time.Minute})
	b := newBrowser(t)
	_, page := b.do(http.MethodGet, e.URL+"/auth/sign_in", nil)
	action, vals := form(t, page, "sign-in")
	vals.Set("login", "nobody")
	vals.Set("password", "whatever it is")
	if resp, _ := b.do(http.MethodPost, action, vals); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("first attempt: %d, want 422", resp.StatusCode)
	}
	if resp, _ := b.do(http.MethodPost, e.URL+"/oauth/authorize/sign_in", vals); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("second attempt, on the OAuth form: %d, want 422", resp.StatusCode)
	}
	resp, _ := b.do(http.MethodPost, action, vals)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("third attempt: %d, want 429 with Retry-After", resp.StatusCode)
	}
	e.clock.Advance(time.Minute)
	if resp, _ := b.do(http.MethodPost, action, vals); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("after the window: %d, want 422", resp.StatusCode)
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
