package mastodon

import (
	"net/http"
	"strings"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// accountSearch answers GET /api/v1/accounts/search?q=&limit=&offset=&following=.
// q is matched against the accounts this instance knows: "name" by
// username prefix or display name, "name@host" by username and domain
// prefix (this instance's host means local accounts). Accounts blocking or
// blocked by the caller are left out. With resolve=true an unknown
// user@host is looked up with the Resolver (WebFinger) and listed first.
func (h *Handler) accountSearch(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	if !p.Has("q") {
		return respond.BadRequest("Missing q parameter")
	}
	limit, err := p.Int("limit", store.AccountsPageDefault)
	if err != nil {
		return err
	}
	offset, err := p.Int("offset", 0)
	if err != nil {
		return err
	}
	following, _, err := p.Bool("following")
	if err != nil {
		return err
	}
	me := auth.Account(r.Context())
	q := store.AccountSearch{ViewerID: me.ID, Following: following, Limit: limit, Offset: offset}
	accts := []*models.Account{}
	if h.parseAccountQuery(strings.TrimSpace(p.Get("q")), &q) {
		if accts, err = h.Store.SearchAccounts(r.Context(), q); err != nil {
			return err
		}
	}
	if resolve, _, _ := p.Bool("resolve"); resolve && len(accts) == 0 {
		if a, _ := h.resolve(r.Context(), strings.TrimSpace(p.Get("q"))); a != nil && !hidden(a) {
			accts = append(accts, a)
		}
	}
	out, err := h.presentAccounts(r.Context(), accts)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}

// parseAccountQuery fills q from a typed query; false when nothing can match.
func (h *Handler) parseAccountQuery(raw string, q *store.AccountSearch) bool {
	raw = strings.TrimPrefix(raw, "@")
	username, domain, hasDomain := strings.Cut(raw, "@")
	switch {
	case raw == "" || strings.Contains(domain, "@"):
		return false
	case !hasDomain:
		q.AnyDomain, q.DisplayName = true, username
	case domain == "":
		q.AnyDomain = true
	case models.NormalizeDomain(domain) != h.Site.Host():
		q.Domain = domain
	}
	q.Username = username
	return true
}

// familiarFollowers answers GET /api/v1/accounts/familiar_followers?id[]=:
// for each known account asked about, the accounts the caller follows that
// follow it. Accounts are rendered in one batch.
func (h *Handler) familiarFollowers(w http.ResponseWriter, r *http.Request) error {
	targets, err := h.knownAccounts(r)
	if err != nil {
		return err
	}
	ids := accountIDs(targets)
	known, err := h.Store.FamiliarFollowers(r.Context(), auth.Account(r.Context()).ID, ids)
	if err != nil {
		return err
	}
	var all []*models.Account
	seen := map[string]bool{}
	for _, id := range ids {
		for _, a := range known[id] {
			if !seen[a.ID] {
				seen[a.ID] = true
				all = append(all, a)
			}
		}
	}
	rendered, err := h.presentAccounts(r.Context(), all)
	if err != nil {
		return err
	}
	byID := make(map[string]entity.Account, len(rendered))
	for _, a := range rendered {
		byID[a.ID] = a
	}
	out := make([]entity.FamiliarFollowers, 0, len(ids))
	for _, id := range ids {
		f := entity.FamiliarFollowers{ID: id, Accounts: make([]entity.Account, 0, len(known[id]))}
		for _, a := range known[id] {
			f.Accounts = append(f.Accounts, byID[a.ID])
		}
		out = append(out, f)
	}
	return respond.JSON(w, http.StatusOK, out)
}
