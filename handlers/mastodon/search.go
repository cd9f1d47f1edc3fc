package mastodon

import (
	"net/http"
	"strings"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// searchRequest is GET /api/v2/search's parameters.
type searchRequest struct {
	q, kind, accountID string
	following, resolve bool
	limit, offset      int
	page               store.Page
}

// search answers GET /api/v2/search (q; type accounts, hashtags or
// statuses; following; account_id; limit default 20, max 40, per type;
// offset; max_id and min_id for statuses). Accounts match by acct or
// display name, hashtags by name prefix, statuses by full-text search of
// q (words, "phrases", -exclusions, from:; store.SearchStatuses) among
// those the caller may see; anonymous callers get no statuses, and
// may not use offset or resolve (401), as in Mastodon. With resolve, an
// unknown user@host or URL is looked up with the Resolver first.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	req, err := readSearch(r)
	if err != nil {
		return err
	}
	viewer := requesterID(r)
	ctx := r.Context()
	out := entity.Search{Accounts: []entity.Account{}, Statuses: []entity.Status{}, Hashtags: []entity.Tag{}}
	if req.resolve {
		if done, err := h.searchResolved(w, r, req, &out); done || err != nil {
			return err
		}
	}
	if req.kind == "" || req.kind == "accounts" {
		aq := store.AccountSearch{ViewerID: viewer, Following: req.following, Limit: req.limit, Offset: req.offset}
		if !strings.HasPrefix(req.q, "#") && h.parseAccountQuery(req.q, &aq) {
			accts, err := h.Store.SearchAccounts(ctx, aq)
			if err != nil {
				return err
			}
			if out.Accounts, err = h.presentAccounts(ctx, accts); err != nil {
				return err
			}
		}
	}
	if name, ok := content.NormalizeTag(req.q); ok && (req.kind == "" || req.kind == "hashtags") {
		tags, err := h.Store.SearchTags(ctx, name, req.limit, req.offset)
		if err != nil {
			return err
		}
		if out.Hashtags, err = h.presentTags(ctx, viewer, tags); err != nil {
			return err
		}
	}
	if viewer != "" && (req.kind == "" || req.kind == "statuses") {
		sq := store.StatusSearch{ViewerID: viewer, Query: req.q, AccountID: req.accountID, Offset: req.offset,
			LocalHost: h.Site.Host()}
		sts, _, err := h.Store.SearchStatuses(ctx, sq, req.page)
		if err != nil {
			return err
		}
		if out.Statuses, err = h.presentStatuses(ctx, viewer, sts); err != nil {
			return err
		}
		out.Statuses = h.applyFilters(ctx, viewer, models.FilterPublic, out.Statuses)
	}
	return respond.JSON(w, http.StatusOK, out)
}

// readSearch reads and checks search's parameters.
func readSearch(r *http.Request) (searchRequest, error) {
	var req searchRequest
	p, err := readParams(r)
	if err != nil {
		return req, err
	}
	req.q, req.kind, req.accountID = strings.TrimSpace(p.Get("q")), p.Get("type"), p.Get("account_id")
	if !p.Has("q") {
		return req, respond.BadRequest("Missing q parameter")
	}
	switch req.kind {
	case "", "accounts", "hashtags", "statuses":
	default:
		return req, respond.Unprocessable("Validation failed: type must be accounts, hashtags or statuses")
	}
	if req.limit, req.offset, err = limitOffset(r, store.StatusesPageDefault, store.StatusesPageMax); err != nil {
		return req, err
	}
	if req.following, _, err = p.Bool("following"); err != nil {
		return req, err
	}
	if req.resolve, _, err = p.Bool("resolve"); err != nil {
		return req, err
	}
	if requesterID(r) == "" && (req.resolve || req.offset > 0) {
		msg := "Search queries pagination is not supported without authentication"
		if req.resolve {
			msg = "Search queries that resolve remote resources are not supported without authentication"
		}
		return req, respond.Unauthorized(msg)
	}
	req.page = store.Page{MaxID: p.Get("max_id"), MinID: p.Get("min_id"), Limit: req.limit}
	return req, nil
}

// searchResolved answers a resolve=true search whose q the Resolver finds
// (an account, or a status the caller may see) with just that, as Mastodon
// does; done is false when nothing was found and the ordinary search runs.
func (h *Handler) searchResolved(w http.ResponseWriter, r *http.Request, req searchRequest, out *entity.Search) (bool, error) {
	ctx := r.Context()
	a, st := h.resolve(ctx, req.q)
	switch {
	case a != nil && !hidden(a) && (req.kind == "" || req.kind == "accounts"):
		ent, err := h.presentAccounts(ctx, []*models.Account{a})
		if err != nil {
			return true, err
		}
		out.Accounts = ent
	case st != nil && (req.kind == "" || req.kind == "statuses"):
		if ok, err := h.Store.CanSee(ctx, requesterID(r), st); err != nil || !ok {
			return err != nil, err
		}
		ent, err := h.presentStatuses(ctx, requesterID(r), []*models.Status{st})
		if err != nil {
			return true, err
		}
		out.Statuses = ent
	default:
		return false, nil
	}
	return true, respond.JSON(w, http.StatusOK, out)
}
