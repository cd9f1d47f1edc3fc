// Package content turns what people type into the HTML that Mastodon clients
// expect, and sanitises every piece of HTML that enters or leaves the server.
//
// It is pure: no database, no network. The caller supplies a Resolver that
// looks mentioned accounts up, and a models.Site that builds local URLs.
//
//   - Render turns a status or profile text (text/plain or text/markdown, the
//     content_type values GoToSocial accepts) into HTML plus the mentions and
//     hashtags found in it. Plain text renders exactly as Mastodon's
//     TextFormatter does: paragraphs, <br />, escaped text, shortened links,
//     h-card mentions and hashtag links.
//   - Sanitize cleans HTML from remote servers (ActivityPub Note content,
//     actor summaries) with an allowlist modelled on Mastodon's
//     Sanitize::Config::MASTODON_STRICT, and writes it in one canonical form,
//     so Sanitize(Sanitize(h)) == Sanitize(h) and Render's output passes
//     Sanitize unchanged.
//   - PlainText turns HTML back into text (search, delete-and-redraft of
//     remote statuses).
//   - NormalizeTag and Length share the hashtag and URL rules with Render.
//
// The package keeps no mutable state: its goldmark and bluemonday values are
// built once at package initialisation and only read afterwards (both are
// documented as safe for concurrent use).
package content
