package content

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const base = "https://stoa.example"

func TestRenderPlainText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"paragraph", "text", "<p>text</p>"},
		{"line break", "line\nfeed", "<p>line<br />feed</p>"},
		{"paragraphs", "a\n\nb", "<p>a</p><p>b</p>"},
		{"many blank lines", "a\n\n\n\nb\nc", "<p>a</p><p>b<br />c</p>"},
		{"blank line with spaces is a break", "a\n \nb", "<p>a<br /> <br />b</p>"},
		{"stripped", "  \n hi \n\n", "<p>hi</p>"},
		{"crlf", "a\r\nb\r\rc", "<p>a<br />b</p><p>c</p>"},
		{"blank", " \n\t ", ""},
		{"script escaped", `<script>alert("Hello")</script>`, `<p>&lt;script&gt;alert(&quot;Hello&quot;)&lt;/script&gt;</p>`},
		{"img escaped", `<img src="javascript:alert('XSS');">`, `<p>&lt;img src=&quot;javascript:alert(&#39;XSS&#39;);&quot;&gt;</p>`},
		{"ampersand", "Tom & Jerry &amp; co", "<p>Tom &amp; Jerry &amp;amp; co</p>"},
		{"invalid utf-8 and NUL", "a\xffb\x00c", "<p>a\uFFFDbc</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Render(context.Background(), tt.in, Plain, testSite, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.HTML != tt.want {
				t.Errorf("Render(%q)\n got %s\nwant %s", tt.in, got.HTML, tt.want)
			}
		})
	}
}

func TestRenderPlainURLs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"short", "https://anew.social", "<p>" + link("https://anew.social", "https://", "anew.social", "") + "</p>"},
		{"long is cut at 30", "https://github.com/migueldeicaza/RealityActions",
			"<p>" + link("https://github.com/migueldeicaza/RealityActions", "https://", "github.com/migueldeicaza/Reali", "tyActions") + "</p>"},
		{"exactly 30 not cut", "https://abcdefghijklmnopqrstuvwxyz.co/",
			"<p>" + link("https://abcdefghijklmnopqrstuvwxyz.co/", "https://", "abcdefghijklmnopqrstuvwxyz.co/", "") + "</p>"},
		{"www hidden", "http://www.google.com", "<p>" + link("http://www.google.com", "http://www.", "google.com", "") + "</p>"},
		{"query string", "https://www.ruby-toolbox.com/search?utf8=%E2%9C%93&q=autolink",
			"<p>" + link("https://www.ruby-toolbox.com/search?utf8=%E2%9C%93&amp;q=autolink", "https://www.", "ruby-toolbox.com/search?utf8=%", "E2%9C%93&amp;q=autolink") + "</p>"},
		{"parentheses and period around", "(https://x.org/a).", "<p>(" + link("https://x.org/a", "https://", "x.org/a", "") + ").</p>"},
		{"parentheses inside", "https://en.wikipedia.org/wiki/Diaspora_(software)",
			"<p>" + link("https://en.wikipedia.org/wiki/Diaspora_(software)", "https://", "en.wikipedia.org/wiki/Diaspora", "_(software)") + "</p>"},
		{"trailing period", "see https://x.org/a/b. Then",
			"<p>see " + link("https://x.org/a/b", "https://", "x.org/a/b", "") + ". Then</p>"},
		{"trailing exclamation", "http://www.google.com!", "<p>" + link("http://www.google.com", "http://www.", "google.com", "") + "!</p>"},
		{"trailing quote", "http://www.google.com'", "<p>" + link("http://www.google.com", "http://www.", "google.com", "") + "&#39;</p>"},
		{"in quotes", `"https://example.com/"`, "<p>&quot;" + link("https://example.com/", "https://", "example.com/", "") + "&quot;</p>"},
		{"in angle brackets", "<https://example.com/>", "<p>&lt;" + link("https://example.com/", "https://", "example.com/", "") + "&gt;</p>"},
		{"unicode path", "https://ja.wikipedia.org/wiki/日本", "<p>" + link("https://ja.wikipedia.org/wiki/日本", "https://", "ja.wikipedia.org/wiki/日本", "") + "</p>"},
		{"idn host", "https://nic.みんな/", "<p>" + link("https://nic.みんな/", "https://", "nic.みんな/", "") + "</p>"},
		{"full-width space ends it", "https://example.com/\u3000abc123", "<p>" + link("https://example.com/", "https://", "example.com/", "") + "\u3000abc123</p>"},
		{"japanese brackets", "「[https://example.org/」", "<p>「[" + link("https://example.org/", "https://", "example.org/", "") + "」</p>"},
		{"html after url", "http://example.com/b<del>b</del>", "<p>" + link("http://example.com/b", "http://", "example.com/b", "") + "&lt;del&gt;b&lt;/del&gt;</p>"},
		{"invalid host", `http://www\.google\.com`, `<p>http://www\.google\.com</p>`},
		{"ip and port", "http://127.0.0.1:8081/@alice", "<p>" + link("http://127.0.0.1:8081/@alice", "http://", "127.0.0.1:8081/@alice", "") + "</p>"},
		{"upper-case scheme keeps prefix", "HTTPS://X.ORG", "<p>" + link("HTTPS://X.ORG", "", "HTTPS://X.ORG", "") + "</p>"},
		{"not inside a word", "foohttps://x.org", "<p>foohttps://x.org</p>"},
		{"fragment is not a hashtag", "https://x.org/#anchor", "<p>" + link("https://x.org/#anchor", "https://", "x.org/#anchor", "") + "</p>"},
		{"no scheme is text", "x.org and ftp://x.org", "<p>x.org and ftp://x.org</p>"},
		{"no tld", "http://localhost:3000/", "<p>http://localhost:3000/</p>"},
		{"two urls", "https://a.org https://b.org/x?y=1",
			"<p>" + link("https://a.org", "https://", "a.org", "") + " " + link("https://b.org/x?y=1", "https://", "b.org/x?y=1", "") + "</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Render(context.Background(), tt.in, Plain, testSite, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.HTML != tt.want {
				t.Errorf("Render(%q)\n got %s\nwant %s", tt.in, got.HTML, tt.want)
			}
		})
	}
}

