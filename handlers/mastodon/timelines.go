package mastodon

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// maxExtraTags is how many tags each of any[], all[] and none[] may name
// (Mastodon applies at most four from each).
const maxExtraTags = 4

// callerID is the signed-in account's id, or "" for anonymous requests.
func callerID(r *http.Request) string {
	if a := auth.Account(r.Context()); a != nil {
		return a.ID
	}
	return ""
}

// timelineHome answers GET /api/v1/timelines/home: the caller's own
// statuses, followed accounts' statuses and reblogs, newest first.
func (h *Handler) timelineHome(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	id := callerID(r)
	sts, info, err := h.Store.Home(r.Context(), id, page)
	if err != nil {
		return err
	}
	return h.writeTimeline(w, r, id, models.FilterHome, sts, info)
}

// timelinePublic answers GET /api/v1/timelines/public (local, remote,
// only_media); anonymous callers are welcome, as on Mastodon by default.
func (h *Handler) timelinePublic(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	var f store.PublicFilter
	if f.Local, f.Remote, f.OnlyMedia, err = placeParams(p); err != nil {
		return err
	}
	id := callerID(r)
	sts, info, err := h.Store.Public(r.Context(), id, f, page)
	if err != nil {
		return err
	}
	return h.writeTimeline(w, r, id, models.FilterPublic, sts, info)
}

// timelineTag answers GET /api/v1/timelines/tag/:hashtag with any[],
// all[] and none[] (four tags each at most) and local/remote/only_media.
// An unknown hashtag gives an empty list, as on Mastodon.
func (h *Handler) timelineTag(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	f := store.TagFilter{
		Tag: mux.Vars(r)["hashtag"],
		Any: tagsUpTo(p.Strings("any"), maxExtraTags), All: tagsUpTo(p.Strings("all"), maxExtraTags),
		None: tagsUpTo(p.Strings("none"), maxExtraTags),
	}
	if f.Local, f.Remote, f.OnlyMedia, err = placeParams(p); err != nil {
		return err
	}
	id := callerID(r)
	sts, info, err := h.Store.TagTimeline(r.Context(), id, f, page)
	if err != nil {
		return err
	}
	return h.writeTimeline(w, r, id, models.FilterPublic, sts, info)
}

// placeParams reads the local, remote and only_media booleans.
func placeParams(p *params) (local, remote, onlyMedia bool, err error) {
	if local, _, err = p.Bool("local"); err != nil {
		return
	}
	if remote, _, err = p.Bool("remote"); err != nil {
		return
	}
	onlyMedia, _, err = p.Bool("only_media")
	return
}

// writeTimeline renders a page of statuses for viewer with the viewer's
// filters of filterContext applied (see applyFilters) and the Link header,
// which follows the page as read, before filtering.
func (h *Handler) writeTimeline(w http.ResponseWriter, r *http.Request, viewer, filterContext string, sts []*models.Status, info store.PageInfo) error {
	out, filtered, err := h.presentStatusesAt(r.Context(), viewer, sts, time.Now())
	if err != nil {
		return err
	}
	h.setLink(w, r, info)
	if filtered { // only then are the viewer's filters worth loading
		out = h.applyFilters(r.Context(), viewer, filterContext, out)
	}
	return writeStatuses(w, out)
}

// pageBuffers recycles the buffers timeline pages are encoded into.
var pageBuffers = sync.Pool{New: func() any { return new([]byte) }}

// writeStatuses answers 200 with sts as JSON (entity.AppendStatuses).
func writeStatuses(w http.ResponseWriter, sts []entity.Status) error {
	return writeAppended(w, func(b []byte) ([]byte, error) { return entity.AppendStatuses(b, sts) })
}

// writeStatus answers 200 with e as JSON (entity.AppendStatus).
func writeStatus(w http.ResponseWriter, e *entity.Status) error {
	return writeAppended(w, func(b []byte) ([]byte, error) { return entity.AppendStatus(b, e) })
}

// writeAppended answers 200 with the JSON that appendJSON appends to a
// recycled buffer: entity's hand-written encoders write what respond.JSON
// would, without reflection.
func writeAppended(w http.ResponseWriter, appendJSON func([]byte) ([]byte, error)) error {
	buf := pageBuffers.Get().(*[]byte)
	b, err := appendJSON((*buf)[:0])
	if err != nil {
		return err
	}
	if cap(b) <= 1<<20 { // keep no giant buffer alive
		*buf = b
		defer pageBuffers.Put(buf)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	// The whole answer is known: no chunked framing around it.
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(b)
	return err
}

func tagsUpTo(xs []string, n int) []string {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}
