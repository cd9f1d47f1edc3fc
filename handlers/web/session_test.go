package web_test

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/stoa-social/stoa/models"
)

// TestHeaderSignIn: the site header offers "Sign in" (back to the page)
// to a visitor, "New community" and "Sign out" to a signed-in user, and
// nothing of it when sign-in is not wired.
func TestHeaderSignIn(t *testing.T) {
	t.Parallel()
	sessions := fakeSessions{users: map[string]*models.User{}}
	s, srv := formServer(t, sessions)
	alice, user := s.CreateAccount(t, "alice")
	user.Account = alice
	sessions.users["alice"] = user
	header := func(doc *html.Node) *html.Node {
		return one(t, doc, "header", func(n *html.Node) bool { return n.Data == "header" })
	}

	resp, doc := send(t, srv, http.MethodGet, "/communities?page=1", "", nil)
	signIn := one(t, header(doc), "sign-in link", func(n *html.Node) bool { return hasClass(n, "sign-in") })
	if attr(signIn, "href") != "/auth/sign_in?return_to=%2Fcommunities%3Fpage%3D1" ||
		len(find(doc, func(n *html.Node) bool { return n.Data == "form" })) != 0 ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "form-action 'none'") ||
		resp.Header.Get("Cache-Control") != "" || resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("anonymous header: link %q, CSP %q, Cache-Control %q, Set-Cookie %q", attr(signIn, "href"),
			resp.Header.Get("Content-Security-Policy"), resp.Header.Get("Cache-Control"), resp.Header.Get("Set-Cookie"))
	}

	resp, doc = send(t, srv, http.MethodGet, "/@alice", "alice", nil)
	h := header(doc)
	out := one(t, h, "sign-out form", func(n *html.Node) bool { return n.Data == "form" })
	token := one(t, out, "token", func(n *html.Node) bool { return attr(n, "name") == "csrf_token" })
	back := one(t, out, "return_to", func(n *html.Node) bool { return attr(n, "name") == "return_to" })
	if attr(out, "action") != "/auth/sign_out" || attr(out, "method") != "post" || attr(token, "value") != "token-alice" ||
		attr(back, "value") != "/@alice" || !strings.Contains(text(h), "@alice") {
		t.Errorf("sign-out form: action %q, token %q, return_to %q, header %q",
			attr(out, "action"), attr(token, "value"), attr(back, "value"), text(h))
	}
	if n := find(h, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/communities/new" }); len(n) != 1 {
		t.Error("no New community link for a signed-in user")
	}
	if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "form-action 'self'") ||
		resp.Header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("signed-in page: CSP %q, Cache-Control %q", resp.Header.Get("Content-Security-Policy"), resp.Header.Get("Cache-Control"))
	}

	_, bare := formServer(t, nil)
	if _, doc := send(t, bare, http.MethodGet, "/communities", "alice", nil); len(find(header(doc), func(n *html.Node) bool {
		return hasClass(n, "sign-in") || n.Data == "form"
	})) != 0 {
		t.Error("sign-in offered without Sessions")
	}
}
