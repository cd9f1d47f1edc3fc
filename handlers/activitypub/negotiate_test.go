package activitypub

import (
	"net/http/httptest"
	"testing"
)

func TestWantsActivityJSON(t *testing.T) {
	t.Parallel()
	cases := []struct {
		accept []string
		want   bool
	}{
		{[]string{"application/activity+json"}, true},
		{[]string{`application/ld+json; profile="https://www.w3.org/ns/activitystreams"`}, true},
		{[]string{"application/ld+json"}, true},
		{[]string{"application/json"}, true},
		{[]string{"Application/Activity+JSON; charset=utf-8"}, true},
		{[]string{`application/ld+json; profile="a,b", text/html;q=0.5`}, true},
		{[]string{"text/html", "application/activity+json"}, true},
		{[]string{"application/activity+json, application/ld+json, text/html;q=0.1"}, true},
		{nil, false},
		{[]string{""}, false},
		{[]string{"*/*"}, false},
		{[]string{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}, false},
		{[]string{"text/html, application/json;q=0.9"}, false},
		{[]string{"application/activity+json;q=0"}, false},
		{[]string{"garbage;;;=, ???"}, false},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/users/alice", nil)
		for _, a := range c.accept {
			r.Header.Add("Accept", a)
		}
		if got := WantsActivityJSON(r); got != c.want {
			t.Errorf("Accept %q: got %v, want %v", c.accept, got, c.want)
		}
	}
}

func TestFieldValueHTML(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"plain <b>text</b> & more", "plain &lt;b&gt;text&lt;/b&gt; &amp; more"},
		{"https://example.com/a?b=1&c=2",
			`<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="nofollow noopener noreferrer me" translate="no">https://example.com/a?b=1&amp;c=2</a>`},
		{"javascript:alert(1)", "javascript:alert(1)"},
		{`https://x.example/"onmouseover="`, "https://x.example/&#34;onmouseover=&#34;"},
		{"see https://example.com", "see https://example.com"},
	}
	for _, c := range cases {
		if got := FieldValueHTML(c.in); got != c.want {
			t.Errorf("FieldValueHTML(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
