package mastodon

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
)

// mediaEntity renders one attachment.
func (h *Handler) mediaEntity(m *models.MediaAttachment) entity.MediaAttachment {
	return entity.NewMediaAttachment(h.Site, m)
}

// mediaEntities renders attachments in order.
func (h *Handler) mediaEntities(ms []*models.MediaAttachment) []entity.MediaAttachment {
	out := make([]entity.MediaAttachment, 0, len(ms))
	for _, m := range ms {
		out = append(out, h.mediaEntity(m))
	}
	return out
}

// loadStatusMedia fills the media of a page of statuses (and of what they
// reblog) in one query, before they are rendered.
func (h *Handler) loadStatusMedia(ctx context.Context, sts []*models.Status) error {
	// Statuses whose media are known already (a status just created
	// without any) are not asked again.
	var load []*models.Status
	for i, st := range sts {
		if st.Media != nil && (st.Reblog == nil || st.Reblog.Media != nil) {
			if load == nil {
				load = append(make([]*models.Status, 0, len(sts)), sts[:i]...)
			}
			continue
		}
		if load != nil {
			load = append(load, st)
		}
	}
	if load == nil {
		load = sts
	}
	if len(load) == 0 {
		return nil
	}
	return h.Store.LoadMedia(ctx, load...)
}

// statusMediaIDs reads media_ids[]: nil when the parameter is absent, else
// at most MaxMediaAttachments ids (blank entries skipped). Whether they
// are the poster's own unattached uploads the store checks.
func statusMediaIDs(p *params) ([]string, error) {
	if _, inJSON := p.JSON["media_ids"]; !inJSON && !p.Has("media_ids") && !p.Has("media_ids[]") {
		return nil, nil
	}
	ids := []string{}
	for _, id := range p.Strings("media_ids") {
		if id = strings.TrimSpace(id); id == "" {
			continue
		}
		if !validStatusID(id) {
			return nil, models.Invalidf("Media attachments must be your own unattached uploads")
		}
		ids = append(ids, id)
	}
	if len(ids) > MaxMediaAttachments {
		return nil, models.Invalidf("Too many media attachments (at most %d)", MaxMediaAttachments)
	}
	return ids, nil
}

// composeWithMedia is composeStatus, except that a status with media may
// have no text (as in Mastodon).
func (h *Handler) composeWithMedia(ctx context.Context, d statusDraft, media int) (composedStatus, error) {
	if media == 0 || strings.TrimSpace(cleanStatusText(d.Text)) != "" {
		return h.composeStatus(ctx, d)
	}
	spoiler := strings.TrimSpace(cleanStatusText(d.SpoilerText))
	if utf8.RuneCountInString(spoiler) > MaxStatusCharacters {
		return composedStatus{}, models.Invalidf("Text character limit of %d exceeded", MaxStatusCharacters)
	}
	return composedStatus{SpoilerText: spoiler, ContentType: string(d.Format)}, nil
}

// editMediaIDs reads an edit's media_ids[] (nil keeps the media) and says
// how many attachments st will have after the edit.
func (h *Handler) editMediaIDs(ctx context.Context, p *params, st *models.Status) ([]string, int, error) {
	ids, err := statusMediaIDs(p)
	if err != nil || ids != nil {
		return ids, len(ids), err
	}
	if err := h.Store.LoadMedia(ctx, st); err != nil {
		return nil, 0, err
	}
	return nil, len(st.Media), nil
}
