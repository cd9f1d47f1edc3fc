package mastodon

import (
	"context"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
)

// presentAccounts renders accounts with their counts in one query. It is
// the one place Account entities are built, so counts are always filled.
func (h *Handler) presentAccounts(ctx context.Context, accts []*models.Account) ([]entity.Account, error) {
	ids := make([]string, 0, len(accts))
	for _, a := range accts {
		ids = append(ids, a.ID)
	}
	stats, err := h.Store.AccountStats(ctx, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]entity.Account, 0, len(accts))
	for _, a := range accts {
		s := stats[a.ID]
		out = append(out, entity.NewAccount(h.Site, a, entity.Counts{
			Statuses: s.StatusesCount, Followers: s.FollowersCount,
			Following: s.FollowingCount, LastStatusAt: s.LastStatusAt,
		}))
	}
	return out, nil
}

// accountEntity renders one account with its counts.
func (h *Handler) accountEntity(ctx context.Context, a *models.Account) (entity.Account, error) {
	out, err := h.presentAccounts(ctx, []*models.Account{a})
	if err != nil {
		return entity.Account{}, err
	}
	return out[0], nil
}

// presentStatuses renders loaded statuses (Account, Reblog, Mentions, Tags
// filled by the store) for viewerID ("" for anonymous), batching the
// account counts and the viewer's flags.
func (h *Handler) presentStatuses(ctx context.Context, viewerID string, sts []*models.Status) ([]entity.Status, error) {
	var accts []*models.Account
	seen := map[string]bool{}
	var targets []*models.Status
	for _, st := range sts {
		for _, s := range []*models.Status{st, st.Reblog} {
			if s == nil || s.Account == nil {
				continue
			}
			if !seen[s.Account.ID] {
				seen[s.Account.ID] = true
				accts = append(accts, s.Account)
			}
		}
		targets = append(targets, st.Target())
	}
	rendered, err := h.presentAccounts(ctx, accts)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]entity.Account, len(rendered))
	for _, a := range rendered {
		byID[a.ID] = a
	}
	var viewers map[string]models.StatusViewer
	if viewerID != "" {
		if viewers, err = h.Store.StatusViewers(ctx, viewerID, targets); err != nil {
			return nil, err
		}
	}
	flags := func(st *models.Status) *models.StatusViewer {
		if viewerID == "" {
			return nil
		}
		v := viewers[st.ID]
		return &v
	}
	out := make([]entity.Status, 0, len(sts))
	for _, st := range sts {
		p := entity.StatusParts{Account: byID[st.AccountID]}
		if st.Reblog != nil {
			inner := entity.NewStatus(h.Site, st.Reblog, entity.StatusParts{
				Account: byID[st.Reblog.AccountID], Viewer: flags(st.Reblog),
			})
			p.Reblog = &inner
			p.Viewer = flags(st.Reblog) // Mastodon mirrors the target's flags on the wrapper
		} else {
			p.Viewer = flags(st)
		}
		out = append(out, entity.NewStatus(h.Site, st, p))
	}
	return out, nil
}

// statusEntity renders one status for viewerID.
func (h *Handler) statusEntity(ctx context.Context, viewerID string, st *models.Status) (entity.Status, error) {
	out, err := h.presentStatuses(ctx, viewerID, []*models.Status{st})
	if err != nil {
		return entity.Status{}, err
	}
	return out[0], nil
}
