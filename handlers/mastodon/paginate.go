package mastodon

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models/store"
)

// pageParams reads max_id, since_id, min_id and limit. The store clamps the
// limit to each list's default and maximum; a non-numeric limit is 400.
func pageParams(r *http.Request) (store.Page, error) {
	q := r.URL.Query()
	p := store.Page{MaxID: q.Get("max_id"), SinceID: q.Get("since_id"), MinID: q.Get("min_id")}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil {
			return p, respond.BadRequest("limit must be a number")
		}
		p.Limit = n
	}
	return p, nil
}

// setLink writes Mastodon's Link header for a page: next (older, max_id)
// and prev (newer, min_id). URLs are built from --url, and every other
// query parameter (limit, filters) is kept so clients can follow them as is.
func (h *Handler) setLink(w http.ResponseWriter, r *http.Request, info store.PageInfo) {
	var links []string
	if info.NextMaxID != "" {
		links = append(links, "<"+h.pageURL(r, "max_id", info.NextMaxID)+`>; rel="next"`)
	}
	if info.PrevMinID != "" {
		links = append(links, "<"+h.pageURL(r, "min_id", info.PrevMinID)+`>; rel="prev"`)
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
}

func (h *Handler) pageURL(r *http.Request, key, id string) string {
	q := url.Values{}
	for k, v := range r.URL.Query() {
		switch k {
		case "max_id", "min_id", "since_id":
		default:
			q[k] = v
		}
	}
	q.Set(key, id)
	return h.Site.URL(r.URL.Path) + "?" + q.Encode()
}
