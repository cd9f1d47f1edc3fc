package content

import (
	"bytes"
	stdhtml "html"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"
)

// md is the Markdown converter: CommonMark plus ~~strikethrough~~, line
// breaks kept (as people expect in a post), raw HTML omitted (goldmark's
// safe default). It is built once and never changed; goldmark's parser and
// renderer are safe for concurrent use.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Strikethrough),
	goldmark.WithRendererOptions(html.WithHardWraps(), html.WithXHTML()),
)

// markdown renders text as Markdown. URLs, mentions and hashtags in text are
// linked as in plain text, but not inside code, links or raw HTML; images
// become links; the result goes through Sanitize's policy.
func (r *renderer) markdown(text string) string {
	src := []byte(text)
	doc := md.Parser().Parse(gmtext.NewReader(src))
	runs := collectRuns(doc, src)
	for i := range runs {
		runs[i].ents = dropEscaped(extractEntities(runs[i].text), runs[i].escaped)
		r.resolve(runs[i].ents)
	}
	for _, run := range runs {
		if len(run.ents) > 0 {
			r.replaceRun(run)
		}
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return "" // a bytes.Buffer does not fail
	}
	return strings.TrimSpace(canonicalize(policy.Sanitize(buf.String()), true))
}

// textRun is a run of adjacent Text nodes and the text they show.
type textRun struct {
	nodes []*ast.Text
	text  string
	// escaped are the offsets in text of characters typed with a
	// backslash: \#tag and \@user are not linked.
	escaped []int
	ents    []entity
}

// replaceRun swaps the nodes of run for one node holding its HTML.
func (r *renderer) replaceRun(run textRun) {
	out := r.inlineHTML(run.text, run.ents)
	if last := run.nodes[len(run.nodes)-1]; last.SoftLineBreak() || last.HardLineBreak() {
		out += "<br />\n"
	}
	parent := run.nodes[0].Parent()
	parent.InsertBefore(parent, run.nodes[0], htmlNode(out))
	for _, n := range run.nodes {
		parent.RemoveChild(parent, n)
	}
}

// htmlNode is an inline node written out verbatim.
func htmlNode(s string) *ast.String {
	n := ast.NewString([]byte(s))
	n.SetCode(true)
	return n
}

// collectRuns rewrites autolinks and images and returns the runs of text
// that may hold URLs, mentions and hashtags, in document order.
func collectRuns(doc ast.Node, src []byte) []textRun {
	var runs []textRun
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindLink, ast.KindRawHTML, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		rewriteInlines(n, src)
		runs = appendRuns(runs, n, src)
		return ast.WalkContinue, nil
	})
	return runs
}

// appendRuns appends the runs among n's children. A run ends after a node
// followed by a line break.
func appendRuns(runs []textRun, n ast.Node, src []byte) []textRun {
	var cur textRun
	var text strings.Builder
	flush := func() {
		if len(cur.nodes) > 0 {
			cur.text = text.String()
			runs = append(runs, cur)
		}
		cur, text = textRun{}, strings.Builder{}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || t.IsRaw() {
			flush()
			continue
		}
		cur.nodes = append(cur.nodes, t)
		cur.escaped = appendLiteral(&text, t.Segment.Value(src), cur.escaped)
		if t.SoftLineBreak() || t.HardLineBreak() {
			flush()
		}
	}
	flush()
	return runs
}

// appendLiteral writes the text a Text node shows, resolving backslash
// escapes and character references as CommonMark does, and appends the
// offsets (in b) of characters escaped with a backslash.
func appendLiteral(b *strings.Builder, v []byte, escaped []int) []int {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]):
			escaped = append(escaped, b.Len())
			b.WriteByte(v[i+1])
			i++
		case c == '&':
			n := reference(v[i:])
			if n == 0 {
				b.WriteByte(c)
				continue
			}
			b.WriteString(stdhtml.UnescapeString(string(v[i : i+n])))
			i += n - 1
		default:
			b.WriteByte(c)
		}
	}
	return escaped
}

func isASCIIPunct(c byte) bool {
	return c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// reference returns the length of the entity or numeric character
// reference ("&amp;", "&#35;", "&#x23;") at the start of v, or 0.
func reference(v []byte) int {
	end := bytes.IndexByte(v, ';')
	if end < 2 || end > 33 {
		return 0
	}
	name := v[1:end]
	for _, c := range name {
		if !(c == '#' || isASCIIAlnum(rune(c))) {
			return 0
		}
	}
	if stdhtml.UnescapeString(string(v[:end+1])) == string(v[:end+1]) {
		return 0
	}
	return end + 1
}

// dropEscaped removes the hashtags and mentions whose sign was escaped.
func dropEscaped(ents []entity, escaped []int) []entity {
	if len(escaped) == 0 {
		return ents
	}
	kept := ents[:0]
	for _, e := range ents {
		if e.kind == entityURL || !slices.Contains(escaped, e.start) {
			kept = append(kept, e)
		}
	}
	return kept
}
