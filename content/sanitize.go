package content

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// policy is the allowlist Sanitize applies, modelled on Mastodon's
// Sanitize::Config::MASTODON_STRICT. It is built once here and never
// changed afterwards; a bluemonday Policy is safe for concurrent use once
// built, so sharing it keeps no mutable state between instances.
var policy = newPolicy()

// linkHref accepts Mastodon's LINK_PROTOCOLS only, with no white space or
// control characters; relative links are refused. The value is checked
// after entities are decoded, so "jav&#x61;script:" does not slip through.
var linkHref = regexp.MustCompile(`^(?i:https?|dat|dweb|ipfs|ipns|ssb|gopher|xmpp|magnet|gemini):[^\x00-\x20\x7f]*$`)

var langTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "span", "a", "del", "s", "pre", "blockquote", "code", "b", "strong",
		"u", "i", "em", "ul", "ol", "li", "ruby", "rt", "rp", "h1", "h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("href").Matching(linkHref).OnElements("a")
	p.AllowAttrs("rel").OnElements("a")
	p.AllowAttrs("class").OnElements("a", "span", "p")
	p.AllowAttrs("translate").Matching(regexp.MustCompile(`^no$`)).OnElements("a", "span")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("reversed").OnElements("ol")
	p.AllowAttrs("value").Matching(bluemonday.Integer).OnElements("li")
	p.AllowAttrs("lang").Matching(langTag).Globally()
	return p
}

// Sanitize cleans HTML that comes from elsewhere (a remote Note's content, a
// remote actor's summary) and returns it in Stoa's canonical form:
//
//   - Elements: p br span a del s pre blockquote code b strong u i em ul ol li
//     ruby rt rp; h1-h6 become <p><strong>; everything else is removed
//     (script and style with their content, other elements keeping theirs).
//   - Attributes: lang everywhere; a: href, class, rel, translate; span:
//     class, translate; p: class; ol: start, reversed; li: value.
//     translate is kept only when "no".
//   - class keeps only Mastodon's: microformats (h-, p-, u-, dt-, e-),
//     mention, hashtag, ellipsis, invisible, quote-inline.
//   - href must use http, https, dat, dweb, ipfs, ipns, ssb, gopher, xmpp,
//     magnet or gemini; a link without one is replaced by its text.
//   - Links get target="_blank" rel="nofollow noopener" (keeping noreferrer,
//     me and tag), except mention and hashtag links (class mention or
//     hashtag), which clients open in-app: they keep only rel="tag".
//   - Text and attribute values are escaped as Rails escapes them, <br /> is
//     written in XHTML style, and attributes come in a fixed order.
//
// Sanitize is idempotent, and Render's output passes it unchanged.
func Sanitize(html string) string {
	if html == "" {
		return ""
	}
	html = strings.ReplaceAll(strings.ToValidUTF8(html, "\uFFFD"), "\x00", "")
	return canonicalize(policy.Sanitize(html), false)
}
