package mastodon

import (
	"net/http"
	"strings"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// ownStatusFromPath loads the {id} status if the caller wrote it; someone else's
// status is 404, as Mastodon answers.
func (h *Handler) ownStatusFromPath(r *http.Request) (*models.Status, error) {
	st, err := h.statusFromPath(r)
	if err != nil {
		return nil, err
	}
	if st.AccountID != statusViewer(r.Context()) {
		return nil, respond.NotFound()
	}
	return st, nil
}

// statusEdit answers PUT /api/v1/statuses/:id: a new version of one's own
// status. Parameters left out keep their current value: status,
// spoiler_text, sensitive, language, content_type, media_ids[]. The answer has
// edited_at set; the history keeps every version.
func (h *Handler) statusEdit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := h.ownStatusFromPath(r)
	if err != nil {
		return err
	}
	if st.IsReblog() {
		return models.Invalidf("a reblog cannot be edited")
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	e, err := readStatusEdit(p, st)
	if err != nil {
		return err
	}
	media, n, err := h.editMediaIDs(ctx, p, st)
	if err != nil {
		return err
	}
	c, err := h.composeWithMedia(ctx, e.draft, n)
	if err != nil {
		return err
	}
	st, err = h.Store.UpdateStatus(ctx, st.ID, store.StatusUpdate{
		Content: c.HTML, Text: c.Text, ContentType: c.ContentType, SpoilerText: c.SpoilerText,
		Sensitive: e.sensitive || c.SpoilerText != "", Language: e.language, Mentions: c.Mentions, Tags: c.Tags,
		MediaIDs: media,
	})
	if err != nil {
		return err
	}
	return h.writeStatusEntity(w, r, st)
}

// statusEditParams is an edit's parameters merged over the current status.
type statusEditParams struct {
	draft     statusDraft
	sensitive bool
	language  string
}

// readStatusEdit reads an edit's parameters; those left out keep st's.
func readStatusEdit(p *params, st *models.Status) (statusEditParams, error) {
	if err := rejectUnsupportedStatusParts(p); err != nil {
		return statusEditParams{}, err
	}
	e := statusEditParams{
		draft:     statusDraft{Text: st.Text, SpoilerText: st.SpoilerText, Format: content.Format(st.ContentType)},
		sensitive: st.Sensitive, language: st.Language,
	}
	var err error
	if p.Has("status") {
		e.draft.Text = p.Get("status")
	}
	if p.Has("spoiler_text") {
		e.draft.SpoilerText = p.Get("spoiler_text")
	}
	if strings.TrimSpace(p.Get("content_type")) != "" || e.draft.Format == "" {
		if e.draft.Format, err = content.ParseFormat(p.Get("content_type")); err != nil {
			return e, err
		}
	}
	sensitive, set, err := p.Bool("sensitive")
	if err != nil {
		return e, err
	}
	if set {
		e.sensitive = sensitive
	}
	if p.Has("language") {
		if e.language, err = parseStatusLanguage(p.Get("language")); err != nil {
			return e, err
		}
	}
	return e, nil
}

// statusDelete answers DELETE /api/v1/statuses/:id for one's own status
// (someone else's is 404) with the deleted status and its source text, for
// delete-and-redraft.
func (h *Handler) statusDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := h.ownStatusFromPath(r)
	if err == nil {
		err = h.Store.LoadMedia(ctx, st) // the media outlive the status, for the redraft
	}
	if err != nil {
		return err
	}
	media := st.Media
	if st, err = h.Store.DeleteStatus(ctx, st.ID); err != nil {
		return err
	}
	e, err := h.statusEntity(ctx, auth.Account(ctx).ID, st)
	if err != nil {
		return err
	}
	e.MediaAttachments = h.mediaEntities(media)
	e.Text = &st.Text
	return respond.JSON(w, http.StatusOK, e)
}
