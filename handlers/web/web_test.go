package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

// page GETs path as a browser and parses the HTML answer.
func page(t *testing.T, s *instancetest.Server, path string, wantStatus int) *html.Node {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
	req.Header.Set("Accept", browser)
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != wantStatus || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET %s: %d %q, want %d HTML", path, resp.StatusCode, resp.Header.Get("Content-Type"), wantStatus)
	}
	doc, err := html.Parse(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// find returns the elements for which match is true, in document order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// text is the text content of n.
func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

// one returns the single element matching, failing the test otherwise.
func one(t *testing.T, doc *html.Node, what string, match func(*html.Node) bool) *html.Node {
	t.Helper()
	got := find(doc, match)
	if len(got) != 1 {
		t.Fatalf("%s: found %d elements, want 1", what, len(got))
	}
	return got[0]
}

func TestStylesheet(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	resp, err := s.Client.Get(s.URL + "/static/stoa.css")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(string(body), "body {") {
		t.Fatalf("stylesheet: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, path := range []string{"/static/", "/static/missing.css"} {
		resp, err := s.Client.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestAboutPage(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	s.CreateAccount(t, "alice")
	s.CreateAccount(t, "bob")
	doc := page(t, s, "/about", http.StatusOK)
	if h1 := one(t, doc, "h1", func(n *html.Node) bool { return n.Data == "h1" }); text(h1) != s.Site().Host() {
		t.Errorf("h1 = %q, want %q", text(h1), s.Site().Host())
	}
	// Two people; the instance actor is not a user.
	if u := one(t, doc, "users", func(n *html.Node) bool { return hasClass(n, "users") }); text(u) != "2" {
		t.Errorf("users = %q, want 2", text(u))
	}
	if v := one(t, doc, "version", func(n *html.Node) bool { return hasClass(n, "version") }); text(v) == "" {
		t.Error("no version")
	}
	alt := one(t, doc, "alternate link", func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "alternate" })
	if attr(alt, "href") != s.URL+"/actor" {
		t.Errorf("alternate = %q", attr(alt, "href"))
	}
}

func TestUnknownProfileIsHTML404(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	for _, name := range []string{"nobody", models.InstanceActorUsername} {
		doc := page(t, s, "/@"+name, http.StatusNotFound)
		if h1 := one(t, doc, "h1", func(n *html.Node) bool { return n.Data == "h1" }); text(h1) != "Not found" {
			t.Errorf("/@%s: h1 = %q", name, text(h1))
		}
	}
}
