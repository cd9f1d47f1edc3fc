package content

import (
	"context"
	"strings"
	"testing"
)

// anyResolver resolves every mention, so fuzzing reaches the mention markup.
type anyResolver struct{}

func (anyResolver) ResolveMention(_ context.Context, username, domain string) (MentionTarget, bool) {
	host := domain
	if host == "" {
		host = "stoa.example"
	}
	return MentionTarget{AccountID: username + "@" + domain, URL: "https://" + host + "/@" + username, Username: username, Domain: domain}, true
}

var fuzzSeeds = []string{
	"text", "a\n\nb\nc", "<script>alert(\"x\")</script> & 'q'", "https://github.com/migueldeicaza/RealityActions",
	"(https://x.org/a). https://en.wikipedia.org/wiki/Diaspora_(software)?q=1&r=(2)#frag",
	"@alice @bob@remote.example @carol@127.0.0.1:8081 bob@mail.example @noël",
	"#tag #café #123 #foo·bar ＃タグ x/#no #foohttps://x.org", "**b** *i* `c` ~~d~~\n- a\n- b\n\n1. x\n\n> q",
	"```\n@a #b\n```", "[x](javascript:alert(1)) ![i](https://x.org/i.png) <https://x.org> <a@b.org>",
	"\\#no \\@no &amp; &#35;x", "# H\n\n<div onclick=x>raw</div>", "http://www\\.google\\.com 「https://example.org/」",
}

// FuzzRender checks that Render never fails or panics, that its output is
// already in Sanitize's canonical form, and that plain text survives a
// round trip through PlainText.
func FuzzRender(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, markdown bool) {
		format := Plain
		if markdown {
			format = Markdown
		}
		res, err := Render(context.Background(), text, format, testSite, anyResolver{})
		if err != nil {
			t.Fatalf("Render(%q): %v", text, err)
		}
		if s := Sanitize(res.HTML); s != res.HTML {
			t.Fatalf("Sanitize changed Render(%q, %s):\n render   %q\n sanitize %q", text, format, res.HTML, s)
		}
		_ = PlainText(res.HTML)
		if markdown {
			return
		}
		plain, err := Render(context.Background(), text, Plain, testSite, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, want := PlainText(plain.HTML), roundTrip(text)
		if strings.ReplaceAll(got, "＃", "#") != strings.ReplaceAll(want, "＃", "#") {
			t.Fatalf("PlainText(Render(%q)) = %q, want %q (html %q)", text, got, want, plain.HTML)
		}
	})
}

// roundTrip is what PlainText should give back for a plain text: Render's
// normalisation, with runs of blank lines reduced to one (and a full-width
// ＃ that starts a hashtag written '#', as Mastodon writes it).
func roundTrip(text string) string {
	s := normalizeInput(text, Plain)
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}

// FuzzSanitize checks that Sanitize is idempotent and never panics.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		`<p>a<br>b</p>`, `<a href="https://x.org" rel="me">x</a>`, `<script>x</script><h1>t</h1>`,
		`<span class="h-card invisible x">y</span>`, `<a href="javascript:x">x</a></a>`, `<pre>a\n<b>b</b></pre>`,
		`<ol start=3 reversed><li value=1>x</ol>`, `<p>&amp;&lt;&quot;'</p>`, "<p>\x00\xff</p>", `<textarea><p>x</p></textarea>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		once := Sanitize(in)
		if twice := Sanitize(once); twice != once {
			t.Fatalf("Sanitize(%q) not idempotent:\n once  %q\n twice %q", in, once, twice)
		}
		_ = PlainText(in)
	})
}
