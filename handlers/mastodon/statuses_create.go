package mastodon

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// maxIdempotencyKeyLen bounds the Idempotency-Key header Stoa stores.
const maxIdempotencyKeyLen = 256

// statusCreate answers POST /api/v1/statuses: status, visibility (default
// public), in_reply_to_id (404 when the parent is unknown or hidden from
// the author), sensitive (forced on by a content warning, as in Mastodon),
// spoiler_text, language (default: the user's locale) and content_type
// (text/plain or text/markdown, GoToSocial's extension). A repeated
// Idempotency-Key returns the status the first request made. media_ids[]
// attach uploads (media.go); polls, quotes and scheduled_at are 422 until
// Stoa stores them.
func (h *Handler) statusCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	acct := auth.Account(ctx)
	p, err := readParams(r)
	if err != nil {
		return err
	}
	if err := rejectUnsupportedStatusParts(p); err != nil {
		return err
	}
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	if len(key) > maxIdempotencyKeyLen || !utf8.ValidString(key) {
		return respond.Unprocessable("Idempotency-Key must be valid UTF-8, at most 256 bytes")
	}
	parent := strings.TrimSpace(p.Get("in_reply_to_id"))
	if parent != "" && !validStatusID(parent) {
		return respond.NotFound()
	}
	vis, err := models.ParseVisibility(strings.TrimSpace(p.Get("visibility")))
	if err != nil {
		return err
	}
	format, err := content.ParseFormat(p.Get("content_type"))
	if err != nil {
		return err
	}
	sensitive, _, err := p.Bool("sensitive")
	if err != nil {
		return err
	}
	lang, err := h.statusLanguage(r, p.Get("language"))
	if err != nil {
		return err
	}
	media, err := statusMediaIDs(p)
	if err != nil {
		return err
	}
	c, err := h.composeWithMedia(ctx, statusDraft{Text: p.Get("status"), SpoilerText: p.Get("spoiler_text"), Format: format}, len(media))
	if err != nil {
		return err
	}
	st, fresh, err := h.Store.CreateStatusFresh(ctx, store.NewStatus{
		AccountID: acct.ID, InReplyToID: parent,
		Content: c.HTML, Text: c.Text, ContentType: c.ContentType,
		SpoilerText: c.SpoilerText, Sensitive: sensitive || c.SpoilerText != "",
		Visibility: vis, Language: lang, Mentions: c.Mentions, Tags: c.Tags,
		IdempotencyKey: key, MediaIDs: media,
	})
	if err != nil {
		return err
	}
	e, err := h.newStatusEntity(ctx, acct.ID, st, fresh)
	if err != nil {
		return err
	}
	return writeStatus(w, &e)
}

// statusLanguage is the language parameter, validated, or the signed-in
// user's locale when the parameter is empty (Mastodon's fallback).
func (h *Handler) statusLanguage(r *http.Request, param string) (string, error) {
	if strings.TrimSpace(param) != "" {
		return parseStatusLanguage(param)
	}
	if u := auth.User(r.Context()); u != nil {
		if lang, err := parseStatusLanguage(u.Locale); err == nil {
			return lang, nil
		}
	}
	return "", nil
}
