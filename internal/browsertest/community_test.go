package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// TestCreateCommunityInBrowser follows the link on /communities/new to the
// web sign-in, comes back signed in, creates a community through the form,
// lands on its page, then signs out from the header.
func TestCreateCommunityInBrowser(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")

	do(t, tab, "open the form signed out, follow the sign-in link",
		chromedp.Navigate(s.URL+"/communities/new"),
		chromedp.Click(chromedp.CSS("p.signin a")),
		chromedp.WaitVisible(chromedp.CSS("form#sign-in")))
	do(t, tab, "sign in",
		chromedp.SendKeys(chromedp.CSS("#login"), "alice"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("form#sign-in button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("input#name")))
	if got := text(t, tab, "header .account"); !strings.Contains(got, "@alice") {
		t.Errorf("header after sign-in = %q, want @alice", got)
	}

	do(t, tab, "create a community",
		chromedp.SendKeys(chromedp.CSS("#name"), "readers"),
		chromedp.SendKeys(chromedp.CSS("#display_name"), "Go readers"),
		chromedp.SendKeys(chromedp.CSS("#summary"), "Reading Go together"),
		chromedp.SendKeys(chromedp.CSS("#rules"), "Be kind"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("section.community")))
	checks := []struct{ what, got, want string }{
		{"page", get(t, tab, "location", chromedp.Location()), s.Site().ProfileURL("readers")},
		{"name", text(t, tab, "h1.p-name"), "Go readers"},
		{"rules", text(t, tab, "ol.rules"), "Be kind"},
		{"moderator", text(t, tab, "ul.moderators a"), "alice"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("community %s = %q, want %q", c.what, c.got, c.want)
		}
	}
	screenshot(t, tab, shotDir(t), "community_created")
	g, err := s.Store().AccountByUsername(context.Background(), "readers", "")
	if err != nil {
		t.Fatal(err)
	}
	if c, err := s.Store().Community(context.Background(), g.ID); err != nil || c.OwnerID != alice.ID {
		t.Errorf("community %+v (%v), want owned by alice", c, err)
	}

	do(t, tab, "sign out",
		chromedp.Click(chromedp.CSS("form#sign-out button")),
		chromedp.WaitVisible(chromedp.CSS("header a.sign-in")))
	if got := get(t, tab, "location", chromedp.Location()); got != s.Site().ProfileURL("readers") {
		t.Errorf("after sign-out at %q, want the community page", got)
	}
}
