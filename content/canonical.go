package content

import (
	"strings"

	"golang.org/x/net/html"
)

// canonicalize rewrites HTML that the policy already cleaned into the one
// form Sanitize promises (see Sanitize). With compact, newlines that only
// format the markup (between blocks, after <br />) are dropped outside
// <pre>, which makes goldmark's output look like Mastodon's.
func canonicalize(s string, compact bool) string {
	c := canonicalizer{compact: compact}
	c.b.Grow(len(s) + len(s)/8)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return c.b.String()
		case html.TextToken:
			c.text(string(z.Text()))
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			c.start(string(name), readAttrs(z, more), tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			c.end(string(name))
		}
		c.afterBR, c.lastBR = c.lastBR, false
	}
}

type canonicalizer struct {
	b       strings.Builder
	compact bool
	pre     int
	links   []bool // for each open <a>: was it written?
	lastBR  bool
	afterBR bool
}

func readAttrs(z *html.Tokenizer, more bool) []html.Attribute {
	var attrs []html.Attribute
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
	}
	return attrs
}

func (c *canonicalizer) text(t string) {
	if c.compact && c.pre == 0 {
		if c.afterBR {
			t = strings.TrimPrefix(t, "\n")
		}
		if strings.Trim(t, "\n") == "" {
			t = ""
		}
	}
	c.afterBR = false
	c.b.WriteString(escape(t))
}

func (c *canonicalizer) start(name string, attrs []html.Attribute, selfClosing bool) {
	switch name {
	case "br":
		c.b.WriteString("<br />")
		c.lastBR = true
		return
	case "h1", "h2", "h3", "h4", "h5", "h6":
		c.b.WriteString("<p><strong>")
		if selfClosing {
			c.b.WriteString("</strong></p>")
		}
		return
	case "a":
		c.startLink(attrs, selfClosing)
		return
	}
	order := attrOrder(name)
	if order == nil {
		return // not allowed; the policy has removed it already
	}
	c.b.WriteString("<" + name)
	for _, key := range order {
		if v, ok := attr(attrs, key); ok {
			if key == "class" {
				v = allowedClasses(v)
			}
			c.b.WriteString(" " + key + `="` + escape(v) + `"`)
		}
	}
	c.b.WriteString(">")
	switch {
	case selfClosing:
		c.b.WriteString("</" + name + ">")
	case name == "pre":
		c.pre++
	}
}

func (c *canonicalizer) end(name string) {
	switch name {
	case "br":
	case "h1", "h2", "h3", "h4", "h5", "h6":
		c.b.WriteString("</strong></p>")
	case "a":
		if n := len(c.links); n > 0 {
			if c.links[n-1] {
				c.b.WriteString("</a>")
			}
			c.links = c.links[:n-1]
		}
	default:
		if attrOrder(name) == nil {
			return
		}
		if name == "pre" && c.pre > 0 {
			c.pre--
		}
		c.b.WriteString("</" + name + ">")
	}
}

// attrOrder lists, in output order, the attributes an allowed element may
// keep; nil for an element that is not allowed (a, br and h1-h6 are handled
// apart).
func attrOrder(name string) []string {
	switch name {
	case "span":
		return []string{"class", "translate", "lang"}
	case "p":
		return []string{"class", "lang"}
	case "ol":
		return []string{"start", "reversed", "lang"}
	case "li":
		return []string{"value", "lang"}
	case "del", "s", "pre", "blockquote", "code", "b", "strong", "u", "i", "em", "ul", "ruby", "rt", "rp":
		return []string{"lang"}
	}
	return nil
}

// attr returns the first value of key.
func attr(attrs []html.Attribute, key string) (string, bool) {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
