package content

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// displayURLLength is how many characters of a URL (after its scheme and
// "www.") Mastodon shows before the rest is hidden behind an ellipsis.
const displayURLLength = 30

// linkHTML is Mastodon's shortened link: the scheme (and "www.") hidden, 30
// characters shown, the rest hidden with class "ellipsis" on the shown part.
func linkHTML(u string) string {
	prefix := ""
	for _, p := range [...]string{"https://www.", "http://www.", "https://", "http://"} {
		if strings.HasPrefix(u, p) {
			prefix = p
			break
		}
	}
	rest := u[len(prefix):]
	display, suffix := rest, ""
	if utf8.RuneCountInString(rest) > displayURLLength {
		cut, n := 0, 0
		for cut = range rest {
			if n == displayURLLength {
				break
			}
			n++
		}
		display, suffix = rest[:cut], rest[cut:]
	}
	class := ""
	if suffix != "" {
		class = "ellipsis"
	}
	return `<a href="` + escape(u) + `" target="_blank" rel="nofollow noopener" translate="no">` +
		`<span class="invisible">` + escape(prefix) + `</span>` +
		`<span class="` + class + `">` + escape(display) + `</span>` +
		`<span class="invisible">` + escape(suffix) + `</span></a>`
}

// hashtagHTML is Mastodon's hashtag link; name is the form typed.
func hashtagHTML(tagURL, name string) string {
	return `<a href="` + escape(tagURL) + `" class="mention hashtag" rel="tag">#<span>` + escape(name) + `</span></a>`
}

// mentionHTML is Mastodon's h-card mention link.
func mentionHTML(href, display string) string {
	return `<span class="h-card" translate="no"><a href="` + escape(href) + `" class="u-url mention">@<span>` +
		escape(display) + `</span></a></span>`
}

// tagURL is the local page of a hashtag, with the name as typed.
func (r *renderer) tagURL(name string) string {
	return r.site.URL("/tags/" + url.PathEscape(name))
}

// httpURL matches the absolute http(s) URLs Render may use as the href of a
// mention; anything else (javascript:, relative, with spaces) is refused.
var httpURL = regexp.MustCompile(`^(?i:https?)://[^\x00-\x20\x7f]+$`)

// mentionHref picks the profile URL, else the actor URI, if it is safe.
func mentionHref(t MentionTarget) string {
	switch {
	case httpURL.MatchString(t.URL):
		return t.URL
	case httpURL.MatchString(t.URI):
		return t.URI
	}
	return ""
}
