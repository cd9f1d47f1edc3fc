package mastodon

import (
	"net/http"
	"time"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// limitOffset reads limit (def when absent, clamped to 1..most) and offset.
func limitOffset(r *http.Request, def, most int) (limit, offset int, err error) {
	p, err := readParams(r)
	if err != nil {
		return 0, 0, err
	}
	if limit, err = p.Int("limit", def); err != nil {
		return 0, 0, err
	}
	if offset, err = p.Int("offset", 0); err != nil {
		return 0, 0, err
	}
	return min(max(limit, 1), most), max(offset, 0), nil
}

// trendsTags answers GET /api/v1/trends/tags (and the older
// /api/v1/trends): hashtags of public statuses of the last week, by how
// many accounts used them (limit default 10, max 20; offset).
func (h *Handler) trendsTags(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := limitOffset(r, 10, 20)
	if err != nil {
		return err
	}
	tags, err := h.Store.TrendingTags(r.Context(), time.Now(), limit, offset)
	if err != nil {
		return err
	}
	out, err := h.presentTags(r.Context(), requesterID(r), tags)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}

// trendsStatuses answers GET /api/v1/trends/statuses: public statuses of
// the last week with the most favourites and reblogs (limit default 20,
// max 40; offset).
func (h *Handler) trendsStatuses(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := limitOffset(r, 20, 40)
	if err != nil {
		return err
	}
	viewer := requesterID(r)
	sts, err := h.Store.TrendingStatuses(r.Context(), viewer, time.Now(), limit, offset)
	if err != nil {
		return err
	}
	return h.writeStatuses(w, r, viewer, models.FilterPublic, sts)
}

// trendsLinks answers GET /api/v1/trends/links: Stoa does not collect
// links yet.
func (h *Handler) trendsLinks(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, []any{})
}
