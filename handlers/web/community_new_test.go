package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	"golang.org/x/net/html"

	"github.com/stoa-social/stoa/handlers/web"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// fakeSessions signs in whoever sends the "user" cookie; the CSRF token is
// "token-" + that value.
type fakeSessions struct{ users map[string]*models.User }

func (f fakeSessions) SignedIn(r *http.Request) (*models.User, error) {
	c, err := r.Cookie("user")
	if err != nil {
		return nil, nil
	}
	return f.users[c.Value], nil
}

func (f fakeSessions) CSRFToken(w http.ResponseWriter, r *http.Request) (string, error) {
	c, err := r.Cookie("user")
	if err != nil {
		return "token-anonymous", nil
	}
	return "token-" + c.Value, nil
}

func (f fakeSessions) ValidCSRF(r *http.Request, token string) bool {
	want, _ := f.CSRFToken(nil, r)
	return token == want
}

// formServer serves the web pages with fakeSessions knowing alice.
func formServer(t *testing.T, sessions web.Sessions) (*instancetest.Server, *httptest.Server) {
	t.Helper()
	s := instancetest.New(t)
	r := mux.NewRouter()
	(&web.Handler{Site: s.Site(), Store: s.Store(), Sessions: sessions}).Routes(r)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return s, srv
}

func send(t *testing.T, srv *httptest.Server, method, path, user string, form url.Values) (*http.Response, *html.Node) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if user != "" {
		req.AddCookie(&http.Cookie{Name: "user", Value: user})
	}
	c := *srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := html.Parse(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, doc
}

func TestCreateCommunityForm(t *testing.T) {
	t.Parallel()
	sessions := fakeSessions{users: map[string]*models.User{}}
	s, srv := formServer(t, sessions)
	alice, user := s.CreateAccount(t, "alice")
	user.Account = alice
	sessions.users["alice"] = user

	// Anonymous: no form, an invitation to sign in.
	resp, doc := send(t, srv, http.MethodGet, "/communities/new", "", nil)
	if resp.StatusCode != 200 || len(find(doc, func(n *html.Node) bool { return n.Data == "form" })) != 0 ||
		len(find(doc, func(n *html.Node) bool { return hasClass(n, "signin") })) != 1 {
		t.Fatalf("anonymous GET: %d", resp.StatusCode)
	}
	resp, doc = send(t, srv, http.MethodGet, "/communities/new", "alice", nil)
	main := one(t, doc, "main", func(n *html.Node) bool { return n.Data == "main" }) // not the header's sign-out
	token := one(t, main, "csrf", func(n *html.Node) bool { return attr(n, "name") == "csrf_token" })
	if resp.StatusCode != 200 || attr(token, "value") != "token-alice" ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "form-action 'self'") {
		t.Fatalf("signed-in GET: %d, token %q, CSP %q", resp.StatusCode, attr(token, "value"), resp.Header.Get("Content-Security-Policy"))
	}

	form := url.Values{"csrf_token": {"token-alice"}, "name": {"readers"}, "display_name": {"Go readers"},
		"summary": {"Reading Go #golang"}, "rules": {"Be kind\r\n\r\nNo spam\n"}, "closed": {"1"}}
	bad := url.Values{"name": {"sneaky"}, "csrf_token": {"token-anonymous"}}
	if resp, _ := send(t, srv, http.MethodPost, "/communities/new", "alice", bad); resp.StatusCode != http.StatusForbidden {
		t.Errorf("foreign CSRF token: %d, want 403", resp.StatusCode)
	}
	anon := url.Values{"name": {"sneaky"}, "csrf_token": {"token-anonymous"}}
	if resp, _ := send(t, srv, http.MethodPost, "/communities/new", "", anon); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous POST: %d, want 401", resp.StatusCode)
	}
	if _, err := s.Store().AccountByUsername(t.Context(), "sneaky", ""); err == nil {
		t.Error("a refused form created a community")
	}

	resp, _ = send(t, srv, http.MethodPost, "/communities/new", "alice", form)
	g, err := s.Store().AccountByUsername(t.Context(), "readers", "")
	if err != nil {
		t.Fatalf("POST: %d, no community: %v", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != g.URL {
		t.Errorf("POST: %d to %q, want 303 to %s", resp.StatusCode, resp.Header.Get("Location"), g.URL)
	}
	c, err := s.Store().Community(t.Context(), g.ID)
	if err != nil || c.OwnerID != alice.ID || !c.Closed || strings.Join(c.Rules, "|") != "Be kind|No spam" ||
		g.DisplayName != "Go readers" || !strings.Contains(g.Note, "/tags/golang") {
		t.Errorf("community %+v (%v), account %q %q", c, err, g.DisplayName, g.Note)
	}

	for name, want := range map[string]string{"Readers": "already taken", "bad-name": "must be 1 to 30"} {
		form.Set("name", name)
		resp, doc := send(t, srv, http.MethodPost, "/communities/new", "alice", form)
		msg := one(t, doc, "error", func(n *html.Node) bool { return hasClass(n, "error") })
		kept := one(t, doc, "name field", func(n *html.Node) bool { return attr(n, "id") == "name" })
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text(msg), want) || attr(kept, "value") != name {
			t.Errorf("name %q: %d %q (field %q)", name, resp.StatusCode, text(msg), attr(kept, "value"))
		}
	}
}

// TestCreateCommunityWithoutSessions: with no sign-in wired the form says
// so and posting is refused.
func TestCreateCommunityWithoutSessions(t *testing.T) {
	t.Parallel()
	_, srv := formServer(t, nil)
	resp, doc := send(t, srv, http.MethodGet, "/communities/new", "", nil)
	if resp.StatusCode != 200 || len(find(doc, func(n *html.Node) bool { return n.Data == "form" })) != 0 {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	if resp, _ := send(t, srv, http.MethodPost, "/communities/new", "", url.Values{"name": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST: %d, want 403", resp.StatusCode)
	}
}
