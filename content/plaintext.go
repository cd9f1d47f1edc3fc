package content

import (
	"strings"

	"golang.org/x/net/html"
)

// PlainText turns HTML into text: <br> is a line break, paragraphs and other
// blocks are separated by a blank line, list items start a new line, and
// text inside <pre> is kept as is. Elsewhere a run of white space that
// contains a newline (markup formatting) counts as one space. Script and
// style contents are dropped. For Render's plain-text output it gives back
// the text typed, after Render's normalisation, with runs of blank lines
// reduced to one, mentions as displayed ("@bob", not "@bob@host") and a
// full-width ＃ before a hashtag written '#'.
func PlainText(s string) string {
	p := plainWriter{}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p.b.String()
		}
		name, _ := z.TagName()
		switch tt {
		case html.TextToken:
			if p.skip == 0 {
				p.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			p.start(string(name), tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			p.end(string(name))
		}
	}
}

type plainWriter struct {
	b       strings.Builder
	pending int // line breaks owed before the next text
	pre     int
	skip    int
}

func (p *plainWriter) start(name string, selfClosing bool) {
	switch name {
	case "br":
		p.pending++
	case "script", "style", "template", "title", "textarea", "noscript":
		if !selfClosing {
			p.skip++
		}
	case "li", "tr", "dt", "dd":
		p.block(1)
	default:
		if isBlock(name) {
			p.block(2)
			if name == "pre" && !selfClosing {
				p.pre++
			}
		}
	}
}

func (p *plainWriter) end(name string) {
	switch name {
	case "script", "style", "template", "title", "textarea", "noscript":
		if p.skip > 0 {
			p.skip--
		}
	case "li", "tr", "dt", "dd":
		p.block(1)
	default:
		if isBlock(name) {
			p.block(2)
			if name == "pre" && p.pre > 0 {
				p.pre--
			}
		}
	}
}

func isBlock(name string) bool {
	switch name {
	case "p", "div", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
		"table", "hr", "section", "article", "header", "footer", "figure", "dl":
		return true
	}
	return false
}

// block asks for at least n line breaks before the next text; newlines a
// <pre> left at its end are folded into them.
func (p *plainWriter) block(n int) {
	s := p.b.String()
	if t := strings.TrimRight(s, "\n"); len(t) < len(s) {
		p.b.Reset()
		p.b.WriteString(t)
	}
	p.pending = max(p.pending, n)
}

func (p *plainWriter) text(t string) {
	if p.pre == 0 {
		t = collapseNewlines(t, p.pending > 0 || p.b.Len() == 0)
	}
	if t == "" {
		return
	}
	if p.b.Len() > 0 {
		p.b.WriteString(strings.Repeat("\n", p.pending))
	}
	p.pending = 0
	p.b.WriteString(t)
}

// collapseNewlines replaces each run of white space containing a newline by
// one space, or by nothing at the start of a line.
func collapseNewlines(t string, lineStart bool) string {
	if !strings.Contains(t, "\n") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); {
		j := i
		for j < len(t) && strings.IndexByte(" \t\n\f", t[j]) >= 0 {
			j++
		}
		if j == i {
			b.WriteByte(t[i])
			i++
			continue
		}
		run := t[i:j]
		switch {
		case !strings.Contains(run, "\n"):
			b.WriteString(run)
		case !(i == 0 && lineStart):
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}
