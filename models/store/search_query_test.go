package store

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSearch(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want searchQuery
		fts  string
	}{
		{`cats dogs`, searchQuery{Terms: []searchTerm{{Text: "cats"}, {Text: "dogs"}}}, `("cats" AND "dogs")`},
		{`"red fox" -lazy -"brown dog" +quick`,
			searchQuery{Terms: []searchTerm{{Text: "red fox"}, {Text: "lazy", Negated: true},
				{Text: "brown dog", Negated: true}, {Text: "quick"}}},
			`("red fox" AND "quick") NOT ("lazy" OR "brown dog")`},
		{`from:@alice  FROM:bob@b.example -from:me has:media -IS:reply language:en in:library from: x`,
			searchQuery{Terms: []searchTerm{{Text: "x"}},
				From: []searchOp{{Name: "from", Value: "@alice"}, {Name: "from", Value: "bob@b.example"},
					{Name: "from", Value: "me", Negated: true}},
				Ops: []searchOp{{Name: "has", Value: "media"}, {Name: "is", Value: "reply", Negated: true},
					{Name: "language", Value: "en"}, {Name: "in", Value: "library"}}},
			`("x")`},
		{`AND OR NOT * NEAR(a b) "unbalanced`,
			searchQuery{Terms: []searchTerm{{Text: "AND"}, {Text: "OR"}, {Text: "NOT"}, {Text: "NEAR(a"},
				{Text: "b)"}, {Text: "unbalanced"}}},
			`("AND" AND "OR" AND "NOT" AND "NEAR(a" AND "b)" AND "unbalanced")`},
		{`a"b""c`, searchQuery{Terms: []searchTerm{{Text: "a"}, {Text: "b"}, {Text: "c"}}}, `("a" AND "b" AND "c")`},
		{"x x X -x \"\" - -- % ' \x00 ‽ 🙂 dé:ja", searchQuery{Terms: []searchTerm{{Text: "x"}, {Text: "X"},
			{Text: "x", Negated: true}, {Text: "dé:ja"}}}, `("x" AND "X" AND "dé:ja") NOT ("x")`},
		{`-only -excluded`, searchQuery{Terms: []searchTerm{{Text: "only", Negated: true},
			{Text: "excluded", Negated: true}}}, `("only" OR "excluded")`},
	} {
		got := parseSearch(c.in)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("parseSearch(%q) (-want +got):\n%s", c.in, diff)
		}
		if len(got.Terms) > 0 {
			if fts, _ := got.fts5(); fts != c.fts {
				t.Errorf("fts5 of %q = %s, want %s", c.in, fts, c.fts)
			}
		}
	}
	if n := len(parseSearch(strings.Repeat("w ", 30) + "v").Terms); n != 2 {
		t.Errorf("a repeated word: %d terms, want 2", n)
	}
	var many []string
	for i := range 40 {
		many = append(many, strings.Repeat("z", i+1))
	}
	if n := len(parseSearch(strings.Join(many, " ")).Terms); n != searchMaxTerms {
		t.Errorf("%d terms kept, want at most %d", n, searchMaxTerms)
	}
}

func TestHTMLSearchText(t *testing.T) {
	t.Parallel()
	in := `<p>Caf&eacute; <a href="https://x.example/tags/hidden" class="mention hashtag">#<span>Tag</span></a>` +
		`</p><p>next<br>line <a href="https://x.example/p"><span class="invisible">https://</span>` +
		`<span class="ellipsis">x.example/lo</span><span class="invisible">ng</span></a></p><script>evil()</script>`
	want := ` Café #Tag  next line https://x.example/long `
	if got := htmlSearchText(in); got != want {
		t.Errorf("htmlSearchText = %q, want %q", got, want)
	}
	if got := htmlSearchText("plain & simple"); got != "plain & simple" {
		t.Errorf("plain text changed: %q", got)
	}
}
