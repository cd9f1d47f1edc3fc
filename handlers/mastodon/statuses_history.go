package mastodon

import (
	"net/http"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
)

// statusHistory answers GET /api/v1/statuses/:id/history: every version of
// the status (of the original, for a reblog), oldest first, the original
// included; a status never edited has one version.
func (h *Handler) statusHistory(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := h.statusFromPath(r)
	if err != nil {
		return err
	}
	st = st.Target()
	edits, err := h.Store.StatusHistory(ctx, st.ID)
	if err != nil {
		return err
	}
	author, err := h.accountEntity(ctx, st.Account)
	if err != nil {
		return err
	}
	out := make([]entity.StatusEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, entity.NewStatusEdit(e, author))
	}
	return respond.JSON(w, http.StatusOK, out)
}

// statusSource answers GET /api/v1/statuses/:id/source: the text the status
// was written in. A remote status has no source; its text is recovered
// from its HTML.
func (h *Handler) statusSource(w http.ResponseWriter, r *http.Request) error {
	st, err := h.statusFromPath(r)
	if err != nil {
		return err
	}
	st = st.Target()
	text := st.Text
	if text == "" && !st.Local {
		text = content.PlainText(st.Content)
	}
	return respond.JSON(w, http.StatusOK, entity.StatusSource{ID: st.ID, Text: text, SpoilerText: st.SpoilerText})
}
