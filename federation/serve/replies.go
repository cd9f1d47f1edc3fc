package serve

import (
	"net/url"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/models"
)

// repliesPageSize is how many replies a page of a replies collection lists.
const repliesPageSize = 40

// replies is the replies collection of st: the ids of its direct public
// and unlisted replies that the viewer may see, local or not, oldest
// first, in pages linked by next (?page=true&min_id=<last id>). Without
// ?page it is the Collection with its first page embedded, as Mastodon
// serves it; with ?page=true, one CollectionPage.
func (h *Handler) replies(req *request, st *models.Status) (vocab.Type, error) {
	ctx, q := req.r.Context(), req.r.URL.Query()
	id := st.URI + "/replies"
	start := ""
	if q.Get("page") != "" {
		start = q.Get("min_id")
	}
	after := start
	// Hidden (private) replies are skipped, so a page reads more rows than
	// it lists; next continues after the last row read.
	batch, err := h.cfg.Store.DirectReplies(ctx, st.ID, after, 4*repliesPageSize)
	if err != nil {
		return nil, err
	}
	items := streams.NewActivityStreamsItemsProperty()
	next, n := "", 0
	for _, r := range batch {
		if n == repliesPageSize {
			next = after
			break
		}
		after = r.ID
		ok, err := h.visibleReply(req, r)
		if err != nil {
			return nil, err
		}
		if u, perr := url.Parse(r.URI); ok && perr == nil {
			items.AppendIRI(u)
			n++
		}
	}
	if n < repliesPageSize && len(batch) == 4*repliesPageSize {
		next = after
	}
	page := streams.NewActivityStreamsCollectionPage()
	page.SetJSONLDId(idProp(pageURL(id, start)))
	partOf := streams.NewActivityStreamsPartOfProperty()
	partOf.SetIRI(mustURL(id))
	page.SetActivityStreamsPartOf(partOf)
	page.SetActivityStreamsItems(items)
	if next != "" {
		p := streams.NewActivityStreamsNextProperty()
		p.SetIRI(mustURL(pageURL(id, next)))
		page.SetActivityStreamsNext(p)
	}
	if q.Get("page") != "" {
		return page, nil
	}
	c := streams.NewActivityStreamsCollection()
	c.SetJSONLDId(idProp(id))
	first := streams.NewActivityStreamsFirstProperty()
	first.SetActivityStreamsCollectionPage(page)
	c.SetActivityStreamsFirst(first)
	return c, nil
}

// visibleReply reports whether a reply is listed: public or unlisted, and
// visible to the viewer (not by an author who blocks it).
func (h *Handler) visibleReply(req *request, r *models.Status) (bool, error) {
	if !r.Visibility.Distributable() {
		return false, nil
	}
	return h.cfg.Store.CanSee(req.r.Context(), req.viewer, r)
}

// pageURL is the URL of the replies page after minID ("" for the first).
func pageURL(collection, minID string) string {
	v := url.Values{"page": {"true"}}
	if minID != "" {
		v.Set("min_id", minID)
	}
	return collection + "?" + v.Encode()
}
