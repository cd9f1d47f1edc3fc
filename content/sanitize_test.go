package content

import "testing"

func TestSanitize(t *testing.T) {
	t.Parallel()
	mastodonMention := `<span class="h-card" translate="no"><a href="https://m.example/@bob" class="u-url mention">@<span>bob</span></a></span>`
	mastodonTag := `<a href="https://m.example/tags/go" class="mention hashtag" rel="tag">#<span>go</span></a>`
	mastodonLink := `<a href="https://x.org/a?b=1&amp;c=2" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="">x.org/a?b=1&amp;c=2</span><span class="invisible"></span></a>`
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"mastodon content unchanged", "<p>" + mastodonMention + " " + mastodonTag + "<br />" + mastodonLink + "</p>",
			"<p>" + mastodonMention + " " + mastodonTag + "<br />" + mastodonLink + "</p>"},
		{"script removed with content", `<p>Hi <script>alert(1)</script>there</p>`, "<p>Hi there</p>"},
		{"style removed with content", `<style>p{color:red}</style><p>x</p>`, "<p>x</p>"},
		{"event handler removed", `<p onclick="steal()" style="x">a</p>`, "<p>a</p>"},
		{"javascript link unwrapped", `<a href="javascript:alert(1)">x</a>`, "x"},
		{"encoded javascript link unwrapped", `<a href="jav&#x61;script:alert(1)">x</a> <a href=" javascript:alert(1)">y</a>`, "x y"},
		{"relative link unwrapped", `<a href="/relative" class="mention">x</a>`, "x"},
		{"data link unwrapped", `<a href="data:text/html,hi">x</a>`, "x"},
		{"link gets target and rel", `<a href="https://x.org">x</a>`, `<a href="https://x.org" target="_blank" rel="nofollow noopener">x</a>`},
		{"link rel and class filtered", `<a target="_self" rel="me noreferrer opener" class="u-url foo" href="https://x.org">x</a>`,
			`<a href="https://x.org" class="u-url" target="_blank" rel="nofollow noopener noreferrer me">x</a>`},
		{"other schemes kept", `<a href="gemini://x.org/">g</a>`, `<a href="gemini://x.org/" target="_blank" rel="nofollow noopener">g</a>`},
		{"pleroma mention", `<span class="h-card"><a class="u-url mention" data-user="9" href="https://p.example/users/bob" rel="ugc">@<span>bob</span></a></span>`,
			`<span class="h-card"><a href="https://p.example/users/bob" class="u-url mention">@<span>bob</span></a></span>`},
		{"classes filtered", `<span class="foo invisible bar ellipsis">x</span><span class="nope">y</span><p class="quote-inline e-content">z</p>`,
			`<span class="invisible ellipsis">x</span><span class="">y</span><p class="quote-inline e-content">z</p>`},
		{"translate only no", `<span translate="yes">a</span><span translate="no">b</span>`, `<span>a</span><span translate="no">b</span>`},
		{"headings become strong paragraphs", `<h1>T</h1><h3 id="x">U</h3>`, `<p><strong>T</strong></p><p><strong>U</strong></p>`},
		{"images and iframes removed", `<img src=x onerror=alert(1)><iframe src="https://x.org">inner</iframe>ok`, "ok"},
		{"unknown elements unwrapped", `<div><table><tr><td>cell</td></tr></table><p>x</p></div>`, "cell<p>x</p>"},
		{"lists keep start and value", `<ol start="3" reversed type="a"><li value="2">x</li></ol>`, `<ol start="3" reversed=""><li value="2">x</li></ol>`},
		{"lang kept when valid", `<p lang="pt-BR">x</p><p lang="&quot;x">y</p>`, `<p lang="pt-BR">x</p><p>y</p>`},
		{"allowed formatting", `<pre><code>a &lt; b</code></pre><blockquote><b>b</b><i>i</i><u>u</u><s>s</s><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></blockquote>`,
			`<pre><code>a &lt; b</code></pre><blockquote><b>b</b><i>i</i><u>u</u><s>s</s><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></blockquote>`},
		{"br forms", `a<br>b<br/>c</br>d`, `a<br />b<br />cd`},
		{"escaping", `<p>&quot;x&quot; &amp; 'y' &#60;</p>`, `<p>&quot;x&quot; &amp; &#39;y&#39; &lt;</p>`},
		{"comments and doctype dropped", `<!DOCTYPE html><!-- c --><p>x</p>`, `<p>x</p>`},
		{"invalid utf-8 and NUL", "<p>a\xff\x00b</p>", "<p>a\uFFFDb</p>"},
		{"stray closing a dropped", `x</a>y`, `xy`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
			if again := Sanitize(got); again != got {
				t.Errorf("Sanitize is not idempotent:\n once  %s\n twice %s", got, again)
			}
		})
	}
}
