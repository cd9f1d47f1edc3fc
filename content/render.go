package content

import (
	"context"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// Format is the syntax of a text typed by a person: the content_type values
// GoToSocial accepts on POST /api/v1/statuses.
type Format string

// Formats Render understands.
const (
	Plain    Format = "text/plain"
	Markdown Format = "text/markdown"
)

// ParseFormat maps a client's content_type to a Format. The empty string is
// Plain. Anything else is a models.ValidationError (422 at the API).
func ParseFormat(s string) (Format, error) {
	switch Format(strings.ToLower(strings.TrimSpace(s))) {
	case "", Plain:
		return Plain, nil
	case Markdown:
		return Markdown, nil
	}
	return "", models.Invalidf("content_type %q is not supported: use text/plain or text/markdown", s)
}

// MentionTarget is an account a mention resolved to.
type MentionTarget struct {
	AccountID string
	// URL is the profile page used as the link's href (Account.URL); URI
	// (the ActivityPub id) is used instead when URL is empty or unsafe.
	URL      string
	URI      string
	Username string
	// Domain is "" for a local account.
	Domain string
}

// Acct is username for a local account and username@domain for a remote one.
func (m MentionTarget) Acct() string {
	if m.Domain == "" {
		return m.Username
	}
	return m.Username + "@" + m.Domain
}

// Resolver looks up the account a mention names. domain is "" for "@user"
// and for "@user@<this instance's host>"; username keeps the case typed.
// It reports false when the account is unknown, and the mention then stays
// plain text, as on Mastodon. Render calls it at most once per distinct
// (username, domain) in a text, from the calling goroutine.
type Resolver interface {
	ResolveMention(ctx context.Context, username, domain string) (MentionTarget, bool)
}

// Result is what Render produces.
type Result struct {
	// HTML is the rendered content; it passes Sanitize unchanged.
	HTML string
	// Mentions are the resolved mentions, deduplicated, in order of first
	// appearance (code blocks and link texts in Markdown do not count).
	Mentions []MentionTarget
	// Tags are the hashtags' normalised names (NormalizeTag), deduplicated,
	// in order of first appearance. The HTML keeps the form typed.
	Tags []string
}

// MaxTextBytes bounds what Render accepts. Callers enforce their own,
// smaller limits (the status length); this one keeps a misconfigured limit
// from feeding huge texts to the Markdown parser, whose cost grows faster
// than the input on adversarial nesting (about 20 ms for 5,000 bytes of
// "[a](" and 350 ms for 20,000, measured on goldmark v1.8.7).
const MaxTextBytes = 100 << 10

// Render turns text in the given format into HTML and collects its mentions
// and hashtags. Leading and trailing white space is ignored (for Markdown,
// leading blank lines), invalid UTF-8 is replaced and NUL characters
// dropped; a blank text gives an empty Result. site (from models.NewSite)
// builds hashtag URLs and decides which mention domains are local; resolver
// may be nil (then no mention resolves). Render is safe for concurrent use.
//
// The error is a models.ValidationError for an unknown format or a text
// longer than MaxTextBytes, or ctx.Err() when ctx ended while mentions were
// being resolved.
func Render(ctx context.Context, text string, format Format, site models.Site, resolver Resolver) (Result, error) {
	switch format {
	case Plain, Markdown:
	default:
		return Result{}, models.Invalidf("content_type %q is not supported: use text/plain or text/markdown", string(format))
	}
	if len(text) > MaxTextBytes {
		return Result{}, models.Invalidf("text is too long (more than %d bytes)", MaxTextBytes)
	}
	text = normalizeInput(text, format)
	if text == "" {
		return Result{}, nil
	}
	r := &renderer{ctx: ctx, site: site, resolver: resolver}
	var html string
	if format == Markdown {
		html = r.markdown(text)
	} else {
		html = r.plain(text)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	return Result{HTML: html, Mentions: r.mentions, Tags: r.tags}, nil
}

// normalizeInput makes the text valid UTF-8 without NULs or carriage
// returns, and strips it as Mastodon's Status#prepare_contents does; for
// Markdown only whole blank lines are stripped at the start, so that an
// indented code block may open the text.
func normalizeInput(text string, format Format) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\x00", "")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	const space = " \t\n\v\f"
	if format != Markdown {
		return strings.Trim(text, space)
	}
	text = strings.TrimRight(text, space)
	lead := len(text) - len(strings.TrimLeft(text, space))
	return text[strings.LastIndexByte(text[:lead], '\n')+1:]
}

// escaper is Rails' html_escape; it is immutable and safe for concurrent use.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// escape HTML-escapes s the way Mastodon does (and the way Sanitize writes
// text and attribute values).
func escape(s string) string { return escaper.Replace(s) }
