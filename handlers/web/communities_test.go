package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"net/http"

	"golang.org/x/net/html"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// createCommunity stores a community owned by owner, as the admin command does.
func createCommunity(t *testing.T, s *instancetest.Server, n models.NewCommunity) *models.Account {
	t.Helper()
	g, c, err := n.Build(s.Site(), time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Store().CreateCommunity(t.Context(), g, c); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestCommunitiesPage(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	bob, _ := s.CreateAccount(t, "bob")
	createCommunity(t, s, models.NewCommunity{Name: "closed_club", OwnerID: alice.ID, Closed: true})
	open := createCommunity(t, s, models.NewCommunity{Name: "readers", DisplayName: "Go readers", OwnerID: alice.ID,
		NoteHTML: "<p>Reading <em>Go</em></p>"})
	if _, err := s.Store().Follow(t.Context(), bob.ID, open.ID, store.FollowOptions{}); err != nil {
		t.Fatal(err)
	}

	doc := page(t, s, "/communities", http.StatusOK)
	items := find(doc, func(n *html.Node) bool { return hasClass(n, "community") })
	if len(items) != 2 {
		t.Fatalf("%d communities listed, want 2 (people are not communities)", len(items))
	}
	first := one(t, items[0], "name", func(n *html.Node) bool { return hasClass(n, "p-name") })
	if text(first) != "Go readers" || attr(first, "href") != open.URL {
		t.Errorf("newest first: %q %q", text(first), attr(first, "href"))
	}
	if m := one(t, items[0], "members", func(n *html.Node) bool { return hasClass(n, "members") }); text(m) != "1 member" {
		t.Errorf("members = %q", text(m))
	}
	if em := find(items[0], func(n *html.Node) bool { return n.Data == "em" }); len(em) != 1 {
		t.Error("summary markup lost")
	}
	if !strings.Contains(text(items[0]), "Open") || !strings.Contains(text(items[1]), "Closed") ||
		!strings.Contains(text(items[1]), "0 members") {
		t.Errorf("open/closed: %q / %q", text(items[0]), text(items[1]))
	}
	// Every page links to the list.
	about := page(t, s, "/about", http.StatusOK)
	if links := find(about, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/communities" }); len(links) == 0 {
		t.Error("the about page does not link to /communities")
	}
}

func TestCommunitiesPagePaginates(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	// One key pair for all: generating 41 would dominate the test's time.
	proto, _, err := models.NewCommunity{Name: "proto", OwnerID: alice.ID}.Build(s.Site(), time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	for i := range 41 {
		g := *proto
		g.ID, g.Username = models.NewID(), fmt.Sprintf("c%02d", i)
		s.Site().FillLocalURIs(&g)
		c := &models.Community{AccountID: g.ID, OwnerID: alice.ID, CreatedAt: g.CreatedAt, UpdatedAt: g.CreatedAt}
		if err := s.Store().CreateCommunity(t.Context(), &g, c); err != nil {
			t.Fatal(err)
		}
	}
	doc := page(t, s, "/communities", http.StatusOK)
	if n := len(find(doc, func(n *html.Node) bool { return hasClass(n, "community") })); n != 40 {
		t.Errorf("page 1: %d communities", n)
	}
	next := one(t, doc, "next", func(n *html.Node) bool { return attr(n, "rel") == "next" })
	doc = page(t, s, attr(next, "href"), http.StatusOK)
	if n := len(find(doc, func(n *html.Node) bool { return hasClass(n, "community") })); n != 1 {
		t.Errorf("page 2: %d communities", n)
	}
	if n := find(doc, func(n *html.Node) bool { return attr(n, "rel") == "next" }); len(n) != 0 {
		t.Error("page 2 links to a page 3")
	}
}

func TestCommunityProfilePage(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	alice.DisplayName = "Alice"
	if err := s.Store().UpdateAccount(t.Context(), alice); err != nil {
		t.Fatal(err)
	}
	createCommunity(t, s, models.NewCommunity{Name: "readers", OwnerID: alice.ID, Closed: true,
		Rules: []string{"Be kind", "<b>No</b> spam"}})
	doc := page(t, s, "/@readers", http.StatusOK)
	if b := find(doc, func(n *html.Node) bool { return hasClass(n, "badge") && text(n) == "Community" }); len(b) != 1 {
		t.Error("no Community badge")
	}
	rules := find(one(t, doc, "rules", func(n *html.Node) bool { return hasClass(n, "rules") }),
		func(n *html.Node) bool { return n.Data == "li" })
	if len(rules) != 2 || text(rules[0]) != "Be kind" || text(rules[1]) != "<b>No</b> spam" {
		t.Errorf("rules: %d", len(rules))
	}
	mods := one(t, doc, "moderators", func(n *html.Node) bool { return hasClass(n, "moderators") })
	if a := one(t, mods, "moderator", func(n *html.Node) bool { return n.Data == "a" }); text(a) != "Alice" || attr(a, "href") != alice.URL {
		t.Errorf("moderator link %q %q", text(a), attr(a, "href"))
	}
	if m := one(t, doc, "members", func(n *html.Node) bool { return hasClass(n, "members") }); !strings.HasPrefix(text(m), "0 members · Closed") {
		t.Errorf("members line %q", text(m))
	}
	// A person's page shows none of it.
	doc = page(t, s, "/@alice", http.StatusOK)
	if n := find(doc, func(n *html.Node) bool { return hasClass(n, "community") }); len(n) != 0 {
		t.Error("a person's page shows a community section")
	}
}
