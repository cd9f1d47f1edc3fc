package content

import (
	"context"
	"testing"
)

func TestPlainText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs and breaks", "<p>a<br />b</p><p>c</p>", "a\nb\n\nc"},
		{"entities", "<p>Tom &amp; Jerry &lt;3 &#39;x&#39;</p>", "Tom & Jerry <3 'x'"},
		{"shortened link", "<p>" + link("https://github.com/migueldeicaza/RealityActions", "https://", "github.com/migueldeicaza/Reali", "tyActions") + "</p>",
			"https://github.com/migueldeicaza/RealityActions"},
		{"mention and tag", "<p>" + mention("https://m.example/@bob", "bob") + " " + hashtag("https://m.example", "go", "go") + "</p>", "@bob #go"},
		{"lists", "<ul><li>one</li><li>two</li></ul><p>x</p>", "one\ntwo\n\nx"},
		{"pre kept", "<pre><code>a\n  b\n</code></pre><p>c</p>", "a\n  b\n\nc"},
		{"markup newlines", "<p>a\nb</p>\n<blockquote>\n<p>q</p>\n</blockquote>\n", "a b\n\nq"},
		{"br then newline", "<p>a<br>\nb</p>", "a\nb"},
		{"double br", "a<br><br>b", "a\n\nb"},
		{"spaces kept", "<p>a  b  </p>", "a  b  "},
		{"script dropped", "<script>x()</script><style>p{}</style>y", "y"},
		{"text only", "just text", "just text"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := PlainText(tt.in); got != tt.want {
				t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlainTextRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"hello", "hello"},
		{"a\nb\n\nc", "a\nb\n\nc"},
		{"a\n\n\n\nb", "a\n\nb"},
		{"  padded \n", "padded"},
		{"a \n  indented\n \nb", "a \n  indented\n \nb"},
		{"<b>not bold</b> & 'quotes' \"too\"", "<b>not bold</b> & 'quotes' \"too\""},
		{"@alice @nobody #tag https://github.com/migueldeicaza/RealityActions?x=1&y=2 (https://x.org/a).",
			"@alice @nobody #tag https://github.com/migueldeicaza/RealityActions?x=1&y=2 (https://x.org/a)."},
		{"@alice@remote.example and @bob@remote.example", "@alice and @bob"},
	}
	for _, tt := range tests {
		res, err := Render(context.Background(), tt.in, Plain, testSite, newResolver())
		if err != nil {
			t.Fatal(err)
		}
		if got := PlainText(res.HTML); got != tt.want {
			t.Errorf("PlainText(Render(%q)) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainTextOfMarkdown(t *testing.T) {
	t.Parallel()
	in := "# Title\n\nSome *text* with @alice.\n\n- one\n- two\n\n```\ncode\n  more\n```\n\n> quoted\n> lines"
	res, err := Render(context.Background(), in, Markdown, testSite, newResolver())
	if err != nil {
		t.Fatal(err)
	}
	want := "Title\n\nSome text with @alice.\n\none\ntwo\n\ncode\n  more\n\nquoted\nlines"
	if got := PlainText(res.HTML); got != want {
		t.Errorf("PlainText = %q, want %q (html %s)", got, want, res.HTML)
	}
}
