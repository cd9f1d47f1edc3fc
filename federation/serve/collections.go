package serve

import (
	"net/url"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Page sizes of the paged collections.
const (
	outboxPageSize  = 20
	followsPageSize = 40
)

// outbox is the account's public and unlisted posts and reblogs, newest
// first: without ?page the OrderedCollection (totalItems, first, last);
// with ?page=true (and max_id or min_id) one OrderedCollectionPage of
// Create and Announce activities with next and prev.
func (h *Handler) outbox(req *request) (vocab.Type, bool, error) {
	a, q := req.acct, req.r.URL.Query()
	total, err := h.count(req, func(s models.AccountStats) int { return s.StatusesCount })
	if err != nil {
		return nil, false, err
	}
	if q.Get("page") == "" {
		oc, err := astype.OrderedCollection(astype.Collection{ID: a.OutboxURI, TotalItems: total,
			First: a.OutboxURI + "?page=true"})
		if err != nil {
			return nil, false, err
		}
		last := streams.NewActivityStreamsLastProperty()
		last.SetIRI(mustURL(a.OutboxURI + "?min_id=0&page=true"))
		oc.SetActivityStreamsLast(last)
		return oc, false, nil
	}
	page := pageOf(q, outboxPageSize)
	sts, info, err := h.cfg.Store.AccountStatuses(req.r.Context(), req.viewer, a.ID, store.AccountStatusesFilter{}, page)
	if err == nil {
		err = h.cfg.Store.LoadMedia(req.r.Context(), sts...)
	}
	if err != nil {
		return nil, false, err
	}
	var objects []vocab.Type
	for _, st := range sts {
		if !st.Visibility.Distributable() || !st.Target().Visibility.Distributable() {
			continue // public posts only, whoever asks
		}
		var act vocab.Type
		if st.IsReblog() {
			act, err = astype.Announce(st)
		} else {
			act, err = astype.CreateNote(h.cfg.Site, st)
		}
		if err != nil {
			return nil, false, err
		}
		objects = append(objects, act)
	}
	cp := astype.CollectionPage{ID: pageID(a.OutboxURI, page), PartOf: a.OutboxURI, TotalItems: total, Objects: objects}
	links(&cp, a.OutboxURI, info, len(sts) == outboxPageSize)
	doc, err := astype.OrderedCollectionPage(cp)
	return doc, false, err
}

// follows is the followers or following collection: totalItems always;
// the actor ids, newest follow first, in pages of 40, unless the account
// is locked or is a community's members (then the count alone, as for
// Mastodon's hidden collections).
func (h *Handler) follows(req *request, followers bool) (vocab.Type, bool, error) {
	a, q := req.acct, req.r.URL.Query()
	id := a.FollowingURI
	count := func(s models.AccountStats) int { return s.FollowingCount }
	list := h.cfg.Store.Following
	if followers {
		id, list = a.FollowersURI, h.cfg.Store.Followers
		count = func(s models.AccountStats) int { return s.FollowersCount }
	}
	total, err := h.count(req, count)
	if err != nil {
		return nil, false, err
	}
	// A community's members are counted, never listed (as Lemmy does).
	hidden := a.Locked || (followers && a.IsGroup())
	if hidden || q.Get("page") == "" {
		c := astype.Collection{ID: id, TotalItems: total}
		if !hidden {
			c.First = id + "?page=true"
		}
		doc, err := astype.OrderedCollection(c)
		return doc, false, err
	}
	page := pageOf(q, followsPageSize)
	accts, info, err := list(req.r.Context(), a.ID, page)
	if err != nil {
		return nil, false, err
	}
	cp := astype.CollectionPage{ID: pageID(id, page), PartOf: id, TotalItems: total, IRIs: []string{}}
	for _, f := range accts {
		cp.IRIs = append(cp.IRIs, f.URI)
	}
	links(&cp, id, info, len(accts) == followsPageSize)
	doc, err := astype.OrderedCollectionPage(cp)
	return doc, false, err
}

// featured is the account's pinned statuses the viewer may see: local
// ones as Notes, inline; remote ones (a community pins its members'
// posts) by id, first, since their home server serves them.
func (h *Handler) featured(req *request) (vocab.Type, bool, error) {
	a := req.acct
	sts, err := h.cfg.Store.FeaturedStatuses(req.r.Context(), req.viewer, a.ID)
	if err == nil {
		err = h.cfg.Store.LoadMedia(req.r.Context(), sts...)
	}
	if err != nil {
		return nil, false, err
	}
	objects, iris, private := []vocab.Type{}, []string{}, false
	for _, st := range sts {
		if st.IsReblog() || st.Visibility == models.VisibilityDirect {
			continue
		}
		private = private || !st.Visibility.Distributable()
		if !st.Local {
			iris = append(iris, st.URI)
			continue
		}
		n, err := astype.Note(h.cfg.Site, st)
		if err != nil {
			return nil, false, err
		}
		objects = append(objects, n)
	}
	doc, err := astype.OrderedCollection(astype.Collection{ID: a.FeaturedURI, TotalItems: len(iris) + len(objects),
		Inline: true, IRIs: iris, Objects: objects})
	return doc, private, err
}

// count reads one of the account's counters.
func (h *Handler) count(req *request, of func(models.AccountStats) int) (int, error) {
	stats, err := h.cfg.Store.AccountStats(req.r.Context(), req.acct.ID)
	return of(stats[req.acct.ID]), err
}

// pageOf reads max_id and min_id.
func pageOf(q url.Values, size int) store.Page {
	return store.Page{MaxID: q.Get("max_id"), MinID: q.Get("min_id"), Limit: size}
}

// pageID is the canonical URL of a page.
func pageID(collection string, p store.Page) string {
	v := url.Values{"page": {"true"}}
	if p.MaxID != "" {
		v.Set("max_id", p.MaxID)
	}
	if p.MinID != "" {
		v.Set("min_id", p.MinID)
	}
	return collection + "?" + v.Encode()
}

// links sets next (older; only after a full page) and prev (newer) from
// the page's bounds.
func links(cp *astype.CollectionPage, collection string, info store.PageInfo, full bool) {
	if info.NextMaxID != "" && full {
		cp.Next = pageID(collection, store.Page{MaxID: info.NextMaxID})
	}
	if info.PrevMinID != "" {
		cp.Prev = pageID(collection, store.Page{MinID: info.PrevMinID})
	}
}
