package content

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRenderMarkdown(t *testing.T) {
	t.Parallel()
	res := newResolver()
	alice := res.accounts["alice@"]
	aliceHTML := mention(base+"/@alice", "alice")
	tests := []struct {
		name, in, want string
		mentions       []MentionTarget
		tags           []string
	}{
		{"emphasis", "**bold** and *em* and ~~gone~~", "<p><strong>bold</strong> and <em>em</em> and <del>gone</del></p>", nil, nil},
		{"line breaks and paragraphs", "a\nb\n\nc", "<p>a<br />b</p><p>c</p>", nil, nil},
		{"escaping", "it's & < > \"q\"", "<p>it&#39;s &amp; &lt; &gt; &quot;q&quot;</p>", nil, nil},
		{"list", "- one\n- two @alice", "<ul><li>one</li><li>two " + aliceHTML + "</li></ul>", []MentionTarget{alice}, nil},
		{"ordered list with start", "3. a\n4. b", `<ol start="3"><li>a</li><li>b</li></ol>`, nil, nil},
		{"blockquote", "> quote #q\n> more", `<blockquote><p>quote ` + hashtag(base, "q", "q") + `<br />more</p></blockquote>`, nil, []string{"q"}},
		{"fenced code not linked", "```go\n@alice #tag https://x.org <b>\n```\n\nafter",
			"<pre><code>@alice #tag https://x.org &lt;b&gt;\n</code></pre><p>after</p>", nil, nil},
		{"indented code not linked", "    @alice #tag\n", "<pre><code>@alice #tag\n</code></pre>", nil, nil},
		{"code span not linked", "`@alice #tag` @alice", "<p><code>@alice #tag</code> " + aliceHTML + "</p>", []MentionTarget{alice}, nil},
		{"link text not linked", "[@alice #tag](https://x.org)", `<p><a href="https://x.org" target="_blank" rel="nofollow noopener">@alice #tag</a></p>`, nil, nil},
		{"escaped signs not linked", `\#notatag \@alice &amp; &copy;`, "<p>#notatag @alice &amp; ©</p>", nil, nil},
		{"bare url", "see https://x.org/a_b_c.", "<p>see " + link("https://x.org/a_b_c", "https://", "x.org/a_b_c", "") + ".</p>", nil, nil},
		{"autolink", "<https://x.org/a> <me@x.org>", "<p>" + link("https://x.org/a", "https://", "x.org/a", "") + " me@x.org</p>", nil, nil},
		{"image becomes link", "![a cat](https://x.org/c.png)", `<p><a href="https://x.org/c.png" target="_blank" rel="nofollow noopener">a cat</a></p>`, nil, nil},
		{"heading", "# Title #t", "<p><strong>Title " + hashtag(base, "t", "t") + "</strong></p>", nil, []string{"t"}},
		{"raw html dropped", "a <script>alert(1)</script> <b onclick=x>b</b>", "<p>a alert(1) b</p>", nil, nil},
		{"html block dropped", "<script>alert(1)</script>\n\nok", "<p>ok</p>", nil, nil},
		{"javascript link dropped", "[x](javascript:alert(1))", "<p>x</p>", nil, nil},
		{"mention in emphasis", "**@alice**", "<p><strong>" + aliceHTML + "</strong></p>", []MentionTarget{alice}, nil},
		{"underscores in names", "@user_name #a_b_c", "<p>" + mention(base+"/@user_name", "user_name") + " " + hashtag(base, "a_b_c", "a_b_c") + "</p>",
			[]MentionTarget{res.accounts["user_name@"]}, []string{"a_b_c"}},
		{"blank", "\n\n  \n", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Render(context.Background(), tt.in, Markdown, testSite, newResolver())
			if err != nil {
				t.Fatal(err)
			}
			if got.HTML != tt.want {
				t.Errorf("Render(%q)\n got %s\nwant %s", tt.in, got.HTML, tt.want)
			}
			if diff := cmp.Diff(tt.mentions, got.Mentions); diff != "" {
				t.Errorf("Mentions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.tags, got.Tags); diff != "" {
				t.Errorf("Tags (-want +got):\n%s", diff)
			}
			if s := Sanitize(got.HTML); s != got.HTML {
				t.Errorf("Sanitize changed the output:\n got %s\nwant %s", s, got.HTML)
			}
		})
	}
}
