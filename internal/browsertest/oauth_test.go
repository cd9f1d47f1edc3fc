package browsertest

import (
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// shotDir is where screenshots go: t.TempDir(), or STOA_SCREENSHOT_DIR when
// set (to keep them for a look after the test).
func shotDir(t *testing.T) string {
	if d := os.Getenv("STOA_SCREENSHOT_DIR"); d != "" {
		return d
	}
	return t.TempDir()
}

// TestOAuthOutOfBandFlow signs in, authorizes and reads the out-of-band
// code in Chromium, then exchanges the code for a token over plain HTTP and
// uses the token: the whole flow a desktop client's user goes through.
func TestOAuthOutOfBandFlow(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	a := createApp(t, s)
	dir := shotDir(t)

	authURL := s.URL + "/oauth/authorize?" + url.Values{"response_type": {"code"},
		"client_id": {a.ClientID}, "redirect_uri": {oob}, "scope": {"read"}}.Encode()
	do(t, tab, "open sign-in page",
		chromedp.Navigate(authURL),
		chromedp.WaitVisible(chromedp.CSS("form#sign-in")))
	if got, want := text(t, tab, "h1"), "Sign in to "+s.Site().Host(); got != want {
		t.Errorf("sign-in heading %q, want %q", got, want)
	}
	screenshot(t, tab, dir, "sign_in")

	do(t, tab, "sign in",
		chromedp.SendKeys(chromedp.CSS("#login"), "alice"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("form#sign-in button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#approve")))
	if got, want := text(t, tab, "h1"), "Authorize Browser Test"; got != want {
		t.Errorf("consent heading %q, want %q", got, want)
	}
	if scopes := text(t, tab, "#scopes"); !strings.HasPrefix(scopes, "read") {
		t.Errorf("consent page scopes %q, want read listed", scopes)
	}
	screenshot(t, tab, dir, "authorize")

	do(t, tab, "authorize",
		chromedp.Click(chromedp.CSS("#approve")),
		chromedp.WaitVisible(chromedp.CSS("#code")))
	code := text(t, tab, "#code")
	if code == "" {
		t.Fatal("code page shows no code")
	}
	screenshot(t, tab, dir, "code")

	token := exchange(t, s, a, code)
	var me struct{ ID, Username, Acct string }
	getJSON(t, s, "/api/v1/accounts/verify_credentials", token, &me)
	if me.ID != alice.ID || me.Username != "alice" || me.Acct != "alice" {
		t.Errorf("verify_credentials = %+v, want alice (id %s)", me, alice.ID)
	}
}

// exchange trades an authorization code for an access token over plain
// HTTP, as the client app would.
func exchange(t *testing.T, s *instancetest.Server, a app, code string) string {
	t.Helper()
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		Scope       string `json:"scope"`
	}
	postForm(t, s, "/oauth/token", url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"client_id": {a.ClientID}, "client_secret": {a.ClientSecret}, "redirect_uri": {oob}}, &tok)
	if tok.AccessToken == "" || !strings.EqualFold(tok.TokenType, "Bearer") || tok.Scope != "read" {
		t.Fatalf("token answer %+v, want a Bearer token with scope read", tok)
	}
	return tok.AccessToken
}
