package content

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// rewriteInlines replaces n's autolinks by Mastodon-style links (http and
// https) or their text, and its images by links to the image, whose text is
// the image's description (or its address).
func rewriteInlines(n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch c := c.(type) {
		case *ast.AutoLink:
			u := string(c.URL(src))
			repl := escape(string(c.Label(src)))
			if c.AutoLinkType == ast.AutoLinkURL && httpURL.MatchString(u) {
				repl = linkHTML(u)
			}
			n.ReplaceChild(n, c, htmlNode(repl))
		case *ast.Image:
			link := ast.NewLink()
			link.Destination = c.Destination
			for gc := c.FirstChild(); gc != nil; {
				following := gc.NextSibling()
				link.AppendChild(link, gc)
				gc = following
			}
			if !link.HasChildren() {
				link.AppendChild(link, htmlNode(escape(strings.TrimSpace(string(c.Destination)))))
			}
			n.ReplaceChild(n, c, link)
		}
		c = next
	}
}
