package astype

import (
	"net/url"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// Mention is a Mention tag of a remote status: the mentioned actor's id
// (or, from some servers, its profile URL) and the handle as written.
type Mention struct {
	Href string // actor id or profile URL; "" when only the name was sent
	Name string // "@user@host" or "@user"
}

// Emoji is a custom emoji tag: ":shortcode:" and its image.
type Emoji struct {
	Shortcode string // without colons
	URL       string
}

// tagsOf are the Mention and Hashtag tags of a local status: a mention's
// href is the actor id and its name the full @user@host handle; a
// hashtag's href is this server's tag page and its name "#Name" as first
// written. Always an array, [] when empty.
func tagsOf(site models.Site, st *models.Status) []any {
	out := make([]any, 0, len(st.Mentions)+len(st.Tags))
	for _, m := range st.Mentions {
		if m == nil || m.Account == nil {
			continue
		}
		out = append(out, map[string]any{
			"type": "Mention", "href": m.Account.URI, "name": "@" + m.Account.Handle(site.Host()),
		})
	}
	for _, t := range st.Tags {
		if t == nil {
			continue
		}
		display := t.DisplayName
		if display == "" {
			display = t.Name
		}
		out = append(out, map[string]any{
			"type": "Hashtag", "href": site.URL("/tags/" + url.PathEscape(t.Name)), "name": "#" + display,
		})
	}
	return out
}

// readTags sorts a status's tag values into mentions, hashtag names
// (without '#', as written) and custom emojis. Tags of other types, and
// tags without what identifies them, are skipped.
func readTags(v any) (mentions []Mention, hashtags []string, emojis []Emoji) {
	for _, e := range list(v) {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		switch typeOf(m) {
		case "Mention":
			mn := Mention{Href: idOf(m["href"]), Name: strings.TrimSpace(text(m["name"]))}
			if mn.Href != "" || mn.Name != "" {
				mentions = append(mentions, mn)
			}
		case "Hashtag":
			if n := strings.TrimPrefix(strings.TrimSpace(text(m["name"])), "#"); n != "" {
				hashtags = append(hashtags, n)
			}
		case "Emoji":
			code := strings.Trim(strings.TrimSpace(text(m["name"])), ":")
			if u := imageURL(m["icon"]); code != "" && u != "" {
				emojis = append(emojis, Emoji{Shortcode: code, URL: u})
			}
		}
	}
	return mentions, hashtags, emojis
}
