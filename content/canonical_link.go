package content

import (
	"strings"

	"golang.org/x/net/html"
)

// startLink writes an <a> in canonical form, or drops it (keeping its text)
// when it has no href.
func (c *canonicalizer) startLink(attrs []html.Attribute, selfClosing bool) {
	href, ok := attr(attrs, "href")
	if !ok || href == "" {
		if !selfClosing {
			c.links = append(c.links, false)
		}
		return
	}
	c.b.WriteString(`<a href="` + escape(href) + `"`)
	class, hasClass := attr(attrs, "class")
	if hasClass {
		class = allowedClasses(class)
		c.b.WriteString(` class="` + escape(class) + `"`)
	}
	rel, _ := attr(attrs, "rel")
	rels := strings.Fields(strings.ToLower(rel))
	if hasWord(class, "mention") || hasWord(class, "hashtag") {
		if contains(rels, "tag") {
			c.b.WriteString(` rel="tag"`)
		}
	} else {
		c.b.WriteString(` target="_blank" rel="nofollow noopener`)
		for _, extra := range [...]string{"noreferrer", "me", "tag"} {
			if contains(rels, extra) {
				c.b.WriteString(" " + extra)
			}
		}
		c.b.WriteString(`"`)
	}
	if v, ok := attr(attrs, "translate"); ok {
		c.b.WriteString(` translate="` + escape(v) + `"`)
	}
	if v, ok := attr(attrs, "lang"); ok {
		c.b.WriteString(` lang="` + escape(v) + `"`)
	}
	c.b.WriteString(">")
	if selfClosing {
		c.b.WriteString("</a>")
	} else {
		c.links = append(c.links, true)
	}
}

// allowedClasses keeps Mastodon's allowed classes: microformats and the
// semantic and link-formatting ones.
func allowedClasses(v string) string {
	var kept []string
	for _, c := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("\t\n\f\r ", r) }) {
		switch {
		case c == "mention", c == "hashtag", c == "ellipsis", c == "invisible", c == "quote-inline",
			strings.HasPrefix(c, "h-"), strings.HasPrefix(c, "p-"), strings.HasPrefix(c, "u-"),
			strings.HasPrefix(c, "dt-"), strings.HasPrefix(c, "e-"):
			kept = append(kept, c)
		}
	}
	return strings.Join(kept, " ")
}

func hasWord(v, w string) bool { return contains(strings.Fields(v), w) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
