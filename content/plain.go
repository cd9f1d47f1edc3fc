package content

import (
	"context"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// renderer holds the state of one Render call.
type renderer struct {
	ctx      context.Context
	site     models.Site
	resolver Resolver
	// resolved caches lookups by lower-case "username@domain"; nil means
	// the mention did not resolve.
	resolved map[string]*MentionTarget
	mentions []MentionTarget
	tags     []string
}

// plain renders text as Mastodon's TextFormatter does: entities linked,
// everything else escaped, paragraphs split on blank lines and single line
// breaks turned into <br />.
func (r *renderer) plain(text string) string {
	ents := extractEntities(text)
	r.resolve(ents)
	inline := r.inlineHTML(text, ents)
	var b strings.Builder
	b.Grow(len(inline) + 16)
	for inline != "" {
		par, rest, _ := strings.Cut(inline, "\n\n")
		inline = strings.TrimLeft(rest, "\n")
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(par, "\n", "<br />"))
		b.WriteString("</p>")
	}
	return b.String()
}

// inlineHTML escapes text and replaces its entities with links; newlines
// are kept.
func (r *renderer) inlineHTML(text string, ents []entity) string {
	var b strings.Builder
	b.Grow(len(text) + len(ents)*160)
	last := 0
	for _, e := range ents {
		b.WriteString(escape(text[last:e.start]))
		b.WriteString(r.entityHTML(text, e))
		last = e.end
	}
	b.WriteString(escape(text[last:]))
	return b.String()
}

func (r *renderer) entityHTML(text string, e entity) string {
	switch e.kind {
	case entityURL:
		return linkHTML(e.value)
	case entityHashtag:
		r.addTag(e.value)
		return hashtagHTML(r.tagURL(e.value), e.value)
	}
	t := r.resolved[r.mentionKey(e)]
	if t == nil {
		return escape(text[e.start:e.end])
	}
	href := mentionHref(*t)
	if href == "" {
		return escape(text[e.start:e.end])
	}
	return mentionHTML(href, r.mentionDisplay(*t))
}

func (r *renderer) addTag(name string) {
	norm, ok := NormalizeTag(name)
	if !ok {
		return
	}
	for _, t := range r.tags {
		if t == norm {
			return
		}
	}
	r.tags = append(r.tags, norm)
}
