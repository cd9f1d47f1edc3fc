package mastodon

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// tagHistoryDays is how many days of use a Tag entity shows.
const tagHistoryDays = 7

// presentTags renders tags with their last week of use and, for a signed-in
// viewer, whether the viewer follows each.
func (h *Handler) presentTags(ctx context.Context, viewerID string, tags []*models.Tag) ([]entity.Tag, error) {
	ids := make([]string, len(tags))
	for i, t := range tags {
		ids[i] = t.ID
	}
	hist, err := h.Store.TagHistory(ctx, ids, tagHistoryDays, time.Now())
	if err != nil {
		return nil, err
	}
	followed, err := h.Store.FollowedTagIDs(ctx, viewerID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]entity.Tag, 0, len(tags))
	for _, t := range tags {
		var following *bool
		if viewerID != "" {
			f := followed[t.ID]
			following = &f
		}
		out = append(out, entity.NewTag(h.Site, t, hist[t.ID], following))
	}
	return out, nil
}

// writeTag answers with one tag.
func (h *Handler) writeTag(w http.ResponseWriter, r *http.Request, t *models.Tag) error {
	out, err := h.presentTags(r.Context(), requesterID(r), []*models.Tag{t})
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out[0])
}

// pathTagName normalises the {name} path variable; an invalid hashtag is 404.
func pathTagName(r *http.Request) (string, error) {
	name, ok := content.NormalizeTag(mux.Vars(r)["name"])
	if !ok {
		return "", respond.NotFound()
	}
	return name, nil
}

// tagGet answers GET /api/v1/tags/{name} (case-insensitive). A valid name
// no status has used yet is shown with no use, as Mastodon does; an
// invalid one is 404.
func (h *Handler) tagGet(w http.ResponseWriter, r *http.Request) error {
	name, err := pathTagName(r)
	if err != nil {
		return err
	}
	t, err := h.Store.TagByName(r.Context(), name)
	if errors.Is(err, models.ErrNotFound) {
		t, err = &models.Tag{Name: name, DisplayName: strings.TrimPrefix(mux.Vars(r)["name"], "#")}, nil
	}
	if err != nil {
		return err
	}
	return h.writeTag(w, r, t)
}

// tagFollow answers POST /api/v1/tags/{name}/follow: idempotent; public
// statuses with the tag join the caller's home timeline from now on.
func (h *Handler) tagFollow(w http.ResponseWriter, r *http.Request) error {
	name, err := pathTagName(r)
	if err != nil {
		return err
	}
	t, err := h.Store.FollowTag(r.Context(), auth.Account(r.Context()).ID, name)
	if err != nil {
		return err
	}
	return h.writeTag(w, r, t)
}

// tagUnfollow answers POST /api/v1/tags/{name}/unfollow: idempotent; an
// unknown tag is 404.
func (h *Handler) tagUnfollow(w http.ResponseWriter, r *http.Request) error {
	name, err := pathTagName(r)
	if err != nil {
		return err
	}
	t, err := h.Store.UnfollowTag(r.Context(), auth.Account(r.Context()).ID, name)
	if err != nil {
		return err
	}
	return h.writeTag(w, r, t)
}

// followedTags answers GET /api/v1/followed_tags (limit default 100, max
// 200), newest follow first, with a Link header.
func (h *Handler) followedTags(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context()).ID
	tags, info, err := h.Store.FollowedTags(r.Context(), me, page)
	if err != nil {
		return err
	}
	out, err := h.presentTags(r.Context(), me, tags)
	if err != nil {
		return err
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}
