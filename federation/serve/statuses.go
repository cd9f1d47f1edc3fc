package serve

import (
	"errors"
	"net/url"
	"strings"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// status serves statuses/{id} (the Note), statuses/{id}/activity (its
// Create, or a reblog's Announce) and statuses/{id}/replies, for statuses
// of req.acct that the viewer may see.
func (h *Handler) status(req *request, rest string) (vocab.Type, bool, error) {
	ctx := req.r.Context()
	id, sub, _ := strings.Cut(rest, "/")
	st, err := h.cfg.Store.StatusByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) || (err == nil && (st.AccountID != req.acct.ID || !st.Local)) {
		return nil, false, errNotFound
	}
	if err != nil {
		return nil, false, err
	}
	if ok, err := h.cfg.Store.CanSee(ctx, req.viewer, st); err != nil || !ok {
		if err == nil {
			err = errNotFound
		}
		return nil, false, err
	}
	if err := h.cfg.Store.LoadMedia(ctx, st); err != nil {
		return nil, false, err
	}
	private := !st.Target().Visibility.Distributable() || !st.Visibility.Distributable()
	var doc vocab.Type
	switch {
	case sub == "activity" && st.IsReblog():
		doc, err = astype.Announce(st)
	case st.IsReblog():
		return nil, false, errNotFound
	case sub == "":
		doc, err = astype.Note(h.cfg.Site, st)
	case sub == "activity":
		doc, err = astype.CreateNote(h.cfg.Site, st)
	case sub == "replies":
		doc, err = h.replies(req, st)
	default:
		return nil, false, errNotFound
	}
	return doc, private, err
}

func idProp(s string) vocab.JSONLDIdProperty {
	p := streams.NewJSONLDIdProperty()
	p.Set(mustURL(s))
	return p
}

// mustURL parses a URL this server built; a local URI always parses.
func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{}
	}
	return u
}
