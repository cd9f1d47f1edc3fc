package web_test

import (
	"net/http"
	"testing"

	"golang.org/x/net/html"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

func TestProfilePage(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	a, _ := s.CreateAccount(t, "Alice")
	a.DisplayName = "Alice <A.>"
	a.Note = `<p>Hello <em>world</em></p>`
	a.AvatarURL = s.URL + "/media/a.png"
	a.Fields = []models.Field{
		{Name: "Site", Value: "https://alice.example/"},
		{Name: "Motto", Value: "<script>alert(1)</script>"},
	}
	if err := s.Store().UpdateAccount(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	doc := page(t, s, "/@alice", http.StatusOK) // case-insensitive

	if h1 := one(t, doc, "h1", func(n *html.Node) bool { return n.Data == "h1" }); text(h1) != "Alice <A.>" {
		t.Errorf("h1 = %q", text(h1))
	}
	handle := one(t, doc, "handle", func(n *html.Node) bool { return hasClass(n, "u-url") })
	if text(handle) != "@Alice@"+s.Site().Host() || attr(handle, "href") != s.URL+"/@Alice" || attr(handle, "rel") != "me" {
		t.Errorf("handle link: %q href %q rel %q", text(handle), attr(handle, "href"), attr(handle, "rel"))
	}
	alt := one(t, doc, "alternate link", func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "alternate" })
	if attr(alt, "type") != "application/activity+json" || attr(alt, "href") != s.URL+"/users/Alice" {
		t.Errorf("alternate link: type %q href %q", attr(alt, "type"), attr(alt, "href"))
	}
	// The note is sanitised HTML: its markup is kept, not escaped.
	note := one(t, doc, "note", func(n *html.Node) bool { return hasClass(n, "p-note") })
	if em := find(note, func(n *html.Node) bool { return n.Data == "em" }); len(em) != 1 || text(em[0]) != "world" {
		t.Errorf("note markup lost: %q", text(note))
	}
	// Fields: a URL becomes a rel="me" link; other values stay text.
	dts := find(doc, func(n *html.Node) bool { return n.Data == "dt" })
	dds := find(doc, func(n *html.Node) bool { return n.Data == "dd" })
	if len(dts) != 2 || len(dds) != 2 || text(dts[0]) != "Site" || text(dts[1]) != "Motto" {
		t.Fatalf("fields: %d dt, %d dd", len(dts), len(dds))
	}
	link := one(t, dds[0], "field link", func(n *html.Node) bool { return n.Data == "a" })
	if attr(link, "href") != "https://alice.example/" || attr(link, "rel") != "me nofollow noopener noreferrer" {
		t.Errorf("field link: href %q rel %q", attr(link, "href"), attr(link, "rel"))
	}
	if text(dds[1]) != "<script>alert(1)</script>" || len(find(doc, func(n *html.Node) bool { return n.Data == "script" })) != 0 {
		t.Errorf("field value not escaped: %q", text(dds[1]))
	}
	img := one(t, doc, "avatar", func(n *html.Node) bool { return n.Data == "img" })
	if attr(img, "src") != s.URL+"/media/a.png" {
		t.Errorf("avatar src %q", attr(img, "src"))
	}
}

func TestProfilePageDefaults(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	s.CreateAccount(t, "bob")
	doc := page(t, s, "/@bob", http.StatusOK)
	// Without a display name the username is shown; no empty note or fields.
	if h1 := one(t, doc, "h1", func(n *html.Node) bool { return n.Data == "h1" }); text(h1) != "bob" {
		t.Errorf("h1 = %q", text(h1))
	}
	for _, tag := range []string{"dl", "img"} {
		if n := find(doc, func(n *html.Node) bool { return n.Data == tag }); len(n) != 0 {
			t.Errorf("unexpected <%s>", tag)
		}
	}
	if n := find(doc, func(n *html.Node) bool { return hasClass(n, "p-note") }); len(n) != 0 {
		t.Error("empty note rendered")
	}
}
