package serve

import (
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// moderators is a community's moderators collection, as Lemmy serves it:
// an OrderedCollection of the moderators' actor ids, inline, oldest
// moderator (the owner) first. Other accounts have none.
func (h *Handler) moderators(req *request) (vocab.Type, bool, error) {
	a := req.acct
	if !a.IsGroup() {
		return nil, false, errNotFound
	}
	mods, err := h.cfg.Store.CommunityModerators(req.r.Context(), a.ID)
	if err != nil {
		return nil, false, err
	}
	iris := make([]string, 0, len(mods))
	for _, m := range mods {
		iris = append(iris, m.URI)
	}
	doc, err := astype.OrderedCollection(astype.Collection{ID: models.CommunityModeratorsURI(a.URI),
		TotalItems: len(iris), Inline: true, IRIs: iris})
	return doc, false, err
}