func TestRenderPlainHashtags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		tags           []string
	}{
		{"simple", "#hashtag", "<p>" + hashtag(base, "hashtag", "hashtag") + "</p>", []string{"hashtag"}},
		{"display keeps case", "I like #Fediverse.", "<p>I like " + hashtag(base, "Fediverse", "Fediverse") + ".</p>", []string{"fediverse"}},
		{"accent", "#café", "<p>" + hashtag(base, "caf%C3%A9", "café") + "</p>", []string{"cafe"}},
		{"japanese", "#hashtagタグ", "<p>" + hashtag(base, "hashtag%E3%82%BF%E3%82%B0", "hashtagタグ") + "</p>", []string{"hashtagタグ"}},
		{"digits only is not a tag", "#123 #1a", "<p>#123 " + hashtag(base, "1a", "1a") + "</p>", []string{"1a"}},
		{"middle dot joins", "#foo·bar", "<p>" + hashtag(base, "foo%C2%B7bar", "foo·bar") + "</p>", []string{"foo·bar"}},
		{"middle dot does not end", "#foo· x", "<p>" + hashtag(base, "foo", "foo") + "· x</p>", []string{"foo"}},
		{"underscore", "#_tag_", "<p>" + hashtag(base, "_tag_", "_tag_") + "</p>", []string{"_tag_"}},
		{"not inside a word", "a#b c/#d", "<p>a#b c/#d</p>", nil},
		{"full-width sign", "＃タグ", "<p>" + hashtag(base, "%E3%82%BF%E3%82%B0", "タグ") + "</p>", []string{"タグ"}},
		{"after newline", "x\n#tag", "<p>x<br />" + hashtag(base, "tag", "tag") + "</p>", []string{"tag"}},
		{"deduplicated", "#Tag #tag #TAG #other", "<p>" + hashtag(base, "Tag", "Tag") + " " + hashtag(base, "tag", "tag") + " " +
			hashtag(base, "TAG", "TAG") + " " + hashtag(base, "other", "other") + "</p>", []string{"tag", "other"}},
		{"scheme trimmed", "#foohttps://x.org", "<p>" + hashtag(base, "foo", "foo") + "https://x.org</p>", []string{"foo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Render(context.Background(), tt.in, Plain, testSite, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.HTML != tt.want {
				t.Errorf("Render(%q)\n got %s\nwant %s", tt.in, got.HTML, tt.want)
			}
			if diff := cmp.Diff(tt.tags, got.Tags); diff != "" {
				t.Errorf("Tags (-want +got):\n%s", diff)
			}
		})
	}
}
