package entity

import (
	"html"
	"net/url"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// accountFields renders a's profile fields for the Account entity. Remote
// accounts' values arrive as sanitised HTML and are passed on; local
// accounts store what their owner typed, so values are HTML-escaped and a
// bare http(s) URL becomes a link with rel="me", as Mastodon renders them.
// Names stay plain text, as in Mastodon; Source.fields keeps the typed text.
func accountFields(a *models.Account) []Field {
	out := NewFields(a.Fields)
	if !a.IsLocal() {
		return out
	}
	for i := range out {
		out[i].Value = LocalFieldHTML(out[i].Value)
	}
	return out
}

// LocalFieldHTML renders a typed field value as HTML.
func LocalFieldHTML(v string) string {
	esc := html.EscapeString(v)
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.ContainsAny(v, " \t\r\n<>\"'") {
		return esc
	}
	prefix := u.Scheme + "://"
	rest := v[len(prefix):]
	return `<a href="` + esc + `" target="_blank" rel="nofollow noopener noreferrer me" translate="no">` +
		`<span class="invisible">` + html.EscapeString(prefix) + `</span><span class="">` +
		html.EscapeString(rest) + `</span><span class="invisible"></span></a>`
}
