package mastodon

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// statusDraft is what a person typed for a new status or an edit.
type statusDraft struct {
	Text, SpoilerText string
	Format            content.Format
}

// composedStatus is a statusDraft rendered and checked, ready for the store.
type composedStatus struct {
	Text, SpoilerText string
	ContentType       string
	HTML              string
	Mentions          []string // account ids
	Tags              []string // normalised names
}

// composeStatus checks a draft against Mastodon's rules (text not blank; text,
// counted by content.Length, plus the content warning at most
// MaxStatusCharacters) and renders it, resolving mentions of accounts the
// store knows. Violations are validation errors (422).
func (h *Handler) composeStatus(ctx context.Context, d statusDraft) (composedStatus, error) {
	d.Text, d.SpoilerText = cleanStatusText(d.Text), cleanStatusText(d.SpoilerText)
	text := strings.TrimSpace(d.Text)
	if d.Format == content.Markdown { // keep the indentation of a leading code block
		text = strings.TrimLeft(strings.TrimRight(d.Text, " \t\r\n\v\f"), "\r\n")
	}
	spoiler := strings.TrimSpace(d.SpoilerText)
	if strings.TrimSpace(text) == "" {
		return composedStatus{}, models.Invalidf("Text can't be blank")
	}
	if content.Length(text)+utf8.RuneCountInString(spoiler) > MaxStatusCharacters {
		return composedStatus{}, models.Invalidf("Text character limit of %d exceeded", MaxStatusCharacters)
	}
	res := &statusMentionResolver{store: h.Store}
	out, err := content.Render(ctx, text, d.Format, h.Site, res)
	if err == nil {
		err = res.err
	}
	if err != nil {
		return composedStatus{}, err
	}
	c := composedStatus{Text: text, SpoilerText: spoiler, ContentType: string(d.Format), HTML: out.HTML, Tags: out.Tags}
	for _, m := range out.Mentions {
		c.Mentions = append(c.Mentions, m.AccountID)
	}
	return c, nil
}

// cleanStatusText makes typed text valid UTF-8 without NUL characters, as
// content.Render does for the HTML, so the stored source matches it.
func cleanStatusText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// statusMentionResolver finds mentioned accounts in the store: local accounts by
// username, remote ones by username and domain. Nothing is fetched from
// other servers, so an account not yet known stays plain text. It records
// the first store failure (other than not found) in err, so that a broken
// database is not mistaken for an unknown account.
type statusMentionResolver struct {
	store *store.Store
	err   error
}

// ResolveMention implements content.Resolver.
func (m *statusMentionResolver) ResolveMention(ctx context.Context, username, domain string) (content.MentionTarget, bool) {
	a, err := m.store.AccountByUsername(ctx, username, domain)
	if err != nil {
		if !errors.Is(err, models.ErrNotFound) && m.err == nil {
			m.err = err
		}
		return content.MentionTarget{}, false
	}
	if hidden(a) {
		return content.MentionTarget{}, false
	}
	return content.MentionTarget{AccountID: a.ID, URL: a.URL, URI: a.URI, Username: a.Username, Domain: a.Domain}, true
}

// statusLanguageTag is an ISO 639-1/639-3 code with optional subtags (en, pt-BR,
// zh-Hant): checked loosely, as Mastodon accepts more than ISO 639-1.
var statusLanguageTag = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$`)

// parseStatusLanguage validates a language parameter and lower-cases its primary
// code; "" stays "" (no language).
func parseStatusLanguage(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if !statusLanguageTag.MatchString(s) {
		return "", models.Invalidf("Language %q is not an ISO 639 language code", s)
	}
	primary, rest, found := strings.Cut(s, "-")
	if found {
		return strings.ToLower(primary) + "-" + rest, nil
	}
	return strings.ToLower(primary), nil
}

// rejectUnsupportedStatusParts answers 422 for parts of a status Stoa cannot store
// yet, rather than silently posting without them.
func rejectUnsupportedStatusParts(p *params) error {
	hasPoll := p.JSON != nil && p.JSON["poll"] != nil
	for k, v := range p.Values {
		if strings.HasPrefix(k, "poll[") && strings.Join(v, "") != "" {
			hasPoll = true
		}
	}
	switch {
	case hasPoll:
		return respond.Unprocessable("Polls are not supported yet")
	case strings.TrimSpace(p.Get("scheduled_at")) != "":
		return respond.Unprocessable("Scheduled statuses are not supported yet")
	case strings.TrimSpace(p.Get("quoted_status_id")) != "":
		return respond.Unprocessable("Quotes are not supported yet")
	}
	return nil
}
