package content

import (
	"context"
	"testing"
)

// A status of typical length with a link, mentions and hashtags.
const benchText = "Hello @alice and @bob@remote.example! Reading https://github.com/migueldeicaza/RealityActions " +
	"about #Swift and #GameDev.\n\nIt's a long-ish post & it has two paragraphs, a second link " +
	"(https://en.wikipedia.org/wiki/Diaspora_(software)) and some more words to make it look real."

const benchMarkdown = "# Notes\n\nHello @alice, see **this** and `code`:\n\n- https://x.org/a\n- #Swift\n\n" +
	"```go\nfunc main() {}\n```\n\n> quoted @bob@remote.example"

func BenchmarkRenderPlain(b *testing.B) {
	res := newResolver()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(ctx, benchText, Plain, testSite, res); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderMarkdown(b *testing.B) {
	res := newResolver()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(ctx, benchMarkdown, Markdown, testSite, res); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSanitize(b *testing.B) {
	res, err := Render(context.Background(), benchText, Plain, testSite, newResolver())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Sanitize(res.HTML)
	}
}
