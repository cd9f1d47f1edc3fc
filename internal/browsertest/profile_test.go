package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// TestProfilePage loads /@alice in Chromium and reads the rendered name,
// handle, profile link and title from the DOM.
func TestProfilePage(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	alice.DisplayName = "Alice Liddell"
	if err := s.Store().UpdateAccount(context.Background(), alice); err != nil {
		t.Fatal(err)
	}

	do(t, tab, "open profile",
		chromedp.Navigate(s.URL+"/@alice"),
		chromedp.WaitVisible(chromedp.CSS("h1.p-name")))
	link := get(t, tab, "profile link", chromedp.AttributeValue(chromedp.CSS(".handle a.u-url"), "href"))
	wantHandle := "@alice@" + s.Site().Host()
	checks := []struct{ what, got, want string }{
		{"name", text(t, tab, "h1.p-name"), "Alice Liddell"},
		{"handle", text(t, tab, ".handle a.u-url"), wantHandle},
		{"profile link", link.Value, s.Site().ProfileURL("alice")},
		{"title", get(t, tab, "title", chromedp.Title()), "Alice Liddell (" + wantHandle + ")"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	screenshot(t, tab, shotDir(t), "profile")
}
